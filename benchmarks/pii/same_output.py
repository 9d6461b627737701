"""Check that a change to the redactor keeps its output, and time it: run from any checkout, pointing PYTHONPATH
at the code to test.

    PYTHONPATH=/path/to/checkout python benchmarks/pii/same_output.py --out /tmp/spans_old.json [--runs 3]

Runs `Redactor(directory=None, ner=off)` and `Redactor(directory=<knowledge/customers.jsonl>)` over every text of
benchmarks/pii/dataset.jsonl and third_party/*.jsonl (all splits), writes every span to `--out` (compare two
runs' files with `cmp`; with `--variants`, also each text in lower and in upper case, which the case-sensitive
rules and their gates see differently), then times `--runs` passes of the directory-less redactor over all texts
and prints the median chars/s (each pass's too).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def texts() -> list[tuple[str, str]]:
    """(id, text) of every message of every source, all splits."""
    out = []
    for path in [HERE / "dataset.jsonl", *sorted((HERE / "third_party").glob("*.jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out.append((f"{path.stem}:{rec['id']}", rec["text"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="JSON file for every span found")
    parser.add_argument("--runs", type=int, default=3, help="timed passes (0: none)")
    parser.add_argument("--variants", action="store_true", help="also every text in lower and in upper case")
    args = parser.parse_args()

    # Imported here, so that PYTHONPATH decides which checkout's code runs.
    from assistant.guardrails.ner import name_finder
    from assistant.guardrails.redactor import Redactor
    from assistant.pack.models import Customer

    customers = (HERE.parent.parent / "knowledge" / "customers.jsonl").read_text(encoding="utf-8").splitlines()
    directory = [Customer.model_validate(json.loads(x)) for x in customers if x.strip()]
    engines = {"plain": Redactor(directory=None, ner=name_finder("off")), "directory": Redactor(directory=directory)}
    items = texts()
    cases = ("lower", "upper") if args.variants else ()
    checked = items + [(f"{k}:{case}", getattr(t, case)()) for k, t in items for case in cases]
    spans: dict[str, Any] = {}
    for name, redactor in engines.items():
        spans[name] = {
            key: [[s.start, s.end, s.entity_type, s.text, s.score] for s in redactor.analyze(text)]
            for key, text in checked
        }
    Path(args.out).write_text(json.dumps(spans, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    count = sum(len(v) for per in spans.values() for v in per.values())
    print(f"{len(checked)} texts x {len(engines)} redactors, {count} spans -> {args.out}")

    if args.runs:
        plain = engines["plain"]
        chars = sum(len(t) for _, t in items)
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            for _, text in items:
                plain.analyze(text)
            times.append(time.perf_counter() - t0)
        per_pass = ", ".join(f"{chars / t:,.0f}" for t in times)
        print(f"{chars:,} chars; chars/s per pass: {per_pass}; median {chars / statistics.median(times):,.0f}")


if __name__ == "__main__":
    main()
