"""Helpful / not helpful ratings of answers, stored redacted for evaluation.

One JSON line per rating, where `Storage.log("feedback")` says: `<data dir>/feedback/<day>.jsonl` on one
machine, the shared database's redacted log with replicas. Every text field (the question, the answer, the
customer's optional reason) goes through the same redactor as the question did, with the conversation's
vault, so placeholders match the transcripts'. The customer is the transcript pseudonym (a salted hash)
when transcripts are on, else a salted hash of the feedback log's own.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.pipeline import Candor
from assistant.records.redacted_log import RedactedLog
from assistant.turn import Answer, Conversation

Rating = Literal["helpful", "not_helpful"]
RATINGS: tuple[Rating, ...] = ("helpful", "not_helpful")
MAX_REASON_CHARS = 1000


@dataclass
class Exchange:
    """One question and the answer shown for it, as the customer saw them (their own values restored)."""

    question: str
    answer: Answer
    at: str = field(default_factory=lambda: time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))


class FeedbackLog:
    def __init__(self, log: RedactedLog) -> None:
        self.log = log

    def record(
        self, candor: Candor, conversation: Conversation, exchange: Exchange, rating: Rating, reason: str = ""
    ) -> dict[str, Any]:
        """Append one rating of `exchange`, redacted; returns the stored record."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}")

        def redact(text: str) -> str:
            return candor.redactor.redact(text, conversation.vault)

        customer = conversation.customer_id
        answer = exchange.answer
        line: dict[str, Any] = {
            "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "customer": (
                candor.transcript.pseudonym(customer) if candor.transcript is not None else self.log.pseudonym(customer)
            ),
            "session": hashlib.sha256(conversation.session_id.encode()).hexdigest()[:16],
            "rating": rating,
            "reason": redact(reason.strip()[:MAX_REASON_CHARS]),
            "question": redact(exchange.question),
            "answer": redact(answer.text),
            "intent": answer.intent,
            "mode": answer.mode,
            "verified": answer.verified,
            "decision_ids": list(answer.decision_ids),
            "citations": [c.section_id for c in answer.citations],
            "fallback_reason": answer.meta.get("fallback_reason"),
        }
        self.log.append(line)
        return line
