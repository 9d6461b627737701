"""The eval end to end: the committed dataset, a slice through the real Candor, the full run against the
committed threshold, the reports, the CLI, and the optional judge (through a fake client only)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from assistant.pack.knowledge import KnowledgePack
from assistant.pipeline import Candor
from assistant.settings import Settings
from evals.cli import main as eval_main
from evals.judge import Judge, make_judge, parse_verdict
from evals.make_dataset import DEFAULT_OUT, build_cases, read_dataset
from evals.report import check_threshold, compare, render_html, render_text, write_reports
from evals.runner import order_cases, run_eval, select_cases
from evals.scorer import ITEMS

THRESHOLD = Path(__file__).resolve().parent.parent / "evals" / "threshold.json"
ISSUE_INTENTS = {
    "segments",
    "predictions",
    "object_profiling",
    "why_offer",
    "data_held",
    "consent_status",
    "change_control",
    "sell_share",
    "retention",
    "access_delete",
    "policy_question",
    "out_of_scope",
    "other_customer",
}


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    return read_dataset(DEFAULT_OUT)


def test_committed_dataset_is_what_the_generator_derives_from_the_pack(
    sample_pack: KnowledgePack, cases: list[dict[str, Any]]
) -> None:
    assert build_cases(sample_pack) == cases, "the sample pack changed: run `python -m evals.make_dataset`"


def test_dataset_covers_the_issue(sample_pack: KnowledgePack, cases: list[dict[str, Any]]) -> None:
    assert len(cases) >= 300
    assert len({c["id"] for c in cases}) == len(cases)
    assert {c["intent"] for c in cases} == ISSUE_INTENTS
    tags = {t for c in cases for t in c["tags"]}
    assert {"typo", "multi_part", "follow_up"} <= tags
    families = {c["family"] for c in cases}
    assert {"why_title", "why_category", "why_channel_date", "why_ref", "why_button", "why_flagged"} <= families
    assert any(re.search(r"\bD-\d+\b", c["question"], re.I) for c in cases if c["family"] == "why_ref")
    turns: dict[str, list[int]] = {}
    for c in cases:
        if c["conversation_id"]:
            turns.setdefault(c["conversation_id"], []).append(c["turn"])
    assert len(turns) >= 10 and all(t == list(range(1, len(t) + 1)) for t in turns.values())
    decisions = {d.decision_id: d for d in sample_pack.decisions}
    flagged = 0
    for c in cases:
        exp = c["expected"]
        if c["intent"] == "why_offer" and "decision_id" in exp:
            d = decisions[exp["decision_id"]]
            assert d.customer_id == c["customer_id"]
            assert exp["top_signals"] == [p.signal for p in sorted(d.parameters, key=lambda p: -p.weight)]
            assert exp["policy_sections"] == [sample_pack.purposes[d.purpose].policy_section]
            flagged += exp["shown_after_withdrawal"]
        if c["intent"] == "other_customer":
            assert exp["other_customer_id"] != c["customer_id"]
    assert flagged >= 4  # the sample's four decisions shown after consent was withdrawn


def test_a_slice_through_candor_gives_a_complete_report(
    candor: Candor, cases: list[dict[str, Any]], tmp_path: Path
) -> None:
    picked = select_cases(cases, 30)
    assert 25 <= len(picked) <= 45
    ids = {c["id"] for c in picked}
    for c in picked:  # conversations stay whole
        if c["conversation_id"]:
            assert all(x["id"] in ids for x in cases if x["conversation_id"] == c["conversation_id"])
    report = run_eval(candor, picked, "grounded", progress=False)
    assert report["meta"]["cases"] == len(picked) and report["meta"]["mode"] == "grounded"
    assert 0.0 <= report["overall"] <= 1.0
    assert set(report["items"]) == set(ITEMS)
    assert {"mean", "n", "perfect", "title"} <= set(report["items"]["1_offer"])
    assert set(report["intents"]) == {c["intent"] for c in picked}
    assert report["worst"] and not report["errors"]
    assert [r["id"] for r in report["results"]] == [c["id"] for c in order_cases(picked)]
    for r in report["results"]:
        assert set(r["scores"]) == set(ITEMS)
        assert all(v is None or 0.0 <= v <= 1.0 for v in r["scores"].values())
        assert r["answer"]["answer"]
    json.dumps(report)
    assert "OVERALL" in render_text(report)

    json_path, html_path = write_reports(report, tmp_path, compare(report, report))
    assert json.loads(json_path.read_text())["overall"] == report["overall"]
    page = html_path.read_text()
    assert page.count("<svg") >= 2 and "Failed cases" in page
    # Self-contained: nothing loaded from anywhere.
    assert not re.search(r"<script|<link|<img|\bsrc=|@import|url\(", page, re.I)
    same = compare(report, report)
    assert same["overall"]["delta"] == 0 and not same["better"] and not same["worse"]


def test_compare_shows_what_got_better_and_worse(candor: Candor, cases: list[dict[str, Any]]) -> None:
    report = run_eval(candor, select_cases(cases, 8), progress=False)
    worse = json.loads(json.dumps(report))
    first = worse["results"][0]
    first["score"] = max(0.0, first["score"] - 0.5)
    worse["overall"] = report["overall"] - 0.1
    diff = compare(worse, report)
    assert diff["overall"]["delta"] == pytest.approx(0.1)
    assert [r["id"] for r in diff["better"]] == [first["id"]] and not diff["worse"]
    assert "better" in render_html(report, diff).lower()


@pytest.fixture(scope="module")
def grounded(candor: Candor) -> Candor:
    """The session Candor, unless an LLM key in the environment put it in LLM mode: then a grounded one."""
    if getattr(candor.settings, "llm_mode", "none") == "none":
        return candor
    return Candor(candor.settings.model_copy(update={"llm": "none"}))


def test_full_dataset_in_grounded_mode_meets_the_committed_threshold(
    grounded: Candor, cases: list[dict[str, Any]]
) -> None:
    threshold = json.loads(THRESHOLD.read_text())
    assert set(threshold["items"]) <= set(ITEMS)
    report = run_eval(grounded, cases, "grounded", progress=False)
    assert report["meta"]["answer_modes"] == {"grounded": len(cases)}
    problems = check_threshold(report, threshold)
    reasons = "\n".join(
        f"  {f['count']}x {f['item']}: {f['code']} e.g. {f['examples'][:3]}" for f in report["failures"][:12]
    )
    assert not problems, "\n".join(problems) + "\nTop failure reasons:\n" + reasons


def test_cli_runs_writes_reports_compares_and_checks(
    candor: Candor, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--knowledge", str(settings.knowledge_dir), "--data-dir", str(settings.data_dir), "--no-progress"]
    assert eval_main([*base, "--limit", "10", "--out", str(tmp_path / "a")]) == 0
    assert (tmp_path / "a" / "report.json").exists() and (tmp_path / "a" / "report.html").exists()
    impossible = tmp_path / "threshold.json"
    impossible.write_text(json.dumps({"overall": 1.01, "items": {"7_no_foreign_data": 1.0}}))
    argv = [*base, "--limit", "10", "--out", str(tmp_path / "b"), "--compare", str(tmp_path / "a" / "report.json")]
    assert eval_main([*argv, "--check", "--threshold", str(impossible)]) == 1
    out = capsys.readouterr().out
    assert "OVERALL" in out and "Compared with the old report" in out and "BELOW THE THRESHOLD" in out
    assert json.loads((tmp_path / "b" / "report.json").read_text())["comparison"]["overall"]["delta"] == 0


def test_cli_llm_mode_is_refused_and_missing_files_are_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CANDOR_LLM"):
        monkeypatch.delenv(name, raising=False)
    assert eval_main(["--mode", "llm"]) == 2
    assert eval_main(["--dataset", str(tmp_path / "nope.jsonl")]) == 2


class _FakeCompletions:
    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.calls: list[dict[str, Any]] = []

    def create(self, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        return SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(content=self.reply))])


def test_judge_runs_only_through_a_client_and_reports_apart(
    sample_pack: KnowledgePack, cases: list[dict[str, Any]]
) -> None:
    completions = _FakeCompletions('```json\n{"faithfulness": 5, "helpfulness": 3, "reason": "fine"}\n```')
    judge = Judge(SimpleNamespace(chat=SimpleNamespace(completions=completions)), model="fake-model")
    case = next(c for c in cases if c["intent"] == "why_offer" and "decision_id" in c["expected"])
    section = sample_pack.purposes[sample_pack.decisions[0].purpose].policy_section
    answer = {"answer": "It was chosen for you.", "citations": [{"section_id": section, "quote": "x"}]}
    verdict = judge.judge(case, answer, sample_pack)
    assert verdict == {"faithfulness": 1.0, "helpfulness": 0.5, "reason": "fine"}
    prompt = completions.calls[0]["messages"][1]["content"]
    assert case["question"] in prompt and section in prompt
    summary = judge.summary([{"judge": verdict}, {"judge": {"error": "timeout"}}])
    assert summary["n"] == 1 and summary["errors"] == 1 and summary["faithfulness"] == 1.0
    assert "error" in parse_verdict("no json here")


def test_judge_is_skipped_without_a_key() -> None:
    judge, note = make_judge({})
    assert judge is None and "OPENAI_API_KEY" in note
