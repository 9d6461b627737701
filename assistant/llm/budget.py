"""Pack evidence into the model's token budget: most relevant first, nothing cut mid-sentence.

The budget for evidence is the model's context, minus the tokens kept free for the answer, minus the
prompt's scaffold (system text, instructions, the question). Items go in by relevance: the decisions and
consent events the question is about, then policy passages in retrieval order, then the customer's other
records. An item that does not fit whole is cut back to its last whole sentence that fits, or left out.
Tokens are counted with tiktoken's cl100k_base (`assistant.retrieval.tokenizer`), the same count for every model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from assistant.llm.items import EvidenceItem
from assistant.retrieval.tokenizer import count_tokens
from assistant.turn import Turn

ITEM_SEPARATOR = "\n\n"

# Intents whose question is about the customer's decisions, or their consent events, respectively.
DECISION_INTENTS = frozenset({"why_offer", "data_held"})
CONSENT_INTENTS = frozenset({"consent_status", "change_control"})

# A sentence ends at . ! ? (optionally closed by a quote or bracket) before whitespace and a capital, digit,
# quote, bracket or bullet; a blank line or a line break before a bullet also ends one.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[A-Z0-9\"'“‘(\[<-])|(?=\n\s*\n)|(?=\n\s*[-*•] )")


@dataclass(frozen=True)
class Packed:
    """What goes into the prompt, in prompt order (texts possibly trimmed), and what it costs."""

    items: list[EvidenceItem]
    budget: int  # tokens available for evidence
    evidence_tokens: int  # tokens the rendered evidence block takes (≤ budget)
    scaffold_tokens: int  # everything else in the prompt
    trimmed: list[str] = field(default_factory=list)  # evidence ids cut back to fewer sentences
    dropped: list[str] = field(default_factory=list)  # evidence ids left out

    @property
    def prompt_tokens(self) -> int:
        return self.scaffold_tokens + self.evidence_tokens

    @property
    def ids(self) -> list[str]:
        return [i.evidence_id for i in self.items]


def evidence_budget(context_tokens: int, answer_reserve: int, scaffold_tokens: int) -> int:
    return max(0, context_tokens - answer_reserve - scaffold_tokens)


def render_item(item: EvidenceItem) -> str:
    return f"[{item.evidence_id}] ({item.kind} {item.ref})\n{item.text.strip()}"


def render_evidence(items: Iterable[EvidenceItem]) -> str:
    return ITEM_SEPARATOR.join(render_item(i) for i in items)


def relevance_order(items: list[EvidenceItem], turn: Turn) -> list[EvidenceItem]:
    """The decisions and consent events the question is about, then policy passages in retrieval order, then
    catalog facts, then the customer's other records (each group in the order it was gathered)."""
    intent = turn.intent.intent if turn.intent is not None else ""
    records = turn.records
    decisions = [i for i in items if i.kind == "decision"]
    consents = [i for i in items if i.kind == "consent"]
    policies = [i for i in items if i.kind == "policy"]
    facts = [i for i in items if i.kind == "catalog"]
    about_decisions = decisions if (intent in DECISION_INTENTS or turn.decision_id) else []
    linked: set[str] = set()
    purposes: set[str] = set()
    if records is not None:
        for item in about_decisions:
            decision = records.decision(item.ref)
            if decision is not None:
                purposes.add(decision.purpose)
                if decision.consent_event_id:
                    linked.add(decision.consent_event_id)
        purpose_of = {e.event_id: e.purpose for e in records.consents}
    else:
        purpose_of = {}
    about_consents = [
        c for c in consents if intent in CONSENT_INTENTS or c.ref in linked or purpose_of.get(c.ref) in purposes
    ]
    first = about_decisions + about_consents
    rest = [i for i in decisions + consents if i not in first]
    return first + policies + facts + rest


def sentence_cuts(text: str, skip_heading: bool = False) -> list[int]:
    """Offsets where `text` may be cut: after each whole sentence, and its end. With `skip_heading` (policy
    passages start with their section's title on a line of its own) a cut must keep some of the body."""
    floor = max(text.find("\n"), 0) if skip_heading else 0
    cuts = {m.end() for m in _SENTENCE_END.finditer(text)} | {len(text)}
    return sorted(c for c in cuts if c > floor and text[:c].strip())


def trim_item(item: EvidenceItem, max_tokens: int) -> EvidenceItem | None:
    """The item cut back to as many whole sentences as fit in `max_tokens` (rendered), or None."""
    return _trim(item, lambda candidate: count_tokens(render_item(candidate)) <= max_tokens)


def _trim(item: EvidenceItem, fits: Callable[[EvidenceItem], bool]) -> EvidenceItem | None:
    """The longest whole-sentence prefix of the item that `fits` (binary search: longer never costs less)."""
    candidates = [
        replace(item, text=item.text[:cut].rstrip()) for cut in sentence_cuts(item.text, item.kind == "policy")
    ]
    lo, hi, best = 0, len(candidates) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits(candidates[mid]):
            best, lo = candidates[mid], mid + 1
        else:
            hi = mid - 1
    return best


def pack(items: list[EvidenceItem], budget: int, scaffold_tokens: int = 0) -> Packed:
    """Items in the given order while they fit; one that does not fit whole is trimmed or dropped, and later,
    smaller items may still go in. Every fit is checked on the rendered block as it would be sent, so the
    block never exceeds the budget."""
    used: list[EvidenceItem] = []
    trimmed: list[str] = []
    dropped: list[str] = []
    spent = 0

    def fits(candidate: EvidenceItem) -> bool:
        return count_tokens(render_evidence([*used, candidate])) <= budget

    for item in items:
        if fits(item):
            used.append(item)
        else:
            short = _trim(item, fits)
            if short is None:
                dropped.append(item.evidence_id)
                continue
            used.append(short)
            trimmed.append(item.evidence_id)
        spent = count_tokens(render_evidence(used))
    return Packed(used, budget, spent, scaffold_tokens, trimmed, dropped)
