"""Would a reranker over the selector's candidates help? Measured on PolicyQA's dev split, 5-fold by policy.

    python benchmarks/policy_qa/rerank_probe.py                      # the ceiling of reranking the top N
    python benchmarks/policy_qa/rerank_probe.py --onnx DIR            # plus a pair scorer exported to ONNX

For every question the selector's head (trained out of fold, as train_head.py cross-validates it) ranks the
policy's sentences; its top N are the candidates. Reported:

- the ceiling: answerable F1 if a perfect reranker kept exactly the relevant candidates (and abstained on
  unanswerable questions), so what any reranker over the top N could reach at most;
- with `--onnx DIR`: a (question, sentence) pair scorer, DIR holding one `*.onnx` file (inputs `input_ids`
  and `attention_mask`, output logits) and a `tokenizer.json` (the `tokenizers` format), as cross-encoder
  packages ship them. Its logits for the candidates become extra features of the head (the candidates' rank
  by it too; other sentences get the lowest value), the head is retrained 5-fold by policy and its
  thresholds tuned out of fold, exactly as train_head.py does. Also the scorer alone: its top-k. And its own
  time on N candidates per question (p50/p95).

Scores are cached under /tmp by model and question, so a rerun does not score again. The test split is never
read here.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CachedEmbeddings, Policy, summarise
from train_head import FOLDS, Item, cross_validate, featurize, fit, head_of, prepare, tune

Scorer = Callable[[str, list[str]], np.ndarray]  # (question, sentences) -> logits, one row per sentence


def onnx_scorer(directory: Path, length: int) -> tuple[Scorer, str]:
    import onnxruntime
    from tokenizers import Tokenizer

    model = next(directory.rglob("*.onnx"))
    tokenizer = Tokenizer.from_file(str(next(directory.rglob("tokenizer.json"))))
    tokenizer.enable_truncation(length)
    session = onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    names = {i.name for i in session.get_inputs()}
    fixed = session.get_inputs()[0].shape[1]
    pad = fixed if isinstance(fixed, int) else None
    tokenizer.enable_padding(length=pad)

    def score(question: str, sentences: list[str]) -> np.ndarray:
        encoded = tokenizer.encode_batch([(question, s) for s in sentences])
        feed = {
            "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
        }
        logits = session.run(None, {k: v for k, v in feed.items() if k in names})[0]
        return np.asarray(logits, dtype=np.float64).reshape(len(sentences), -1)

    return score, hashlib.sha256(model.read_bytes()).hexdigest()[:12]


def candidates(probabilities: list[np.ndarray], n: int) -> list[np.ndarray]:
    return [np.argsort(-p, kind="stable")[:n] for p in probabilities]


def ceiling(items: list[Item], tops: list[np.ndarray]) -> dict[str, float]:
    """A perfect reranker of the candidates: keeps the relevant ones, abstains when none is."""
    return summarise(
        [({int(k) for k in top if k in i.relevant}, i.relevant) for i, top in zip(items, tops, strict=True)]
    )


def rerank_scores(
    policies: list[Policy], items: list[Item], tops: list[np.ndarray], scorer: Scorer, tag: str
) -> tuple[list[np.ndarray], list[float]]:
    """The scorer's logits for each question's candidates (cached), and its time per question in ms."""
    cache = Path(f"/tmp/rerank-probe-{tag}-{len(tops[0])}.npz")
    stored = dict(np.load(cache, allow_pickle=True)) if cache.exists() else {}
    if "scores" in stored and len(stored["scores"]) == len(items):
        return list(stored["scores"]), list(stored["times"])
    scores, times = [], []
    for k, (item, top) in enumerate(zip(items, tops, strict=True)):
        index = policies[item.policy].index
        assert index is not None
        started = time.perf_counter()
        scores.append(scorer(item.question, [index.sentences[i].text for i in top]))
        times.append((time.perf_counter() - started) * 1000)
        if k % 200 == 0:
            print(f"scored {k}/{len(items)} questions, {np.median(times):.0f} ms each", file=sys.stderr, flush=True)
    holder = np.empty(len(scores), dtype=object)
    holder[:] = scores
    np.savez(cache, scores=holder, times=np.array(times))
    return scores, times


def with_reranker(items: list[Item], tops: list[np.ndarray], scores: list[np.ndarray]) -> None:
    """Append the scorer's logits and its rank of each candidate to every sentence's features."""
    for item, top, logits, ordered in zip(items, tops, scores, by_scorer(tops, scores), strict=True):
        extra = np.tile(logits.min(axis=0), (len(item.features), 1))
        extra[top] = logits
        rank = np.zeros(len(item.features))
        rank[ordered] = 1.0 / (1.0 + np.arange(len(top)))
        item.features = np.column_stack([item.features, extra, rank])


def cross_validated(policies: list[Policy], items: list[Item]) -> tuple[dict[str, float], dict[str, float]]:
    """train_head.cross_validate's loop on features already computed (so extra columns survive)."""
    probabilities: list[np.ndarray] = [np.zeros(0)] * len(items)
    for fold in range(FOLDS):
        held = {p for p in range(len(policies)) if p % FOLDS == fold}
        head = head_of(fit([i for i in items if i.policy not in held]), {"boost": 1.0, "abstain": 0.0, "most": 1})
        for k, item in enumerate(items):
            if item.policy in held:
                probabilities[k] = head.probabilities(item.features)
    return tune(probabilities, items)


