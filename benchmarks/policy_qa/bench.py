"""Sentence selection on whole real policies (PolicyQA, converted): the selector against BM25 top-k and the
current retriever, in one run, scored as PrivacyQA scores it.

    python benchmarks/policy_qa/bench.py --split dev --split test --out benchmarks/results

For every question: the sentences a system selects from the whole policy against the annotated relevant
ones, precision/recall/F1 per question, averaged (answerable questions; and over all questions, where an
unanswerable one scores 1 only if the system selects nothing). Systems:

- `bm25 top-k`: the k sentences with the highest BM25 score for the question (Candor's `terms`).
- `current retriever`: what Candor's policy answers quoted before the selector: the fusion retriever's
  top chunks over the policy (vector + BM25, `retrieval_k`), the first two sections, and in each the sentence
  `best_quote` picks.
- `selector`: `assistant/retrieval/selector.py` with the shipped head (generic closeness features, no practice
  layers). It was trained on the dev split, so its dev row is in-sample; the `selector (dev, 5-fold by
  policy)` row is the cross-validated figure recorded when training; the test split was never used to choose
  anything.
- `selector, silent when …`: the same, selecting nothing when the question asks about a practice (cookies,
  training AI, biometrics, death, a sale of the company, transfers abroad) that no sentence of the policy
  mentions, as Candor's answers do (`understand/silent_topics.py`).
- with `--research-weights DIR`: the selector with practice layers learned from OPP-115's annotations by
  `train_head.py --out-dir DIR`. Those annotations are for research use only, so these weights are not
  shipped; the row shows what they would add.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CachedEmbeddings, Policy, load, summarise

from assistant.compose.builder import best_quote, plain
from assistant.pack.models import Section
from assistant.retrieval.chunking import chunk_sections
from assistant.retrieval.practices import PRACTICES_FILE, Practices
from assistant.retrieval.retrievers import BM25Retriever, FusionRetriever, VectorRetriever, terms
from assistant.retrieval.selector import HEAD_FILE, Head, select
from assistant.retrieval.sentence_index import SentenceIndex, build_index
from assistant.settings import Settings
from assistant.understand.silent_topics import silent_topic

Rows = list[tuple[set[int], set[int]]]


def bm25_top(policy: Policy, k: int) -> Rows:
    from rank_bm25 import BM25Okapi

    assert policy.index is not None
    model = BM25Okapi([terms(s.text) or ["∅"] for s in policy.index.sentences])
    rows = []
    for q in policy.questions:
        scores = model.get_scores(terms(q.text)) if terms(q.text) else np.zeros(len(policy.index.sentences))
        order = np.argsort(-scores, kind="stable")[:k]
        rows.append(({int(i) for i in order if scores[i] > 0}, q.relevant))
    return rows


def current_retriever(policy: Policy, embeddings: CachedEmbeddings, settings: Settings) -> Rows:
    assert policy.index is not None
    sections = [
        Section(
            section_id=s.section_id,
            doc_id=policy.name.replace(".", "-"),
            doc_title=policy.name,
            doc_version="1",
            title=s.title,
            level=2,
            line=n + 1,
            text=s.text,
        )
        for n, s in enumerate(policy.sections)
    ]
    docs = chunk_sections(sections, settings.chunk_tokens, settings.chunk_overlap_tokens)
    vectors = np.asarray(embeddings.embed_documents([d.page_content for d in docs]))
    depth = max(settings.retrieval_k * 3, 10)
    retriever = FusionRetriever(
        retrievers=[
            VectorRetriever(docs=docs, vectors=vectors, embeddings=embeddings, k=depth),  # type: ignore[arg-type]
            BM25Retriever(docs=docs, k=depth),
        ],
        k=settings.retrieval_k,
    )
    by_id = {s.section_id: s for s in sections}
    rows = []
    for q in policy.questions:
        # As evidence/gather.py builds a policy question's query: the normalised question, then the question.
        found = retriever.invoke(f"{q.text.lower()} {q.text}")
        chosen = list(dict.fromkeys(d.metadata["section_id"] for d in found))[:2]
        quotes = [plain(best_quote(by_id[sid], frozenset(terms(q.text)))) for sid in chosen]
        picked = {
            n
            for n, s in enumerate(policy.index.sentences)
            if s.section_id in chosen and any(plain(s.text) in quote or quote in plain(s.text) for quote in quotes)
        }
        rows.append((picked, q.relevant))
    return rows


def selector(policy: Policy, embeddings: CachedEmbeddings, head: Head) -> tuple[Rows, list[float]]:
    assert policy.index is not None
    rows, times = [], []
    for q in policy.questions:
        started = time.perf_counter()
        vector = np.asarray(embeddings.model().embed_query(q.text))
        chosen = select(q.text, policy.index, vector, head)
        times.append((time.perf_counter() - started) * 1000)
        number = {id(s): n for n, s in enumerate(policy.index.sentences)}
        rows.append(({number[id(s)] for s in chosen.sentences}, q.relevant))
    return rows, times


Research = tuple[Practices, Head] | None


def run(split: str, embeddings: CachedEmbeddings, head: Head, research: Research) -> dict[str, Any]:
    policies = load(split)
    settings = Settings()
    systems: dict[str, Rows] = {}
    times: list[float] = []
    for policy in policies:
        policy.index = build_index(policy.sections, embeddings)  # type: ignore[arg-type]
        for k in (1, 3, 5):
            systems.setdefault(f"bm25 top-{k}", []).extend(bm25_top(policy, k))
        systems.setdefault("current retriever", []).extend(current_retriever(policy, embeddings, settings))
        rows, took = selector(policy, embeddings, head)
        systems.setdefault("selector", []).extend(rows)
        # Candor's answers first ask whether the policy mentions the practice at all (understand/silent_topics.py).
        silent = [silent_topic(q.text, policy.sections) is not None for q in policy.questions]
        systems.setdefault(SILENT, []).extend(
            (set(), r) if s else (p, r) for s, (p, r) in zip(silent, rows, strict=True)
        )
        times += took
        if research is not None:
            index = policy.index
            policy.index = SentenceIndex(index.sentences, index.vectors, index.title_vectors, research[0])
            systems.setdefault(RESEARCH, []).extend(selector(policy, embeddings, research[1])[0])
    embeddings.save()
    return {
        "split": split,
        "policies": len(policies),
        "systems": {name: summarise(rows) for name, rows in systems.items()},
        "selector_ms": {"p50": float(np.percentile(times, 50)), "p95": float(np.percentile(times, 95))},
    }


RESEARCH = "selector + practice layers (research weights, not shipped)"
SILENT = "selector, silent when no sentence names the practice asked about"


def table(results: list[dict[str, Any]], cross_validated: dict[str, float]) -> str:
    lines = [
        "| split | system | answerable F1 | precision | recall | F1, all questions | abstains on unanswerable | "
        "abstains on answerable | sentences chosen |",
        "|---|---|---|---|---|---|---|---|---|",
    ]

    def row(split: str, name: str, s: dict[str, float]) -> str:
        return (
            f"| {split} | {name} | **{s['f1']:.1f}** | {s['precision']:.1f} | {s['recall']:.1f} | {s['f1_all']:.1f} | "
            f"{s['abstained_unanswerable']:.1f} % | {s['abstained_answerable']:.1f} % | {s['selected_mean']:.1f} |"
        )

    for result in results:
        for name, summary in result["systems"].items():
            in_sample = name in ("selector", RESEARCH) and result["split"] == "dev"
            label = f"{name} (in-sample: trained on dev)" if in_sample else name
            lines.append(row(result["split"], label, summary))
        if result["split"] == "dev":
            lines.append(row("dev", "selector (dev, 5-fold by policy)", cross_validated))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", action="append", choices=["dev", "test"], help="default: dev")
    parser.add_argument("--out", type=Path, help="write policy_qa.json and policy_qa.md here")
    parser.add_argument(
        "--research-weights", type=Path, help="also score the weights `train_head.py --out-dir DIR` wrote there"
    )
    args = parser.parse_args(argv)
    embeddings = CachedEmbeddings()
    head = Head.load()
    research: Research = None
    if args.research_weights:
        research = (
            Practices.load(args.research_weights / PRACTICES_FILE.name),
            Head.load(args.research_weights / HEAD_FILE.name),
        )
    cross_validated = json.loads(HEAD_FILE.read_text())["cross_validated"]
    results = [run(split, embeddings, head, research) for split in args.split or ["dev"]]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    command = "python benchmarks/policy_qa/bench.py " + " ".join(f"--split {r['split']}" for r in results)
    if args.out:
        command += f" --out {args.out}"
    if args.research_weights:
        command += " --research-weights DIR"
    header = f"commit `{commit}` · {platform.processor() or platform.machine()} · Python {platform.python_version()}"
    speed = "; ".join(
        f"{r['split']}: p50 {r['selector_ms']['p50']:.1f} ms, p95 {r['selector_ms']['p95']:.1f} ms" for r in results
    )
    text = (
        f"{header}\n\nCommand: `{command}`\n\n{table(results, cross_validated)}\n\n"
        f"Selector time per question (query embedding + scoring every sentence of the policy): {speed}\n"
    )
    print(text)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        payload = {"command": command, "commit": commit, "results": results, "cross_validated": cross_validated}
        (args.out / "policy_qa.json").write_text(json.dumps(payload, indent=1) + "\n")
        (args.out / "policy_qa.md").write_text(f"# PolicyQA sentence selection\n\n{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
