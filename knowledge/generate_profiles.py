"""Generate the sample customer groups and predictions of the Northwind Outfitters pack.

generate.py calls make_profiles() after it has built customers, consents, offers and
decisions, and writes two more JSON Lines files:

* memberships.jsonl - which customer was in which group (segment) of segments.yaml, from
                      when (`since`) until when (`until`, null while it lasts), and the
                      evidence for it. Ordered by customer, then since.
* predictions.jsonl - predictions of the models in segments.yaml (P-1, P-2, ... ordered by
                      computed_at): label, confidence score, the factors behind it with
                      weights adding up to 1.00, and the purposes it is used for.

It also adds ONE optional key to one parameter of a few personalized and partner offer
decisions: "segment_id" (the group the signal came from) or "prediction_id" (the
prediction it came from). Nothing else in the four existing files changes: this module
has its own random generator (random.Random(PROFILE_SEED)) and runs after the existing
generation, so customers, consents and offers stay byte-identical and decisions differ
only by the added keys.

The data follows these rules (generate.py --check verifies them):

* A group or prediction used for a consent-based purpose exists only while the customer's
  consent for that purpose is in force: the grant in force at `since` (or `computed_at`)
  stays in force until `until` (or, for a current membership, until today). When consent
  is withdrawn, the memberships that relied on it end at that moment.
* Customers who never agreed to personalized offers (the generator's never_personal
  group) are only in groups for purposes they did agree to: the email groups (consent to
  marketing emails) and, for one who agreed to partner offers, the partner-only group
  backcountry_cook. Their only predictions are email predictions.
* An annotated parameter's data category is one of the group's criteria (or one of the
  prediction's factors), the decision's purpose is one the group or prediction is used
  for, the customer was a member at shown_at (or the prediction is the latest one of its
  model computed at or before shown_at), and the decision relies on the same consent
  grant as the membership or prediction.

Deliberately unfair group: fitness_high_performer profiles customers on fitness tracker
data, a special category of data that the privacy policy promises is never used for
groups, predictions or offers. Two customers who connected a tracker are members, and
these personalized offer decisions rely on it (Candor must flag them):
    D-166, D-713, D-955
"""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

PROFILE_SEED = 20241101
# The sample's "today": every membership starts, and every prediction is computed, before it.
AS_OF = datetime(2024, 11, 1, tzinfo=UTC)
# Groups were first calculated in July 2023.
PROGRAM_START = datetime(2023, 7, 1, tzinfo=UTC)

UNFAIR_SEGMENT = "fitness_high_performer"
UNFAIR_MEMBERS = ["NW-1001", "NW-1015"]  # two of the four customers who connected a fitness tracker
# Decision ids whose parameter carries segment_id of the unfair group (kept in sync with the
# docstring; --check fails if the generator produces different ids).
EXPECTED_UNFAIR_DECISIONS = ["D-166", "D-713", "D-955"]

# Decisions that tests and documentation quote verbatim: never annotated.
RESERVED_DECISIONS = frozenset(
    [
        *("D-1", "D-2", "D-3", "D-5", "D-21", "D-23", "D-25", "D-64", "D-68", "D-69", "D-70"),
        *("D-74", "D-75", "D-76", "D-84", "D-203", "D-306", "D-336", "D-411", "D-414", "D-459"),
        *("D-550", "D-633", "D-736", "D-739", "D-956", "D-966", "D-993"),
    ]
)

PROFILED_PURPOSES = ("personalized_offers", "partner_advertising")
CONSENT_PURPOSES = ("personalized_offers", "email_marketing", "partner_advertising", "fitness_features")

# How many annotated decisions to pick per group and per model.
ANNOTATE_PER_SEGMENT = 2
ANNOTATE_UNFAIR_PER_MEMBER = 2
ANNOTATE_PER_MODEL = {"next_purchase": 7, "churn_risk": 4}

OUTDOOR_CATEGORIES = {"Footwear", "Tents", "Camping kitchen", "Climbing", "Accessories"}
# Offer category -> next_purchase label (Loyalty offers are not a product range).
LABEL_OF = {
    "Footwear": "footwear",
    "Tents": "tents",
    "Jackets": "jackets",
    "Climbing": "climbing",
    "Cycling": "cycling",
    "Camping kitchen": "camping_kitchen",
    "Kids": "kids_gear",
    "Water sports": "water_sports",
    "Accessories": "accessories",
}
CATEGORY_OF_LABEL = {label: category for category, label in LABEL_OF.items()}


