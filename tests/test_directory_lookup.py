"""The customer directory is looked up per word, so redaction costs the same with 48 customers or 100,000:
known names where a word starts, known ids as whole words (tables of cases, as for the redaction rules)."""

from __future__ import annotations

import pytest

from assistant.guardrails.gazetteer import Gazetteer
from assistant.guardrails.redactor import Redactor
from assistant.pack.models import Customer

CUSTOMERS = [
    Customer(customer_id="NW-1007", name="Ann Smith", email="ann@mail.example", created_at="2024-01-01T00:00:00Z"),
    Customer(customer_id="C42", name="Lukas Brenner", email="lb@mail.example", created_at="2024-01-01T00:00:00Z"),
]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("please ask ann smith", ["ann smith"]),
        ("ANN SMITH and Lukas Brenner", ["ann smith", "lukas brenner"]),
        ("Ann Smith, then ann smith again", ["ann smith", "ann smith"]),
        ("JoAnn Smith wrote", []),  # not inside another word
        ("Ann Smithers", ["ann smith"]),  # a name's end is left to the span rules, as before
        ("nobody here", []),
    ],
)
def test_known_names_are_found_where_a_word_starts(text: str, found: list[str]) -> None:
    gazetteer = Gazetteer(c.name for c in CUSTOMERS)
    lowered = text.lower()
    assert [lowered[s:e] for s, e in gazetteer.find(lowered)] == found


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("my id is nw-1007.", ["nw-1007"]),
        ("C42 and NW-1007", ["C42", "NW-1007"]),
        ("NW-1007-X is not one", []),
        ("xC42 nor C420", []),
    ],
)
def test_known_ids_are_found_as_whole_words(text: str, ids: list[str]) -> None:
    spans = Redactor(CUSTOMERS).analyze(text)
    assert [s.text for s in spans if s.entity_type == "CUSTOMER_ID"] == ids
