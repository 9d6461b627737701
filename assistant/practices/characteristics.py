"""Protected characteristics a fairness question names ("is your algorithm biased against women?"), and the
words a pack's data catalog or policy would use for each, so the answer can say whether the records hold it."""

from __future__ import annotations

import re

# Everyday words for each characteristic. Ambiguous ones are left out: "black" (Black Friday), "trans"
# (transfers), "faith" (good faith), "orientation" (screen orientation).
_ASKED = {
    "gender": r"gender\w*|sex|sexes|sexis[tm]\w*|wom[ae]n|female\w*|males?|men|girls?|ladies|lady",
    "ethnic origin": r"races?|racial\w*|racis[tm]\w*|ethnic\w*|skin colou?r|people of colou?r|minorit(y|ies)",
    "religion": r"religio\w*|muslims?|christians?|jewish|jews|hindus?|sikhs?|buddhists?",
    "sexual orientation": r"gay|lesbians?|lgbt\w*|queer|bisexual\w*|transgender|sexual orientation|sexuality",
    "nationality": r"nationalit(y|ies)|foreigners?|immigrants?|migrants?|my accent",
}
# How a catalog or a policy names each: a kind of data about it, or a sentence saying it is not held.
_HELD = {
    "gender": r"gender|sex",
    "ethnic origin": r"ethnic\w*|race|racial",
    "religion": r"religio\w*",
    "sexual orientation": r"sexual orientation|sexuality|sex life",
    "nationality": r"nationality|citizenship",
}
ASKED = {name: re.compile(rf"\b({words})\b", re.I) for name, words in _ASKED.items()}
HELD = {name: re.compile(rf"\b({words})\b", re.I) for name, words in _HELD.items()}


def characteristics_named(question: str) -> tuple[str, ...]:
    """The protected characteristics the question names, in a fixed order."""
    return tuple(name for name, pattern in ASKED.items() if pattern.search(question))
