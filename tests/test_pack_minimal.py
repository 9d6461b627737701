"""A pack a real company can write: only a name, a privacy contact and a policy are required of the company;
optional fields left out never make an answer untrue; `candor validate` shows every problem at once."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.cli import main as candor_main
from assistant.pack.loader import load_pack
from assistant.pack.report import validate
from assistant.pipeline import Candor
from assistant.settings import Settings

POLICY = """---
doc_id: privacy
title: Privacy notice
version: "1"
effective_date: 2024-01-01
---

## How we choose offers

We choose offers from what you bought and from the page you are on. You can object at any time.

## Your rights

You can ask for a copy of your data or ask us to delete it. Write to our privacy team.
"""


def _jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def write_minimal_pack(root: Path, profiling: str = "") -> Path:
    """A small shop's pack: no controls, no support contact, no phone or address, `profiling` as given."""
    (root / "policies").mkdir(parents=True)
    (root / "policies" / "privacy.md").write_text(POLICY, encoding="utf-8")
    (root / "company.yaml").write_text("name: Corner Books\ncontacts:\n  privacy_email: privacy@corner.example\n")
    (root / "data_catalog.yaml").write_text(
        "categories:\n"
        "  - {id: purchases, name: Purchase history, description: What you bought., sources: [You],"
        " purposes: [offers], retention: 2 years, shared_with: [], sensitive: false}\n"
        "  - {id: reading_health, name: Health reading, description: Books on health conditions you bought.,"
        " sources: [You], purposes: [offers], retention: 2 years, shared_with: [], sensitive: true}\n"
        "  - {id: page, name: The page you are on, description: The page open now., sources: [Our website],"
        " purposes: [offers], retention: Not kept, shared_with: [], sensitive: false, context: true}\n"
    )
    (root / "purposes.yaml").write_text(
        "purposes:\n  - id: offers\n    name: Offers\n    description: Choosing offers.\n"
        f"    legal_basis: legitimate_interest\n{profiling}    policy_section: privacy#how-we-choose-offers\n"
    )
    _jsonl(
        root / "customers.jsonl",
        [
            {
                "customer_id": "CB-1",
                "name": "Ada Quill",
                "email": "ada@mail.example",
                "created_at": "2024-01-02T10:00:00Z",
            },
            {
                "customer_id": "CB-2",
                "name": "Ben Ink",
                "email": "ben@mail.example",
                "created_at": "2024-01-02T10:00:00Z",
            },
        ],
    )
    _jsonl(root / "consents.jsonl", [])
    _jsonl(
        root / "offers.jsonl",
        [{"offer_id": "O1", "title": "Crime novels week", "description": "Two for one.", "category": "Books",
          "channels": ["web"], "valid_from": "2024-01-01", "valid_to": "2024-12-31"}],
    )  # fmt: skip

    def decision(ref: str, customer: str, params: list[dict[str, object]]) -> dict[str, object]:
        return {"decision_id": ref, "customer_id": customer, "offer_id": "O1", "shown_at": "2024-03-01T12:00:00Z",
                "channel": "web", "model_version": "r1", "purpose": "offers", "legal_basis": "legitimate_interest",
                "consent_event_id": None, "parameters": params}  # fmt: skip

    def param(category: str, signal: str) -> list[dict[str, object]]:
        return [{"data_category": category, "signal": signal, "weight": 1}]

    _jsonl(
        root / "decisions.jsonl",
        [
            decision("CB:2024:0001", "CB-1", param("purchases", "bought 3 crime novels")),
            decision("CB:2024:0002", "CB-1", param("page", "reading the crime page")),
            decision("CB:2024:0003", "CB-2", []),
            decision("CB:2024:0004", "CB-2", param("reading_health", "bought books on diabetes")),
        ],
    )
    return root


@pytest.fixture(scope="module")
def minimal(tmp_path_factory: pytest.TempPathFactory) -> Candor:
    root = write_minimal_pack(tmp_path_factory.mktemp("corner") / "pack")
    data = tmp_path_factory.mktemp("corner-data")
    return Candor(Settings(knowledge_dir=root, data_dir=data, now=datetime(2024, 6, 1, tzinfo=UTC)))


