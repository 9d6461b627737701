"""Gather evidence for one understood question: the policy passages that fit its intent."""

from __future__ import annotations

from typing import Any

from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from assistant.guardrails.injection import is_injection
from assistant.guardrails.redactor import Redactor
from assistant.retrieval.retrievers import terms
from assistant.retrieval.selector import SentenceSelector
from assistant.turn import Turn

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
    "minimisation": "what data we collect and why we need it",
    "fairness": "how we choose offers personalised profiling",
}


# Each intent's own topic words, stemmed once rather than per question.
_HINT_WORDS = {intent: set(terms(hint)) for intent, hint in RETRIEVAL_HINTS.items()}

# Intents answered from the records or one policy section, whose question may also name something specific
# that only one policy sentence speaks to ("I don't need to give a reason, do I?", "what about my points?").
SPECIFIC_AFTER = frozenset(
    {
        "data_held",
        "change_control",
        "access_delete",
        "object_profiling",
        "consent_status",
        "segments",
        "predictions",
        "minimisation",
        "fairness",
        "retention",
        "sell_share",
    }
)


_QUOTED_BESIDE = 2  # the policy's sentences on sensitive data or a practice, quoted beside the records


# Answers about data held or used, beside which the policy's own sentences on sensitive data or a practice go.
_BESIDE = frozenset({"data_held", "predictions", "minimisation", "sell_share"})


class EvidenceGatherer:
    """The customer's records (read by the understand stage) and the policy passages that fit the intent."""

    def __init__(
        self,
        retriever: BaseRetriever,
        redactor: Redactor,
        selector: SentenceSelector | None = None,
        blocked: frozenset[str] = frozenset(),
    ) -> None:
        self._redactor = redactor
        # Sections never quoted (`Catalog.blocked`): one chunk of them may look clean where the section is not.
        self._blocked = blocked
        self._retriever = retriever
        # The policy sentences that answer a policy question (the whole policy, not the top passages).
        self._selector = selector

    def gather(self, turn: Turn, *_: Any) -> Turn:
        assert turn.intent is not None, "the understand stage runs first"
        intent = turn.intent.intent
        if intent in ("out_of_scope", "other_customer", "injection"):
            turn.records = None  # a refusal carries no customer records
            return turn
        query = f"{turn.intent.normalized} {RETRIEVAL_HINTS.get(intent, '')}".strip()
        if intent == "policy_question":
            query = f"{query} {turn.question}"
        turn.passages = self._passages(query)
        if "policy_question" in (intent, turn.request.also) and self._selector is not None:
            # A common topic is answered from its own sections; else a practice the policy speaks of ("was that call
            # recorded?") from the likeliest of the sentences that speak of it.
            within, spoken = turn.request.topic_sections, turn.request.practice_sentences
            turn.policy_selection = (
                self._selector.among(turn.question, spoken)
                if spoken and not within
                else self._selector(turn.question, within)
            )
        # Beyond data questions, the words of the intent's own topic name nothing specific ("retention period").
        specific = set(turn.request.specific_words) - (
            set() if intent == "data_held" else _HINT_WORDS.get(intent, set())
        )
        # A common topic is answered from its own sections; a sentence elsewhere on something the question names
        # ("is my password stored safely?": the one on passwords, under what data is collected) is quoted too.
        topical = intent == "policy_question" and bool(turn.request.topic_sections)
        if (intent in SPECIFIC_AFTER or topical) and self._selector is not None and specific:
            turn.specific_selection = self._selector.specific(turn.question, specific)
        # "did you get my info from facebook?", "can my daughter send you a request on my behalf?": the policy's
        # sentences on that practice, instead of a sentence sharing a word with the question; "do you know I'm
        # diabetic??": what the policy promises about such data, unless a sentence on what the question names was
        # found. Only beside answers about the data itself: a setting or a group naming the tracker is answered by
        # its own record.
        practice = turn.request.practice_sentences if intent in (*_BESIDE, "access_delete") else ()
        sensitive = turn.request.sensitive_sentences if intent in _BESIDE else ()
        found = turn.specific_selection is not None and bool(turn.specific_selection.sentences)
        spoken = practice or (sensitive if not found else ())
        if spoken and self._selector is not None:
            turn.specific_selection = self._selector.among(turn.question, spoken, most=_QUOTED_BESIDE)
        if turn.request.also:
            turn.also_passages = self._passages(f"{turn.intent.normalized} {RETRIEVAL_HINTS[turn.request.also]}")
        return turn

    def _passages(self, query: str) -> list[Document]:
        # Retrieved text is data, never instructions: a passage that carries some is left out, and so is
        # one that carries a customer's personal data (policy text never should).
        return [
            d
            for d in self._retriever.invoke(query)
            if d.metadata.get("section_id") not in self._blocked
            and not is_injection(d.page_content)
            and not self._redactor.names_someone(d.page_content)
        ]
