#!/usr/bin/env python3
"""Generate the sample records of the Candor knowledge pack for Northwind Outfitters.

Known pipeline-bug decisions (personalized offer shown after the customer had
withdrawn personalized_offers consent, still citing the old, withdrawn grant):
    D-414, D-459, D-736, D-739

This script writes six JSON Lines files:

* customers.jsonl  - 48 fictional customers (NW-1001 .. NW-1048) with contact details.
* consents.jsonl   - the append-only consent ledger (CE-1, CE-2, ...), ordered by time,
                     for the consent-based purposes personalized_offers, email_marketing,
                     partner_advertising and fitness_features.
* offers.jsonl     - 30 offers (OF-1 .. OF-30) running between January and October 2024,
                     six of them sponsored by partner brands.
* decisions.jsonl  - exactly 1000 offer decisions (D-1 .. D-1000, ordered by shown_at)
                     saying which offer was shown to whom, when, on which channel, for
                     which purpose and legal basis, relying on which consent event, and
                     with which signals (data category, plain-language signal, weight).
                     A few parameters also name the customer group ("segment_id") or the
                     prediction ("prediction_id") the signal came from.
* memberships.jsonl - which customer was in which group of segments.yaml, and when.
* predictions.jsonl - predictions of the models in segments.yaml (P-1, P-2, ...).

The last two, and the segment_id/prediction_id keys, are made by generator/profiles/
with its own seed after everything else, so the first four files are the same as without
them except for those keys. Deliberately unfair group: fitness_high_performer (it uses
fitness tracker data); the decisions relying on it are listed in generator/profiles/make.py.

All people, addresses, phone numbers (555-01xx, 7946 0xxx, 01 99 00 ... ranges) and
email domains (*.example) are invented.

The data is built with a fixed seed (random.Random(20240315)) and no clock or
environment input, so every run writes byte-identical files. That keeps the files
reviewable in version control and lets tests refer to specific ids, such as the
four deliberate consent violations listed above, which the assistant must detect.

The code is in the package generator/ next to this script, one module per concept
(customers, offers, consents, decisions, profiles/, checks/); this script is its command.

Usage:
    python knowledge/generate.py [--out DIR] [--check]

--out   directory to write to (default: the directory of this script)
--check after writing, verify the cross-references between the generated files
        and the purposes, categories, groups, models, controls and policy sections of
        the knowledge pack.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

try:
    from generator.checks.record_files import check
    from generator.decisions import EXPECTED_VIOLATIONS
    from generator.profiles.plan import EXPECTED_UNFAIR_DECISIONS, UNFAIR_SEGMENT
    from generator.sample import generate, write_jsonl
except ModuleNotFoundError:  # imported as knowledge.generate rather than run as a script
    from knowledge.generator.checks.record_files import check
    from knowledge.generator.decisions import EXPECTED_VIOLATIONS
    from knowledge.generator.profiles.plan import EXPECTED_UNFAIR_DECISIONS, UNFAIR_SEGMENT
    from knowledge.generator.sample import generate, write_jsonl


def main(argv=None) -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=here, help="output directory (default: this script's directory)")
    parser.add_argument("--check", action="store_true", help="verify cross-references after writing")
    args = parser.parse_args(argv)

    customers, consents, offers, decisions, violations, _, memberships, predictions, annotated = generate(here)
    args.out.mkdir(parents=True, exist_ok=True)
    write_jsonl(args.out / "customers.jsonl", customers)
    write_jsonl(args.out / "consents.jsonl", consents)
    write_jsonl(args.out / "offers.jsonl", offers)
    write_jsonl(args.out / "decisions.jsonl", decisions)
    write_jsonl(args.out / "memberships.jsonl", memberships)
    write_jsonl(args.out / "predictions.jsonl", predictions)
    print(
        f"wrote {len(customers)} customers, {len(consents)} consent events, {len(offers)} offers, "
        f"{len(decisions)} decisions ({len(annotated)} naming a group or prediction), "
        f"{len(memberships)} group memberships, {len(predictions)} predictions to {args.out}"
    )
    if violations != EXPECTED_VIOLATIONS:
        print(f"warning: violation decisions are {violations}, docstring says {EXPECTED_VIOLATIONS}", file=sys.stderr)
    unfair = sorted((d for d, (k, v) in annotated.items() if v == UNFAIR_SEGMENT), key=lambda d: int(d[2:]))
    if unfair != EXPECTED_UNFAIR_DECISIONS:
        print(
            f"warning: unfair-group decisions are {unfair}, profiles/make.py says {EXPECTED_UNFAIR_DECISIONS}",
            file=sys.stderr,
        )
    if args.check:
        problems = check(args.out, here)
        for p in problems:
            print("CHECK:", p, file=sys.stderr)
        if problems:
            return 1
        print("check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
