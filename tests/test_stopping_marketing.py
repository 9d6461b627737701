"""'How do I stop it all?' gets the one control that stops all direct marketing; 'will I still see offers?' gets
what turning a consent off leaves."""

from __future__ import annotations

import pytest
from conftest import verified_answer

from assistant.pipeline import Candor
from assistant.understand.request import parse_request

STOP_ALL = "https://northwind.example/account/privacy/object-to-marketing"


@pytest.mark.parametrize(
    ("question", "stop_all", "effect"),
    [
        ("I want ALL marketing to stop. Not just emails. Everything. How?", True, False),
        ("How do I stop getting app notifications about offers?", True, False),
        ("stop all of it", True, False),
        ("if i turn off personalised offers will i still see offers at all?", False, True),
        ("what happens if I withdraw my consent", False, True),
        ("how do i unsubscribe from marketing emails", False, False),
    ],
)
def test_the_request_says_whether_it_asks_to_stop_everything_or_what_is_left(
    candor: Candor, question: str, stop_all: bool, effect: bool
) -> None:
    request = parse_request(question.lower(), candor.catalog, None, [])
    assert (request.stop_all_marketing, request.asks_effect) == (stop_all, effect)


def test_stopping_all_marketing_leads_with_the_control_that_stops_it_all(candor: Candor) -> None:
    answer = verified_answer(candor, "I want ALL marketing to stop. Not just emails. Everything. How?")
    assert answer.intent == "change_control"
    assert answer.text.startswith("To stop all direct marketing at once")
    assert STOP_ALL in answer.text


def test_offers_by_app_notification_are_stopped_by_marketing_controls_not_service_statistics(candor: Candor) -> None:
    answer = verified_answer(candor, "How do I stop getting app notifications about offers?")
    assert STOP_ALL in answer.text
    assert "Improving our services" not in answer.text


def test_turning_personalised_offers_off_leaves_contextual_offers_and_says_so(candor: Candor) -> None:
    answer = verified_answer(candor, "if i turn off personalised offers will i still see offers at all?")
    assert "You may still see contextual offers" in answer.text
    assert "without using a profile of you" in answer.text


def test_a_withdrawal_asked_as_stop_everything_also_offers_the_control_that_stops_it_all(candor: Candor) -> None:
    answer = verified_answer(candor, "stop everything, no more marketing of any kind")
    assert STOP_ALL in answer.text


def test_asked_to_stop_it_all_it_does_not_then_say_contextual_offers_stay(candor: Candor) -> None:
    answer = verified_answer(candor, "how do I stop all marketing? will I still see offers?")
    assert STOP_ALL in answer.text
    assert "You may still see contextual offers" not in answer.text
