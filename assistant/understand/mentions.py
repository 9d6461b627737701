"""Which catalog entries a question names, by the words of their names."""

from __future__ import annotations

import re

from assistant.retrieval.retrievers import terms
from assistant.understand.offer_match import lemma

# Words that name no entry, though names carry them ("Interests we think you have"; "customer" of "Customer
# support conversations" is every customer's word).
LIGHT = frozenset(
    "data offer information personal have has had think know get got want like need keep long use used make see "
    "tell customer customers".split()
)


# Everyday words for what an entry says another way: "customers you think are about to leave" names a churn
# model its description puts as customers who "stop" or "cancel".
_SAYS_ALSO: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(leave|leaving|quit\w*|churn\w*|stay(ing)? with|go(ing)? elsewhere)\b", re.I), "stop cancel"),
)


def widened(question: str) -> str:
    """The question with the words its everyday phrases stand for added, for matching against descriptions."""
    extra = " ".join(words for pattern, words in _SAYS_ALSO if pattern.search(question))
    return f"{question} {extra}" if extra else question


def mentioned(question: str, names: dict[str, str], forms: bool = False) -> list[str]:
    """Ids whose name words appear in the question, best overlap first (none when nothing fits). `forms`: a word
    counts in another form of it too, by its lemma ("tailoring" for "Tailored picks"), which `terms` keeps apart."""
    wanted = set(terms(question)) - LIGHT
    lemmas = {lemma(w) for w in wanted} if forms else set()

    def overlap(name_words: set[str]) -> int:
        return len(wanted & name_words) + len({w for w in name_words - wanted if lemma(w) in lemmas})

    scored = [(overlap(set(terms(f"{key.replace('_', ' ')} {name}"))), key) for key, name in names.items()]
    top = max((s for s, _ in scored), default=0)
    return [key for s, key in scored if s == top and s > 0]


def fully_named(question: str, names: dict[str, str]) -> list[str]:
    """Ids every one of whose name words is in the question ("purchase history", not just "customer" of
    "Customer support conversations"). A name of one word counts only said as a noun phrase of its own
    ("my interests", "your app"), not inside another ("I am interested", "from the app and the website")."""
    asked = set(terms(question))
    named = []
    for key, name in names.items():
        words = set(terms(name)) - LIGHT
        if not words or not words <= asked:
            continue
        if len(words) > 1 or re.search(rf"\b(my|your|our)\s+{re.escape(next(iter(words)))}\w*\b", question, re.I):
            named.append(key)
    return named
