"""Checks of the groups and models in segments.yaml and of memberships.jsonl: ids, keys, one-sentence
descriptions, criteria the purposes allow, and memberships only while their consents are in force."""

from __future__ import annotations

from itertools import pairwise

from ..profiles.plan import AS_OF, UNFAIR_SEGMENT
from ..purposes import PURPOSE_BASIS
from ..timestamps import parse_ts
from .profile_state import (
    ID_RE,
    MEMBERSHIP_KEYS,
    MIN_COVERED_CUSTOMERS,
    MIN_MODELS,
    MIN_PAST_MEMBERSHIPS,
    MIN_SEGMENTS,
    MODEL_KEYS,
    PROFILE_PURPOSES,
    SEGMENT_KEYS,
    TS_RE,
    ProfileCheck,
)


def check_segment_spec(ctx: ProfileCheck):
    """The groups and models of segments.yaml by id, or None when the file's top level is wrong."""
    problems, spec, catalog, controls, sections = ctx.problems, ctx.spec, ctx.catalog, ctx.controls, ctx.sections
    purpose_ids, fits = ctx.purpose_ids, ctx.fits
    if list(spec) != ["segments", "models"]:
        problems.append(f"segments.yaml: top-level keys {list(spec)}")
        return None
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
    return segs, models


def check_memberships(ctx: ProfileCheck, segs):
    """memberships.jsonl; returns each customer's periods in each group."""
    problems, cust, consent_held = ctx.problems, ctx.cust, ctx.consent_held
    memberships = ctx.load("memberships.jsonl")
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
        since, until = parse_ts(m["since"]), None if m["until"] is None else parse_ts(m["until"])
        if (
            since < parse_ts(cust[cid]["created_at"])
            or since >= AS_OF
            or (until is not None and not since < until <= AS_OF)
        ):
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
    return by_cust_seg
