"""Feedback is stored redacted with a pseudonym; the download and the chat's notices read as intended."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy

from assistant.pipeline import Candor
from assistant.records.redacted_log import DatabaseLog, FileLog
from assistant.records.state import LiveState
from assistant.turn import Answer, Line
from assistant.ui.export import conversation_markdown
from assistant.ui.feedback import Exchange, FeedbackLog
from assistant.ui.rendering import chat_text


def test_feedback_is_redacted_and_pseudonymous(candor: Candor, tmp_path: Path) -> None:
    customer = candor.store.records_for("NW-1004").customer  # type: ignore[union-attr]
    conversation = candor.conversation("NW-1004")
    question = f"Do you sell my data? I am {customer.name}, {customer.email}"
    answer = candor.ask(conversation, question)
    log = FeedbackLog(FileLog(tmp_path / "feedback"))
    reason = f"Call me on {customer.phone} instead"
    stored = log.record(candor, conversation, Exchange(question, answer), "not_helpful", reason)

    raw = "".join(p.read_text() for p in (tmp_path / "feedback").glob("*.jsonl"))
    assert json.loads(raw.splitlines()[0]) == stored
    for value in (customer.name, customer.email, customer.phone, "NW-1004"):
        assert value not in raw
    assert "<PHONE" in stored["reason"] and "<EMAIL" in stored["question"]
    assert stored["rating"] == "not_helpful" and stored["intent"] == answer.intent
    assert candor.transcript is not None and stored["customer"] == candor.transcript.pseudonym("NW-1004")


def test_feedback_without_transcripts_still_uses_a_salted_pseudonym(candor: Candor, tmp_path: Path) -> None:
    conversation = candor.conversation("NW-1004")
    answer = candor.ask(conversation, "What have I agreed to?")
    saved, candor.transcript = candor.transcript, None
    try:
        stored = FeedbackLog(FileLog(tmp_path)).record(
            candor, conversation, Exchange("What have I agreed to?", answer), "helpful"
        )
    finally:
        candor.transcript = saved
    assert len(stored["customer"]) == 16 and "NW-1004" not in json.dumps(stored)
    assert (tmp_path / ".salt").exists()


def test_with_a_shared_database_feedback_and_transcripts_go_to_its_append_only_log(
    candor: Candor, tmp_path: Path
) -> None:
    state = LiveState(tmp_path / "shared.sqlite")  # migrates the state tables, the redacted log among them
    conversation = candor.conversation("NW-1004")
    answer = candor.ask(conversation, "What have I agreed to?")
    one, other = DatabaseLog(state.engine, "feedback"), DatabaseLog(state.engine, "transcripts")
    stored = FeedbackLog(one).record(candor, conversation, Exchange("What have I agreed to?", answer), "helpful")
    other.append({"customer": other.pseudonym("NW-1004"), "question": "redacted"})
    assert one.lines() == [stored] and [line["question"] for line in other.lines()] == ["redacted"]
    # Every writer (another replica's log object) names a customer by the same pseudonym: the salt lives in
    # the database.
    assert DatabaseLog(state.engine, "feedback").pseudonym("NW-1004") == other.pseudonym("NW-1004")
    with pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"), state.engine.begin() as con:
        con.exec_driver_sql("DELETE FROM redacted_log")
    state.close()


def test_download_lists_each_answer_with_its_sources(candor: Candor) -> None:
    conversation = candor.conversation("NW-1004")
    first = candor.ask(conversation, "Do you sell my data?")
    second = candor.ask(conversation, "What have I agreed to?")
    text = conversation_markdown("Northwind", [Exchange("Do you sell my data?", first), Exchange("Agreed?", second)])
    assert text.count("## ") >= 2 and "Do you sell my data?" in text and first.text in text
    for citation in first.citations:
        assert citation.section_id in text
    assert "No questions asked yet" in conversation_markdown("Northwind", [])


def test_rate_limit_and_llm_fallback_stand_apart_in_the_chat() -> None:
    limited = Answer("rate_limited", [Line("Please wait about 30 seconds and try again.")], [])
    assert 'class="candor-notice candor-notice-limit"' in chat_text(limited)
    fallback = Answer("sell_share", [Line("The AI service is unavailable right now."), Line("We do not sell.")], [])
    fallback.meta = {"fallback_reason": "connection refused"}
    shown = chat_text(fallback)
    assert shown.startswith('<div class="candor-notice candor-notice-fallback">') and shown.endswith("We do not sell.")
    plain = Answer("sell_share", [Line("We do not sell <your> data.")], [])
    assert chat_text(plain) == plain.text
