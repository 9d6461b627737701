""" "Did you mean…?": when a question's two likeliest readings are close, the answer follows the likelier one
and offers the other as a question the customer can ask with one click."""

from __future__ import annotations

from assistant.turn import IntentResult

# Score gap under which the second reading is offered, to about one question in eleven of the people-style dev
# set (the classifier alone). The character n-gram head's confident probabilities widened the gaps: 0.04 had
# offered a choice on 8 % before it and 5 % after; 0.08 offers it on 9 %.
CLOSE = 0.08

# One plain question per intent, each read back as that intent (tests/test_choices.py). A consent change is
# never offered: changing a choice must be asked for, not clicked into.
QUESTIONS: dict[str, str] = {
    "why_offer": "Why did I see my most recent offer?",
    "data_held": "What data do you hold about me?",
    "consent_status": "What have I agreed to?",
    "change_control": "How do I change my choices?",
    "sell_share": "Do you sell or share my data?",
    "retention": "How long do you keep my data?",
    "access_delete": "How do I get a copy of my data or have it deleted?",
    "segments": "Which customer groups am I in?",
    "predictions": "What do your models predict about me?",
    "object_profiling": "How do I object to profiling?",
    "minimisation": "Do you really need all the data you hold?",
    "fairness": "Do you treat people like me differently?",
}


def alternative(result: IntentResult) -> str | None:
    """The other reading's question, when it is close behind and can be asked; else None."""
    if result.runner_up is None or result.margin >= CLOSE or result.intent not in QUESTIONS:
        return None
    return QUESTIONS.get(result.runner_up)
