"""Personal data is redacted before it is logged or retrieved, and restored only for its owner."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from assistant.guardrails.redactor import Redactor
from assistant.guardrails.vault import Vault
from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import Customer
from assistant.pipeline import Candor


@pytest.fixture(scope="module")
def redactor(sample_pack: KnowledgePack) -> Redactor:
    return Redactor(list(sample_pack.customers.values()), allow=["privacy@northwind.example"])


def test_dates_and_decision_ids_are_not_mistaken_for_personal_data(redactor: Redactor) -> None:
    text = "why did I see D-736 on 2024-07-28? I wrote to privacy@northwind.example about OF-12"
    assert redactor.redact(text, Vault(owner_id="NW-1007")) == text


def test_vault_restores_the_owners_values_but_never_another_customers(
    redactor: Redactor, sample_pack: KnowledgePack
) -> None:
    me, other = sample_pack.customers["NW-1001"], sample_pack.customers["NW-1002"]
    vault = Vault(owner_id=me.customer_id)
    redacted = redactor.redact(f"I am {me.name}, and {other.name} is my neighbour", vault)
    assert me.name not in redacted and other.name not in redacted
    restored = vault.restore(redacted)
    assert me.name in restored and other.name not in restored
    (foreign,) = vault.foreign()
    assert vault.owners[foreign] == other.customer_id and foreign in redacted


def test_placeholders_are_stable_within_a_conversation(redactor: Redactor) -> None:
    vault = Vault(owner_id="NW-1001")
    first = redactor.redact("call +1 206-555-0199 or mail a@b.example", vault)
    again = redactor.redact("again: +1 (206) 555-0199, a@b.example", vault)
    assert first == "call <PHONE_1> or mail <EMAIL_1>"
    assert again == "again: <PHONE_1>, <EMAIL_1>"


def test_vault_never_shows_values_in_its_repr(redactor: Redactor) -> None:
    vault = Vault(owner_id="NW-1001")
    redactor.redact("jane@mail.example", vault)
    assert "jane" not in repr(vault)


def test_question_is_logged_only_in_redacted_form(
    candor: Candor, sample_pack: KnowledgePack, caplog: pytest.LogCaptureFixture
) -> None:
    me = sample_pack.customers["NW-1001"]
    with caplog.at_level(logging.INFO, logger="candor"):
        candor.ask(candor.conversation("NW-1001"), f"What data do you hold on {me.email}, phone {me.phone}?")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "question=" in logged
    assert me.email not in logged and me.phone not in logged


def test_evidence_for_a_prompt_is_redacted_and_numbered(candor: Candor, sample_pack: KnowledgePack) -> None:
    from assistant.llm.items import evidence_items
    from assistant.turn import Turn

    me = sample_pack.customers["NW-1007"]
    conversation = candor.conversation(me.customer_id)
    turn = candor.parts.evidence_chain.invoke(Turn(conversation, f"I'm {me.name}, why D-736?"))
    items = evidence_items(turn, candor.redactor)
    assert [i.evidence_id for i in items] == [f"E{n}" for n in range(1, len(items) + 1)]
    assert {"policy", "decision", "consent"} <= {i.kind for i in items}
    blob = "\n".join(i.text for i in items)
    for value in (me.name, me.email, me.phone, me.customer_id):
        assert value not in blob


def _customer(customer_id: str, name: str, email: str, **optional: str) -> Customer:
    return Customer(
        customer_id=customer_id, name=name, email=email, created_at=datetime(2023, 1, 1, tzinfo=UTC), **optional
    )


def test_a_directory_address_is_found_whole_with_its_owner_so_its_town_is_no_person() -> None:
    owner = _customer(
        "lumen:u:1", "Giulia Ferri", "g.ferri@posta.example", postal_address="Via dei Platani 18, 20135 Milano, Italia"
    )
    redactor = Redactor([owner])
    text = "The postal address we hold for you: Via dei Platani 18, 20135 Milano, Italia."
    (span,) = redactor.analyze(text)
    assert (span.entity_type, span.text) == ("STREET_ADDRESS", owner.postal_address)
    assert redactor.owner_of(span) == owner.customer_id
    vault = Vault(owner_id=owner.customer_id)
    assert vault.restore(redactor.redact(text, vault)) == text


def test_an_address_ending_in_an_abbreviation_before_a_full_stop_keeps_its_owner() -> None:
    owner = _customer("C-1", "Ada Lowe", "ada@post.example", postal_address="221B Baker St")
    redactor = Redactor([owner])
    text = "The postal address we hold for you: 221B Baker St."
    vault = Vault(owner_id=owner.customer_id)
    assert vault.restore(redactor.redact(text, vault)) == text


def test_a_household_sharing_an_address_and_phone_each_see_them_as_their_own() -> None:
    home = {"phone": "+44 113 496 0000", "postal_address": "12 Oak Road, Leeds LS6 2AB, United Kingdom"}
    first = _customer("C-1", "Ada Lowe", "ada@post.example", **home)
    second = _customer("C-2", "Ben Lowe", "ben@post.example", **home)
    stranger = _customer("C-3", "Cy Moss", "cy@post.example")
    redactor = Redactor([first, second, stranger])
    text = f"The postal address we hold for you: {home['postal_address']}. The phone number: {home['phone']}."
    for asker in (first, second):
        vault = Vault(owner_id=asker.customer_id)
        assert vault.restore(redactor.redact(text, vault)) == text
        assert vault.foreign() == []
    # Someone outside the household never gets the values back.
    vault = Vault(owner_id=stranger.customer_id)
    restored = vault.restore(redactor.redact(text, vault))
    assert home["postal_address"] not in restored and home["phone"] not in restored
