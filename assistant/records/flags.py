"""Cases for the privacy team, computed from the pack at ingest and stored with the build."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol, TypeVar

from assistant.pack.consent import check_decision
from assistant.pack.facts import sensitive_uses
from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import ConsentEvent, Membership
from assistant.pack.warnings import Sampled, sampled, undeclared_profiling


@dataclass(frozen=True)
class Flag:
    """A case for the privacy team. `ref` is a decision, segment or prediction id."""

    ref: str
    customer_id: str
    kind: str
    detail: str


class _Owned(Protocol):
    @property
    def customer_id(self) -> str: ...


_R = TypeVar("_R", bound=_Owned)


def by_customer(records: Iterable[_R]) -> dict[str, list[_R]]:
    """Records grouped by customer, in their order: built once per ingest when the log is read in parts."""
    grouped: dict[str, list[_R]] = {}
    for r in records:
        grouped.setdefault(r.customer_id, []).append(r)
    return grouped


def consent_flags(pack: KnowledgePack, consents: Mapping[str, list[ConsentEvent]] | None = None) -> list[Flag]:
    """Decisions shown after the consent they relied on had been withdrawn (`consents`: the pack's ledger
    grouped by customer, when the caller has it already)."""
    grouped = by_customer(pack.consents) if consents is None else consents
    flags = []
    for d in pack.decisions:
        check = check_decision(grouped.get(d.customer_id, []), d)
        if check and check.shown_after_withdrawal and check.withdrawal is not None:
            detail = (
                f"shown {d.shown_at.isoformat()} relying on consent {check.grant.event_id}, "
                f"withdrawn {check.withdrawal.at.isoformat()} ({check.withdrawal.event_id})"
            )
            flags.append(Flag(d.decision_id, d.customer_id, "consent_withdrawn_before_shown", detail))
    return flags


def profile_flags(pack: KnowledgePack) -> list[Flag]:
    """Profiles built on sensitive data, offers chosen with sensitive data however it got there (DSA Art. 26(3)),
    and purposes declared not to profile whose log shows they did."""
    return (
        profile_record_flags(pack) + decision_profile_flags(pack) + profiling_flags(sampled(undeclared_profiling(pack)))
    )


def profile_record_flags(pack: KnowledgePack) -> list[Flag]:
    """Segments, memberships and predictions that rest on sensitive data."""
    sensitive = {c.id for c in pack.categories.values() if c.sensitive}
    flags: list[Flag] = []
    for seg in pack.segments.values():
        used = sorted({c.data_category for c in seg.criteria} & sensitive)
        if used:
            flags.append(
                Flag(
                    seg.id,
                    "",
                    "sensitive_segment_criteria",
                    f"segment {seg.id} ({seg.name}) uses sensitive data: {', '.join(used)}",
                )
            )
    for m in pack.memberships:
        used = sorted({e.data_category for e in m.evidence} & sensitive)
        if used:
            flags.append(
                Flag(
                    m.segment_id,
                    m.customer_id,
                    "sensitive_membership_evidence",
                    f"membership since {m.since.isoformat()} rests on sensitive data: {', '.join(used)}",
                )
            )
    for p in pack.predictions.values():
        used = sorted({f.data_category for f in p.factors} & sensitive)
        if used:
            flags.append(
                Flag(
                    p.prediction_id,
                    p.customer_id,
                    "sensitive_prediction_factors",
                    f"prediction {p.model} uses sensitive data: {', '.join(used)}",
                )
            )
    return flags


def decision_profile_flags(
    pack: KnowledgePack, memberships: Mapping[str, list[Membership]] | None = None
) -> list[Flag]:
    """Offers chosen with sensitive data, directly or through a group or prediction resting on it: per
    decision, so a log read in parts is flagged part by part (`memberships` grouped by customer, as for
    `consent_flags`)."""
    flags: list[Flag] = []
    grouped = by_customer(pack.memberships) if memberships is None else memberships
    # Every decision in the log is an offer shown, so sensitive data behind it is flagged whatever the
    # purpose declares.
    for d in pack.decisions:
        uses = sensitive_uses(d, pack.categories, pack.segments, grouped.get(d.customer_id, []), pack.predictions)
        direct = sorted({c for u in uses if u.via == "parameter" for c in u.categories})
        if direct:
            flags.append(
                Flag(
                    d.decision_id,
                    d.customer_id,
                    "ads_on_sensitive_data",
                    f"offer shown {d.shown_at.isoformat()} for {d.purpose} used sensitive data: {', '.join(direct)}",
                )
            )
        origins = sorted({u.ref for u in uses if u.via != "parameter"})
        if origins:
            flags.append(
                Flag(
                    d.decision_id,
                    d.customer_id,
                    "ads_on_sensitive_profile",
                    f"offer shown {d.shown_at.isoformat()} for {d.purpose} used profile {', '.join(origins)}, "
                    "which rests on sensitive data",
                )
            )
    return flags


def profiling_flags(undeclared: Mapping[str, Sampled]) -> list[Flag]:
    """Purposes declared `profiling: false` whose decisions used data about the customer."""
    flags: list[Flag] = []
    for purpose_id, ids in undeclared.items():
        flags.append(
            Flag(
                purpose_id,
                "",
                "profiling_not_declared",
                f"purpose {purpose_id} is declared profiling: false, yet {ids.count} decision(s) used data about "
                f"the customer, e.g. {', '.join(ids.examples)}",
            )
        )
    return flags
