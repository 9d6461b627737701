"""Personal data is redacted before it is logged or retrieved, and restored only for its owner."""

from __future__ import annotations

import logging

import pytest

from assistant.pack.loader import KnowledgePack
from assistant.pipeline import Candor
from assistant.redact import Redactor, Vault, restore


@pytest.fixture(scope="module")
def redactor(sample_pack: KnowledgePack) -> Redactor:
    return Redactor(list(sample_pack.customers.values()))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("write to jane.doe@mail.example please", "EMAIL"),
        ("call me on +44 20 7946 0958", "PHONE"),
        ("my number is (206) 555-0147", "PHONE"),
    ],
)
def test_structured_values_become_typed_placeholders(redactor: Redactor, text: str, kind: str) -> None:
    out = redactor.redact(text, Vault(owner_id="NW-1001"))
    assert f"<{kind}_1>" in out
    assert "@" not in out and "555" not in out and "7946" not in out


def test_dates_and_decision_ids_are_not_mistaken_for_phone_numbers(redactor: Redactor) -> None:
    text = "why did I see D-736 on 2024-07-28?"
    assert redactor.redact(text, Vault(owner_id="NW-1007")) == text


def test_vault_restores_the_owners_values_but_never_another_customers(
    redactor: Redactor, sample_pack: KnowledgePack
) -> None:
    me, other = sample_pack.customers["NW-1001"], sample_pack.customers["NW-1002"]
    vault = Vault(owner_id=me.customer_id)
    redacted = redactor.redact(f"I am {me.name}, and {other.name} is my neighbour", vault)
    assert me.name not in redacted and other.name not in redacted
    restored = restore(redacted, vault)
    assert me.name in restored and other.name not in restored
    (foreign,) = vault.foreign()
    assert vault.owners[foreign] == other.customer_id and foreign in redacted


def test_question_is_logged_only_in_redacted_form(
    candor: Candor, sample_pack: KnowledgePack, caplog: pytest.LogCaptureFixture
) -> None:
    me = sample_pack.customers["NW-1001"]
    with caplog.at_level(logging.INFO, logger="candor"):
        candor.ask(candor.conversation("NW-1001"), f"What data do you hold on {me.email}, phone {me.phone}?")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "question=" in logged
    assert me.email not in logged and me.phone not in logged
