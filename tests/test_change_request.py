"""Which consent a request to change one names, in the customer's own words."""

from __future__ import annotations

import pytest

from assistant.pipeline import Candor
from assistant.understand.change_request import requested_change


@pytest.mark.parametrize(
    ("question", "purpose", "status"),
    [
        ("stop emailing me pls", "email_marketing", "withdrawn"),
        ("unsubscribe me", "email_marketing", "withdrawn"),
        ("take me off your mailing list", "email_marketing", "withdrawn"),
        ("subscribe me to your newsletter again", "email_marketing", "granted"),
        ("withdraw my consent to partner offers", "partner_advertising", "withdrawn"),
        ("stop personalising my offers", "personalized_offers", "withdrawn"),
    ],
)
def test_a_request_names_the_consent_it_changes(candor: Candor, question: str, purpose: str, status: str) -> None:
    change = requested_change(question, candor.catalog, None)
    assert change is not None
    assert (change.purpose, change.status) == (purpose, status)


def test_a_request_naming_no_consent_names_none(candor: Candor) -> None:
    assert requested_change("stop it", candor.catalog, None) is None
