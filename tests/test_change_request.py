"""Which consent a request to change one names, in the customer's own words."""

from __future__ import annotations

import pytest

from assistant.pack.consent import current
from assistant.pipeline import Candor
from assistant.settings import Settings
from assistant.understand.change_request import is_yes, requested_change


@pytest.mark.parametrize(
    ("question", "purpose", "status"),
    [
        ("stop emailing me pls", "email_marketing", "withdrawn"),
        ("unsubscribe me", "email_marketing", "withdrawn"),
        ("take me off your mailing list", "email_marketing", "withdrawn"),
        ("subscribe me to your newsletter again", "email_marketing", "granted"),
        ("withdraw my consent to partner offers", "partner_advertising", "withdrawn"),
        ("stop personalising my offers", "personalized_offers", "withdrawn"),
        ("right, then unsubscribe me again", "email_marketing", "withdrawn"),
        ("I withdraw my consent to tailoring again", "personalized_offers", "withdrawn"),
    ],
)
def test_a_request_names_the_consent_it_changes(candor: Candor, question: str, purpose: str, status: str) -> None:
    change = requested_change(question, candor.catalog, None)
    assert change is not None
    assert (change.purpose, change.status) == (purpose, status)


@pytest.mark.parametrize(
    "question",
    [
        "withdraw any consent I gave for marketing emails",
        "withdraw my marketing email consent but keep all the other consents",
    ],
)
def test_a_request_naming_one_consent_is_not_a_request_for_all(candor: Candor, question: str) -> None:
    change = requested_change(question, candor.catalog, None, ("personalized_offers", "email_marketing"))
    assert change is not None and change.purposes == ("email_marketing",)


def test_a_yes_with_a_but_is_not_a_confirmation() -> None:
    assert is_yes("yes please") and not is_yes("yes, but keep the emails")


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
