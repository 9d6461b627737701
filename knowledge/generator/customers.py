"""The 48 fictional customers (NW-1001 .. NW-1048): names, contact details, sign-up dates, Rewards tiers.

All people, addresses, phone numbers (555-01xx, 7946 0xxx, 01 99 00 ... ranges) and email domains (*.example)
are invented.
"""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import UTC, datetime

from .timestamps import iso, random_time

NAMES = [
    "Amara Okafor",
    "Lukas Brenner",
    "Sofia Marchetti",
    "Haruto Sato",
    "Priya Raman",
    "Mateo Álvarez",
    "Chloé Dubois",
    "Siobhan Keane",
    "Tomasz Wiśniewski",
    "Leila Haddad",
    "Kwame Mensah",
    "Ingrid Solberg",
    "Diego Ferreira",
    "Mei Lin Zhou",
    "Aroha Ngata",
    "Jonas Weber",
    "Fatima Benali",
    "Oliver Hughes",
    "Ayesha Siddiqui",
    "Noah Kim",
    "Elena Petrova",
    "Camille Laurent",
    "Rahul Mehta",
    "Grace Adeyemi",
    "Finn Gallagher",
    "Yuki Tanaka",
    "Lena Hoffmann",
    "Samuel Osei",
    "Maya Cohen",
    "Rafael Costa",
    "Hannah Schmidt",
    "Omar Farouk",
    "Zoë Martin",
    "Ethan Nguyen",
    "Isabella Rossi",
    "Arjun Nair",
    "Niamh O'Connor",
    "Théo Moreau",
    "Chiara Bianchi",
    "David Mwangi",
    "Sara Lindqvist",
    "Marcus Johnson",
    "Anika Patel",
    "Felix Wagner",
    "Lucía Romero",
    "Kofi Asante",
    "Emma Fischer",
    "Jin-woo Park",
]
# Country of each customer, in the order of NAMES.
COUNTRY_PATTERN = ["US", "UK", "US", "CA", "DE", "US", "FR", "UK"]

EMAIL_DOMAINS = ["mail.example", "post.example", "inbox.example", "letterbox.example", "webpost.example"]

# (city, region, postcode base, fictional phone prefix)
US_CITIES = [
    ("Seattle", "WA", 98100, "206"),
    ("Portland", "OR", 97200, "503"),
    ("Denver", "CO", 80200, "720"),
    ("Boise", "ID", 83700, "208"),
    ("Minneapolis", "MN", 55400, "612"),
    ("Asheville", "NC", 28800, "828"),
    ("Salt Lake City", "UT", 84100, "801"),
    ("Bend", "OR", 97700, "541"),
]
CA_CITIES = [
    ("Vancouver", "BC", "V6B", "604"),
    ("Calgary", "AB", "T2P", "403"),
    ("Toronto", "ON", "M5V", "416"),
    ("Halifax", "NS", "B3H", "902"),
]
# UK numbers use the ranges Ofcom reserves for drama (e.g. 0161 496 0xxx, 07700 900xxx).
UK_CITIES = [
    ("London", "N", "20 7946 0"),
    ("Manchester", "M", "161 496 0"),
    ("Edinburgh", "EH", "131 496 0"),
    ("Bristol", "BS", "117 496 0"),
    ("Leeds", "LS", "113 496 0"),
    ("Sheffield", "S", "114 496 0"),
    ("Inverness", "IV", "7700 900"),
]
DE_CITIES = [
    ("Berlin", 10115),
    ("Berlin", 10405),
    ("Berlin", 10551),
    ("Berlin", 10967),
    ("Berlin", 12043),
    ("Berlin", 13353),
]
# French numbers use the ranges ARCEP reserves for fiction (01 99 00, 04 65 71, 05 36 49).
FR_CITIES = [
    ("Paris", 75011, "1 99 00"),
    ("Lyon", 69002, "4 65 71"),
    ("Grenoble", 38000, "4 65 71"),
    ("Annecy", 74000, "4 65 71"),
    ("Chamonix-Mont-Blanc", 74400, "4 65 71"),
    ("Bordeaux", 33000, "5 36 49"),
]
EN_STREETS = [
    "Alder Ridge",
    "Cedar Hollow",
    "Fernbrook",
    "Juniper Bend",
    "Larch Hill",
    "Maple Crossing",
    "Osprey",
    "Pinecrest",
    "Quarry View",
    "Silverbirch",
    "Thornfield",
    "Willow Creek",
]
US_SUFFIX = ["Road", "Lane", "Avenue", "Street", "Drive", "Way"]
UK_SUFFIX = ["Road", "Lane", "Close", "Street", "Gardens", "Terrace"]
DE_STREETS = ["Lindenweg", "Ahornstraße", "Am Tannenhang", "Birkenallee", "Eschenring", "Kiefernpfad", "Weidenstraße"]
FR_STREETS = [
    "rue des Mélèzes",
    "avenue des Cimes",
    "rue du Torrent",
    "chemin des Bouleaux",
    "rue de la Source",
    "allée des Sapins",
]
TIERS = ["Bronze", "Silver", "Gold"]


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", text.lower())


