"""Evidence as a model would see it: numbered items of policy text and the customer's own facts,
redacted before they enter any prompt (the redactor's second path)."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.compose.builder import day, plain
from assistant.guardrails.redactor import Redactor
from assistant.records.store import Catalog
from assistant.turn import Turn


@dataclass(frozen=True)
class EvidenceItem:
    evidence_id: str
    kind: str  # "policy", "decision", "consent" or "catalog"
    ref: str  # section id, decision id or consent event id
    text: str


def evidence_items(turn: Turn, redactor: Redactor, catalog: Catalog | None = None) -> list[EvidenceItem]:
    """Policy passages, the decisions and consent events the question is about, and (with a catalog) the
    facts the grounded answers draw on — data categories held, their sources, uses, retention and
    recipients, and the controls — all redacted."""
    vault = turn.conversation.vault
    items: list[tuple[str, str, str]] = []
    for doc in turn.passages:
        items.append(("policy", str(doc.metadata["section_id"]), doc.page_content))
    records = turn.records
    if records is not None:
        decisions = turn.resolution.decisions if turn.resolution else records.decisions[:5]
        for d in decisions:
            offer = records.offers[d.offer_id]
            params = "; ".join(f"{p.data_category}: {p.signal} (weight {p.weight:.2f})" for p in d.top_parameters())
            items.append(
                (
                    "decision",
                    d.decision_id,
                    f"Offer “{offer.title}” shown {day(d.shown_at)} via {d.channel}; purpose {d.purpose}; "
                    f"legal basis {d.legal_basis}; sponsor {offer.sponsor or 'none'}; parameters: {params or 'none'}",
                )
            )
        for e in records.consents:
            items.append(
                (
                    "consent",
                    e.event_id,
                    f"{e.status} {e.purpose} on {day(e.at)} via {e.source} (notice {e.policy_version}): "
                    f"{plain(e.evidence)}",
                )
            )
    return [
        EvidenceItem(f"E{i}", kind, ref, redactor.redact(text, vault)) for i, (kind, ref, text) in enumerate(items, 1)
    ]
