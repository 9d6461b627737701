"""Checks of predictions.jsonl (ids, order, labels, scores, factors and their weights, consents) and of the
decisions whose parameters name a group or a prediction, including the deliberately unfair ones."""

from __future__ import annotations

from collections import Counter

from ..profiles.plan import AS_OF, EXPECTED_UNFAIR_DECISIONS, PROFILED_PURPOSES, UNFAIR_SEGMENT
from ..purposes import PURPOSE_BASIS
from ..timestamps import parse_ts
from .profile_state import (
    MIN_ANNOTATED,
    MIN_COVERED_CUSTOMERS,
    MIN_MODELS,
    PREDICTION_KEYS,
    PROFILE_PURPOSES,
    TS_RE,
    ProfileCheck,
)


def check_predictions(ctx: ProfileCheck, models):
    """predictions.jsonl; returns the predictions by id."""
    problems, cust, catalog = ctx.problems, ctx.cust, ctx.catalog
    ledger, purpose_ids, fits = ctx.ledger, ctx.purpose_ids, ctx.fits
    predictions = ctx.load("predictions.jsonl")
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
        if (
            not TS_RE.match(p["computed_at"])
            or not parse_ts(cust[cid]["created_at"]) <= parse_ts(p["computed_at"]) < AS_OF
        ):
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
            if (
                PURPOSE_BASIS[purpose] == "consent"
                and ledger.in_force(cid, purpose, parse_ts(p["computed_at"])) is None
            ):
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
    return preds


def check_named_sources(ctx: ProfileCheck, decisions, violations, segs, by_cust_seg, preds) -> None:
    """Decisions that name a group or a prediction: a properly consented profiled decision, one parameter, a
    membership or the latest prediction under the same consent grant."""
    problems, ledger = ctx.problems, ctx.ledger
    annotated, unfair_decisions = [], []
    for d in decisions:
        did, cid, purpose = d["decision_id"], d["customer_id"], d["purpose"]
        t = parse_ts(d["shown_at"])
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
            if pred is None or pred["customer_id"] != cid or parse_ts(pred["computed_at"]) > t:
                problems.append(f"{did}: prediction {p['prediction_id']} is not this customer's or is later")
                continue
            latest = max(
                (
                    q
                    for q in preds.values()
                    if q["customer_id"] == cid and q["model"] == pred["model"] and parse_ts(q["computed_at"]) <= t
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
            if ledger.in_force(cid, purpose, parse_ts(pred["computed_at"])) != d["consent_event_id"]:
                problems.append(f"{did}: prediction made under a different consent grant")
    if len(annotated) < MIN_ANNOTATED:
        problems.append(f"only {len(annotated)} decisions name a group or prediction")
    if unfair_decisions != EXPECTED_UNFAIR_DECISIONS:
        problems.append(f"unfair-group decisions {unfair_decisions} != expected {EXPECTED_UNFAIR_DECISIONS}")
