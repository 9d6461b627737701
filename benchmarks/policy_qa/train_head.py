"""Train the sentence selector's head on PolicyQA's dev split, and tune its thresholds by cross-validation.

    python benchmarks/policy_qa/train_head.py                # the shipped head: retrieval/sentence_head.json
    python benchmarks/policy_qa/train_head.py --out-dir DIR  # research weights: head + practice layers in DIR

Licence: OPP-115's annotations (PolicyQA's texts) are released for research, teaching and scholarship only
(in the spirit of CC BY-NC). The shipped head holds 20 coefficients and 3 thresholds over generic closeness
features (cosine, BM25, rank, length); the practice layers, classifiers that reproduce the annotators'
practice labels, are learned only with --out-dir, locally, by someone who brought the data under its terms,
and are never committed (docs/policies.md).

Logistic regression (scikit-learn, here only: the shipped head is a few numbers that numpy applies) over the
selector's features of every (question, sentence) pair. The thresholds (choose, relative to the best,
abstain, at most how many) are chosen on out-of-fold probabilities: five folds by policy, so no policy's
sentences are scored by a head that saw them. The objective weighs F1 on answerable questions 3 to 1 against
abstaining on unanswerable ones (they are 6 % of the split but common in real questions). The test split is
never read here.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, CachedEmbeddings, Policy, load, summarise

from assistant.retrieval.practices import LEVELS, PRACTICES_FILE, Layer, Practices
from assistant.retrieval.selector import HEAD_FILE, Head, most_f1
from assistant.retrieval.sentence_index import FEATURES, SentenceIndex, policy_sentences

# Indexing before any practice model exists: one type that never matches.
_NO_PRACTICES = Practices({level: Layer(*(np.zeros(s) for s in ((1, 3 * 384), 1, (1, 384), 1))) for level in LEVELS})

FOLDS = 5
C = 1.0
C_SENTENCE = 2.0
C_QUESTION = 4.0
MIN_SENTENCES = 3  # a practice type with fewer labelled sentences in training is not learnt
GRID = {
    "boost": [1.0, 1.5, 2.0, 2.5, 3.0, 4.0],
    "abstain": [0.0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3],
    "most": [3, 5, 8, 12],
}


@dataclass
class Item:
    policy: int
    question: str
    vector: np.ndarray
    relevant: set[int]
    features: np.ndarray = field(default_factory=lambda: np.zeros(0))


def _level(practice_type: str, level: str) -> str:
    parts = practice_type.split("|||")
    return "|||".join(parts[:2] if level == "attribute" else parts)


def prepare(split: str, embeddings: CachedEmbeddings) -> tuple[list[Policy], list[Item], list[list[set[str]]]]:
    """The policies (indexed without practices yet), one item per question, and each sentence's practice
    types (from the questions it answers)."""
    policies = load(split)
    raw = [json.loads(line) for line in (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]
    items: list[Item] = []
    labels: list[list[set[str]]] = []
    for n, (policy, data) in enumerate(zip(policies, raw, strict=True)):
        sentences = policy_sentences(policy.sections)  # type: ignore[arg-type]
        vectors = embeddings.embed_documents([s.text for s in sentences])
        policy.index = SentenceIndex(sentences, np.asarray(vectors), {}, _NO_PRACTICES)
        types: list[set[str]] = [set() for _ in sentences]
        for q in data["questions"]:
            for k in q["relevant"]:
                types[k].update(q["types"])
        labels.append(types)
        questions = embeddings.embed_documents([q.text for q in policy.questions])
        items += [Item(n, q.text, np.asarray(v), q.relevant) for q, v in zip(policy.questions, questions, strict=True)]
    embeddings.save()
    return policies, items, labels


def fit_practices(
    policies: list[Policy], items: list[Item], labels: list[list[set[str]]], train: set[int]
) -> Practices:
    from sklearn.linear_model import LogisticRegression

    layers = {}
    raw = {n: json.loads(line) for n, line in enumerate((DATA / "dev.jsonl").read_text(encoding="utf-8").splitlines())}
    for level in LEVELS:
        readings = np.vstack([policies[n].index.reading() for n in sorted(train)])  # type: ignore[union-attr]
        tags = [{_level(t, level) for t in types} for n in sorted(train) for types in labels[n]]
        q_vectors, q_tags = [], []
        for item in items:
            if item.policy in train and item.relevant:
                types = next(q["types"] for q in raw[item.policy]["questions"] if q["question"] == item.question)
                for t in sorted({_level(t, level) for t in types}):
                    q_vectors.append(item.vector)
                    q_tags.append(t)
        names = sorted({t for t in q_tags if sum(t in tag for tag in tags) >= MIN_SENTENCES})
        dim = readings.shape[1]
        sentence_w, sentence_b = np.zeros((len(names), dim)), np.zeros(len(names))
        for j, name in enumerate(names):
            y = np.array([name in tag for tag in tags])
            model = LogisticRegression(C=C_SENTENCE, max_iter=1000).fit(readings, y)
            sentence_w[j], sentence_b[j] = model.coef_[0], model.intercept_[0]
        keep = [k for k, t in enumerate(q_tags) if t in names]
        question = LogisticRegression(C=C_QUESTION, max_iter=2000).fit(
            np.vstack([q_vectors[k] for k in keep]), [names.index(q_tags[k]) for k in keep]
        )
        question_w = np.zeros((len(names), len(items[0].vector)))
        question_b = np.full(len(names), -30.0)
        question_w[question.classes_], question_b[question.classes_] = question.coef_, question.intercept_
        layers[level] = Layer(sentence_w, sentence_b, question_w, question_b)
    return Practices(layers)


def featurize(policies: list[Policy], items: list[Item], practices: Practices | None, which: set[int]) -> None:
    for n in which:
        index = policies[n].index
        assert index is not None
        policies[n].index = SentenceIndex(index.sentences, index.vectors, index.title_vectors, practices)
    for item in items:
        if item.policy in which:
            index = policies[item.policy].index
            assert index is not None
            item.features = index.features(item.question, item.vector)


def fit(items: list[Item]) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([i.features for i in items])
    y = np.concatenate([[k in i.relevant for k in range(len(i.features))] for i in items])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=2000).fit((x - mean) / scale, y)
    return model.coef_[0], float(model.intercept_[0]), mean, scale


def choose(p: np.ndarray, boost: float, abstain: float, most: int) -> set[int]:
    """The selector's rule (assistant/retrieval/selector.py `select`), on precomputed probabilities."""
    if not len(p) or float(p.max()) < abstain:
        return set()
    return set(most_f1(p, boost, most))


