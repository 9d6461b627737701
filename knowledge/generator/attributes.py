"""Planted cases for the practice audit (`candor practices`, docs/practices.md).

An undeclared purpose: data_catalog.yaml does not list partner_advertising for location_region, though partner
offers and the partner-interest model use it; the generator's checks accept exactly that pair.

A planted exposure disparity for the practice audit (`candor practices`): an age band on every customer,
declared in company.yaml as a protected attribute.

Planted, not observed: after the decisions are made, the twelve customers shown the fewest personalised
offers (ties by id) are put in "65+", the rest alternately in "18-34" and "35-64". So the oldest band is shown
personalised offers far less often, which the audit must find; nothing else in the sample depends on it.
"""

from __future__ import annotations

from collections import Counter

OLDEST = "65+"
OTHERS = ("18-34", "35-64")
PLANTED = 12
PLANTED_UNDECLARED = {"location_region": {"partner_advertising"}}


def add_age_bands(customers: list[dict], decisions: list[dict]) -> None:
    shown = Counter(d["customer_id"] for d in decisions if d["purpose"] == "personalized_offers")
    ranked = sorted(customers, key=lambda c: (shown[c["customer_id"]], c["customer_id"]))
    oldest = {c["customer_id"] for c in ranked[:PLANTED]}
    n = 0
    for c in customers:
        if c["customer_id"] in oldest:
            band = OLDEST
        else:
            band, n = OTHERS[n % 2], n + 1
        c["attributes"] = {"age_band": band}
