"""A pack's customers' names, found in text by their exact words (the directory as a gazetteer)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_WORD_START = re.compile(r"\w+")


class Gazetteer:
    """Known names (a pack's customers), found where a word starts, at a cost that does not grow with how many
    there are: names are indexed by their first word, so a text is read once, not once per name."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._by_first: dict[str, list[str]] = {}
        self._odd: list[str] = []  # names that do not start with a word character: searched one by one
        for name in {n.lower() for n in names if n.strip()}:
            m = _WORD_START.match(name)
            if m is None:
                self._odd.append(name)
            else:
                self._by_first.setdefault(m.group(), []).append(name)

    def find(self, lowered: str) -> Iterator[tuple[int, int]]:
        for m in _WORD_START.finditer(lowered) if self._by_first else ():
            for name in self._by_first.get(m.group(), ()):
                if lowered.startswith(name, m.start()):
                    yield m.start(), m.start() + len(name)
        for name in self._odd:
            start = lowered.find(name)
            while start != -1:
                yield start, start + len(name)
                start = lowered.find(name, start + 1)
