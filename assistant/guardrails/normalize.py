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
    for i, ch in enumerate(text):
        if ch in ZERO_WIDTH:
            continue
        folded = unicodedata.normalize("NFKC", ch.translate(CONFUSABLES))
        for c in folded:
            chars.append(c)
            index.append(i)
    return Normalized("".join(chars), index)
