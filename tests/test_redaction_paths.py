"""Redaction holds on every path personal data really takes, for people the directory does not know: names of
many origins and international addresses typed into a question, a feedback note or an agent's draft."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from assistant.llm.items import evidence_items
from assistant.pipeline import Candor
from assistant.records.redacted_log import FileLog
from assistant.turn import Turn
from assistant.ui.console import draft_reply
from assistant.ui.feedback import Exchange, FeedbackLog

# Written for this test, not taken from the directory: the redactor must find them by shape and cue.
STRANGERS = [
    ("Oluwaseun Adeyemi", "27 Rue de la Paix, 75002 Paris"),
    ("María José García-López", "14 Calle Mayor, 28013 Madrid"),
    ("Nguyen Thi Hoa", "PO Box 4410, Anchorage, AK 99509"),
    ("Tomasz Wiśniewski", "5 Elm Street, Springfield, IL 62704"),
]
IDS = [name.split()[0] for name, _ in STRANGERS]


def _message(name: str, address: str) -> str:
    return f"My name is {name} and I live at {address}. Why did I get the kayak email?"


def _leaks(text: str, name: str, address: str) -> list[str]:
    street = address.split(",")[0]
    return [v for v in (name, *name.split()[-1:], street) if v in text]


def _files(directory: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in directory.rglob("*.jsonl"))


@pytest.mark.parametrize(("name", "address"), STRANGERS, ids=IDS)
def test_the_question_reaches_the_log_and_transcript_redacted(
    candor: Candor, caplog: pytest.LogCaptureFixture, name: str, address: str
) -> None:
    with caplog.at_level(logging.INFO, logger="candor"):
        candor.ask(candor.conversation("NW-1007"), _message(name, address))
    assert _leaks(caplog.text, name, address) == []
    assert _leaks(_files(candor.settings.data_dir / "transcripts"), name, address) == []


@pytest.mark.parametrize(("name", "address"), STRANGERS, ids=IDS)
def test_evidence_for_a_model_carries_no_stranger(candor: Candor, name: str, address: str) -> None:
    turn = candor.parts.evidence_chain.invoke(Turn(candor.conversation("NW-1007"), _message(name, address)))
    blob = turn.question + "\n".join(i.text for i in evidence_items(turn, candor.redactor))
    assert _leaks(blob, name, address) == []


@pytest.mark.parametrize(("name", "address"), STRANGERS, ids=IDS)
def test_feedback_notes_are_stored_redacted(candor: Candor, tmp_path: Path, name: str, address: str) -> None:
    conversation = candor.conversation("NW-1007")
    question = _message(name, address)
    answer = candor.ask(conversation, question)
    note = f"Please send the answer to {name}, {address}"
    FeedbackLog(FileLog(tmp_path)).record(candor, conversation, Exchange(question, answer), "not_helpful", note)
    assert _leaks(_files(tmp_path), name, address) == []


@pytest.mark.parametrize(("name", "address"), STRANGERS, ids=IDS)
def test_an_agents_draft_leaves_no_stranger_in_logs_or_the_audit(
    candor: Candor, caplog: pytest.LogCaptureFixture, name: str, address: str
) -> None:
    with caplog.at_level(logging.INFO, logger="candor"):
        draft_reply(candor, "agent:alice", "NW-1007", f"Customer's carer {name} ({address}) asks: what do you sell?")
    audit = "\n".join(f"{e.detail} {e.target}" for e in candor.state.audit_entries())
    assert _leaks(caplog.text + audit, name, address) == []
