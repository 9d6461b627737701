"""The answer chain: redact → understand → gather evidence → compose → verify → restore, as one LCEL sequence."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant.assembly import Parts, assemble
from assistant.compose.builder import Draft
from assistant.compose.consent_change import compose_done
from assistant.guardrails.rate import Limiter
from assistant.guardrails.redactor import RedactionTimeout, Redactor
from assistant.ingest import Build, current_build, ingest, is_current
from assistant.pack.models import ConsentEvent
from assistant.records.state import LiveState
from assistant.records.storage import open_storage
from assistant.records.store import Catalog, CustomerRecords, RecordStore
from assistant.records.transcripts import Transcript
from assistant.redact.guard import UNREDACTED_NOTICE, Guard
from assistant.retrieval.embeddings import embedding_id, make_embeddings
from assistant.settings import Settings
from assistant.turn import Answer, ChangeRequest, Conversation, Line, Turn
from assistant.understand.change_request import is_no, is_yes
from assistant.understand.follow_ups import ABOUT_KINDS

log = logging.getLogger("candor")

# Answers about one consent, which a follow-up's "it" then means ("did I tick the partner ads box?" … "right,
# switch it off then").
# Answers after which "switch it off" means the one consent the question named: about consents, or about what a
# use holds or does ("what does personalised offers actually use about me?" … "nope. switch it off"). Not sharing:
# "why would they have my email?" names no consent to mean.
_ABOUT_CONSENT = frozenset({"consent_status", "change_control", "consent_change", "data_held", "policy_question"})


class UnknownCustomer(LookupError):
    pass


class Candor:
    """The composition root: built once from settings, then asked questions per conversation."""

    def __init__(
        self, settings: Settings, embeddings: Embeddings | None = None, progress: Any = lambda _: None
    ) -> None:
        self.settings = settings
        self.embeddings = embeddings or make_embeddings(settings)
        self.storage = open_storage(settings)
        self.state: LiveState = self.storage.state
        self.rate: Limiter = self.storage.rate
        builds = self.storage.builds
        if not is_current(settings, embedding_id(self.embeddings), builds):
            ingest(settings, self.embeddings, progress, builds)
        build = current_build(settings.data_dir, builds)
        assert build is not None  # ingest either made one or raised
        self.transcript = Transcript(self.storage.log("transcripts")) if settings.transcripts else None
        self._reload = threading.Lock()
        self._checked = time.monotonic()
        self._load(build)

    def _load(self, build: Build) -> None:
        """Everything that comes from one build (assembly.py), swapped in with one assignment."""
        self.parts: Parts = assemble(self.settings, self.storage, self.embeddings, build, self.state.consents_for)

    # What callers read of the current build: each reads `self.parts` once, so it is one build's.
    @property
    def build(self) -> Build:
        return self.parts.build

    @property
    def store(self) -> RecordStore:
        return self.parts.store

    @property
    def catalog(self) -> Catalog:
        return self.parts.catalog

    @property
    def redactor(self) -> Redactor:
        return self.parts.redactor

    def close(self) -> None:
        """Release what LLM mode holds: its HTTP clients, and the local model server it started."""
        if self.parts.llm is not None:
            self.parts.llm.close()

    @classmethod
    def open(cls, settings: Settings, **kwargs: Any) -> Candor:
        return cls(settings, **kwargs)

    @property
    def build_dir(self) -> Path:
        return self.build.path

    def refresh(self) -> bool:
        """Move to a newer build when one was published (by another process or replica): checked at most
        every `build_check_seconds`, so serving needs no restart after an ingest. A turn already under way
        finishes on the build it started with."""
        now = time.monotonic()
        if now - self._checked < self.settings.build_check_seconds:
            return False
        self._checked = now
        if self.storage.builds.current_name() in (None, self.build.name):
            return False
        with self._reload:
            build = current_build(self.settings.data_dir, self.storage.builds)
            if build is None or build.name == self.build.name:
                return False
            if build.manifest.get("embeddings") != embedding_id(self.embeddings):
                log.warning("build %s was made with another embedding model; staying on %s", build.name, self.build)
                return False
            log.info("switching to build %s", build.name)
            self._load(build)
        return True

    def conversation(self, customer_id: str) -> Conversation:
        self.refresh()
        if not self.store.customer_exists(customer_id):
            raise UnknownCustomer(customer_id)
        return Conversation(customer_id)

    def records_for(self, customer_id: str) -> CustomerRecords | None:
        """One customer's records from the ingested pack, with the consent events made through Candor since."""
        return self.parts.records_for(customer_id)

    def records(self, conversation: Conversation) -> CustomerRecords:
        """The signed-in customer's own records: the only records a conversation can reach."""
        records = self.records_for(conversation.customer_id)
        if records is None:
            raise UnknownCustomer(conversation.customer_id)
        return records

    def change_consent(
        self, conversation: Conversation, change: ChangeRequest, actor: str = "customer"
    ) -> ConsentEvent:
        """Append one consent event (source "assistant") for the conversation's own customer, and audit it."""
        purpose = self.catalog.purposes[change.purpose]
        section = self.catalog.sections.get(purpose.policy_section)
        event = self.state.append_consent(
            conversation.customer_id,
            change.purpose,
            change.status,
            source="assistant",
            policy_version=section.doc_version if section else "unknown",
            evidence=f"Confirmed in Candor by the signed-in customer ({actor})",
        )
        self.state.audit(
            actor=conversation.customer_id if actor == "customer" else actor,
            role=actor,
            action=f"consent_{change.status}",
            target=conversation.customer_id,
            detail=f"{change.purpose} -> {change.status} ({event.event_id})",
        )
        return event

    def _prepare(
        self, parts: Parts, conversation: Conversation, question: str, decision_id: str | None, subject: str | None
    ) -> Turn | Answer:
        """Limits, a pending confirmation, then the grounded chain: a finished Answer, or a Turn to finish."""
        limited = self.rate.check(conversation.session_id, conversation.customer_id)
        if limited is not None:
            return Answer("rate_limited", [Line(limited)], [])
        refusal = parts.guard.check_input(Turn(conversation, question, decision_id))
        if refusal is not None:
            return refusal
        if conversation.pending_change is not None and decision_id is None and subject is None:
            settled = self._settle_change(parts.catalog, conversation, question)
            if settled is not None:
                return settled
        try:
            turn: Turn = parts.chain.invoke(Turn(conversation, question, decision_id, subject))
        except RedactionTimeout:
            log.warning("question refused: redaction ran past its %d ms budget", self.settings.redact_budget_ms)
            return Answer("invalid_input", [Line(UNREDACTED_NOTICE)], [])
        return turn

    def _finish(self, parts: Parts, turn: Turn, result: Any) -> Answer:
        """Take the LLM's answer when it passed verification (else the grounded one), restore, remember."""
        grounded = turn.answer
        assert grounded is not None
        routed = turn.intent is not None and turn.intent.routed
        # The question here is the redacted one: nothing personal reaches the log.
        log.info(
            "question=%r intent=%s routed=%s decisions=%s verified=%s",
            turn.question,
            grounded.intent,
            routed,
            grounded.decision_ids,
            grounded.verified,
        )
        conversation = turn.conversation
        if result is not None:
            turn.answer = result.answer
            turn.answer.meta = result.as_dict()
            if routed:
                turn.answer.meta["intent_routed"] = True  # the model picked between two close readings
            if result.notice:
                turn.answer.lines = [Line(result.notice), *turn.answer.lines]
        self._restore(parts.guard, turn, result)
        conversation.pending_change = grounded.proposed_change
        if grounded.decision_ids:
            conversation.recent_decision_ids = list(grounded.decision_ids)
        # After "which offer do you mean?", a short reply naming an offer is the answer to that question.
        conversation.awaiting_offer_choice = grounded.needs_clarification
        conversation.listed_decision_ids = list(grounded.listed)
        conversation.last_intent = grounded.intent
        explained = {c[2] for c in grounded.claims if c[0] == "segment"}
        conversation.recent_segment_id = (
            explained.pop() if grounded.intent == "segments" and len(explained) == 1 else None
        )
        named = turn.request.consent_purposes
        conversation.recent_consent = (
            named[0] if grounded.intent in _ABOUT_CONSENT and len(named) == 1 and not grounded.decision_ids else None
        )
        conversation.recent_topic = turn.request.topic if grounded.intent == "policy_question" else None
        request = turn.request
        about_kinds = grounded.intent in ABOUT_KINDS or bool(request.sensitive)
        conversation.recent_kinds = (
            (request.data_named or request.categories or request.sensitive) if about_kinds else ()
        )
        conversation.recent_sensitive = request.sensitive if about_kinds else ()
        assert turn.answer is not None
        return turn.answer

    def ask(
        self, conversation: Conversation, question: str, decision_id: str | None = None, subject: str | None = None
    ) -> Answer:
        """Answer one question. `decision_id` or `subject` ("segment:<id>", "prediction:<id>") pin what it is
        about, as the UI's "Why?" buttons do; both are looked up in this customer's records only."""
        self.refresh()
        parts = self.parts  # this turn's build, whatever a refresh does meanwhile
        prepared = self._prepare(parts, conversation, question, decision_id, subject)
        if isinstance(prepared, Answer):
            return prepared
        assert prepared.answer is not None
        result = parts.llm.answer(prepared, prepared.answer) if parts.llm is not None else None
        return self._finish(parts, prepared, result)

    def ask_stream(
        self, conversation: Conversation, question: str, decision_id: str | None = None, subject: str | None = None
    ) -> Iterator[str | Answer]:
        """The answer as it is written (text so far, the customer's own values restored), then the final
        Answer — which replaces the streamed text, with a notice when the grounded answer stands in."""
        self.refresh()
        parts = self.parts
        prepared = self._prepare(parts, conversation, question, decision_id, subject)
        if isinstance(prepared, Answer):
            yield prepared
            return
        assert prepared.answer is not None
        if parts.llm is None:
            answer = self._finish(parts, prepared, None)
            words = answer.text.split(" ")
            for i in range(6, len(words), 6):
                yield " ".join(words[:i])
            yield answer
            return
        from assistant.llm import LLMResult, StreamReset, display_text

        raw = ""
        for event in parts.llm.stream(prepared, prepared.answer):
            if isinstance(event, LLMResult):
                yield self._finish(parts, prepared, event)
            elif isinstance(event, StreamReset):
                raw = ""
                yield "…"
            else:
                raw += event
                yield conversation.vault.restore(display_text(raw))

    def _settle_change(self, catalog: Catalog, conversation: Conversation, question: str) -> Answer | None:
        """The reply to "please confirm": yes records the change, no leaves it; anything else moves on."""
        change, conversation.pending_change = conversation.pending_change, None
        draft = Draft(intent="consent_change", catalog=catalog)
        if change is not None and is_yes(question):
            for purpose in change.purposes:
                compose_done(draft, self.change_consent(conversation, ChangeRequest(purpose, change.status)))
        elif change is not None and is_no(question):
            draft.say("OK, I have not changed anything.")
        else:
            return None
        return draft.answer()

    def _restore(self, guard: Guard, turn: Turn, result: Any = None) -> Turn:
        """The customer's own values back into the answer; the transcript keeps the redacted text."""
        answer = turn.answer
        assert answer is not None
        redacted = guard.redact_answer(answer, turn)
        if self.transcript is not None:
            record = {
                "question": turn.question,
                "intent": answer.intent,
                "mode": answer.mode,
                "answer": "\n".join(redacted),
                "decision_ids": answer.decision_ids,
                "verified": answer.verified,
            }
            if result is not None:
                record.update(llm_verified=result.verified, fallback_reason=result.fallback_reason)
            self.transcript.write(turn.conversation.customer_id, record)
        return turn
