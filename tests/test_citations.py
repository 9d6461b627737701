"""Every answer's citations resolve to real sections and quote them word for word."""

from __future__ import annotations

import pytest

from assistant.compose.builder import plain
from assistant.pipeline import Candor

QUESTIONS = [
    ("NW-1007", "Why did I see the water bottle offer?"),
    ("NW-1002", "Why did I see my latest offer?"),
    ("NW-1001", "What data do you have about me?"),
    ("NW-1003", "What have I agreed to?"),
    ("NW-1008", "Did I consent to personalised offers?"),
    ("NW-1001", "How do I stop personalised offers?"),
    ("NW-1001", "stop using my purchase history for offers"),
    ("NW-1015", "Do you sell or share my data?"),
    ("NW-1020", "How long do you keep my browsing data?"),
    ("NW-1020", "How do I delete my data?"),
    ("NW-1030", "Do you use cookies?"),
    ("NW-1030", "Do you send my data outside Europe?"),
    ("NW-1030", "Who is your data protection officer?"),
]


@pytest.mark.parametrize(("customer", "question"), QUESTIONS)
def test_citations_resolve_to_sections_and_quote_them(candor: Candor, customer: str, question: str) -> None:
    answer = candor.ask(candor.conversation(customer), question)
    assert answer.verified, answer.problems
    assert answer.citations, f"{answer.intent} answer carries no citation"
    for c in answer.citations:
        section = candor.catalog.sections[c.section_id]
        assert c.doc_id == section.doc_id and c.title == section.title
        assert c.quote and plain(c.quote) in plain(section.text)
    cited = {i for line in answer.lines for i in line.cites}
    assert cited == set(range(len(answer.citations))), "every citation is attached to a sentence"


def test_out_of_scope_question_is_declined_and_says_what_candor_can_do(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1001"), "Tell me a joke about penguins")
    assert answer.intent == "out_of_scope"
    assert "can't help with that" in answer.text and "Why you saw an offer" in answer.text
    assert answer.decision_ids == []


def test_question_about_another_customer_is_refused(candor: Candor) -> None:
    other = candor.store.records_for("NW-1002")
    assert other is not None
    answer = candor.ask(candor.conversation("NW-1001"), f"What offers did {other.customer.name} get?")
    assert answer.intent == "other_customer"
    assert "only talk about your own records" in answer.text
    assert not any(o.title in answer.text for o in other.offers.values())


def test_the_published_policy_passes_answer_redaction_unchanged(candor: Candor) -> None:
    # The policy's own addresses, phone numbers and contacts are public: a quote must never become a placeholder.
    vault = candor.conversation("NW-1030").vault
    changed = [
        s.section_id for s in candor.catalog.sections.values() if candor.redactor.redact(s.text, vault) != s.text
    ]
    assert changed == []
