"""Which offer a why-offer question means, resolved against the customer's own log only.

The sample clock (SAMPLE_NOW) is 31 October 2024. NW-1007's log is the reference here.
"""

from __future__ import annotations

import pytest

from assistant.pipeline import Candor

CUSTOMER = "NW-1007"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Why did I see the water bottle offer?", ["D-736"]),
        ("why did I get the hydration pack deal", ["D-736"]),
        ("Why was I shown the rain shells email?", ["D-306"]),
        ("why did you show me the paddleboard offer", ["D-550"]),
        ("Why did I see the Spokeway Bikes helmet ad?", ["D-336"]),
        ("Why did I see D-411?", ["D-411"]),
        ("why did I see the kids rain suit offer in march", ["D-203"]),
        ("Why did I get the camping kitchen email?", ["D-993"]),
        ("Why did i see the tent offer on 3 july?", ["D-633"]),
        ("why the bouldering crash pad thing", ["D-956"]),
        ("wy did I see the watr bottle ofer", ["D-736"]),
    ],
)
def test_question_resolves_to_the_decision_it_describes(candor: Candor, question: str, expected: list[str]) -> None:
    answer = candor.ask(candor.conversation(CUSTOMER), question)
    assert answer.intent == "why_offer"
    assert answer.decision_ids == expected, answer.text


def test_same_offer_shown_twice_explains_the_newest_and_names_the_other_dates(candor: Candor) -> None:
    answer = candor.ask(candor.conversation(CUSTOMER), "Why did I see the trail-running shoes offer?")
    assert answer.decision_ids == ["D-25"]
    assert "We also showed you this offer at these times" in answer.text and "19 January 2024" in answer.text


def test_ambiguous_question_lists_the_candidates_and_asks(candor: Candor) -> None:
    answer = candor.ask(candor.conversation(CUSTOMER), "Why did I see that tent offer?")
    assert answer.needs_clarification and answer.decision_ids == []
    assert "Which one do you mean?" in answer.text
    assert "Free footprint with any four-season tent" in answer.text and "15% off ultralight tents" in answer.text


def test_question_without_any_detail_asks_which_offer(candor: Candor) -> None:
    answer = candor.ask(candor.conversation(CUSTOMER), "Why am I seeing this ad?")
    assert answer.needs_clarification
    assert "Camping kitchen clearance" in answer.text  # the most recent offers are listed to choose from


def test_offer_never_shown_to_this_customer_is_answered_with_no_record(candor: Candor) -> None:
    # OF-12 (RiverLine kayaks) exists in the pack, but NW-1007 was never shown it.
    answer = candor.ask(candor.conversation(CUSTOMER), "Why did I see the kayak offer?")
    assert answer.decision_ids == []
    assert "I have no record of showing you an offer matching" in answer.text
    assert "will not guess" in answer.text


def test_relative_date_with_no_offer_that_day_says_no_record(candor: Candor) -> None:
    answer = candor.ask(candor.conversation(CUSTOMER), "why did I get yesterday's email?")
    assert answer.decision_ids == []
    assert "I have no record" in answer.text and "yesterday" in answer.text


def test_an_offer_named_clearly_is_found_on_another_day_than_the_one_the_question_gives(candor: Candor) -> None:
    # "in March" may be of something else, or misremembered: the water bottle offer was shown on 28 July.
    answer = candor.ask(candor.conversation(CUSTOMER), "why did I see the water bottle offer in March?")
    assert answer.verified, answer.problems
    assert answer.decision_ids == ["D-736"]
    assert "We did not show you this offer in March; here is when we did" in answer.text
    assert "28 July 2024" in answer.text


def test_with_a_channel_named_too_the_date_still_narrows_the_log(candor: Candor) -> None:
    # "Not by email in March" could be untrue of the offer shown on another channel: no guess.
    answer = candor.ask(candor.conversation(CUSTOMER), "why did you email me the water bottle offer in March?")
    assert answer.decision_ids == []
    assert "I have no record" in answer.text


