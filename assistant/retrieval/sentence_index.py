"""A policy's sentences with their vectors, and the closeness features the selector's head reads.

Every sentence of the whole policy (in policy order, plain-language summaries left out), its vector, its
neighbours', its section's and its title's; BM25 on the question's words, on the privacy vocabulary's
expansion of them (`vocabulary.py`) and on sections; and, only with research weights, the practice layers
(`practices.py`). Ingest writes the sentences and vectors with the build; answering reads them back.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
from langchain_core.embeddings import Embeddings
from rank_bm25 import BM25Okapi

from assistant.retrieval.practices import LEVELS, Practices
from assistant.retrieval.retrievers import terms
from assistant.retrieval.sentences import sentence_spans
from assistant.retrieval.vocabulary import expand

SENTENCES = "sentences.jsonl"
SENTENCE_VECTORS = "sentences.npz"
# The plain-language paragraph is the section's own summary, not policy text to quote as an answer.
_SUMMARY = re.compile(r"^Plain language:.*?(?=\n[ \t]*\n|\Z)", re.M | re.S)

FEATURES = (
    "cos",
    "cos_z",
    "cos_gap",
    "cos_rank",
    "ctx_cos",
    "section_cos",
    "title_cos",
    "bm25",
    "bm25_rank",
    "bm25_expanded",
    "bm25_section",
    "overlap",
    "words",
    "best_cos",
    "practice_attribute",
    "practice_attribute_rel",
    "practice_attribute_best",
    "practice_value",
    "practice_value_rel",
    "practice_value_best",
)


# Words almost every policy sentence and privacy question share: they do not say what a question is about.
GENERIC_WORDS = frozenset(
    terms(
        "use used using data information info personal policy privacy company companies website site service "
        "services app"
    )
)


STEM = 5  # letters two words must share at the start to count as the same topic word


def topic_words(question: str) -> set[str]:
    """What the question is about: its words less the generic ones, with the privacy vocabulary's words for them."""
    own = [t for t in terms(question) if t not in GENERIC_WORDS]
    return set(own) | set(expand(own))


class SectionLike(Protocol):
    @property
    def section_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class PolicySentence:
    section_id: str
    title: str
    text: str  # an exact slice of the section's text


def policy_sentences(sections: list[SectionLike]) -> list[PolicySentence]:
    """Every quotable sentence of the sections, in the order given (policy order)."""
    out = []
    for section in sections:
        # The whole summary paragraph is left out, not only its first sentence.
        summaries = [m.span() for m in _SUMMARY.finditer(section.text)]
        for span in sentence_spans(section.text):
            if not any(start <= span.start < end for start, end in summaries):
                out.append(PolicySentence(section.section_id, section.title, section.text[span.start : span.end]))
    return out


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.asarray(rows / np.where(norms == 0, 1.0, norms), dtype=np.float32)


