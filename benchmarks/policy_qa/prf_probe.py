"""Does pseudo-relevance feedback help the selector? A second stage over the head's top sentences, on PolicyQA's
dev split, 5-fold by policy.

    python benchmarks/policy_qa/prf_probe.py

Stage 1 is the shipped head's probability p of every sentence. Stage 2 reads generic features of where each
sentence stands against stage 1's top k (a question's relevant sentences share a practice, so they resemble
each other and cluster in a few sections): its cosine to the p-weighted centroid of the top k's vectors (k = 3,
5, 10), its rank and gap to the best by it; its BM25 on the top k's words (a Rocchio-expanded query) and its
lexical cosine to their centroid; its section's share of the top 10 and best p; its neighbours' best p; and p
itself (logit, rank). Variants:

- no training: p' = sigmoid(logit p + λ·cos_to_centroid_k), λ and k on a grid;
- a small logistic stage 2 over [logit p, rank] + the feedback features;
- one head over the 20 generic features + the feedback features.

Cross-fitting: stage 2 is trained on stage-1 probabilities from heads that saw neither the policy scored nor
the outer fold held out (5 × 4 inner fits), and scored on the held-out fold with stage 1 trained on the other
four, so no probability is in sample. Thresholds are tuned out of fold with train_head.py's `tune`, as it does.
The test split is never read here.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CachedEmbeddings, Policy
from rerank_probe import line
from train_head import FOLDS, Item, featurize, fit, head_of, prepare, tune

from assistant.retrieval.sentence_index import SentenceIndex

KS = (3, 5, 10)
NEUTRAL = {"boost": 1.0, "abstain": 0.0, "most": 1}


def _rank(scores: np.ndarray) -> np.ndarray:
    ranks = np.empty(len(scores))
    ranks[np.argsort(-scores, kind="stable")] = np.arange(len(scores))
    return np.asarray(1.0 / (1.0 + ranks))


def lexical(index: SentenceIndex) -> np.ndarray:
    """Each sentence's BM25 weight of every word of the policy (rows: sentences)."""
    bm = index._bm25
    if bm is None:
        return np.zeros((len(index.sentences), 1))
    words = {w: j for j, w in enumerate(sorted(bm.idf))}
    m = np.zeros((len(index.sentences), len(words)))
    for i, (freqs, length) in enumerate(zip(bm.doc_freqs, bm.doc_len, strict=True)):
        for w, tf in freqs.items():
            norm = tf + bm.k1 * (1 - bm.b + bm.b * length / bm.avgdl)
            m[i, words[w]] = bm.idf[w] * tf * (bm.k1 + 1) / norm
    return m


FEEDBACK = (
    *(f"centroid{k}{s}" for k in KS for s in ("", "_gap", "_rank")),
    *(f"bm25_top{k}" for k in (5, 10)),
    *(f"lex_centroid{k}" for k in (5, 10)),
    "section_share10",
    "section_best_p",
    "neighbour_best_p",
)


def feedback(index: SentenceIndex, lex: np.ndarray, p: np.ndarray) -> np.ndarray:
    """One row of FEEDBACK per sentence, from stage 1's probabilities p."""
    n = len(p)
    order = np.argsort(-p, kind="stable")
    cols: dict[str, np.ndarray] = {}
    present = (lex > 0).astype(np.float64)
    lex_unit = lex / np.maximum(np.linalg.norm(lex, axis=1, keepdims=True), 1e-9)
    for k in KS:
        top = order[:k]
        centroid = p[top] @ index.vectors[top]
        cos = (index.vectors @ (centroid / (np.linalg.norm(centroid) or 1.0))).astype(np.float64)
        cols[f"centroid{k}"], cols[f"centroid{k}_gap"], cols[f"centroid{k}_rank"] = cos, cos - cos.max(), _rank(cos)
        if k in (5, 10):
            bm = lex @ (p[top] @ present[top])
            cols[f"bm25_top{k}"] = bm / (bm.max() or 1.0)
            c = p[top] @ lex_unit[top]
            lc = lex_unit @ (c / (np.linalg.norm(c) or 1.0))
            cols[f"lex_centroid{k}"] = lc
    section = index._section_of
    count = np.bincount(section[order[:10]], minlength=section.max() + 1)
    cols["section_share10"] = count[section] / min(10, n)
    best = np.full(section.max() + 1, 0.0)
    np.maximum.at(best, section, p)
    cols["section_best_p"] = best[section]
    prev = np.r_[0.0, np.where(section[1:] == section[:-1], p[:-1], 0.0)]
    nxt = np.r_[np.where(section[:-1] == section[1:], p[1:], 0.0), 0.0]
    cols["neighbour_best_p"] = np.maximum(prev, nxt)
    return np.column_stack([cols[name] for name in FEEDBACK])


def logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(q / (1 - q)))


def stage1(policies: list[Policy], items: list[Item]) -> tuple[list[np.ndarray], dict[int, list[np.ndarray]]]:
    """Out-of-fold p (head without the policy's fold) and, per outer fold f, p for the other folds' items from
    heads that saw neither f nor the item's own fold."""
    fold_of = [i.policy % FOLDS for i in items]
    outer: list[np.ndarray] = [np.zeros(0)] * len(items)
    inner: dict[int, list[np.ndarray]] = {f: [np.zeros(0)] * len(items) for f in range(FOLDS)}
    for f in range(FOLDS):
        head = head_of(fit([i for i, g in zip(items, fold_of, strict=True) if g != f]), NEUTRAL)
        for k, item in enumerate(items):
            if fold_of[k] == f:
                outer[k] = head.probabilities(item.features)
        for g in range(FOLDS):
            if g == f:
                continue
            head = head_of(fit([i for i, h in zip(items, fold_of, strict=True) if h not in (f, g)]), NEUTRAL)
            for k, item in enumerate(items):
                if fold_of[k] == g:
                    inner[f][k] = head.probabilities(item.features)
        print(f"stage 1, fold {f + 1}/{FOLDS} done", file=sys.stderr, flush=True)
    return outer, inner


def second_stage_features(
    policies: list[Policy], lexes: list[np.ndarray], item: Item, p: np.ndarray, with_base: bool
) -> np.ndarray:
    index = policies[item.policy].index
    assert index is not None
    own = np.column_stack([logit(p), _rank(p), feedback(index, lexes[item.policy], p)])
    return np.column_stack([item.features, own[:, 2:]]) if with_base else own


def stage2(
    policies: list[Policy],
    lexes: list[np.ndarray],
    items: list[Item],
    outer: list[np.ndarray],
    inner: dict[int, list[np.ndarray]],
    with_base: bool,
    top: int = 0,
) -> list[np.ndarray]:
    """Out-of-fold stage-2 probabilities; with `top`, stage 2 is trained on and reranks only stage 1's `top`
    likeliest sentences (the others keep stage 1's p, scaled below the lowest candidate)."""
    out: list[np.ndarray] = [np.zeros(0)] * len(items)
    held_x = [second_stage_features(policies, lexes, i, p, with_base) for i, p in zip(items, outer, strict=True)]
    coefs = []
    for f in range(FOLDS):
        train = []
        for k, i in enumerate(items):
            if i.policy % FOLDS != f:
                x = second_stage_features(policies, lexes, i, inner[f][k], with_base)
                rows = np.argsort(-inner[f][k], kind="stable")[:top] if top else np.arange(len(x))
                kept = {int(r): n for n, r in enumerate(rows)}
                train.append(replace(i, features=x[rows], relevant={kept[r] for r in i.relevant if r in kept}))
        weights = fit(train)
        coefs.append(weights[0])
        head = head_of(weights, NEUTRAL)
        for k, item in enumerate(items):
            if item.policy % FOLDS == f:
                p2 = head.probabilities(held_x[k])
                if top:
                    rows = np.argsort(-outer[k], kind="stable")[:top]
                    rest = outer[k] * (p2[rows].min() / (outer[k][rows].min() or 1.0))
                    p2 = np.where(np.isin(np.arange(len(p2)), rows), p2, np.minimum(rest, p2[rows].min()))
                out[k] = p2
    names = (*(["base"] * 20 if with_base else ["logit_p", "p_rank"]), *FEEDBACK)
    mean = np.mean(coefs, axis=0)
    print("  coefficients (mean over folds): " + ", ".join(f"{n} {c:+.2f}" for n, c in zip(names, mean, strict=True)))
    return out


