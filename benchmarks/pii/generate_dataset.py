"""Generate the labelled PII benchmark set: synthetic retailer support chats with character-offset labels.

Run from the repository root:

    python benchmarks/pii/generate_dataset.py [--out benchmarks/pii/dataset.jsonl] [--seed 20241129]

Deterministic for a given seed (and phonenumbers version, used only to keep generated phone numbers valid).
Every generated value is checkable: card numbers pass Luhn, IBANs carry mod-97 check digits computed here, SSNs
and UK NINOs follow the issuing rules. Evasions (spelled-out, spaced, homoglyph, full-width, zero-width) are applied
to the value before it is placed, so each label covers the whole obfuscated value. Near-miss distractors (Luhn
failures, bad IBAN checksums, prices, SKUs, non-birth dates, version numbers, brand names) are recorded as
``distractors`` so the scorer can report how often each engine flags them. The hand-written
``hard_cases.jsonl`` beside this file is validated and appended. See README.md in this folder.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

from names import FIRST_NAMES, LAST_NAMES, LOCALE_CULTURES  # noqa: E402

ENTITY_TYPES = (
    "EMAIL",
    "PHONE",
    "CREDIT_CARD",
    "IBAN",
    "US_SSN",
    "UK_NINO",
    "IP_ADDRESS",
    "STREET_ADDRESS",
    "DATE_OF_BIRTH",
    "PERSON",
    "CUSTOMER_ID",
    "ORDER_ID",
    "ACCOUNT_ID",
)
LOCALES = ("US", "UK", "DE", "FR", "ES", "IN", "JP", "AU", "BR")
SEED = 20241129
MIN_PER_TYPE = 150
BASE_MESSAGES = 900

# ----------------------------------------------------------------------------------------------------------------
# Check digits
# ----------------------------------------------------------------------------------------------------------------


def luhn_check_digit(partial: str) -> str:
    """The digit that makes ``partial + digit`` pass Luhn."""
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _iban_numeric(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s))


def iban_check_digits(country: str, bban: str) -> str:
    return f"{98 - _iban_numeric(bban + country + '00') % 97:02d}"


def iban_ok(iban: str) -> bool:
    s = re.sub(r"\s", "", iban).upper()
    return _iban_numeric(s[4:] + s[:4]) % 97 == 1


# ----------------------------------------------------------------------------------------------------------------
# Value generators
# ----------------------------------------------------------------------------------------------------------------


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _letters(rng: random.Random, n: int, alphabet: str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ") -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _fr_rib_key(bank: str, branch: str, account: str) -> str:
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97:02d}"


def _es_dc(ten: str) -> str:
    weights = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)
    d = 11 - sum(w * int(c) for w, c in zip(weights, ten, strict=True)) % 11
    return str({11: 0, 10: 1}.get(d, d))


def _bban(rng: random.Random, country: str) -> str:
    if country == "DE":
        return _digits(rng, 18)
    if country == "GB":
        return rng.choice(["NWBK", "BARC", "LOYD", "MIDL", "HBUK"]) + _digits(rng, 14)
    if country == "FR":
        bank, branch, account = _digits(rng, 5), _digits(rng, 5), _digits(rng, 11)
        return bank + branch + account + _fr_rib_key(bank, branch, account)
    if country == "ES":
        bank, branch, account = _digits(rng, 4), _digits(rng, 4), _digits(rng, 10)
        return bank + branch + _es_dc("00" + bank + branch) + _es_dc(account) + account
    if country == "NL":
        return rng.choice(["ABNA", "INGB", "RABO", "TRIO", "SNSB"]) + _digits(rng, 10)
    if country == "BE":
        first = _digits(rng, 10)
        check = int(first) % 97 or 97
        return first + f"{check:02d}"
    if country == "AT":
        return _digits(rng, 16)
    if country == "IE":
        return rng.choice(["AIBK", "BOFI", "IPBS"]) + _digits(rng, 14)
    if country == "PT":
        return _digits(rng, 21)
    if country == "IT":
        return _letters(rng, 1) + _digits(rng, 10) + _digits(rng, 12)
    if country == "BR":
        return _digits(rng, 23) + rng.choice("CP") + rng.choice("123")
    if country == "CH":
        return _digits(rng, 17)
    raise ValueError(country)


IBAN_COUNTRIES_BY_LOCALE = {
    "US": ["GB", "DE", "NL"],
    "UK": ["GB", "GB", "IE"],
    "DE": ["DE", "DE", "AT", "CH"],
    "FR": ["FR", "FR", "BE"],
    "ES": ["ES", "ES", "PT"],
    "IN": ["GB", "DE"],
    "JP": ["DE", "GB", "NL"],
    "AU": ["GB", "IE"],
    "BR": ["BR", "BR", "PT", "IT"],
}


def make_iban(rng: random.Random, country: str) -> str:
    bban = _bban(rng, country)
    return country + iban_check_digits(country, bban) + bban


def format_iban(rng: random.Random, iban: str) -> str:
    if rng.random() < 0.55:
        return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    return iban


def make_card(rng: random.Random) -> tuple[str, str]:
    brand = rng.choice(["visa", "visa", "mastercard", "mastercard", "amex", "discover"])
    if brand == "visa":
        prefix, length = "4", 16
    elif brand == "mastercard":
        prefix = str(rng.randint(51, 55)) if rng.random() < 0.7 else str(rng.randint(2221, 2720))
        length = 16
    elif brand == "amex":
        prefix, length = rng.choice(["34", "37"]), 15
    else:
        prefix, length = rng.choice(["6011", "65", str(rng.randint(644, 649))]), 16
    partial = prefix + _digits(rng, length - len(prefix) - 1)
    number = partial + luhn_check_digit(partial)
    assert luhn_ok(number)
    return number, brand


def format_card(rng: random.Random, number: str) -> str:
    sep = rng.choice([" ", " ", "-", ""])
    groups = (4, 6, 5) if len(number) == 15 else (4, 4, 4, 4)
    out, i = [], 0
    for g in groups:
        out.append(number[i : i + g])
        i += g
    return sep.join(out)


def make_luhn_fail(rng: random.Random) -> str:
    while True:
        n = rng.choice("3456") + _digits(rng, 15)
        if not luhn_ok(n):
            return " ".join(n[i : i + 4] for i in range(0, 16, 4)) if rng.random() < 0.6 else n


def make_ssn(rng: random.Random) -> str:
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            break
    group, serial = rng.randint(1, 99), rng.randint(1, 9999)
    a, g, s = f"{area:03d}", f"{group:02d}", f"{serial:04d}"
    style = rng.random()
    if style < 0.72:
        return f"{a}-{g}-{s}"
    if style < 0.88:
        return f"{a} {g} {s}"
    return a + g + s


NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"  # not D F I Q U V
NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"  # not D F I O Q U V
NINO_BAD_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def make_nino(rng: random.Random) -> str:
    while True:
        prefix = rng.choice(NINO_FIRST) + rng.choice(NINO_SECOND)
        if prefix not in NINO_BAD_PREFIXES:
            break
    d = _digits(rng, 6)
    suffix = rng.choice("ABCD")
    style = rng.random()
    if style < 0.55:
        return f"{prefix}{d}{suffix}"
    if style < 0.9:
        return f"{prefix} {d[:2]} {d[2:4]} {d[4:]} {suffix}"
    return f"{prefix} {d} {suffix}"


def make_ipv4(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.15:
        return f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if kind < 0.22:
        return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    while True:
        first = rng.randint(1, 223)
        if first not in (10, 127, 172, 192):
            break
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def make_ipv6(rng: random.Random) -> str:
    prefix = rng.choice(["2001", "2a02", "2600", "2a01", "2406", "2804", "2001:db8"])
    head = prefix.split(":")
    groups = head + [f"{rng.randint(0, 0xFFFF):x}" for _ in range(8 - len(head))]
    if rng.random() < 0.55:  # compress a run of zero groups
        start = rng.randint(2, 5)
        length = rng.randint(2, 8 - start - 1)
        groups[start : start + length] = ["0"] * length
        text = ":".join(groups[:start]) + "::" + ":".join(groups[start + length :])
    else:
        text = ":".join(groups)
    return text.upper() if rng.random() < 0.1 else text


def make_ip(rng: random.Random) -> str:
    return make_ipv6(rng) if rng.random() < 0.35 else make_ipv4(rng)


# --- phones ---------------------------------------------------------------------------------------------------

PHONE_CC = {"US": 1, "UK": 44, "DE": 49, "FR": 33, "ES": 34, "IN": 91, "JP": 81, "AU": 61, "BR": 55}


def _nsn(rng: random.Random, locale: str) -> str:
    if locale == "US":
        area = rng.choice(["212", "206", "312", "415", "512", "617", "702", "713", "305", "404", "503", "602", "919"])
        return area + str(rng.randint(2, 9)) + _digits(rng, 2) + _digits(rng, 4)
    if locale == "UK":
        return rng.choice(
            [
                lambda: "7" + rng.choice("3456789") + _digits(rng, 8),
                lambda: "20" + rng.choice("378") + _digits(rng, 7),
                lambda: (
                    rng.choice(["161", "121", "113", "141", "131", "117"]) + rng.choice("2345679") + _digits(rng, 6)
                ),
            ]
        )()
    if locale == "DE":
        return rng.choice(
            [
                lambda: rng.choice(["151", "152", "160", "162", "170", "171", "172", "176"]) + _digits(rng, 8),
                lambda: rng.choice(["30", "89", "40", "221", "69"]) + rng.choice("2345679") + _digits(rng, 6),
            ]
        )()
    if locale == "FR":
        return rng.choice("1234567") + _digits(rng, 8)
    if locale == "ES":
        return rng.choice([lambda: rng.choice("67") + _digits(rng, 8), lambda: "91" + _digits(rng, 7)])()
    if locale == "IN":
        return rng.choice(
            [
                lambda: rng.choice("6789") + _digits(rng, 9),
                lambda: rng.choice(["11", "22", "80"]) + "2" + _digits(rng, 7),
            ]
        )()
    if locale == "JP":
        return rng.choice(
            [
                lambda: rng.choice(["90", "80", "70"]) + rng.choice("1234") + _digits(rng, 7),
                lambda: "3" + _digits(rng, 8),
            ]
        )()
    if locale == "AU":
        return rng.choice(
            [lambda: "4" + _digits(rng, 8), lambda: rng.choice("2378") + rng.choice("4589") + _digits(rng, 7)]
        )()
    if locale == "BR":
        return rng.choice(
            [
                lambda: rng.choice(["11", "21", "31", "41"]) + "9" + rng.choice("6789") + _digits(rng, 7),
                lambda: rng.choice(["11", "21"]) + rng.choice("2345") + _digits(rng, 7),
            ]
        )()
    raise ValueError(locale)


def make_phone(rng: random.Random, locale: str) -> tuple[str, str]:
    """(formatted phone, format tag)."""
    cc = PHONE_CC[locale]
    for _ in range(200):
        nsn = _nsn(rng, locale)
        num = phonenumbers.parse(f"+{cc}{nsn}")
        if phonenumbers.is_valid_number(num):
            break
    else:  # pragma: no cover - the patterns above are valid ranges
        raise RuntimeError(f"no valid phone for {locale}")
    fmt = phonenumbers.PhoneNumberFormat
    national = phonenumbers.format_number(num, fmt.NATIONAL)
    intl = phonenumbers.format_number(num, fmt.INTERNATIONAL)
    r = rng.random()
    if r < 0.2:
        return f"+{cc}{nsn}", "e164"
    if r < 0.5:
        return intl, "international"
    if r < 0.85:
        return national, "national"
    # hand-typed variants
    digits_nat = re.sub(r"\D", "", national)
    if locale == "US":
        return rng.choice([f"{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}", f"{nsn[:3]}.{nsn[3:6]}.{nsn[6:]}", nsn]), "national_typed"
    if locale == "UK":
        return rng.choice([f"+44 (0){national[1:]}", digits_nat]), "national_typed"
    if locale == "IN":
        return rng.choice([nsn, f"+91-{nsn[:5]}-{nsn[5:]}"]), "national_typed"
    return rng.choice([digits_nat, intl.replace(" ", "-", 1)]), "national_typed"


# --- addresses --------------------------------------------------------------------------------------------------

US_STREETS = ["Maple", "Oak Hill", "Sycamore", "Lakeview", "Pine Ridge", "Chestnut", "Magnolia", "Briarwood", "Elm",
              "Hawthorne", "Cottonwood", "Bluebonnet", "Sunset", "Riverbend", "Mill Creek"]  # fmt: skip
US_SUFFIX = ["Street", "Avenue", "Road", "Drive", "Lane", "Boulevard", "Court", "Place", "Way", "St", "Ave", "Rd", "Dr"]
US_CITIES = [("Austin", "TX", "787"), ("Portland", "OR", "972"), ("Columbus", "OH", "432"),
             ("Raleigh", "NC", "276"), ("Phoenix", "AZ", "850"), ("Madison", "WI", "537"), ("Tampa", "FL", "336"),
             ("Albany", "NY", "122"), ("Spokane", "WA", "992"), ("Omaha", "NE", "681"), ("Savannah", "GA", "314"),
             ("Tucson", "AZ", "857")]  # fmt: skip
UK_STREETS = ["Kingsway", "Holly", "Primrose", "Cromwell", "Station", "Victoria", "Mill", "Church", "Rosebery",
              "Fernhill", "Beechwood", "Hillside"]  # fmt: skip
UK_SUFFIX = ["Road", "Street", "Lane", "Close", "Crescent", "Gardens", "Terrace", "Avenue", "Grove", "Mews"]
UK_TOWNS = [("Leeds", "LS"), ("Manchester", "M"), ("Glasgow", "G"), ("Cardiff", "CF"), ("Birmingham", "B"),
            ("Norwich", "NR"), ("York", "YO"), ("London", "SE"), ("London", "N"), ("Brighton", "BN"),
            ("Nottingham", "NG"), ("Aberdeen", "AB")]  # fmt: skip
DE_STREETS = ["Linden", "Goethe", "Schiller", "Bahnhof", "Mozart", "Garten", "Kirch", "Berliner ", "Eichen", "Rosen"]
DE_CITIES = [("Berlin", "10"), ("München", "80"), ("Hamburg", "20"), ("Köln", "50"), ("Leipzig", "04"),
             ("Frankfurt am Main", "60"), ("Stuttgart", "70"), ("Dresden", "01"), ("Bremen", "28")]  # fmt: skip
FR_STREETS = ["rue des Lilas", "avenue Victor Hugo", "boulevard Voltaire", "rue de la République", "rue Pasteur",
              "impasse des Tilleuls", "place du Marché", "rue Jean Jaurès", "allée des Érables",
              "chemin du Moulin"]  # fmt: skip
FR_CITIES = [("Lyon", "6900"), ("Marseille", "130"), ("Toulouse", "310"), ("Nantes", "440"), ("Bordeaux", "330"),
             ("Lille", "590"), ("Rennes", "350"), ("Strasbourg", "670"), ("Montpellier", "340")]  # fmt: skip
ES_STREETS = ["Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución", "Calle Gran Vía", "Paseo de Gracia",
              "Calle del Carmen", "Avda. Diagonal", "Calle San Vicente", "Plaza de España", "Calle Real"]  # fmt: skip
ES_CITIES = [("Madrid", "280"), ("Barcelona", "080"), ("Valencia", "460"), ("Sevilla", "410"), ("Bilbao", "480"),
             ("Zaragoza", "500"), ("Málaga", "290"), ("Granada", "180")]  # fmt: skip
IN_ROADS = ["MG Road", "Station Road", "Nehru Nagar", "Gandhi Marg", "Park Street", "Linking Road", "Anna Salai",
            "FC Road", "Residency Road", "Sector 18"]  # fmt: skip
IN_AREAS = ["Indiranagar", "Koramangala", "Andheri West", "Salt Lake", "Banjara Hills", "T. Nagar", "Aundh",
            "Vasant Kunj"]  # fmt: skip
IN_CITIES = [("Bengaluru", "560"), ("Mumbai", "400"), ("Kolkata", "700"), ("Hyderabad", "500"), ("Chennai", "600"),
             ("Pune", "411"), ("New Delhi", "110"), ("Noida", "201")]  # fmt: skip
JP_PLACES = [("Jingumae", "Shibuya-ku", "Tokyo", "150"), ("Kita-Aoyama", "Minato-ku", "Tokyo", "107"),
             ("Nishi-Shinjuku", "Shinjuku-ku", "Tokyo", "160"), ("Umeda", "Kita-ku", "Osaka", "530"),
             ("Sakae", "Naka-ku", "Nagoya", "460"), ("Tenjin", "Chuo-ku", "Fukuoka", "810"),
             ("Gion", "Higashiyama-ku", "Kyoto", "605")]  # fmt: skip
AU_STREETS = ["Banksia", "Wattle", "Jacaranda", "Bottlebrush", "Gum Tree", "Kookaburra", "Coogee Bay", "Ocean",
              "Bridge", "Waratah"]  # fmt: skip
AU_SUFFIX = ["Street", "Road", "Avenue", "Parade", "Crescent", "Place", "Terrace", "Drive"]
AU_PLACES = [("Fitzroy", "VIC", "3065"), ("Surry Hills", "NSW", "2010"), ("Fremantle", "WA", "6160"),
             ("Paddington", "QLD", "4064"), ("Glenelg", "SA", "5045"), ("Battery Point", "TAS", "7004"),
             ("Braddon", "ACT", "2612"), ("Newtown", "NSW", "2042")]  # fmt: skip
BR_STREETS = ["Rua Augusta", "Avenida Paulista", "Rua das Flores", "Rua XV de Novembro", "Avenida Atlântica",
              "Rua da Consolação", "Rua Oscar Freire", "Avenida Sete de Setembro"]  # fmt: skip
BR_PLACES = [("Consolação", "São Paulo", "SP", "01"), ("Copacabana", "Rio de Janeiro", "RJ", "22"),
             ("Savassi", "Belo Horizonte", "MG", "30"), ("Centro", "Curitiba", "PR", "80"),
             ("Moinhos de Vento", "Porto Alegre", "RS", "90"), ("Boa Viagem", "Recife", "PE", "51")]  # fmt: skip
COUNTRY_NAMES = {"US": "USA", "UK": "United Kingdom", "DE": "Germany", "FR": "France", "ES": "Spain", "IN": "India",
                 "JP": "Japan", "AU": "Australia", "BR": "Brasil"}  # fmt: skip


def _uk_postcode(rng: random.Random, area: str) -> str:
    inward_letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"{area}{rng.randint(1, 19)} {rng.randint(0, 9)}{_letters(rng, 2, inward_letters)}"


def make_address(rng: random.Random, locale: str) -> str:
    n = rng.randint(1, 240)
    if locale == "US":
        city, state, z = rng.choice(US_CITIES)
        unit = rng.choice(["", "", "", f", Apt {rng.randint(1, 40)}{rng.choice('ABCD')}", f" #{rng.randint(100, 999)}"])
        street = f"{rng.randint(10, 9999)} {rng.choice(US_STREETS)} {rng.choice(US_SUFFIX)}{unit}"
        addr = f"{street}, {city}, {state} {z}{_digits(rng, 2)}"
    elif locale == "UK":
        town, area = rng.choice(UK_TOWNS)
        flat = rng.choice(["", "", "", f"Flat {rng.randint(1, 12)}, "])
        addr = f"{flat}{n} {rng.choice(UK_STREETS)} {rng.choice(UK_SUFFIX)}, {town} {_uk_postcode(rng, area)}"
    elif locale == "DE":
        city, plz = rng.choice(DE_CITIES)
        street = rng.choice(DE_STREETS) + rng.choice(["straße", "str.", "weg", "allee", "Straße"])
        street = street.replace("Berliner straße", "Berliner Straße").replace(" str.", " Str.")
        addr = f"{street} {n}{rng.choice(['', '', 'a', 'b'])}, {plz}{_digits(rng, 3)} {city}"
    elif locale == "FR":
        city, cp = rng.choice(FR_CITIES)
        bis = rng.choice(["", "", "", " bis"])
        addr = f"{n}{bis} {rng.choice(FR_STREETS)}, {cp}{_digits(rng, 5 - len(cp))} {city}"
    elif locale == "ES":
        city, cp = rng.choice(ES_CITIES)
        piso = rng.choice(["", f", {rng.randint(1, 9)}º {rng.choice(['A', 'B', 'izq.', 'dcha.'])}"])
        addr = f"{rng.choice(ES_STREETS)} {n}{piso}, {cp}{_digits(rng, 2)} {city}"
    elif locale == "IN":
        city, pin = rng.choice(IN_CITIES)
        lead = rng.choice([f"Flat {rng.randint(1, 20)}{rng.choice('ABCD')}, ", f"House No. {n}, ", f"B-{n}, "])
        addr = f"{lead}{rng.choice(IN_ROADS)}, {rng.choice(IN_AREAS)}, {city} {pin}{_digits(rng, 3)}"
    elif locale == "JP":
        district, ward, city, z = rng.choice(JP_PLACES)
        block = f"{rng.randint(1, 6)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
        addr = f"{block} {district}, {ward}, {city} {z}-{_digits(rng, 4)}"
    elif locale == "AU":
        suburb, state, pc = rng.choice(AU_PLACES)
        unit = rng.choice(["", "", f"Unit {rng.randint(1, 30)}/", f"{rng.randint(1, 9)}/"])
        addr = f"{unit}{n} {rng.choice(AU_STREETS)} {rng.choice(AU_SUFFIX)}, {suburb} {state} {pc}"
    elif locale == "BR":
        bairro, city, uf, cep = rng.choice(BR_PLACES)
        addr = f"{rng.choice(BR_STREETS)}, {n * 7}, {bairro}, {city} - {uf}, {cep}{_digits(rng, 3)}-{_digits(rng, 3)}"
    else:
        raise ValueError(locale)
    if rng.random() < 0.15:
        addr += f", {COUNTRY_NAMES[locale]}"
    return addr


# --- dates of birth ---------------------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


def _ordinal(d: int) -> str:
    suffix = "th" if 11 <= d % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return f"{d}{suffix}"


def make_date(rng: random.Random, locale: str, year_range: tuple[int, int]) -> str:
    y = rng.randint(*year_range)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    mon = MONTHS[m - 1]
    styles: list[Callable[[], str]] = [
        lambda: f"{y}-{m:02d}-{d:02d}",
        lambda: f"{d} {mon} {y}",
        lambda: f"{mon} {d}, {y}",
        lambda: f"{_ordinal(d)} {mon} {y}",
        lambda: f"{d:02d}-{mon[:3]}-{y}",
        lambda: f"{mon[:3]} {d} {y}",
    ]
    local = {
        "US": [lambda: f"{m:02d}/{d:02d}/{y}", lambda: f"{m}/{d}/{y}"],
        "UK": [lambda: f"{d:02d}/{m:02d}/{y}"],
        "DE": [lambda: f"{d:02d}.{m:02d}.{y}", lambda: f"{d}.{m}.{y}"],
        "FR": [lambda: f"{d:02d}/{m:02d}/{y}"],
        "ES": [lambda: f"{d:02d}/{m:02d}/{y}", lambda: f"{d}-{m}-{y}"],
        "IN": [lambda: f"{d:02d}-{m:02d}-{y}", lambda: f"{d:02d}/{m:02d}/{y}"],
        "JP": [lambda: f"{y}/{m:02d}/{d:02d}", lambda: f"{y}.{m:02d}.{d:02d}"],
        "AU": [lambda: f"{d}/{m}/{y}"],
        "BR": [lambda: f"{d:02d}/{m:02d}/{y}"],
    }[locale]
    return rng.choice(local * 3 + styles)()


DOB_CUES = [
    ("I was born on ", ""),
    ("born ", ""),
    ("DOB: ", ""),
    ("DOB ", ""),
    ("d.o.b. ", ""),
    ("my date of birth is ", ""),
    ("date of birth: ", ""),
    ("my birthday is ", ""),
    ("birthdate ", ""),
    ("I was born ", ""),
    ("my DOB is ", ""),
    ("birthday: ", ""),
    ("date of birth ", " (for the age check)"),
]

# ----------------------------------------------------------------------------------------------------------------
# Evasions (applied to a value before it is placed; the label covers the whole result)
# ----------------------------------------------------------------------------------------------------------------

DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "y": "у", "i": "і"}


def fullwidth_digits(s: str) -> str:
    return "".join(chr(ord(c) - ord("0") + 0xFF10) if c.isdigit() else c for c in s)


def insert_zero_width(rng: random.Random, s: str) -> str:
    chars = list(s)
    for _ in range(rng.randint(1, 2)):
        pos = rng.randint(1, len(chars) - 1)
        chars.insert(pos, rng.choice(ZERO_WIDTH))
    return "".join(chars)


def homoglyph(rng: random.Random, s: str) -> str:
    positions = [i for i, c in enumerate(s) if c in HOMOGLYPHS and "@" in s[i:]]  # in the local part
    positions = positions or [i for i, c in enumerate(s) if c in HOMOGLYPHS]
    if not positions:
        return s
    i = rng.choice(positions)
    return s[:i] + HOMOGLYPHS[s[i]] + s[i + 1 :]


def spell_email(rng: random.Random, email: str) -> tuple[str, str]:
    local, domain = email.split("@")
    style = rng.randint(0, 4)
    if style == 0:
        return f"{local.replace('.', ' dot ')} at {domain.replace('.', ' dot ')}", "spelled"
    if style == 1:
        return f"{local} [at] {domain.replace('.', ' [dot] ')}", "bracketed"
    if style == 2:
        return f"{local}(at){domain}", "bracketed"
    if style == 3:
        return f"{local} AT {domain.replace('.', ' DOT ')}", "spelled"
    return f"{local} @ {domain}", "spaced"


def spell_digits(rng: random.Random, s: str) -> str:
    words = []
    for c in s:
        if c.isdigit():
            words.append("oh" if c == "0" and rng.random() < 0.3 else DIGIT_WORDS[int(c)])
        elif c == "+":
            words.append("plus")
    return " ".join(words)


def space_digits(s: str) -> str:
    return " ".join(c for c in s if c.isdigit() or c == "+")


# ----------------------------------------------------------------------------------------------------------------
# Fillers and near misses (never labelled; some are recorded as distractors)
# ----------------------------------------------------------------------------------------------------------------

PRODUCTS = ["Trail Runner 3 jacket", "Summit 45L backpack", "Aspen down vest", "merino base layer", "Sierra 2P tent",
            "ceramic pour-over set", "oak bedside table", "linen duvet cover", "wireless earbuds", "yoga mat",
            "kids' rain boots", "cast-iron skillet", "standing desk", "noise-cancelling headphones",
            "hiking poles", "weekender duffel", "wool throw blanket", "espresso grinder"]  # fmt: skip
BRANDS = ["Summit Gear Co.", "Northwind Outfitters", "Harbor & Pine", "TrailBlaze", "Alder & Finch", "Kettle & Crane",
          "Bluewater Supply", "Redwood Home"]  # fmt: skip
CURRENCY = {"US": ("$", ".", ","), "UK": ("£", ".", ","), "DE": ("€", ",", "."), "FR": ("€", ",", " "),
            "ES": ("€", ",", "."), "IN": ("₹", ".", ","), "JP": ("¥", "", ","), "AU": ("A$", ".", ","),
            "BR": ("R$ ", ",", ".")}  # fmt: skip
WAREHOUSE_CITIES = ["Rotterdam", "Leipzig", "Memphis", "Reno", "Daventry", "Lyon", "Zaragoza", "Pune", "Osaka"]


def make_price(rng: random.Random, locale: str) -> str:
    sym, dec, thou = CURRENCY[locale]
    whole = rng.choice([rng.randint(5, 99), rng.randint(100, 999), rng.randint(1000, 4999)])
    cents = rng.randint(0, 99)
    w = f"{whole:,}".replace(",", thou)
    if locale == "JP":
        return f"{sym}{whole * 100:,}"
    return f"{sym}{w}{dec}{cents:02d}"


def make_sku(rng: random.Random) -> str:
    return rng.choice(
        [
            lambda: f"{_letters(rng, 2)}-{_digits(rng, 4)}-{rng.choice(['BLK', 'NVY', 'GRN', 'XL', 'S'])}",
            lambda: f"SKU {_letters(rng, 3)}{_digits(rng, 5)}",
            lambda: f"{_letters(rng, 3)}-{_digits(rng, 5)}",
            lambda: f"item {_digits(rng, 6)}-{_digits(rng, 2)}",
        ]
    )()


def make_version(rng: random.Random) -> str:
    return rng.choice(
        [
            lambda: f"{rng.randint(1, 19)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}",
            lambda: f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}.{rng.randint(1000, 9999)}",
            lambda: f"v{rng.randint(1, 5)}.{rng.randint(0, 12)}",
            lambda: f"{rng.randint(2019, 2025)}.{rng.randint(1, 12)}.{rng.randint(0, 5)}",
        ]
    )()


def make_tracking(rng: random.Random) -> str:
    return rng.choice(
        [
            lambda: f"1Z{_letters(rng, 3, 'ABCDEFGHJKLMNPRSTVWXY')}{_digits(rng, 3)}{_digits(rng, 10)}",
            lambda: f"JD{_digits(rng, 16)}",
            lambda: f"{_letters(rng, 2)}{_digits(rng, 9)}GB",
        ]
    )()


def make_bad_iban(rng: random.Random, locale: str) -> str:
    country = rng.choice(IBAN_COUNTRIES_BY_LOCALE[locale])
    bban = _bban(rng, country)
    good = int(iban_check_digits(country, bban))
    bad = f"{(good + rng.randint(1, 90)) % 97 + 2:02d}"
    if bad == f"{good:02d}":
        bad = f"{(good + 1) % 97 + 2:02d}"
    iban = country + bad + bban
    assert not iban_ok(iban)
    return format_iban(rng, iban)


# ----------------------------------------------------------------------------------------------------------------
# Templates
# ----------------------------------------------------------------------------------------------------------------

# Slots that produce labelled spans:
#   {NAME} full name  {FIRST} first name only  {EMAIL} {PHONE} {CARD} {IBAN} {SSN} {NINO} {IP} {ADDRESS}
#   {DOB} birth-date clause (cue + labelled date)  {CUST} customer id  {ORDER} order id  {ACCOUNT} account id
# Unlabelled fillers / near misses:
#   {PRODUCT} {PRICE} {DATE} (a non-birth date) {SKU} {BRAND} {VERSION} {CITY} {TRACKING} {LUHNFAIL} {BADIBAN}
#   {TIME} {QTY}
TEMPLATES: list[str] = [
    "Hi, I'm {NAME}, my order {ORDER} hasn't arrived, call me on {PHONE}.",
    "Hello, this is {NAME}. I ordered the {PRODUCT} on {DATE} and it still hasn't shipped. My email is {EMAIL}.",
    "Please update my delivery address to {ADDRESS}. Customer ID {CUST}.",
    "Can you refund {PRICE} to my card {CARD}? The order was {ORDER}.",
    "My IBAN is {IBAN}, please send the refund there. Name on the account: {NAME}.",
    "For the store card application: SSN {SSN}, {DOB}. Thanks!",
    "Someone logged into my account from {IP} yesterday at {TIME} and it wasn't me. Account {ACCOUNT}.",
    "National Insurance number {NINO} as requested for the staff discount form. {NAME}, {ADDRESS}",
    "hey its {FIRST} again, still waiting on {ORDER}. you can text me at {PHONE}",
    "Thanks {FIRST}! The {PRODUCT} ({SKU}) fits perfectly. Could you send the receipt to {EMAIL}?",
    "I was charged twice for {ORDER} ({PRICE} each). Card used: {CARD}. Please reverse one of them.",
    "Good morning. My name is {NAME} and my customer number is {CUST}. I'd like a copy of all the data you hold on me.",
    "Change the phone number on account {ACCOUNT} to {PHONE}, please. The old one no longer works.",
    "Delivery failed at {ADDRESS} - the courier said nobody was home but I was there all day. Tracking {TRACKING}.",
    "Can you confirm you have my date of birth right? It should be {DOB_BARE}. Customer {CUST}.",
    "Order {ORDER} arrived damaged. The {PRODUCT} from {BRAND} has a cracked frame. Photos sent from {EMAIL}.",
    "My husband {NAME} placed order {ORDER} using my card {CARD} - is that allowed?",
    "Please cancel order {ORDER}. I found the {PRODUCT} cheaper elsewhere for {PRICE}.",
    "Verification: {NAME}, {DOB}, postcode on file is part of {ADDRESS}.",
    "We noticed a login from {IP} on your account {ACCOUNT}. If this was not you, reply to this message.",
    "Hi there, I need to change the email on {CUST} from {EMAIL} to {EMAIL}.",
    "Refund to IBAN {IBAN} please, not to the card. Account holder {NAME}.",
    "The {PRODUCT} I got ({SKU}) is the wrong size. Can I swap it? Order {ORDER}, phone {PHONE}.",
    "Your app (version {VERSION}) keeps crashing when I try to pay. My account is {ACCOUNT}.",
    "I moved! New address: {ADDRESS}. Old orders can still go to the previous one until {DATE}.",
    "Please remove my details. Name: {NAME}. Email: {EMAIL}. Phone: {PHONE}. Address: {ADDRESS}.",
    "My mum {NAME} ({EMAIL}) wants to use my loyalty account {ACCOUNT}. How do we link them?",
    "Dear {BRAND} team, order {ORDER} was delivered on {DATE} but the box was empty.",
    "Can you tell me why I was shown an ad for the {PRODUCT}? My customer ID is {CUST}.",
    "I gave my SSN {SSN} at checkout by mistake - please delete it from your records. {NAME}",
    "Payroll deduction form: NINO {NINO}, employee {NAME}, {DOB}.",
    "Server log for the fraud team: {IP} tried 40 passwords on account {ACCOUNT} between {TIME} and midnight.",
    "{FIRST} here. Ring me on {PHONE} about the warranty claim for order {ORDER}.",
    "Is it normal that your site stored my full card number {CARD}? I only expected the last four digits.",
    "Total was {PRICE} for {QTY} items but I was charged more. Order {ORDER}, customer {CUST}.",
    "Please send the replacement to {ADDRESS} instead - {NAME}",
    "The gift card code {LUHNFAIL} doesn't work at checkout. Order {ORDER}.",
    "Your FAQ lists {BADIBAN} as the example IBAN but it doesn't validate. My real one is {IBAN}.",
    "Hello, {NAME} speaking. Born {DOB_BARE}. I'd like to know what you infer about my age group.",
    "Email me at {EMAIL} or call {PHONE} - whichever is easier. Re: {ORDER}.",
    "Shipped from the {CITY} warehouse on {DATE}, still not here. Address is {ADDRESS}.",
    "why do you have my ip {IP} in my data export?? account {ACCOUNT}",
    "My card {CARD} expired, please update the subscription on {ACCOUNT} to the new one: {CARD}.",
    "{NAME} / {CUST} / {PHONE} - please call back about the {PRODUCT}.",
    "Hi, order {ORDER}: the parcel went to {ADDRESS} but I live at {ADDRESS}.",
    "Please confirm the refund of {PRICE} to {IBAN} for order {ORDER}.",
    "I'm writing on behalf of my father, {NAME}. His customer ID is {CUST} and his phone is {PHONE}.",
    "For identity verification: {DOB}, SSN {SSN}, billing address {ADDRESS}.",
    "Contact details changed - email {EMAIL}, mobile {PHONE}. Thanks, {FIRST}",
    "Our records show a payment from card {CARD} for order {ORDER} on {DATE}.",
    "Can {BRAND} stop emailing {EMAIL}? I unsubscribed twice. Customer {CUST}.",
    "Login alerts: {IP} (new device) and {IP} (known). Account {ACCOUNT}.",
    "Hi! {NAME} here, {DOB}. Is the birthday discount applied automatically?",
    "Pls send invoice for {ORDER} to {NAME}, {ADDRESS}, VAT not needed.",
    "My NI number is {NINO} and my email {EMAIL}, for the tax-free staff voucher.",
    "Account {ACCOUNT} - I never authorised the direct debit from {IBAN}.",
    "i think {NAME} used my details, order {ORDER} wasnt me",
    "Returned the {PRODUCT} on {DATE} via drop-off. Refund to card {CARD} please, {PRICE}.",
    "The courier rang {PHONE} but that's my old number. Use {PHONE} instead. Order {ORDER}.",
    "Please delete everything linked to {EMAIL}, {PHONE} and customer id {CUST}.",
    "Order confirmation for {NAME}: {ORDER}, {QTY} items, total {PRICE}, ships to {ADDRESS}.",
    "Hello, I'd like to know why {BRAND} shared my data. Customer ID {CUST}, account {ACCOUNT}.",
    "Fraud report: card {CARD} used from {IP} for order {ORDER}.",
    "My date of birth on file is wrong. Correct {DOB}. {NAME}",
    "Could you send my data export to {EMAIL}? Account {ACCOUNT}, customer {CUST}.",
    "Re order {ORDER}: SSN {SSN} was needed for the financing application, {NAME}.",
    "Thanks for the quick help, {FIRST}. The new tracking is {TRACKING}.",
    "Deliver to my office please: {NAME}, {ADDRESS}. Phone {PHONE}.",
    "The {PRODUCT} {SKU} is back in stock? Email {EMAIL} when it is.",
    "Employee discount verification: {NAME}, NI {NINO}, staff email {EMAIL}.",
]

NEGATIVE_TEMPLATES: list[str] = [
    "Hi, does the {PRODUCT} come in other colours? The page says {SKU} is sold out.",
    "Please check my order status. It was placed on {DATE} for {PRICE}.",
    "Thanks for the refund! Everything is sorted now.",
    "Will the {BRAND} sale include the {PRODUCT}? Last year it was {PRICE}.",
    "Your app version {VERSION} shows a blank screen after the update on {DATE}.",
    "The gift card {LUHNFAIL} shows a zero balance, is that right?",
    "May I return an item bought in store? The receipt total was {PRICE}.",
    "Why is the {PRODUCT} {PRICE} here but cheaper in the {CITY} store?",
    "Tracking {TRACKING} hasn't updated since {DATE} at {TIME}.",
    "Can you explain what data you use for recommendations? I only bought the {PRODUCT}.",
    "Mark as delivered? It never arrived. The box was meant to come on {DATE}.",
    "Is {BADIBAN} the right format for a refund IBAN? It says invalid.",
    "Hello! Summer sale question: is the {PRODUCT} ({SKU}) included? Thanks.",
    "I bought {QTY} of the {PRODUCT} at {PRICE} each, can I get a bulk discount?",
]

SLOT_RE = re.compile(r"\{([A-Z_]+)\}")
LABEL_OF = {
    "NAME": "PERSON",
    "FIRST": "PERSON",
    "EMAIL": "EMAIL",
    "PHONE": "PHONE",
    "CARD": "CREDIT_CARD",
    "IBAN": "IBAN",
    "SSN": "US_SSN",
    "NINO": "UK_NINO",
    "IP": "IP_ADDRESS",
    "ADDRESS": "STREET_ADDRESS",
    "DOB": "DATE_OF_BIRTH",
    "DOB_BARE": "DATE_OF_BIRTH",
    "CUST": "CUSTOMER_ID",
    "ORDER": "ORDER_ID",
    "ACCOUNT": "ACCOUNT_ID",
}


def template_types(template: str) -> set[str]:
    return {LABEL_OF[s] for s in SLOT_RE.findall(template) if s in LABEL_OF}


# ----------------------------------------------------------------------------------------------------------------
# Rendering
# ----------------------------------------------------------------------------------------------------------------


@dataclass
class Persona:
    first: str
    last: str
    culture: str
    customer: dict[str, str] | None = None  # a directory customer, when the message is about one


@dataclass
class Message:
    parts: list[tuple[str, str | None, list[str]]] = field(default_factory=list)  # (text, label, tags)
    distractors: list[tuple[int, int, str]] = field(default_factory=list)

    def add(self, text: str, label: str | None = None, tags: list[str] | None = None) -> None:
        self.parts.append((text, label, tags or []))

    def add_distractor(self, text: str, kind: str) -> None:
        self.parts.append((text, f"~{kind}", []))

    def build(self) -> tuple[str, list[dict[str, object]], list[dict[str, object]]]:
        text, spans, distractors, pos = [], [], [], 0
        for chunk, label, tags in self.parts:
            if label and not label.startswith("~"):
                entry: dict[str, object] = {"start": pos, "end": pos + len(chunk), "entity_type": label, "text": chunk}
                if tags:
                    entry["tags"] = sorted(set(tags))
                spans.append(entry)
            elif label:
                distractors.append({"start": pos, "end": pos + len(chunk), "kind": label[1:], "text": chunk})
            text.append(chunk)
            pos += len(chunk)
        return "".join(text), spans, distractors


class Generator:
    def __init__(self, seed: int, customers: list[dict[str, str]]) -> None:
        self.rng = random.Random(seed)
        self.customers = customers
        dir_tokens = {tok for c in customers for tok in re.split(r"[\s]+", c["name"])}
        self.first = {k: [n for n in v if n not in dir_tokens] for k, v in FIRST_NAMES.items()}
        self.last = {k: [n for n in v if n not in dir_tokens] for k, v in LAST_NAMES.items()}
        self.dir_names = {c["name"] for c in customers}

    # -- persona and names --
    def persona(self, locale: str) -> Persona:
        rng = self.rng
        if self.customers and rng.random() < 0.08:
            c = rng.choice(self.customers)
            first, _, last = c["name"].partition(" ")
            return Persona(first, last, "directory", c)
        culture = rng.choice(LOCALE_CULTURES[locale]) if rng.random() < 0.65 else rng.choice(sorted(FIRST_NAMES))
        while True:
            first = rng.choice(self.first[culture])
            last_culture = culture if rng.random() < 0.85 else rng.choice(sorted(LAST_NAMES))
            last = rng.choice(self.last[last_culture])
            if f"{first} {last}" not in self.dir_names:
                return Persona(first, last, culture)

    def other_persona(self, locale: str) -> Persona:
        while True:
            p = self.persona(locale)
            if p.customer is None:
                return p

    def name_value(self, p: Persona, kind: str, lower: bool) -> tuple[list[tuple[str, str | None]], list[str]]:
        """Name parts: a list of (text, label) with an optional unlabelled title first."""
        rng = self.rng
        tags = ["directory"] if p.customer else []
        if any(c in p.first + p.last for c in "'-"):
            tags.append("apostrophe_or_hyphen")
        if kind == "FIRST":
            out: list[tuple[str, str | None]] = [(p.first, "PERSON")]
            tags.append("first_name_only")
        else:
            r = rng.random()
            if r < 0.72 or p.customer:
                out = [(f"{p.first} {p.last}", "PERSON")]
            elif r < 0.82:
                out = [(f"{p.first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {p.last}", "PERSON")]
                tags.append("middle_initial")
            elif r < 0.92:
                out = [(rng.choice(["Mr ", "Ms ", "Mrs ", "Dr. ", "Mx "]), None), (p.last, "PERSON")]
                tags.append("title_surname")
            else:
                out = [(f"{p.last.upper()}, {p.first}", "PERSON")]
                tags.append("surname_first")
        if lower:
            out = [(t.lower(), lab) for t, lab in out]
            tags.append("lowercase")
        return out, tags

    def email_for(self, p: Persona) -> str:
        rng = self.rng
        if p.customer and rng.random() < 0.85:
            return p.customer["email"]

        def clean(s: str) -> str:
            table = str.maketrans(
                "áàâäãåçéèêëíìîïñóòôöõøúùûüýÿłśźżąęćńőűşğıß", "aaaaaaceeeeiiiinoooooouuuuyylszzaecnousgis"
            )
            return re.sub(r"[^a-z]", "", s.lower().translate(table))

        f, last = clean(p.first) or "user", clean(p.last) or "mail"
        local = rng.choice(
            [f"{f}.{last}", f"{f}{last}", f"{f[0]}{last}", f"{f}_{last}", f"{f}.{last}{rng.randint(1, 99)}",
             f"{last}.{f}", f"{f}{rng.randint(70, 2005)}", f"{f}-{last}"]
        )  # fmt: skip
        domain = rng.choice(
            ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com", "yahoo.co.uk",
             "btinternet.com", "web.de", "gmx.de", "t-online.de", "orange.fr", "free.fr", "hotmail.es",
             "telefonica.net", "rediffmail.com", "yahoo.co.in", "docomo.ne.jp", "yahoo.co.jp", "bigpond.com.au",
             "optusnet.com.au", "uol.com.br", "bol.com.br", "fastmail.com", "mail.example.org"]
        )  # fmt: skip
        return f"{local}@{domain}"

    # -- one slot --
    def slot(self, m: Message, slot: str, locale: str, persona: Persona, lower: bool, state: dict[str, int]) -> None:
        rng = self.rng
        label = LABEL_OF.get(slot)
        if slot in ("NAME", "FIRST"):
            p = persona if state.setdefault("names", 0) == 0 else self.other_persona(locale)
            state["names"] += 1
            parts, tags = self.name_value(p, slot, lower)
            for text, lab in parts:
                m.add(text, lab, tags if lab else None)
            return
        if slot == "EMAIL":
            first_use = state.setdefault("emails", 0) == 0
            state["emails"] += 1
            p = persona if first_use and rng.random() < 0.7 else self.other_persona(locale)
            email = self.email_for(p)
            tags = ["directory"] if p.customer and email == p.customer["email"] else []
            if lower:
                email = email.lower()
            r = rng.random()
            if r < 0.05:
                email, how = spell_email(rng, email)
                tags.append(f"evasion:{how}")
            elif r < 0.075:
                email = homoglyph(rng, email)
                tags.append("evasion:homoglyph")
            elif r < 0.1:
                email = insert_zero_width(rng, email)
                tags.append("evasion:zero_width")
            m.add(email, label, tags)
            return
        if slot == "PHONE":
            if persona.customer and state.setdefault("phones", 0) == 0 and rng.random() < 0.85:
                phone, tags = persona.customer["phone"], ["directory", "format:international"]
                phone_locale = locale
            else:
                phone_locale = locale if rng.random() < 0.85 else rng.choice(LOCALES)
                phone, fmt = make_phone(rng, phone_locale)
                tags = [f"format:{fmt}", f"locale:{phone_locale}"]
            state["phones"] = state.get("phones", 0) + 1
            r = rng.random()
            if r < 0.035:
                phone = space_digits(phone)
                tags.append("evasion:spaced_digits")
            elif r < 0.065:
                phone = spell_digits(rng, phone)
                tags.append("evasion:spelled_digits")
            elif r < 0.085:
                phone = fullwidth_digits(phone)
                tags.append("evasion:fullwidth")
            elif r < 0.1:
                phone = insert_zero_width(rng, phone)
                tags.append("evasion:zero_width")
            m.add(phone, label, tags)
            return
        if slot == "CARD":
            number, brand = make_card(rng)
            card = format_card(rng, number)
            tags = [f"brand:{brand}"]
            r = rng.random()
            if r < 0.03:
                card = fullwidth_digits(card)
                tags.append("evasion:fullwidth")
            elif r < 0.06:
                card = insert_zero_width(rng, card)
                tags.append("evasion:zero_width")
            elif r < 0.08:
                card = "-".join(number[i : i + 4] for i in range(0, len(number), 4)).replace("-", ".")
                tags.append("evasion:dotted")
            m.add(card, label, tags)
            return
        if slot == "IBAN":
            country = rng.choice(IBAN_COUNTRIES_BY_LOCALE[locale])
            iban = format_iban(rng, make_iban(rng, country))
            tags = [f"country:{country}"]
            if rng.random() < 0.05:
                iban = insert_zero_width(rng, iban)
                tags.append("evasion:zero_width")
            m.add(iban, label, tags)
            return
        if slot == "SSN":
            ssn = make_ssn(rng)
            tags = []
            if rng.random() < 0.05:
                ssn = fullwidth_digits(ssn)
                tags.append("evasion:fullwidth")
            m.add(ssn, label, tags)
            return
        if slot == "NINO":
            nino = make_nino(rng)
            m.add(nino.lower() if lower else nino, label, ["lowercase"] if lower else [])
            return
        if slot == "IP":
            ip = make_ip(rng)
            m.add(ip, label, ["ipv6" if ":" in ip else "ipv4"])
            return
        if slot == "ADDRESS":
            if persona.customer and state.setdefault("addresses", 0) == 0 and rng.random() < 0.85:
                addr, tags = persona.customer["postal_address"], ["directory"]
            else:
                addr_locale = locale if rng.random() < 0.9 else rng.choice(LOCALES)
                addr, tags = make_address(rng, addr_locale), [f"locale:{addr_locale}"]
            state["addresses"] = state.get("addresses", 0) + 1
            if lower:
                addr = addr.lower()
                tags.append("lowercase")
            m.add(addr, label, tags)
            return
        if slot in ("DOB", "DOB_BARE"):
            date = make_date(rng, locale, (1940, 2006))
            if slot == "DOB":
                pre, post = rng.choice(DOB_CUES)
                m.add(pre.lower() if lower else pre)
                m.add(date, label, [])
                m.add(post)
            else:
                m.add(date, label, [])
            return
        if slot == "CUST":
            if persona.customer and rng.random() < 0.85:
                cid, tags = persona.customer["customer_id"], ["directory"]
            else:
                prefix = "NW" if rng.random() < 0.6 else _letters(rng, 2)
                cid, tags = f"{prefix}-{_digits(rng, 4)}", []
            m.add(cid, label, tags)
            return
        if slot == "ORDER":
            r = rng.random()
            # A bare number is an order id only with "order" close by; add the word where the template has none.
            cue = "order" in "".join(part[0] for part in m.parts)[-25:].lower()
            if r >= 0.5 and not cue:
                m.add("order ")
            if r < 0.5:
                m.add(f"ORD-{rng.randint(2019, 2025)}-{_digits(rng, 6)}", label, ["format:ORD"])
            elif r < 0.8:
                m.add("#")
                m.add(str(rng.randint(10_000_000, 99_999_999)), label, ["format:hash"])
            else:
                m.add(rng.choice(["no. ", "number ", "nr "]))
                m.add(str(rng.randint(10_000_000, 99_999_999)), label, ["format:number"])
            return
        if slot == "ACCOUNT":
            m.add(f"ACC-{_digits(rng, 8)}", label, [])
            return
        # fillers
        if slot == "PRODUCT":
            m.add(rng.choice(PRODUCTS))
        elif slot == "PRICE":
            m.add_distractor(make_price(rng, locale), "price")
        elif slot == "DATE":
            d = make_date(rng, locale, (2023, 2025))
            if rng.random() < 0.35:
                d = f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"
            m.add_distractor(d, "non_birth_date")
        elif slot == "SKU":
            m.add_distractor(make_sku(rng), "sku")
        elif slot == "BRAND":
            m.add_distractor(rng.choice(BRANDS), "brand")
        elif slot == "VERSION":
            m.add_distractor(make_version(rng), "version")
        elif slot == "CITY":
            m.add_distractor(rng.choice(WAREHOUSE_CITIES), "city_not_address")
        elif slot == "TRACKING":
            m.add_distractor(make_tracking(rng), "tracking_number")
        elif slot == "LUHNFAIL":
            m.add_distractor(make_luhn_fail(rng), "luhn_fail")
        elif slot == "BADIBAN":
            m.add_distractor(make_bad_iban(rng, locale), "iban_bad_checksum")
        elif slot == "TIME":
            m.add(rng.choice([f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}", f"{rng.randint(1, 12)}pm"]))
        elif slot == "QTY":
            m.add(str(rng.randint(2, 12)))
        else:
            raise KeyError(slot)

    def render(self, template: str, locale: str) -> dict[str, object]:
        rng = self.rng
        persona = self.persona(locale)
        lower = rng.random() < 0.06
        m = Message()
        state: dict[str, int] = {}
        pos = 0
        for match in SLOT_RE.finditer(template):
            literal = template[pos : match.start()]
            m.add(literal.lower() if lower else literal)
            self.slot(m, match.group(1), locale, persona, lower, state)
            pos = match.end()
        tail = template[pos:]
        m.add(tail.lower() if lower else tail)
        text, spans, distractors = m.build()
        return {"text": text, "spans": spans, "distractors": distractors, "locale": locale, "lowercased": lower}


# ----------------------------------------------------------------------------------------------------------------
# Hard cases and validation
# ----------------------------------------------------------------------------------------------------------------


def validate(record: dict[str, object]) -> None:
    text = record["text"]
    assert isinstance(text, str)
    spans = sorted(record["spans"], key=lambda s: s["start"])  # type: ignore[arg-type, index]
    prev_end = 0
    for s in spans:
        assert s["entity_type"] in ENTITY_TYPES, (record["id"], s)
        assert text[s["start"] : s["end"]] == s["text"], (record["id"], s, text[s["start"] : s["end"]])
        assert s["start"] >= prev_end, f"overlapping gold spans in {record['id']}"
        assert s["text"].strip() == s["text"] and s["text"], (record["id"], s)
        prev_end = s["end"]
    for d in record.get("distractors", []):  # type: ignore[attr-defined]
        assert text[d["start"] : d["end"]] == d["text"], (record["id"], d)


def load_hard_cases(path: Path) -> list[dict[str, object]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        rec.setdefault("id", f"hard-{n:03d}")
        rec["source"] = "hard_case"
        rec.setdefault("distractors", [])
        rec.setdefault("locale", "mixed")
        for s in rec["spans"]:
            if "start" not in s:  # locate by text (first occurrence) when offsets are left out
                s["start"] = rec["text"].index(s["text"])
                s["end"] = s["start"] + len(s["text"])
        for d in rec["distractors"]:
            if "start" not in d:
                d["start"] = rec["text"].index(d["text"])
                d["end"] = d["start"] + len(d["text"])
        validate(rec)
        out.append(rec)
    return out


def load_customers() -> list[dict[str, str]]:
    path = REPO / "knowledge" / "customers.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def generate(seed: int) -> list[dict[str, object]]:
    gen = Generator(seed, load_customers())
    rng = gen.rng
    records: list[dict[str, object]] = []
    counts: Counter[str] = Counter()
    template_ids = {t: f"t{i:02d}" for i, t in enumerate(TEMPLATES, 1)}
    template_ids.update({t: f"n{i:02d}" for i, t in enumerate(NEGATIVE_TEMPLATES, 1)})
    by_type = {ty: [t for t in TEMPLATES if ty in template_types(t)] for ty in ENTITY_TYPES}

    def emit(template: str) -> None:
        locale = rng.choice(LOCALES)
        if "{SSN}" in template:
            locale = "US"
        elif "{NINO}" in template:
            locale = "UK"
        rec = gen.render(template, locale)
        rec["id"] = f"gen-{len(records) + 1:04d}"
        rec["template"] = template_ids[template]
        rec["source"] = "generated"
        validate(rec)
        records.append(rec)
        counts.update(s["entity_type"] for s in rec["spans"])  # type: ignore[attr-defined, index]

    for _ in range(BASE_MESSAGES):
        emit(rng.choice(NEGATIVE_TEMPLATES) if rng.random() < 0.1 else rng.choice(TEMPLATES))
    while (short := [t for t in ENTITY_TYPES if counts[t] < MIN_PER_TYPE]) != []:
        emit(rng.choice(by_type[rng.choice(short)]))
    return records


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "dataset.jsonl")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--hard-cases", type=Path, default=HERE / "hard_cases.jsonl")
    args = ap.parse_args()

    assert len(TEMPLATES) + len(NEGATIVE_TEMPLATES) >= 60
    records = generate(args.seed)
    if args.hard_cases.exists():
        records += load_hard_cases(args.hard_cases)
    with args.out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    counts = Counter(s["entity_type"] for r in records for s in r["spans"])  # type: ignore[attr-defined, index]
    hard = Counter(s["entity_type"] for r in records if r["source"] == "hard_case" for s in r["spans"])  # type: ignore[attr-defined, index]
    negatives = sum(1 for r in records if not r["spans"])
    print(f"wrote {len(records)} messages ({negatives} without PII), {sum(counts.values())} spans to {args.out}")
    for t in ENTITY_TYPES:
        print(f"  {t:<15} {counts[t]:>5}  (hard cases: {hard[t]})")


if __name__ == "__main__":
    main()
