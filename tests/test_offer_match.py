"""Finding the offer a customer means from loose words: lemmas, near spellings, and every field of the offer.

A small grocery log of its own, so that nothing here leans on the sample pack's words."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from assistant.pack.models import Customer, Decision, Offer, Parameter
from assistant.pipeline import Candor
from assistant.records.store import CustomerRecords
from assistant.understand.offer_match import deal_fit, deals, fit, lemma, lemmas
from assistant.understand.resolve import offer_terms, offer_vocabulary, resolve

NOW = datetime(2025, 8, 1, 12, tzinfo=UTC)


def _offer(offer_id: str, title: str, description: str, category: str, sponsor: str | None = None) -> Offer:
    return Offer(
        offer_id=offer_id,
        title=title,
        description=description,
        category=category,
        channels=["push", "email"],
        valid_from=date(2025, 1, 1),
        valid_to=date(2025, 12, 31),
        sponsor=sponsor,
    )


OFFERS = {
    "OF-1": _offer("OF-1", "Fresh strawberries, two punnets for one", "Summer berries from local farms.", "fruit"),
    "OF-2": _offer("OF-2", "20% off Brightbrew kombucha", "Any flavour of the fermented tea.", "drinks", "Brightbrew"),
    "OF-3": _offer(
        "OF-3", "Refer a friend, both get £10", "Give a friend your code and save on your next order.", "loyalty"
    ),
    "OF-4": _offer("OF-4", "Oat milk multipack", "Six cartons of barista oat milk.", "dairy_alternatives"),
    "OF-5": _offer("OF-5", "Oat porridge pots, 3 for 2", "Ready in two minutes.", "breakfast"),
}


def _decision(number: int, offer_id: str, shown: datetime, channel: str) -> Decision:
    return Decision(
        decision_id=f"G-{number}",
        customer_id="GR-1",
        offer_id=offer_id,
        shown_at=shown,
        channel=channel,
        model_version="m-1",
        purpose="contextual_offers",
        legal_basis="legitimate_interest",
        consent_event_id=None,
        parameters=[Parameter(data_category="purchases", signal="bought fruit", weight=0.5)],
    )


RECORDS = CustomerRecords(
    customer=Customer(customer_id="GR-1", name="Ada Example", email="ada@example.org", created_at=NOW),
    decisions=[
        _decision(5, "OF-5", datetime(2025, 7, 25, 9, tzinfo=UTC), "web"),
        _decision(4, "OF-4", datetime(2025, 7, 20, 9, tzinfo=UTC), "email"),
        _decision(3, "OF-3", datetime(2025, 7, 10, 9, tzinfo=UTC), "email"),
        _decision(2, "OF-2", datetime(2025, 6, 2, 9, tzinfo=UTC), "push"),
        _decision(1, "OF-1", datetime(2025, 5, 14, 9, tzinfo=UTC), "push"),
    ],
    offers=OFFERS,
    consents=[],
    memberships=[],
    predictions=[],
)
VOCABULARY = offer_vocabulary(
    {t for offer in OFFERS.values() for t in offer_terms(offer)}
    | offer_terms(_offer("OF-9", "Sourdough loaf", "Baked daily.", "bakery"))
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("why did you send me the strawberry push notification?", ["G-1"]),
        ("why the strawbery thing", ["G-1"]),
        ("that kombucha deal, why me", ["G-2"]),
        ("why did i get the kombuch promo", ["G-2"]),
        ("what made you show me the brightbrew ad", ["G-2"]),
        ("explain the refer-a-friend email", ["G-3"]),
        ("why the oat milk email", ["G-4"]),
        ("why did you push punnets at me", ["G-1"]),
        ("why was I sent the fermented tea offer", ["G-2"]),
        # By a day, as people say it in a story.
        ("I opted out on 18 July and two days later you emailed me. why?", ["G-4"]),
        ("why the email on the 10th", ["G-3"]),
        ("I turned it all off in July. On the 25th the website still showed me something, why?", ["G-5"]),
        ("why the email 12 days ago", ["G-4"]),
    ],
)
def test_an_offer_named_loosely_or_by_a_day_is_found(question: str, expected: list[str]) -> None:
    resolution = resolve(question, RECORDS, VOCABULARY, NOW, [])
    assert resolution.kind == "one" and [d.decision_id for d in resolution.decisions] == expected


def test_an_offer_of_the_pack_this_customer_never_got_has_no_record() -> None:
    resolution = resolve("why did i get the sourdough loaves offer", RECORDS, VOCABULARY, NOW, [])
    assert resolution.kind == "none" and "sourdough" in resolution.reason


def test_words_found_only_in_a_description_do_not_pick_an_offer_alone() -> None:
    # "order" is in the refer-a-friend description, but says nothing about which offer is meant.
    resolution = resolve("why did you email me about my order", RECORDS, VOCABULARY, NOW, [])
    assert resolution.kind != "one"


@pytest.mark.parametrize(
    ("word", "base"),
    [("strawberries", "strawberry"), ("notifications", "notification"), ("hiking", "hike"), ("kombucha", "kombucha")],
)
def test_a_word_is_read_in_its_dictionary_form(word: str, base: str) -> None:
    assert lemma(word) == base


def test_a_title_word_counts_more_than_a_description_word() -> None:
    assert fit(lemmas("strawberries"), OFFERS["OF-1"]) > fit(lemmas("farms"), OFFERS["OF-1"]) > 0


def test_the_best_fit_is_answered_and_a_weaker_fit_is_one_click_away() -> None:
    resolution = resolve("why the oat milk offer", RECORDS, VOCABULARY, NOW, [])
    assert [d.decision_id for d in resolution.decisions] == ["G-4"]
    assert [d.decision_id for d in resolution.others] == ["G-5"]


def test_an_answer_offers_the_other_fitting_offers_as_questions_that_name_them(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1037"), "the ultralight tents offer")
    assert answer.decision_ids and answer.choices
    assert all(c.startswith("Why did I see D-") and f"“{c}”" in answer.text for c in answer.choices)
    again = candor.ask(candor.conversation("NW-1037"), answer.choices[0])
    assert again.decision_ids == [answer.choices[0].removeprefix("Why did I see ").rstrip("?")]


def test_a_deal_named_by_its_numbers_fits_the_title_that_gives_them_in_order() -> None:
    offer = _offer("OF-9", "Stay with us: 3 months for the price of 1", "Keep your plan.", "retention")
    assert deal_fit(deals("and is that why you sent me the 3 for 1 thing?"), offer) == 1.0
    assert deal_fit(deals("the 1 for 3 thing"), offer) == 0.0
    assert deal_fit(deals("why did you send me 3 emails"), offer) == 0.0