# --------------------------------------------------------------------------- helpers


def parse_ts(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def random_time(rng: random.Random, start: datetime, end: datetime) -> datetime:
    span = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randint(0, max(span, 0)))


def load_profile_specs(path: Path):
    import yaml  # a project dependency; only needed for the profile files

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["segments"], data["models"]


def grant_intervals(consents, cid: str, purpose: str):
    """(start, end or None, grant id) for each period in which the purpose's consent was in force."""
    out, current = [], None
    for e in consents:  # consents are ordered by time
        if e["customer_id"] != cid or e["purpose"] != purpose:
            continue
        at = parse_ts(e["at"])
        if e["status"] == "granted":
            if current is not None:
                out.append((current[0], at, current[1]))
            current = (at, e["event_id"])
        elif current is not None:
            out.append((current[0], at, current[1]))
            current = None
    if current is not None:
        out.append((current[0], None, current[1]))
    return out


def consent_windows(consents, cid: str, purposes):
    """Periods in which every consent-based purpose in `purposes` was in force, each with its grants."""
    windows = [(datetime(2000, 1, 1, tzinfo=UTC), None, {})]
    for purpose in purposes:
        if purpose not in CONSENT_PURPOSES:
            continue
        new = []
        for start, end, grants in windows:
            for start2, end2, grant in grant_intervals(consents, cid, purpose):
                lo = max(start, start2)
                ends = [x for x in (end, end2) if x is not None]
                hi = min(ends) if ends else None
                if hi is None or lo < hi:
                    new.append((lo, hi, {**grants, purpose: grant}))
        windows = new
    return windows


def grant_at(windows, t: datetime):
    for start, end, grants in windows:
        if start <= t and (end is None or t < end):
            return grants
    return None


def split_weights(rng: random.Random, base: list[float], floor: float = 0.05) -> list[float]:
    """Random shares of the base weights that add up to exactly 1.00 (2 decimals)."""
    for _ in range(1000):
        raw = [b * rng.uniform(0.6, 1.5) for b in base]
        total = sum(raw)
        weights = [round(r / total, 2) for r in raw]
        top = max(range(len(weights)), key=lambda i: weights[i])
        weights[top] = round(weights[top] + 1 - sum(weights), 2)
        if all(w >= floor for w in weights):
            return weights
    raise RuntimeError("could not split weights")


# --------------------------------------------------------------------------- groups


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
# Model groups need two decisions that show the criteria, rule groups one.
MIN_MATCHES = {"rule": 1, "model": 2}


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


# --------------------------------------------------------------------------- main entry


