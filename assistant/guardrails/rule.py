"""A pattern rule: a little data — a pattern, an optional validator and context — that one generic matcher
runs (Presidio's idea, written small). The rules themselves are in recognizers.py and addresses.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assistant.guardrails.spans import EntityType

Validator = Callable[[str], bool]


@dataclass(frozen=True)
class Rule:
    entity_type: EntityType
    pattern: re.Pattern[str]
    validator: Validator | None = None
    # When set, the rule fires only with one of these words within `window` characters before the match.
    context: re.Pattern[str] | None = None
    window: int = 40
    score: float = 0.9
    group: str = "value"  # the named group holding the value (defaults to the whole match)
    # Try shorter values, a trailing chunk at a time, when the whole match fails its validator
    # ("ES97 0781 … 7843 for" is an IBAN once " for" goes).
    shrink: bool = False
    # When set, text right after the value that matches this pattern joins it (an address's unit, town and
    # postcode lines).
    extend: re.Pattern[str] | None = None
    # When set, the rule runs only on text whose lower-case form holds one of these: a substring test is far
    # cheaper than a scan, and most messages have no "order", no "born", no "@".
    needs: tuple[str, ...] = ()

    # When set, the rule runs only where this cheaper pattern is found.
    gate: re.Pattern[str] | None = None
    # The fewest digits a match holds: most chat messages have none, so most number rules never run on them.
    digits: int = 0
    # When set (with `gate`), the pattern is tried only in the `before` characters up to each place the gate
    # matches: a rule that starts at any capital but ends at a postcode then scans a few lines, not a page.
    before: int = 0

    def may_match(self, text: str) -> bool:
        """Whether the rule's gate lets it run on `text` (its `needs` and `digits` are checked by
        recognizers.rules_for, for all rules at once)."""
        # A rule with `before` looks for its gate in `matches` anyway: searching for it here too is waste.
        return self.gate is None or self.before > 0 or _gate_found(self.gate, text)

    def matches(self, text: str) -> Iterator[tuple[int, int, float]]:
        if not self.before or self.gate is None:
            return self._matches(text, 0, len(text))
        return self._near_gate(text, self.gate)

    def _near_gate(self, text: str, gate: re.Pattern[str]) -> Iterator[tuple[int, int, float]]:
        done = 0
        for g_start, g_end in _gate_hits(gate, text):
            # A little past the gate's end, so the pattern's look-aheads see the real next characters.
            lo, hi = max(done, g_start - self.before), min(len(text), g_end + 12)
            if lo < hi:
                for found in self._matches(text, lo, hi):
                    done = max(done, found[1])
                    yield found
                done = max(done, hi - 12)

    def _matches(self, text: str, pos: int, endpos: int) -> Iterator[tuple[int, int, float]]:
        while (m := self.pattern.search(text, pos, endpos)) is not None:
            start, end = m.span(self.group) if self.group in self.pattern.groupindex else m.span()
            value = text[start:end]
            ok = self.validator is None or self.validator(value)
            while not ok and self.shrink and self.validator is not None and (cut := _CHUNK.search(value)):
                value = value[: cut.start()]
                end = start + len(value)
                ok = len(value) >= 8 and self.validator(value)
            if ok and self.context is not None:
                ok = bool(self.context.search(text[max(0, start - self.window) : start]))
            if ok and self.extend is not None and (more := self.extend.match(text, end)):
                end = more.end()
            if ok:
                yield start, end, self.score
                pos = max(m.end(), pos + 1)
            else:
                # A failed candidate may hide a valid one that starts inside it ("me at jane dot doe at …").
                pos = m.start() + 1


_CHUNK = re.compile(r"[ -]?[A-Za-z0-9]{1,4}$")

# The last text each gate was run on, with where it matched: rules that share a gate (the address rules that end
# at a strong postcode) scan a text for it once, not once each.
_LAST_GATE: dict[re.Pattern[str], tuple[str, list[tuple[int, int]]]] = {}


def _gate_hits(gate: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    last = _LAST_GATE.get(gate)
    if last is not None and last[0] is text:
        return last[1]
    hits = [m.span() for m in gate.finditer(text)]
    _LAST_GATE[gate] = (text, hits)
    return hits


# The same for rules that only ask whether their gate is found (the two IBAN rules share one).
_LAST_FOUND: dict[re.Pattern[str], tuple[str, bool]] = {}


def _gate_found(gate: re.Pattern[str], text: str) -> bool:
    last = _LAST_FOUND.get(gate)
    if last is not None and last[0] is text:
        return last[1]
    found = gate.search(text) is not None
    _LAST_FOUND[gate] = (text, found)
    return found


def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags | re.VERBOSE)
