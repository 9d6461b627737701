"""Questions about the legal basis ("what's the legal basis for contextual offers?", "how can you legally show me
ads?", "what gives you the right to use my viewing history?") are answered from the purposes' own records, each
cited to the section that explains it; a pack that lists no purposes answers from its policy. Questions about the
policy documents themselves list them with version and date."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import verified_answer

from assistant.compose.builder import Draft
from assistant.compose.legal_basis import legal_bases
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT
from assistant.understand.request import asks_about_documents

LUMEN = REPO_ROOT / "tests" / "fixtures" / "packs" / "lumen"


def test_the_basis_of_a_named_purpose_is_stated_and_cited_to_its_section(candor: Candor) -> None:
    answer = verified_answer(candor, "whats the legal basis for the contextual offers")
    assert answer.intent == "policy_question"
    assert answer.lines[0].text == "Contextual offers: our legal basis is our legitimate interest."
    section = candor.catalog.purposes["contextual_offers"].policy_section
    assert answer.citations[answer.lines[0].cites[0] - 1].section_id == section
    # The records answer it, with the policy's words on which interest is pursued and how to object; no
    # loosely related policy sentences follow.
    assert answer.lines[1].text == (
        "Our policy says: “Legal basis: our legitimate interest in telling customers about relevant offers.”"
    )
    assert "To change this, use Object to direct marketing and profiling" in answer.text
    assert {c.section_id for c in answer.citations} == {section}


def test_asking_how_something_can_be_legal_lists_every_purpose_by_its_basis(candor: Candor) -> None:
    answer = verified_answer(candor, "how can you legally show me ads without my consent?")
    text = answer.text
    assert "Our legitimate interest: Contextual offers" in text
    assert "Your consent: Personalized offers" in text
    assert len(candor.catalog.purposes) == sum(
        len(line.text.split(": ", 1)[1].split(", ")) for line in answer.lines if line.bullet
    )


def test_the_word_legal_names_no_purpose_of_its_own(candor: Candor) -> None:
    text = verified_answer(candor, "what is your legal basis for processing my data").text
    assert not text.startswith("Meeting legal obligations")
    assert "A legal obligation we must meet: Meeting legal obligations." in text


def test_the_right_to_use_one_kind_of_data_is_answered_by_the_purposes_that_use_it(lumen: Candor) -> None:
    answer = lumen.ask(lumen.conversation("lumen:u:30417"), "what gives you the right to use my viewing history?")
    assert answer.verified, answer.problems
    assert answer.intent == "policy_question"
    uses = lumen.catalog.categories["watch-history"].purposes
    assert answer.lines[0].text.startswith(f"We use viewing history for {len(uses)} purposes")
    assert "Tailored picks and promotions: your consent." in answer.text
    assert "What is playing right now" not in answer.text  # "right" in "the right to" names no data


@pytest.mark.parametrize(
    "question",
    ["is it legal for you to track email opens?", "on what basis do you send me marketing emails"],
)
def test_asking_whether_a_use_is_legal_is_a_policy_question(candor: Candor, question: str) -> None:
    answer = verified_answer(candor, question)
    assert answer.intent == "policy_question"
    assert "Marketing emails: our legal basis is your consent." in answer.text
    assert "Our policy says: “Legal basis: your consent.”" not in answer.text  # it would only repeat the line


def test_a_pack_without_purposes_leaves_the_basis_to_its_policy(candor: Candor) -> None:
    bare = dataclasses.replace(candor.catalog, purposes={})
    draft = Draft(intent="policy_question", catalog=bare)
    assert legal_bases(draft, ("contextual_offers",)) is False
    assert draft.lines == []


@pytest.mark.parametrize(
    "question",
    [
        "hi, do u guys have a privcy polcy i can read",
        "what version is the privacy notice",
        "when was your privacy policy last updated?",
    ],
)
def test_a_question_about_the_policy_documents_lists_them_with_version_and_date(candor: Candor, question: str) -> None:
    answer = verified_answer(candor, question)
    assert answer.intent == "policy_question"
    assert answer.lines[0].text == "We publish 2 privacy documents:"
    assert "Northwind Outfitters Privacy Policy, version 3.1, in effect since 15 January 2024." in answer.text


def test_a_question_about_what_the_policy_says_is_not_a_question_about_the_documents(candor: Candor) -> None:
    answer = verified_answer(candor, "what does your privacy policy say about cookies?")
    assert "We publish" not in answer.text
    assert "Cookies and tracking" in answer.text


@pytest.mark.parametrize(
    ("question", "about_documents"),
    [
        ("do you have a privacy policy", True),
        ("where can i read your privacy policy", True),
        ("when was your privacy policy last updated?", True),
        ("do you have a policy on children's data?", False),
        ("do you have a policy about ai training", False),
        ("what does your privacy policy say about cookies?", False),
    ],
)
def test_only_a_question_about_the_documents_themselves_asks_for_them(question: str, about_documents: bool) -> None:
    assert asks_about_documents(question) is about_documents