def objective(summary: dict[str, float]) -> float:
    return summary["f1_all"]


def tune(probabilities: list[np.ndarray], items: list[Item]) -> tuple[dict[str, float], dict[str, float]]:
    best: tuple[float, dict[str, float], dict[str, float]] | None = None
    for values in itertools.product(*GRID.values()):
        setting = dict(zip(GRID, values, strict=True))
        rows = [(choose(p, *values), i.relevant) for p, i in zip(probabilities, items, strict=True)]  # type: ignore[arg-type]
        summary = summarise(rows)
        if best is None or objective(summary) > best[0]:
            best = (objective(summary), setting, summary)
    assert best is not None
    return best[1], best[2]


def head_of(weights: tuple[np.ndarray, float, np.ndarray, np.ndarray], setting: dict[str, float]) -> Head:
    coef, intercept, mean, scale = weights
    return Head(coef, intercept, mean, scale, setting["boost"], setting["abstain"], int(setting["most"]))


def cross_validate(
    policies: list[Policy], items: list[Item], labels: list[list[set[str]]], with_practices: bool
) -> tuple[list[np.ndarray], dict[str, float], dict[str, float]]:
    """Out-of-fold probabilities (folds by policy: practices and head trained without the held-out policies),
    the thresholds that do best on them, and the score."""
    probabilities: list[np.ndarray] = [np.zeros(0)] * len(items)
    for fold in range(FOLDS):
        held = {p for p in range(len(policies)) if p % FOLDS == fold}
        train = set(range(len(policies))) - held
        practices = fit_practices(policies, items, labels, train) if with_practices else None
        featurize(policies, items, practices, set(range(len(policies))))
        weights = fit([i for i in items if i.policy in train])
        head = head_of(weights, {"boost": 1.0, "abstain": 0.0, "most": 1})
        for k, item in enumerate(items):
            if item.policy in held:
                probabilities[k] = head.probabilities(item.features)
        print(f"fold {fold + 1}/{FOLDS} done", file=sys.stderr, flush=True)
    setting, summary = tune(probabilities, items)
    return probabilities, setting, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--out-dir",
        type=Path,
        help="also learn the practice layers from the OPP-115 annotations and write both files here "
        "(research use only; point CANDOR_POLICY_SELECTOR_WEIGHTS at it). Without it: the shipped head.",
    )
    args = parser.parse_args(argv)
    with_practices = args.out_dir is not None
    policies, items, labels = prepare("dev", CachedEmbeddings())
    _, setting, summary = cross_validate(policies, items, labels, with_practices)
    print(f"dev, {FOLDS}-fold by policy: thresholds {setting}")
    print(json.dumps({k: round(v, 1) for k, v in summary.items()}))
    everything = set(range(len(policies)))
    practices: Practices | None = None
    if with_practices:
        args.out_dir.mkdir(parents=True, exist_ok=True)
        fit_practices(policies, items, labels, everything).save(args.out_dir / PRACTICES_FILE.name)
        practices = Practices.load(args.out_dir / PRACTICES_FILE.name)
    featurize(policies, items, practices, everything)
    coef, intercept, mean, scale = fit(items)
    head = {
        "trained_on": "PolicyQA dev split (benchmarks/policy_qa/train_head.py)"
        + ("" if with_practices else ": the coefficients of generic closeness features only, no practice layers"),
        "features": list(FEATURES),
        "coef": [round(float(c), 6) for c in coef],
        "intercept": round(intercept, 6),
        "mean": [round(float(m), 6) for m in mean],
        "scale": [round(float(s), 6) for s in scale],
        **setting,
        "cross_validated": {k: round(v, 2) for k, v in summary.items()},
    }
    out = args.out_dir / HEAD_FILE.name if with_practices else HEAD_FILE
    out.write_text(json.dumps(head, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}" + (f" and {args.out_dir / PRACTICES_FILE.name}" if with_practices else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
