"""Follow-ups: short messages that lean on the answer before them ("and my device data?", "how sure is that?",
"how long does that take?"), and where a second question starts in one message."""

from __future__ import annotations

import re

# A change asked for, then a question in its own sentence: "I withdraw my consent. What happens to my profile?"
# (only after a change: elsewhere a sentence before the question is mostly its background).
THEN_QUESTION = re.compile(
    r"[.!]\s+(?=(?:how|what|who|why|when|where|can|could|do|does|did|is|are|will|would|should)\b)", re.I
)

# Where a second question starts: after a question mark, or at "and/also/plus" followed by a question word.
NEW_QUESTION = re.compile(
    r"\?\s+|[,;.]?\s+\b(?:and also|also|and|plus)\b,?\s+(?=(?:for how|how|what|who|why|when|where|can|could|do|"
    r"does|did|is|are|will|would|should|have|has|tell|show|whether)\b)",
    re.I,
)

# A short reply that leans on the answer before it: "ok, and do I have to give a reason?", "how sure is that?"
CONTINUES = re.compile(
    r"^\s*(and|ok(ay)?|so|also|yes|but|then|what about)\b|^(?=(?:\W*\w+){1,9}\W*$).*\b(that|it|this|those|them)\b|"
    # A place in what was just said: "the second one", "the other one".
    r"^\W*(the\s+)?(first|second|third|last|other|previous|next|earlier|later)(\s+one)?\W*$",
    re.I,
)
# A follow-up with no verb of its own asks the previous question about something else: "and my device data?",
# "what about the app one?". ("and who do you share that with?" asks a question of its own.)
ELLIPTICAL = re.compile(
    r"^\W*(and|what about|how about|same for|also)\b(?!.*\b(do|does|did|is|are|was|were|can|could|will|would|"
    r"should|how|when|who|why|where|which|have|has|i|you|please|tell|show|give|send\w*|sent|use|using|used|"
    r"keep\w*|kept|delet\w*|eras\w*|remov\w*|stop\w*|unsubscrib\w*|withdraw\w*|sell\w*|sold|shar\w*|"
    r"email\w*|turn\w*|switch\w*|opt\w*|object\w*|download\w*|export\w*|change\w*|explain\w*)\b)"
    r"[^?.!]{0,40}\W*$",
    re.I,
)
# "the stuff I do in the app": a thing named by what the customer does with it, no verb of the question's own.
_DONE_BY_ME = re.compile(
    r"\b(stuff|things|everything|anything|what|data|info|bits)\s+(that\s+)?(i|we)\s+(do|did|watch\w*|buy|bought|"
    r"look\w* at|search\w*|listen\w* to|play\w*|read|click\w*|open\w*)\b",
    re.I,
)


def elliptical(question: str) -> bool:
    """A follow-up that asks the previous question again about something else ("and my device data?", "and the
    stuff I do in the app?")."""
    return bool(ELLIPTICAL.search(_DONE_BY_ME.sub(r"\1", question)))


# A short follow-up asking since when what was just said is so ("since when?", "was it always like that? back in march
# too?"): the same subject, not how long data is kept. ("how sure?" after an offer asks about the prediction behind it.)
SAME_SUBJECT = re.compile(
    r"^(?=(?:\W*\w+){1,12}\W*$)\W*((and|ok(ay)?|so)\W+)?(since when|from when|"
    r"was it always|(has it|have they|has that) always been)\b",
    re.I,
)
# "the email one, what does it say?" right after a list of groups or predictions: one of those, not an offer.
THE_ONE = re.compile(r"^\W*((and|ok(ay)?|so|no)\W+)?(what about )?(the|that|this) (\w+ ){1,2}one\b", re.I)
LISTS = ("segments", "predictions")
# What a follow-up asking "since when?" can be about: a group, a prediction, a consent, an offer.
HAS_A_DATE = ("segments", "predictions", "consent_status", "why_offer")


# Requests that take time to carry out, and a short question about how soon one is done.
HAS_STEPS = ("access_delete", "consent_change", "object_profiling")
HOW_SOON = re.compile(
    r"^(?=(?:\W*\w+){1,10}\W*$).*\b(how long|how soon|how quickly|when)\b.*\b(take|takes|taking|happen|done|"
    r"work|last|valid|expire|effect|kick in|get it|receive it|arrive|arrives|come|comes)\b",
    re.I,
)

NOT_CONTINUED = ("out_of_scope", "other_customer", "injection", "invalid_input", "rate_limited")

FOLLOW_UP = re.compile(r"\b(why|how come|reason)\b.*\b(that|this|it|one|the same)\b|^\s*(and|what about)\b", re.I)


def is_follow_up(question: str, intent: str, recent: list[str]) -> bool:
    """'And why that one?' after an offer was discussed: a why-offer question about it."""
    return bool(recent) and intent in ("out_of_scope", "policy_question") and bool(FOLLOW_UP.search(question))
