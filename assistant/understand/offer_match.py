"""How well a customer's words for an offer fit an offer they were shown: the words are lemmatised
(lemminflect), so "strawberries" meets "strawberry" and "hiking" meets "hike", and compared with a typo
tolerance (RapidFuzz), so "kombuch" still meets "kombucha". Title, sponsor, category and description all
count, the title and sponsor most."""

from __future__ import annotations

import importlib.abc
import re
import sys
from collections.abc import Callable, Iterable, Set
from functools import cache, lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from assistant.pack.models import Offer

# How much a word found in each field counts: the title and sponsor name an offer, the category groups
# several, and the description's many words can only support a match.
FIELDS = {"title": 1.0, "sponsor": 1.0, "category": 0.8, "description": 0.4}
# A fuzzy match counts from this similarity (0-100), and only between words of five letters or more: short
# words differ by one letter too often ("tent" / "rent").
SIMILAR = 85
_FUZZY_MIN = 5
_WORD = re.compile(r"[a-z][a-z0-9]*")


class _SkipSpacy(importlib.abc.MetaPathFinder):
    """Makes `import spacy` fail while lemminflect loads (see _lemmatizer)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError("spaCy is not needed for lemmas")


@cache
def _lemmatizer() -> Callable[[str], dict[str, Any]]:
    """lemminflect's lookup. Its package init hooks into spaCy when spaCy is installed (the `ner` extra), and
    importing spaCy pulls in torch: a cost no answer should pay for a word list, so that hook is skipped
    unless spaCy is loaded already."""
    if "spacy" in sys.modules:
        from lemminflect import getAllLemmas
    else:
        skip = _SkipSpacy()
        sys.meta_path.insert(0, skip)
        try:
            from lemminflect import getAllLemmas
        finally:
            sys.meta_path.remove(skip)
    return getAllLemmas  # type: ignore[no-any-return]


@lru_cache(maxsize=65536)  # bounded: every distinct word people type passes through here
def lemma(word: str) -> str:
    """The word's dictionary form, a noun's first; unknown words ("kombucha", brand names) stay as written."""
    found = _lemmatizer()(word)
    for pos in ("NOUN", "PROPN", "VERB", "ADJ"):
        if pos in found:
            return str(found[pos][0])
    return word


def lemmas(text: str, drop: Iterable[str] = ()) -> set[str]:
    """The lemmas of the words in `text` of three letters or more, less those in `drop`."""
    dropped = set(drop)
    words = {lemma(w) for w in _WORD.findall(text.lower().replace("-", "")) if len(w) > 2}
    words |= {lemma(w) for w in _WORD.findall(text.lower()) if len(w) > 2}
    return words - dropped


def offer_fields(offer: Offer) -> tuple[tuple[str, frozenset[str]], ...]:
    return _fields(offer.title, offer.sponsor or "", offer.category, offer.description)


@cache
def _fields(title: str, sponsor: str, category: str, description: str) -> tuple[tuple[str, frozenset[str]], ...]:
    texts = {"title": title, "sponsor": sponsor, "category": category.replace("_", " "), "description": description}
    return tuple((field, frozenset(lemmas(text))) for field, text in texts.items())


def word_fits(word: str, candidates: Set[str]) -> float:
    """1.0 for the same lemma, the similarity (0-1) for a near spelling, 0.0 otherwise."""
    if word in candidates:  # a set lookup: most words are found or short, and never reach the fuzzy scan
        return 1.0
    if len(word) < _FUZZY_MIN:
        return 0.0
    long = [c for c in candidates if len(c) >= _FUZZY_MIN]
    best = process.extractOne(word, long, scorer=fuzz.ratio, score_cutoff=SIMILAR)
    return best[1] / 100 if best else 0.0


def fit(words: set[str], offer: Offer) -> float:
    """The sum, over the question's words, of the best weighted fit each finds in the offer's fields."""
    fields = offer_fields(offer)
    return sum(max((FIELDS[field] * word_fits(w, found) for field, found in fields), default=0.0) for w in words)


# A deal said by its numbers: "the 3 for 1 thing", "that 2-for-1 offer".
_DEAL = re.compile(r"\b(\d{1,2})\s*-?\s*(?:for|4)\s*-?\s*(\d{1,2})\b")


def deals(text: str) -> list[tuple[str, str]]:
    """The deals a question names by their numbers: "the 3 for 1 thing" → [("3", "1")]."""
    return _DEAL.findall(text.lower())


def deal_fit(named: list[tuple[str, str]], offer: Offer) -> float:
    """A title word's weight when a deal named by its numbers (`deals`) has them in the offer's title in the same
    order ("3 for 1": "3 months for the price of 1"), else 0."""
    numbers = re.findall(r"\d+", offer.title)
    for first, second in named:
        if first in numbers and second in numbers[numbers.index(first) + 1 :]:
            return FIELDS["title"]
    return 0.0


# A price said as people say it: "€0.99", "99 cents", "39 euros", "£5".
_PRICE = re.compile(
    r"[€$£]\s?(\d+(?:[.,]\d{1,2})?)|\b(\d+(?:[.,]\d{1,2})?)\s?(?:euros?|eur|dollars?|pounds?|quid|bucks)\b|"
    r"\b(\d{1,2})\s?(?:cents?\b|p(?![.\w])|c(?![.\w]))"
)


# A share said as people say it: "20%", "20 percent", "20 per cent".
_PERCENT = re.compile(r"\b(\d{1,2})\s?(?:%|percent\b|per cent\b)")


def prices(text: str) -> set[str]:
    """The prices and shares a text names, as plain numbers: "99 cents" and "€0.99" are both "0.99", "20 percent"
    and "20%" both "20%"."""
    found: set[str] = set()
    for whole, worded, cents in _PRICE.findall(text.lower()):
        value = float((whole or worded).replace(",", ".")) if (whole or worded) else int(cents) / 100
        found.add(f"{value:g}")
    found |= {f"{n}%" for n in _PERCENT.findall(text.lower())}
    return found


def price_fit(named: set[str], offer: Offer) -> float:
    """A title word's weight when a price the question names is in the offer's title ("that 99 cents thing":
    "Premium for €0.99"), else 0."""
    return FIELDS["title"] if named and named & prices(offer.title) else 0.0
