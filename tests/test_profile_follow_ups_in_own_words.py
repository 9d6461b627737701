"""A twelfth fresh batch, written as customers puzzle over the groups and predictions made about them and why
offers came, found these misread or answered short: a prediction's reference quoted from the data export, short
follow-ups ("since when?", "was it always like that?", "the email one"), status asked as "is that still in force?",
and everyday ways to ask how a copy is had or what data is needed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assistant.pipeline import Candor

# (pack, customer, question before or None, question, intent, what the answer says, what it must not say)
ANSWERED = [
    # A prediction's own reference, quoted from the export, is that prediction (not the latest of each model).
    (
        "lumen",
        "lumen:u:30612",
        None,
        "she found pred.cancel-risk.20240603.004 in her export, what is that and can it change her price?",
        "predictions",
        ["ref pred.cancel-risk.20240603.004"],
        ["1 March 2024"],
    ),
    # "since when?" after the customer's groups: the groups, not how long data is kept.
    ("lumen", "lumen:u:30417", "which groups have you put me in?", "since when?", "segments", [], []),
    # "was it always like that?" after a prediction: its earlier estimates too.
    (
        "lumen",
        "lumen:u:30612",
        "what do you predict about me?",
        "was it always like that? what about back in march?",
        "predictions",
        ["1 March 2024", "0.72"],
        [],
    ),
    # "the email one" after the list of predictions is one of them, not an offer.
    (
        "candor",
        "NW-1044",
        "which predictions do you have on me?",
        "the email one, what does it say?",
        "predictions",
        ["Chance you open our emails"],
        [],
    ),
    # Status asked as people ask it.
    (
        "candor",
        "NW-1042",
        None,
        "I phoned in spring to stop the personalised offers. Is that still in force?",
        "consent_status",
        [],
        [],
    ),
    (
        "candor",
        "NW-1015",
        None,
        "I switched so many things on and off this year. Where do I stand right now?",
        "consent_status",
        [],
        [],
    ),
    ("candor", "NW-1015", None, "what is my status now with the emails?", "consent_status", [], []),
    ("lumen", "lumen:u:30741", None, "i barely use the app, what could you possibly have on me", "data_held", [], []),
    ("candor", "NW-1009", None, "im in colorado, do you sell my data under our law?", "sell_share", [], []),
    (
        "candor",
        "NW-1029",
        "why do you think i like family camping?",
        "ok, and how can i remove that 'family camping' from my profile?",
        "change_control",
        [],
        [],
    ),
    # How a copy is had, asked without the usual words: the control's steps, with how long it takes.
    (
        "lumen",
        "lumen:u:30741",
        None,
        "I want a copy of all the datas you have about me, how I do it?",
        "access_delete",
        ["7 days"],
        [],
    ),
    (
        "candor",
        "NW-1009",
        "how long do you keep my browsing?",
        "can i get it as a file? and how long it take",
        "access_delete",
        ["72 hours"],
        [],
    ),
    # A thirteenth batch (message shapes: two in one, very short, long and rambling) found these.
    (
        "lumen",
        "lumen:u:30612",
        None,
        "My husband deals with all the settings on the TV, but I use my phone and the app changed so much I can't "
        "find anything. Where on the phone app are the privacy switches?",
        "change_control",
        [],
        [],
    ),
    (
        "candor",
        "NW-1018",
        None,
        "My daughter says shops keep your details for ever once you leave. What happens to my Rewards records "
        "when I cancel, and how long do you keep them?",
        "retention",
        [],
        [],
    ),
    (
        "candor",
        "NW-1036",
        None,
        "My son gets deals made just for him and I just get the same general ones. Is that because I'm retired?",
        "fairness",
        [],
        [],
    ),
    (
        "candor",
        "NW-1047",
        None,
        "My son he has 14 years, he can open an account for his own?",
        "policy_question",
        [],
        [],
    ),
    (
        "candor",
        "NW-1042",
        None,
        "he says he stopped it in April. did someone switch it back on?",
        "consent_status",
        [],
        [],
    ),
    (
        "lumen",
        "lumen:u:30452",
        None,
        "right. then switch it off properly this time, for every profile including the kids one",
        "consent_change",
        [],
        [],
    ),
    (
        "candor",
        "NW-1032",
        None,
        "do you really need to keep my card details?",
        "minimisation",
        ["never your full card number"],
        [],
    ),
    (
        "candor",
        "NW-1036",
        None,
        "how long do you keep support chats? and are my phone calls recorded?",
        None,
        ["We do not record phone calls."],
        [],
    ),
]


@pytest.mark.parametrize(("pack", "customer", "before", "question", "intent", "says", "never_says"), ANSWERED)
def test_a_profile_question_or_follow_up_gets_the_fact_it_asks_for(
    says_what_it_must: Callable[..., None],
    pack: str,
    customer: str,
    before: str | None,
    question: str,
    intent: str | None,
    says: list[str],
    never_says: list[str],
) -> None:
    says_what_it_must(pack, customer, question, intent, says, never_says, before)


def test_a_quoted_prediction_reference_never_reaches_another_customers_prediction(lumen: Candor) -> None:
    # lumen:u:30612's prediction, quoted by another signed-in customer, is not theirs to see.
    answer = lumen.ask(lumen.conversation("lumen:u:30417"), "what is pred.cancel-risk.20240603.004 about?")
    assert "pred.cancel-risk.20240603.004" not in answer.text
