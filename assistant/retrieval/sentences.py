"""Policy text into sentences, as character spans, so a quote is always an exact slice of the policy.

Lines of a list or a table are units of their own; inside a paragraph a sentence ends at `.`, `!` or `?`
followed by a capital, a digit or an opening quote, unless the word before is a common abbreviation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words after which a full stop does not end a sentence ("U.S. Department", "e.g. cookies", "Acme Inc. and").
_ABBREVIATIONS = frozenset(
    "e.g i.e etc inc ltd llc co corp mr mrs ms dr st no nos vs approx incl art sec fig dept jr sr u.s u.k "
    "e.u p.o a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec ca cf al".split()
)
_END = re.compile(r"[.!?][\"'’”)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
# A list marker, heading hashes or a table row's pipe: a unit starts after it.
_MARKER = re.compile(r"\s*(?:(?:[-*+•▪◦]|\d{1,3}[.)]|\([a-z0-9]{1,3}\))\s+|#{1,6}\s+|\|)")
_ITEM = re.compile(r"\s*(?:[-*+•▪◦]|\d{1,3}[.)]|\([a-z0-9]{1,3}\))\s+")
_TABLE_RULE = re.compile(r"\s*\|?[\s:|-]*-[\s:|-]*\|?\s*$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _blocks(text: str) -> list[Span]:
    """Paragraphs and list items (wrapped lines joined) and table rows and headings, as spans of `text`, each
    after its list marker, hashes or pipe."""
    out: list[Span] = []
    current: list[int] | None = None  # [start, end] of the block being read
    pos = 0
    for line in text.splitlines(keepends=True):
        at, pos = pos, pos + len(line)
        body = line.strip()
        single = body.startswith(("|", "#"))
        if not body or single or _ITEM.match(line) or _TABLE_RULE.match(line):
            if current is not None:
                out.append(Span(current[0], current[1]))
                current = None
            if not body or _TABLE_RULE.match(line):
                continue
            marker = _MARKER.match(line)
            begin = at + (marker.end() if marker else 0)
            end = at + len(line.rstrip())
            if single:
                out.append(Span(begin, end))
            else:
                current = [begin, end]
            continue
        if current is None:
            current = [at, at + len(line.rstrip())]
        current[1] = at + len(line.rstrip())
    if current is not None:
        out.append(Span(current[0], current[1]))
    return out


def _abbreviated(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` closes an abbreviation or an initial rather than a sentence."""
    word = re.search(r"([A-Za-z.]+)$", text[max(0, stop - 12) : stop])
    if word is None:
        return False
    token = word.group(1).lower().strip(".")
    return token in _ABBREVIATIONS or len(token) == 1


def _trim(text: str, span: Span) -> Span:
    s, e = span.start, span.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == "|"):
        e -= 1
    return Span(s, e)


def sentence_spans(text: str) -> list[Span]:
    """Every sentence of `text`, in order, as spans whose slices carry no surrounding whitespace."""
    out: list[Span] = []
    for block in _blocks(text):
        start = block.start
        ends = [m for m in _END.finditer(text, block.start, block.end)]
        for match in ends:
            if text[match.start()] == "." and _abbreviated(text, match.start()):
                continue
            out.append(_trim(text, Span(start, match.end())))
            start = match.end()
        out.append(_trim(text, Span(start, block.end)))
    return [s for s in out if s.end > s.start and re.search(r"\w", text[s.start : s.end])]


def split_sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentence_spans(text)]
