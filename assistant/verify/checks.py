"""Check an answer against the evidence before anyone sees it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.compose.builder import plain, your
from assistant.pack.models import Decision
from assistant.records.store import Catalog, CustomerRecords
from assistant.turn import Answer


def verify(answer: Answer, catalog: Catalog, records: CustomerRecords | None) -> list[str]:
    """Problems found; an empty list means the answer may be shown.

    Citations must resolve to real sections and quote them; every decision, signal, category and
    consent event the answer attributes to the customer must be in that customer's own records (a category
    claimed of no decision in particular, in one of the customer's decisions). Grounded and LLM answers
    alike: LLM mode converts the model's text into an `Answer` first (`assistant.llm.convert`).
    """
    problems: list[str] = []
    for c in answer.citations:
        section = catalog.sections.get(c.section_id)
        if section is None:
            problems.append(f"citation to unknown section {c.section_id}")
        elif plain(c.quote) not in plain(section.text):
            problems.append(f"quote not found in {c.section_id}")
    for line in answer.lines:
        for i in line.cites:
            if i >= len(answer.citations):
                problems.append(f"citation marker [{i + 1}] has no citation")
    own = {d.decision_id: d for d in records.decisions} if records else {}
    for decision_id in answer.decision_ids:
        if decision_id not in own:
            problems.append(f"decision {decision_id} is not this customer's")
    events = {e.event_id for e in records.consents} if records else set()
    for kind, decision_id, value in answer.claims:
        decision = own.get(decision_id)
        if kind == "signal" and (decision is None or value not in {p.signal for p in decision.parameters}):
            problems.append(f"signal {value!r} is not in decision {decision_id}")
        if kind == "category" and decision_id and (decision is None or value not in _categories([decision])):
            problems.append(f"category {value!r} is not in decision {decision_id}")
        if kind == "category" and not decision_id and value not in _categories(own.values()):
            problems.append(f"category {value!r} is not in any of this customer's decisions")
        if kind == "consent" and value not in events:
            problems.append(f"consent event {value!r} is not this customer's")
        if kind == "segment" and (records is None or value not in {m.segment_id for m in records.memberships}):
            problems.append(f"segment {value!r} is not one of this customer's")
        if kind == "prediction" and (records is None or value not in {p.prediction_id for p in records.predictions}):
            problems.append(f"prediction {value!r} is not one of this customer's")
    if answer.intent == "why_offer" and answer.decision_ids:
        problems += _unused_categories(answer, catalog, records)
    return problems


def _categories(decisions: Iterable[Decision]) -> set[str]:
    return {p.data_category for d in decisions for p in d.parameters}


def _unused_categories(answer: Answer, catalog: Catalog, records: CustomerRecords | None) -> list[str]:
    """A why-offer answer must not attribute to the customer a data category the decision did not use.

    Attribution is written "from your <category> (weight …)"; catalog text that merely mentions a category
    (a source description, say) is not a claim about this decision.
    """
    if records is None:
        return []
    used = {p.data_category for d in records.decisions if d.decision_id in answer.decision_ids for p in d.parameters}
    text = answer.text.lower()
    return [
        f"names category {c.id!r} that the decision did not use"
        for c in catalog.categories.values()
        if c.id not in used and re.search(rf"\bfrom {re.escape(your(c.name).lower())} \(weight", text)
    ]
