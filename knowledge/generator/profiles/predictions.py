"""Predictions of the models in segments.yaml (P-1, P-2, ... ordered by computed_at): churn risk every quarter,
next purchase monthly, email engagement every quarter, each only while the consents it relies on are in force."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

from ..ledger import grant_at
from ..timestamps import iso, parse_ts
from ..vocabulary import VOCAB
from .factors import EMAIL_FACTOR_BASE, FACTOR_BASE, churn_signal, next_purchase_signal, split_weights
from .memberships import email_state_at
from .plan import CATEGORY_OF_LABEL, LABEL_OF
from .profiling import Profiling


def make_predictions(ctx: Profiling, email_state):
    """Every prediction, numbered in order of computed_at."""
    preds = []  # (computed_at, customer_id, record without id)
    churn_risk(ctx, email_state, preds)
    next_purchase(ctx, preds)
    email_engagement(ctx, email_state, preds)
    model_rank = {m["id"]: i for i, m in enumerate(ctx.models)}
    preds.sort(key=lambda x: (x[0], x[1], model_rank[x[2]["model"]]))
    return [{"prediction_id": f"P-{n}", **rec} for n, (_, _, rec) in enumerate(preds, start=1)]


def prediction(rng: random.Random, cid, model, version, label, score, t, factors, used_for, base_weight=None):
    """One prediction without its id: the factors in order of weight, their weights adding up to 1.00."""
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


def churn_risk(ctx: Profiling, email_state, preds: list) -> None:
    """churn_risk: every quarter, for customers who agreed to personalized offers."""
    rng = ctx.rng
    churn_runs = [
        (datetime(2024, 1, 7, 2, tzinfo=UTC), "churn-1.0"),
        (datetime(2024, 4, 7, 2, tzinfo=UTC), "churn-1.0"),
        (datetime(2024, 7, 7, 2, tzinfo=UTC), "churn-1.1"),
        (datetime(2024, 10, 6, 2, tzinfo=UTC), "churn-1.1"),
    ]
    for cid in ctx.ids:
        label = None
        for run, version in churn_runs:
            t = run + timedelta(seconds=rng.randint(0, 3 * 3600))
            if grant_at(ctx.windows(cid, ["personalized_offers"]), t) is None or t < ctx.created[cid] + timedelta(
                days=60
            ):
                label = None  # no profile: the next prediction starts afresh
                continue
            if rng.random() > 0.65:
                continue
            if label is None:
                label = rng.choices(["low", "medium", "high"], weights=[5, 3, 2])[0]
            elif rng.random() > 0.6:
                label = {"low": "medium", "high": "medium", "medium": rng.choice(["low", "high"])}[label]
            pool = ["browsing_activity", "app_usage"]
            if ctx.extra[cid]["tier"]:
                pool.append("loyalty_status")
            if email_state_at(email_state, cid, t):
                pool.append("email_engagement")
            cats = ["purchase_history", *rng.sample(pool, rng.randint(1, min(3, len(pool))))]
            factors = [
                (c, churn_signal(rng, c, label, ctx.extra[cid], email_state_at(email_state, cid, t))) for c in cats
            ]
            score = round(rng.uniform(0.52, 0.91), 2)
            preds.append(
                (t, cid, prediction(rng, cid, "churn_risk", version, label, score, t, factors, ["personalized_offers"]))
            )


def next_purchase(ctx: Profiling, preds: list) -> None:
    """next_purchase: monthly, for customers who agreed to personalized offers."""
    rng = ctx.rng
    for cid in ctx.ids:
        runs = []
        for month in range(2, 11):
            t = datetime(2024, month, 1, 4, tzinfo=UTC) + timedelta(seconds=rng.randint(0, 2 * 3600))
            if grant_at(ctx.windows(cid, ["personalized_offers"]), t) is not None and t > ctx.created[cid] + timedelta(
                days=60
            ):
                runs.append(t)
        if not runs:
            continue
        for t in sorted(rng.sample(runs, min(len(runs), rng.choice([1, 1, 2, 2, 3])))):
            used_for = ["personalized_offers"]
            if grant_at(ctx.windows(cid, ["partner_advertising"]), t) is not None:
                used_for.append("partner_advertising")
            soon = Counter(
                LABEL_OF[ctx.off_by_id[d["offer_id"]]["category"]]
                for d in ctx.decs_by_cust[cid]
                if d["purpose"] in used_for
                and ctx.off_by_id[d["offer_id"]]["category"] in LABEL_OF
                and t < parse_ts(d["shown_at"]) <= t + timedelta(days=45)
            )
            label = soon.most_common(1)[0][0] if soon else rng.choice(sorted(CATEGORY_OF_LABEL))
            v = VOCAB[CATEGORY_OF_LABEL[label]]
            if "partner_advertising" in used_for:
                pool = ["inferred_interests", "location_region"]  # what partner offers may use
            else:
                pool = ["browsing_activity", "inferred_interests", "app_usage"]
            cats = ["purchase_history", *rng.sample(pool, rng.randint(1, 2))]
            factors = [(c, next_purchase_signal(rng, c, v)) for c in cats]
            version = "next-purchase-2.0" if t < datetime(2024, 6, 1, tzinfo=UTC) else "next-purchase-2.1"
            score = round(rng.uniform(0.34, 0.78), 2)
            preds.append((t, cid, prediction(rng, cid, "next_purchase", version, label, score, t, factors, used_for)))


def email_engagement(ctx: Profiling, email_state, preds: list) -> None:
    """email_engagement_likelihood: every quarter, for customers on the email list."""
    rng = ctx.rng
    for cid in ctx.ids:
        for month in (3, 6, 9):
            t = datetime(2024, month, 2, 5, tzinfo=UTC) + timedelta(seconds=rng.randint(0, 3600))
            grants = grant_at(ctx.windows(cid, ["email_marketing"]), t)
            state = email_state_at(email_state, cid, t)
            if grants is None or state is None or rng.random() > 0.75:
                continue
            granted = next(parse_ts(e["at"]) for e in ctx.consents if e["event_id"] == grants["email_marketing"])
            months = int((t - granted).days / 30.44)
            factors = [
                ("email_engagement", churn_signal(rng, "email_engagement", None, ctx.extra[cid], state)),
                ("contact_details", f"on our marketing email list for {months} months"),
            ]
            label = "likely" if state == "engaged" else "unlikely"
            score = round(rng.uniform(0.6, 0.94), 2)
            rec = prediction(
                rng,
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
