"""CLI speed: wall time of one-shot `candor ask` runs, where that time goes, and `candor ask --batch` per question.

Run from the repository root with the project's venv active:

    python benchmarks/cli_speed.py [--runs 20] [--probes 10] [--questions 200] [--compare-tree DIR]

Every run is a fresh `candor` process on the sample pack, against a data directory ingested once beforehand
(a fresh temporary one, deleted afterwards). `--compare-tree DIR` measures another checkout the same way, in
turns with this one (e.g. `git worktree add /tmp/candor-before <commit>`), each with its own data directory.
Writes `cli_speed.md` to `--out` (default `benchmarks/results`) and prints it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CANDOR = Path(sys.executable).with_name("candor")  # the console script pip installed next to this interpreter
CUSTOMER, QUESTION = "NW-1007", "Why did I see the water bottle offer?"
# Fixed clock for the sample log, and no rate limits: a batch asks far faster than a person would.
ENV = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "CANDOR_NOW": "2024-10-31T12:00:00Z",
    "CANDOR_RATE_PER_SESSION_MINUTE": "1000000",
    "CANDOR_RATE_PER_ACCOUNT_HOUR": "1000000",
}

# Runs `candor ask` as the console script does (`main()` reading sys.argv), with clocks around its parts, and
# writes them to $CLI_SPEED_PROBE before the process ends (through `_exit_now` when the CLI has it). The model
# load is timed wherever it happens: lazily (`_load_model`) or, in older code, eagerly in `make_embeddings`.
PROBE = """
import json, os, sys, time
t0 = time.time()
import assistant.cli as cli, assistant.pipeline as pipeline
try:
    import assistant.retrieval.embeddings as emb
except ImportError:  # the module's place before assistant/retrieval/ became a package
    import assistant.embeddings as emb
t1 = time.time()
spans, phase = {}, ["other"]
def timed(owner, name, key, sets_phase):
    fn = getattr(owner, name, None)
    if fn is None:
        return
    def wrapper(*args, **kwargs):
        started, outer = time.time(), phase[0]
        if sets_phase:
            phase[0] = key
        try:
            return fn(*args, **kwargs)
        finally:
            phase[0] = outer
            slot = key if sets_phase else f"{key}_in_{outer}"
            spans[slot] = spans.get(slot, 0.0) + time.time() - started
    setattr(owner, name, wrapper)
timed(emb, "_load_model", "model", False)
timed(pipeline, "make_embeddings", "model", False)
timed(pipeline.Candor, "__init__", "candor", True)
timed(pipeline.Candor, "ask", "ask", True)
def finish(code):
    with open(os.environ["CLI_SPEED_PROBE"], "w") as handle:
        json.dump({"code": code, "t0": t0, "t1": t1, "t2": time.time(), **spans}, handle)
exit_now = getattr(cli, "_exit_now", None)
if exit_now is not None:
    cli._exit_now = lambda code: (finish(code), exit_now(code))