def top_k(items: list[Item], orders: list[np.ndarray], k: int) -> dict[str, float]:
    """The first k sentences of each question's ranking, never abstaining."""
    return summarise([({int(i) for i in order[:k]}, item.relevant) for item, order in zip(items, orders, strict=True)])


def by_scorer(tops: list[np.ndarray], scores: list[np.ndarray]) -> list[np.ndarray]:
    """The candidates in the scorer's order: its last logit over its first (one logit: that logit)."""
    margins = [s[:, -1] - s[:, 0] if s.shape[1] > 1 else s[:, 0] for s in scores]
    return [top[np.argsort(-m, kind="stable")] for top, m in zip(tops, margins, strict=True)]


def line(name: str, s: dict[str, float]) -> str:
    return (
        f"| {name} | **{s['f1']:.1f}** | {s['precision']:.1f} | {s['recall']:.1f} | {s['f1_all']:.1f} | "
        f"{s['abstained_unanswerable']:.1f} % | {s['selected_mean']:.1f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--onnx", type=Path, help="a directory with a pair scorer's .onnx and tokenizer.json")
    parser.add_argument("--top", type=int, default=30, help="candidates per question (default 30)")
    parser.add_argument("--length", type=int, default=160, help="tokens per (question, sentence) pair")
    parser.add_argument(
        "--every",
        type=int,
        default=1,
        help="score only every k-th question (a slow scorer); the head is then "
        "retrained and compared with and without it on those questions alone",
    )
    args = parser.parse_args(argv)
    policies, items, labels = prepare("dev", CachedEmbeddings())
    probabilities, _, base = cross_validate(policies, items, labels, with_practices=False)
    tops = candidates(probabilities, args.top)
    print("| dev, 5-fold by policy | answerable F1 | P | R | F1 all | abstains (unanswerable) | chosen |")
    print("|---|---|---|---|---|---|---|")
    print(line("selector (generic features)", base))
    for n in (5, 10, 30, 60):
        print(line(f"ceiling: a perfect reranker of the top {n}", ceiling(items, candidates(probabilities, n))))
    if args.onnx is None:
        return 0
    scorer, tag = onnx_scorer(args.onnx, args.length)
    if args.every > 1:
        items, tops = items[:: args.every], tops[:: args.every]
        tag += f"-every{args.every}"
        print(line(f"selector, retrained on every {args.every}th question only", cross_validated(policies, items)[1]))
    scores, times = rerank_scores(policies, items, tops, scorer, tag)
    for k in (1, 3, 5):
        print(line(f"the head's own top {k}", top_k(items, tops, k)))
        print(line(f"scorer alone: top {k} of the head's top {args.top}", top_k(items, by_scorer(tops, scores), k)))
    featurize(policies, items, None, set(range(len(policies))))
    with_reranker(items, tops, scores)
    setting, summary = cross_validated(policies, items)
    print(line(f"selector + scorer's logits and rank as features {setting}", summary))
    print(
        f"\nscorer time per question ({args.top} candidates): p50 {np.percentile(times, 50):.1f} ms, "
        f"p95 {np.percentile(times, 95):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
