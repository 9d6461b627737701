"""The guardrail stages of the chain: check and redact the question; redact the answer, then restore
only the signed-in customer's own values."""

from __future__ import annotations

import re
import time
from dataclasses import replace

from assistant.guardrails.injection import asks_about_others, decoded_variants, is_instruction
from assistant.guardrails.limits import input_problem
from assistant.guardrails.redactor import Redactor
from assistant.guardrails.vault import Vault
from assistant.turn import Answer, Line, Turn

# Said instead of an answer when a message could not be fully redacted in time: it is dropped, not read.
UNREDACTED_NOTICE = (
    "I couldn't check your message for personal details quickly enough, so I have not read or kept it. "
    "Please send a shorter question."
)


# "Is <PERSON_1> in the football group too?", "what does <PERSON_2>'s profile say?": a question about someone the
# customer names, whether or not they are a customer here. No customer reaches another's records, so it is answered
# as such rather than with the asker's own groups. The asker's own name is theirs (`Vault.owners`).
_ABOUT_NAMED = re.compile(
    r"\b(?:is|was|are|were)\s+(<PERSON_\d+>)\s+(?:also\s+|too\s+)?(?:in|on|part of|a member|getting|being|shown|"
    r"sent|profiled|scored|flagged|targeted)\b|"
    r"(<PERSON_\d+>)\s*'s\s+(?:data|account|records?|groups?|segments?|offers?|profile|predictions?|scores?|consents?|"
    r"details|history)\b",
    re.IGNORECASE,
)


def _asks_about_someone_named(question: str, vault: Vault) -> bool:
    return any(vault.owners.get(m[1] or m[2]) != vault.owner_id for m in _ABOUT_NAMED.finditer(question))


class Guard:
    def __init__(self, redactor: Redactor, max_tokens: int, max_line_chars: int, budget_seconds: float) -> None:
        self.redactor = redactor
        self.max_tokens = max_tokens
        self.max_line_chars = max_line_chars
        # How long redacting one question may take before it is refused (RedactionTimeout propagates).
        self.budget_seconds = budget_seconds

    def check_input(self, turn: Turn) -> Answer | None:
        """A polite refusal for input Candor will not read; None when the question may go on."""
        problem = input_problem(turn.question, self.max_tokens, self.max_line_chars)
        return Answer("invalid_input", [Line(problem)], []) if problem else None

    def redact_question(self, turn: Turn) -> Turn:
        vault = turn.conversation.vault
        raw = turn.question
        deadline = time.perf_counter() + self.budget_seconds
        turn.injection = is_instruction(raw)
        turn.question = self.redactor.redact(raw, vault, deadline)
        foreign = set(vault.foreign())
        turn.foreign = (
            asks_about_others(raw)
            or any(token in turn.question for token in foreign)
            or _asks_about_someone_named(turn.question, vault)
        )
        # Encoded identifiers ("TlctMTAwMg==") are decoded and checked like plain ones.
        for variant in decoded_variants(raw):
            for span in self.redactor.analyze(variant, deadline, model=False):  # only the directory's owners count
                owner = self.redactor.owner_of(span, vault.owner_id)
                if owner is not None and owner != vault.owner_id:
                    turn.foreign = True
        return turn

    def redact_answer(self, answer: Answer, turn: Turn) -> list[str]:
        """Redact every line and quote (path c), returning the redacted lines for logs; then restore only the
        customer's own values."""
        vault = turn.conversation.vault
        redacted = []
        # A grounded answer is the company's own text and the customer's records: the rules find its people.
        # A model's text is not: the NER model (if on) reads it too.
        model = answer.mode != "grounded"
        for line in answer.lines:
            line.text = self.redactor.redact(line.text, vault, model=model)
            redacted.append(line.text)
            line.text = vault.restore(line.text)
        answer.citations = [
            replace(c, quote=vault.restore(self.redactor.redact(c.quote, vault, model=False))) for c in answer.citations
        ]
        return redacted
