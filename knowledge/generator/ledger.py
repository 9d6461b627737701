"""Which consent grant was in force when: the ledger the decisions follow and the checks verify, and the periods
in which every purpose of a group or a prediction was agreed to."""

from __future__ import annotations

from datetime import UTC, datetime

from .purposes import CONSENT_PURPOSES
from .timestamps import parse_ts


class Ledger:
    """Answers 'which grant of this purpose was in force for this customer at time t'."""

    def __init__(self, consents):
        self.by_key: dict[tuple[str, str], list[tuple[datetime, str, str]]] = {}
        for e in consents:
            at = parse_ts(e["at"])
            self.by_key.setdefault((e["customer_id"], e["purpose"]), []).append((at, e["status"], e["event_id"]))

    def in_force(self, cid: str, purpose: str, t: datetime):
        current = None
        for at, status, event_id in self.by_key.get((cid, purpose), []):
            if at > t:
                break
            current = event_id if status == "granted" else None
        return current

    def last_grant_before(self, cid: str, purpose: str, t: datetime):
        grant = None
        for at, status, event_id in self.by_key.get((cid, purpose), []):
            if at <= t and status == "granted":
                grant = event_id
        return grant


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