def make_profiles(here: Path, customers, extra, offers, consents, decisions, groups, vocab):
    """Build memberships and predictions and annotate a few decision parameters in place.

    Returns (memberships, predictions, annotated) where annotated maps decision id to
    ("segment_id" | "prediction_id", value).
    """
    rng = random.Random(PROFILE_SEED)
    segments, models = load_profile_specs(here / "segments.yaml")
    seg_by_id = {s["id"]: s for s in segments}
    ids = [c["customer_id"] for c in customers]
    created = {c["customer_id"]: parse_ts(c["created_at"]) for c in customers}
    off_by_id = {o["offer_id"]: o for o in offers}
    decs_by_cust: dict[str, list] = {cid: [] for cid in ids}
    for d in decisions:
        decs_by_cust[d["customer_id"]].append(d)

    windows_cache: dict[tuple, list] = {}

    def windows(cid, purposes):
        key = (cid, tuple(purposes))
        if key not in windows_cache:
            windows_cache[key] = consent_windows(consents, cid, purposes)
        return windows_cache[key]

    memberships = []
    annotated: dict[str, tuple[str, str]] = {}

    def annotate(d, param, key, value):
        param[key] = value
        annotated[d["decision_id"]] = (key, value)

    def free(d):
        return d["decision_id"] not in RESERVED_DECISIONS and d["decision_id"] not in annotated

    # --- the deliberately unfair group: health data from the fitness tracker
    unfair = seg_by_id[UNFAIR_SEGMENT]
    for cid in UNFAIR_MEMBERS:
        for start, end, grants in windows(cid, [*unfair["used_for"], "fitness_features"]):
            since = random_time(rng, start + timedelta(days=6), start + timedelta(days=12))
            until = end  # the tracker was disconnected: no more data
            memberships.append(
                membership(cid, UNFAIR_SEGMENT, since, until, evidence_for(rng, UNFAIR_SEGMENT, extra[cid]))
            )
            stop = until or AS_OF
            cands = []
            for d in decs_by_cust[cid]:
                t = parse_ts(d["shown_at"])
                if d["purpose"] not in unfair["used_for"] or not since <= t <= stop or not free(d):
                    continue
                if d["consent_event_id"] != grants.get(d["purpose"]):
                    continue
                ps = [p for p in d["parameters"] if p["data_category"] == "inferred_interests"]
                if ps:
                    cands.append((d, ps[0]))
            for d, p in sorted(
                rng.sample(cands, min(ANNOTATE_UNFAIR_PER_MEMBER, len(cands))), key=lambda x: x[0]["shown_at"]
            ):
                annotate(d, p, "segment_id", UNFAIR_SEGMENT)

    # --- groups seen in the offer-decision log
    for seg in segments:
        sid = seg["id"]
        if sid not in MATCHERS:
            continue
        matcher = MATCHERS[sid]
        covered = []  # (decision, parameter) pairs a membership covers
        for cid in ids:
            for start, end, grants in windows(cid, seg["used_for"]):
                stop = end or AS_OF
                lo = max(start, created[cid], PROGRAM_START) + timedelta(days=1)
                matches = []
                for d in decs_by_cust[cid]:
                    t = parse_ts(d["shown_at"])
                    if d["purpose"] not in seg["used_for"] or not lo < t < stop:
                        continue
                    if d["consent_event_id"] != grants[d["purpose"]]:
                        continue
                    for p in d["parameters"]:
                        if matcher(off_by_id[d["offer_id"]], p):
                            matches.append((t, d, p))
                if len({d["decision_id"] for _, d, _ in matches}) < MIN_MATCHES[seg["method"]]:
                    continue
                first_t, last_t = matches[0][0], matches[-1][0]
                since_lo = max(lo, first_t - timedelta(days=75))
                since_hi = first_t - timedelta(days=2)
                if since_hi <= since_lo:
                    since = random_time(rng, lo, first_t - timedelta(hours=1))
                else:
                    since = random_time(rng, since_lo, since_hi)
                if end is not None:
                    until = end  # consent withdrawn: the group is no longer used
                elif (AS_OF - last_t).days > 70 and rng.random() < 0.5:
                    until = random_time(rng, last_t + timedelta(days=10), last_t + timedelta(days=45))
                else:
                    until = None
                ev = evidence_for(rng, sid, extra[cid], matches[0][2])
                memberships.append(membership(cid, sid, since, until, ev))
                for t, d, p in matches:
                    if since <= t <= (until or AS_OF):
                        covered.append((d, p))
        cands = []
        seen = set()
        for d, p in covered:
            if free(d) and d["decision_id"] not in seen:
                seen.add(d["decision_id"])
                cands.append((d, p))
        cands.sort(key=lambda x: int(x[0]["decision_id"][2:]))
        for d, p in rng.sample(cands, min(ANNOTATE_PER_SEGMENT, len(cands))):
            annotate(d, p, "segment_id", sid)

    # --- lapsed shoppers: came back before the 2024 offers began, so the group has ended
    lapsed = seg_by_id["lapsed_shopper"]
    pool = []
    for cid in ids:
        ws = windows(cid, lapsed["used_for"])
        # Silver and Gold members order often, so they are never lapsed shoppers.
        if ws and ws[0][0] < datetime(2023, 1, 1, tzinfo=UTC) and extra[cid]["tier"] not in ("Silver", "Gold"):
            pool.append(cid)
    for cid in sorted(rng.sample(pool, 7)):
        start, end, _ = windows(cid, lapsed["used_for"])[0]
        first_t = parse_ts(decs_by_cust[cid][0]["shown_at"])
        until = random_time(rng, datetime(2023, 12, 4, tzinfo=UTC), min(first_t, datetime(2024, 1, 6, tzinfo=UTC)))
        since = random_time(rng, max(PROGRAM_START, start + timedelta(days=183)), until - timedelta(days=40))
        memberships.append(
            membership(cid, "lapsed_shopper", since, until, evidence_for(rng, "lapsed_shopper", extra[cid]))
        )

    # --- email groups: every customer on the email list is a keen reader or rarely opens
    email_state = {}  # cid -> [(since, until, "engaged" | "dormant")]
    for cid in ids:
        for start, end, _ in windows(cid, ["email_marketing"]):
            stop = end or AS_OF
            t = max(start, created[cid], PROGRAM_START) + timedelta(
                days=rng.randint(14, 60), seconds=rng.randint(0, 86399)
            )
            if t >= stop - timedelta(days=10):
                continue
            state = "engaged" if rng.random() < 0.55 else "dormant"
            while True:
                until = None if end is None else end
                if (stop - t).days > 120 and rng.random() < 0.45:
                    until = random_time(rng, t + timedelta(days=60), stop - timedelta(days=30))
                seg_id = "engaged_email_reader" if state == "engaged" else "email_dormant"
                memberships.append(membership(cid, seg_id, t, until, evidence_for(rng, seg_id, extra[cid])))
                email_state.setdefault(cid, []).append((t, until, state))
                if until is None or until == end:
                    break
                t = until + timedelta(days=1)
                state = "dormant" if state == "engaged" else "engaged"

    def email_state_at(cid, t):
        for since, until, state in email_state.get(cid, []):
            if since <= t and (until is None or t <= until):
                return state
        return None

    memberships.sort(key=lambda m: (m["customer_id"], m["since"], m["segment_id"]))

    # --------------------------------------------------------------------------- predictions
    preds = []  # (computed_at, customer_id, record without id)

    def prediction(cid, model, version, label, score, t, factors, used_for, base_weight=None):
        cats = [c for c, _ in factors]
        base = [(base_weight or FACTOR_BASE)[c] for c in cats]
        weights = split_weights(rng, base)
        fs = sorted(
            ({"data_category": c, "signal": s, "weight": w} for (c, s), w in zip(factors, weights, strict=True)),
            key=lambda f: -f["weight"],
        )
        return {
            "customer_id": cid,
            "model": model,
            "model_version": version,
            "label": label,
            "score": score,
            "computed_at": iso(t),
            "factors": fs,
            "used_for": used_for,
        }

    # churn_risk: every quarter, for customers who agreed to personalized offers
    churn_runs = [
        (datetime(2024, 1, 7, 2, tzinfo=UTC), "churn-1.0"),
        (datetime(2024, 4, 7, 2, tzinfo=UTC), "churn-1.0"),
        (datetime(2024, 7, 7, 2, tzinfo=UTC), "churn-1.1"),
        (datetime(2024, 10, 6, 2, tzinfo=UTC), "churn-1.1"),
    ]
    for cid in ids:
        label = None
        for run, version in churn_runs:
            t = run + timedelta(seconds=rng.randint(0, 3 * 3600))
            if grant_at(windows(cid, ["personalized_offers"]), t) is None or t < created[cid] + timedelta(days=60):
                label = None  # no profile: the next prediction starts afresh
                continue
            if rng.random() > 0.65:
                continue
            if label is None:
                label = rng.choices(["low", "medium", "high"], weights=[5, 3, 2])[0]
            elif rng.random() > 0.6:
                label = {"low": "medium", "high": "medium", "medium": rng.choice(["low", "high"])}[label]
            pool = ["browsing_activity", "app_usage"]
            if extra[cid]["tier"]:
                pool.append("loyalty_status")
            if email_state_at(cid, t):
                pool.append("email_engagement")
            cats = ["purchase_history", *rng.sample(pool, rng.randint(1, min(3, len(pool))))]
            factors = [(c, churn_signal(rng, c, label, extra[cid], email_state_at(cid, t))) for c in cats]
            score = round(rng.uniform(0.52, 0.91), 2)
            preds.append(
                (t, cid, prediction(cid, "churn_risk", version, label, score, t, factors, ["personalized_offers"]))
            )

    # next_purchase: monthly, for customers who agreed to personalized offers
    for cid in ids:
        runs = []
        for month in range(2, 11):
            t = datetime(2024, month, 1, 4, tzinfo=UTC) + timedelta(seconds=rng.randint(0, 2 * 3600))
            if grant_at(windows(cid, ["personalized_offers"]), t) is not None and t > created[cid] + timedelta(days=60):
                runs.append(t)
        if not runs:
            continue
        for t in sorted(rng.sample(runs, min(len(runs), rng.choice([1, 1, 2, 2, 3])))):
            used_for = ["personalized_offers"]
            if grant_at(windows(cid, ["partner_advertising"]), t) is not None:
                used_for.append("partner_advertising")
            soon = Counter(
                LABEL_OF[off_by_id[d["offer_id"]]["category"]]
                for d in decs_by_cust[cid]
                if d["purpose"] in used_for
                and off_by_id[d["offer_id"]]["category"] in LABEL_OF
                and t < parse_ts(d["shown_at"]) <= t + timedelta(days=45)
            )
            label = soon.most_common(1)[0][0] if soon else rng.choice(sorted(CATEGORY_OF_LABEL))
            v = vocab[CATEGORY_OF_LABEL[label]]
            if "partner_advertising" in used_for:
                pool = ["inferred_interests", "location_region"]  # what partner offers may use
            else:
                pool = ["browsing_activity", "inferred_interests", "app_usage"]
            cats = ["purchase_history", *rng.sample(pool, rng.randint(1, 2))]
            factors = [(c, next_purchase_signal(rng, c, v)) for c in cats]
            version = "next-purchase-2.0" if t < datetime(2024, 6, 1, tzinfo=UTC) else "next-purchase-2.1"
            score = round(rng.uniform(0.34, 0.78), 2)
            preds.append((t, cid, prediction(cid, "next_purchase", version, label, score, t, factors, used_for)))

    # email_engagement_likelihood: every quarter, for customers on the email list
    for cid in ids:
        for month in (3, 6, 9):
            t = datetime(2024, month, 2, 5, tzinfo=UTC) + timedelta(seconds=rng.randint(0, 3600))
            grants = grant_at(windows(cid, ["email_marketing"]), t)
            state = email_state_at(cid, t)
            if grants is None or state is None or rng.random() > 0.75:
                continue
            granted = next(parse_ts(e["at"]) for e in consents if e["event_id"] == grants["email_marketing"])
            months = int((t - granted).days / 30.44)
            factors = [
                ("email_engagement", churn_signal(rng, "email_engagement", None, extra[cid], state)),
                ("contact_details", f"on our marketing email list for {months} months"),
            ]
            label = "likely" if state == "engaged" else "unlikely"
            score = round(rng.uniform(0.6, 0.94), 2)
            rec = prediction(
                cid,
                "email_engagement_likelihood",
                "email-engagement-1.3",
                label,
                score,
                t,
                factors,
                ["email_marketing"],
                EMAIL_FACTOR_BASE,
            )
            preds.append((t, cid, rec))

    model_rank = {m["id"]: i for i, m in enumerate(models)}
    preds.sort(key=lambda x: (x[0], x[1], model_rank[x[2]["model"]]))
    predictions = [{"prediction_id": f"P-{n}", **rec} for n, (_, _, rec) in enumerate(preds, start=1)]

    # --- decisions that used a prediction
    by_cust_model: dict[tuple[str, str], list] = {}
    for p in predictions:
        by_cust_model.setdefault((p["customer_id"], p["model"]), []).append(p)
    for model_id, limit in ANNOTATE_PER_MODEL.items():
        cands = []
        for d in decisions:
            if d["purpose"] not in PROFILED_PURPOSES or not free(d):
                continue
            t = parse_ts(d["shown_at"])
            prior = [p for p in by_cust_model.get((d["customer_id"], model_id), []) if parse_ts(p["computed_at"]) <= t]
            if not prior:
                continue
            pred = prior[-1]
            if d["purpose"] not in pred["used_for"]:
                continue
            grants = grant_at(windows(d["customer_id"], [d["purpose"]]), parse_ts(pred["computed_at"]))
            if grants is None or grants[d["purpose"]] != d["consent_event_id"]:
                continue
            category = off_by_id[d["offer_id"]]["category"]
            if model_id == "next_purchase" and LABEL_OF.get(category) != pred["label"]:
                continue
            if model_id == "churn_risk" and (category != "Loyalty" or pred["label"] == "low"):
                continue
            factor_cats = {f["data_category"] for f in pred["factors"]}
            if model_id == "churn_risk":
                # A Rewards offer for someone we might lose: the Rewards signals carry the prediction.
                factor_cats &= {"loyalty_status", "app_usage"}
            ps = [p for p in d["parameters"] if p["data_category"] in factor_cats]
            if ps:
                # The prediction shaped the most direct of the signals it shares with the offer.
                ps.sort(key=lambda p: PREDICTION_SIGNAL_ORDER.index(p["data_category"]))
                cands.append((d, ps[0], pred["prediction_id"]))
        for d, p, pid in rng.sample(cands, min(limit, len(cands))):
            annotate(d, p, "prediction_id", pid)

    never = set(groups["never_personal"])
    for used_for in [seg_by_id[m["segment_id"]]["used_for"] for m in memberships if m["customer_id"] in never] + [
        p["used_for"] for p in predictions if p["customer_id"] in never
    ]:
        if "personalized_offers" in used_for:
            raise RuntimeError("a customer who never agreed to personalized offers was profiled for them")
    return memberships, predictions, annotated


