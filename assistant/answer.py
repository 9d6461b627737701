"""What an answer is: sentences, each with the citations it rests on, plus the records it used."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Intent = Literal[
    "why_offer",
    "data_held",
    "consent_status",
    "change_control",
    "sell_share",
    "retention",
    "access_delete",
    "out_of_scope",
    "policy_question",
    "other_customer",
    "injection",
    "invalid_input",
    "segments",
    "predictions",
    "object_profiling",
    "consent_change",
    "rate_limited",
]


@dataclass(frozen=True)
class Citation:
    doc_id: str
    section_id: str
    title: str
    quote: str

    def as_dict(self) -> dict[str, str]:
        return {
            "doc_id": self.doc_id,
            "section_id": self.section_id,
            "title": self.title,
            "quote": self.quote,
        }


@dataclass
class Line:
    """One sentence or bullet of an answer, with indexes into the answer's citations."""

    text: str
    cites: list[int] = field(default_factory=list)
    bullet: bool = False


@dataclass
class Answer:
    intent: Intent
    lines: list[Line]
    citations: list[Citation]
    decision_ids: list[str] = field(default_factory=list)
    mode: str = "grounded"
    # Facts the answer attributes to the customer, for the verifier: (kind, decision_id, value).
    claims: list[tuple[str, str, str]] = field(default_factory=list)
    needs_clarification: bool = False
    verified: bool = True
    problems: list[str] = field(default_factory=list)
    # A consent change this answer asks the customer to confirm (consent_change.ChangeRequest).
    proposed_change: Any = None
    # How the answer was made, for `candor ask --json`: model, verification, token counts (LLM mode).
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return render_lines(self.lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "intent": self.intent,
            "citations": [c.as_dict() for c in self.citations],
            "decision_ids": self.decision_ids,
            "mode": self.mode,
            "needs_clarification": self.needs_clarification,
            "verified": self.verified,
            "model": None,
            "verification": "not_run",
            "tokens": None,
        } | self.meta


def render_lines(lines: list[Line]) -> str:
    """Markdown: paragraphs apart, bullets packed under the sentence that introduces them."""
    parts: list[str] = []
    for i, line in enumerate(lines):
        marks = "".join(f" [{n + 1}]" for n in line.cites)
        text = f"- {line.text}{marks}" if line.bullet else f"{line.text}{marks}"
        parts.append(text if i == 0 else ("\n" if line.bullet else "\n\n") + text)
    return "".join(parts)
