"""Derive the evaluation dataset from a knowledge pack: questions with the facts a transparent answer states.

    python -m evals.make_dataset [--knowledge DIR] [--out evals/datasets/sample.jsonl] [--seed N]

Every expected fact is computed here from the pack's own records (decision log, consent ledger, catalog,
policies), independently of Candor's code, so the eval checks Candor against the records and not against
itself. The same pack and seed always give the same file. A small `<out>.meta.json` beside the dataset
records the pack fingerprint, the seed and the counts.

A case is one JSON object:

    id, customer_id, question, intent (the expected one), family (how the question is phrased),
    tags (typo, multi_part, follow_up, ...), conversation_id and turn (follow-ups share a conversation
    and run in turn order), ask_decision_id (the UI's "Why am I seeing this?" button), ask_subject (the
    profile's "Why?" buttons: "segment:<id>" or "prediction:<id>", passed as `subject=`), expected {...}.

Profiling cases (intents segments, predictions, object_profiling, and why-offer cases for decisions whose
parameters name a segment or a prediction) come from segments.yaml, memberships.jsonl and predictions.jsonl;
a pack without those files gets none.

This module is the command; the cases are made in the package evals/cases/, one module per question family.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.pack.loader import load_pack
from evals.cases.build import build_cases
from evals.cases.files import DEFAULT_OUT, dataset_meta, read_dataset, stats, write_dataset
from evals.cases.plan import SEED

__all__ = ["DEFAULT_OUT", "SEED", "build_cases", "dataset_meta", "main", "read_dataset", "stats", "write_dataset"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.make_dataset", description=__doc__.split("\n")[0])
    parser.add_argument("--knowledge", type=Path, default=None, help="knowledge pack (default: the sample)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSONL to write (default {DEFAULT_OUT})")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    from assistant.settings import REPO_ROOT

    knowledge = args.knowledge or REPO_ROOT / "knowledge"
    pack = load_pack(knowledge)
    cases = build_cases(pack, args.seed)
    meta = dataset_meta(pack, cases, args.seed)
    write_dataset(cases, args.out, meta)
    print(f"wrote {len(cases)} cases to {args.out}", file=sys.stderr)
    print(json.dumps({k: meta[k] for k in ("by_intent", "by_tag")}, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
