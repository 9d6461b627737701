"""The dataset on disk: one case per JSON line, and the `<out>.meta.json` beside it (pack fingerprint, seed,
counts) that says which pack and generator made it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import fingerprint
from evals.cases.plan import GENERATOR_VERSION

EVALS_DIR = Path(__file__).resolve().parents[1]
DEFAULT_OUT = EVALS_DIR / "datasets" / "sample.jsonl"


def stats(cases: list[dict[str, Any]]) -> dict[str, Any]:
    tags: Counter[str] = Counter(t for c in cases for t in c["tags"])
    return {
        "cases": len(cases),
        "customers": len({c["customer_id"] for c in cases}),
        "conversations": len({c["conversation_id"] for c in cases if c["conversation_id"]}),
        "by_intent": dict(sorted(Counter(c["intent"] for c in cases).items())),
        "by_family": dict(Counter(c["family"] for c in cases)),
        "by_tag": dict(sorted(tags.items())),
    }


def write_dataset(cases: list[dict[str, Any]], out: Path, meta: dict[str, Any]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for case in cases:
            handle.write(json.dumps(case, ensure_ascii=False, sort_keys=False) + "\n")
    meta_path = out.with_suffix(".meta.json")
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_dataset(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def dataset_meta(pack: KnowledgePack, cases: list[dict[str, Any]], seed: int) -> dict[str, Any]:
    return {
        "generator": "evals.make_dataset",
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "company": pack.company.name,
        "pack_fingerprint": fingerprint(pack.root),
        **stats(cases),
    }
