"""Street-address rules (guardrails/addresses.py), by a table of cases: the exact address found, and text that
must not be taken for one. Shapes come from the dev split of the third-party sets (benchmarks/pii/third_party)."""

from __future__ import annotations

import pytest

from assistant.guardrails.redactor import Redactor

FOUND = [
    # (text, the exact address expected)
    # A capitalised unit after the street is a unit, not a town: the town and ZIP after it still join.
    (
        "send it to 2318 Briarwood St, Apt 26C, Portland, OR 97278. Thanks",
        "2318 Briarwood St, Apt 26C, Portland, OR 97278",
    ),
    (
        "8605 Cliff Cameron Drive, Suite 150\nCharlotte, NC 28269\nUSA",
        "8605 Cliff Cameron Drive, Suite 150\nCharlotte, NC 28269\nUSA",
    ),
    (
        "3665 Kingsway, Suite 300\nVancouver, BC\nV5R 5W2\n(604) 431-8737",
        "3665 Kingsway, Suite 300\nVancouver, BC\nV5R 5W2",
    ),
    # A short aside in brackets on the street line, and a dash after the house number.
    (
        "1391 Smizer Mill Road (just off Highway 141)\nFenton MO\n63026\nPhone: 636-349-2400",
        "1391 Smizer Mill Road (just off Highway 141)\nFenton MO\n63026",
    ),
    ("5320 - Roper Road\nEdmonton Alberta\nT6B 3E9\nCanada", "5320 - Roper Road\nEdmonton Alberta\nT6B 3E9\nCanada"),
    # The house number after a phone on the line above is the address's own, not the phone's tail.
    (
        "212.672.6350\nColumbus Circle\n1776 Broadway 2nd Fl.\nNew York NY 10019",
        "1776 Broadway 2nd Fl.\nNew York NY 10019",
    ),
    # Continental street lines take their postcode-and-town and country lines too.
    ("24 rue Chaptal\n75009 Paris\nFrance\nwork +33", "24 rue Chaptal\n75009 Paris\nFrance"),
    (
        "1 Rue du Flottage, BP 15\nF-60350 Trosly-Breuil\nFrance",
        "1 Rue du Flottage, BP 15\nF-60350 Trosly-Breuil\nFrance",
    ),
    ("Rheingaustrasse 190-196\nD-65203 Wiesbaden, Germany", "Rheingaustrasse 190-196\nD-65203 Wiesbaden, Germany"),
    ("Berliner Str. 236a, 50333 Köln", "Berliner Str. 236a, 50333 Köln"),
    ("EichenStraße 236, 10643 Berlin", "EichenStraße 236, 10643 Berlin"),
    (
        "Rua das Flores, 49, Centro, Curitiba - PR, 80282-490, Brasil",
        "Rua das Flores, 49, Centro, Curitiba - PR, 80282-490, Brasil",
    ),
    (
        "new addr Rua Oscar Freire, 379 - apto 52, Jardins, São Paulo - SP, 01426-001",
        "Rua Oscar Freire, 379 - apto 52, Jardins, São Paulo - SP, 01426-001",
    ),
    ("Avda. Diagonal 139, 8º izq., 08078 Barcelona", "Avda. Diagonal 139, 8º izq., 08078 Barcelona"),
    # No house number: a street line counts with its towns and a UK, Canadian or state-and-ZIP postcode.
    ("Innovation Centre,\nCowley Road,\nCambridge,\nCB4 0WS", "Innovation Centre,\nCowley Road,\nCambridge,\nCB4 0WS"),
    # A street line without a number, its town, and the state's ZIP after a comma.
    ("Cowley Road,\nSpringfield, IL, 62704", "Cowley Road,\nSpringfield, IL, 62704"),
    ("Bedford Road\nPetersfield\nHAMPSHIRE\nGU32 3QF", "Bedford Road\nPetersfield\nHAMPSHIRE\nGU32 3QF"),
    # A house number and a street name without a street word, with a "City ST 12345" line.
    ("1723 North Halsted, Chicago Illinois 60614", "1723 North Halsted, Chicago Illinois 60614"),
    ("5 N. Be echRd.\nWichita KS 67206-2504", "5 N. Be echRd.\nWichita KS 67206-2504"),
    (
        "3576 Unocal Place Fountaingrove A\nSanta Rosa CA 95403",
        "3576 Unocal Place Fountaingrove A\nSanta Rosa CA 95403",
    ),
    # Towns with an initial, six-digit postcodes after a comma, a US route, towns then a country; the house
    # number's "House No." is part of an Indian address.
    (
        "is part of House No. 139, Park Street, T. Nagar, Hyderabad 500079.",
        "House No. 139, Park Street, T. Nagar, Hyderabad 500079",
    ),
    ("No. 7060 Shennan Road, Shenzhen, 518040, China\nTel", "No. 7060 Shennan Road, Shenzhen, 518040, China"),
    ("525 Quaker Lane Route 2\nWest Warwick RI 02893", "525 Quaker Lane Route 2\nWest Warwick RI 02893"),
    (
        "189 Des Voeux Road Central\nSheung Wan\nHong Kong\nClick here",
        "189 Des Voeux Road Central\nSheung Wan\nHong Kong",
    ),
    # A unit after a street name without a street word.
    ("180 Via Verde Suite 200,\nSan Dimas, CA 91773\n(909) 859-2040", "180 Via Verde Suite 200,\nSan Dimas, CA 91773"),
    # Spanish "C/" and a number after a bare comma; Portuguese "Nº" and postcode-town line.
    ("C/ Condado de Treviño,25\n09200 Miranda", "C/ Condado de Treviño,25\n09200 Miranda"),
    (
        "Rua José Coutinho,\nNº 608, 1º Andar\n4745-330 Trofa\nPortugal",
        "Rua José Coutinho,\nNº 608, 1º Andar\n4745-330 Trofa\nPortugal",
    ),
    # PO boxes in other spellings and languages.
    ("PO Box 13-6572\nBeirut", "PO Box 13-6572"),
    ("Postbus 1234\n6160 AA Geleen", "Postbus 1234\n6160 AA Geleen"),
    ("write to POB 77, Austin TX 78701", "POB 77, Austin TX 78701"),
    # Japanese block addresses.
    ("my address is 5-23-8 Tenjin, Chuo-ku, Fukuoka 810-4288.", "5-23-8 Tenjin, Chuo-ku, Fukuoka 810-4288"),
    ("3-8-18 jingumae, shibuya-ku, tokyo 150-5931", "3-8-18 jingumae, shibuya-ku, tokyo 150-5931"),
    ("2-28-8 Honkomagome\nBunkyo-ku\nTokyo 113-0021\nJapan", "2-28-8 Honkomagome\nBunkyo-ku\nTokyo 113-0021\nJapan"),
    # A phone's label is no town: the address ends before "Telephone 0844 …" rather than losing to the phone.
    (
        "Harlow Office\nOne North Place\nEdinburgh Way\nHarlow Essex\nCM20 2SL\nEngland\nTelephone 0844 800 1500",
        "One North Place\nEdinburgh Way\nHarlow Essex\nCM20 2SL\nEngland",
    ),
    # A "Town, State" line with no ZIP ends the address when it ends its line.
    ("Located @\n168 SE 1st St.\nDowntown Miami, Florida\nNORTH", "168 SE 1st St.\nDowntown Miami, Florida"),
    # An Indian "City-PIN" line, a suburb and its side before it.
    (
        "Building 12 Ghatkopar Andheri Link Road\nAndheri (E) Mumbai-400093\nPhone",
        "12 Ghatkopar Andheri Link Road\nAndheri (E) Mumbai-400093",
    ),
    ("office at 45 Mount Road\nChennai - 600017\nIndia", "45 Mount Road\nChennai - 600017\nIndia"),
    # Indian addresses: a flat, house or plot number, localities, the city and its PIN.
    (
        "Address: Flat 5B, Anna Salai, Banjara Hills, Kolkata 700655, India. Phone",
        "Flat 5B, Anna Salai, Banjara Hills, Kolkata 700655, India",
    ),
    ("ships to B-180, Nehru Nagar, Salt Lake, Chennai 600788.", "B-180, Nehru Nagar, Salt Lake, Chennai 600788"),
    ("ships to flat 5a, mg road, vasant kunj, mumbai 400980.", "flat 5a, mg road, vasant kunj, mumbai 400980"),
    # A house number glued to the word before it, as scraped pages join their elements.
    (
        "Psychologist & Psychotherapist Perth493 Charles Street North Perth WA 6006\n(08) 9443 6444",
        "493 Charles Street North Perth WA 6006",
    ),
    # A more certain value inside an address's tail ends the address at the line or comma before it.
    ("Deliver to 5-30-14 Sakae, Naka-ku, Nagoya 460-7112. Phone +34 690 04 34 82.", "5-30-14 Sakae, Naka-ku"),
    # A block of lines around a building, ending at a postcode line (address_blocks.py): Korean, Kazakh, Spanish,
    # Chinese and Singaporean shapes.
    (
        "Hanul Trading Co.\n12F Mirae Building\n804, Seocho-dong, Seocho-gu\nSeoul 137-070 Korea\nPhone: 02 555 0100",
        "12F Mirae Building\n804, Seocho-dong, Seocho-gu\nSeoul 137-070 Korea",
    ),
    (
        "Plant\n#217-3 Gomae-Ri, Giheung-Myeon\nYongin-Si, Gyeonggi-Do\nKorea 449-901\nClick here",
        "#217-3 Gomae-Ri, Giheung-Myeon\nYongin-Si, Gyeonggi-Do\nKorea 449-901",
    ),
    (
        "Sales Office\nBusiness Center Altyn Dala\nBuilding 2A, office 305\n050040 Almaty\nKazakhstan\nTel: 727 000",
        "Business Center Altyn Dala\nBuilding 2A, office 305\n050040 Almaty\nKazakhstan",
    ),
    (
        "Soluciones Norte S.L.\nParque Tec. Valdemoro, Ed. Sur Mod. 14\n28341 Valdemoro ( Madrid )\nTel: 910000000",
        "Parque Tec. Valdemoro, Ed. Sur Mod. 14\n28341 Valdemoro",
    ),
    (
        "Shenyang:\n1502, Tower B, Golden Plaza, 56 Beizhan Road, Shenyang 110013, China\nTel ( 86 ) 24 0000",
        "1502, Tower B, Golden Plaza, 56 Beizhan Road, Shenyang 110013, China",
    ),
    # A US ZIP is left to the street-line rules: the PO box and its town, not the lines above.
    (
        "Northgate Corporate Center\nAttn: Claims Review Unit\nP.O. Box 61120\nDenton TX 76201-1120\nPlease",
        "P.O. Box 61120\nDenton TX 76201-1120",
    ),
    (
        "Taipei Office\n3rd Floor No. 41 Fuxing South Road Section 2\nTaipei 106\nTaiwan, R.O.C.\nT: +886",
        "3rd Floor No. 41 Fuxing South Road Section 2\nTaipei 106\nTaiwan, R.O.C.",
    ),
    (
        "(Pte) Ltd.\nNo 8, Harbour Park\n#04-12, The Helix, Singapore 118237\nClick",
        "No 8, Harbour Park\n#04-12, The Helix, Singapore 118237",
    ),
    # The street word first and the number after it, in French, Italian, Spanish and Portuguese.
    ("Veltrane Sàrl\nRoute des Acacias 27\nCase Postale", "Route des Acacias 27"),
    ("ORVEX srl via I Novembre, 7 - 24100 Bergamo (BG) Tel. 035 555 0100", "via I Novembre, 7 - 24100 Bergamo"),
    (
        "Ayuntamiento • Avenida Marisol Quintero s/n,29640 Fuengirola • Tlf",
        "Avenida Marisol Quintero s/n,29640 Fuengirola",
    ),
    ("Rua Dr.Tomas Avelar, 312 / cj 4\nCep 04567-000", "Rua Dr.Tomas Avelar, 312 / cj 4"),
]

