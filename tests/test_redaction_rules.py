"""Each detection rule, by a table of cases: what must be found (type and exact text) and what must not."""

from __future__ import annotations

import pytest

from assistant.guardrails import validators as v
from assistant.guardrails.redactor import Redactor

FOUND = [
    # (text, entity type, the exact value expected)
    ("mail me at jane.doe+shop@mail.example", "EMAIL", "jane.doe+shop@mail.example"),
    ("JANE_DOE@Post.Example.co.uk is mine", "EMAIL", "JANE_DOE@Post.Example.co.uk"),
    ("write to jane dot doe at mail dot com please", "EMAIL", "jane dot doe at mail dot com"),
    ("write to sales at northwind.com today", "EMAIL", "sales at northwind.com"),
    ("jane [dot] doe (at) mail [dot] example", "EMAIL", "jane [dot] doe (at) mail [dot] example"),
    ("mail jаne@mail.example (Cyrillic a)", "EMAIL", "jаne@mail.example"),
    ("call +1 206-555-0147 today", "PHONE", "+1 206-555-0147"),
    ("call (206) 555-0147", "PHONE", "(206) 555-0147"),
    ("ring 020 7946 0958", "PHONE", "020 7946 0958"),
    ("mobile +44 7700 900123", "PHONE", "+44 7700 900123"),
    ("Tel. +49 30 901820 45", "PHONE", "+49 30 901820 45"),
    ("appelle le 01 99 00 12 34", "PHONE", "01 99 00 12 34"),
    ("call +91 98765 43210", "PHONE", "+91 98765 43210"),
    # A list of numbers after slashes, and an extension on its own after a name (someone's direct line).
    ("T: 020 7946 0958 / 0959 any time", "PHONE", "020 7946 0958 / 0959"),
    ("City Recorder - Kathy Smith (ext. 207) recorder@x.example", "PHONE", "ext. 207"),
    ("Reserve Officer - Steven McDougal (ext. 201/202)", "PHONE", "ext. 201/202"),
    ("Phone: +91-22-33074700/01/02/03/04\nUnited States", "PHONE", "+91-22-33074700/01/02/03/04"),
    # A person's tax number is personal data: still redacted, unlike a firm's VAT number.
    ("his tax identification number 987654321 was on the form", "PHONE", "987654321"),
    ("my number is 5 5 5 0 1 9 9", "PHONE", "5 5 5 0 1 9 9"),
    ("it is five five five zero one nine nine", "PHONE", "five five five zero one nine nine"),
    ("call ２０６-５５５-０１４７", "PHONE", "２０６-５５５-０１４７"),
    ("card 4111 1111 1111 1111 expires soon", "CREDIT_CARD", "4111 1111 1111 1111"),
    ("card 5500-0000-0000-0004", "CREDIT_CARD", "5500-0000-0000-0004"),
    ("amex 378282246310005", "CREDIT_CARD", "378282246310005"),
    ("card 4111\u200b1111\u200b1111\u200b1111", "CREDIT_CARD", "4111\u200b1111\u200b1111\u200b1111"),
    ("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN", "DE89 3704 0044 0532 0130 00"),
    ("iban GB29NWBK60161331926819", "IBAN", "GB29NWBK60161331926819"),
    ("FR14 2004 1010 0505 0001 3M02 606 is my account", "IBAN", "FR14 2004 1010 0505 0001 3M02 606"),
    ("my SSN is 123-45-6788", "US_SSN", "123-45-6788"),
    ("social security number 234567891", "US_SSN", "234567891"),
    ("NI number AB 12 34 56 C", "UK_NINO", "AB 12 34 56 C"),
    ("nino: JG103759A", "UK_NINO", "JG103759A"),
    ("from 203.0.113.42 last night", "IP_ADDRESS", "203.0.113.42"),
    ("ipv6 2001:db8:85a3::8a2e:370:7334 here", "IP_ADDRESS", "2001:db8:85a3::8a2e:370:7334"),
    ("I was born on 3 March 1985", "DATE_OF_BIRTH", "3 March 1985"),
    ("DOB: 1985-03-03", "DATE_OF_BIRTH", "1985-03-03"),
    ("date of birth 03/04/1990", "DATE_OF_BIRTH", "03/04/1990"),
    ("my birthday is July 4, 1976", "DATE_OF_BIRTH", "July 4, 1976"),
    ("send it to 12 Pine St, Seattle, WA 98101", "STREET_ADDRESS", "12 Pine St, Seattle, WA 98101"),
    ("I live at 221B Baker Street, London NW1 6XE", "STREET_ADDRESS", "221B Baker Street, London NW1 6XE"),
    ("Anschrift: Musterstraße 12, 10115 Berlin", "STREET_ADDRESS", "Musterstraße 12, 10115 Berlin"),
    ("chez moi: 8 rue de la Paix, 75002 Paris", "STREET_ADDRESS", "8 rue de la Paix, 75002 Paris"),
    ("vivo en Calle Mayor 12, 28013 Madrid", "STREET_ADDRESS", "Calle Mayor 12, 28013 Madrid"),
    # Shapes from third-party text (benchmarks/pii/third_party), invented values.
    ("Phone 619.555.0143", "PHONE", "619.555.0143"),
    ("Main office 530.555.0190 x410, fax 530.555.0191", "PHONE", "530.555.0190 x410"),
    ("(212) 555-0100 ext. 12 for billing", "PHONE", "(212) 555-0100 ext. 12"),
    ("Telephone0844 800 1500", "PHONE", "0844 800 1500"),
    ("Perth WA 6006\n(08) 9443 6444\nHome", "PHONE", "(08) 9443 6444"),
    # A page's next word glued on after the number ends it, whatever its case
    ("Questions? 1.888.555.0123Open daily", "PHONE", "1.888.555.0123"),
    ("Call (206) 555-0147hours and directions", "PHONE", "(206) 555-0147"),
    (
        "Write to us:\n6-8 Hazelwood Rd\nCudham\nSevenoaks\nKent\nTN14 7QU\nCall us",
        "STREET_ADDRESS",
        "6-8 Hazelwood Rd\nCudham\nSevenoaks\nKent\nTN14 7QU",
    ),
    ("45 Tudor City Place\nNew York, NY 10017\nphone", "STREET_ADDRESS", "45 Tudor City Place\nNew York, NY 10017"),
    (
        "2828 SW Corbett Avenue Suite 135 Portland OR 97201",
        "STREET_ADDRESS",
        "2828 SW Corbett Avenue Suite 135 Portland OR 97201",
    ),
    ("mail it to P.O. Box 80286\nPhoenix AZ 85008", "STREET_ADDRESS", "P.O. Box 80286\nPhoenix AZ 85008"),
    ("Apt. 4B, 221 Baker Street, London", "STREET_ADDRESS", "Apt. 4B, 221 Baker Street, London"),
    ("2150 Fir Street, Vancouver BC V6J 3B5\nmap", "STREET_ADDRESS", "2150 Fir Street, Vancouver BC V6J 3B5"),
    (
        "Unit 1 Aspen Court\nRotherham\nS60 1FB\nUnited Kingdom",
        "STREET_ADDRESS",
        "1 Aspen Court\nRotherham\nS60 1FB\nUnited Kingdom",
    ),
    # Phones: letters for digits on toll-free lines, a country code in brackets, a cue in another language.
    ("Call 1-888-LUTRON1 (588-7661) now", "PHONE", "1-888-LUTRON1 (588-7661)"),
    ("Fax 888.FAX.IOSAFE", "PHONE", "888.FAX.IOSAFE"),
    ("(855) 928.AUTO (2886)", "PHONE", "(855) 928.AUTO (2886)"),
    ("Tel: (852) 2572- 1121", "PHONE", "(852) 2572- 1121"),
    ("( 86 ) 0532-8097-1939", "PHONE", "( 86 ) 0532-8097-1939"),
    ("Phone: +352 26 49 79 2116", "PHONE", "+352 26 49 79 2116"),
    ("Tlf.Centralita: 952579800", "PHONE", "952579800"),
    # Addresses: numbered and ordinal streets, "of" in a name, "|" between lines, more postcodes and countries.
    ("505 E 82ND ST. # 6J", "STREET_ADDRESS", "505 E 82ND ST. # 6J"),
    ("188 e 64 Street # 1805", "STREET_ADDRESS", "188 e 64 Street # 1805"),
    ("4001 41st Street NW\nRochester, MN 55901", "STREET_ADDRESS", "4001 41st Street NW\nRochester, MN 55901"),
    ("440 Hall of Fame Avenue\nAlbany NY 12207", "STREET_ADDRESS", "440 Hall of Fame Avenue\nAlbany NY 12207"),
    ("99 Troy Road | East Greenbush, NY 12061", "STREET_ADDRESS", "99 Troy Road | East Greenbush, NY 12061"),
    ("1776 Broadway 2nd Fl.\nNew York NY 10019", "STREET_ADDRESS", "1776 Broadway 2nd Fl.\nNew York NY 10019"),
    ("70 Long Pu Road\nSuzhou 215021\nChina", "STREET_ADDRESS", "70 Long Pu Road\nSuzhou 215021\nChina"),
    ("Norrtullsgatan 6 113 29 Stockholm", "STREET_ADDRESS", "Norrtullsgatan 6 113 29 Stockholm"),
    ("Mannebeekstraat 31\nB-8790 Waregem", "STREET_ADDRESS", "Mannebeekstraat 31\nB-8790 Waregem"),
    ("Calle de Alcalá 148, 6º A, 29095 Málaga", "STREET_ADDRESS", "Calle de Alcalá 148, 6º A, 29095 Málaga"),
    (
        "Rua XV de Novembro, 644, Boa Viagem, Recife - PE, 51436-320, Brasil",
        "STREET_ADDRESS",
        "Rua XV de Novembro, 644, Boa Viagem, Recife - PE, 51436-320, Brasil",
    ),
    # Lower case, with the postcode that makes it an address.
    ("22 victoria terrace, nottingham ng7 5jq", "STREET_ADDRESS", "22 victoria terrace, nottingham ng7 5jq"),
    ("ship to 17 rue des acacias, 31000 toulouse", "STREET_ADDRESS", "17 rue des acacias, 31000 toulouse"),
    ("eichenstraße 195a, 80323 münchen", "STREET_ADDRESS", "eichenstraße 195a, 80323 münchen"),
    # Names with initials.
    ("Timothy J. Mayopoulos, CEO", "PERSON", "Timothy J. Mayopoulos"),
    ("By Roger S. Pressman.", "PERSON", "Roger S. Pressman"),
    ("Hi, my name is Jane Doe", "PERSON", "Jane Doe"),
    ("Dear Mr. Okafor,", "PERSON", "Okafor"),
    ("Regards, Tomasz Wiśniewski", "PERSON", "Tomasz Wiśniewski"),
    # A known family name is never cut as a business word: the person stays, the firm's word does not.
    ("Paul Wilkinson Law, attorneys", "PERSON", "Paul Wilkinson"),
    ("I spoke to Priya Raman yesterday", "PERSON", "Priya Raman"),
    ("this is jose garcia speaking", "PERSON", "jose garcia"),
    ("Ludwig van Beethoven called", "PERSON", "Ludwig van Beethoven"),
    ("the customer's carer Oluwaseun Adeyemi asks", "PERSON", "Oluwaseun Adeyemi"),
    ("my neighbour, Ngozi Eze, got the same email", "PERSON", "Ngozi Eze"),
    ("please send it to Aigerim Nurlanovna", "PERSON", "Aigerim Nurlanovna"),
    # Names the lexicon holds with letters of their own alphabet.
    ("Łukasz Nowak asked me to call", "PERSON", "Łukasz Nowak"),
    ("the carer, František Dvořák, wrote in", "PERSON", "František Dvořák"),
    ("Regards, Ancuța Brândușa", "PERSON", "Ancuța Brândușa"),
    ("order ORD-2024-000123 is late", "ORDER_ID", "ORD-2024-000123"),
    ("order #48213917 never came", "ORDER_ID", "#48213917"),
    ("account ACC-88120045", "ACCOUNT_ID", "ACC-88120045"),
    ("rewards number: 77120045", "ACCOUNT_ID", "77120045"),
    ("I am customer NW-1002", "CUSTOMER_ID", "NW-1002"),
    ("customer id CU-55120", "CUSTOMER_ID", "CU-55120"),
    # A value its writer names is one even when it fails its checksum or issuing rules, or is masked in part:
    # the writer's typo does not make it safe to show.
    ("his SSN 900-12-3456 and bank details", "US_SSN", "900-12-3456"),
    ("Social Security number 123-45-6789, driver's license", "US_SSN", "123-45-6789"),
    ("social security card details (XXX-XX-2409)", "US_SSN", "XXX-XX-2409"),
    ("credit card number '4532************7890' (valid expiry 05/25)", "CREDIT_CARD", "4532************7890"),
    ("my card number is 4111 1111 1111 1112", "CREDIT_CARD", "4111 1111 1111 1112"),
    ("IBAN DE89 3704 0044 0532 0130 01 has a wrong checksum", "IBAN", "DE89 3704 0044 0532 0130 01"),
    ("bank account number SE32CRBC0100601211501234 under", "IBAN", "SE32CRBC0100601211501234"),
]

