"""What a conversation remembers between API requests: only what a follow-up needs, per credential and customer,
for a while; in the process on one machine, in the database for replicas (tests/integration for PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.records.conversations import DatabaseConversations, ProcessConversations
from assistant.records.state import LiveState
from assistant.turn import ChangeRequest, Conversation


def _conversation() -> Conversation:
    c = Conversation("NW-1001")
    c.vault.placeholder("EMAIL", "jane@example.com", owner=None)  # a value the customer typed: never kept
    c.recent_decision_ids = ["D-12", "D-7"]
    c.listed_decision_ids = ["D-3", "D-9"]  # the offers a "which one?" answer listed
    c.last_intent = "consent_change"
    c.recent_segment_id = "outdoor_enthusiasts"  # the one group the last answer explained
    c.recent_topic = "security"  # the common topic the last policy answer was about
    c.recent_kinds = ("fitness_tracker",)  # the kinds of data the last question named (ids, never values)
    c.recent_sensitive = ("fitness_tracker",)
    c.pending_change = ChangeRequest("personalized_offers", "withdrawn")
    return c


def test_the_memory_is_ids_the_last_intent_topic_and_kinds_and_a_pending_change_only() -> None:
    memory = _conversation().memory()
    assert memory == {
        "recent_decision_ids": ["D-12", "D-7"],
        "awaiting_offer_choice": False,
        "listed_decision_ids": ["D-3", "D-9"],
        "last_intent": "consent_change",
        "recent_segment_id": "outdoor_enthusiasts",
        "recent_consent": None,
        "recent_topic": "security",
        "recent_kinds": ["fitness_tracker"],
        "recent_sensitive": ["fitness_tracker"],
        "pending_change": {"purpose": "personalized_offers", "status": "withdrawn", "more": []},
    }
    assert "jane" not in json.dumps(memory) and "NW-1001" not in json.dumps(memory)


def test_a_recalled_conversation_continues_where_the_last_one_stopped() -> None:
    resumed = Conversation("NW-1001")
    resumed.recall(_conversation().memory())
    assert resumed.memory() == _conversation().memory()
    assert resumed.pending_change == ChangeRequest("personalized_offers", "withdrawn")


def test_a_pending_change_of_several_consents_is_recalled_whole() -> None:
    conversation = Conversation("NW-1001")
    conversation.pending_change = ChangeRequest("personalized_offers", "withdrawn", ("email_marketing",))
    again = Conversation("NW-1001")
    again.recall(conversation.memory())
    assert again.pending_change == conversation.pending_change


@pytest.fixture(params=["process", "database"])
def memory(request: pytest.FixtureRequest, tmp_path: Path) -> ProcessConversations | DatabaseConversations:
    if request.param == "process":
        return ProcessConversations(ttl=60)
    return DatabaseConversations(LiveState(tmp_path / "state.sqlite").engine, ttl=60)


def test_memory_is_kept_per_credential_and_customer(memory: ProcessConversations | DatabaseConversations) -> None:
    memory.save("session-a", "NW-1001", {"last_intent": "why_offer"})
    assert memory.load("session-a", "NW-1001") == {"last_intent": "why_offer"}
    assert memory.load("session-b", "NW-1001") is None and memory.load("session-a", "NW-1002") is None
    memory.save("session-a", "NW-1001", {"last_intent": "segments"})
    assert memory.load("session-a", "NW-1001") == {"last_intent": "segments"}


def test_memory_is_forgotten_after_its_silence(memory: ProcessConversations | DatabaseConversations) -> None:
    memory.ttl = -1  # already expired when written
    memory.save("session-a", "NW-1001", {"last_intent": "why_offer"})
    assert memory.load("session-a", "NW-1001") is None


def test_two_replicas_on_one_database_share_the_memory(tmp_path: Path) -> None:
    first = DatabaseConversations(LiveState(tmp_path / "state.sqlite").engine)
    second = DatabaseConversations(LiveState(tmp_path / "state.sqlite").engine)
    first.save("session-a", "NW-1001", {"last_intent": "why_offer"})
    assert second.load("session-a", "NW-1001") == {"last_intent": "why_offer"}


def test_one_process_remembers_a_bounded_number_of_conversations() -> None:
    memory = ProcessConversations(limit=2)
    for customer in ("NW-1001", "NW-1002", "NW-1003"):
        memory.save("s", customer, {"last_intent": "why_offer"})
    assert memory.load("s", "NW-1001") is None and memory.load("s", "NW-1003") is not None
