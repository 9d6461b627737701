"""Reading a model's text: its [E#] citation marks, its sentences, its quotes, and the data categories it
says the customer's data came from. Reading only; what is allowed is decided by the checks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.records.store import Catalog

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
# A citation mark still arriving at the end of a stream: "[E", "[E1", "[E1, E".
_PARTIAL_MARK = re.compile(r"[\[(]\s*E?[\d,;\sE]*$", re.I)
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


def quotes(text: str) -> list[str]:
    """Quoted phrases of two words or more, trimmed of the punctuation around them."""
    found = ((m.group(1) or m.group(2) or "").strip(" .,;:") for m in QUOTED.finditer(text))
    return [q for q in found if len(q.split()) >= 2]


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


def strip_citations(text: str) -> str:
    """The text without its [E#] marks, spaces before punctuation tidied."""
    out = CITATION.sub("", text)
    out = re.sub(r"\s+([.,;:!?])", r"\1", out)
    return " ".join(out.split())


def display_text(raw: str) -> str:
    """What to show while the answer streams: [E#] marks (and a half-received one at the end) removed.
    The final answer (`LLMResult.answer`) shows numbered sources instead."""
    return _PARTIAL_MARK.sub("", "\n".join(_tidy_line(line) for line in raw.split("\n")))


def _tidy_line(line: str) -> str:
    out = CITATION.sub("", line)
    return re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", out))
