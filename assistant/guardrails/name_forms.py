"""How a name may be written beyond capitalised words in a row: "SURNAME, Given", a lower-case family name after
a lower-case given name, a nickname in quotes or brackets inside the name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.guardrails.lexicons import common_words, everyday


def surname_first(text: str, tokens: list[re.Match[str]], words: list[str], k: int) -> bool:
    """Whether token k is a family name in capitals followed by ", " and a given name ("VASSEUR, Mathis")."""
    return (
        k + 1 < len(tokens)
        and len(words[k]) > 1
        and words[k].isupper()
        and text[tokens[k].end() : tokens[k + 1].start()] == ", "
        and words[k + 1][0].isupper()
        and not words[k + 1].isupper()
    )


def lower_family(text: str, tokens: list[re.Match[str]], lows: list[str], k: int, not_names: frozenset[str]) -> bool:
    """Whether token k is a lower-case given name and the next word, lower case too and no word the
    dictionary knows, its family name ("account holder karthik georgiou")."""
    return (
        k + 1 < len(tokens)
        and tokens[k].group().islower()
        and tokens[k + 1].group().islower()
        and text[tokens[k].end() : tokens[k + 1].start()] == " "
        and len(lows[k + 1]) > 2
        and lows[k + 1] not in not_names
        and lows[k + 1] not in common_words()
        and not everyday(lows[k + 1])
    )


# A nickname in quotes or brackets inside a name: "Shaun 'Gilly' Gilligan", "Walter (Bill) Babb".
_NICKNAMED = re.compile(
    r"\b([A-Z][^\W\d_]+) (?:'|‘|\"|“|\()([A-Z][^\W\d_]+)(?:'|’|\"|”|\)) ([A-Z][^\W\d_'’]+(?:-[A-Z][^\W\d_]+)?)"
)


def nicknamed(
    text: str, first: frozenset[str], last: frozenset[str], not_names: frozenset[str]
) -> Iterator[tuple[int, int, float]]:
    """A known given name, a nickname in quotes or brackets, and a family name: one name. The family name must
    be a known one or no everyday word ("Dave 'The Rock' Johnson" still needs "Johnson")."""
    if not any(q in text for q in (" '", " ‘", ' "', " “", " (")):
        return
    for m in _NICKNAMED.finditer(text):
        given, family = m.group(1).lower(), m.group(3).lower()
        if given in first and (family in last or not everyday(family)) and family not in not_names:
            yield m.start(), m.end(), 0.8
