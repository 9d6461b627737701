"""How people phrase a question: the words that pick out one offer among a customer's own, dates as people
write them, a policy heading in the customer's voice, and the odd typo."""

from __future__ import annotations

import itertools
import random
import re
from datetime import datetime

from assistant.pack.models import Offer
from evals.cases.view import PackView
from evals.text import STOPWORDS, stem

# Words that name no particular offer.
_OFFER_GENERIC = frozenset(
    "off free get buy save offer offers deal deals discount sale price half second percent new pair "
    "event any with every two three four five six ten double triple".split()
)
_PRONOUNS = {"we": "you", "us": "you", "our": "your", "ours": "yours", "your": "my", "yours": "mine"}


def _offer_tokens(text: str) -> list[tuple[int, str]]:
    """(position, word) for the words of a title or category that can name an offer, lowercase."""
    out = []
    # Words apart by punctuation ("bundle: two") are not a phrase: each clause starts two positions on.
    raws = [raw for clause in re.split(r"[:;,!?()]|\.\s", text) for raw in [*clause.split(), ""]]
    for i, raw in enumerate(raws):
        w = raw.strip("'.-").lower()
        if w.endswith("'s"):
            w = w[:-2]
        plain = len(w) >= 3 and w.isascii() and re.fullmatch(r"[a-z][a-z'-]*", w) is not None
        generic = all(part in _OFFER_GENERIC or part in STOPWORDS for part in re.split(r"[-']", w) if part)
        if plain and not generic:
            out.append((i, w.strip("'")))
    return out


def word_stems(word: str) -> set[str]:
    """A word's stem and, for 'half-price' or 'trail-running', its parts' stems: people type either."""
    return {stem(word)} | {stem(p) for p in re.split(r"[-']", word) if len(p) >= 3}


def offer_words(text: str) -> list[str]:
    return [w for _, w in _offer_tokens(text)]


def _phrases(title: str) -> list[str]:
    """Two words next to each other in the title, then single words: how people name an offer."""
    tokens = _offer_tokens(title)
    pairs = [f"{a} {b}" for (i, a), (j, b) in itertools.pairwise(tokens) if j == i + 1]
    return pairs + [w for _, w in tokens]


def offer_stems(offer: Offer) -> set[str]:
    return {s for w in offer_words(f"{offer.title} {offer.category} {offer.sponsor or ''}") for s in word_stems(w)}


def naming_phrase(view: PackView, customer: str, offer: Offer, rng: random.Random) -> str | None:
    """Words of the title that pick out this offer among the customer's own (None if none do)."""
    others = {view.offer(d).offer_id: view.offer(d) for d in view.decisions[customer]}
    others.pop(offer.offer_id, None)
    taken = set().union(*(offer_stems(o) for o in others.values())) if others else set()
    good = [p for p in _phrases(offer.title) if any(not word_stems(w) & taken for w in p.split())]
    if not good:
        return None
    pairs = [p for p in good if " " in p]
    return rng.choice(pairs or good)


def absent_phrase(view: PackView, customer: str, rng: random.Random) -> tuple[Offer, str] | None:
    """Words of an offer this customer was never shown, sharing no word with any offer they were shown."""
    seen = {d.offer_id for d in view.decisions[customer]}
    taken = set().union(*(offer_stems(view.pack.offers[o]) for o in seen)) if seen else set()
    candidates = [o for o in view.pack.offers.values() if o.offer_id not in seen]
    rng.shuffle(candidates)
    for offer in candidates:
        good = [p for p in _phrases(offer.title) if not any(word_stems(w) & taken for w in p.split())]
        pairs = [p for p in good if " " in p]
        if pairs:
            return offer, rng.choice(pairs)
    return None


def date_words(view: PackView, when: datetime, rng: random.Random) -> str:
    day, month = when.day, f"{when:%B}"
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    text = rng.choice([f"{day} {month}", f"{month} {day}", f"{day}{suffix} {month}", f"{month} {day}{suffix}"])
    return f"{text} {when.year}" if view.multi_year else text


def flip_pronouns(text: str) -> str:
    """A heading in the company's voice ('How we protect your data') in the customer's ('how you protect my data')."""
    return re.sub(r"\b[A-Za-z]+\b", lambda m: _PRONOUNS.get(m[0].lower(), m[0]), text)


def add_typo(text: str, rng: random.Random) -> str:
    """Swap, drop or double one letter in one longer plain word (never an id, email, number or month)."""
    parts = text.split(" ")
    months = {f"{datetime(2000, m, 1):%B}".lower() for m in range(1, 13)}
    candidates = [
        i
        for i, w in enumerate(parts)
        if len(w.strip("?.,!")) >= 5 and w.strip("?.,!").isalpha() and w.strip("?.,!").lower() not in months
    ]
    if not candidates:
        return text
    i = rng.choice(candidates)
    word = parts[i].strip("?.,!")
    tail = parts[i][len(word) :]
    j = rng.randrange(1, len(word) - 1)
    match rng.choice(["swap", "drop", "double"]):
        case "swap":
            word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
        case "drop":
            word = word[:j] + word[j + 1 :]
        case _:
            word = word[:j] + word[j] + word[j:]
    parts[i] = word + tail
    return " ".join(parts)
