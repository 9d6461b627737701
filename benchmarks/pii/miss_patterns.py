"""Group an engine's misses and false alarms by the shape of the value, so a fix can name what it caught.

Used by score.py --sources (writes results/.../misses_<source>_candor.md); each pattern is a small predicate on
the missed text, checked in order, first match wins.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

Check = tuple[str, Callable[[str], bool]]

_PATTERNS: dict[str, list[Check]] = {
    "PHONE": [
        ("extension (ext, x, #)", lambda s: bool(re.search(r"(?i)\b(?:ext|x)\.?\s*\d|#\s*\d", s))),
        ("letters in the number (1-800-FLOWERS)", lambda s: bool(re.search(r"\d.*[A-Za-z]{3,}", s))),
        ("split inside a digit group ('3 16-69 1-85')", lambda s: bool(re.search(r"\d \d(?:\d)?-", s))),
        ("international with +", lambda s: s.lstrip().startswith("+")),
        ("international without + (00.., (852), 44 ..)", lambda s: bool(re.match(r"\s*(?:00|\(\s*\d{2,3}\s*\))", s))),
        ("dots (206.555.0143)", lambda s: bool(re.search(r"\d\.\d", s))),
        ("parentheses", lambda s: "(" in s),
        ("short: 7 digits or fewer", lambda s: len(re.sub(r"\D", "", s)) <= 7),
        ("other", lambda s: True),
    ],
    "STREET_ADDRESS": [
        ("PO box", lambda s: bool(re.search(r"(?i)\b(?:p\.?\s?o\.?\s*box|post office box|postbus)\b", s))),
        ("multi-line", lambda s: "\n" in s),
        (
            "unit / suite / apt / floor first",
            lambda s: bool(re.match(r"(?i)\s*(?:unit|suite|ste|apt|flat|floor|\d+/f)", s)),
        ),
        ("no house number (named building or street)", lambda s: not re.search(r"\d", s.split(",")[0])),
        ("UK postcode", lambda s: bool(re.search(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", s))),
        ("Canadian postcode", lambda s: bool(re.search(r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b", s))),
        ("US ZIP", lambda s: bool(re.search(r"\b\d{5}(?:-\d{4})?\b", s))),
        ("street only (no city/postcode)", lambda s: "," not in s and len(s.split()) <= 5),
        ("other", lambda s: True),
    ],
    "PERSON": [
        ("lower case", lambda s: s == s.lower()),
        ("ALL CAPS", lambda s: s.isupper() and len(s) > 2),
        ("with initial (R. Mack Babcock, J Smith)", lambda s: bool(re.search(r"\b[A-Z]\.?(?:\s|$)", s))),
        ("with title (Dr., Mr, Rev)", lambda s: bool(re.match(r"(?i)(?:dr|mr|mrs|ms|miss|prof|rev|sir)\b", s))),
        ("@handle or #tag", lambda s: s.startswith(("@", "#"))),
        ("one word", lambda s: len(s.split()) == 1),
        ("hyphen / apostrophe / particle", lambda s: bool(re.search(r"['’-]|\b(?:van|von|de|da|del|le|la|al)\b", s))),
        ("three or more words", lambda s: len(s.split()) >= 3),
        ("two words", lambda s: True),
    ],
}


def pattern_of(entity_type: str, text: str) -> str:
    for name, check in _PATTERNS.get(entity_type, [("any", lambda s: True)]):
        if check(text):
            return name
    return "other"


def miss_report(source: str, errors: list[dict[str, Any]], examples: int = 4) -> str:
    """Markdown: misses by type and pattern (count, examples), then false alarms by type (count, examples)."""
    misses: dict[tuple[str, str], list[str]] = defaultdict(list)
    alarms: dict[str, list[str]] = defaultdict(list)
    for e in errors:
        for m in e["missed"]:
            misses[(m["type"], pattern_of(m["type"], m["text"]))].append(m["text"])
        for f in e["false_alarms"]:
            alarms[f["type"]].append(f["text"])
    by_type = Counter(t for t, _ in misses for _ in misses[(t, _)])
    lines = [f"# Candor's misses on {source}, by pattern", "", "| Type | Pattern | Missed | Examples |",
             "| --- | --- | ---: | --- |"]  # fmt: skip
    for (t, pat), values in sorted(misses.items(), key=lambda kv: (-by_type[kv[0][0]], -len(kv[1]))):
        shown = "; ".join(f"`{v.replace(chr(10), ' ⏎ ')[:60]}`" for v in values[:examples])
        lines.append(f"| {t} | {pat} | {len(values)} | {shown} |")
    lines += ["", "## False alarms by type", "", "| Type | Count | Examples |", "| --- | ---: | --- |"]
    for t, values in sorted(alarms.items(), key=lambda kv: -len(kv[1])):
        common = ", ".join(f"`{v.replace(chr(10), ' ⏎ ')[:40]}` ×{n}" for v, n in Counter(values).most_common(8))
        lines.append(f"| {t} | {len(values)} | {common} |")
    return "\n".join(lines) + "\n"
