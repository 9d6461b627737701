"""A tenth fresh batch, written as privacy-conscious customers and privacy-team members ask about practices,
found these misread: a real word repaired into another ("hoarding" read as "sharing"), a relative named only to
compare, a worry whether data is "really necessary", who else can see or store something, and one everyday word
some offer's name also uses ("via dei platani is my home")."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.pack.controls import email_consent
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT, Settings
from assistant.understand.cues import CUES
from assistant.understand.someone_else import asks_about_someone_else

LUMEN = REPO_ROOT / "tests" / "fixtures" / "packs" / "lumen"


@pytest.mark.parametrize(
    ("typed", "kept", "not_read_as"),
    [
        ("sounds like hoarding to me", "hoarding", "sharing"),
        ("you are a pack of snoopers", "snoopers", "shoppers"),
    ],
)
def test_typo_repair_never_turns_a_dictionary_word_into_another_word(
    candor: Candor, typed: str, kept: str, not_read_as: str
) -> None:
    read = candor.parts.classifier.normalize(typed).split()
    assert kept in read
    assert not_read_as not in read


def test_a_dictionary_word_may_still_be_read_as_its_own_inflection(lumen: Candor) -> None:
    read = lumen.parts.classifier.normalize("could an advertiser ever get hold of that?").split()
    assert "advertisers" in read


@pytest.mark.parametrize(
    ("question", "theirs"),
    [
        ("I never get the nice deals my daughter gets on her account. Do you give pensioners worse offers?", False),
        ("my daughter keeps getting emails, can you check her account?", True),
        ("my husband also has an account, what offers is he getting?", True),
    ],
)
def test_a_relative_named_to_compare_is_not_a_question_about_their_records(question: str, theirs: bool) -> None:
    assert asks_about_someone_else(question) is theirs


def test_a_pensioner_comparing_with_a_daughter_gets_the_fairness_answer(candor: Candor) -> None:
    question = (
        "I'm 68 and I've noticed I never get the nice personalised deals my daughter gets on her account. "
        "Do you give pensioners worse offers on purpose??"
    )
    answer = candor.ask(candor.conversation("NW-1002"), question)
    assert answer.intent == "fairness"
    assert "contextual" in answer.text


@pytest.mark.parametrize(
    ("customer", "question"),
    [
        ("NW-1044", "I connected my fitness tracker. Is all of that really necessary for an outdoor shop?"),
        ("NW-1041", "you keep my age band in my file, it is really needed?"),
    ],
)
def test_asking_whether_data_is_really_needed_is_a_minimisation_question(
    candor: Candor, customer: str, question: str
) -> None:
    assert candor.ask(candor.conversation(customer), question).intent == "minimisation"


def test_one_everyday_word_an_offer_also_uses_does_not_make_a_data_question_about_an_offer(lumen: Candor) -> None:
    question = "I only stream films, you never send me nothing by post. Via dei Platani is my home, why you need it"
    answer = lumen.ask(lumen.conversation("lumen:u:30612"), question)
    assert answer.intent == "minimisation"


def test_a_named_offer_still_turns_a_data_reading_into_the_offer_question(lumen: Candor) -> None:
    question = "got a push for sleep sounds & slow stories. how do you know i have trouble sleeping?? honestly creepy"
    answer = lumen.ask(lumen.conversation("lumen:u:30503"), question)
    assert answer.intent == "why_offer"
    assert "Sleep and calm listeners" in answer.text


@pytest.mark.parametrize(
    "question",
    ["when I chat to your support team is that stored by some other company?", "who else can see my card number?"],
)
def test_who_else_sees_or_stores_data_asks_who_receives_it(candor: Candor, question: str) -> None:
    answer = candor.ask(candor.conversation("NW-1016"), question)
    assert answer.intent == "sell_share"


def test_one_offer_word_said_alone_is_still_the_offer_question(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1013"), "paddleboards?? explain")
    assert answer.intent == "why_offer"
    assert "D-528" in answer.text


def test_a_sharing_question_naming_one_offer_also_explains_that_offer(lumen: Candor) -> None:
    question = "does velo nord get told when i see their ad? and do they know my city?"
    answer = lumen.ask(lumen.conversation("lumen:u:30417"), question)
    assert answer.intent == "sell_share"
    assert "lives in a city with a Velo Nord partner shop" in answer.text


def test_a_fairness_question_naming_one_offer_also_explains_that_offer(lumen: Candor) -> None:
    question = "is it because I'm turkish? every week kestrel 5g and velo nord bikes, and I've no bike at all"
    answer = lumen.ask(lumen.conversation("lumen:u:30634"), question)
    assert answer.intent == "fairness"
    assert "visited a bike shop in the last year" in answer.text


def test_a_request_naming_two_consents_proposes_both_and_yes_records_both(tmp_path: Path) -> None:
    lumen = Candor(Settings(knowledge_dir=LUMEN, data_dir=tmp_path, transcripts=False))
    conversation = lumen.conversation("lumen:u:30417")
    proposed = lumen.ask(conversation, "withdraw partner ads, and the tailoring one too")
    assert proposed.intent == "consent_change"
    assert "Partner ads matched to you" in proposed.text
    assert "Tailored picks and promotions" in proposed.text
    done = lumen.ask(conversation, "yes")
    assert "Partner ads matched to you is now withdrawn" in done.text
    assert "Tailored picks and promotions is now withdrawn" in done.text


def test_a_consent_named_beside_one_already_off_is_said_and_the_other_proposed(tmp_path: Path) -> None:
    candor = Candor(Settings(data_dir=tmp_path, transcripts=False))
    answer = candor.ask(candor.conversation("NW-1009"), "stop emailing me and stop the partner offers")
    assert "Nothing to change for Partner offers" in answer.text
    assert "You asked to withdraw your consent to Marketing emails." in answer.text
    assert "every consent" not in answer.text


def test_a_complaint_naming_an_offer_without_a_day_explains_that_offer(candor: Candor) -> None:
    question = "I opted out of personalisation ages ago but keep getting binocular emails, what's going on"
    answer = candor.ask(candor.conversation("NW-1040"), question)
    assert answer.intent == "why_offer"
    assert "Cairnview Optics binoculars" in answer.text


@pytest.mark.parametrize(("pack", "expected"), [("northwind", "Marketing emails"), ("lumen", None)])
def test_the_email_consent_is_the_one_the_unsubscribe_control_stops_or_none(
    candor: Candor, lumen: Candor, pack: str, expected: str | None
) -> None:
    catalog = (candor if pack == "northwind" else lumen).parts.catalog
    found = email_consent(catalog.company, catalog.purposes.values())
    assert (found.name if found else None) == expected


def test_a_sport_watch_is_health_data_and_treating_the_sporty_ones_differently_is_fairness(candor: Candor) -> None:
    question = "I connected my sports watch in May and now it's all bikes. Do you treat the sporty people differently?"
    answer = candor.ask(candor.conversation("NW-1015"), question)
    assert answer.intent == "fairness"
    assert "Fitness-tracker high performers" in answer.text


@pytest.mark.parametrize(("text", "group"), [("i put the wrong age group in", False), ("which groups am i in", True)])
def test_an_age_group_is_no_customer_group(text: str, group: bool) -> None:
    leaning = {label for pattern, label, _ in CUES if pattern.search(text)}
    assert ("segments" in leaning) is group
