#!/usr/bin/env python3
"""Generate the sample records of the Candor knowledge pack for Northwind Outfitters.

Known pipeline-bug decisions (personalized offer shown after the customer had
withdrawn personalized_offers consent, still citing the old, withdrawn grant):
    D-414, D-459, D-736, D-739

This script writes six JSON Lines files:

* customers.jsonl  - 48 fictional customers (NW-1001 .. NW-1048) with contact details.
* consents.jsonl   - the append-only consent ledger (CE-1, CE-2, ...), ordered by time,
                     for the consent-based purposes personalized_offers, email_marketing,
                     partner_advertising and fitness_features.
* offers.jsonl     - 30 offers (OF-1 .. OF-30) running between January and October 2024,
                     six of them sponsored by partner brands.
* decisions.jsonl  - exactly 1000 offer decisions (D-1 .. D-1000, ordered by shown_at)
                     saying which offer was shown to whom, when, on which channel, for
                     which purpose and legal basis, relying on which consent event, and
                     with which signals (data category, plain-language signal, weight).
                     A few parameters also name the customer group ("segment_id") or the
                     prediction ("prediction_id") the signal came from.
* memberships.jsonl - which customer was in which group of segments.yaml, and when.
* predictions.jsonl - predictions of the models in segments.yaml (P-1, P-2, ...).

The last two, and the segment_id/prediction_id keys, are made by generate_profiles.py
with its own seed after everything else, so the first four files are the same as without
them except for those keys. Deliberately unfair group: fitness_high_performer (it uses
fitness tracker data); the decisions relying on it are listed in generate_profiles.py.

All people, addresses, phone numbers (555-01xx, 7946 0xxx, 01 99 00 ... ranges) and
email domains (*.example) are invented.

The data is built with a fixed seed (random.Random(20240315)) and no clock or
environment input, so every run writes byte-identical files. That keeps the files
reviewable in version control and lets tests refer to specific ids, such as the
four deliberate consent violations listed above, which the assistant must detect.

Usage:
    python knowledge/generate.py [--out DIR] [--check]

--out   directory to write to (default: the directory of this script)
--check after writing, verify the cross-references between the generated files
        and the purposes, categories, groups, models, controls and policy sections of
        the knowledge pack.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

try:
    from generate_profiles import AS_OF, EXPECTED_UNFAIR_DECISIONS, PROFILED_PURPOSES, UNFAIR_SEGMENT, make_profiles
except ModuleNotFoundError:  # imported as knowledge.generate rather than run as a script
    from knowledge.generate_profiles import (
        AS_OF,
        EXPECTED_UNFAIR_DECISIONS,
        PROFILED_PURPOSES,
        UNFAIR_SEGMENT,
        make_profiles,
    )

SEED = 20240315

# Decision ids of the deliberate consent violations (kept in sync with the docstring
# above; --check fails if the generator produces different ids).
EXPECTED_VIOLATIONS = ["D-414", "D-459", "D-736", "D-739"]

PURPOSE_BASIS = {
    "personalized_offers": "consent",
    "email_marketing": "consent",
    "partner_advertising": "consent",
    "contextual_offers": "legitimate_interest",
    "order_fulfilment": "contract",
    "fraud_prevention": "legitimate_interest",
    "legal_compliance": "legal_obligation",
    "fitness_features": "consent",
    "service_improvement": "legitimate_interest",
}
CONSENT_PURPOSES = ["personalized_offers", "email_marketing", "partner_advertising", "fitness_features"]
PERSONAL_SIGNALS = [
    "purchase_history",
    "browsing_activity",
    "app_usage",
    "email_engagement",
    "loyalty_status",
    "location_region",
    "inferred_interests",
]
# Relative importance of each signal before random variation (see the
# Personalization Notice, "Why the parameters weigh as they do").
BASE_WEIGHT = {
    "purchase_history": 0.38,
    "browsing_activity": 0.26,
    "inferred_interests": 0.20,
    "app_usage": 0.16,
    "loyalty_status": 0.12,
    "location_region": 0.11,
    "email_engagement": 0.08,
}
WEIGHT_CAPS = {
    "offers-2.3": {"email_engagement": 0.15, "inferred_interests": 0.30, "loyalty_status": 0.30},
    "offers-2.4": {"email_engagement": 0.15, "inferred_interests": 0.30, "loyalty_status": 0.20},
}
PARTNER_EXTRA_SIGNALS = ["purchase_history", "inferred_interests", "location_region"]
MODEL_SWITCH = datetime(2024, 6, 1, tzinfo=UTC)
POLICY_31 = datetime(2024, 1, 15, tzinfo=UTC)
CONTEXT_MODEL = "context-rules-1.2"

# --------------------------------------------------------------------------- people

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


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def random_time(rng: random.Random, start: datetime, end: datetime) -> datetime:
    span = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randint(0, span))


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


# --------------------------------------------------------------------------- offers

# (title, description, category, channels, first day (month, day), weeks, sponsor)
OFFER_SPECS = [
    (
        "25% off insulated winter jackets",
        "Take 25% off every insulated and down jacket in stores, online and in the app.",
        "Jackets",
        ["email", "app", "web"],
        (1, 8),
        5,
        None,
    ),
    (
        "20% off trail-running shoes",
        "Save 20% on all trail-running shoes during our New Year running event.",
        "Footwear",
        ["email", "app", "web"],
        (1, 15),
        4,
        None,
    ),
    (
        "Free footprint with any four-season tent",
        "Get a free ground-sheet footprint when you buy any four-season tent.",
        "Tents",
        ["web", "app"],
        (1, 22),
        6,
        None,
    ),
    (
        "Summit Gear Co. harnesses: free chalk bag",
        "Buy any Summit Gear Co. climbing harness and get a chalk bag free.",
        "Climbing",
        ["app", "web"],
        (2, 5),
        4,
        "Summit Gear Co.",
    ),
    (
        "Double Rewards points on merino base layers",
        "Northwind Rewards members earn double points on every merino base layer.",
        "Loyalty",
        ["email", "app"],
        (2, 12),
        3,
        None,
    ),
    (
        "30% off kids' rain suits",
        "Take 30% off kids' waterproof rain suits and puddle trousers.",
        "Kids",
        ["email", "web"],
        (2, 26),
        4,
        None,
    ),
    (
        "15% off camping stoves and cook sets",
        "Save 15% on all camping stoves, cook sets and camp kettles.",
        "Camping kitchen",
        ["web", "app"],
        (3, 4),
        5,
        None,
    ),
    (
        "Free tune-up voucher with any new bike",
        "Buy any new bike and get a voucher for a free tune-up in one of our workshops.",
        "Cycling",
        ["email", "web"],
        (3, 11),
        6,
        None,
    ),
    (
        "Spokeway Bikes commuter helmets: 20% off",
        "Take 20% off every Spokeway Bikes commuter helmet.",
        "Cycling",
        ["app", "web"],
        (3, 25),
        4,
        "Spokeway Bikes",
    ),
    (
        "Spring hiking boot event: 20% off leather boots",
        "Save 20% on all leather hiking boots for the spring walking season.",
        "Footwear",
        ["email", "app", "web"],
        (4, 1),
        4,
        None,
    ),
    (
        "25% off waterproof rain shells",
        "Take 25% off every waterproof rain shell for adults.",
        "Jackets",
        ["email", "web"],
        (4, 8),
        5,
        None,
    ),
    (
        "RiverLine Kayaks touring kayaks: free paddle",
        "Get a free carbon paddle with any RiverLine Kayaks touring kayak.",
        "Water sports",
        ["email", "app", "web"],
        (4, 22),
        6,
        "RiverLine Kayaks",
    ),
    (
        "Family tent bundle: two free sleeping mats",
        "Buy any family tent for four or more people and get two sleeping mats free.",
        "Tents",
        ["email", "web"],
        (4, 29),
        4,
        None,
    ),
    (
        "Half-price climbing shoe resoling",
        "Have your climbing shoes resoled in our workshop for half the usual price.",
        "Climbing",
        ["app", "web"],
        (5, 6),
        4,
        None,
    ),
    (
        "Emberline Stoves fuel canisters: buy one, get one free",
        "Buy one Emberline Stoves fuel canister and get a second one free.",
        "Camping kitchen",
        ["app", "web"],
        (5, 13),
        3,
        "Emberline Stoves",
    ),
    (
        "Free express shipping for Rewards members",
        "Northwind Rewards members get free express shipping on every order.",
        "Loyalty",
        ["email", "app"],
        (5, 20),
        5,
        None,
    ),
    (
        "20% off stand-up paddleboards",
        "Save 20% on all inflatable and hard stand-up paddleboards.",
        "Water sports",
        ["email", "web"],
        (6, 3),
        5,
        None,
    ),
    (
        "Kids' hiking shoes: second pair half price",
        "Buy a pair of kids' hiking shoes and get a second pair for half price.",
        "Kids",
        ["app", "web"],
        (6, 10),
        4,
        None,
    ),
    (
        "Cairnview Optics binoculars: 15% off",
        "Take 15% off every pair of Cairnview Optics binoculars.",
        "Accessories",
        ["email", "app", "web"],
        (6, 17),
        4,
        "Cairnview Optics",
    ),
    (
        "15% off ultralight tents",
        "Save 15% on all ultralight backpacking tents for the summer.",
        "Tents",
        ["email", "app", "web"],
        (6, 24),
        5,
        None,
    ),
    (
        "Free water bottle with any hydration pack",
        "Get a free insulated water bottle when you buy any hydration pack.",
        "Accessories",
        ["app", "web"],
        (7, 1),
        4,
        None,
    ),
    (
        "25% off bikepacking bags",
        "Take 25% off frame, saddle and handlebar bags for bikepacking.",
        "Cycling",
        ["email", "web"],
        (7, 8),
        5,
        None,
    ),
    (
        "Pinecub Kids backpacks: free rain cover",
        "Get a free rain cover with any Pinecub Kids children's backpack.",
        "Kids",
        ["app", "web"],
        (7, 22),
        4,
        "Pinecub Kids",
    ),
    (
        "20% off wetsuits and paddling gear",
        "Save 20% on wetsuits, buoyancy aids and paddling jackets.",
        "Water sports",
        ["email", "app", "web"],
        (7, 29),
        3,
        None,
    ),
    (
        "15% off approach shoes",
        "Take 15% off all approach shoes for the late-summer scrambling season.",
        "Footwear",
        ["email", "app"],
        (8, 12),
        4,
        None,
    ),
    (
        "Triple Rewards points on tents and sleeping bags",
        "Northwind Rewards members earn triple points on every tent and sleeping bag.",
        "Loyalty",
        ["email", "app", "web"],
        (8, 19),
        3,
        None,
    ),
    (
        "30% off fleece and softshell jackets",
        "Take 30% off all fleece and softshell jackets in our autumn sale.",
        "Jackets",
        ["email", "web"],
        (9, 2),
        5,
        None,
    ),
    (
        "Headlamps and lanterns: second one half price",
        "Buy a headlamp or lantern and get a second one for half price.",
        "Accessories",
        ["app", "web"],
        (9, 16),
        4,
        None,
    ),
    (
        "20% off bouldering crash pads",
        "Save 20% on all bouldering crash pads.",
        "Climbing",
        ["email", "web"],
        (9, 23),
        4,
        None,
    ),
    (
        "Camping kitchen clearance: up to 40% off",
        "Save up to 40% on last season's camping stoves, cookware and coolers.",
        "Camping kitchen",
        ["email", "app", "web"],
        (9, 30),
        4,
        None,
    ),
]

SPONSOR_AUDIENCE = {
    "Summit Gear Co.": "indoor and outdoor climbers",
    "Spokeway Bikes": "bike commuters",
    "RiverLine Kayaks": "weekend paddlers",
    "Emberline Stoves": "backcountry cooks",
    "Cairnview Optics": "birdwatchers and wildlife fans",
    "Pinecub Kids": "families who camp",
}

# Plain-language vocabulary for signals, per offer category.
VOCAB = {
    "Footwear": {
        "page": "Footwear",
        "bought": ["trail-running shoes", "hiking boots", "merino hiking socks", "gaiters"],
        "viewed": ["hiking boots", "trail-running shoes", "approach shoes"],
        "app": ["used the shoe-size finder in the app", "saved trail-running shoes to your wishlist in the app"],
        "email": ["running shoes", "hiking boots"],
        "interest": ["trail running", "hill walking"],
        "region": ["lives in a region with many trail events", "lives near several long-distance hiking trails"],
    },
    "Tents": {
        "page": "Tents",
        "bought": ["a sleeping bag", "a backpacking tent", "a camping mat"],
        "viewed": ["two-person tents", "family tents", "ultralight tents"],
        "app": [
            "used the trip planner in the app to plan a camping trip",
            "saved a family tent to your wishlist in the app",
        ],
        "email": ["camping gear", "tents"],
        "interest": ["backpacking", "family camping"],
        "region": ["lives in a region with many campsites", "lives within an hour of a national park"],
    },
    "Jackets": {
        "page": "Jackets",
        "bought": ["a fleece jacket", "waterproof trousers", "a merino base layer"],
        "viewed": ["waterproof jackets", "down jackets", "softshell jackets"],
        "app": ["saved a waterproof jacket to your wishlist in the app", "used the layering guide in the app"],
        "email": ["rain jackets", "winter clothing"],
        "interest": ["hiking in all weathers", "winter walking"],
        "region": [
            "lives in a region where cold, wet weather is forecast this month",
            "lives in a region with long, wet winters",
        ],
    },
    "Climbing": {
        "page": "Climbing",
        "bought": ["climbing shoes", "a chalk bag", "quickdraws"],
        "viewed": ["climbing harnesses", "climbing ropes", "crash pads"],
        "app": ["saved climbing shoes to your wishlist in the app", "checked climbing-wall event dates in the app"],
        "email": ["climbing gear"],
        "interest": ["rock climbing", "bouldering"],
        "region": ["lives near several climbing areas", "lives in a city with many climbing gyms"],
    },
    "Cycling": {
        "page": "Cycling",
        "bought": ["a bike helmet", "bike lights", "cycling gloves"],
        "viewed": ["bikepacking bags", "commuter bikes", "bike helmets"],
        "app": ["saved bike lights to your wishlist in the app", "booked a bike service through the app"],
        "email": ["cycling gear", "bike servicing"],
        "interest": ["bike commuting", "bikepacking"],
        "region": ["lives in a region with a large network of bike paths"],
    },
    "Camping kitchen": {
        "page": "Camping kitchen",
        "bought": ["a camping stove", "fuel canisters", "a cook set"],
        "viewed": ["camping stoves", "cook sets", "insulated mugs"],
        "app": ["saved a camping stove to your wishlist in the app", "read camp-cooking recipes in the app"],
        "email": ["camp cooking"],
        "interest": ["camp cooking", "backpacking"],
        "region": ["lives in a region with many campsites"],
    },
    "Kids": {
        "page": "Kids' gear",
        "bought": ["kids' hiking shoes", "a child carrier", "a kids' rain jacket"],
        "viewed": ["kids' rain suits", "kids' backpacks", "kids' sleeping bags"],
        "app": ["saved kids' gear to your wishlist in the app", "used the kids' size guide in the app"],
        "email": ["family outdoor gear"],
        "interest": ["family hiking", "family camping"],
        "region": ["lives in a region with many family-friendly trails"],
    },
    "Water sports": {
        "page": "Water sports",
        "bought": ["a dry bag", "a buoyancy aid", "a paddling jacket"],
        "viewed": ["kayaks", "stand-up paddleboards", "wetsuits"],
        "app": ["saved a paddleboard to your wishlist in the app", "checked river conditions in the app"],
        "email": ["paddling gear"],
        "interest": ["kayaking", "paddleboarding"],
        "region": ["lives in a region with many lakes and rivers", "lives near the coast"],
    },
    "Accessories": {
        "page": "Accessories",
        "bought": ["a headlamp", "a water bottle", "trekking poles"],
        "viewed": ["headlamps", "hydration packs", "binoculars"],
        "app": ["saved a headlamp to your wishlist in the app", "used the packing-list tool in the app"],
        "email": ["hiking accessories"],
        "interest": ["day hiking", "wildlife watching"],
        "region": ["lives near several nature reserves", "lives in a region with short winter days"],
    },
    "Loyalty": {
        "page": "Northwind Rewards",
        "bought": ["outdoor gear"],
        "viewed": ["the Northwind Rewards page", "your Rewards points balance"],
        "app": ["checked your Rewards points in the app", "scanned your Rewards card in the app at a store"],
        "email": ["Northwind Rewards"],
        "interest": ["regular outdoor trips"],
        "region": ["lives within 20 km of a Northwind store"],
    },
}


def make_offers():
    offers = []
    for i, (title, desc, category, channels, (month, day), weeks, sponsor) in enumerate(OFFER_SPECS, start=1):
        start = date(2024, month, day)
        end = start + timedelta(days=7 * weeks - 1)
        offers.append(
            {
                "offer_id": f"OF-{i}",
                "title": title,
                "description": desc,
                "category": category,
                "channels": channels,
                "valid_from": start.isoformat(),
                "valid_to": end.isoformat(),
                "sponsor": sponsor,
            }
        )
    return offers


def offer_window(offer) -> tuple[datetime, datetime]:
    start = datetime.fromisoformat(offer["valid_from"]).replace(tzinfo=UTC)
    end = datetime.fromisoformat(offer["valid_to"]).replace(tzinfo=UTC) + timedelta(hours=23, minutes=59, seconds=59)
    return start, end


# --------------------------------------------------------------------------- consents

SIGNUP_EVIDENCE = {
    (
        "personalized_offers",
        "checkout_page",
    ): "Ticked 'Personalize my offers' when creating an account at checkout (unticked by default)",
    (
        "personalized_offers",
        "app_onboarding",
    ): "Switched on 'Personalize my offers' on the app welcome screen (off by default)",
    (
        "personalized_offers",
        "store_kiosk",
    ): "Ticked 'Personalize my offers' at the in-store sign-up kiosk (unticked by default)",
    (
        "email_marketing",
        "checkout_page",
    ): "Ticked 'Email me offers and news' when creating an account at checkout (unticked by default)",
    (
        "email_marketing",
        "app_onboarding",
    ): "Switched on 'Email me offers and news' on the app welcome screen (off by default)",
    (
        "email_marketing",
        "store_kiosk",
    ): "Ticked 'Email me offers and news' at the in-store sign-up kiosk (unticked by default)",
    (
        "partner_advertising",
        "checkout_page",
    ): "Ticked 'Show me partner offers using Trailhead Media audiences' at checkout (unticked by default)",
    (
        "partner_advertising",
        "app_onboarding",
    ): "Switched on 'Show me partner offers using Trailhead Media audiences' on the app welcome screen (off by default)",
    (
        "partner_advertising",
        "store_kiosk",
    ): "Ticked 'Show me partner offers using Trailhead Media audiences' at the in-store sign-up kiosk (unticked by default)",
}


def policy_version(at: datetime) -> str:
    return "3.1" if at >= POLICY_31 else "3.0"


def make_consents(rng: random.Random, customers, extra):
    ids = [c["customer_id"] for c in customers]
    order = ids[:]
    rng.shuffle(order)
    never_personal = sorted(order[:12])
    personal = order[12:]
    withdrawers = personal[:9]
    regranters = withdrawers[:3]
    violators = sorted(withdrawers[3:7])
    order2 = ids[:]
    rng.shuffle(order2)
    email_signup, email_none = order2[:40], order2[40:]
    unsubscribers = email_signup[:5]
    steady_email = set(email_signup[5:])

    events = []  # (at, customer_id, purpose, status, source, evidence)

    def add(at, cid, purpose, status, source, evidence):
        events.append((at, cid, purpose, status, source, evidence))

    signup_source = {}
    for cid in ids:
        signup_source[cid] = rng.choices(["checkout_page", "app_onboarding", "store_kiosk"], weights=[5, 3, 2])[0]

    # personalized_offers: granted at sign-up by 36 customers; 9 withdraw in 2024, 3 of them grant again.
    withdraw_at = {}
    for cid in personal:
        created = extra[cid]["created"]
        src = signup_source[cid]
        add(
            created + timedelta(seconds=4),
            cid,
            "personalized_offers",
            "granted",
            src,
            SIGNUP_EVIDENCE[("personalized_offers", src)],
        )
    for cid in withdrawers:
        at = random_time(rng, datetime(2024, 2, 12, tzinfo=UTC), datetime(2024, 7, 31, tzinfo=UTC))
        withdraw_at[cid] = at
        choices = ["account_settings", "account_settings", "support_call"]
        if cid in steady_email:
            choices.append("email_footer")  # only customers who receive marketing emails see that footer
        src = rng.choice(choices)
        evidence = {
            "account_settings": "Switched 'Personalize my offers' off in Account > Privacy > Personalized offers",
            "support_call": f"Asked a support agent by phone to stop personalized offers; the agent recorded it on ticket SR-{rng.randint(40000, 49999)}",
            "email_footer": "Clicked 'Stop personalizing my offers' in the footer of a marketing email",
        }[src]
        add(at, cid, "personalized_offers", "withdrawn", src, evidence)
    for cid in regranters:
        at = withdraw_at[cid] + timedelta(days=rng.randint(25, 80), seconds=rng.randint(0, 86399))
        add(
            at,
            cid,
            "personalized_offers",
            "granted",
            "account_settings",
            "Switched 'Personalize my offers' back on in Account > Privacy > Personalized offers",
        )

    # email_marketing: 40 customers at sign-up; 5 unsubscribe in 2024 and 1 of them re-subscribes;
    # 2 of the other 8 subscribe later.
    for cid in email_signup:
        src = signup_source[cid]
        add(
            extra[cid]["created"] + timedelta(seconds=5),
            cid,
            "email_marketing",
            "granted",
            src,
            SIGNUP_EVIDENCE[("email_marketing", src)],
        )
    for k, cid in enumerate(unsubscribers):
        at = random_time(rng, datetime(2024, 2, 1, tzinfo=UTC), datetime(2024, 8, 31, tzinfo=UTC))
        add(
            at,
            cid,
            "email_marketing",
            "withdrawn",
            "email_footer",
            "Clicked 'Unsubscribe' in the footer of a marketing email",
        )
        if k == 0:
            add(
                at + timedelta(days=rng.randint(20, 40), seconds=rng.randint(0, 86399)),
                cid,
                "email_marketing",
                "granted",
                "account_settings",
                "Switched 'Marketing emails' back on in Account > Privacy > Email preferences",
            )
    for cid, src in zip(email_none[:2], ["store_kiosk", "account_settings"]):
        at = random_time(rng, extra[cid]["created"] + timedelta(days=30), datetime(2024, 3, 31, tzinfo=UTC))
        evidence = (
            "Ticked 'Email me offers and news' on the in-store kiosk while checking a Rewards balance (unticked by default)"
            if src == "store_kiosk"
            else "Switched 'Marketing emails' on in Account > Privacy > Email preferences"
        )
        add(at, cid, "email_marketing", "granted", src, evidence)

    # partner_advertising: 15 customers, some at sign-up and some later; 2 withdraw.
    order3 = ids[:]
    rng.shuffle(order3)
    partners = order3[:15]
    for k, cid in enumerate(partners):
        if k % 5 in (0, 1, 2):
            src = signup_source[cid]
            add(
                extra[cid]["created"] + timedelta(seconds=6),
                cid,
                "partner_advertising",
                "granted",
                src,
                SIGNUP_EVIDENCE[("partner_advertising", src)],
            )
        else:
            at = random_time(rng, extra[cid]["created"] + timedelta(days=20), datetime(2024, 4, 30, tzinfo=UTC))
            add(
                at,
                cid,
                "partner_advertising",
                "granted",
                "account_settings",
                "Switched on 'Show me partner offers' in Account > Privacy > Partner offers (off by default)",
            )
    for cid, src in zip(partners[13:15], ["account_settings", "support_call"]):
        at = random_time(rng, datetime(2024, 6, 1, tzinfo=UTC), datetime(2024, 8, 31, tzinfo=UTC))
        evidence = (
            "Switched off 'Show me partner offers' in Account > Privacy > Partner offers"
            if src == "account_settings"
            else "Asked a support agent by phone to stop partner offers and sharing with Trailhead Media; recorded on the call ticket"
        )
        add(at, cid, "partner_advertising", "withdrawn", src, evidence)

    # fitness_features: 4 customers connect a tracker in 2024; 1 disconnects.
    order4 = ids[:]
    rng.shuffle(order4)
    fitness = order4[:4]
    for k, cid in enumerate(fitness):
        at = random_time(rng, datetime(2024, 2, 1, tzinfo=UTC), datetime(2024, 6, 30, tzinfo=UTC))
        add(
            at,
            cid,
            "fitness_features",
            "granted",
            "account_settings",
            "Connected a fitness tracker in the app and ticked 'Use my activity data for training plans' "
            "on the separate health-data screen (unticked by default)",
        )
        if k == 0:
            add(
                at + timedelta(days=rng.randint(30, 90)),
                cid,
                "fitness_features",
                "withdrawn",
                "account_settings",
                "Disconnected the fitness tracker in Profile > Connected devices",
            )

    purpose_rank = {p: i for i, p in enumerate(CONSENT_PURPOSES)}
    events.sort(key=lambda e: (e[0], e[1], purpose_rank[e[2]]))
    consents = []
    for n, (at, cid, purpose, status, source, evidence) in enumerate(events, start=1):
        consents.append(
            {
                "event_id": f"CE-{n}",
                "customer_id": cid,
                "purpose": purpose,
                "status": status,
                "at": iso(at),
                "source": source,
                "policy_version": policy_version(at),
                "evidence": evidence,
            }
        )
    groups = {
        "never_personal": never_personal,
        "withdrawers": sorted(withdrawers),
        "regranters": sorted(regranters),
        "violators": violators,
        "withdraw_at": withdraw_at,
    }
    return consents, groups


class Ledger:
    """Answers 'which grant of this purpose was in force for this customer at time t'."""

    def __init__(self, consents):
        self.by_key: dict[tuple[str, str], list[tuple[datetime, str, str]]] = {}
        for e in consents:
            at = datetime.fromisoformat(e["at"].replace("Z", "+00:00"))
            self.by_key.setdefault((e["customer_id"], e["purpose"]), []).append((at, e["status"], e["event_id"]))

    def in_force(self, cid: str, purpose: str, t: datetime):
        current = None
        for at, status, event_id in self.by_key.get((cid, purpose), []):
            if at > t:
                break
            current = event_id if status == "granted" else None
        return current

    def last_grant_before(self, cid: str, purpose: str, t: datetime):
        grant = None
        for at, status, event_id in self.by_key.get((cid, purpose), []):
            if at <= t and status == "granted":
                grant = event_id
        return grant


# --------------------------------------------------------------------------- decisions


def signal_text(rng: random.Random, category: str, offer, model: str, extra) -> str:
    v = VOCAB[offer["category"]]
    recent = [7, 14, 30, 60, 90] if model == "offers-2.4" else [14, 30, 90, 180, 270]
    if category == "purchase_history":
        if offer["category"] == "Loyalty":
            return f"placed {rng.randint(3, 14)} orders in the last 12 months"
        if rng.random() < 0.7:
            return f"bought {rng.choice(v['bought'])} in the last {rng.choice([30, 60, 90, 180, 365])} days"
        return f"bought from our {offer['category'].lower()} range {rng.randint(2, 6)} times in the last 24 months"
    if category == "browsing_activity":
        item = rng.choice(v["viewed"])
        r = rng.random()
        if r < 0.45:
            return f"viewed {item} {rng.randint(2, 7)} times this month"
        if r < 0.8:
            return f"viewed {item} {rng.randint(2, 9)} times in the last {rng.choice(recent)} days"
        return f"searched for {item} on our website last week"
    if category == "app_usage":
        return rng.choice(v["app"])
    if category == "email_engagement":
        if rng.random() < 0.5:
            return f"clicked a link about {rng.choice(v['email'])} in a Northwind email last month"
        return f"opened {rng.randint(3, 5)} of our last 5 emails about {rng.choice(v['email'])}"
    if category == "loyalty_status":
        if rng.random() < 0.5:
            return f"{extra['tier']} member of Northwind Rewards"
        return f"{extra['tier']} member of Northwind Rewards with {extra['points']:,} unused points"
    if category == "location_region":
        return rng.choice(v["region"])
    if category == "inferred_interests":
        basis = rng.choice(["your purchases and browsing", "your purchases", "your browsing and app activity"])
        return f"likely interested in {rng.choice(v['interest'])}, based on {basis}"
    raise ValueError(category)


def split_weights(rng: random.Random, categories, base, caps, floor=0.05):
    """Random shares that add up to exactly 1.00 (2 decimals) and respect the caps.

    Shares above a cap are cut to the cap and the excess goes to the uncapped
    signals in proportion, as the offer model does.
    """
    free = [i for i, c in enumerate(categories) if c not in caps]
    assert free, "at least one signal must be uncapped"
    for _ in range(1000):
        raw = [base[c] * rng.uniform(0.6, 1.5) for c in categories]
        total = sum(raw)
        shares = [r / total for r in raw]
        for i, c in enumerate(categories):
            if c in caps and shares[i] > caps[c]:
                excess = shares[i] - caps[c]
                shares[i] = caps[c]
                free_total = sum(shares[j] for j in free)
                for j in free:
                    shares[j] += excess * shares[j] / free_total
        weights = [round(x, 2) for x in shares]
        top = max(free, key=lambda i: weights[i])
        weights[top] = round(weights[top] + 1 - sum(weights), 2)
        if all(w >= floor for w in weights) and all(w <= caps.get(c, 1.0) for c, w in zip(categories, weights)):
            return weights
    raise RuntimeError(f"could not split weights for {categories}")


def personal_parameters(rng: random.Random, offer, model: str, cust_extra):
    pool = [c for c in PERSONAL_SIGNALS if c != "loyalty_status" or cust_extra["tier"]]
    caps = WEIGHT_CAPS[model]
    while True:
        if offer["category"] == "Loyalty" and "loyalty_status" in pool:
            chosen = ["loyalty_status"] + rng.sample([c for c in pool if c != "loyalty_status"], rng.randint(1, 3))
        else:
            chosen = rng.sample(pool, rng.choices([2, 3, 4, 5], weights=[3, 4, 3, 1])[0])
        if any(c not in caps for c in chosen):
            break  # capped signals alone can never add up to 1
    weights = split_weights(rng, chosen, BASE_WEIGHT, caps)
    return [
        {"data_category": c, "signal": signal_text(rng, c, offer, model, cust_extra), "weight": w}
        for c, w in zip(chosen, weights)
    ]


def partner_parameters(rng: random.Random, offer, model: str, cust_extra):
    # The audience group carries 0.40-0.70 of the weight (Personalization Notice, "Partner offers").
    base = dict(BASE_WEIGHT, partner_audience_data=0.60)
    caps = WEIGHT_CAPS[model]
    for _ in range(1000):
        others = rng.sample(PARTNER_EXTRA_SIGNALS, rng.randint(1, 2))
        chosen = ["partner_audience_data"] + others
        weights = split_weights(rng, chosen, base, caps)
        if 0.40 <= weights[0] <= 0.70:
            break
    else:
        raise RuntimeError("could not split partner weights")
    params = [
        {
            "data_category": "partner_audience_data",
            "signal": f"in Trailhead Media's '{SPONSOR_AUDIENCE[offer['sponsor']]}' audience",
            "weight": weights[0],
        }
    ]
    for c, w in zip(others, weights[1:]):
        params.append({"data_category": c, "signal": signal_text(rng, c, offer, model, cust_extra), "weight": w})
    return params


def context_parameters(rng: random.Random, offer, channel: str):
    if channel == "email" or rng.random() < 0.35:
        return []  # generic offer: seasonal sale or newsletter, the same for everyone
    page = VOCAB[offer["category"]]["page"]
    if channel == "app":
        signal = f"you were browsing {page} in the app"
    else:
        signal = f"you were viewing the {page} page"
    return [{"data_category": "page_context", "signal": signal, "weight": 1.0}]


def model_for(t: datetime) -> str:
    return "offers-2.3" if t < MODEL_SWITCH else "offers-2.4"


def decide(rng, ledger, cid, cust_extra, offer, channel, t):
    """Apply the decision rules of the pipeline (as it should work)."""
    if offer["sponsor"]:
        grant = ledger.in_force(cid, "partner_advertising", t)
        if grant:
            return "partner_advertising", grant, model_for(t), partner_parameters(rng, offer, model_for(t), cust_extra)
    else:
        grant = ledger.in_force(cid, "personalized_offers", t)
        if grant:
            return "personalized_offers", grant, model_for(t), personal_parameters(rng, offer, model_for(t), cust_extra)
    return "contextual_offers", None, CONTEXT_MODEL, context_parameters(rng, offer, channel)


def make_decisions(rng: random.Random, customers, extra, offers, consents, groups):
    ledger = Ledger(consents)
    ids = [c["customer_id"] for c in customers]
    off_by_id = {o["offer_id"]: o for o in offers}

    counts = {cid: rng.randint(10, 31) for cid in ids}
    for cid in rng.sample(ids, 2):
        counts[cid] = rng.randint(37, 40)
    while sum(counts.values()) != 1000:
        cid = rng.choice(ids)
        if sum(counts.values()) > 1000 and counts[cid] > 10:
            counts[cid] -= 1
        elif sum(counts.values()) < 1000 and counts[cid] < 40:
            counts[cid] += 1

    used_times: set[datetime] = set()
    rows = []  # (shown_at, record-without-id, is_violation)

    def allowed_channels(cid, offer, t):
        email_ok = ledger.in_force(cid, "email_marketing", t) is not None
        return [ch for ch in offer["channels"] if ch != "email" or email_ok]

    def unique_time(start, end):
        while True:
            t = random_time(rng, start, end)
            if t not in used_times:
                used_times.add(t)
                return t

    def record(cid, offer, t, channel, purpose, grant, model, params):
        return {
            "customer_id": cid,
            "offer_id": offer["offer_id"],
            "shown_at": iso(t),
            "channel": channel,
            "model_version": model,
            "purpose": purpose,
            "legal_basis": PURPOSE_BASIS[purpose],
            "consent_event_id": grant,
            "parameters": params,
        }

    def regular(cid, exclude_offer=None, exclude_channel=None, tries=None):
        while True:
            if tries is not None:
                if tries == 0:
                    return None
                tries -= 1
            offer = rng.choice(offers) if exclude_offer is None else off_by_id[exclude_offer]
            start, end = offer_window(offer)
            t = random_time(rng, start, end)
            chans = [ch for ch in allowed_channels(cid, offer, t) if ch != exclude_channel]
            if not chans or t in used_times:
                continue
            if exclude_offer is not None and any(
                r[1]["customer_id"] == cid
                and r[1]["offer_id"] == offer["offer_id"]
                and r[1]["shown_at"][:10] == iso(t)[:10]
                for r in rows
            ):
                continue  # the repeat must be on a different date
            used_times.add(t)
            channel = rng.choice(chans)
            purpose, grant, model, params = decide(rng, ledger, cid, extra[cid], offer, channel, t)
            return record(cid, offer, t, channel, purpose, grant, model, params)

    repeaters = set(rng.sample(ids, 12))
    for cid in ids:
        n = counts[cid]
        special = 0
        if cid in groups["violators"]:
            special += 1
        if cid in repeaters:
            special += 1
        for _ in range(n - special):
            rows.append((None, regular(cid), False))
        if cid in repeaters:
            # The same offer shown again on a different channel and date (ambiguity for the assistant).
            mine = [r for r in rows if r[1]["customer_id"] == cid]
            candidates = [
                r
                for r in mine
                if len({ch for ch in next(o for o in offers if o["offer_id"] == r[1]["offer_id"])["channels"]}) >= 2
            ]
            rng.shuffle(candidates)
            for _, base, _ in candidates:
                rec = regular(cid, exclude_offer=base["offer_id"], exclude_channel=base["channel"], tries=200)
                if rec is not None:
                    rows.append((None, rec, False))
                    break
            else:
                raise RuntimeError(f"no repeat possible for {cid}")
        if cid in groups["violators"]:
            # Pipeline bug: a stale consent cache kept personalizing for a few days after withdrawal.
            w = groups["withdraw_at"][cid]
            grant = ledger.last_grant_before(cid, "personalized_offers", w)
            while True:
                t = unique_time(w + timedelta(hours=3), w + timedelta(days=5))
                live = [o for o in offers if not o["sponsor"] and offer_window(o)[0] <= t <= offer_window(o)[1]]
                chans_by_offer = [(o, [ch for ch in allowed_channels(cid, o, t) if ch != "email"]) for o in live]
                chans_by_offer = [(o, c) for o, c in chans_by_offer if c]
                if chans_by_offer:
                    break
                used_times.discard(t)
            offer, chans = rng.choice(chans_by_offer)
            model = model_for(t)
            params = personal_parameters(rng, offer, model, extra[cid])
            rows.append(
                (None, record(cid, offer, t, rng.choice(chans), "personalized_offers", grant, model, params), True)
            )

    rows.sort(key=lambda r: r[1]["shown_at"])
    decisions, violations = [], []
    for n, (_, rec, is_violation) in enumerate(rows, start=1):
        decisions.append({"decision_id": f"D-{n}", **rec})
        if is_violation:
            violations.append(f"D-{n}")
    return decisions, violations


# --------------------------------------------------------------------------- output


def write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def generate(here: Path | None = None):
    rng = random.Random(SEED)
    customers, extra = make_customers(rng)
    offers = make_offers()
    consents, groups = make_consents(rng, customers, extra)
    decisions, violations = make_decisions(rng, customers, extra, offers, consents, groups)
    # Groups and predictions come last and use their own seed, so nothing above changes;
    # make_profiles only adds a segment_id or prediction_id key to a few parameters.
    here = here or Path(__file__).resolve().parent
    memberships, predictions, annotated = make_profiles(
        here, customers, extra, offers, consents, decisions, groups, VOCAB
    )
    return customers, consents, offers, decisions, violations, groups, memberships, predictions, annotated


# --------------------------------------------------------------------------- checks


def slugify(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


def policy_sections(policies_dir: Path) -> set[str]:
    sections = set()
    for md in sorted(policies_dir.glob("*.md")):
        text = md.read_text(encoding="utf-8")
        m = re.search(r"^doc_id:\s*(\S+)", text, re.M)
        if not m:
            continue
        for h in re.findall(r"^#{2,3}\s+(.+?)\s*$", text, re.M):
            sections.add(f"{m.group(1)}#{slugify(h)}")
    return sections


def yaml_field_values(path: Path, key: str) -> list[str]:
    """Very small reader for 'key: value' lines of our own YAML files (no PyYAML needed)."""
    return re.findall(rf"^\s*-?\s*{key}:\s*(\S+)\s*$", path.read_text(encoding="utf-8"), re.M)


def check(out: Path, here: Path) -> list[str]:
    problems = []

    def load(name):
        return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines()]

    customers, consents, offers, decisions = (
        load(n) for n in ("customers.jsonl", "consents.jsonl", "offers.jsonl", "decisions.jsonl")
    )
    keys = {
        "customers": ["customer_id", "name", "email", "phone", "postal_address", "created_at"],
        "consents": ["event_id", "customer_id", "purpose", "status", "at", "source", "policy_version", "evidence"],
        "offers": ["offer_id", "title", "description", "category", "channels", "valid_from", "valid_to", "sponsor"],
        "decisions": [
            "decision_id",
            "customer_id",
            "offer_id",
            "shown_at",
            "channel",
            "model_version",
            "purpose",
            "legal_basis",
            "consent_event_id",
            "parameters",
        ],
    }
    for name, rows in (("customers", customers), ("consents", consents), ("offers", offers), ("decisions", decisions)):
        for r in rows:
            if list(r) != keys[name]:
                problems.append(f"{name}: wrong keys {list(r)}")
    if len(customers) != 48 or len(offers) != 30 or len(decisions) != 1000:
        problems.append("wrong counts")
    if [c["customer_id"] for c in customers] != [f"NW-{1001 + i}" for i in range(48)]:
        problems.append("customer ids")
    if [o["offer_id"] for o in offers] != [f"OF-{i}" for i in range(1, 31)]:
        problems.append("offer ids")
    if [e["event_id"] for e in consents] != [f"CE-{i}" for i in range(1, len(consents) + 1)]:
        problems.append("consent ids")
    if [d["decision_id"] for d in decisions] != [f"D-{i}" for i in range(1, 1001)]:
        problems.append("decision ids")
    if [e["at"] for e in consents] != sorted(e["at"] for e in consents):
        problems.append("consents not ordered by at")
    if [d["shown_at"] for d in decisions] != sorted(d["shown_at"] for d in decisions):
        problems.append("decisions not ordered by shown_at")

    purpose_ids = yaml_field_values(here / "purposes.yaml", "id")
    bases = dict(zip(purpose_ids, yaml_field_values(here / "purposes.yaml", "legal_basis")))
    if bases != PURPOSE_BASIS:
        problems.append(f"purposes.yaml legal bases differ from generator: {bases}")
    sections = policy_sections(here / "policies")
    for pid, sec in zip(purpose_ids, yaml_field_values(here / "purposes.yaml", "policy_section")):
        if sec not in sections:
            problems.append(f"purpose {pid}: policy section {sec} not found")
    catalog = set(yaml_field_values(here / "data_catalog.yaml", "id"))

    cust = {c["customer_id"]: c for c in customers}
    off = {o["offer_id"]: o for o in offers}
    ev = {e["event_id"]: e for e in consents}
    ledger = Ledger(consents)
    for e in consents:
        if e["customer_id"] not in cust or e["purpose"] not in CONSENT_PURPOSES:
            problems.append(f"{e['event_id']}: bad customer or purpose")
        if e["status"] not in ("granted", "withdrawn"):
            problems.append(f"{e['event_id']}: bad status")
        if e["at"] < cust[e["customer_id"]]["created_at"]:
            problems.append(f"{e['event_id']}: before account creation")
    for o in offers:
        days = (date.fromisoformat(o["valid_to"]) - date.fromisoformat(o["valid_from"])).days + 1
        if not 21 <= days <= 42 or not o["valid_from"].startswith("2024") or not o["valid_to"].startswith("2024"):
            problems.append(f"{o['offer_id']}: validity window")
    per_customer: dict[str, int] = {}
    violations = []
    for d in decisions:
        did = d["decision_id"]
        per_customer[d["customer_id"]] = per_customer.get(d["customer_id"], 0) + 1
        c, o = cust.get(d["customer_id"]), off.get(d["offer_id"])
        if c is None or o is None:
            problems.append(f"{did}: unknown customer or offer")
            continue
        t = datetime.fromisoformat(d["shown_at"].replace("Z", "+00:00"))
        start, end = offer_window(o)
        if not start <= t <= end or d["shown_at"] <= c["created_at"]:
            problems.append(f"{did}: shown_at outside validity or before account")
        if d["channel"] not in o["channels"]:
            problems.append(f"{did}: channel not offered")
        if d["channel"] == "email" and not ledger.in_force(d["customer_id"], "email_marketing", t):
            problems.append(f"{did}: email without email_marketing consent")
        if d["purpose"] not in PURPOSE_BASIS or d["legal_basis"] != PURPOSE_BASIS[d["purpose"]]:
            problems.append(f"{did}: purpose/legal basis")
        for p in d["parameters"]:
            if list(p) not in PARAMETER_KEYS or p["data_category"] not in catalog:
                problems.append(f"{did}: bad parameter {p}")
        cats = [p["data_category"] for p in d["parameters"]]
        if len(set(cats)) != len(cats):
            problems.append(f"{did}: repeated data category")
        if d["parameters"] and abs(sum(p["weight"] for p in d["parameters"]) - 1) > 1e-9:
            problems.append(f"{did}: weights do not add up to 1")
        if "health_fitness_data" in cats:
            problems.append(f"{did}: health data used for an offer")
        ce = d["consent_event_id"]
        if d["purpose"] == "contextual_offers":
            if ce is not None or d["model_version"] != CONTEXT_MODEL or any(c != "page_context" for c in cats):
                problems.append(f"{did}: contextual decision malformed")
            continue
        e = ev.get(ce)
        if (
            e is None
            or e["customer_id"] != d["customer_id"]
            or e["purpose"] != d["purpose"]
            or e["status"] != "granted"
            or e["at"] > d["shown_at"]
        ):
            problems.append(f"{did}: consent_event_id does not reference a prior grant")
        if d["model_version"] != model_for(t):
            problems.append(f"{did}: model version")
        if d["purpose"] == "partner_advertising" and (not o["sponsor"] or cats[0] != "partner_audience_data"):
            problems.append(f"{did}: partner decision malformed")
        if d["purpose"] == "personalized_offers" and (
            o["sponsor"] or not 2 <= len(cats) <= 5 or not set(cats) <= set(PERSONAL_SIGNALS)
        ):
            problems.append(f"{did}: personalized decision malformed")
        if ledger.in_force(d["customer_id"], d["purpose"], t) != ce:
            violations.append(did)
    if violations != EXPECTED_VIOLATIONS:
        problems.append(f"consent violations {violations} != expected {EXPECTED_VIOLATIONS}")
    if set(per_customer) != set(cust) or not all(10 <= n <= 40 for n in per_customer.values()):
        problems.append(f"decisions per customer out of range: {sorted(per_customer.values())}")
    problems += check_profiles(out, here, sections, set(purpose_ids), cust, decisions, ledger, violations)
    return problems


# A parameter may name the group or the prediction its signal came from (one key, after weight).
PARAMETER_KEYS = [
    ["data_category", "signal", "weight"],
    ["data_category", "signal", "weight", "segment_id"],
    ["data_category", "signal", "weight", "prediction_id"],
]
SEGMENT_KEYS = [
    "id",
    "name",
    "description",
    "method",
    "model_version",
    "criteria",
    "used_for",
    "policy_section",
    "opt_out",
]
MODEL_KEYS = ["id", "name", "description", "labels", "policy_section", "opt_out"]
MEMBERSHIP_KEYS = ["customer_id", "segment_id", "since", "until", "evidence"]
PREDICTION_KEYS = [
    "prediction_id",
    "customer_id",
    "model",
    "model_version",
    "label",
    "score",
    "computed_at",
    "factors",
    "used_for",
]
PROFILE_PURPOSES = {"personalized_offers", "email_marketing", "partner_advertising"}
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
# Minimum sizes of the sample's groups and predictions.
MIN_SEGMENTS, MIN_MODELS, MIN_COVERED_CUSTOMERS, MIN_PAST_MEMBERSHIPS, MIN_ANNOTATED = 8, 3, 40, 10, 10


def check_profiles(out: Path, here: Path, sections, purpose_ids, cust, decisions, ledger, violations) -> list[str]:
    """Check segments.yaml, memberships.jsonl, predictions.jsonl and the decisions that name them."""
    import yaml  # a project dependency; only the profile files need it

    problems = []
    spec = yaml.safe_load((here / "segments.yaml").read_text(encoding="utf-8"))
    catalog = {
        c["id"]: c for c in yaml.safe_load((here / "data_catalog.yaml").read_text(encoding="utf-8"))["categories"]
    }
    controls = set(yaml.safe_load((here / "company.yaml").read_text(encoding="utf-8"))["controls"])

    def load(name):
        return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines()]

    def ts(text):
        return datetime.fromisoformat(text.replace("Z", "+00:00"))

    def fits(purposes, category):
        return set(purposes) <= set(catalog[category]["purposes"])

    def consent_held(cid, purpose, start, end):
        """The grant in force at start, if no consent event for the purpose falls after start and before end."""
        grant = ledger.in_force(cid, purpose, start)
        for at, _status, _event in ledger.by_key.get((cid, purpose), []):
            if start < at and (end is None or at < end):
                return None
        return grant

    # ---- segments.yaml
    if list(spec) != ["segments", "models"]:
        problems.append(f"segments.yaml: top-level keys {list(spec)}")
        return problems
    segs, models = {}, {}
    for s in spec["segments"]:
        sid = s.get("id")
        if list(s) != SEGMENT_KEYS:
            problems.append(f"segment {sid}: keys {list(s)}")
            continue
        if not isinstance(sid, str) or not ID_RE.match(sid) or sid in segs:
            problems.append(f"segment {sid}: bad or repeated id")
        segs[sid] = s
        desc = s["description"]
        if not s["name"] or not isinstance(desc, str) or not desc.endswith(".") or ". " in desc:
            problems.append(f"segment {sid}: name or one-sentence description")
        if s["method"] not in ("rule", "model"):
            problems.append(f"segment {sid}: method {s['method']}")
        if (s["method"] == "model") != (isinstance(s["model_version"], str) and bool(s["model_version"])):
            problems.append(f"segment {sid}: model_version must be a string for model groups and null for rule groups")
        if s["model_version"] is not None and not isinstance(s["model_version"], str):
            problems.append(f"segment {sid}: model_version must be a string")
        used_for = s["used_for"]
        if not used_for or not set(used_for) <= PROFILE_PURPOSES & purpose_ids or len(set(used_for)) != len(used_for):
            problems.append(f"segment {sid}: used_for {used_for}")
        if s["policy_section"] not in sections:
            problems.append(f"segment {sid}: policy section {s['policy_section']} not found")
        if s["opt_out"] not in controls:
            problems.append(f"segment {sid}: unknown control {s['opt_out']}")
        cats = []
        for c in s["criteria"] or []:
            if list(c) != ["data_category", "rule"] or c["data_category"] not in catalog or not str(c["rule"]).strip():
                problems.append(f"segment {sid}: bad criterion {c}")
                continue
            cats.append(c["data_category"])
            sensitive = catalog[c["data_category"]]["sensitive"]
            if sensitive and sid != UNFAIR_SEGMENT:
                problems.append(f"segment {sid}: uses sensitive data {c['data_category']}")
            if not sensitive and not fits(used_for, c["data_category"]):
                problems.append(f"segment {sid}: {c['data_category']} is not collected for all of {used_for}")
        if not cats or len(set(cats)) != len(cats):
            problems.append(f"segment {sid}: criteria missing or repeated")
    unfair = segs.get(UNFAIR_SEGMENT)
    if unfair is None or not any(catalog[c["data_category"]]["sensitive"] for c in unfair["criteria"]):
        problems.append(f"the deliberately unfair group {UNFAIR_SEGMENT} must use sensitive data")
    elif "personalized_offers" not in unfair["used_for"]:
        problems.append(f"{UNFAIR_SEGMENT} must be used for personalized offers")
    if len(segs) < MIN_SEGMENTS or {s["method"] for s in segs.values()} != {"rule", "model"}:
        problems.append(f"need {MIN_SEGMENTS}+ groups with both methods")
    for m in spec["models"]:
        mid = m.get("id")
        if list(m) != MODEL_KEYS:
            problems.append(f"model {mid}: keys {list(m)}")
            continue
        if not isinstance(mid, str) or not ID_RE.match(mid) or mid in models:
            problems.append(f"model {mid}: bad or repeated id")
        models[mid] = m
        if not m["name"] or not isinstance(m["description"], str) or ". " in m["description"]:
            problems.append(f"model {mid}: name or one-sentence description")
        labels = m["labels"]
        if (
            not isinstance(labels, dict)
            or not labels
            or not all(ID_RE.match(k) and str(v).strip() for k, v in labels.items())
        ):
            problems.append(f"model {mid}: labels {labels}")
        if m["policy_section"] not in sections:
            problems.append(f"model {mid}: policy section {m['policy_section']} not found")
        if m["opt_out"] not in controls:
            problems.append(f"model {mid}: unknown control {m['opt_out']}")
    if len(models) < MIN_MODELS:
        problems.append(f"need {MIN_MODELS}+ prediction models")

    # ---- memberships.jsonl
    memberships = load("memberships.jsonl")
    by_cust_seg: dict[tuple[str, str], list] = {}
    for n, m in enumerate(memberships, start=1):
        where = f"memberships.jsonl:{n}"
        if list(m) != MEMBERSHIP_KEYS:
            problems.append(f"{where}: keys {list(m)}")
            continue
        cid, sid = m["customer_id"], m["segment_id"]
        s = segs.get(sid)
        if cid not in cust or s is None:
            problems.append(f"{where}: unknown customer or group")
            continue
        if not TS_RE.match(m["since"]) or (m["until"] is not None and not TS_RE.match(m["until"])):
            problems.append(f"{where}: timestamps must be ISO 8601 with Z")
            continue
        since, until = ts(m["since"]), None if m["until"] is None else ts(m["until"])
        if since < ts(cust[cid]["created_at"]) or since >= AS_OF or (until is not None and not since < until <= AS_OF):
            problems.append(f"{where}: since/until out of order")
        criteria = {c["data_category"] for c in s["criteria"]}
        ev_cats = [e.get("data_category") for e in m["evidence"]]
        if (
            not m["evidence"]
            or any(list(e) != ["data_category", "signal"] or not str(e["signal"]).strip() for e in m["evidence"])
            or not set(ev_cats) <= criteria
            or len(set(ev_cats)) != len(ev_cats)
        ):
            problems.append(f"{where}: evidence must use the group's criteria")
        needed = [p for p in s["used_for"] if PURPOSE_BASIS[p] == "consent"]
        if sid == UNFAIR_SEGMENT:
            needed.append("fitness_features")  # the data came from the tracker connection
        for purpose in needed:
            if consent_held(cid, purpose, since, until) is None:
                problems.append(f"{where}: {purpose} consent not in force throughout the membership")
        by_cust_seg.setdefault((cid, sid), []).append((since, until, m))
    keys = [(m["customer_id"], m["since"], m["segment_id"]) for m in memberships]
    if keys != sorted(keys):
        problems.append("memberships not ordered by customer and since")
    for (cid, sid), periods in by_cust_seg.items():
        for (_, u1, _), (s2, _, _) in pairwise(periods):
            if u1 is None or s2 <= u1:
                problems.append(f"{cid}: overlapping memberships of {sid}")
    members = {m["customer_id"] for m in memberships}
    past = sum(m["until"] is not None for m in memberships)
    if len(members) < MIN_COVERED_CUSTOMERS or past < MIN_PAST_MEMBERSHIPS:
        problems.append(f"memberships cover {len(members)} customers with {past} past memberships")
    if len({cid for cid, sid in by_cust_seg if sid == UNFAIR_SEGMENT}) < 2:
        problems.append(f"{UNFAIR_SEGMENT} needs at least 2 members")

    # ---- predictions.jsonl
    predictions = load("predictions.jsonl")
    preds = {}
    if [p.get("prediction_id") for p in predictions] != [f"P-{i}" for i in range(1, len(predictions) + 1)]:
        problems.append("prediction ids")
    if [p.get("computed_at") for p in predictions] != sorted(p.get("computed_at") for p in predictions):
        problems.append("predictions not ordered by computed_at")
    for p in predictions:
        pid = p.get("prediction_id")
        if list(p) != PREDICTION_KEYS:
            problems.append(f"{pid}: keys {list(p)}")
            continue
        preds[pid] = p
        cid, m = p["customer_id"], models.get(p["model"])
        if cid not in cust or m is None:
            problems.append(f"{pid}: unknown customer or model")
            continue
        if not isinstance(p["model_version"], str) or not p["model_version"].strip() or p["label"] not in m["labels"]:
            problems.append(f"{pid}: model version or label")
        score = p["score"]
        if not isinstance(score, float | int) or not 0 <= score <= 1 or round(score, 2) != score:
            problems.append(f"{pid}: score {score}")
        if not TS_RE.match(p["computed_at"]) or not ts(cust[cid]["created_at"]) <= ts(p["computed_at"]) < AS_OF:
            problems.append(f"{pid}: computed_at")
            continue
        cats = [f.get("data_category") for f in p["factors"]]
        if (
            not p["factors"]
            or any(
                list(f) != ["data_category", "signal", "weight"] or not str(f["signal"]).strip() for f in p["factors"]
            )
            or len(set(cats)) != len(cats)
            or any(c not in catalog or catalog[c]["sensitive"] for c in cats)
        ):
            problems.append(f"{pid}: bad factors")
            continue
        weights = [f["weight"] for f in p["factors"]]
        if any(not 0 <= w <= 1 or round(w, 2) != w for w in weights) or abs(sum(weights) - 1) > 1e-9:
            problems.append(f"{pid}: factor weights must have 2 decimals and add up to 1.00")
        used_for = p["used_for"]
        if not used_for or not set(used_for) <= PROFILE_PURPOSES & purpose_ids or len(set(used_for)) != len(used_for):
            problems.append(f"{pid}: used_for {used_for}")
            continue
        if any(not fits(used_for, c) for c in cats):
            problems.append(f"{pid}: factors not collected for all of {used_for}")
        for purpose in used_for:
            if PURPOSE_BASIS[purpose] == "consent" and ledger.in_force(cid, purpose, ts(p["computed_at"])) is None:
                problems.append(f"{pid}: {purpose} consent not in force at computed_at")
    predicted = {p["customer_id"] for p in preds.values()}
    history = Counter((p["customer_id"], p["model"]) for p in preds.values())
    if (
        len(predicted) < MIN_COVERED_CUSTOMERS
        or len({p["model"] for p in preds.values()}) < MIN_MODELS
        or sum(n > 1 for n in history.values()) < 5
    ):
        problems.append(
            f"predictions cover {len(predicted)} customers; need {MIN_COVERED_CUSTOMERS}+, all models, history"
        )

    # ---- decisions that name a group or a prediction
    annotated, unfair_decisions = [], []
    for d in decisions:
        did, cid, purpose = d["decision_id"], d["customer_id"], d["purpose"]
        t = ts(d["shown_at"])
        tagged = [p for p in d["parameters"] if len(p) == 4]
        if not tagged:
            continue
        annotated.append(did)
        if len(tagged) > 1 or purpose not in PROFILED_PURPOSES or did in violations:
            problems.append(f"{did}: only one parameter of a properly consented profiled decision may name a source")
            continue
        p = tagged[0]
        if "segment_id" in p:
            s = segs.get(p["segment_id"])
            if s is None:
                problems.append(f"{did}: unknown group {p['segment_id']}")
                continue
            if purpose not in s["used_for"] or p["data_category"] not in {c["data_category"] for c in s["criteria"]}:
                problems.append(f"{did}: group {s['id']} is not used this way")
            periods = [
                (since, until)
                for since, until, _ in by_cust_seg.get((cid, s["id"]), [])
                if since <= t and (until is None or t <= until)
            ]
            if not periods or ledger.in_force(cid, purpose, periods[0][0]) != d["consent_event_id"]:
                problems.append(f"{did}: customer not a member of {s['id']} under the same consent at shown_at")
            if s["id"] == UNFAIR_SEGMENT:
                unfair_decisions.append(did)
        else:
            pred = preds.get(p["prediction_id"])
            if pred is None or pred["customer_id"] != cid or ts(pred["computed_at"]) > t:
                problems.append(f"{did}: prediction {p['prediction_id']} is not this customer's or is later")
                continue
            latest = max(
                (
                    q
                    for q in preds.values()
                    if q["customer_id"] == cid and q["model"] == pred["model"] and ts(q["computed_at"]) <= t
                ),
                key=lambda q: q["computed_at"],
            )
            if latest is not pred:
                problems.append(
                    f"{did}: {pred['prediction_id']} was not the latest {pred['model']} prediction at shown_at"
                )
            if purpose not in pred["used_for"] or p["data_category"] not in {
                f["data_category"] for f in pred["factors"]
            }:
                problems.append(f"{did}: prediction {pred['prediction_id']} is not used this way")
            if ledger.in_force(cid, purpose, ts(pred["computed_at"])) != d["consent_event_id"]:
                problems.append(f"{did}: prediction made under a different consent grant")
    if len(annotated) < MIN_ANNOTATED:
        problems.append(f"only {len(annotated)} decisions name a group or prediction")
    if unfair_decisions != EXPECTED_UNFAIR_DECISIONS:
        problems.append(f"unfair-group decisions {unfair_decisions} != expected {EXPECTED_UNFAIR_DECISIONS}")
    return problems


def main(argv=None) -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=here, help="output directory (default: this script's directory)")
    parser.add_argument("--check", action="store_true", help="verify cross-references after writing")
    args = parser.parse_args(argv)

    customers, consents, offers, decisions, violations, _, memberships, predictions, annotated = generate(here)
    args.out.mkdir(parents=True, exist_ok=True)
    write_jsonl(args.out / "customers.jsonl", customers)
    write_jsonl(args.out / "consents.jsonl", consents)
    write_jsonl(args.out / "offers.jsonl", offers)
    write_jsonl(args.out / "decisions.jsonl", decisions)
    write_jsonl(args.out / "memberships.jsonl", memberships)
    write_jsonl(args.out / "predictions.jsonl", predictions)
    print(
        f"wrote {len(customers)} customers, {len(consents)} consent events, {len(offers)} offers, "
        f"{len(decisions)} decisions ({len(annotated)} naming a group or prediction), "
        f"{len(memberships)} group memberships, {len(predictions)} predictions to {args.out}"
    )
    if violations != EXPECTED_VIOLATIONS:
        print(f"warning: violation decisions are {violations}, docstring says {EXPECTED_VIOLATIONS}", file=sys.stderr)
    unfair = sorted((d for d, (k, v) in annotated.items() if v == UNFAIR_SEGMENT), key=lambda d: int(d[2:]))
    if unfair != EXPECTED_UNFAIR_DECISIONS:
        print(
            f"warning: unfair-group decisions are {unfair}, generate_profiles.py says {EXPECTED_UNFAIR_DECISIONS}",
            file=sys.stderr,
        )
    if args.check:
        problems = check(args.out, here)
        for p in problems:
            print("CHECK:", p, file=sys.stderr)
        if problems:
            return 1
        print("check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
