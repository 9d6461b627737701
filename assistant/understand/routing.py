"""An optional router for close calls: when the classifier's two likeliest readings of a question are close,
something else (in LLM mode, the chat model) may pick between them. Its choice is validated here, so no router
can make Candor answer something the classifier did not already consider, or change a consent unasked.

The router sees the question after redaction (the understand stage runs after the guard), never the raw text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from assistant.turn import Intent, IntentResult
from assistant.understand.explicit import explicit_change

# Margin under which the router is asked. On the people-style development set the classifier's two readings
# are this close for about one question in nine, and about half of those have the runner-up right.
ROUTE_BELOW = 0.06

# Plain meanings the router chooses between: the intents a customer's question can be routed to. Refusals,
# injections and input problems are never a router's to pick.
MEANINGS: dict[str, str] = {
    "why_offer": "why a particular offer, ad, email or push notification was shown or sent to me",
    "data_held": "what personal data you hold about me, or where it came from",
    "consent_status": "what I agreed to and when, or whether a consent is on or off",
    "change_control": "how or where I can change my choices, opt out or unsubscribe myself",
    "consent_change": "an explicit request to change a consent now, e.g. 'stop emailing me'",
    "sell_share": "whether my data is sold or shared, and with whom",
    "retention": "how long my data is kept, or what happens to it after I leave",
    "access_delete": "getting a copy of my data, or having it deleted",
    "segments": "which customer groups or lists I am in, and why",
    "predictions": "what your models predict or score about me",
    "object_profiling": "objecting to profiling, scoring or automated decisions about me",
    "minimisation": "whether all the data you hold about me is really needed",
    "fairness": "whether people like me are treated differently; bias",
    "policy_question": "what the privacy policy says on a topic (security, cookies, rights, contacts…)",
}


class IntentRouter(Protocol):
    def choose(self, question: str, candidates: Sequence[Intent]) -> Intent | None:
        """One of `candidates` for the (redacted) question, or None to keep the classifier's reading."""
        ...


def routed(result: IntentResult, question: str, router: IntentRouter | None) -> IntentResult:
    """`result`, or the runner-up when the router picks it on a close call. The reading not taken stays the
    runner-up, so the answer still offers it as "Did you mean…?"."""
    if router is None or result.runner_up is None or result.margin >= ROUTE_BELOW:
        return result
    candidates: list[Intent] = [result.intent, result.runner_up]
    if not all(c in MEANINGS for c in candidates):
        return result
    choice = router.choose(question, candidates)
    if choice not in candidates or choice == result.intent:
        return result
    if choice == "consent_change" and not explicit_change(result.normalized):
        return result  # only an explicit request changes a consent, whoever reads the question
    return replace(result, intent=choice, runner_up=result.intent, routed=True)