@dataclass
class SentenceIndex:
    """The sentences of a policy with their vectors, and what scoring needs, derived once."""

    sentences: list[PolicySentence]
    vectors: np.ndarray  # one row per sentence
    title_vectors: dict[str, np.ndarray]  # section id → its title's vector (sections with a title)
    practices: Practices | None  # None: no practice layers (the shipped default), their features read 0
    _section_of: np.ndarray = field(init=False)
    _section_vec: np.ndarray = field(init=False)
    _title_vec: np.ndarray = field(init=False)
    _context_vec: np.ndarray = field(init=False)
    _terms: list[set[str]] = field(init=False)
    _frequency: Counter[str] = field(init=False)
    _bm25: BM25Okapi | None = field(init=False)
    _bm25_sections: BM25Okapi | None = field(init=False)
    _practice: dict[str, np.ndarray] = field(init=False)

    def __post_init__(self) -> None:
        ids = list(dict.fromkeys(s.section_id for s in self.sentences))
        number = {sid: i for i, sid in enumerate(ids)}
        self._section_of = np.array([number[s.section_id] for s in self.sentences], dtype=np.int64)
        unit = _unit(np.asarray(self.vectors, dtype=np.float32).reshape(len(self.sentences), -1))
        self.vectors = unit
        dim = unit.shape[1] if len(unit) else 0
        sections = np.zeros((len(ids), dim), dtype=np.float32)
        np.add.at(sections, self._section_of, unit)
        self._section_vec = _unit(sections)[self._section_of]
        titles = np.zeros((len(ids), dim), dtype=np.float32)
        for sid, vector in self.title_vectors.items():
            if sid in number:
                titles[number[sid]] = vector
        self._title_vec = _unit(titles)[self._section_of]
        # A sentence read with its neighbours in the same section: an answer often runs over two or three.
        context = unit * 2
        same_prev = np.r_[False, self._section_of[1:] == self._section_of[:-1]]
        same_next = np.r_[self._section_of[:-1] == self._section_of[1:], False]
        context[same_prev] += unit[np.flatnonzero(same_prev) - 1]
        context[same_next] += unit[np.flatnonzero(same_next) + 1]
        self._context_vec = _unit(context)
        practices = self.practices
        self._practice = (
            {level: practices.layers[level].sentences(self.reading()) for level in LEVELS} if practices else {}
        )
        docs = [terms(s.text) for s in self.sentences]
        self._terms = [set(d) for d in docs]
        self._frequency = Counter(w for held in self._terms for w in held)  # sentences holding each word
        self._bm25 = BM25Okapi(docs) if any(docs) else None
        section_docs: dict[int, list[str]] = {}
        for s, d in zip(self.sentences, docs, strict=True):
            section_docs.setdefault(number[s.section_id], terms(s.title) if s.title else []).extend(d)
        self._bm25_sections = BM25Okapi([section_docs[i] for i in range(len(ids))]) if any(docs) else None

    def on_topic(self, i: int, topic: set[str]) -> bool:
        """Whether sentence `i` says any of the `topic` words, or a word that starts the same way ("encrypted",
        "encryption": the stemmer leaves such pairs apart)."""
        return bool({t[:STEM] for t in self._terms[i]} & {t[:STEM] for t in topic})

    def holding(self, words: set[str], most: int) -> list[int]:
        """Sentences holding one of `words` that at most `most` sentences hold: what names something specific
        ("GPS", "phone calls"), not what every sentence says."""
        return list(self.rare_held(words, most))

    def rare_held(self, words: set[str], most: int) -> dict[int, int]:
        """For each sentence holding any of the rare `words` (as in `holding`), how many of them it holds."""
        rare = {w for w in words if 0 < self._frequency[w] <= most}
        return {i: len(held & rare) for i, held in enumerate(self._terms) if held & rare}

    def shared(self, i: int, words: set[str]) -> int:
        """How many of `words` sentence `i` holds."""
        return len(self._terms[i] & words)

    def terms_of(self, i: int) -> frozenset[str]:
        return frozenset(self._terms[i])

    def reading(self) -> np.ndarray:
        """What the practice layers read of each sentence: its vector, its neighbourhood's and its section's."""
        return np.hstack([self.vectors, self._context_vec, self._section_vec])

    def _bm25_scores(self, model: BM25Okapi | None, words: list[str], size: int) -> np.ndarray:
        if model is None or not words:
            return np.zeros(size)
        return np.maximum(np.asarray(model.get_scores(words), dtype=np.float64), 0.0)

    def features(self, question: str, query_vector: np.ndarray) -> np.ndarray:
        """One row of FEATURES per sentence."""
        n = len(self.sentences)
        q = np.asarray(query_vector, dtype=np.float32)
        q = q / (np.linalg.norm(q) or 1.0)
        cos = (self.vectors @ q).astype(np.float64)
        words = terms(question)
        bm = self._bm25_scores(self._bm25, words, n)
        bm_exp = self._bm25_scores(self._bm25, expand(words), n)
        bm_sec = self._bm25_scores(self._bm25_sections, words, int(self._section_of.max(initial=-1)) + 1)
        bm_sec = bm_sec[self._section_of] if n else bm_sec
        wanted = set(words)
        overlap = np.array([len(wanted & t) / len(wanted) if wanted else 0.0 for t in self._terms])
        best = cos.max(initial=0.0)

        def rank(scores: np.ndarray) -> np.ndarray:
            order = np.argsort(-scores, kind="stable")
            ranks = np.empty(n)
            ranks[order] = np.arange(n)
            return np.asarray(1.0 / (1.0 + ranks))

        def relative(scores: np.ndarray) -> np.ndarray:
            top = scores.max(initial=0.0)
            return scores / top if top > 0 else scores

        columns = {
            "cos": cos,
            "cos_z": (cos - cos.mean()) / (cos.std() or 1.0) if n else cos,
            "cos_gap": cos - best,
            "cos_rank": rank(cos),
            "ctx_cos": (self._context_vec @ q).astype(np.float64),
            "section_cos": (self._section_vec @ q).astype(np.float64),
            "title_cos": (self._title_vec @ q).astype(np.float64),
            "bm25": relative(bm),
            "bm25_rank": rank(bm) * (bm > 0),
            "bm25_expanded": relative(bm_exp),
            "bm25_section": relative(bm_sec),
            "overlap": overlap,
            "words": np.log1p([len(s.text.split()) for s in self.sentences]),
            "best_cos": np.full(n, best),
        }
        for level in LEVELS:
            if self.practices is None:
                match = np.zeros(n)
            else:
                match = (self._practice[level] @ self.practices.layers[level].question(q)).astype(np.float64)
            columns[f"practice_{level}"] = match
            columns[f"practice_{level}_rel"] = relative(match)
            columns[f"practice_{level}_best"] = np.full(n, match.max(initial=0.0))
        return np.column_stack([columns[name] for name in FEATURES]) if n else np.zeros((0, len(FEATURES)))


