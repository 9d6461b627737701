"""Common privacy topics (security, cookies, children, automated decisions, transfers abroad, getting a copy,
deletion, rights) are answered from the policy's own section on them, found by its title in any pack's policy."""

from __future__ import annotations

import pytest
from conftest import verified_answer

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import load_pack
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT
from assistant.understand.topics import topic_sections

LUMEN = REPO_ROOT / "tests" / "fixtures" / "packs" / "lumen"


@pytest.fixture(scope="module")
def lumen_pack() -> KnowledgePack:
    return load_pack(LUMEN)


@pytest.mark.parametrize(
    ("question", "topic", "section"),
    [
        ("is my data safe with you, what if you get hacked", "security", "how-we-protect-your-data"),
        ("has there ever been a data breach", "security", "how-we-protect-your-data"),
        ("do you encrypt my card details", "security", "how-we-protect-your-data"),
        ("do you use cookies to track me", "cookies", "cookies-and-tracking"),
        ("what about my daughter's account, she's 15", "children", "children"),
        ("personalised offers for teenagers?", "children", "customers-under-18"),
        ("is a computer deciding things about me automatically?", "automated_decisions", "automated-decision-making"),
        ("does my data go to the USA? I am in France", "transfers", "international-transfers"),
        ("are your servers located in europe", "transfers", "international-transfers"),
        ("what are my rights here", "rights", "right-of-access"),
        ("how long does the data download take", "getting_a_copy", "how-to-see-or-download-your-data"),
        ("can i take my data to another shop", "getting_a_copy", "right-to-data-portability"),
        ("if i delete my account do i lose my points?", "deletion", "how-to-delete-your-data"),
    ],
)
def test_a_question_on_a_common_topic_finds_the_sections_titled_for_it(
    sample_pack: KnowledgePack, question: str, topic: str, section: str
) -> None:
    found, sections = topic_sections(question, sample_pack.sections)
    assert found == topic
    assert f"privacy-policy#{section}" in sections


@pytest.mark.parametrize(
    "question",
    [
        "why did you send me the kids gear offer",  # a product's name, not a question about children's data
        "what gives you the right to profile me",  # the legal basis, not the list of rights
        "how long do you keep my purchases",
        "why did I get this?",
        "do you have anything under 15 euros?",
        "how old is the data you hold about me?",
        "can you explain to us what data you hold",
        "i want to transfer my points",
        "how do i track my order?",
        "can i take it to another store",
        "safety helmet offer",
        "am i correct that you don't sell my data",
        "where do i download the app",
    ],
)
def test_other_questions_name_no_topic(sample_pack: KnowledgePack, question: str) -> None:
    assert topic_sections(question, sample_pack.sections) == (None, ())


def test_the_second_packs_sections_are_found_by_their_own_titles(lumen_pack: KnowledgePack) -> None:
    topic, sections = topic_sections("is my account safe from hackers?", lumen_pack.sections)
    assert topic == "security" and any(lumen_pack.sections[s].title == "Keeping accounts safe" for s in sections)
    topic, sections = topic_sections("what rights do I have", lumen_pack.sections)
    titles = {lumen_pack.sections[s].title for s in sections}
    assert topic == "rights" and "Your rights and choices" in titles
    assert "Reporting to rights holders and tax authorities" not in titles
    # The pack has no section on cookies: no topic, and the question goes to whole-policy selection.
    assert topic_sections("do you use cookies", lumen_pack.sections) == (None, ())


def test_a_security_worry_quotes_the_security_section(candor: Candor) -> None:
    answer = verified_answer(candor, "is my data safe with you, what if you get hacked")
    assert answer.intent == "policy_question"
    assert answer.text.startswith("Our privacy policy covers this in “How we protect your data”.")
    assert "We encrypt data when it travels over the internet" in answer.text
    assert "If a data breach puts your rights at risk" in answer.text
    assert "Download my data" not in answer.text


def test_what_are_my_rights_names_every_right_with_the_policys_words(candor: Candor) -> None:
    answer = verified_answer(candor, "what are my rights here")
    for right in ("Right of access", "Right to erasure", "Right to object", "Right to complain"):
        assert f"- {right}: “" in answer.text


def test_an_objection_that_also_asks_about_automated_decisions_gets_that_section_too(candor: Candor) -> None:
    answer = verified_answer(candor, "is a computer deciding things about me automatically?")
    assert "no legal effect on you" in answer.text


def test_a_topic_question_read_as_unrelated_is_answered_not_refused(candor: Candor) -> None:
    answer = verified_answer(candor, "are your servers located in europe")
    assert "Sorry, I can't help" not in answer.text
    assert "Standard Contractual Clauses" in answer.text


def test_how_long_a_download_takes_is_answered_with_the_sentence_that_states_the_time(candor: Candor) -> None:
    answer = verified_answer(candor, "how long does the data download take")
    assert answer.intent == "access_delete"
    assert "https://northwind.example/account/privacy/download" in answer.text  # the right's own answer first
    assert "It usually arrives within 72 hours" in answer.text


def test_a_deletion_request_says_what_is_kept_and_for_how_long(candor: Candor) -> None:
    answer = verified_answer(candor, "delete my account and everything you have on me")
    assert "invoices for 7 years" in answer.text