sys.argv = ["candor", *sys.argv[1:]]
code = cli.main()
finish(code)
sys.exit(code)
"""
PHASES = [
    ("interpreter", "Python start-up, site packages, the editable install's finder"),
    ("imports", "`assistant.cli` and the ask path (`assistant.pipeline` and what it imports)"),
    ("start-up", "`Candor(...)`: build check, records, retrievers, intent classifier (model load excluded)"),
    ("model load", "the embedding model: importing torch (or sentence-transformers), checking and loading weights"),
    ("answer", "`Candor.ask` (model load excluded): redact, classify, retrieve, compose, verify"),
    ("rest", "argument parsing, printing"),
    ("exit", "interpreter shutdown"),
]


@dataclass
class Tree:
    """One checkout of Candor under test, with its own ingested data directory and measurements."""

    name: str
    path: Path
    data_dir: Path
    ingest_s: float = 0.0
    oneshot_s: list[float] = field(default_factory=list)
    probes: list[dict[str, float]] = field(default_factory=list)
    batch: dict[str, Any] = field(default_factory=dict)

    def env(self, **extra: str) -> dict[str, str]:
        # PYTHONPATH first: the editable install points at one checkout, this measures `path`.
        return {**os.environ, **ENV, "PYTHONPATH": str(self.path), **extra}


def percentile(values: list[float], pct: float) -> float:
    """Linear-interpolated percentile (numpy's default method), without numpy."""
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def git(tree: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=tree, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def load() -> float:
    return round(os.getloadavg()[0], 2)


def ask_args(tree: Tree) -> list[str]:
    return ["ask", "--data-dir", str(tree.data_dir), "--customer", CUSTOMER, QUESTION]


def ingest(tree: Tree) -> None:
    started = time.perf_counter()
    cmd = [str(CANDOR), "ingest", "--data-dir", str(tree.data_dir)]
    subprocess.run(cmd, env=tree.env(), capture_output=True, check=True)
    tree.ingest_s = time.perf_counter() - started
    # One ask to warm the file cache; not counted.
    subprocess.run([str(CANDOR), *ask_args(tree)], env=tree.env(), capture_output=True, check=True)


def oneshot(tree: Tree) -> None:
    started = time.perf_counter()
    done = subprocess.run([str(CANDOR), *ask_args(tree)], env=tree.env(), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"{tree.name}: candor ask failed: {done.stderr[-500:]}")
    tree.oneshot_s.append(seconds)


def probe(tree: Tree, scratch: Path) -> None:
    out = scratch / "probe.json"
    spawned = time.time()
    subprocess.run(
        [sys.executable, "-c", PROBE, *ask_args(tree)],
        env=tree.env(CLI_SPEED_PROBE=str(out)),
        cwd=scratch,
        capture_output=True,
        check=True,
    )
    ended = time.time()
    p = json.loads(out.read_text())
    model_start, model_ask = p.get("model_in_candor", 0.0), p.get("model_in_ask", 0.0)
    candor, ask = p.get("candor", 0.0), p.get("ask", 0.0)
    tree.probes.append(
        {
            "interpreter": p["t0"] - spawned,
            "imports": p["t1"] - p["t0"],
            "start-up": candor - model_start,
            "model load": model_start + model_ask,
            "answer": ask - model_ask,
            "rest": p["t2"] - p["t1"] - candor - ask,
            "exit": ended - p["t2"],
            "total": ended - spawned,
        }
    )


def batch(tree: Tree, scratch: Path, n: int) -> None:
    """Time each answer line as `candor ask --json --batch` prints it (it flushes one line per question)."""
    if str(REPO / "benchmarks") not in sys.path:
        sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_speed import generate_questions  # the speed benchmark's fixed question mix

    lines = [
        json.dumps({"customer_id": q.customer_id, "question": q.text, "conversation_id": q.customer_id})
        for q in generate_questions(n * 2)
        if q.decision_id is None  # the button's pinned decision has no batch field
    ][:n]
    path = scratch / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n")
    cmd = [str(CANDOR), "ask", "--data-dir", str(tree.data_dir), "--json", "--batch", str(path)]
    started = time.perf_counter()
    stamps: list[float] = []
    with subprocess.Popen(cmd, env=tree.env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            json.loads(line)
            stamps.append(time.perf_counter() - started)
    if proc.returncode != 0 or len(stamps) != len(lines):
        raise RuntimeError(f"{tree.name}: batch answered {len(stamps)} of {len(lines)} (exit {proc.returncode})")
    per = [(b - a) * 1000.0 for a, b in itertools.pairwise(stamps)]
    tree.batch = {
        "questions": len(lines),
        "first_answer_s": stamps[0],
        "p50_ms": percentile(per, 50),
        "p95_ms": percentile(per, 95),
        "mean_ms": statistics.fmean(per),
        "total_s": stamps[-1],
    }


def machine() -> str:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} CPUs ({cpu}) · Python {platform.python_version()} · {platform.platform()}"


def describe(tree: Tree) -> str:
    # Tracked files only: this benchmark's own results file must not mark the checkout as changed.
    changed = git(tree.path, "status", "--porcelain", "--untracked-files=no") not in ("", "unknown")
    dirty = " (with uncommitted changes)" if changed else ""
    return f"{tree.name}: `{tree.path}` at commit `{git(tree.path, 'rev-parse', '--short', 'HEAD')}`{dirty}"


def markdown(trees: list[Tree], command: str, loads: dict[str, float], args: argparse.Namespace) -> str:
    cols = " | ".join(t.name for t in trees)
    rule = "|---" * (len(trees) + 1) + "|"
    lines = [
        "# Candor CLI speed benchmark",
        "",
        f"{datetime.now(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')} · {machine()}",
        "",
        f"Command: `{command}`",
        "",
        *[f"- {describe(t)}" for t in trees],
        "",
        f'## One-shot `candor ask --customer {CUSTOMER} "{QUESTION}"` ({args.runs} runs each, ingested data dir)',
        "",
        f"| seconds, wall clock | {cols} |",
        rule,
    ]
    for label, fn in (
        ("median", statistics.median),
        ("p95", lambda v: percentile(v, 95)),
        ("min", min),
        ("max", max),
    ):
        lines.append(f"| {label} | " + " | ".join(f"{fn(t.oneshot_s):.2f}" for t in trees) + " |")
    lines += [
        "",
        f"## Where a one-shot ask spends its time (median of {args.probes} instrumented runs each)",
        "",
        f"| phase | {cols} | what |",
        rule + "---|",
    ]
    for phase, what in [*PHASES, ("total", "spawn to exit")]:
        values = " | ".join(f"{statistics.median(p[phase] for p in t.probes):.2f}" for t in trees)
        lines.append(f"| {phase} | {values} | {what} |")
    lines += [
        "",
        f"## `candor ask --json --batch` ({trees[0].batch['questions']} questions of the speed benchmark's mix, "
        "one conversation per customer)",
        "",
        f"| | {cols} |",
        rule,
        "| start-up to first answer (s) | " + " | ".join(f"{t.batch['first_answer_s']:.2f}" for t in trees) + " |",
        "| per question p50 (ms) | " + " | ".join(f"{t.batch['p50_ms']:.1f}" for t in trees) + " |",
        "| per question p95 (ms) | " + " | ".join(f"{t.batch['p95_ms']:.1f}" for t in trees) + " |",
        "| per question mean (ms) | " + " | ".join(f"{t.batch['mean_ms']:.1f}" for t in trees) + " |",
        "| whole batch (s) | " + " | ".join(f"{t.batch['total_s']:.2f}" for t in trees) + " |",
        "",
        "`candor ingest` beforehand (not part of the above): "
        + ", ".join(f"{t.name} {t.ingest_s:.1f} s" for t in trees)
        + ".",
        "",
        "1-minute load average (others share these cores; higher skews the timings; the benchmark's own runs "
        "keep about one core busy): " + ", ".join(f"{k} {v:.2f}" for k, v in loads.items()),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="one-shot runs per checkout (default 20)")
    parser.add_argument("--probes", type=int, default=10, help="instrumented runs per checkout (default 10)")
    parser.add_argument("--questions", type=int, default=200, help="questions in the batch (default 200)")
    parser.add_argument("--compare-tree", type=Path, help="another checkout to measure the same way, e.g. the old code")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results", help="where cli_speed.md goes")
    args = parser.parse_args(argv)
    command = " ".join(["python benchmarks/cli_speed.py", *(argv if argv is not None else sys.argv[1:])])

    scratch = Path(tempfile.mkdtemp(prefix="candor-cli-speed-"))
    trees = [Tree("this checkout", REPO, scratch / "data-this")]
    if args.compare_tree:
        trees.append(Tree("compared", args.compare_tree.resolve(), scratch / "data-compared"))
    loads = {"start": load()}
    try:
        for t in trees:
            print(f"ingest: {t.name}", flush=True)
            ingest(t)
        # In turns, so that a change in the machine's load hits every checkout alike.
        for i in range(max(args.runs, args.probes)):
            for t in trees:
                if i < args.runs:
                    oneshot(t)
                if i < args.probes:
                    probe(t, scratch)
            if i < args.runs:
                print(f"one-shot {i + 1}: " + ", ".join(f"{t.name} {t.oneshot_s[-1]:.2f} s" for t in trees), flush=True)
        loads["after one-shot runs"] = load()
        for t in trees:
            print(f"batch: {t.name}", flush=True)
            batch(t, scratch, args.questions)
        loads["after batches"] = load()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    table = markdown(trees, command, loads, args)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "cli_speed.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
