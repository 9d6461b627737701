"""The offer-decision log (D-1 .. D-1000, ordered by shown_at): which offer was shown to whom, when, on which
channel, for which purpose and legal basis, relying on which consent grant, with which signals."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from .ledger import Ledger
from .offers import offer_window
from .purposes import PURPOSE_BASIS
from .signals import context_parameters, partner_parameters, personal_parameters
from .timestamps import iso, random_time

# Decision ids of the deliberate consent violations (kept in sync with the docstring of
# knowledge/generate.py; --check fails if the generator produces different ids).
EXPECTED_VIOLATIONS = ["D-414", "D-459", "D-736", "D-739"]
MODEL_SWITCH = datetime(2024, 6, 1, tzinfo=UTC)
CONTEXT_MODEL = "context-rules-1.2"


def model_for(t: datetime) -> str:
    return "offers-2.3" if t < MODEL_SWITCH else "offers-2.4"


def decide(rng, ledger, cid, cust_extra, offer, channel, t):
    """Apply the decision rules of the pipeline (as it should work)."""
    if offer["sponsor"]:
        grant = ledger.in_force(cid, "partner_advertising", t)
        if grant:
            return "partner_advertising", grant, model_for(t), partner_parameters(rng, offer, model_for(t), cust_extra)
    else:
        grant = ledger.in_force(cid, "personalized_offers", t)
        if grant:
            return "personalized_offers", grant, model_for(t), personal_parameters(rng, offer, model_for(t), cust_extra)
    return "contextual_offers", None, CONTEXT_MODEL, context_parameters(rng, offer, channel)


def make_decisions(rng: random.Random, customers, extra, offers, consents, groups):
    ledger = Ledger(consents)
    ids = [c["customer_id"] for c in customers]
    off_by_id = {o["offer_id"]: o for o in offers}

    counts = {cid: rng.randint(10, 31) for cid in ids}
    for cid in rng.sample(ids, 2):
        counts[cid] = rng.randint(37, 40)
    while sum(counts.values()) != 1000:
        cid = rng.choice(ids)
        if sum(counts.values()) > 1000 and counts[cid] > 10:
            counts[cid] -= 1
        elif sum(counts.values()) < 1000 and counts[cid] < 40:
            counts[cid] += 1

    used_times: set[datetime] = set()
    rows = []  # (shown_at, record-without-id, is_violation)

    def allowed_channels(cid, offer, t):
        email_ok = ledger.in_force(cid, "email_marketing", t) is not None
        return [ch for ch in offer["channels"] if ch != "email" or email_ok]

    def unique_time(start, end):
        while True:
            t = random_time(rng, start, end)
            if t not in used_times:
                used_times.add(t)
                return t

    def record(cid, offer, t, channel, purpose, grant, model, params):
        return {
            "customer_id": cid,
            "offer_id": offer["offer_id"],
            "shown_at": iso(t),
            "channel": channel,
            "model_version": model,
            "purpose": purpose,
            "legal_basis": PURPOSE_BASIS[purpose],
            "consent_event_id": grant,
            "parameters": params,
        }

    def regular(cid, exclude_offer=None, exclude_channel=None, tries=None):
        while True:
            if tries is not None:
                if tries == 0:
                    return None
                tries -= 1
            offer = rng.choice(offers) if exclude_offer is None else off_by_id[exclude_offer]
            start, end = offer_window(offer)
            t = random_time(rng, start, end)
            chans = [ch for ch in allowed_channels(cid, offer, t) if ch != exclude_channel]
            if not chans or t in used_times:
                continue
            if exclude_offer is not None and any(
                r[1]["customer_id"] == cid
                and r[1]["offer_id"] == offer["offer_id"]
                and r[1]["shown_at"][:10] == iso(t)[:10]
                for r in rows
            ):
                continue  # the repeat must be on a different date
            used_times.add(t)
            channel = rng.choice(chans)
            purpose, grant, model, params = decide(rng, ledger, cid, extra[cid], offer, channel, t)
            return record(cid, offer, t, channel, purpose, grant, model, params)

    repeaters = set(rng.sample(ids, 12))
    for cid in ids:
        n = counts[cid]
        special = 0
        if cid in groups["violators"]:
            special += 1
        if cid in repeaters:
            special += 1
        for _ in range(n - special):
            rows.append((None, regular(cid), False))
        if cid in repeaters:
            # The same offer shown again on a different channel and date (ambiguity for the assistant).
            mine = [r for r in rows if r[1]["customer_id"] == cid]
            candidates = [
                r
                for r in mine
                if len({ch for ch in next(o for o in offers if o["offer_id"] == r[1]["offer_id"])["channels"]}) >= 2
            ]
            rng.shuffle(candidates)
            for _, base, _ in candidates:
                rec = regular(cid, exclude_offer=base["offer_id"], exclude_channel=base["channel"], tries=200)
                if rec is not None:
                    rows.append((None, rec, False))
                    break
            else:
                raise RuntimeError(f"no repeat possible for {cid}")
        if cid in groups["violators"]:
            # Pipeline bug: a stale consent cache kept personalizing for a few days after withdrawal.
            w = groups["withdraw_at"][cid]
            grant = ledger.last_grant_before(cid, "personalized_offers", w)
            while True:
                t = unique_time(w + timedelta(hours=3), w + timedelta(days=5))
                live = [o for o in offers if not o["sponsor"] and offer_window(o)[0] <= t <= offer_window(o)[1]]
                chans_by_offer = [(o, [ch for ch in allowed_channels(cid, o, t) if ch != "email"]) for o in live]
                chans_by_offer = [(o, c) for o, c in chans_by_offer if c]
                if chans_by_offer:
                    break
                used_times.discard(t)
            offer, chans = rng.choice(chans_by_offer)
            model = model_for(t)
            params = personal_parameters(rng, offer, model, extra[cid])
            rows.append(
                (None, record(cid, offer, t, rng.choice(chans), "personalized_offers", grant, model, params), True)
            )

    rows.sort(key=lambda r: r[1]["shown_at"])
    decisions, violations = [], []
    for n, (_, rec, is_violation) in enumerate(rows, start=1):
        decisions.append({"decision_id": f"D-{n}", **rec})
        if is_violation:
            violations.append(f"D-{n}")
    return decisions, violations
