"""Which policy sentences answer a question: every sentence of the whole policy scored by a small trained
head, the chosen ones returned in policy order, or none when the policy does not address it.

Each sentence is scored (`sentence_index.py`) on how close it is to the question (embedding cosine; BM25
on the question's words and, apart, on the privacy vocabulary's expansion of them), how close its section,
its title and its neighbours are, where it ranks in the policy, and whether it concerns the privacy practice
the question asks about (`practices.py`, only with research weights: the shipped head reads none). A
logistic-regression head over those features (`sentence_head.json`, trained on PolicyQA's dev split by
benchmarks/policy_qa/train_head.py) gives each a probability; the selector takes as many of the likeliest as
maximise the expected F1, and abstains (the policy does not say) when even the best is below a calibrated
threshold or when none of them shares a topic word with the question. Measured in
benchmarks/policy_qa/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.retrieval.practices import PRACTICES_FILE, Practices
from assistant.retrieval.sentence_index import (
    FEATURES,
    SENTENCE_VECTORS,
    PolicySentence,
    SentenceIndex,
    read_index,
    topic_words,
)

HEAD_FILE = Path(__file__).with_name("sentence_head.json")


@dataclass(frozen=True)
class Selection:
    sentences: list[PolicySentence]  # in policy order; empty when the policy does not say
    scores: list[float]  # the head's probability for each sentence chosen
    best: float  # the highest probability of any sentence, chosen or not

    @property
    def abstained(self) -> bool:
        return not self.sentences


@dataclass(frozen=True)
class Head:
    """Standardised features → logistic regression; thresholds tuned on the dev split."""

    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    boost: float  # probabilities times this when choosing how many maximise expected F1
    abstain: float  # below this for the best sentence, the policy does not say
    most: int  # never more than this many

    @classmethod
    def load(cls, path: Path = HEAD_FILE) -> Head:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if tuple(raw["features"]) != FEATURES:
            raise ValueError(f"{path} was trained on other features: retrain with benchmarks/policy_qa/train_head.py")
        return cls(
            coef=np.asarray(raw["coef"], dtype=np.float64),
            intercept=float(raw["intercept"]),
            mean=np.asarray(raw["mean"], dtype=np.float64),
            scale=np.asarray(raw["scale"], dtype=np.float64),
            boost=float(raw["boost"]),
            abstain=float(raw["abstain"]),
            most=int(raw["most"]),
        )

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        z = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)))


def most_f1(p: np.ndarray, boost: float, most: int) -> list[int]:
    """The k likeliest sentences, k chosen to maximise the expected F1 against the unknown relevant set:
    2·(Σ of the k probabilities) / (k + Σ of all), so a question with many likely sentences gets more."""
    order = np.argsort(-p, kind="stable")
    likely = np.clip(p[order] * boost, 0.0, 1.0)
    ks = np.arange(1, min(most, len(p)) + 1)
    expected = 2 * np.cumsum(likely)[: len(ks)] / (ks + likely.sum())
    return [int(i) for i in order[: int(ks[int(np.argmax(expected))])]]


def select(question: str, index: SentenceIndex, query_vector: np.ndarray, head: Head) -> Selection:
    """The sentences that together answer `question`, in policy order; none when the policy does not say."""
    if not index.sentences:
        return Selection([], [], 0.0)
    p = head.probabilities(index.features(question, query_vector))
    best = float(p.max())
    if best < head.abstain:
        return Selection([], [], best)
    chosen = sorted(most_f1(p, head.boost, head.most))
    # When no chosen sentence shares a topic word with the question, they are loosely related at best: the
    # policy does not say (benchmarks/policy_qa/README.md).
    topic = topic_words(question)
    if topic and not any(index.on_topic(i, topic) for i in chosen):
        return Selection([], [], best)
    return Selection([index.sentences[i] for i in chosen], [float(p[i]) for i in chosen], best)


# A practice many sentences speak of (a minimum age, said in several sections) is answered by the likeliest few.
MOST_SPOKEN = 3
RARE = 3  # a word in at most this many sentences names something specific
# Cosine a specific sentence needs with the question: chosen on the development questions (0.41–0.61 for right
# sentences, -0.01–0.24 for ones sharing only a stray word).
SPECIFIC_FLOOR = 0.4
PAIR_FLOOR = 0.25  # for a sentence holding two of them: none of the stray ones did
SHARED_BONUS = 0.05  # per question word a specific sentence holds, rare or not
MOST_SECTIONS = 9  # a topic answered from several sections quotes the likeliest sentence of each, up to this
TIME_BONUS = 0.5  # added, for a question asking how long or how soon, to a topic sentence that states a time
_ASKS_TIME = re.compile(r"\bhow (long|soon|quickly|fast)\b|\bwhen will\b|\bhow many (days|hours|weeks|months)", re.I)
_STATES_TIME = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|ten|twelve|thirty) (hours?|days?|weeks?|months?|years?)\b", re.I
)
# A number the question gives ("my son is 17") picks, within the topic, the sentences that state it.
_NUMBER = re.compile(r"\b\d{1,3}\b")
WHOLE_SECTION = 6  # a topic's one section of at most this many sentences is quoted whole


def select_within(
    question: str,
    index: SentenceIndex,
    query_vector: np.ndarray,
    head: Head,
    within: Sequence[str],
) -> Selection:
    """The answer from the `within` sections only: those a question about a common topic is known to be about by
    their titles (understand/topics.py), so neither the abstain threshold nor the topic-word guard applies. One
    sentence per section when there are several (each right, for "what are my rights?"), else the whole section
    when it is short, or as many of its likeliest sentences as maximise the expected F1."""
    sections = np.array([s.section_id for s in index.sentences])
    inside = np.isin(sections, list(within))
    if not inside.any():
        return select(question, index, query_vector, head)
    p = np.where(inside, head.probabilities(index.features(question, query_vector)), 0.0)
    if _ASKS_TIME.search(question):
        # "How long does the download take?": within the topic, the sentences that state a time answer it.
        timed = np.array([bool(_STATES_TIME.search(s.text)) for s in index.sentences])
        p = np.where(inside & timed, np.minimum(1.0, p + TIME_BONUS), p)
    if numbers := set(_NUMBER.findall(question)):
        stated = np.array([bool(numbers & set(_NUMBER.findall(s.text))) for s in index.sentences])
        p = np.where(inside & stated, np.minimum(1.0, p + TIME_BONUS), p)
    held = [s for s in within if (inside & (sections == s)).any()]
    if len(held) > 1:
        chosen: list[int] = sorted(
            int(max(np.flatnonzero(inside & (sections == s)), key=p.__getitem__)) for s in held[:MOST_SECTIONS]
        )
    elif inside.sum() <= WHOLE_SECTION:
        chosen = [int(i) for i in np.flatnonzero(inside)]  # a short section on the topic is its whole answer
    else:
        chosen = sorted(most_f1(p, head.boost, head.most))
    return Selection([index.sentences[i] for i in chosen], [float(p[i]) for i in chosen], float(p.max()))


# A policy's sentence on itself ("This notice explains what personal data Lumen Stream collects…") shares words with
# many questions and answers none of them.
_ABOUT_ITSELF = re.compile(
    r"^\s*(this|our) (privacy )?(notice|policy|statement|document|page)\b[^.]{0,40}\b(explains|describes|sets out|"
    r"tells you|outlines|summari[sz]es)\b",
    re.I,
)


class SentenceSelector:
    """The selector bound to one build's sentences: call it with a question."""

    def __init__(self, index: SentenceIndex, embeddings: Embeddings, head: Head) -> None:
        self.index, self._embeddings, self._head = index, embeddings, head

    def block(self, section_ids: set[str]) -> None:
        """Never choose a sentence of these sections (policy text that must not be quoted). They leave the index
        rather than being masked: a planted section's words must not change how the others rank (word rarity,
        BM25). Rebuilt even when none is blocked, so every build's index is derived the same way."""
        old = self.index
        keep = [i for i, s in enumerate(old.sentences) if s.section_id not in section_ids]
        titles = {sid: v for sid, v in old.title_vectors.items() if sid not in section_ids}
        self.index = SentenceIndex([old.sentences[i] for i in keep], old.vectors[keep], titles, old.practices)

    def specific(self, question: str, words: set[str]) -> Selection:
        """The one sentence on something specific the question names by a rare word ("do you know my exact
        location? like GPS?"), the closest in meaning of those holding one, if it is close enough."""
        held = self.index.rare_held(words, RARE)
        found = [i for i in held if not _ABOUT_ITSELF.match(self.index.sentences[i].text)]
        if not found:
            return Selection([], [], 0.0)
        vector = np.asarray(self._embeddings.embed_query(question), dtype=np.float32)
        vector /= np.linalg.norm(vector) or 1.0
        raw = close = self.index.vectors[found] @ vector
        # A sentence holding two of the question's rare words ("card number") is on it, if a little less close.
        floors = np.array([PAIR_FLOOR if held[i] >= 2 else SPECIFIC_FLOOR for i in found])
        close = np.where(close >= floors, close, close - 1.0)
        # Of two close sentences, the one holding more of the question's words ("record", "phone calls") says it.
        ranked = close + SHARED_BONUS * np.array([self.index.shared(i, words) for i in found])
        best = int(np.argmax(ranked))
        if close[best] < PAIR_FLOOR:
            return Selection([], [], float(close[best]))
        chosen = [best]
        # Its neighbour in the policy, close too, that says what it leaves out of the question ("we keep your chats,
        # the notes … about phone calls." / "We do not record phone calls."): both, in policy order.
        missing = words - self.index.terms_of(found[best])
        section = self.index.sentences[found[best]].section_id
        for j, i in enumerate(found):
            beside = abs(i - found[best]) == 1 and self.index.sentences[i].section_id == section
            if beside and raw[j] >= PAIR_FLOOR and missing and self.index.on_topic(i, missing):
                chosen.append(j)
                break
        chosen.sort(key=lambda j: found[j])
        return Selection(
            [self.index.sentences[found[j]] for j in chosen], [float(close[j]) for j in chosen], float(close[best])
        )

    def among(self, question: str, texts: Sequence[str], most: int = MOST_SPOKEN) -> Selection:
        """The `most` likeliest of the policy's sentences among `texts` (those that speak of the practice the
        question asks about), in policy order."""
        wanted = set(texts)
        found = [i for i, s in enumerate(self.index.sentences) if s.text in wanted]
        if not found:
            return self(question)
        vector = np.asarray(self._embeddings.embed_query(question), dtype=np.float32)
        p = self._head.probabilities(self.index.features(question, vector))
        chosen = sorted(sorted(found, key=lambda i: -p[i])[:most])
        return Selection([self.index.sentences[i] for i in chosen], [float(p[i]) for i in chosen], float(p.max()))

    def __call__(self, question: str, within: Sequence[str] = ()) -> Selection:
        """`within`: the sections a question about a common topic is answered from (`select_within`)."""
        vector = np.asarray(self._embeddings.embed_query(question), dtype=np.float32)
        if within:
            return select_within(question, self.index, vector, self._head, within)
        return select(question, self.index, vector, self._head)


def open_selector(build_dir: Path, embeddings: Embeddings, weights: Path | None = None) -> SentenceSelector | None:
    """The build's selector; None for a build without sentence vectors (made with other embeddings).

    `weights`: a directory with a head and practice layers trained locally by
    benchmarks/policy_qa/train_head.py (for research use: see benchmarks/policy_qa/README.md); by default the shipped
    head, which reads no practice layers."""
    if not (build_dir / SENTENCE_VECTORS).exists():
        return None
    if weights is None:
        return SentenceSelector(read_index(build_dir), embeddings, Head.load())
    for name in (HEAD_FILE.name, PRACTICES_FILE.name):
        if not (weights / name).is_file():
            raise FileNotFoundError(
                f"{weights / name} not found: CANDOR_POLICY_SELECTOR_WEIGHTS must name a directory written by "
                "`python benchmarks/policy_qa/train_head.py --out-dir DIR`"
            )
    practices = Practices.load(weights / PRACTICES_FILE.name)
    return SentenceSelector(read_index(build_dir, practices), embeddings, Head.load(weights / HEAD_FILE.name))
