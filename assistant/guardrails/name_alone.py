"""A known given name standing alone in running text as a person's ("What Kathleen brought was…"), told apart
from the everyday word, the month, the town or the thing's name it may also be."""

from __future__ import annotations

import re

from assistant.guardrails.lexicons import THING_AFTER, common_words, everyday, name_more_than_word
from assistant.guardrails.name_context import title_case_line
from assistant.guardrails.name_lexicon import NOT_NAMES, PARTICLES, in_place
from assistant.guardrails.named_after import named_place
from assistant.guardrails.places import after_city, regions, towns

# Words before a thing more often than before a person: "the Mercedes offer", "my Tiffany bracelet".
_DETERMINERS = frozenset("the a an this these those our your my his her their".split())
# Words before a town ("in Austin", "downtown Bryan"): a one-word city's name there is the city.
_AT_PLACE = frozenset("in at near from to downtown around visit visiting local".split())
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())


def lone_name(text: str, tokens: list[re.Match[str]], words: list[str], lows: list[str], k: int) -> int:
    """Where a known given name stands alone as a person's in running text ("What Kathleen brought was…",
    "Thank you Curt and Jennie"), the index of the name's first token (the family name in "HUANG, Wei"), else
    -1. Not an everyday word ("Mark", "Grace"), a month, a country or a town where a place is expected, not in
    capitals, not inside a word ("O'Brien"), not next to another capitalised word (a longer name or a thing's,
    which the other rules judge), not after a determiner, not on a heading or menu line."""
    word, low = words[k], lows[k]
    if word.isupper() or len(low) < 3 or low in NOT_NAMES or low in _MONTHS or low in common_words():
        return -1
    if (everyday(low) and not name_more_than_word(low)) or low in regions()[0] or in_place(lows, k):
        return -1
    before = text[tokens[k - 1].end() : tokens[k].start()] if k else "\n"
    # After "Rose & ", a capitalised word is the second name of a firm's pair ("Rose & Kiernan").
    if before == " & " and words[k - 1][0].isupper():
        return -1
    if before in ("'", "’", "-") or (k + 1 < len(tokens) and text[tokens[k].end() : tokens[k].end() + 1] == "-"):
        return -1
    if before == " " and (
        lows[k - 1] in _DETERMINERS
        or lows[k - 1] in PARTICLES
        or (words[k - 1][0].isupper() and lows[k - 1] not in NOT_NAMES)
    ):
        return -1
    if low in towns() and ((k and lows[k - 1] in _AT_PLACE) or after_city(lows, k)):
        return -1
    after = text[tokens[k].end() : tokens[k + 1].start()] if k + 1 < len(tokens) else "\n"
    if after == " " and ((words[k + 1][0].isupper() and lows[k + 1] not in NOT_NAMES) or words[k + 1] in THING_AFTER):
        return -1
    if title_case_line(text, tokens[k].start(), short_too=True) or named_place(text, tokens, lows, k, k + 1):
        return -1
    # "SURNAME, Given": the family name in capitals belongs to the name.
    surname = before == ", " and len(words[k - 1]) > 1 and words[k - 1].isupper()
    return k - 1 if surname else k
