"""Cross-reference checks between pack files, each failure naming file, line and field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.pack.errors import PackError
from assistant.pack.profile_refs import check_profile_references

if TYPE_CHECKING:
    from assistant.pack.loader import KnowledgePack


def _fail(pack: KnowledgePack, file: str, kind: str, key: str, field: str, problem: str) -> PackError:
    return PackError(pack.root / file, pack.lines.get((kind, key)), field, problem)


def check_references(pack: KnowledgePack) -> None:
    """Raise PackError for the first reference that points nowhere or contradicts its target."""
    for cat in pack.categories.values():
        for i, purpose_id in enumerate(cat.purposes):
            if purpose_id not in pack.purposes:
                raise _fail(
                    pack,
                    "data_catalog.yaml",
                    "category",
                    cat.id,
                    f"purposes.{i}",
                    f"unknown purpose {purpose_id!r}",
                )
    for p in pack.purposes.values():
        if p.policy_section not in pack.sections:
            raise _fail(
                pack,
                "purposes.yaml",
                "purpose",
                p.id,
                "policy_section",
                f"unknown section id {p.policy_section!r}",
            )
        if p.opt_out is not None and p.opt_out not in pack.company.controls:
            raise _fail(pack, "purposes.yaml", "purpose", p.id, "opt_out", f"unknown control {p.opt_out!r}")

    events = {e.event_id: e for e in pack.consents}
    for e in pack.consents:
        if e.customer_id not in pack.customers:
            raise _fail(
                pack,
                "consents.jsonl",
                "consent",
                e.event_id,
                "customer_id",
                f"unknown customer {e.customer_id!r}",
            )
        if e.purpose not in pack.purposes:
            raise _fail(pack, "consents.jsonl", "consent", e.event_id, "purpose", f"unknown purpose {e.purpose!r}")
        if pack.purposes[e.purpose].legal_basis != "consent":
            raise _fail(
                pack,
                "consents.jsonl",
                "consent",
                e.event_id,
                "purpose",
                f"purpose {e.purpose!r} does not rest on consent",
            )

    for d in pack.decisions:

        def fail(field: str, problem: str, d_id: str = d.decision_id) -> PackError:
            return _fail(pack, "decisions.jsonl", "decision", d_id, field, problem)

        if d.customer_id not in pack.customers:
            raise fail("customer_id", f"unknown customer {d.customer_id!r}")
        offer = pack.offers.get(d.offer_id)
        if offer is None:
            raise fail("offer_id", f"unknown offer {d.offer_id!r}")
        if d.channel not in offer.channels:
            raise fail("channel", f"offer {offer.offer_id} is not offered on channel {d.channel!r}")
        purpose = pack.purposes.get(d.purpose)
        if purpose is None:
            raise fail("purpose", f"unknown purpose {d.purpose!r}")
        if d.legal_basis != purpose.legal_basis:
            raise fail(
                "legal_basis",
                f"{d.legal_basis!r} differs from purpose {purpose.id}'s {purpose.legal_basis!r}",
            )
        for i, param in enumerate(d.parameters):
            if param.data_category not in pack.categories:
                raise fail(f"parameters.{i}.data_category", f"unknown data category {param.data_category!r}")
        if d.consent_event_id is not None:
            event = events.get(d.consent_event_id)
            if event is None:
                raise fail("consent_event_id", f"unknown consent event {d.consent_event_id!r}")
            if event.customer_id != d.customer_id:
                raise fail("consent_event_id", f"consent event {event.event_id} belongs to another customer")
            if event.purpose != d.purpose:
                raise fail("consent_event_id", f"consent event {event.event_id} is for purpose {event.purpose!r}")
            if event.status != "granted":
                raise fail("consent_event_id", f"consent event {event.event_id} is a withdrawal, not a grant")
            if event.at > d.shown_at:
                raise fail("consent_event_id", f"consent event {event.event_id} is later than shown_at")
    check_profile_references(pack)