def build_index(
    sections: list[SectionLike], embeddings: Embeddings, practices: Practices | None = None
) -> SentenceIndex:
    sentences = policy_sentences(sections)
    vectors = np.asarray(embeddings.embed_documents([s.text for s in sentences]), dtype=np.float32)
    titled = [s for s in sections if s.title.strip()]
    title_vectors = embeddings.embed_documents([s.title for s in titled]) if titled else []
    titles = {s.section_id: np.asarray(v, dtype=np.float32) for s, v in zip(titled, title_vectors, strict=True)}
    return SentenceIndex(
        sentences=sentences,
        vectors=vectors.reshape(len(sentences), -1),
        title_vectors=titles,
        practices=practices,
    )


def write_index(index: SentenceIndex, directory: Path) -> None:
    with (directory / SENTENCES).open("w", encoding="utf-8") as handle:
        for s in index.sentences:
            handle.write(json.dumps({"section_id": s.section_id, "title": s.title, "text": s.text}) + "\n")
    titles = sorted(index.title_vectors)
    with (directory / SENTENCE_VECTORS).open("wb") as handle:
        np.savez(
            handle,
            vectors=index.vectors,
            title_ids=np.array(titles, dtype=str),
            titles=np.asarray([index.title_vectors[t] for t in titles], dtype=np.float32).reshape(
                len(titles), index.vectors.shape[1]
            ),
        )


def read_index(directory: Path, practices: Practices | None = None) -> SentenceIndex:
    with (directory / SENTENCES).open(encoding="utf-8") as handle:
        sentences = [PolicySentence(**json.loads(line)) for line in handle if line.strip()]
    with np.load(directory / SENTENCE_VECTORS, allow_pickle=False) as stored:
        vectors, ids, titles = stored["vectors"], stored["title_ids"].tolist(), stored["titles"]
    if len(vectors) != len(sentences):
        raise ValueError(f"{directory}: {SENTENCE_VECTORS} does not match {SENTENCES}")
    return SentenceIndex(sentences, vectors, {sid: titles[i] for i, sid in enumerate(ids)}, practices)
