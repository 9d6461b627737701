"""Understanding happens once: later stages decide from the parsed request, never from the question's text."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from assistant.pipeline import Candor
from assistant.understand.request import parse_request

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"


@pytest.mark.parametrize("stage", ["compose", "evidence", "verify"])
def test_a_later_stage_never_reads_the_question_text(stage: str) -> None:
    # The retrieval query is the one exception: evidence gathering searches the policy with the question.
    allowed = {("evidence", "gather.py")}
    readers = []
    for path in sorted((PACKAGE / stage).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            named = isinstance(node, ast.Attribute) and node.attr in ("question", "normalized")
            if named and (stage, path.name) not in allowed:
                readers.append(f"{path.name}:{node.lineno}")
    assert readers == []


def test_the_request_names_purposes_categories_and_the_past(candor: Candor) -> None:
    catalog = candor.catalog
    records = candor.records_for("NW-1007")
    purpose = next(iter(catalog.purposes.values()))
    category = next(iter(catalog.categories.values()))
    request = parse_request(
        f"did you ever use my {category.name.lower()} for {purpose.name.lower()}?", catalog, records, []
    )
    assert purpose.id in request.purposes
    assert category.id in request.categories
    assert request.past and not request.wants_delete and not request.refers_back


def test_a_follow_up_points_back_at_the_offer_just_discussed(candor: Candor) -> None:
    catalog = candor.catalog
    records = candor.records_for("NW-1007")
    assert records is not None and records.decisions
    decision = records.decisions[0]
    request = parse_request("how do i stop that", catalog, records, [decision.decision_id])
    assert request.refers_back and request.recent_purpose == decision.purpose


def test_a_delete_request_is_read_as_one(candor: Candor) -> None:
    request = parse_request("please erase everything you have on me", candor.catalog, None, [])
    assert request.wants_delete and request.segments == ()
