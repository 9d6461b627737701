"""A consent-status answer names the offers that relied on a consent after it was withdrawn: "I switched it off
and still got offers" is answered with those offers, not only the dates of the choices."""

from __future__ import annotations

from assistant.pipeline import Candor


def test_offers_shown_after_a_withdrawal_are_listed_with_the_consent(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1012"), "What have I agreed to?")
    assert answer.intent == "consent_status" and answer.verified, answer.text
    assert "relied on this consent after you had withdrawn it" in answer.text
    assert "(ref D-739)" in answer.text


def test_a_consent_never_withdrawn_lists_no_such_offers(candor: Candor) -> None:
    text = candor.ask(candor.conversation("NW-1001"), "What have I agreed to?").text
    assert "after you had withdrawn it" not in text
