"""Score Candor on the people-style question set: intent accuracy and answer completeness, per pack and intent.

    python -m evals.people.score [--questions PATH] [--pack northwind|lumen] [--json OUT] [--markdown OUT]

PATH defaults to questions.jsonl (the development set); test.jsonl is the held-out test set.

Intent accuracy: the answer's intent is one of the question's accepted intents. Completeness: every
`must_contain` string is in the answer (case-insensitive); refusals (other_customer, out_of_scope, injection)
count as complete when Candor's answer has that intent. Follow-ups first ask `previous` in the same
conversation. Each pack is ingested into a temporary data directory.
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
import tempfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "questions.jsonl"
ROOT = HERE.parent.parent
PACKS = {"northwind": ROOT / "knowledge", "lumen": ROOT / "tests" / "fixtures" / "packs" / "lumen"}
# The packs' logs end in 2024: relative dates ("last month") are read from here.
NOW = {"northwind": datetime(2024, 10, 31, 12, tzinfo=UTC), "lumen": datetime(2024, 9, 30, 12, tzinfo=UTC)}
REFUSALS = frozenset({"other_customer", "out_of_scope", "injection"})


def read_questions(path: Path = QUESTIONS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _forms(fact: str) -> list[str]:
    """How an answer may write a fact: a date the pack's files give as 2023-12-02 is the same fact written as
    "2 December 2023", the way answers write dates for people."""
    forms = [fact.lower()]
    if found := _ISO_DATE.match(fact):
        year, month, day = (int(x) for x in found.groups())
        forms.append(f"{day} {calendar.month_name[month]} {year}".lower())
    return forms


def score_one(q: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any]:
    intent = str(answer.get("intent"))
    intent_ok = intent in q["accepted_intents"]
    text = str(answer.get("answer", "")).lower()
    missing = [s for s in q["must_contain"] if not any(form in text for form in _forms(s))]
    # A refusal is complete when it refuses; anything else must carry its facts.
    complete = intent_ok if q["accepted_intents"][0] in REFUSALS else not missing
    return {"id": q["id"], "intent": intent, "intent_ok": intent_ok, "complete": complete, "missing": missing}


def run_pack(pack: str, questions: list[dict[str, Any]], data_dir: Path) -> list[dict[str, Any]]:
    from assistant.pipeline import Candor
    from assistant.settings import Settings

    candor = Candor(Settings(knowledge_dir=PACKS[pack], data_dir=data_dir, now=NOW[pack], rate_per_session_minute=10**6,
                             rate_per_account_hour=10**6, transcripts=False))  # fmt: skip
    results = []
    for q in questions:
        conversation = candor.conversation(q["customer_id"])
        if q.get("previous"):
            candor.ask(conversation, q["previous"])
        answer = candor.ask(conversation, q["question"]).as_dict()
        results.append({**score_one(q, answer), "pack": pack, "expected": q["accepted_intents"][0]})
    return results


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pack in sorted({r["pack"] for r in results}):
        rows = [r for r in results if r["pack"] == pack]
        per: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            per[r["expected"]].append(r)
        out[pack] = {
            "n": len(rows),
            "intent_accuracy": round(sum(r["intent_ok"] for r in rows) / len(rows), 3),
            "completeness": round(sum(r["complete"] for r in rows) / len(rows), 3),
            "per_intent": {
                k: {
                    "n": len(v),
                    "intent_accuracy": round(sum(r["intent_ok"] for r in v) / len(v), 3),
                    "completeness": round(sum(r["complete"] for r in v) / len(v), 3),
                }
                for k, v in sorted(per.items())
            },
        }
    return out


def markdown(summary: dict[str, Any], results: list[dict[str, Any]], command: str = "") -> str:
    command = command or "python -m evals.people.score --markdown evals/people/results.md"
    lines = ["# People-style questions: intent accuracy and completeness", ""]
    lines.append(f"Made by `{command}` (grounded mode).")
    for pack, s in summary.items():
        lines += ["", f"## {pack}: {s['n']} questions", ""]
        lines.append(f"Intent accuracy **{s['intent_accuracy']:.3f}**, completeness **{s['completeness']:.3f}**.")
        lines += ["", "| intent | n | intent accuracy | completeness |", "| --- | ---: | ---: | ---: |"]
        for k, v in s["per_intent"].items():
            lines.append(f"| {k} | {v['n']} | {v['intent_accuracy']:.3f} | {v['completeness']:.3f} |")
    lines += confusion(results)
    wrong = [r for r in results if not r["intent_ok"]]
    lines += ["", f"## Misread intents ({len(wrong)})", "", "| id | expected | got |", "| --- | --- | --- |"]
    lines += [f"| {r['id']} | {r['expected']} | {r['intent']} |" for r in wrong]
    return "\n".join(lines) + "\n"


def confusion(results: list[dict[str, Any]]) -> list[str]:
    """Rows: the question's main accepted intent; columns: Candor's intent. A cell counts a miss only when
    the answer's intent is not among the accepted ones, so the diagonal is the questions read right."""
    expected = sorted({r["expected"] for r in results})
    got = sorted({r["intent"] for r in results} | set(expected))
    cells: dict[tuple[str, str], int] = defaultdict(int)
    for r in results:
        cells[(r["expected"], r["expected"] if r["intent_ok"] else r["intent"])] += 1
    short = {g: g.replace("_", " ") for g in got}
    out = ["", "## Confusion matrix (all packs; rows expected, columns answered)", ""]
    out.append("| expected \\ answered | " + " | ".join(short[g] for g in got) + " |")
    out.append("| --- |" + " ---: |" * len(got))
    for e in expected:
        out.append(f"| {short[e]} | " + " | ".join(str(cells.get((e, g), "")) for g in got) + " |")
    return out


def command_line(args: argparse.Namespace) -> str:
    """The command that made a report, with paths relative to the repository when they are inside it."""

    def shown(path: Path) -> str:
        resolved = path.resolve()
        return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(path)

    parts = ["python -m evals.people.score"]
    if args.questions.resolve() != QUESTIONS.resolve():
        parts.append(f"--questions {shown(args.questions)}")
    if args.pack:
        parts.append(f"--pack {args.pack}")
    parts.append(f"--markdown {shown(args.markdown)}")
    return " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=QUESTIONS, help="question file (default: %(default)s)")
    parser.add_argument("--pack", choices=sorted(PACKS))
    parser.add_argument("--json", type=Path, help="write every result and the summary here")
    parser.add_argument("--markdown", type=Path, help="write a Markdown report here")
    args = parser.parse_args(argv)
    questions = read_questions(args.questions)
    results: list[dict[str, Any]] = []
    for pack in [args.pack] if args.pack else sorted(PACKS):
        with tempfile.TemporaryDirectory() as tmp:
            results += run_pack(pack, [q for q in questions if q["pack"] == pack], Path(tmp))
    summary = summarise(results)
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "results": results}, indent=1), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(markdown(summary, results, command_line(args)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
