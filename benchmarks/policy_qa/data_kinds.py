"""Does a real policy describe a kind of data? The practice audit's reader (assistant/retrieval/data_kinds.py),
measured on the OPP-115 policies behind PolicyQA.

Each policy is asked about the twelve specific "Personal Information Type" values OPP-115's annotators used,
each written as a company's data catalog would write it (a short name and a description, below). The truth: the
policy *describes* a kind when annotators marked a first-party collection or third-party sharing practice of
that type in it. The audit reports "used more broadly than the policy says" when the reader finds no
description, so what matters is (1) how often a described kind is found (each miss is a false alarm) and
(2) how often a kind the reader cannot find is truly absent (the precision of a report).

The thresholds are chosen on dev (the grid below) and measured once on test:

    python benchmarks/policy_qa/data_kinds.py --split dev --split test \
        --markdown benchmarks/results/policy_data_kinds.md

Needs the converted PolicyQA data (benchmarks/policy_qa/README.md). The truth is the annotators' practices: a
policy may name a kind without a practice annotated for it, which counts here as a wrong "described".
"""

from __future__ import annotations

import argparse
import json
import time
from itertools import product
from pathlib import Path
from typing import Any

from common import DATA, CachedEmbeddings

from assistant.retrieval.data_kinds import DESCRIPTION_MIN, NAME_MIN, EmbeddingReader

# OPP-115's specific types ("Generic personal information", "Other" and "Unspecified" say no kind) as catalog
# entries. Written from the annotation guidelines' definitions, not from any policy.
KINDS = {
    "Contact": ("Contact details", "Your name, email address, postal address and phone number."),
    "Financial": ("Payment details", "Your card number, bank account and billing information."),
    "Location": ("Your location", "Where you are: your GPS position, city, region or country."),
    "Health": ("Health data", "Information about your health, medical conditions and fitness."),
    "Demographic": ("Demographic details", "Your age, gender, date of birth and income."),
    "Computer information": ("Device and browser", "Your browser type, operating system and device type."),
    "IP address and device IDs": ("IP address and device IDs", "Your IP address and unique device identifiers."),
    "Cookies and tracking elements": ("Cookies", "Cookies, web beacons, pixels and similar tracking technologies."),
    "User online activities": ("Browsing activity", "The pages you visit, what you click, search for and view."),
    "User profile": ("Account profile", "Your username, password, account settings and preferences."),
    "Social media data": ("Social media data", "Information from your social network accounts and friends."),
    "Survey data": ("Survey answers", "Your responses to surveys and questionnaires."),
}
PRACTICES = ("First Party Collection/Use", "Third Party Sharing/Collection")
NAME_GRID = (0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
DESCRIPTION_GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6)


def cases(split: str, reader: EmbeddingReader) -> list[dict[str, Any]]:
    """One row per (policy, kind): both cosines and whether the annotators marked the kind in the policy."""
    path = DATA / f"{split}.jsonl"
    if not path.exists():
        raise SystemExit(f"{path} is missing: bring PolicyQA and convert it (benchmarks/policy_qa/README.md)")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        marked = set()
        for q in raw["questions"]:
            for t in q["types"]:
                practice, attribute, value = t.split("|||")[:3]
                if practice in PRACTICES and attribute == "Personal Information Type":
                    marked.add("User profile" if value == "User Profile" else value)
        texts = [s["text"] for s in raw["segments"]]
        for kind, (name, description) in KINDS.items():
            by_name, by_whole, _ = reader.scores(name, description, texts)
            rows.append(
                {"policy": raw["policy"], "kind": kind, "name": by_name, "whole": by_whole, "described": kind in marked}
            )
    return rows


def score(rows: list[dict[str, Any]], name_min: float, description_min: float) -> dict[str, float]:
    found = [r["name"] >= name_min or r["whole"] >= description_min for r in rows]
    tp = sum(f and r["described"] for f, r in zip(found, rows, strict=True))
    fn = sum(not f and r["described"] for f, r in zip(found, rows, strict=True))
    tn = sum(not f and not r["described"] for f, r in zip(found, rows, strict=True))
    reported = tn + fn
    absent = sum(not r["described"] for r in rows)
    return {
        "pairs": len(rows),
        "described": tp + fn,
        "found_when_described": tp / (tp + fn) if tp + fn else 0.0,  # 1 - false-alarm rate
        "report_precision": tn / reported if reported else 0.0,
        "report_recall": tn / absent if absent else 0.0,
        "reports": reported,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", action="append", choices=["dev", "test"])
    ap.add_argument("--markdown", type=Path)
    args = ap.parse_args()
    splits = args.split or ["dev"]
    embeddings = CachedEmbeddings()
    reader = EmbeddingReader(embeddings)
    started = time.perf_counter()
    results = {s: cases(s, reader) for s in splits}
    embeddings.save()
    out = ["# Does the policy describe this kind of data? (OPP-115 policies via PolicyQA)", ""]
    out.append(f"Command: `python benchmarks/policy_qa/data_kinds.py {' '.join('--split ' + s for s in splits)}`  ")
    out.append(f"Run: {time.strftime('%Y-%m-%d')}, {time.perf_counter() - started:.0f} s (embeddings cached).")
    out += [
        "",
        f"Shipped thresholds: name–clause cosine ≥ {NAME_MIN}, description–sentence cosine ≥ {DESCRIPTION_MIN}.",
        "",
    ]
    if "dev" in results:
        out += [
            "## Grid on dev (choose here)",
            "",
            "| name ≥ | description ≥ | described found | report precision | report recall | reports |",
            "|---|---|---|---|---|---|",
        ]
        for n, d in product(NAME_GRID, DESCRIPTION_GRID):
            s = score(results["dev"], n, d)
            out.append(
                f"| {n} | {d} | {s['found_when_described']:.3f} | {s['report_precision']:.3f} | "
                f"{s['report_recall']:.3f} | {s['reports']} |"
            )
        out.append("")
    out += [
        "## Shipped thresholds, per split",
        "",
        "| split | pairs | described | described found | report precision | report recall | reports |",
        "|---|---|---|---|---|---|---|",
    ]
    for split, rows in results.items():
        s = score(rows, NAME_MIN, DESCRIPTION_MIN)
        out.append(
            f"| {split} | {s['pairs']} | {s['described']} | {s['found_when_described']:.3f} | "
            f"{s['report_precision']:.3f} | {s['report_recall']:.3f} | {s['reports']} |"
        )
    last = list(results)[-1]
    out += [
        "",
        f"## Per kind ({last}, shipped thresholds)",
        "",
        "| kind | policies describing it | found | reported absent (right/all) |",
        "|---|---|---|---|",
    ]
    for kind in KINDS:
        rows = [r for r in results[last] if r["kind"] == kind]
        s = score(rows, NAME_MIN, DESCRIPTION_MIN)
        right = round(s["report_precision"] * s["reports"])
        out.append(
            f"| {kind} | {s['described']}/{len(rows)} | {s['found_when_described']:.2f} | {right}/{s['reports']} |"
        )
    text = "\n".join(out) + "\n"
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
