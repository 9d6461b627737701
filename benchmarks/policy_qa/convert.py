"""PolicyQA (SQuAD-format questions over OPP-115 policy segments) into whole-policy sentence selection.

For each policy: its segments in order (the whole policy as PolicyQA holds it), each split into sentences with
Candor's own splitter, and each question asked of it with the sentences that answer it anywhere in the policy.

PolicyQA asks one question per (segment, annotated practice), drawn from a few paraphrases per practice type
(e.g. "First Party Collection/Use|||Personal Information Type|||Contact"). Over a whole policy, a question's
relevant sentences are therefore those holding an answer span of *any* question of its practice type(s) in
that policy, not only the spans of the segments where this paraphrase happened to be drawn. A sentence is
relevant when an answer span overlaps it.

Unanswerable questions, for the "the policy does not say" check: questions of this split whose practice
types have no annotation anywhere in the policy (OPP-115 annotators read every segment, so the policy most
likely does not address them), a fixed-seed sample per policy.

    python benchmarks/policy_qa/convert.py --source /path/to/PolicyQA        # a clone of the repository

writes benchmarks/policy_qa/data/{dev,test}.jsonl (not committed: see README.md). `dev` is PolicyQA's
dev.json, for development and for training the selector's head; `test` is PolicyQA's test.json, held out
for a final figure only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.retrieval.sentences import sentence_spans  # noqa: E402

HERE = Path(__file__).resolve().parent
SPLITS = {"dev": "dev.json", "test": "test.json"}
UNANSWERABLE_PER_POLICY = 8
SEED = 20240315


def _norm(question: str) -> str:
    return " ".join(question.split())


def convert_policy(entry: dict[str, Any], types_of: dict[str, set[str]], rng: random.Random) -> dict[str, Any]:
    """One policy: segments with sentence spans, answerable questions with relevant sentence numbers, and
    unanswerable questions."""
    paragraphs = sorted(entry["paragraphs"], key=lambda p: int(p["index"]))
    segments = []
    number = 0
    where: list[list[tuple[int, int, int]]] = []  # per segment: (start, end, sentence number)
    for p in paragraphs:
        spans = sentence_spans(p["context"])
        segments.append(
            {"index": int(p["index"]), "text": p["context"], "sentences": [[s.start, s.end] for s in spans]}
        )
        where.append([(s.start, s.end, number + i) for i, s in enumerate(spans)])
        number += len(spans)
    by_type: dict[str, set[int]] = defaultdict(set)
    asked: set[str] = set()
    for p, sentences in zip(paragraphs, where, strict=True):
        for qa in p["qas"]:
            asked.add(_norm(qa["question"]))
            for answer in qa["answers"]:
                a, b = answer["answer_start"], answer["answer_start"] + len(answer["text"])
                by_type[qa["type"]].update(n for s, e, n in sentences if s < b and a < e)
    questions = []
    for q in sorted(asked):
        relevant = sorted(set().union(*(by_type.get(t, set()) for t in types_of[q])))
        if relevant:
            questions.append({"question": q, "types": sorted(types_of[q]), "relevant": relevant})
    absent = [q for q in sorted(types_of) if not any(t in by_type for t in types_of[q])]
    unanswerable = [
        {"question": q, "types": sorted(types_of[q])}
        for q in rng.sample(absent, min(len(absent), UNANSWERABLE_PER_POLICY))
    ]
    return {
        "policy": entry["title"],
        "segments": segments,
        "questions": questions,
        "unanswerable": unanswerable,
    }


def convert(squad: dict[str, Any]) -> list[dict[str, Any]]:
    types_of: dict[str, set[str]] = defaultdict(set)
    for entry in squad["data"]:
        for p in entry["paragraphs"]:
            for qa in p["qas"]:
                types_of[_norm(qa["question"])].add(qa["type"])
    rng = random.Random(SEED)
    return [convert_policy(entry, types_of, rng) for entry in sorted(squad["data"], key=lambda e: e["title"])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, required=True, help="a PolicyQA checkout (with data/dev.json)")
    parser.add_argument("--out", type=Path, default=HERE / "data")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for split, name in SPLITS.items():
        squad = json.loads((args.source / "data" / name).read_text(encoding="utf-8"))
        policies = convert(squad)
        with (args.out / f"{split}.jsonl").open("w", encoding="utf-8") as handle:
            for policy in policies:
                handle.write(json.dumps(policy, ensure_ascii=False) + "\n")
        n_q = sum(len(p["questions"]) for p in policies)
        n_u = sum(len(p["unanswerable"]) for p in policies)
        n_s = sum(len(s["sentences"]) for p in policies for s in p["segments"])
        print(f"{split}: {len(policies)} policies, {n_s} sentences, {n_q} answerable and {n_u} unanswerable questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
