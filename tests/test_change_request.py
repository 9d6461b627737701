"""Which consent a request to change one names, in the customer's own words."""

from __future__ import annotations

import pytest

from assistant.pack.consent import current
from assistant.pipeline import Candor
from assistant.settings import Settings
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


def test_withdrawing_all_consents_names_every_consent_given(candor: Candor) -> None:
    change = requested_change(
        "please withdraw all my consents", candor.catalog, None, ("personalized_offers", "email_marketing")
    )
    assert change is not None
    assert (change.purposes, change.status) == (("personalized_offers", "email_marketing"), "withdrawn")


def test_all_consents_are_withdrawn_after_one_confirmation(
    candor: Candor, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> None:
    own = Candor(settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("all-consents")}), candor.embeddings)
    conversation = own.conversation("NW-1001")
    asked = own.ask(conversation, "please withdraw all my consents")
    assert asked.verified and "Please confirm" in asked.text
    assert "Personalized offers:" in asked.text and "Marketing emails:" in asked.text
    done = own.ask(conversation, "yes")
    assert done.text.count("Done.") == 2
    given = [
        p
        for p in own.catalog.purposes
        if (e := current(own.records(conversation).consents, p)) and e.status == "granted"
    ]
    assert given == []
