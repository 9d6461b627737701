"""Memberships of the groups in segments.yaml: the deliberately unfair group, the groups the offer-decision log
shows, lapsed shoppers and the two email groups, each only while the consents it relies on are in force."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ..timestamps import parse_ts, random_time
from .group_evidence import MATCHERS, evidence_for, membership
from .plan import (
    ANNOTATE_PER_SEGMENT,
    ANNOTATE_UNFAIR_PER_MEMBER,
    AS_OF,
    PROGRAM_START,
    UNFAIR_MEMBERS,
    UNFAIR_SEGMENT,
)
from .profiling import Profiling

# Model groups need two decisions that show the criteria, rule groups one.
MIN_MATCHES = {"rule": 1, "model": 2}


def make_memberships(ctx: Profiling):
    """Every membership, ordered by customer then since, and the email-group periods of each customer
    (cid -> [(since, until, "engaged" | "dormant")]) that the email predictions follow."""
    memberships: list[dict] = []
    unfair_group(ctx, memberships)
    log_groups(ctx, memberships)
    lapsed_shoppers(ctx, memberships)
    email_state = email_groups(ctx, memberships)
    memberships.sort(key=lambda m: (m["customer_id"], m["since"], m["segment_id"]))
    return memberships, email_state


def unfair_group(ctx: Profiling, memberships: list[dict]) -> None:
    """The deliberately unfair group: health data from the fitness tracker."""
    rng, windows, decs_by_cust, extra, free = ctx.rng, ctx.windows, ctx.decs_by_cust, ctx.extra, ctx.free
    unfair = ctx.seg_by_id[UNFAIR_SEGMENT]
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
                ctx.annotate(d, p, "segment_id", UNFAIR_SEGMENT)


def log_groups(ctx: Profiling, memberships: list[dict]) -> None:
    """Groups seen in the offer-decision log."""
    rng, windows, decs_by_cust, extra, free = ctx.rng, ctx.windows, ctx.decs_by_cust, ctx.extra, ctx.free
    ids, created, off_by_id = ctx.ids, ctx.created, ctx.off_by_id
    for seg in ctx.segments:
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
            ctx.annotate(d, p, "segment_id", sid)


def lapsed_shoppers(ctx: Profiling, memberships: list[dict]) -> None:
    """Lapsed shoppers: came back before the 2024 offers began, so the group has ended."""
    rng, windows, decs_by_cust, extra = ctx.rng, ctx.windows, ctx.decs_by_cust, ctx.extra
    lapsed = ctx.seg_by_id["lapsed_shopper"]
    pool = []
    for cid in ctx.ids:
        ws = windows(cid, lapsed["used_for"])
        # Silver and Gold members order often, so they are never lapsed shoppers.
        if ws and ws[0][0] < datetime(2023, 1, 1, tzinfo=UTC) and extra[cid]["tier"] not in ("Silver", "Gold"):
            pool.append(cid)
    for cid in sorted(rng.sample(pool, 7)):
        start, _, _ = windows(cid, lapsed["used_for"])[0]
        first_t = parse_ts(decs_by_cust[cid][0]["shown_at"])
        until = random_time(rng, datetime(2023, 12, 4, tzinfo=UTC), min(first_t, datetime(2024, 1, 6, tzinfo=UTC)))
        since = random_time(rng, max(PROGRAM_START, start + timedelta(days=183)), until - timedelta(days=40))
        memberships.append(
            membership(cid, "lapsed_shopper", since, until, evidence_for(rng, "lapsed_shopper", extra[cid]))
        )


def email_groups(ctx: Profiling, memberships: list[dict]):
    """Email groups: every customer on the email list is a keen reader or rarely opens."""
    rng, extra, created = ctx.rng, ctx.extra, ctx.created
    email_state = {}  # cid -> [(since, until, "engaged" | "dormant")]
    for cid in ctx.ids:
        for start, end, _ in ctx.windows(cid, ["email_marketing"]):
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
    return email_state


def email_state_at(email_state, cid, t):
    """Whether the customer was an engaged or a dormant email reader at t (None: on neither list)."""
    for since, until, state in email_state.get(cid, []):
        if since <= t and (until is None or t <= until):
            return state
    return None
