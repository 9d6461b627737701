"""Which offer-decision parameters show a group's criteria, and the plain-language evidence a membership records."""

from __future__ import annotations

import random
import re

from ..timestamps import iso
from .plan import UNFAIR_SEGMENT

OUTDOOR_CATEGORIES = {"Footwear", "Tents", "Camping kitchen", "Climbing", "Accessories"}


def _re(pattern: str):
    rx = re.compile(pattern)
    return lambda text: rx.search(text) is not None


_family = _re(r"family (camping|hiking)")
_family_items = _re(r"family tent|kids'|child carrier")
_trail = _re(r"trail running|trail-running shoes")
_paddle = _re(r"kayaking|paddleboarding")
_water_region = _re(r"lakes and rivers|near the coast")
_silver_gold = _re(r"^(Silver|Gold) member")
_planner = _re(r"trip planner|packing-list")


# segment id -> does this (offer, parameter) show the group's criteria?
MATCHERS = {
    "outdoor_enthusiast": lambda o, p: (
        p["data_category"] == "purchase_history"
        and o["category"] in OUTDOOR_CATEGORIES
        and p["signal"].startswith("bought")
    ),
    "rewards_regular": lambda o, p: p["data_category"] == "loyalty_status" and _silver_gold(p["signal"]),
    "app_trip_planner": lambda o, p: p["data_category"] == "app_usage" and _planner(p["signal"]),
    "wet_weather_region": lambda o, p: p["data_category"] == "location_region" and "wet" in p["signal"],
    "family_camper": lambda o, p: (
        (p["data_category"] == "inferred_interests" and _family(p["signal"]))
        or (p["data_category"] in ("purchase_history", "browsing_activity") and _family_items(p["signal"]))
    ),
    "trail_runner": lambda o, p: (
        p["data_category"] in ("inferred_interests", "browsing_activity", "purchase_history") and _trail(p["signal"])
    ),
    "weekend_paddler": lambda o, p: (
        (p["data_category"] == "inferred_interests" and _paddle(p["signal"]))
        or (
            p["data_category"] == "purchase_history"
            and o["category"] == "Water sports"
            and p["signal"].startswith("bought")
        )
        or (p["data_category"] == "location_region" and _water_region(p["signal"]))
    ),
    "backcountry_cook": lambda o, p: (
        (p["data_category"] == "partner_audience_data" and "backcountry cooks" in p["signal"])
        or (p["data_category"] == "purchase_history" and o["category"] == "Camping kitchen")
    ),
}
PLANNER_TOOLS = ["trip planner", "packing-list tool"]
FAMILY_BOUGHT = ["a family tent", "a child carrier", "kids' hiking shoes"]
FAMILY_VIEWED = ["family tents", "kids' sleeping bags", "kids' backpacks"]
# Groups whose evidence quotes the signal first seen in the offer-decision log.
QUOTE_OFFER_LOG = {"wet_weather_region", "family_camper", "trail_runner", "weekend_paddler", "backcountry_cook"}


def evidence_for(rng: random.Random, seg_id: str, extra, first=None):
    """Plain-language evidence for a membership, in the order of the group's criteria.

    first is the first parameter of the offer log that showed the criteria, if any.
    """
    first_category = first["data_category"] if first else None
    pick = rng.choice
    n = rng.randint
    templates = {
        "outdoor_enthusiast": lambda: [
            ("purchase_history", f"bought hiking, camping or climbing gear {n(3, 8)} times in the last 12 months")
        ],
        "rewards_regular": lambda: [
            ("loyalty_status", f"{extra['tier']} member of Northwind Rewards"),
            ("purchase_history", f"placed {n(5, 14)} orders in the last 12 months"),
        ],
        "lapsed_shopper": lambda: [
            ("purchase_history", f"no purchase in the last {n(6, 9)} months, after {n(2, 6)} purchases before that")
        ],
        "app_trip_planner": lambda: [
            (
                "app_usage",
                f"used the {pick(PLANNER_TOOLS)} in the app {n(2, 6)} times in the last 90 days",
            )
        ],
        "wet_weather_region": lambda: [("location_region", "lives in a region with long, wet winters")],
        "engaged_email_reader": lambda: [("email_engagement", f"opened {n(3, 5)} of our last 5 marketing emails")],
        "email_dormant": lambda: [("email_engagement", "opened none of our last 10 marketing emails")],
        "family_camper": lambda: [
            ("inferred_interests", f"likely interested in {pick(['family camping', 'family hiking'])}"),
            ("purchase_history", f"bought {pick(FAMILY_BOUGHT)} in the last {n(2, 20)} months"),
            ("browsing_activity", f"viewed {pick(FAMILY_VIEWED)} {n(2, 8)} times in the last 30 days"),
        ],
        "trail_runner": lambda: [
            ("inferred_interests", "likely interested in trail running"),
            ("browsing_activity", f"viewed trail-running shoes {n(2, 9)} times in the last 30 days"),
            ("purchase_history", f"bought trail-running shoes in the last {n(2, 20)} months"),
        ],
        "weekend_paddler": lambda: [
            ("inferred_interests", f"likely interested in {pick(['kayaking', 'paddleboarding'])}"),
            (
                "purchase_history",
                f"bought {pick(['a dry bag', 'a buoyancy aid', 'a paddling jacket'])} in the last {n(2, 20)} months",
            ),
            ("location_region", pick(["lives in a region with many lakes and rivers", "lives near the coast"])),
        ],
        "backcountry_cook": lambda: [
            ("partner_audience_data", "in Trailhead Media's 'backcountry cooks' audience"),
            (
                "purchase_history",
                f"bought {pick(['a camping stove', 'fuel canisters', 'a cook set'])} in the last {n(1, 11)} months",
            ),
        ],
        UNFAIR_SEGMENT: lambda: [
            (
                "health_fitness_data",
                f"logged {n(5, 7)} workouts a week on average on your connected fitness tracker over the last 4 weeks",
            ),
            ("inferred_interests", f"likely interested in {pick(['trail running', 'long hikes', 'cycling'])}"),
        ],
    }
    items = templates[seg_id]()
    if len(items) > 2:
        # Model groups record the two criteria that counted most, including the one seen in the offer log.
        keep = {first_category} if first_category in {c for c, _ in items} else set()
        others = [c for c, _ in items if c not in keep]
        keep |= set(rng.sample(others, 2 - len(keep)))
        items = [it for it in items if it[0] in keep]
    if first is not None and seg_id in QUOTE_OFFER_LOG:
        items = [(c, first["signal"] if c == first_category else text) for c, text in items]
    return [{"data_category": c, "signal": s} for c, s in items]


def membership(cid, seg_id, since, until, evidence):
    return {
        "customer_id": cid,
        "segment_id": seg_id,
        "since": iso(since),
        "until": None if until is None else iso(until),
        "evidence": evidence,
    }
