"""A question naming one kind of data, in its own words, is answered about that kind; a broad one about all."""

from __future__ import annotations

import pytest
from conftest import verified_answer

from assistant.compose.account import account_category
from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import load_pack
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT
from assistant.turn import Turn
from assistant.understand.categories import described

LUMEN = REPO_ROOT / "tests" / "fixtures" / "packs" / "lumen"


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("do you store my card number", ("payment_data",)),
        ("is my loyalty points balance part of what you hold about me?", ("loyalty_status",)),
        ("what do you record about my phone / device", ("device_data",)),
        ("do you keep my chats with support", ("customer_support",)),
        ("what data do you have", ()),
        ("what do you know about me", ()),
        ("do you sell my email address", ()),  # "address" alone is every address's word
    ],
)
def test_a_kind_of_data_is_named_by_words_only_it_uses(
    sample_pack: KnowledgePack, question: str, named: tuple[str, ...]
) -> None:
    assert described(question, sample_pack.categories) == named


def test_a_redacted_placeholder_names_no_kind_of_data() -> None:
    lumen = load_pack(LUMEN)
    question = "subscribed <customer_id_1> wants to know what data we keep on his account"
    assert described(question, lumen.categories) == ()


def test_a_question_about_one_kind_of_data_is_answered_about_it(candor: Candor) -> None:
    answer = verified_answer(candor, "do you store my card number")
    assert answer.intent == "data_held"
    assert "You asked about payment details" in answer.text
    assert "the last four digits and expiry date of your card" in answer.text
    assert "offers in our records for you used it" in answer.text
    assert answer.choices == ["What data do you hold about me?"]


def test_a_broad_question_lists_everything_held(candor: Candor) -> None:
    answer = verified_answer(candor, "what data do you hold about me?")
    assert "You asked about" not in answer.text
    assert "Here is what our records hold about you" in answer.text


@pytest.mark.parametrize("question", ["my data pls", "how do I get a copy of everything you have on me?"])
def test_a_request_for_ones_data_names_the_kinds_the_records_hold(candor: Candor, question: str) -> None:
    answer = verified_answer(candor, question)
    assert answer.intent == "access_delete"
    # GDPR Art. 15: the kinds of data held, not only the way to a copy; the full account one click away.
    assert "Our records hold these kinds of data about you:\n- Contact and account details." in answer.text
    assert "https://northwind.example/account/privacy/download" in answer.text
    assert "What data do you hold about me?" in answer.choices


def test_the_kinds_held_include_those_behind_the_customers_groups_and_predictions(candor: Candor) -> None:
    # NW-1046's email opens and clicks are evidence for a group, not a signal of any offer.
    answer = verified_answer(candor, "my data pls", "NW-1046")
    assert "- Email opens and clicks." in answer.text


def test_a_request_to_delete_is_not_told_what_is_held(candor: Candor) -> None:
    answer = verified_answer(candor, "please delete my account and all my data")
    assert answer.intent == "access_delete"
    assert "Our records hold these kinds" not in answer.text


def test_the_customer_record_is_the_account_kind_not_the_contacts_a_customer_invites(
    sample_pack: KnowledgePack,
) -> None:
    lumen = load_pack(LUMEN)
    assert "contact-uploads" in lumen.categories  # "Contacts you invite": other people's data
    found = account_category(lumen.categories)
    assert found is not None and found.name == "Account and profile details"
    sample = account_category(sample_pack.categories)
    assert sample is not None and sample.name == "Contact and account details"


def test_a_redacted_name_or_address_in_a_question_is_not_what_it_asks_about(candor: Candor) -> None:
    question = "my name is Hannah Okonjo and I live at 4 Elm Street, what do you know about me?"
    turn = candor.parts.evidence_chain.invoke(Turn(candor.conversation("NW-1012"), question))
    assert turn.request is not None
    assert not {"person", "street", "address"} & (turn.request.words | turn.request.specific_words)
    answer = verified_answer(candor, question, "NW-1012")
    assert answer.intent == "data_held"
    assert not answer.text.startswith("What our policy says about that")
