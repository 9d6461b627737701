"""The pack indexed the way the case families read it (per customer, in a fixed order), and the small facts
every family states the same way: timestamps, controls, consent histories, the policy sections on a topic."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import ConsentEvent, Decision, Membership, Offer, Prediction, Section


@dataclass
class PackView:
    """The pack, indexed the way the case families need it."""

    pack: KnowledgePack
    customer_ids: list[str] = field(default_factory=list)
    decisions: dict[str, list[Decision]] = field(default_factory=dict)  # newest first
    consents: dict[str, list[ConsentEvent]] = field(default_factory=dict)  # ledger order
    memberships: dict[str, list[Membership]] = field(default_factory=dict)  # oldest first
    predictions: dict[str, list[Prediction]] = field(default_factory=dict)  # newest first
    multi_year: bool = False

    @classmethod
    def of(cls, pack: KnowledgePack) -> PackView:
        view = cls(pack, sorted(pack.customers))
        for c in view.customer_ids:
            view.decisions[c] = []
            view.consents[c] = []
        for d in pack.decisions:
            view.decisions.setdefault(d.customer_id, []).append(d)
        for ds in view.decisions.values():
            ds.sort(key=lambda d: (d.shown_at, d.decision_id), reverse=True)
        for e in pack.consents:
            view.consents.setdefault(e.customer_id, []).append(e)
        for c in view.customer_ids:
            view.memberships[c] = []
            view.predictions[c] = []
        for m in pack.memberships:
            view.memberships.setdefault(m.customer_id, []).append(m)
        for ms in view.memberships.values():
            ms.sort(key=lambda m: (m.since, m.segment_id))
        for pr in pack.predictions.values():
            view.predictions.setdefault(pr.customer_id, []).append(pr)
        for ps in view.predictions.values():
            ps.sort(key=lambda p: (p.computed_at, p.prediction_id), reverse=True)
        view.multi_year = len({d.shown_at.year for d in pack.decisions}) > 1
        return view

    def with_decisions(self) -> list[str]:
        return [c for c in self.customer_ids if self.decisions[c]]

    def offer(self, d: Decision) -> Offer:
        return self.pack.offers[d.offer_id]

    def current(self, customer: str) -> list[Membership]:
        return [m for m in self.memberships[customer] if m.until is None]

    def past(self, customer: str) -> list[Membership]:
        return [m for m in self.memberships[customer] if m.until is not None]

    def latest(self, customer: str) -> list[Prediction]:
        """The newest prediction of each model, newest first."""
        seen: dict[str, Prediction] = {}
        for p in self.predictions[customer]:
            seen.setdefault(p.model, p)
        return list(seen.values())


def iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


def control_of(pack: KnowledgePack, control_id: str | None) -> dict[str, Any] | None:
    if not control_id or control_id not in pack.company.controls:
        return None
    c = pack.company.controls[control_id]
    return {"id": control_id, "label": c.label, "link": c.link, "instructions": c.instructions}


def purpose_history(events: list[ConsentEvent], purpose: str) -> list[ConsentEvent]:
    return sorted((e for e in events if e.purpose == purpose), key=lambda e: e.at)


def sections_about(pack: KnowledgePack, pattern: str) -> list[str]:
    rx = re.compile(pattern, re.I)
    return [s.section_id for s in pack.sections.values() if rx.search(s.title)]


def family_sections(pack: KnowledgePack, section: Section) -> list[str]:
    """A section, the `##` section above it and the `###` sections under it: any of them answers it."""
    same_doc = sorted((s for s in pack.sections.values() if s.doc_id == section.doc_id), key=lambda s: s.line)
    i = same_doc.index(section)
    out = [section.section_id]
    if section.level > 2:
        parent = next((s for s in reversed(same_doc[:i]) if s.level < section.level), None)
        if parent:
            out.append(parent.section_id)
    for s in same_doc[i + 1 :]:
        if s.level <= section.level:
            break
        out.append(s.section_id)
    return out