# Consecutive addresses stay apart: the next street's house number is not the previous address's postcode.
SEPARATE = [
    (
        "8200 Coral Sea Street NE\nMounds View MN 55112\nMedtronic Coronary\n3576 Unocal Place Fountaingrove A\n"
        "Santa Rosa CA 95403\nMedtronic Diabetes\n18000 Devonshire Street\nNorthridge CA 91325",
        [
            "8200 Coral Sea Street NE\nMounds View MN 55112",
            "3576 Unocal Place Fountaingrove A\nSanta Rosa CA 95403",
            "18000 Devonshire Street\nNorthridge CA 91325",
        ],
    ),
    ("311 Vernon Street\nRoseville, CA 95678\n(916) 774-5200", ["311 Vernon Street\nRoseville, CA 95678"]),
]

NOT_AN_ADDRESS = [
    # Prices, opening hours, product codes, dates, table rows: none is an address.
    "Open 7 Days\nNew York NY 10019",
    "Price 120 USD, ships to Austin TX 78701",
    "Hours: Mon-Fri 9-5, Sat 10-2 (closed Sundays)",
    "Model 12-05-24 Tokyo office, Chuo-ku",
    "School\n862\nSunrise Drive Elementary School\nSayville",
    "On any order over $40\nMy Account\nSign In",
    "Item STD-6 Panel STD-6 QUAD CT-NG QUAD",
    "Call us about delivery to ZIP 55401-2345",
    "ViaMichelin 12 routes",
    "ship 2 boxes 12 each",
    "Product code AB-12 Road Bike, 2024-05-01",
    # A block needs a postcode line of a known shape, lines that are no sentence and no firm, and a number.
    "Our new tower fans\nTower 2 Pro, Tower 3 Max\nItem 456789 Blue",
    "Floor 3 Meeting Room 2\nSeason 2024-2025",
    "Harbour Tower 4\nThe office is open daily\nSeoul 135-280",
    "Maple Park Holdings, Inc.\n1200 Units sold\n560034 Bengaluru",
    "Business Park\nVersion 3\nBox 456789 Sold",
    # "via" in English: a count or a road's number after it.
    "shipped via UPS 2 days ago",
    "we drove via Route 66 for 3 days",
]


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def _addresses(redactor: Redactor, text: str) -> list[str]:
    return [s.text for s in redactor.analyze(text) if s.entity_type == "STREET_ADDRESS"]


@pytest.mark.parametrize(("text", "value"), FOUND)
def test_address_is_found_whole(redactor: Redactor, text: str, value: str) -> None:
    assert value in _addresses(redactor, text)


@pytest.mark.parametrize(("text", "values"), SEPARATE)
def test_consecutive_addresses_are_found_one_by_one(redactor: Redactor, text: str, values: list[str]) -> None:
    assert _addresses(redactor, text) == values


@pytest.mark.parametrize("text", NOT_AN_ADDRESS)
def test_text_that_is_not_an_address_is_not_redacted_as_one(redactor: Redactor, text: str) -> None:
    assert _addresses(redactor, text) == []
