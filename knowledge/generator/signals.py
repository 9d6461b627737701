"""The parameters of an offer decision: which signals the offer model used, said in plain language, and how
much each weighed (shares adding up to exactly 1.00)."""

from __future__ import annotations

import random

from .vocabulary import SPONSOR_AUDIENCE, VOCAB

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
