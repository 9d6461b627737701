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
    """`finder`: a redactor with the customer directory, to tell a customer's data from the company's. A
    section that holds any customer's value is blocked, so no customer's value is ever made public."""
    blocked: set[str] = set()
    public: set[str] = set()
    for section in sections:
        spans = finder.analyze(section.text)  # once per section
        owned = [finder.owner_of(span) is not None for span in spans]
        if is_injection(section.text) or any(owned):
            blocked.add(section.section_id)
        else:
            public |= {span.text for span in spans}
    return PublishedPolicy(frozenset(blocked), frozenset(public))
