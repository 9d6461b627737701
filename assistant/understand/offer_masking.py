"""Offer names read as "this offer": a why-question naming an offer by its own words ("how come you recommended pay
yearly to me?") is read again with those words masked, so an unfamiliar product name cannot hide the question."""

from __future__ import annotations

import re

from assistant.records.store import Catalog
from assistant.understand.resolve import topic_terms

# Readings an offer's own words can pull a why-question into ("how come you recommended pay yearly to me?" reads
# as predictions or minimisation until "pay yearly" is read as "this offer").
MAY_NAME_AN_OFFER = frozenset(
    {"out_of_scope", "policy_question", "data_held", "predictions", "minimisation", "segments", "fairness"}
)


# Only a question asking why an offer reached the customer is re-read with the offer's name masked: "how
# much is the kayak?" names an offer too, but asks nothing about data.
ASKS_WHY = re.compile(
    r"\b(why|how come|reason|made you|explain|(chose|choose|pick(ed)?|show(ed|n)?|sen[dt]|target(ed)?)\s+(me|you|us)|"
    r"(pick|chose|choose|select|recommend)\w*\b.{0,40}\b(for|to) me|the \w+( \w+)? one\b|"
    r"(did|do) (i|you) (see|get|receive)|(see|saw|seeing|getting|got|receiv\w*)\s+(the|this|that|an?|these)\b)",
    re.I,
)


def catalog_words(catalog: Catalog) -> set[str]:
    """The words customer groups and kinds of data use: an offer word among them is no offer's alone."""
    texts = [f"{s.id} {s.name} {s.description}" for s in catalog.segments.values()]
    texts += [f"{c.name} {c.description}" for c in catalog.categories.values()]
    return {w for text in texts for w in topic_terms(text.replace("-", " ").replace(".", " "))}


def offer_name_words(question: str, vocabulary: set[str]) -> list[str]:
    """The question's words that name offers (those `mask_offer_names` masks)."""
    return [p for p in re.split(r"\W+", question) if p and (words := topic_terms(p)) and words <= vocabulary]


def mask_offer_names(question: str, vocabulary: set[str]) -> str:
    """The question with the words that name offers replaced by "this offer" (once)."""
    out: list[str] = []
    masked = False
    for piece in re.split(r"(\W+)", question):
        if piece and piece[0].isalnum() and (words := topic_terms(piece)) and words <= vocabulary:
            if not masked:
                out.append("this offer")
                masked = True
            continue
        out.append(piece)
    return "".join(out) if masked else question
