"""Gather evidence for one question: its intent, the customer's own records, and policy passages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from langchain_core.retrievers import BaseRetriever

from assistant.guardrails.injection import is_injection
from assistant.guardrails.redactor import Redactor
from assistant.records.store import CustomerRecords
from assistant.settings import Settings
from assistant.turn import IntentResult, Turn
from assistant.understand.intents import IntentClassifier
from assistant.understand.resolve import resolve

if TYPE_CHECKING:
    pass

# Words added to the retrieval query per intent, so the passage found fits what the answer says.
RETRIEVAL_HINTS = {
    "why_offer": "how we choose offers main parameters personalised",
    "data_held": "what personal data we collect and where it comes from",
    "consent_status": "consent withdraw at any time",
    "change_control": "change your choices opt out object to marketing",
    "sell_share": "do we sell or share your personal data partners",
    "retention": "how long we keep your data retention",
    "access_delete": "your rights access copy delete your data",
    "policy_question": "",
    "segments": "customer groups segments profiling",
    "predictions": "predictions about you models profiling",
    "object_profiling": "objecting to profiling right to object",
    "consent_change": "withdraw consent at any time",
}


class EvidenceGatherer:
    def __init__(
        self,
        records_for: Callable[[str], CustomerRecords | None],
        retriever: BaseRetriever,
        classifier: IntentClassifier,
        vocabulary: set[str],
        settings: Settings,
        redactor: Redactor,
    ) -> None:
        self._redactor = redactor
        self._records_for = records_for
        self._retriever = retriever
        self._classifier = classifier
        self._vocabulary = vocabulary
        self._settings = settings

    def _names_an_offer(self, text: str) -> bool:
        from assistant.understand.resolve import topic_terms

        return bool(topic_terms(text) & self._vocabulary)

    def _classify(self, turn: Turn) -> IntentResult:
        """The intent; a question naming one of the customer's decisions by reference is about that offer,
        and offer names are read as "this offer", so an unfamiliar product name cannot hide the question."""
        from assistant.understand.resolve import named_decisions

        # Read once per turn: gather() reuses them.
        records = turn.records = self._records_for(turn.conversation.customer_id)
        if records is not None and named_decisions(turn.question, records) is not None:
            return IntentResult("why_offer", 1.0, turn.question.lower())
        result = self._classifier.classify(turn.question)
        masked = mask_offer_names(turn.question, self._vocabulary)
        asks_why = bool(_ASKS_WHY.search(turn.question))
        if asks_why and masked != turn.question and result.intent in ("out_of_scope", "policy_question", "data_held"):
            again = self._classifier.classify(masked)
            if again.intent == "why_offer":
                return IntentResult("why_offer", again.score, result.normalized)
        return result

    def gather(self, turn: Turn, *_: Any) -> Turn:
        conversation = turn.conversation
        if turn.decision_id:
            turn.intent = IntentResult("why_offer", 1.0, turn.question.lower())
        elif turn.subject_ref:
            segment = turn.subject_ref.startswith("segment:")
            turn.intent = IntentResult("segments" if segment else "predictions", 1.0, turn.question.lower())
        elif turn.injection:
            turn.intent = IntentResult("injection", 1.0, turn.question.lower())
        elif turn.foreign:
            turn.intent = IntentResult("other_customer", 1.0, turn.question.lower())
        else:
            turn.intent = self._classify(turn)
            if _is_follow_up(turn.question, turn.intent.intent, conversation.recent_decision_ids) or (
                conversation.awaiting_offer_choice
                and self._names_an_offer(turn.intent.normalized)
                and turn.intent.intent in ("out_of_scope", "policy_question", "why_offer", "data_held")
            ):
                turn.intent = IntentResult("why_offer", turn.intent.score, turn.intent.normalized)
        intent = turn.intent.intent
        if intent in ("out_of_scope", "other_customer", "injection"):
            turn.records = None  # a refusal carries no customer records
            return turn
        # Keyed by the conversation's own customer id: no path here reaches another customer's records.
        if turn.records is None:
            turn.records = self._records_for(conversation.customer_id)
        query = f"{turn.intent.normalized} {RETRIEVAL_HINTS.get(intent, '')}".strip()
        # Retrieved text is data, never instructions: a passage that carries some is left out, and so is
        # one that carries a customer's personal data (policy text never should).
        if intent == "policy_question":
            query = f"{query} {turn.question}"
        turn.passages = [
            d
            for d in self._retriever.invoke(query)
            if not is_injection(d.page_content) and not self._redactor.names_someone(d.page_content)
        ]
        if intent == "why_offer" and turn.records is not None:
            # The raw text keeps ids and dates intact; the normalised text adds typo repairs.
            question = turn.decision_id or f"{turn.question} {turn.intent.normalized}"
            turn.resolution = resolve(
                question,
                turn.records,
                self._vocabulary,
                self._settings.clock(),
                conversation.recent_decision_ids,
            )
        return turn


# Only a question asking why an offer reached the customer is re-read with the offer's name masked: "how
# much is the kayak?" names an offer too, but asks nothing about data.
_ASKS_WHY = re.compile(
    r"\b(why|how come|reason|made you|explain|(chose|choose|pick(ed)?|show(ed|n)?|sen[dt]|target(ed)?)\s+(me|you|us)|"
    r"(pick|chose|choose|select|recommend)\w*\b.{0,40}\b(for|to) me|the \w+( \w+)? one\b|"
    r"(did|do) (i|you) (see|get|receive)|(see|saw|seeing|getting|got|receiv\w*)\s+(the|this|that|an?|these)\b)",
    re.I,
)


def mask_offer_names(question: str, vocabulary: set[str]) -> str:
    """The question with the words that name offers replaced by "this offer" (once)."""
    from assistant.understand.resolve import topic_terms

    out: list[str] = []
    masked = False
    for piece in re.split(r"(\W+)", question):
        if piece and piece[0].isalnum() and (words := topic_terms(piece)) and words <= vocabulary:
            if not masked:
                out.append("this offer")
                masked = True
            continue
        out.append(piece)
    return "".join(out) if masked else question


_FOLLOW_UP = re.compile(r"\b(why|how come|reason)\b.*\b(that|this|it|one|the same)\b|^\s*(and|what about)\b", re.I)


def _is_follow_up(question: str, intent: str, recent: list[str]) -> bool:
    """'And why that one?' after an offer was discussed: a why-offer question about it."""
    return bool(recent) and intent in ("out_of_scope", "policy_question") and bool(_FOLLOW_UP.search(question))
