"""Fail safe: a question that cannot be fully redacted within its time budget is refused, never used."""

from __future__ import annotations

import time

import pytest

from assistant.guardrails.redactor import RedactionTimeout, Redactor
from assistant.guardrails.vault import Vault
from assistant.pipeline import Candor
from assistant.redact.guard import UNREDACTED_NOTICE

TEXT = "Hi, I'm Dana Whitfield, 12 Harbour Road, Leeds LS1 4AB, call me on 0113 496 0000."


def test_redaction_past_its_deadline_raises_instead_of_returning_part() -> None:
    with pytest.raises(RedactionTimeout):
        Redactor().redact(TEXT, Vault(owner_id="NW-1"), deadline=time.perf_counter() - 1)


def test_redaction_within_its_deadline_redacts_everything() -> None:
    redacted = Redactor().redact(TEXT, Vault(owner_id="NW-1"), deadline=time.perf_counter() + 60)
    assert "0113" not in redacted and "Harbour" not in redacted


def test_a_question_that_cannot_be_redacted_in_time_is_refused_and_not_kept(
    candor: Candor, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(candor.parts.guard, "budget_seconds", -1.0)
    conversation = candor.conversation("NW-1007")
    answer = candor.ask(conversation, f"why did I get the kayak email? {TEXT}")
    assert answer.intent == "invalid_input"
    assert answer.text == UNREDACTED_NOTICE
    assert conversation.vault.restore("<PERSON_1>") == "<PERSON_1>"  # nothing of it reached the vault
    assert "Whitfield" not in caplog.text


def test_the_streamed_path_refuses_too(candor: Candor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(candor.parts.guard, "budget_seconds", -1.0)
    *_, final = candor.ask_stream(candor.conversation("NW-1007"), TEXT)
    assert final.text == UNREDACTED_NOTICE  # type: ignore[union-attr]
