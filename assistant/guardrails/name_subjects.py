"""A name no lexicon holds, read from its place in the sentence: a capitalised word that starts a sentence and
does something a person does ("Themba is obsessed", "Muselk is the best", "Pyrion continues his streak")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.guardrails.lexicons import CHAT_WORDS, common_words, in_any_dictionary
from assistant.guardrails.places import regions, towns

# Verbs after a sentence's subject. "is" and "was" are here, unlike for known given names (name_context.acting):
# the word before them must be no word at all, so "Summer is here" stays out.
_SUBJECT_VERBS = frozenset(
    """is was has had will should does did can could would knew never always just really looks went said
    continues""".split()
)
# Where a sentence starts (the text has no line break): the text's start, or a sentence's mark and a space.
_STARTS = (". ", "! ", "? ")
# An abbreviation's full stop ends no sentence ("Metalheadz vs. Bassdrive is out now").
_ABBREVIATIONS = frozenset("vs v ca approx inc ltd co".split())


def sentence_subject(
    text: str, tokens: list[re.Match[str]], lows: list[str], names: frozenset[str], not_names: frozenset[str]
) -> Iterator[tuple[int, int, float]]:
    """In a text of one paragraph, a word in title case, of three letters or more, that neither dictionary holds
    nor chat uses, starting a sentence before a verb of `_SUBJECT_VERBS`: someone the writer talks about. Not a
    known name (the lexicon rules judge those: `names`), a place, nor a word the text's web or email addresses
    spell: a firm is named so ("Quorrin is a leading supplier", sales@quorrin.com)."""
    # A page's lines name its firm and its products as often as people ("Innux was distinguished as…",
    # "Decorium is an incredible place"); a message of one paragraph talks about people.
    if "\n" in text:
        return
    lowered: str | None = None
    for k in [k for k in range(1, len(lows)) if lows[k] in _SUBJECT_VERBS]:
        j = k - 1
        word, low = tokens[j].group(), lows[j]
        if len(word) < 3 or not word.istitle() or text[tokens[j].end() : tokens[k].start()] != " ":
            continue
        before = text[max(0, tokens[j].start() - 2) : tokens[j].start()]
        if not (tokens[j].start() == 0 or before in _STARTS):
            continue
        if before == ". " and j and lows[j - 1] in _ABBREVIATIONS:
            continue
        if low in names or low in not_names or low in CHAT_WORDS or low in common_words():
            continue
        if in_any_dictionary(low) or low in regions()[0] or low in towns():
            continue
        if lowered is None:
            lowered = text.lower()
        if _spelled_in_address(lowered, low):
            continue
        yield tokens[j].start(), tokens[j].end(), 0.5


def _spelled_in_address(lowered: str, low: str) -> bool:
    """Whether a web or email address in the text holds the word ("@innux.pt", "www.decorium.com"): glued to
    "@", "/" or a dot between letters; not a sentence's full stop ("I love Quorrin.")."""
    at = lowered.find(low)
    while at >= 0:
        end = at + len(low)
        before, after = lowered[at - 1 : at] if at else "", lowered[end : end + 2]
        if before in ("@", "/", ".") or after[:1] == "@" or (after[:1] == "." and after[1:].isalnum()):
            return True
        at = lowered.find(low, end)
    return False


# Words that open a comment to someone: "hey titi nice video", "yea tanner do another hide and seek".
_GREETINGS = frozenset("hey heya hiya yo yea yeah".split())


def greeted(
    text: str, tokens: list[re.Match[str]], lows: list[str], given: frozenset[str], not_names: frozenset[str]
) -> Iterator[tuple[int, int, float]]:
    """In a text of one paragraph, the word after a greeting that opens it ("hey titi nice video", "Hey tanner is
    your last name…"), in any case, when a known given name or a word no dictionary holds, chat does not use and
    no place is; not in capitals ("hey GT"), not the first of several capitalised words."""
    if "\n" in text or len(tokens) < 3 or lows[0] not in _GREETINGS:
        return
    word, low = tokens[1].group(), lows[1]
    if len(word) < 3 or word.isupper() or low in not_names or low in CHAT_WORDS or low in _GREETINGS:
        return
    if low not in given and (in_any_dictionary(low) or low in regions()[0] or low in towns()):
        return
    gap = text[tokens[1].end() : tokens[2].start()]
    if gap not in (" ", " , ", ", ", " ! ") or (gap == " " and tokens[2].group()[0].isupper()):
        return
    yield tokens[1].start(), tokens[1].end(), 0.5