def _why(candor: Candor, customer: str, ref: str) -> str:
    answer = candor.ask(candor.conversation(customer), "Why am I seeing this?", decision_id=ref)
    assert answer.verified, answer.problems
    return answer.text


def test_a_pack_with_only_a_name_a_privacy_contact_and_a_policy_answers_at_once(minimal: Candor) -> None:
    text = _why(minimal, "CB-1", "CB:2024:0001")
    assert "It was personalised" in text and "bought 3 crime novels" in text
    # No control to object: the right is named, with the privacy contact.
    assert "write to privacy@corner.example" in text
    deletion = minimal.ask(minimal.conversation("CB-1"), "How do I delete my data?").text
    assert "privacy@corner.example" in deletion


def test_personalised_contextual_and_general_follow_from_the_parameters(minimal: Candor) -> None:
    assert "anyone in the same context would have seen it" in _why(minimal, "CB-1", "CB:2024:0002")
    assert "no data about you behind this choice" in _why(minimal, "CB-2", "CB:2024:0003")


def test_a_sensitive_category_behind_an_offer_is_said_plainly_and_flagged(minimal: Candor) -> None:
    text = _why(minimal, "CB-2", "CB:2024:0004")
    assert "chosen using sensitive data" in text and "health reading" in text
    assert [(f.ref, f.kind) for f in minimal.store.flags()] == [("CB:2024:0004", "ads_on_sensitive_data")]


def test_a_reference_in_the_packs_own_format_resolves_for_its_owner_only(minimal: Candor) -> None:
    own = minimal.ask(minimal.conversation("CB-1"), "what about CB:2024:0001?")
    assert own.decision_ids == ["CB:2024:0001"]
    other = minimal.ask(minimal.conversation("CB-2"), "what about CB:2024:0001?")
    assert other.decision_ids == [] and "bought 3 crime novels" not in other.text


def test_a_declared_profiling_false_that_the_log_contradicts_is_a_warning_and_a_flag(tmp_path: Path) -> None:
    root = write_minimal_pack(tmp_path / "pack", profiling="    profiling: false\n")
    pack = load_pack(root)
    assert any(w.field == "profiling" and "CB:2024:0001" in w.problem for w in pack.warnings)
    candor = Candor(Settings(knowledge_dir=root, data_dir=tmp_path / "data"))
    assert "It was personalised" in _why(candor, "CB-1", "CB:2024:0001")
    assert ("offers", "profiling_not_declared") in {(f.ref, f.kind) for f in candor.store.flags()}


def test_validate_prints_every_error_at_once_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_minimal_pack(tmp_path / "pack")
    (root / "company.yaml").write_text("name: Corner Books\ncontacts:\n  privacy_email: not-an-email\n")
    lines = (root / "decisions.jsonl").read_text().splitlines()
    lines[1] = lines[1].replace('"shown_at"', '"shown_on"')
    (root / "decisions.jsonl").write_text("\n".join(lines) + "\n")
    assert candor_main(["validate", str(root)]) == 2
    out = capsys.readouterr().out
    assert "company.yaml:3: field 'contacts.privacy_email'" in out
    assert "decisions.jsonl:2: field 'shown_on': Extra inputs are not permitted" in out
    assert "decisions.jsonl:2: field 'shown_at': Field required" in out
    assert "3 error(s)" in out


def test_validate_reports_what_the_pack_can_explain_and_its_gaps(tmp_path: Path) -> None:
    result = validate(write_minimal_pack(tmp_path / "pack"))
    assert result.ok
    assert result.coverage["decisions"] == {"in all": 4, "personalised": 2, "contextual": 1, "general": 1}
    assert any("have their data deleted" in g and "privacy@corner.example" in g for g in result.gaps)
    assert any(w.field == "opt_out" for w in result.warnings)


def test_ingest_prints_the_warnings(tmp_path: Path) -> None:
    root = write_minimal_pack(tmp_path / "pack")
    run = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ingest", "--knowledge", str(root), "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "warning:" in run.stderr and "opt_out" in run.stderr
