"""Which of the pack's sensitive (special-category) kinds of data a question asks about, as people ask it:
by the category's own words ("heart rate", "fitness tracker", "sleep therapy") or, for health data, by the
everyday words for it ("diabetic", "my health", "anxiety")."""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.pack.models import Category
from assistant.understand.offer_match import lemmas

# Everyday words for health, the special category (GDPR Art. 9) people ask about most. Words that are mostly
# idioms ("sick of", "ill take", "heart of", "race") are left out.
_HEALTH_WORDS = re.compile(
    r"\b(health|healthy|medical|medication|medicine|diabet\w*|illness\w*|disease\w*|diagnos\w*|pregnan\w*|"
    r"mental health|anxiety|anxious|depress\w*|heart rate|heart condition|blood pressure|disabilit\w*|disabled|"
    r"insomnia|sleep (problems?|disorders?|issues?)|migraines?|asthma|cancer|multiple sclerosis|epilep\w*|"
    r"meditat\w*|mindfulness|therap(y|ies|ist)|"
    # The devices that record it: "I connect my sport watch to the app".
    r"smart ?watch\w*|sports? ?watch\w*|fitness (watch|band)\w*|wearables?|fitbit|garmin|apple watch)\b",
    re.I,
)
# A pack's sensitive category is about health when its own words say so.
_HEALTH_CATEGORY = re.compile(
    r"\b(health\w*|fitness|heart|medical|wellbeing|well-being|workout\w*|illness|sleep|therapy|anxiety|meditation|"
    r"steps|pregnan\w*|diabet\w*)\b",
    re.I,
)
# Words a category's name or description shares with too many questions to say which data is meant.
COMMON = frozenset(
    lemmas(
        "data your you our app apps use used offer offers section programme program from with such and the "
        "about choose connect after you to of in on for we us they them its it this that sends send get"
    )
)


_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_NEVER = re.compile(r"\bnever\b", re.I)

# Things whose names carry a health word but say nothing about health: "can you recommend a good sleeping bag?"
_GEAR = re.compile(r"\bsleeping (bags?|mats?|pads?)\b|\bheart rate (monitor|strap)s? (for sale|in stock)\b", re.I)


def sensitive_asked(question: str, categories: Mapping[str, Category]) -> tuple[str, ...]:
    """The sensitive categories the question names, by their own words or a special category's everyday word."""
    sensitive = [c for c in categories.values() if c.sensitive]
    if not sensitive:
        return ()
    # A word tells a sensitive category apart only if no other category uses it ("listening" in "Wellbeing and
    # health listening" is no sign when "Listening history" is a category too).
    # A description's sentence saying what a kind is never made from ("Never worked out from wellbeing listening")
    # does not share its words.
    shared = {
        w
        for c in categories.values()
        if not c.sensitive
        for w in lemmas(" ".join([c.name, *(s for s in _SENTENCE.split(c.description) if not _NEVER.search(s))]))
    }
    question = _GEAR.sub(" ", question)
    words = lemmas(question, drop=COMMON | shared)
    named = [
        c.id
        for c in sensitive
        # One word of the name ("fitness"), or two of the description ("heart rate") name it.
        if words & lemmas(c.name) or len(words & lemmas(c.description)) >= 2
    ]
    if named:
        return tuple(named)
    if not _HEALTH_WORDS.search(question):
        return ()
    # "do you know I'm diabetic?": the pack's health-related sensitive data, never another kind ("religion" is
    # not answered with fitness data).
    return tuple(c.id for c in sensitive if _HEALTH_CATEGORY.search(f"{c.name} {c.description}"))
