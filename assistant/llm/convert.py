"""A model's text as an `Answer`, so that the verifier every answer goes through can check it.

Paragraphs and bullets become lines; [E#] marks of policy passages become citations, of decisions decision
ids, of consent events consent claims; each data category a sentence says the customer's data came from
becomes a category claim. Converting reads the text; it decides nothing about what may be shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from assistant.compose.builder import best_quote, plain, sentences
from assistant.llm.items import EvidenceItem
from assistant.llm.reading import (
    attributed_categories,
    category_phrases,
    cited_ids,
    fold,
    split_sentences,
    strip_citations,
)
from assistant.records.store import Catalog, CustomerRecords
from assistant.retrieval.retrievers import terms
from assistant.turn import Answer, Citation, Intent, Line

_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")

Claim = tuple[str, str, str]


def to_answer(
    text: str, items: list[EvidenceItem], intent: Intent, catalog: Catalog, records: CustomerRecords | None
) -> Answer:
    """The model's text as an answer in LLM mode (see the module's docstring)."""
    by_id = {i.evidence_id: i for i in items}
    known = {p.data_category for d in (records.decisions if records else []) for p in d.parameters}
    phrases = category_phrases(catalog, known)
    citations: list[Citation] = []
    decision_ids: list[str] = []
    claims: list[Claim] = []
    lines: list[Line] = []
    for block, bullet in _blocks(text):
        clean = strip_citations(block)
        if not clean:
            continue
        cites: list[int] = []
        for eid in cited_ids(block):
            item = by_id.get(eid)
            if item is None:
                continue
            if item.kind == "policy":
                index = _cite(catalog, citations, item, clean)
                if index is not None and index not in cites:
                    cites.append(index)
            elif item.kind == "decision" and item.ref not in decision_ids:
                decision_ids.append(item.ref)
            elif item.kind == "consent":
                _add(claims, ("consent", "", item.ref))
        for sentence in split_sentences(block):
            for claim in _category_claims(sentence.text, sentence.cites, by_id, phrases, records):
                _add(claims, claim)
        lines.append(Line(clean, cites, bullet))
    return Answer(intent, lines, citations, decision_ids, mode="llm", claims=claims)


def _category_claims(
    sentence: str,
    cites: list[str],
    by_id: dict[str, EvidenceItem],
    phrases: dict[str, list[str]],
    records: CustomerRecords | None,
) -> Iterator[Claim]:
    """What a sentence says the customer's data came from. It speaks of the decisions it cites (of the one
    among them that used the category, when one did); citing none, of the customer's decisions in general.
    A sentence citing only policy text that names the category states policy, not a fact about the customer."""
    claimed = attributed_categories(sentence, phrases)
    if not claimed:
        return
    decisions = [by_id[e].ref for e in cites if e in by_id and by_id[e].kind == "decision"]
    cited_text = fold(" ".join(by_id[e].text for e in cites if e in by_id))
    for cid in sorted(claimed):
        if decisions:
            yield "category", next((d for d in decisions if _uses(records, d, cid)), decisions[0]), cid
        elif not (cid in cited_text or any(f in cited_text for f in phrases.get(cid, []))):
            yield "category", "", cid


def _uses(records: CustomerRecords | None, decision_id: str, category: str) -> bool:
    decision = records.decision(decision_id) if records is not None else None
    return decision is not None and category in {p.data_category for p in decision.parameters}


def _add(claims: list[Claim], claim: Claim) -> None:
    if claim not in claims:
        claims.append(claim)


def _cite(catalog: Catalog, citations: list[Citation], item: EvidenceItem, context: str) -> int | None:
    section = catalog.sections.get(item.ref)
    if section is None:
        return None
    for i, c in enumerate(citations):
        if c.section_id == section.section_id:
            return i
    citations.append(Citation(section.doc_id, section.section_id, section.title, _quote(item, section, context)))
    return len(citations) - 1


def _quote(item: EvidenceItem, section: Any, context: str) -> str:
    """The passage's sentence that shares most words with the line citing it, if it is in the section."""
    body = item.text.split("\n", 1)[1] if "\n" in item.text else item.text
    candidates = [s.removeprefix("Plain language:").strip() for s in sentences(body)]
    candidates = [s for s in candidates if s and plain(s) in plain(section.text)]
    if not candidates:
        return best_quote(section, frozenset(terms(context)))
    wanted = set(terms(context))
    return max(candidates, key=lambda s: (len(wanted & set(terms(s))), -candidates.index(s)))


def _blocks(text: str) -> Iterator[tuple[str, bool]]:
    """Paragraphs (lines joined) and bullet items, in order."""
    paragraph: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _BULLET.match(line):
            if paragraph:
                yield " ".join(paragraph), False
                paragraph = []
            if line:
                yield _BULLET.sub("", line, count=1), True
            continue
        paragraph.append(line)
    if paragraph:
        yield " ".join(paragraph), False
