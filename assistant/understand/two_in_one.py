"""Two questions in one message: the main reading and that of a second question, when its parts read as two
different ones ("what do you hold and how long do you keep it?"). The part asked first leads, unless it only seeks
agreement, is a statement the message opens with, or points back at what was just said."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.turn import Intent, IntentResult
from assistant.understand.choices import CLOSE, QUESTIONS
from assistant.understand.explicit import explicit_change
from assistant.understand.follow_ups import NEW_QUESTION, THEN_QUESTION


def two_questions(
    question: str, whole: Intent, classify: Callable[[str], IntentResult]
) -> tuple[Intent, Intent | None]:
    """The main intent and that of a second question in the same message, when its parts read as two
    different ones; the part asked first leads ("what do you hold and how long do you keep it")."""
    parts = [p for p in NEW_QUESTION.split(question) if p]
    # A message that opens with a statement, then asks ("I never agreed to anything with you people. What have
    # you got on me then?"): when the statement is what the whole message read as, the question after it may ask
    # something else, answered too; the statement neither leads nor adds a reading of its own. Not after a
    # request ("I want my account and all my data deleted. Will I lose my points?"): that question is about the
    # request, answered with it.
    opening = _asked_apart(parts[0]) if parts and whole not in _REQUESTS else []
    said_first = len(opening) > 1 and len(opening[0].split()) >= 3 and classify(opening[0]).intent == whole
    if whole == "consent_change":
        parts = [p for part in parts for p in THEN_QUESTION.split(part)]
    elif said_first:
        parts = [p for part in parts for p in _asked_apart(part)]
    parts = [p for p in parts if len(p.split()) >= 3]
    if len(parts) < 2 or (whole not in QUESTIONS and whole != "consent_change"):
        return whole, None
    readings = [_as_question(classify(part)) for part in parts]
    # A change asked for stays the main reading ("I withdraw my consent. What happens to my profile?"): the
    # change is proposed, the other question answered after it.
    first = 1 if said_first else 0
    asked = [r.intent for r in readings[first:] if r.intent != whole and r.intent in QUESTIONS and r.margin >= CLOSE]
    if not asked:
        return whole, None
    lead = whole != "consent_change" and readings[first].intent == asked[0]
    # A first part that only seeks agreement ("your records have me down as 55+, don't they?") does not lead.
    lead = lead and not _TAG_QUESTION.search(parts[first])
    # Nor one read as an offer question only for a word of the customer's own data ("my meditation listening").
    lead = lead and not (asked[0] == "why_offer" and whole in ABOUT_KEPT_DATA and MY_DATA.search(parts[first]))
    # A short later part pointing back at the first ("…even tho i never said yes?? what's the point of that") is
    # what the first part was told for: the whole message's reading leads.
    later = list(zip(readings[first + 1 :], parts[first + 1 :], strict=True))
    back = any(r.intent == whole and _POINTS_BACK.search(p) for r, p in later)
    if lead and any(r.intent == whole for r, _ in later) and not back:
        return asked[0], whole
    return whole, asked[0]


_HOW_TO_CHANGE = frozenset({"change_control", "consent_change"})


def _as_question(reading: IntentResult) -> IntentResult:
    """A part of a message read between how to change a setting and a change itself ("…and can I stop those
    offers?") asks how, unless it asks for the change outright ("please switch off partner ads")."""
    if {reading.intent, reading.runner_up} == _HOW_TO_CHANGE and not explicit_change(reading.normalized):
        return replace(reading, intent="change_control", margin=1.0)
    return reading


# Readings about data kept, and the customer's own data named by a word some offer also uses ("my meditation
# listening", "my travel searches").
ABOUT_KEPT_DATA = frozenset({"minimisation", "retention", "access_delete", "data_held"})
MY_DATA = re.compile(
    r"\bmy (\w+ ){1,2}(listening|viewing|watching|history|searches|purchases|data|info\w*|details|activity|habits)\b",
    re.I,
)


# A short question about what was just said: "what's the point of that", "why is that", "how is this allowed".
_POINTS_BACK = re.compile(r"^\W*(\S+\s+){0,5}(that|this)\W*$", re.I)


# A statement turned into a question that seeks agreement: "…, don't they?", "…, right?", "…, isn't it?" (the
# split into questions has taken its question mark).
_TAG_QUESTION = re.compile(
    r",\s*(right|(do|does|did|is|are|was|were|have|has|had|can|will|would)n'?t (they|you|it|i|we|he|she|there))"
    r"\s*\?*\s*$",
    re.I,
)


_REQUESTS = frozenset({"access_delete", "consent_change", "change_control", "object_profiling"})
_ASKED_APART = 5  # words a question after a statement needs to stand as a question of its own


def _asked_apart(part: str) -> list[str]:
    """A part split where a statement ends and a question starts, when the question stands on its own ("I never
    agreed to anything. What have you got on me then?"); a short one leaning on the statement stays with it
    ("…offers for headlamps and tents. Is that on purpose?")."""
    pieces: list[str] = []
    for piece in THEN_QUESTION.split(part):
        if pieces and len(piece.split()) < _ASKED_APART:
            pieces[-1] = f"{pieces[-1]}. {piece}"
        else:
            pieces.append(piece)
    return pieces
