"""Cross-reference checks between pack files, each failure naming file, line and field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.pack.errors import PackError
from assistant.pack.profile_refs import check_profile_references

if TYPE_CHECKING:
    from assistant.pack.errors import Problems
    from assistant.pack.knowledge import KnowledgePack


def check_references(pack: KnowledgePack, problems: Problems) -> None:
    """Report every reference that points nowhere or contradicts its target."""

    def fail(file: str, kind: str, key: str, field: str, problem: str) -> None:
        problems.error(PackError(pack.root / file, pack.lines.get((kind, key)), field, problem))

    for cat in pack.categories.values():
        for i, purpose_id in enumerate(cat.purposes):
            if purpose_id not in pack.purposes:
                fail("data_catalog.yaml", "category", cat.id, f"purposes.{i}", f"unknown purpose {purpose_id!r}")
    for p in pack.purposes.values():
        if p.policy_section not in pack.sections:
            fail("purposes.yaml", "purpose", p.id, "policy_section", f"unknown section id {p.policy_section!r}")
        if p.opt_out is not None and p.opt_out not in pack.company.controls:
            fail("purposes.yaml", "purpose", p.id, "opt_out", f"unknown control {p.opt_out!r}")
        if p.consent_covers is not None and p.legal_basis != "consent":
            fail("purposes.yaml", "purpose", p.id, "consent_covers", "only a purpose resting on consent has one")
        for i, category in enumerate(p.consent_covers or []):
            if category not in pack.categories:
                fail("purposes.yaml", "purpose", p.id, f"consent_covers.{i}", f"unknown data category {category!r}")

    for e in pack.consents:
        if e.customer_id not in pack.customers:
            fail("consents.jsonl", "consent", e.event_id, "customer_id", f"unknown customer {e.customer_id!r}")
        if e.purpose not in pack.purposes:
            fail("consents.jsonl", "consent", e.event_id, "purpose", f"unknown purpose {e.purpose!r}")
        elif pack.purposes[e.purpose].legal_basis != "consent":
            fail("consents.jsonl", "consent", e.event_id, "purpose", f"purpose {e.purpose!r} does not rest on consent")

    check_decision_references(pack, problems)
    check_profile_references(pack, problems)


def check_decision_references(pack: KnowledgePack, problems: Problems) -> None:
    """The decisions' references, alone: a log read in parts is checked one part at a time (pack/stream.py)."""

    def fail(file: str, kind: str, key: str, field: str, problem: str) -> None:
        problems.error(PackError(pack.root / file, pack.lines.get((kind, key)), field, problem))

    events = {e.event_id: e for e in pack.consents}
    for d in pack.decisions:

        def bad(field: str, problem: str, d_id: str = d.decision_id) -> None:
            fail("decisions.jsonl", "decision", d_id, field, problem)

        if d.customer_id not in pack.customers:
            bad("customer_id", f"unknown customer {d.customer_id!r}")
        offer = pack.offers.get(d.offer_id)
        if offer is None:
            bad("offer_id", f"unknown offer {d.offer_id!r}")
        elif d.channel not in offer.channels:
            bad("channel", f"offer {offer.offer_id} is not offered on channel {d.channel!r}")
        purpose = pack.purposes.get(d.purpose)
        if purpose is None:
            bad("purpose", f"unknown purpose {d.purpose!r}")
        elif d.legal_basis != purpose.legal_basis:
            bad("legal_basis", f"{d.legal_basis!r} differs from purpose {purpose.id}'s {purpose.legal_basis!r}")
        for i, param in enumerate(d.parameters):
            if param.data_category not in pack.categories:
                bad(f"parameters.{i}.data_category", f"unknown data category {param.data_category!r}")
        if d.consent_event_id is not None:
            event = events.get(d.consent_event_id)
            if event is None:
                bad("consent_event_id", f"unknown consent event {d.consent_event_id!r}")
            elif event.customer_id != d.customer_id:
                bad("consent_event_id", f"consent event {event.event_id} belongs to another customer")
            elif event.purpose != d.purpose:
                bad("consent_event_id", f"consent event {event.event_id} is for purpose {event.purpose!r}")
            elif event.status != "granted":
                bad("consent_event_id", f"consent event {event.event_id} is a withdrawal, not a grant")
            elif event.at > d.shown_at:
                bad("consent_event_id", f"consent event {event.event_id} is later than shown_at")
