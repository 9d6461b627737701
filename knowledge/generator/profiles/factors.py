"""The factors behind a prediction: the plain-language signal of each data category and how much each weighed
(shares of a base weight adding up to exactly 1.00)."""

from __future__ import annotations

import random

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
