"""Which kinds of data a question names in its own words: "do you store my card number" (Payment details: "the
last four digits … of your card"), "is my points balance part of it" (Rewards membership)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from assistant.pack.models import Category
from assistant.understand.mentions import LIGHT
from assistant.understand.offer_match import lemmas
from assistant.understand.sensitive import COMMON

# A redacted value's placeholder, as the guard wrote it ("<customer_id_1>") or as the normalised text spells it
# ("< street _ address _ 1 >"): it names no data and asks nothing.
PLACEHOLDER = re.compile(r"<[^<>]*>")


def described(question: str, categories: Mapping[str, Category]) -> tuple[str, ...]:
    """Categories the question names by a word of the name that no other category uses, or by words of the
    description: two that no other category uses, or one such and another ("card number": "card" is Payment
    details' alone, "number" also Contact details'), or one such as a message's only word ("my points??").
    "number" or "address" alone say nothing."""
    # A redacted value's placeholder ("<customer_id_1>") names no data.
    words = lemmas(PLACEHOLDER.sub(" ", question), drop=_DROP)
    if not words:
        return ()
    own = {c.id: (lemmas(c.name) - _DROP, lemmas(c.description) - _DROP) for c in categories.values()}
    # How many kinds use each word: a word only one kind uses names that kind.
    uses = Counter(w for name, description in own.values() for w in name | description)
    named = []
    for cat_id, (name, description) in own.items():
        alone = {w for w in words & description if uses[w] == 1}
        # A message of one word ("my points??") names a kind by one word only its description uses.
        short = len(words) == 1 and any(re.search(rf"\bmy {w}", question, re.I) for w in alone)
        if (
            any(uses[w] == 1 for w in words & name)
            or len(alone) >= 2
            or (alone and len(words & description) >= 2)
            or short
        ):
            named.append(cat_id)
    return tuple(named)


# Question and function words, which descriptions use too ("What you bought … where").
_DROP = COMMON | lemmas(
    " ".join(LIGHT) + " what where when which who whom whose how why whether do does did is are was were be been "
    "can could would should will may might must me my mine i am any all some every come comes came hold held store "
    "stored record recorded personal "
    # How a request is put, not what it is about: "the list of personal data … and where each bit came from".
    "list lists bit bits each "
    # When it is asked, not what about: "every single thing you hold about me. now." is no "right now" kind.
    "now right currently today single thing things everything"
)
