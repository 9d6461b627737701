"""Undo common evasions before detection, keeping a map back to the original offsets.

Zero-width characters are dropped, look-alike letters from other scripts become Latin, and NFKC folds
full-width digits and letters to ASCII. `index[i]` is the original offset of normalised character i (no index
when nothing changed).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
# Cyrillic and Greek letters that look like Latin ones.
CONFUSABLES = str.maketrans(
    "аеорсуххіјѕԁɡһӏАВЕКМНОРСТХУІЈЅοαρνκτχυιΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxxijsdghlABEKMHOPCTXYIJSoapvktxuiABEZHIKMNOPTYX",
)


_NEEDS_WORK = re.compile("[" + re.escape("".join(ZERO_WIDTH) + "".join(map(chr, CONFUSABLES))) + "]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Normalized:
    text: str
    index: list[int] | None  # original offset of each normalised character; None: the text is unchanged

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets covering normalised [start, end)."""
        return (start, end) if self.index is None else (self.index[start], self.index[end - 1] + 1)


def normalize(text: str) -> Normalized:
    if text.isascii() or (
        unicodedata.is_normalized("NFKC", text) and not _NEEDS_WORK.search(text)
    ):  # nothing to undo: most text, at the cost of two scans in C instead of a loop in Python
        return Normalized(text, None)
    chars: list[str] = []
    index: list[int] = []
    done = 0
    # ASCII characters are their own normal form: the runs between the others are copied whole, so a page with a
    # few no-break spaces is not rebuilt a character at a time.
    for m in _NOT_ASCII.finditer(text):
        i, ch = m.start(), m.group()
        chars.append(text[done:i])
        index.extend(range(done, i))
        done = i + 1
        if ch in ZERO_WIDTH:
            continue
        folded = unicodedata.normalize("NFKC", ch.translate(CONFUSABLES))
        chars.append(folded)
        index.extend([i] * len(folded))
    chars.append(text[done:])
    index.extend(range(done, len(text)))
    return Normalized("".join(chars), index)