NOT_FOUND = [
    "Why did I see D-736 on 2024-07-28?",
    "the offer OF-12 ended on 14 April 2024",
    "20% off trail-running shoes, now 79.99",
    "order total 1234.56 EUR",
    "card 4111 1111 1111 1112 fails the checksum",
    "DE89 3704 0044 0532 0130 01 has a wrong checksum",
    "SSN 000-12-3456 is not a valid number",
    # Values near a cue that the cue does not name: a gift card, a card's last four, a fully masked SSN.
    "the gift card number 6727 2964 7100 9265 shows zero",
    "paid with credit card XXXX-XXXX-XXXX-1234",
    "SSN XXX-XX-XXXX was listed",
    "Placeholder SSN 666-12-3456 is rejected",
    "version 2.3 of the offer model, offers-2.4",
    # A word of prose before "at" and a website is no spoken email's mailbox.
    "Read more at Brightwater.org today",
    "Coming soon at kolmio.com.",
    "Summit Gear Co. harnesses: free chalk bag",
    "March Sale on Tents and April showers",
    "delivered on 3 March 2024 to the store",
    "I am very upset about this offer",
    "Brother Ink cartridges in stock",
    "send it to Customer Service",
    "write to privacy@northwind.example",
    "Personalized offers settings: https://northwind.example/account/privacy/personalization",
    "Contact Us",
    "Home\nHyde Park\nRead More",
    "Metal Wall Art And Wooden Wall Decor For Every Room",
    "version 4.12.0.1873 is out",
    "Job Opportunities",
    "I bought 12 of the Road bikes",
    "i need 2 blue lane markers by friday",
    # A given name that begins a business's or a place's name
    "Call Hayden Outdoors for a quote",
    "Diego Interior Designer, est. 1998",
    "Roofing Company of the Year",
    "Offices in Santa Rosa CA and Alberta Canada",
    # Digit runs with a phone's length that are not phones: ZIP+4, a postcode range, dates, years, pagination
    "Call us about delivery to ZIP 55401-2345",
    "Call now: we deliver to 48901 - 48956",
    "Phone lines open 07-12-2010 2010/12/7",
    "Contact log updated 2024-12-01 10",
    "Call us since 20142014",
    "Pages 1 2 3 4 5 6 7 8 9 10 Next",
    "sizes 12/14/16 in stock, about 2000/2500 units",
    "buy an extension cord, 3m",
    "Call about system ID number 31415926K",
    # A firm's tax or registry number, whatever its length.
    "AXIND srl\nP.I. 01601990136\nAssistenza Remota",
    "Codice Fiscale/Partita Iva 01601990136 Registro Imprese di Lecco 01601990136 Capitale",
    "Waregem\nbtw 0453 365 132\nDownload",
]
# A street line followed by towns but no postcode: the towns stay out of the address.
ADDRESS_STOPS = [
    ("We met at 10 Downing Street\nNext Tuesday", "10 Downing Street"),
    ("12 Pine St\nSeattle\nsee you", "12 Pine St"),
]


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor(allow=["privacy@northwind.example"])


