"""A practice the policy never mentions is answered with "the policy does not say", not with the nearest
sentences; a practice it does mention is answered from it."""

from __future__ import annotations

import pytest

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import load_pack
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT
from assistant.understand.silent_topics import silent_topic

LUMEN = load_pack(REPO_ROOT / "tests" / "fixtures" / "packs" / "lumen")


SOLD = "what happens to your data if the company is sold or merged"
AI, FACES, DEATH = (
    "using your data to train AI",
    "facial recognition, cameras or other biometric data",
    "what happens to your data when you die",
)


@pytest.mark.parametrize(
    ("question", "northwind", "lumen"),
    [
        ("do you use cookies on the website", None, "cookies or similar tracking technologies"),
        ("is my data stored or sent outside the EU", None, "sending your data to other countries"),
        ("Does Northwind use customer data to train AI models?", AI, AI),
        ("Do you use facial recognition in your stores?", FACES, FACES),
        ("What happens to my data if I die?", DEATH, DEATH),
        # Not one of these practices at all.
        ("do you sell my data", None, None),
        ("why did I get the training plan email", None, None),
        ("What happens to my data if Northwind gets bought by another company?", SOLD, SOLD),
        ("Do you use AI to decide which offers I get?", None, None),
        ("Does the chatbot keep my questions?", None, None),
        ("can I transfer my data to another streaming service?", None, None),
        ("When I phoned you last year, was that call recorded?", None, "recording your calls"),
        ("do you record my phone calls or chats with support?", None, "recording your calls"),
        ("why did I get the voice recorder offer?", None, None),
    ],
)
def test_a_practice_no_sentence_of_the_policy_mentions_is_silent(
    sample_pack: KnowledgePack, question: str, northwind: str | None, lumen: str | None
) -> None:
    assert silent_topic(question, sample_pack.sections.values()) == northwind
    assert silent_topic(question, LUMEN.sections.values()) == lumen


def test_the_answer_says_the_policy_is_silent_and_quotes_nothing(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1001"), "do you use my data to train AI?")
    assert answer.intent == "policy_question", answer.text
    assert answer.text.startswith("The policy does not say anything about using your data to train AI.")
    assert "“" not in answer.text and "privacy@northwind.example" in answer.text