def ranking(items: list[Item], probabilities: list[np.ndarray]) -> str:
    """Threshold-free: mean average precision and precision at 1 and 5 over the answerable questions."""
    aps, p1, p5 = [], [], []
    for item, p in zip(items, probabilities, strict=True):
        if item.relevant:
            hits = np.array([int(k) in item.relevant for k in np.argsort(-p, kind="stable")], dtype=np.float64)
            aps.append(float(np.sum(hits * np.cumsum(hits) / np.arange(1, len(hits) + 1)) / len(item.relevant)))
            p1.append(hits[0])
            p5.append(hits[:5].mean())
    return f"MAP {100 * np.mean(aps):.1f}, P@1 {100 * np.mean(p1):.1f}, P@5 {100 * np.mean(p5):.1f}"


def report(name: str, items: list[Item], probabilities: list[np.ndarray]) -> None:
    setting, summary = tune(probabilities, items)
    print(line(f"{name} {setting}; {ranking(items, probabilities)}", summary), flush=True)


def centroid_cos(policies: list[Policy], item: Item, p: np.ndarray, k: int) -> np.ndarray:
    index = policies[item.policy].index
    assert index is not None
    top = np.argsort(-p, kind="stable")[:k]
    c = p[top] @ index.vectors[top]
    return np.asarray(index.vectors @ (c / (np.linalg.norm(c) or 1.0)), dtype=np.float64)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)
    policies, items, _ = prepare("dev", CachedEmbeddings())
    featurize(policies, items, None, set(range(len(policies))))
    lexes = [lexical(p.index) for p in policies if p.index is not None]
    outer, inner = stage1(policies, items)
    print("| dev, 5-fold by policy | answerable F1 | P | R | F1 all | abstains (unanswerable) | chosen |")
    print("|---|---|---|---|---|---|---|")
    report("stage 1 alone (the head)", items, outer)
    for k in (3, 5):
        cosines = [centroid_cos(policies, i, p, k) for i, p in zip(items, outer, strict=True)]
        for lam in (0.05, 0.1, 0.2):
            p2 = [np.clip(p + lam * c, 0.0, 1.0) for p, c in zip(outer, cosines, strict=True)]
            report(f"no training: p + {lam}·centroid{k} cos", items, p2)
        for lam in (0.5, 1.0, 2.0):
            p2 = [1.0 / (1.0 + np.exp(-(logit(p) + lam * (c - c.max())))) for p, c in zip(outer, cosines, strict=True)]
            report(f"no training: logit p + {lam}·(centroid{k} cos − its max)", items, p2)
    answerable = [(i, p) for i, p in zip(items, outer, strict=True) if i.relevant]
    for right in (True, False):  # how much feedback from the top sentence alone adds when it is right, or wrong
        some = [(i, p) for i, p in answerable if (int(np.argmax(p)) in i.relevant) == right]
        fed = [logit(p) + 3.0 * centroid_cos(policies, i, p, 1) for i, p in some]
        print(
            f"top sentence {'right' if right else 'wrong'} ({len(some)} answerable questions): stage 1 "
            f"{ranking([i for i, _ in some], [p for _, p in some])}; logit p + 3·cos to it "
            f"{ranking([i for i, _ in some], fed)}",
            flush=True,
        )
    for with_base in (False, True):
        name = "one head: 20 generic + feedback features" if with_base else "stage 2: logit p, rank + feedback"
        report(name, items, stage2(policies, lexes, items, outer, inner, with_base))
        report(name + ", reranking the top 30", items, stage2(policies, lexes, items, outer, inner, with_base, 30))
    return 0


if __name__ == "__main__":
    sys.exit(main())
