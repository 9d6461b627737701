"""The `candor` command as scripts use it: JSON answers, batches, and the privacy team's flags."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.pipeline import Candor
from assistant.settings import Settings


def _candor(settings: Settings, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CANDOR_DATA_DIR": str(settings.data_dir),
        "CANDOR_KNOWLEDGE_DIR": str(settings.knowledge_dir),
        "CANDOR_NOW": "2024-10-31T12:00:00Z",
    }
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_ask_json_prints_one_object_with_answer_intent_citations_decisions_mode(
    candor: Candor, settings: Settings
) -> None:
    done = _candor(settings, "ask", "--customer", "NW-1007", "--json", "Why did I see D-736?")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"answer", "intent", "citations", "decision_ids", "mode"} <= set(data)
    assert data["intent"] == "why_offer" and data["decision_ids"] == ["D-736"] and data["mode"] == "grounded"
    assert all({"doc_id", "section_id", "title", "quote"} <= set(c) for c in data["citations"])


def test_batch_answers_every_line_in_order_and_reports_bad_lines(
    candor: Candor, settings: Settings, tmp_path: Path
) -> None:
    lines = [
        {"customer_id": "NW-1001", "question": "Do you sell my data?"},
        "this is not json",
        {"customer_id": "NW-9999", "question": "Why?"},
        {"customer_id": "NW-1007", "question": "Why did I see D-736?", "conversation_id": "c1"},
        {"customer_id": "NW-1007", "question": "and why that one?", "conversation_id": "c1"},
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    done = _candor(settings, "ask", "--json", "--batch", str(batch))
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 5
    assert out[0]["intent"] == "sell_share"
    assert "line 2" in out[1]["error"] and "NW-9999" in out[2]["error"]
    assert out[3]["decision_ids"] == ["D-736"]
    assert out[4]["decision_ids"] == ["D-736"]  # the follow-up used the conversation so far


def test_flags_lists_offers_shown_after_consent_was_withdrawn(
    candor: Candor, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["flags", "--json", "--knowledge", str(settings.knowledge_dir), "--data-dir", str(settings.data_dir)])
    assert code == 0
    flagged = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    consent = {f["ref"] for f in flagged if f["kind"] == "consent_withdrawn_before_shown"}
    assert consent == {"D-414", "D-459", "D-736", "D-739"}


def test_ask_for_unknown_customer_fails_with_a_clear_message(
    candor: Candor, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "ask",
            "--customer",
            "NW-0000",
            "--knowledge",
            str(settings.knowledge_dir),
            "--data-dir",
            str(settings.data_dir),
            "hello",
        ]
    )
    assert code == 2
    assert "no customer 'NW-0000'" in capsys.readouterr().err
