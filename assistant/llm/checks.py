"""Check a model-written answer against the evidence that was in its prompt, before anyone sees it.

Problems are short, and never carry a personal value: they go to the log and to `--json`'s fallback reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.guardrails.redactor import Redactor
from assistant.guardrails.vault import PLACEHOLDER
from assistant.llm.items import EvidenceItem
from assistant.records.store import Catalog
from assistant.turn import Turn

PLACEHOLDER_TOKEN = re.compile(PLACEHOLDER.pattern.replace("(", "(?:"))
# [E3], [E2, E5], [E2; E5], (E4) — ids are matched case-insensitively and compared upper-case.
CITATION = re.compile(r"[\[(]\s*(E\d+(?:\s*[,;]\s*E?\d+)*)\s*[\])]", re.I)
_ID = re.compile(r"E?(\d+)", re.I)
# Double quotes, straight or curly, and curly single quotes (a straight ' is too often an apostrophe).
QUOTED = re.compile(r"[\"“]([^\"“”\n]{3,300})[\"”]|‘([^‘’\n]{3,300})’")
# Words that attribute data to the customer: "based on your purchase history", "from your use of our app".
_CUES = (
    r"from|based on|because of|using|used|uses|use of|drawn from|due to|relied on|relying on|looked at|"
    r"considered|considering|thanks to|built from|drew on|took into account|taking into account"
)
# A new sentence starts after . ! ? and whitespace, unless what follows is its citation; or after a citation.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[^\s\[])|(?<=\])\s+(?=[A-Z\"“(])")


_FOLD = str.maketrans("“”‘’–—", "\"\"''--")


@dataclass(frozen=True)
class Sentence:
    text: str
    cites: list[str]


def cited_ids(text: str) -> list[str]:
    """Every evidence id cited, in order of first use, upper-case ("E3")."""
    out: list[str] = []
    for m in CITATION.finditer(text):
        for n in _ID.findall(m.group(1)):
            eid = f"E{int(n)}"
            if eid not in out:
                out.append(eid)
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (and bullets) of the answer, each with the ids it cites."""
    out: list[Sentence] = []
    for line in text.splitlines():
        for piece in _SENTENCE_BREAK.split(line.strip()):
            if piece.strip():
                out.append(Sentence(piece.strip(), cited_ids(piece)))
    return out


def fold(text: str) -> str:
    """Lower case, one space, plain quotes and dashes: for comparing quoted text with the evidence."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_FOLD)
    return " ".join(text.lower().split())


def category_phrases(catalog: Catalog | None, ids: Iterable[str] = ()) -> dict[str, list[str]]:
    """How an answer may name each data category: its catalog name ("purchase history", "your region" →
    "region") and its id with spaces ("app usage"); the raw id ("app_usage") is matched on its own."""
    phrases: dict[str, list[str]] = {}
    names = {c.id: c.name for c in catalog.categories.values()} if catalog is not None else {}
    for cid in {*names, *ids}:
        forms = {cid.replace("_", " ")}
        name = names.get(cid, "").strip().lower()
        if name:
            forms.add(name.removeprefix("your ").strip())
        phrases[cid] = sorted(forms, key=len, reverse=True)
    return phrases


def attributed_categories(sentence: str, phrases: dict[str, list[str]]) -> set[str]:
    """Data categories a sentence says the customer's data came from ("from your <category>"), and any raw
    category id it names."""
    low = fold(sentence)
    found: set[str] = set()
    for cid, forms in phrases.items():
        if re.search(rf"(?<![\w]){re.escape(cid)}(?![\w])", low):
            found.add(cid)
            continue
        alternatives = "|".join(re.escape(f) for f in forms)
        if re.search(rf"\b(?:{_CUES})\s+(?:(?:your|the|our)\s+)?(?:{alternatives})\b", low):
            found.add(cid)
    return found


def verify_llm_answer(
    text: str,
    items_used: list[EvidenceItem],
    turn: Turn,
    redactor: Redactor,
    catalog: Catalog | None = None,
) -> list[str]:
    """Problems found in a model's answer (placeholders not yet restored); an empty list means it may be shown.

    - it cites at least one evidence id, and every id it cites was in the prompt;
    - every data category it attributes to the customer ("from your <category>") was a parameter of the
      decisions in the prompt (of the decisions the sentence cites, when it cites any); a sentence citing
      only policy text may name a category that text names;
    - every quoted phrase (a signal, an offer title, a policy phrase) is in the evidence or the question;
    - no raw personal data (the redactor finds nothing beyond the company's allow-listed contacts), and no
      placeholder that stands for another customer or that the prompt never held.
    """
    problems: list[str] = []
    if not text.strip():
        return ["the answer is empty"]
    by_id = {i.evidence_id: i for i in items_used}

    cited = cited_ids(text)
    if not cited:
        problems.append("the answer cites no evidence")
    for eid in cited:
        if eid not in by_id:
            problems.append(f"cites [{eid}], which was not in the prompt")

    records = turn.records
    decision_params: dict[str, set[str]] = {}
    for item in items_used:
        decision = records.decision(item.ref) if (records is not None and item.kind == "decision") else None
        if decision is not None:
            decision_params[item.evidence_id] = {p.data_category for p in decision.parameters}
    every_used = set().union(*decision_params.values()) if decision_params else set()
    known_ids = {p.data_category for d in (records.decisions if records else []) for p in d.parameters}
    phrases = category_phrases(catalog, known_ids)

    for sentence in split_sentences(text):
        claimed = attributed_categories(sentence.text, phrases)
        if not claimed:
            continue
        cited_decisions = [e for e in sentence.cites if e in decision_params]
        allowed = set().union(*(decision_params[e] for e in cited_decisions)) if cited_decisions else every_used
        if not cited_decisions:
            # A policy statement ("we use your purchase history to choose offers [E2]") may name what its
            # passage names.
            cited_text = fold(" ".join(by_id[e].text for e in sentence.cites if e in by_id))
            allowed |= {c for c in claimed if any(f in cited_text for f in phrases.get(c, [])) or c in cited_text}
        for cid in sorted(claimed - allowed):
            where = f" in {', '.join(cited_decisions)}" if cited_decisions else " in the decisions given"
            problems.append(f"attributes data category {cid!r} that is not a parameter{where}")

    corpus = fold(" ".join([*(i.text for i in items_used), turn.question]))
    for m in QUOTED.finditer(text):
        quote = (m.group(1) or m.group(2) or "").strip(" .,;:")
        if len(quote.split()) >= 2 and fold(quote) not in corpus:
            problems.append(f"quotes {shorten(quote)!r}, which is not in the evidence")

    spans = redactor.analyze(text)
    for kind in sorted({s.entity_type for s in spans}):
        problems.append(f"contains raw personal data ({kind})")

    vault = turn.conversation.vault
    shown = set(PLACEHOLDER_TOKEN.findall(" ".join([*(i.text for i in items_used), turn.question])))
    for token in dict.fromkeys(PLACEHOLDER_TOKEN.findall(text)):
        owner = vault.owners.get(token)
        if owner is not None and owner != vault.owner_id:
            problems.append(f"uses {token}, which stands for another customer's data")
        elif token not in shown:
            problems.append(f"uses {token}, which was not in the prompt")
    return list(dict.fromkeys(problems))


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
