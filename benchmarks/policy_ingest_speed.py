"""Ingest time of a 20,000-word policy dropped in as published (aim: under 30 s), with the local model.

    python benchmarks/policy_ingest_speed.py --out benchmarks/results

The policy is HTML made from the sample pack's policy sections, repeated under numbered headings until it
reaches the word count (the cost is in embedding its chunks and sentences, not in what they say). `candor init`
makes the pack around it; then `ingest()` runs into a fresh data directory with the model already loaded,
three times, and one policy question is answered on the result, timed too.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.ingest import ingest  # noqa: E402
from assistant.pack.loader import load_pack  # noqa: E402
from assistant.pack.scaffold import scaffold  # noqa: E402
from assistant.pipeline import Candor  # noqa: E402
from assistant.retrieval.embeddings import LocalEmbeddings  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def policy_html(words: int) -> str:
    sections = [s for s in load_pack(ROOT / "knowledge").sections.values() if s.text]
    parts, count, n = ["<html><body><main><h1>Privacy Policy</h1><p>Last updated: March 3, 2024</p>"], 0, 0
    while count < words:
        s = sections[n % len(sections)]
        n += 1
        body = "".join(f"<p>{html.escape(p)}</p>" for p in s.text.split("\n\n") if p.strip())
        parts.append(f"<h2>{n}. {html.escape(s.title)}</h2>{body}")
        count += len(s.text.split())
    return "".join(parts) + "</main></body></html>"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    embeddings = LocalEmbeddings()
    embeddings.embed_query("warm up")  # the model's load is not the ingest's
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "policy.html"
        source.write_text(policy_html(args.words), encoding="utf-8")
        pack = Path(tmp) / "pack"
        scaffold(pack, source, "Big Policy Co")
        sections = load_pack(pack).sections
        words = sum(len(s.text.split()) for s in sections.values())
        times, cpu = [], []
        for run in range(args.runs):
            settings = Settings(knowledge_dir=pack, data_dir=Path(tmp) / f"data-{run}")
            started, started_cpu = time.perf_counter(), time.process_time()
            ingest(settings, embeddings)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        candor = Candor(settings, embeddings=embeddings)
        started = time.perf_counter()
        answer = candor.ask(candor.conversation("demo"), "How long do you keep my data?")
        ask_ms = (time.perf_counter() - started) * 1000
    load = os.getloadavg()[0]
    text = (
        f"Command: `python benchmarks/policy_ingest_speed.py{' --out ' + str(args.out) if args.out else ''}`\n\n"
        f"| policy | sections | ingest runs, wall (s) | median wall (s) | median CPU (s) | aim |\n"
        f"|---|---|---|---|---|---|\n"
        f"| {words:,} words (HTML, via `candor init`) | {len(sections)} | "
        f"{', '.join(f'{t:.1f}' for t in times)} | **{statistics.median(times):.1f}** | "
        f"{statistics.median(cpu):.1f} | < 30 s |\n\n"
        f"First policy answer on it: {ask_ms:.0f} ms ({len(answer.lines)} lines). 1-minute load average at the end: "
        f"{load:.2f} (the machine's 2 cores are shared; other work slows every figure).\n"
    )
    print(text)
    if args.out:
        (args.out / "policy_ingest.md").write_text(f"# Ingest of a 20,000-word policy\n\n{text}")
        (args.out / "policy_ingest.json").write_text(
            json.dumps(
                {
                    "words": words,
                    "sections": len(sections),
                    "runs_s": times,
                    "cpu_s": cpu,
                    "ask_ms": ask_ms,
                    "load": load,
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
