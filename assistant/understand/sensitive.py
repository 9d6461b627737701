"""Which of the pack's sensitive (special-category) kinds of data a question asks about, as people ask it:
by the category's own words ("heart rate", "fitness tracker", "sleep therapy") or by the everyday words for
the special categories of GDPR Art. 9 ("diabetic", "my health", "religion")."""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.pack.models import Category
from assistant.understand.offer_match import lemmas

# Everyday words for GDPR Art. 9's special categories; a pack's sensitive categories are the ones meant.
_SPECIAL = re.compile(
    r"\b(health\w*|medical|medic\w*|diabet\w*|illness\w*|ill|sick\w*|disease\w*|condition|diagnos\w*|pregnan\w*|"
    r"mental|anxiety|anxious|depress\w*|therapy|therapist|heart|biometric\w*|genetic\w*|dna|disabilit\w*|disabled|"
    r"religio\w*|faith|ethnic\w*|race|racial|sexual\w*|gay|lesbian|trans|political|union member\w*)\b",
    re.I,
)
# Words a category's name or description shares with too many questions to say which data is meant.
_COMMON = frozenset(
    lemmas(
        "data your you our app apps use used offer offers section programme program from with such and the "
        "about choose connect after you to of in on for we us they them its it this that sends send get"
    )
)


def sensitive_asked(question: str, categories: Mapping[str, Category]) -> tuple[str, ...]:
    """The sensitive categories the question names, by their own words or a special category's everyday word."""
    sensitive = [c for c in categories.values() if c.sensitive]
    if not sensitive:
        return ()
    # A word tells a sensitive category apart only if no other category uses it ("listening" in "Wellbeing and
    # health listening" is no sign when "Listening history" is a category too).
    shared = {w for c in categories.values() if not c.sensitive for w in lemmas(f"{c.name} {c.description}")}
    words = lemmas(question, drop=_COMMON | shared)
    named = [
        c.id
        for c in sensitive
        # One word of the name ("fitness"), or two of the description ("heart rate") name it.
        if words & lemmas(c.name) or len(words & lemmas(c.description)) >= 2
    ]
    if named:
        return tuple(named)
    return tuple(c.id for c in sensitive) if _SPECIAL.search(question) else ()