@pytest.mark.parametrize(("text", "kind", "value"), FOUND, ids=[f"{k}-{i}" for i, (_, k, _) in enumerate(FOUND)])
def test_rule_finds_the_value_with_its_type(redactor: Redactor, text: str, kind: str, value: str) -> None:
    found = [(s.entity_type, s.text) for s in redactor.analyze(text)]
    assert (kind, value) in found, found


@pytest.mark.parametrize("text", NOT_FOUND)
def test_text_without_personal_data_is_left_alone(redactor: Redactor, text: str) -> None:
    assert redactor.analyze(text) == []


def test_spans_point_into_the_original_text_even_after_normalisation(redactor: Redactor) -> None:
    text = "ｍｙ card: ４１１１ １１１１ １１１１ １１１１ and e\u200bmail a@b.example"
    for span in redactor.analyze(text):
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("check", "good", "bad"),
    [
        (v.luhn, "4111111111111111", "4111111111111112"),
        (v.iban, "GB29 NWBK 6016 1331 9268 19", "GB29 NWBK 6016 1331 9268 18"),
        (v.us_ssn, "123-45-6788", "666-12-3456"),
        (v.uk_nino, "JG103759A", "QQ123456C"),
        (v.ip_address, "10.0.0.1", "300.1.1.1"),
    ],
)
def test_validators_accept_the_real_form_and_reject_the_near_miss(check: object, good: str, bad: str) -> None:
    assert callable(check)
    assert check(good) and not check(bad)


@pytest.mark.parametrize(("text", "value"), ADDRESS_STOPS)
def test_an_address_does_not_run_on_into_lines_that_are_not_part_of_it(
    redactor: Redactor, text: str, value: str
) -> None:
    assert [s.text for s in redactor.analyze(text) if s.entity_type == "STREET_ADDRESS"] == [value]