# Which shared signal an annotated decision attributes to a prediction: the most direct one.
PREDICTION_SIGNAL_ORDER = [
    "loyalty_status",
    "purchase_history",
    "browsing_activity",
    "inferred_interests",
    "app_usage",
    "email_engagement",
    "location_region",
    "contact_details",
]
FACTOR_BASE = {
    "purchase_history": 0.40,
    "browsing_activity": 0.22,
    "app_usage": 0.18,
    "inferred_interests": 0.20,
    "loyalty_status": 0.14,
    "location_region": 0.12,
    "email_engagement": 0.10,
}
# The email model leans on email opens and clicks; time on the list counts less.
EMAIL_FACTOR_BASE = {"email_engagement": 0.75, "contact_details": 0.25}


def churn_signal(rng: random.Random, category: str, label, extra, email_state) -> str:
    n = rng.randint
    if category == "email_engagement":
        if email_state == "engaged":
            return f"opened {n(3, 5)} of our last 5 marketing emails"
        return "opened none of our last 10 marketing emails"
    few_orders = rng.choice(["only one order", "2 orders"])
    texts = {
        "purchase_history": {
            "high": f"no purchase in the last {n(4, 9)} months",
            "medium": f"placed {few_orders} in the last 12 months, fewer than the year before",
            "low": f"placed {n(4, 12)} orders in the last 12 months",
        },
        "browsing_activity": {
            "high": "did not visit our website while signed in during the last 90 days",
            "medium": f"visited our website {n(2, 4)} times in the last 90 days",
            "low": f"visited our website {n(8, 25)} times in the last 90 days",
        },
        "app_usage": {
            "high": "did not open the app in the last 60 days",
            "medium": f"opened the app {n(2, 4)} times in the last 60 days",
            "low": f"opened the app {n(10, 40)} times in the last 60 days",
        },
        "loyalty_status": {
            "high": f"{extra['tier']} member of Northwind Rewards with {extra['points']:,} unused points",
            "medium": f"{extra['tier']} member of Northwind Rewards with {extra['points']:,} unused points",
            "low": f"{extra['tier']} member of Northwind Rewards",
        },
    }
    return texts[category][label]


def next_purchase_signal(rng: random.Random, category: str, v) -> str:
    if category == "purchase_history":
        return f"bought {rng.choice(v['bought'])} in the last {rng.choice([30, 60, 90, 180, 365])} days"
    if category == "browsing_activity":
        return f"viewed {rng.choice(v['viewed'])} {rng.randint(2, 9)} times in the last 30 days"
    if category == "inferred_interests":
        return f"likely interested in {rng.choice(v['interest'])}"
    if category == "app_usage":
        return rng.choice(v["app"])
    if category == "location_region":
        return rng.choice(v["region"])
    raise ValueError(category)
