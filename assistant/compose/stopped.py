"""What has already stopped, for an objection to profiling ("I don't want ANY profiling of my health listening"):
the consents to profiling uses the customer already withdrew and the groups they are no longer in, with their
dates, so the answer does not read as if the profiling were still going on."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.compose.builder import Draft, day
from assistant.pack.consent import current
from assistant.pack.models import Membership, Purpose
from assistant.records.store import CustomerRecords

_MOST_ENDED = 3  # ended groups named one by one


def already_stopped(draft: Draft, records: CustomerRecords, purposes: Iterable[Purpose]) -> None:
    for purpose in purposes:
        if purpose.legal_basis != "consent":
            continue
        latest = current(records.consents, purpose.id)
        if latest is not None and latest.status != "granted":
            draft.claims.append(("consent", "", latest.event_id))
            draft.say(
                f"You already withdrew your consent to {purpose.name.lower()} on {day(latest.at)} "
                f"(ref {latest.event_id}).",
                purpose.policy_section,
            )
    current_groups = {m.segment_id for m in records.memberships if m.until is None}
    ended: dict[str, Membership] = {}
    for m in records.memberships:  # newest first: a group left twice ended at its latest end
        if m.until is not None and m.segment_id not in current_groups:
            ended.setdefault(m.segment_id, m)
    for segment_id, membership in list(ended.items())[:_MOST_ENDED]:
        segment = draft.catalog.segments.get(segment_id)
        if segment is not None and membership.until is not None:
            draft.claims.append(("segment", "", segment_id))
            draft.say(f"You are no longer in the group “{segment.name}”: it ended on {day(membership.until)}.")