def make_address(rng: random.Random, country: str, index: int) -> tuple[str, str]:
    """A fictional street address and a fictional phone number in the same area.

    index is unique per country, so every phone number is distinct.
    """
    if country == "US":
        city, state, base, area = rng.choice(US_CITIES)
        return (
            f"{rng.randint(100, 9899)} {rng.choice(EN_STREETS)} {rng.choice(US_SUFFIX)}, "
            f"{city}, {state} {base + rng.randint(1, 38):05d}, United States",
            f"+1 {area}-555-01{index:02d}",
        )
    if country == "CA":
        city, prov, fsa, area = rng.choice(CA_CITIES)
        ldu = f"{rng.randint(1, 9)}{rng.choice('ABCEGHJKLMNPRSTVWXYZ')}{rng.randint(1, 9)}"
        return (
            f"{rng.randint(10, 2999)} {rng.choice(EN_STREETS)} {rng.choice(US_SUFFIX)}, {city}, {prov} {fsa} {ldu}, Canada",
            f"+1 {area}-555-01{index:02d}",
        )
    if country == "UK":
        city, district, prefix = rng.choice(UK_CITIES)
        postcode = f"{district}{rng.randint(1, 15)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        flat = f"Flat {rng.randint(1, 12)}, " if rng.random() < 0.3 else ""
        return (
            f"{flat}{rng.randint(1, 180)} {rng.choice(EN_STREETS)} {rng.choice(UK_SUFFIX)}, {city} {postcode}, United Kingdom",
            f"+44 {prefix}{100 + index:03d}",
        )
    if country == "DE":
        city, plz = rng.choice(DE_CITIES)
        return f"{rng.choice(DE_STREETS)} {rng.randint(1, 120)}, {plz:05d} {city}, Germany", f"+49 30 901820{index:02d}"
    city, cp, prefix = rng.choice(FR_CITIES)
    return (
        f"{rng.randint(1, 90)} {rng.choice(FR_STREETS)}, {cp:05d} {city}, France",
        f"+33 {prefix} {10 + index // 10:02d} {index % 10 * 11:02d}",
    )


def make_email(rng: random.Random, name: str, used: set[str]) -> str:
    parts = [ascii_slug(p) for p in re.split(r"[\s'-]+", name) if ascii_slug(p)]
    first, last = parts[0], parts[-1]
    styles = [f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last[0]}", f"{last}.{first}", f"{first}{last}"]
    while True:
        local = rng.choice(styles)
        if rng.random() < 0.35:
            local += str(rng.randint(2, 99))
        email = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
        if email not in used:
            used.add(email)
            return email


def make_customers(rng: random.Random):
    assert len(NAMES) == 48 and len(set(NAMES)) == 48
    start = datetime(2022, 1, 3, tzinfo=UTC)
    end = datetime(2023, 12, 20, tzinfo=UTC)
    created = sorted(random_time(rng, start, end) for _ in NAMES)
    customers, extra = [], {}
    per_country: dict[str, int] = {}
    used_emails: set[str] = set()
    for i, name in enumerate(NAMES):
        cid = f"NW-{1001 + i}"
        country = COUNTRY_PATTERN[i % len(COUNTRY_PATTERN)]
        idx = per_country.get(country, 0) + 1
        per_country[country] = idx
        address, phone = make_address(rng, country, idx + 10)
        customers.append(
            {
                "customer_id": cid,
                "name": name,
                "email": make_email(rng, name, used_emails),
                "phone": phone,
                "postal_address": address,
                "created_at": iso(created[i]),
            }
        )
        tier = rng.choices([None, "Bronze", "Silver", "Gold"], weights=[3, 4, 3, 2])[0]
        extra[cid] = {"country": country, "created": created[i], "tier": tier, "points": rng.randrange(150, 4800, 10)}
    return customers, extra
