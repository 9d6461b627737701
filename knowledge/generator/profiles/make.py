"""Generate the sample customer groups and predictions of the Northwind Outfitters pack.

The generator (sample.generate) calls make_profiles() after it has built customers,
consents, offers and decisions, and knowledge/generate.py writes two more JSON Lines files:

* memberships.jsonl - which customer was in which group (segment) of segments.yaml, from
                      when (`since`) until when (`until`, null while it lasts), and the
                      evidence for it. Ordered by customer, then since.
* predictions.jsonl - predictions of the models in segments.yaml (P-1, P-2, ... ordered by
                      computed_at): label, confidence score, the factors behind it with
                      weights adding up to 1.00, and the purposes it is used for.

It also adds ONE optional key to one parameter of a few personalized and partner offer
decisions: "segment_id" (the group the signal came from) or "prediction_id" (the
prediction it came from). Nothing else in the four existing files changes: this package
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

from pathlib import Path

from ..ledger import grant_at
from ..timestamps import parse_ts
from .memberships import make_memberships
from .plan import ANNOTATE_PER_MODEL, LABEL_OF, PROFILED_PURPOSES
from .predictions import make_predictions
from .profiling import Profiling

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


def make_profiles(here: Path, customers, extra, offers, consents, decisions, groups):
    """Build memberships and predictions and annotate a few decision parameters in place.

    Returns (memberships, predictions, annotated) where annotated maps decision id to
    ("segment_id" | "prediction_id", value).
    """
    ctx = Profiling(here, customers, extra, offers, consents, decisions)
    memberships, email_state = make_memberships(ctx)
    predictions = make_predictions(ctx, email_state)
    annotate_predictions(ctx, predictions)
    check_never_personal(ctx, groups, memberships, predictions)
    return memberships, predictions, ctx.annotated


def annotate_predictions(ctx: Profiling, predictions) -> None:
    """Decisions that used a prediction: a few per model, each naming the latest prediction made under the same
    consent grant."""
    by_cust_model: dict[tuple[str, str], list] = {}
    for p in predictions:
        by_cust_model.setdefault((p["customer_id"], p["model"]), []).append(p)
    for model_id, limit in ANNOTATE_PER_MODEL.items():
        cands = []
        for d in ctx.decisions:
            if d["purpose"] not in PROFILED_PURPOSES or not ctx.free(d):
                continue
            t = parse_ts(d["shown_at"])
            prior = [p for p in by_cust_model.get((d["customer_id"], model_id), []) if parse_ts(p["computed_at"]) <= t]
            if not prior:
                continue
            pred = prior[-1]
            if d["purpose"] not in pred["used_for"]:
                continue
            grants = grant_at(ctx.windows(d["customer_id"], [d["purpose"]]), parse_ts(pred["computed_at"]))
            if grants is None or grants[d["purpose"]] != d["consent_event_id"]:
                continue
            category = ctx.off_by_id[d["offer_id"]]["category"]
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
        for d, p, pid in ctx.rng.sample(cands, min(limit, len(cands))):
            ctx.annotate(d, p, "prediction_id", pid)


def check_never_personal(ctx: Profiling, groups, memberships, predictions) -> None:
    """Customers who never agreed to personalized offers are never profiled for them."""
    never = set(groups["never_personal"])
    for used_for in [ctx.seg_by_id[m["segment_id"]]["used_for"] for m in memberships if m["customer_id"] in never] + [
        p["used_for"] for p in predictions if p["customer_id"] in never
    ]:
        if "personalized_offers" in used_for:
            raise RuntimeError("a customer who never agreed to personalized offers was profiled for them")
