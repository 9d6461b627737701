"""Follow-ups: short messages that lean on the answer before them ("and my device data?", "how sure is that?",
"how long does that take?"), and where a second question starts in one message."""

from __future__ import annotations

import re

from assistant.records.store import CustomerRecords

# A change asked for, then a question in its own sentence: "I withdraw my consent. What happens to my profile?"
# (only after a change: elsewhere a sentence before the question is mostly its background).
THEN_QUESTION = re.compile(
    r"[.!]\s+(?=(?:how|what|who|why|when|where|can|could|do|does|did|is|are|will|would|should)\b)", re.I
)

# Where a second question starts: after a question mark, or at "and/also/plus" followed by a question word.
# Not a statement going on without its subject: "I joined in February and have not been offered a deal since",
# "…and did not agree to that", "…and have hardly used it".
NEW_QUESTION = re.compile(
    r"\?\s+|[,;.]?\s+\b(?:and also|also|and|plus)\b,?\s+(?=(?:for how|how|what|who|why|when|where|can|could|do|"
    r"does|did|is|are|will|would|should|have|has|tell|show|whether)\b)"
    r"(?!(?:do|does|did|is|are|have|has|will|would|should|can|could)(?:n'?t)?\s+(?:not|never|hardly|barely|just|only|"
    r"already|always|been|since|no longer|still)\b)",
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
    r"^\W*(and|what about|how about|same for|also|even)\b(?!.*\b(do|does|did|is|are|was|were|can|could|will|would|"
    r"should|how|when|who|why|where|which|have|has|i|you|please|tell|show|give|send\w*|sent|use|using|used|"
    r"keep\w*|kept|delet\w*|eras\w*|remov\w*|stop\w*|unsubscrib\w*|withdraw\w*|sell\w*|sold|shar\w*|"
    r"email\w*|turn\w*|switch\w*|opt\w*|object\w*|download\w*|export\w*|change\w*|explain\w*|"
    # A noun that names a question of its own: "and what's the retention on those matches?"
    r"retention|retain\w*|deletion|consent\w*|permission\w*|legal basis|rights?)\b)"
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
    r"^(?=(?:\W*\w+){1,12}\W*$)\W*((and|ok(ay)?|so)\W+)?(\w+\W+){0,2}(since when|from when|"
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

# Answers that narrow to the kinds of data asked about, so a short follow-up can lean on those named before
# ("who else gets to know that about me?" after the sleep podcasts), unless it asks beyond them ("what else?").
ABOUT_KINDS = frozenset({"sell_share", "retention", "minimisation", "data_held", "access_delete"})
_POINTS_BACK = re.compile(r"\b(that|it|this|those|them|these)\b", re.I)
_BEYOND = re.compile(
    r"\b(what|anything|something|everything) else\b|\bwhat other\b|\b(everything|all of it|it all|that all|"
    r"all you|the rest)\b|\b(apart from|besides|other than|except)\b",
    re.I,
)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


LEANS = 6  # words of a message short enough to lean on the answer before


def leans_on_kinds(question: str) -> bool:
    return word_count(question) <= 12 and bool(_POINTS_BACK.search(question)) and not _BEYOND.search(question)


NOT_CONTINUED = ("out_of_scope", "other_customer", "injection", "invalid_input", "rate_limited")

FOLLOW_UP = re.compile(r"\b(why|how come|reason)\b.*\b(that|this|it|one|the same)\b", re.I)
# "and the kayak one?", "what about yesterday's?": short, or with no question of its own ("and how secure is your
# system in general? do you encrypt things?" after an offer asks the policy).
_AND = re.compile(r"^\s*(and|what about)\b", re.I)
_WHAT_ABOUT = re.compile(r"^\W*(and\W+)?(what|how) about\b", re.I)


def is_follow_up(question: str, intent: str, recent: list[str]) -> bool:
    """'And why that one?' after an offer was discussed: a why-offer question about it."""
    if not recent or intent not in ("out_of_scope", "policy_question"):
        return False
    short = word_count(question) <= LEANS
    back = bool(_WHAT_ABOUT.search(question) or _POINTS_BACK.search(question))  # "and who decided that?"
    leans = bool(_AND.search(question)) and (elliptical(question) or short or back)
    return leans or bool(FOLLOW_UP.search(question))


# A message that says it starts something new ("unrelated but is Tidewater getting a season 2?", "diff question, do
# you sell my data?"), or asks plainly for something unrelated ("tell me a joke, this is depressing"): read on its
# own, not as a continuation of the answer before.
# (Not when it still points back: "btw why did you send me that one?")
NEW_SUBJECT = re.compile(
    r"^\W*(also\W+)?(unrelated|totally unrelated|different question|diff(erent)? (question|q|topic)|off[- ]topic|"
    r"side question|random question|another question|other question|new question|by the way|btw|changing (the )?"
    r"subject|on another note)\b(?!.*\b(that|this|it|one|those|them)\b)",
    re.I,
)
UNRELATED = re.compile(
    r"\b(tell|know|got|hear) (me |us )?(a|any|another) jokes?\b|\bweather (today|tomorrow|forecast|like)\b|"
    r"\bwhat('s| is) the weather\b|\b(forgot|reset|change) (my |the )?password\b",
    re.I,
)
# "how quickly", "when?" after a policy answer or a request: how soon, in the words of what was just said.
SHORT_WHEN = re.compile(r"^\W*((and|ok(ay)?|so|but)\W+)?(how (quickly|fast|soon)|when|by when)\W*$", re.I)
# "why jackets?" after a list of predictions or groups: why that one.
WHY_THAT = re.compile(r"^\W*((and|ok(ay)?|so|but)\W+)?why\s+(\w+\s*){1,2}\W*$", re.I)


# "what prediction was that?", "which group was that from": the one behind the offer just discussed.
WHICH_WAS_THAT = re.compile(
    r"^\W*((and|ok(ay)?|so)\W+)?(what|which) (\w+ )?(prediction|estimate|guess|group|segment|list)s? (was|is|did) "
    r"(that|this|it)\b",
    re.I,
)
ORIGINS = {"predictions": "prediction", "segments": "segment"}


def origin_of(records: CustomerRecords, recent: list[str], intent: str) -> str | None:
    """The prediction or group a signal of the offer just discussed came from ("prediction:P-12"), or None."""
    decision = records.decision(recent[0]) if recent else None
    if decision is None:
        return None
    kind = ORIGINS[intent]
    found = next((o for p in decision.parameters if (o := getattr(p, f"{kind}_id"))), None)
    return f"{kind}:{found}" if found else None


# One offer of those just discussed, by its day or channel: "the one on the 13th", "the one you sent in June".
# ("the one in april i mean": a month or a weekday too.)
ONE_ON_A_DAY = re.compile(
    r"\bthe (?!only\b)(\w+ )?one (on|from|sent|shown|in|at|before|after) (the |my |\d|(january|february|march|"
    r"april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b)",
    re.I,
)
# "wait does that have anything to do with my fitness tracker??", "is that cos i live in manchester?" right after an
# offer, a group or a prediction was explained: its reasons again, not a new question about the data named.
BECAUSE_OF_THAT = re.compile(
    r"^\W*((and|so|but|wait|ok(ay)?|hang on|hold on)\W+)*(is|was|does|did|has) (that|it|this)( one)? ((have|has|got) )?"
    r"((anything|something) )?(to do with|(be)?cause|cos|coz|cuz|due to|based on|down to|related to)\b",
    re.I,
)
# "why was i put on the sleep one?" after the customer's groups: one of them, however the question is put.
ON_THE_ONE = re.compile(r"\b(on|in|into|from) (the|that|this) (\w+ ){1,2}one\b", re.I)
# "ok and in the app where is it exactly" after a setting was shown: where that setting is.
# (Not "where is it stored?", "where are they sending my data?": a question of its own after "it".)
WHERE_IS_IT = re.compile(
    r"\bwhere (exactly )?(do i find|can i find|do i go|would i find|is the (setting|switch|button|toggle|option))\b|"
    r"\bwhere (exactly )?(is|are) (it|that|this|they|those)( exactly)?\s*([?.!]|$)",
    re.I,
)
