"""Ingest at scale and answer latency against log size (issue 19), on SQLite + embedded Chroma and, with
`--backend servers`, on PostgreSQL + a Chroma server in the same run.

    python benchmarks/ingest_scale.py --decisions 10000 --decisions 100000 --out benchmarks/results
    python benchmarks/ingest_scale.py --decisions 1000000 --sections 2000 --out benchmarks/results
    bash -c '. .ci/scale-servers.sh && python benchmarks/ingest_scale.py --backend sqlite --backend servers \
        --decisions 10000 --decisions 100000 --out benchmarks/results'

`servers` reads CANDOR_TEST_DATABASE_URL and CANDOR_TEST_CHROMA_URL (exported by .ci/scale-servers.sh, which
starts both on loopback) and gives each run a fresh PostgreSQL database.

Packs come from `practices_scale.generate_pack` (one generator for scale work), with `--sections` policy
sections added and three customers whose logs hold exactly 10, 1,000 and 10,000 decisions. Each ingest runs
in a child process (`candor ingest`), so its wall time and peak resident memory are its own. Answer latency:
in one process on the last ingested pack, the p50/p95 of a why-offer and a what-data-do-you-hold answer for
each of the three customers (a flat p95 means look-ups by customer are indexed, not scans). Packs are
written under /tmp and never committed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from practices_scale import _jsonl_line, generate_pack  # noqa: E402

LOG_SIZES = (10, 1_000, 10_000)
QUESTIONS = ("Why did I see my latest offer?", "What data do you hold about me?")


def add_sections(pack: Path, sections: int) -> None:
    """A long policy: `sections` numbered sections of ordinary policy prose."""
    body = "\n".join(
        f"## Practice {n}\n\nWe use the data listed here for purpose {n}. You can object at any time by writing "
        f"to us. We keep it for {1 + n % 7} years and then delete it.\n"
        for n in range(sections)
    )
    text = '---\ndoc_id: practices\ntitle: Practices\nversion: "1"\neffective_date: 2024-01-01\n---\n\n' + body
    (pack / "policies" / "practices.md").write_text(text, encoding="utf-8")


def add_log_customers(pack: Path) -> None:
    """Customers L10, L1000 and L10000, whose logs hold exactly that many decisions."""
    with (pack / "customers.jsonl").open("a", encoding="utf-8") as out:
        for size in LOG_SIZES:
            out.write(_jsonl_line({"customer_id": f"L{size}", "name": f"Log {size}", "email": f"l{size}@mail.example",
                                   "created_at": "2023-01-01T00:00:00Z"}))  # fmt: skip
    with (pack / "decisions.jsonl").open("a", encoding="utf-8") as out:
        for size in LOG_SIZES:
            for n in range(size):
                out.write(_jsonl_line({"decision_id": f"L{size}-{n}", "customer_id": f"L{size}", "offer_id": "O1",
                                       "shown_at": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}T12:00:00Z",
                                       "channel": "web", "model_version": "m1", "purpose": "offers",
                                       "legal_basis": "legitimate_interest", "consent_event_id": None,
                                       "parameters": [{"data_category": "purchases", "signal": "bought boots",
                                                       "weight": 1.0}]}))  # fmt: skip


def make_pack(root: Path, decisions: int, sections: int) -> Path:
    pack = root / f"pack-{decisions}-{sections}"
    if not pack.exists():  # written aside and renamed, so a run stopped half-way leaves no half pack
        partial = root / f".partial-{decisions}-{sections}"
        subprocess.run(["rm", "-rf", str(partial)], check=True)
        generate_pack(partial, decisions - sum(LOG_SIZES), max(1, decisions // 10))
        add_sections(partial, sections)
        add_log_customers(partial)
        partial.rename(pack)
    return pack


def backend_env(backend: str, name: str) -> dict[str, str]:
    """The settings a backend needs, as environment: none for SQLite; a fresh database and the Chroma server
    for `servers`."""
    if backend == "sqlite":
        return {}
    from sqlalchemy import create_engine, text

    base, chroma = os.environ.get("CANDOR_TEST_DATABASE_URL"), os.environ.get("CANDOR_TEST_CHROMA_URL")
    if not base or not chroma:
        raise SystemExit("--backend servers needs the servers: run it under `. .ci/scale-servers.sh`")
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as con:
        con.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        con.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return {"CANDOR_DATABASE_URL": base.rsplit("/", 1)[0] + f"/{name}", "CANDOR_CHROMA_URL": chroma}


def ingest_child(pack: Path, data_dir: Path, extra: dict[str, str]) -> dict[str, float]:
    env = {**os.environ, "CANDOR_KNOWLEDGE_DIR": str(pack), "CANDOR_DATA_DIR": str(data_dir), **extra}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=env, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB; the largest child so far
    return {"seconds": round(seconds, 1), "peak_rss_mib": round(peak / 1024), "peak_grew": peak > before}


def latency(pack: Path, data_dir: Path, repeats: int, extra: dict[str, str]) -> dict[str, dict[str, float]]:
    from assistant.heap import settle
    from assistant.pipeline import Candor
    from assistant.settings import Settings

    servers = {"database_url": extra.get("CANDOR_DATABASE_URL"), "chroma_url": extra.get("CANDOR_CHROMA_URL")}
    candor = Candor(Settings(knowledge_dir=pack, data_dir=data_dir, **servers))
    candor.ask(candor.conversation("C0"), QUESTIONS[0])  # the model and indexes warm, on another customer
    settle()  # as `candor serve` does once started (assistant/heap.py)
    out: dict[str, dict[str, float]] = {}
    for size in LOG_SIZES:
        started = time.perf_counter()
        candor.ask(candor.conversation(f"L{size}"), QUESTIONS[0])
        first = (time.perf_counter() - started) * 1000  # reads and parses the customer's whole log
        times = []
        for _ in range(repeats):
            for question in QUESTIONS:
                started = time.perf_counter()
                candor.ask(candor.conversation(f"L{size}"), question)
                times.append((time.perf_counter() - started) * 1000)
        times.sort()
        out[str(size)] = {
            "first_ms": round(first, 1),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        }
    candor.close()
    return out


def _cell(figures: dict[str, float]) -> str:
    return f"{figures['first_ms']} · {figures['p50_ms']} / {figures['p95_ms']}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--decisions", type=int, action="append", help="default: 10,000 and 100,000")
    parser.add_argument("--sections", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--pack-dir", type=Path, default=Path("/tmp/candor-ingest-scale"))
    parser.add_argument("--backend", action="append", choices=["sqlite", "servers"], help="default: sqlite")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    backends = args.backend or ["sqlite"]
    rows = []
    for decisions in args.decisions or [10_000, 100_000]:
        pack = make_pack(args.pack_dir, decisions, args.sections)
        for backend in backends:
            data_dir = args.pack_dir / f"data-{decisions}-{args.sections}-{backend}"
            subprocess.run(["rm", "-rf", str(data_dir)], check=True)
            extra = backend_env(backend, f"candor_bench_{decisions}")
            row = {"decisions": decisions, "backend": backend, "customers": max(1, decisions // 10) + len(LOG_SIZES)}
            row |= {"sections": args.sections + 2, "load_before": os.getloadavg()[0]}
            row |= ingest_child(pack, data_dir, extra)
            row["latency"] = latency(pack, data_dir, args.repeats, extra)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    command = "python benchmarks/ingest_scale.py " + " ".join(f"--backend {b}" for b in backends) + " "
    command += " ".join(f"--decisions {d}" for d in dict.fromkeys(r["decisions"] for r in rows))
    command += f" --sections {args.sections}" + (f" --out {args.out}" if args.out else "")
    lines = [
        "# Ingest at scale and answer latency against log size",
        "",
        f"Command: `{command}` · Python {platform.python_version()} · {os.cpu_count()} CPUs, shared: the 1-minute "
        "load average before each ingest is given.",
        "",
        "Backends: `sqlite` = SQLite + embedded Chroma (the default); `servers` = PostgreSQL + a Chroma server "
        "(`chroma run`), both on loopback on the same machine. Ingest now also runs the practice audit.",
        "",
        "| decisions | backend | customers | policy sections | ingest wall (s) | peak memory (MiB) | load before |",
        "|---|---|---|---|---|---|---|",
        *(
            f"| {r['decisions']:,} | {r['backend']} | {r['customers']:,} | {r['sections']:,} | {r['seconds']} | "
            f"{r['peak_rss_mib']}"
            f"{'' if r['peak_grew'] else ' (≤ an earlier run)'} | {r['load_before']:.1f} |"
            for r in rows
        ),
        "",
        "Answer latency (ms) for one customer by the size of their own log: the conversation's first question "
        "(which reads and parses the whole log), then a why-offer and a what-we-hold answer "
        f"{args.repeats} times each (p50 / p95; the store keeps the last 64 customers' records parsed):",
        "",
        "| pack (decisions) | backend | log of 10: first · p50 / p95 | log of 1,000: first · p50 / p95 | "
        "log of 10,000: first · p50 / p95 |",
        "|---|---|---|---|---|",
        *(
            f"| {r['decisions']:,} | {r['backend']} | "
            + " | ".join(_cell(r["latency"][str(s)]) for s in LOG_SIZES)
            + " |"
            for r in rows
        ),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "ingest_scale.md").write_text(text, encoding="utf-8")
        (args.out / "ingest_scale.json").write_text(json.dumps({"command": command, "rows": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
