"""How `candor practices --stream` scales: a generated pack of N decisions (default 1,000,000), the audit's
wall time and peak memory, in a child process so the figures are the command's own.

    python benchmarks/practices_scale.py --decisions 1000000 --out benchmarks/results

The pack is written under /tmp (or --pack-dir) and never committed. `generate_pack` is reusable: any scale
work that needs a large valid pack can call it.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

POLICY = """---
doc_id: privacy
title: Privacy notice
version: "1"
effective_date: 2024-01-01
---

## How we choose offers

We choose offers from what you bought, what you browsed, your loyalty tier and the page you are on.

## Your orders

We use billing details to take payment. Our delivery company gets your address.
"""
CATEGORIES = ["purchases", "browsing", "loyalty", "region", "email_clicks", "app_use", "interests", "page"]
ADDRESSES = [
    "1 Main Street, Springfield, IL 62704, United States",
    "2 Oak Avenue, Portland, OR 97232, United States",
    "3 Mill Lane, Bristol BS1 4DJ, United Kingdom",
    "4 Lake Road, Halifax, NS B3H 2G4, Canada",
    "Hauptstraße 5, 10115 Berlin, Germany",
]


def _jsonl_line(row: dict[str, object]) -> str:
    return json.dumps(row, separators=(",", ":")) + "\n"


def generate_pack(root: Path, decisions: int, customers: int, seed: int = 7) -> Path:
    """A valid pack: `customers` customers over five countries, `decisions` decisions written one line at a time
    (so generating it needs no more memory than auditing it), with one planted exposure disparity: customers
    in the last country are shown personalised offers a thirtieth as often."""
    rng = random.Random(seed)
    (root / "policies").mkdir(parents=True, exist_ok=True)
    (root / "policies" / "privacy.md").write_text(POLICY, encoding="utf-8")
    (root / "company.yaml").write_text(
        "name: Scale Test Shop\ncontacts:\n  privacy_email: privacy@scale.example\n"
        "group_attributes:\n  age_band: {kind: protected, description: Age band given at sign-up.}\n"
    )
    rows = "".join(
        f"  - {{id: {c}, name: {c}, description: {c}., sources: [You], purposes: [offers], retention: 1 year,"
        f" shared_with: [], sensitive: false{', context: true' if c == 'page' else ''}}}\n"
        for c in CATEGORIES
    )
    rows += (
        "  - {id: billing, name: billing, description: billing., sources: [You], purposes: [orders],"
        " retention: 7 years, shared_with: [], sensitive: false}\n"
    )
    (root / "data_catalog.yaml").write_text("categories:\n" + rows)
    (root / "purposes.yaml").write_text(
        "purposes:\n"
        "  - {id: offers, name: Offers, description: Choosing offers., legal_basis: legitimate_interest,"
        " policy_section: privacy#how-we-choose-offers, opt_out: null}\n"
        "  - {id: orders, name: Orders, description: Orders., legal_basis: contract,"
        " policy_section: privacy#your-orders}\n"
    )
    ids = [f"C{i}" for i in range(customers)]
    with (root / "customers.jsonl").open("w", encoding="utf-8") as out:
        for i, cid in enumerate(ids):
            out.write(_jsonl_line({"customer_id": cid, "name": f"Customer {i}", "email": f"c{i}@mail.example",
                                   "postal_address": ADDRESSES[i % len(ADDRESSES)],
                                   "created_at": "2023-01-01T00:00:00Z",
                                   "attributes": {"age_band": ("18-34", "35-64", "65+")[i % 3]}}))  # fmt: skip
    (root / "consents.jsonl").write_text("")
    (root / "offers.jsonl").write_text(
        _jsonl_line({"offer_id": "O1", "title": "Sale", "description": "Ten percent off.", "category": "All",
                     "channels": ["web"], "valid_from": "2024-01-01", "valid_to": "2024-12-31", "value": 12})
    )  # fmt: skip
    with (root / "decisions.jsonl").open("w", encoding="utf-8") as out:
        for n in range(decisions):
            i = rng.randrange(customers)
            personal = rng.random() < (0.01 if i % len(ADDRESSES) == len(ADDRESSES) - 1 else 0.3)
            cats = rng.sample(CATEGORIES[:-1], rng.randint(1, 3)) if personal else ["page"]
            params = [{"data_category": c, "signal": f"signal {c}", "weight": round(1 / len(cats), 3)} for c in cats]
            out.write(_jsonl_line({"decision_id": f"D{n}", "customer_id": ids[i], "offer_id": "O1",
                                   "shown_at": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}T12:00:00Z",
                                   "channel": "web", "model_version": "m1", "purpose": "offers",
                                   "legal_basis": "legitimate_interest", "consent_event_id": None,
                                   "parameters": params}))  # fmt: skip
    return root


def measure(pack: Path) -> dict[str, object]:
    """Wall time and peak resident memory of `candor practices --stream --json` on `pack`, in a child."""
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "practices", str(pack), "--stream", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # Linux: KiB; the largest child so far
    report = json.loads(run.stdout)
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mib": round(peak_kib / 1024),
        "findings": [f["kind"] for f in report["findings"]],
        "decisions": report["decisions"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--decisions", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--pack-dir", type=Path, default=Path("/tmp/candor-practices-scale"))
    parser.add_argument("--out", type=Path, help="write practices_scale.json here")
    args = parser.parse_args()
    pack = args.pack_dir / f"pack-{args.decisions}"
    if not (pack / "decisions.jsonl").exists():
        start = time.perf_counter()
        generate_pack(pack, args.decisions, args.customers)
        print(f"generated {pack} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    result = {
        "pack": str(pack),
        "customers": args.customers,
        "decisions_file_mib": round((pack / "decisions.jsonl").stat().st_size / 2**20),
        "python": platform.python_version(),
        "machine": platform.machine(),
        **measure(pack),
    }
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / f"practices_scale_{args.decisions}.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
