"""Intent recognition from free text: many phrasings each, typos included."""

from __future__ import annotations

import pytest

from assistant.pipeline import Candor
from assistant.understand.explicit import explicit_change

CASES = {
    "why_offer": [
        "Why did I see this offer?",
        "why am i getting ads for tents",
        "What made you send me the kayak deal?",
        "how come the app keeps showing me bike stuff",
        "why did i get that email about jackets yesterday",
        "wy did I see this ofer",
        "Explain the promotion you showed me last week",
        "What was the reason for recommending hiking boots to me?",
        "Is the binoculars discount personalised?",
    ],
    "data_held": [
        "What data do you have about me?",
        "what info do you hold on me and why",
        "What do you know about me?",
        "Which personal data do you process about me?",
        "wat data do u have on me",
        "Where did you get my information from and what is it used for?",
    ],
    "consent_status": [
        "What have I agreed to?",
        "Did I consent to personalised offers?",
        "did i say yes to marketing emails",
        "Show me my consent history",
        "have I given you permision to use my data for ads",
        "When did I give consent for partner offers?",
    ],
    "change_control": [
        "How do I stop this?",
        "How can I turn off personalised offers?",
        "how do i unsubcribe from your emails",
        "Where do I change my privacy settings?",
    ],
    "consent_change": [
        "stop using my purchase history for offers",
        "Please withdraw my consent to personalised offers",
        "I want to opt in to partner offers",
        "unsubscribe me from marketing emails",
    ],
    "sell_share": [
        "Do you sell my data?",
        "Do you share my information with advertisers?",
        "who do you give my personal data to",
        "is my data sold to third parties",
        "do u sel my info",
        "who is Trailhead Media and what do they get about me",
    ],
    "retention": [
        "How long do you keep my data?",
        "how long is my purchase history stored",
        "When will you delete my browsing data?",
        "whats your data retention period",
    ],
    "access_delete": [
        "How do I get a copy of my data?",
        "I want to delete my account data",
        "Can I download everything you have on me?",
        "please erase my data",
        "how do i make an access request",
    ],
    "out_of_scope": [
        "What's the weather like tomorrow?",
        "Tell me a joke",
        "Do you have these boots in size 44?",
        "what's the capital of Peru",
        "Write a poem about mountains",
    ],
    "segments": [
        "What groups or segments have you put me in, and why?",
        "which customer segments am i in",
        "How have you categorised me?",
        "am I in any of your marketing audiences",
        "what groups was I in before?",
    ],
    "predictions": [
        "What do you predict about me?",
        "Do you think I'm going to leave?",
        "what's my churn risk",
        "what do your models guess I'll buy next",
        "have you calculated any scores about me",
    ],
    "object_profiling": [
        "Can I stop you profiling me?",
        "I want to opt out of profiling",
        "I object to being put in segments",
        "stop making predictions about me",
    ],
    "policy_question": [
        "Do you use cookies?",
        "Do you transfer my data outside Europe?",
        "How do you keep my data secure?",
        "What do you do with children's data?",
    ],
}


@pytest.mark.parametrize(("expected", "question"), [(intent, q) for intent, qs in CASES.items() for q in qs])
def test_question_is_recognised_as_its_intent(candor: Candor, expected: str, question: str) -> None:
    assert candor.parts.classifier.classify(question).intent == expected


def test_typos_are_repaired_before_classifying(candor: Candor) -> None:
    assert "offer" in candor.parts.classifier.normalize("why did i see this ofer").split()


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("i havent agreed to that", "i haven't agreed to that"),
        ("i cant find the setting", "i can't find the setting"),
        ("the link doesnt work anymore", "the link doesn't work anymore"),
        ("why dont u ask first", "why don't you ask first"),
        ("im not happy", "i'm not happy"),
    ],
)
def test_a_contraction_typed_without_its_apostrophe_keeps_its_negation(candor: Candor, typed: str, read: str) -> None:
    # Typo repair alone would read "havent" as "have" and "cant" as "can": the opposite of what was said.
    assert candor.parts.classifier.normalize(typed) == read


@pytest.mark.parametrize(
    ("normalized", "explicit"),
    [
        ("enough with the notifications at 6am . turn them off for me .", True),
        ("i've missed out on purpose . remove me .", True),
        ("ok that's it , no more texts", True),
        ("re : your weekly picks — stop", True),
        ("unsub me from the challenge emails thx", True),
        ("take my number off the marketing list .", True),
        ("cust requests withdrawal of consent for partner sharing , pls action", True),
        ("please , i not want anymore the personalize offers . cancel it for me .", True),
        # Asking how, or what was agreed, is no request, whichever clause it sits in.
        ("how do i turn them off ?", False),
        ("i turned it off in march , why am i still getting emails ?", False),
        ("did i switch it off in the end ?", False),
        ("when i switched notifications off , what happened to my data ?", False),
        ("if i unsubscribe , no more emails at all ?", False),
        ("what happens if i unsubscribe ? no more offers at all ?", False),
        ("what if i reply : stop ?", False),
        ("i told them : remove me . nothing happened", False),
        ("the app says : turn notifications on . why ?", False),
        ("i said yes , give me offers , a year ago . what did that allow ?", False),
        ("why do i get non - stop emails ?", False),
        ("i turned it off , but you still email me", False),
        ("if i say stop , will you stop ?", False),
        ("my order was late so i had to cancel it for me to get a refund , does that change my data ?", False),
        ("i subscribed to premium last week . cancel it", False),
        ("if i not agree to the new terms , what happens ?", False),
    ],
)
def test_an_explicit_request_is_read_in_any_sentence_or_clause(normalized: str, explicit: bool) -> None:
    assert explicit_change(normalized) is explicit
