"""What a policy says about having to give a kind of data, for "do you really need my phone number?": the
sentence saying what a customer does not have to give, and the one sentence that names the very item asked about
("… and, if you give it, your phone number for delivery updates")."""

from __future__ import annotations

import re

from assistant.compose.builder import Draft, body_sentences, sentences
from assistant.pack.models import Category
from assistant.retrieval.retrievers import terms

# "You do not have to give us anything beyond what an order needs: …"
_NOT_REQUIRED = re.compile(r"\b(do not|don't|never) have to (give|provide|tell)\b", re.I)
# A sentence on an item that says when it is given or used, rather than listing it among others.
_CONDITION = re.compile(
    r"\b(if you (give|choose|add|provide)|only if|optional\w*|for (delivery|security|sign)\w*)", re.I
)
_LEAD = "Our policy on what you have to give us:"
_ITEM = re.compile(r",\s*|\s+and\s+|\s+or\s+")


def items_asked(category: Category, words: frozenset[str]) -> list[frozenset[str]]:
    """The items of the kind's description ("phone number", "delivery and billing addresses") whose words the
    question all uses; an item of one word is too loose to tell ("name")."""
    first = sentences(category.description.strip())[:1]
    found = []
    for part in _ITEM.split(first[0] if first else ""):
        item = frozenset(terms(part)) - frozenset(terms("your the our a"))
        if len(item) >= 2 and item <= words:
            found.append(item)
    return found


def need_said(draft: Draft, category: Category, words: frozenset[str]) -> None:
    """The policy's sentence on what need not be given, and the sentence naming the item asked about, each quoted
    once and cited; nothing when the policy says neither."""
    quotable = [s for s in draft.catalog.sections if s not in draft.catalog.blocked]
    said = " ".join(line.text for line in draft.lines)
    if _LEAD not in said:
        draft.quote_first(quotable, _NOT_REQUIRED, _LEAD)
    for item in items_asked(category, words):
        found = [
            (section_id, s)
            for section_id in quotable
            for s in body_sentences(draft.catalog.sections[section_id])
            if item <= set(terms(s)) and _CONDITION.search(s) and s not in said
        ]
        if found:
            section_id, text = found[0]
            draft.cite(section_id, text)
            draft.say(f"“{text}”", section_id, bullet=True)
            return