def test_channel_and_month_narrow_the_log(candor: Candor) -> None:
    answer = candor.ask(candor.conversation(CUSTOMER), "Why did I get an email offer in April?")
    assert answer.decision_ids == ["D-306"]


def test_follow_up_refers_to_the_offer_just_discussed(candor: Candor) -> None:
    conversation = candor.conversation(CUSTOMER)
    first = candor.ask(conversation, "Why did I see the water bottle offer?")
    follow = candor.ask(conversation, "and why that one?")
    assert first.decision_ids == follow.decision_ids == ["D-736"]


def test_how_do_i_stop_this_after_an_offer_gives_that_offers_control(candor: Candor) -> None:
    conversation = candor.conversation(CUSTOMER)
    candor.ask(conversation, "Why did I see the camping kitchen email?")  # D-993: contextual offer
    answer = candor.ask(conversation, "how do I stop this?")
    assert answer.intent == "change_control"
    objection = candor.catalog.company.controls["object_to_marketing"]
    assert objection.link is not None and objection.link in answer.text
    assert candor.catalog.company.controls["partner_ads_settings"].label not in answer.text


def test_the_second_one_after_a_list_is_the_second_offer_listed(candor: Candor) -> None:
    conversation = candor.conversation(CUSTOMER)
    listed = candor.ask(conversation, "Why did I see that tent offer?")
    assert listed.needs_clarification and len(listed.listed) >= 2
    second = candor.ask(conversation, "the second one")
    assert second.intent == "why_offer" and second.decision_ids == [listed.listed[1]]


def test_the_one_before_that_is_the_offer_shown_just_before_the_one_discussed(candor: Candor) -> None:
    conversation = candor.conversation(CUSTOMER)
    first = candor.ask(conversation, "Why did I see the water bottle offer?")
    log = [d.decision_id for d in candor.parts.records_for(CUSTOMER).decisions]  # type: ignore[union-attr]
    before = candor.ask(conversation, "and the one before that?")
    assert before.intent == "why_offer"
    assert before.decision_ids == [log[log.index(first.decision_ids[0]) + 1]]


@pytest.mark.parametrize(
    "reply", ["first, how long do you keep my data?", "why did you send the second pair half price"]
)
def test_an_ordinal_that_names_no_place_in_the_list_is_not_a_choice(candor: Candor, reply: str) -> None:
    conversation = candor.conversation(CUSTOMER)
    listed = candor.ask(conversation, "Why did I see that tent offer?")
    assert listed.listed
    answer = candor.ask(conversation, reply)
    assert not (answer.intent == "why_offer" and answer.decision_ids == [listed.listed[0 if "first" in reply else 1]])


def test_a_longer_reply_naming_the_second_one_picks_the_second_offer_listed(candor: Candor) -> None:
    conversation = candor.conversation(CUSTOMER)
    listed = candor.ask(conversation, "Why did I see that tent offer?")
    answer = candor.ask(conversation, "why did you show me the second one?")
    assert answer.decision_ids == [listed.listed[1]]


def test_with_two_channels_named_the_offer_is_sought_on_the_one_its_words_fit(candor: Candor) -> None:
    # The emails are what the explanation cited; the voucher itself was on the website.
    question = (
        "I have never subscribed to any Northwind emails, yet the explanation for the bike tune-up voucher on your "
        "website says I opened your cycling emails. How is that possible?"
    )
    answer = candor.ask(candor.conversation("NW-1041"), question)
    assert answer.decision_ids == ["D-288"], answer.text


def test_a_complaint_naming_the_day_an_offer_came_after_a_switch_off_explains_that_offer(candor: Candor) -> None:
    question = (
        "I turned off partner offers at the end of June, but on 8 July your website showed me bikepacking bags. "
        "Is that still partner stuff?"
    )
    answer = candor.ask(candor.conversation("NW-1003"), question)
    assert answer.intent == "why_offer" and answer.decision_ids == ["D-659"], answer.text


def test_a_consent_question_with_a_date_but_no_offer_stays_a_consent_question(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1001"), "I gave consent on 11 January 2022, what did I agree to?")
    assert answer.intent == "consent_status", answer.text
