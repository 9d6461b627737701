"""What the published policy makes public, and which of its sections must never be quoted.

A policy is public text: the company's addresses, phone numbers and named officers in it stay readable in
answers. A section that carries instructions (planted text) or a customer's personal data is not policy at
all: it is never quoted, the same rule retrieved passages follow (`evidence/gather.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assistant.guardrails.injection import is_injection
from assistant.guardrails.redactor import Redactor
from assistant.pack.models import Section


@dataclass(frozen=True)
class PublishedPolicy:
    blocked: frozenset[str]  # section ids never quoted
    public: frozenset[str]  # values the redactor leaves readable


def published_policy(sections: Iterable[Section], finder: Redactor) -> PublishedPolicy:
    """`finder`: a redactor with the customer directory, to tell a customer's data from the company's."""
    sections = list(sections)
    blocked = {s.section_id for s in sections if is_injection(s.text) or finder.names_someone(s.text)}
    public = {
        span.text
        for s in sections
        if s.section_id not in blocked
        for span in finder.analyze(s.text)
        if finder.owner_of(span) is None  # never a customer's value, wherever it appears
    }
    return PublishedPolicy(frozenset(blocked), frozenset(public))
