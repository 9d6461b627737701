"""Intent recognition: typo repair, then nearest labelled examples in embedding space, plus a few cues."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.retrieval.retrievers import terms
from assistant.turn import IntentResult
from assistant.understand.examples import DOMAIN_WORDS, EXAMPLES
from assistant.understand.head import IntentHead
from assistant.understand.training import training_examples

_WORD = re.compile(r"[a-z]+|[0-9]+|[^\sa-z0-9]")
# Strong phrases that settle an intent whatever the neighbours say.
_CUES: list[tuple[re.Pattern[str], str, float]] = [
    (
        re.compile(
            r"\bwhy\b.*\b(offer|ad|advert|deal|email|coupon|voucher|promo\w*|discount|recommend\w*|"
            r"see|seeing|shown|get|got|sent)\b"
        ),
        "why_offer",
        0.12,
    ),
    (re.compile(r"\b(sell|sold|selling|share|sharing|third part\w*)\b"), "sell_share", 0.12),
    (re.compile(r"\b(how long|retention|retain|keep\w* .*(data|information|history))\b"), "retention", 0.1),
    (
        re.compile(r"\b(delete|erase|download|copy of|export|forget me|access request)\b"),
        "access_delete",
        0.1,
    ),
    (re.compile(r"\b(agree\w*|consent\w*|opted in|permission\w*|said yes)\b"), "consent_status", 0.06),
    (
        re.compile(r"\b(stop|turn off|opt out|unsubscribe|withdraw|object|change my)\b"),
        "change_control",
        0.08,
    ),
    (re.compile(r"\bwhat (data|information|info)\b|\bknow about me\b"), "data_held", 0.08),
    (re.compile(r"\b(segments?|groups?|audiences?|classif\w*|categori[sz]ed)\b"), "segments", 0.08),
    (re.compile(r"\b(predict\w*|churn|going to leave|scores?|likely to|propensity|forecast)\b"), "predictions", 0.08),
    (
        re.compile(r"\b(object\w*|opt out|stop|refuse)\b.*\b(profil\w*|segment\w*|group\w*|predict\w*|scor\w*)"),
        "object_profiling",
        0.25,
    ),
    # Fair treatment across customers, but not "will you treat me differently if I opt out?" (a right's promise).
    (
        re.compile(
            r"^(?!.*\bif (i|we)\b).*(\btreat\w* (me|us|people|customers|everyone|some)\b.*\bdifferent\w*|"
            r"\bdiscriminat\w*|\bunfair\w*|\bbias(ed)?\b|\bfair(ly|ness)?\b(?! enough| play| share| use)|"
            r"\b(better|worse|fewer|more) (offers|deals|discounts) than\b|\bsecond.class\b|"
            r"\bdiffer\w* (by|between|across) (groups?|ages?|regions?|countries|areas?|postcodes?)\b)"
        ),
        "fairness",
        0.15,
    ),
    # Groups of people compared: "are older subscribers treated different", "do women and men see the same offers".
    (
        re.compile(
            r"^(?=.*\b(people|customers|subscribers|users|women|men|older|younger|old|young|elderly|retired|age|"
            r"ages|gender|race|ethnic\w*|religio\w*|disab\w*)\b)(?=.*\b(treat\w*|same|fewer|less|worse|better)\b)"
            r"(?=.*\b(treat\w* (\w+ )?different\w*|same (offers|deals|ads|discounts|recommendations)|"
            r"(fewer|less|worse|better) (offers|deals|ads|discounts|recommendations))\b)"
        ),
        "fairness",
        0.15,
    ),
    (
        re.compile(
            r"\b(really|actually|even|truly) (need|have to|require)\b|\bneed (all|so much)\b|"
            r"\b(so|too) much (data|info\w*|about)\b|\bmore (\w+ ){0,3}than (you )?(need|necessary|required)\b|"
            r"\bminimi[sz]\w*|\bnever used\b|\bno offer\b.*\bused\b|"
            # Typo repair reads "dont" as "don".
            r"\b(collect|keep|hold|store)\w* .*\b(never|not|don'?t|don|do not)( really| even)? use\b|"
            r"\b(actually|really|even) use\b.*\b(collect|keep|hold|store)\w*|"
            r"\bwhy\b.*\bneed\b.*\b(stored|kept|held)\b"
        ),
        "minimisation",
        0.2,
    ),
]
# The form of the sentence separates asking how (change_control), asking what was agreed
# (consent_status) and asking Candor to make the change now (consent_change).
_FORM_CUES: list[tuple[re.Pattern[str], str, float]] = [
    # Asking for a deal is a shop request, not a question about why one was shown.
    (
        re.compile(
            r"^\s*(please\s+)?(give|send|get|find) me (a |an |some |the |any )?(\w+ )?(discount|coupon|voucher|"
            r"promo\w*|code|deal)s?\b(?!.*\bwhy\b)"
        ),
        "out_of_scope",
        0.15,
    ),
    # How long something is kept, whatever is kept: "how long do you keep my partner audience groups?"
    (
        re.compile(
            r"\bhow long (do|does|will|would|can|are|is) (you|they|it|my|your|the|this)\b.*\b(keep|kept|stor\w+|"
            r"hold|held|retain\w*|saved?)\b"
        ),
        "retention",
        0.15,
    ),
    (re.compile(r"\b(why am i|am i|was i|put me)\b.*\b(in|into)\b.*\b(group|segment|audience)s?\b"), "segments", 0.25),
    (
        re.compile(
            r"^\s*(please\s+)?(stop|withdraw|unsubscribe|turn off|switch off|switch on|turn on|opt me|remove me|"
            r"i want to (opt|withdraw|stop|give|unsubscribe)|i no longer|i withdraw|give my consent|i consent|"
            r"i do not consent|i don'?t consent)"
        ),
        "consent_change",
        0.2,
    ),
    # Complaints carry a question: "I switched it off and still got one" asks why that offer came; "I never
    # signed up" and "did I turn it off in the end?" ask what the consent record says.
    (
        re.compile(
            r"\b(still|anyway|even though|despite|after i)\b.*\b(got|get|getting|received?|sent|show(ed|n|ing)?|"
            r"see|saw|seeing)\b|\bhow is (that|this|it) (allowed|legal|ok|okay)\b"
        ),
        "why_offer",
        0.2,
    ),
    (
        re.compile(
            r"\bi (never|didn'?t|did not|have not|haven'?t) (ever )?(sign(ed)? up|agree[d]?|consent(ed)?|opt(ed)? in|"
            r"say yes|said yes|ask(ed)? for)\b|^\s*(did|have|am) i\b.*\b(off|on|opted|in the end|agreed|signed)\b"
        ),
        "consent_status",
        0.2,
    ),
    # What is known about the customer, asked as people ask it.
    (
        re.compile(
            # Not when the customer asks for a copy or deletion of it: that is access_delete.
            r"^(?!.*\b(download|copy|export|delete|erase|remove)\b).*("
            r"\b(do|does) you (know|have|keep|track|store|record)( my| where| that| what| when| if| how)\b|"
            r"\bhow (do|did) you know\b|\bwhere did you get\b|\byou (have|hold|keep|store)( \w+)? (on|about) me\b|"
            r"\bwhat you hold\b)"
        ),
        "data_held",
        0.15,
    ),
    # Groups and predictions as people ask about them: lists they are on, labels put on them, what is expected.
    (
        re.compile(
            r"\b(what|which) lists?\b|\bon (a |an |some |any |your |the )?(\w+ ){0,2}lists?\b|\bend(ed)? up in\b|"
            r"\b(label|labell?ed|tag|tagged|put|have|count|see) (me|us) (down )?(as|in|among)\b|\bcalling me an?\b"
        ),
        "segments",
        0.2,
    ),
    (
        re.compile(
            r"\bexpect(ing|s)? (me|us) to\b|\bthink(s)? (that )?i('ll| will| am going to| might| would)\b|"
            r"\bguess(es|ing)? (what|that|about|if)\b|\bhow sure\b|\b(what|how) do you (predict|estimate|guess)\b"
        ),
        "predictions",
        0.2,
    ),
    (re.compile(r"^\s*(how|where|what is the way|can i|could i|is there a way)\b"), "change_control", 0.12),
    (re.compile(r"^\s*(did|have|has|when did|am i|what did i|which .* did i)\b"), "consent_status", 0.1),
]
_EXPLICIT_CHANGE = re.compile(
    r"^\s*(please\s+)?(stop|withdraw|unsubscribe|revoke|cancel|opt me|remove me|take me off|give|grant|"
    r"(turn|switch) (it |that |them |this )?(off|on)|(turn|switch) (off|on))\b|"
    r"\b(i want (you )?to|i'?d like (you )?to|please|(can|could|would) you( please)?)\s+(opt|withdraw|stop|give|"
    r"unsubscribe|revoke|turn|switch|remove|cancel|grant)\b|"
    r"\bi (no longer|do not|don'?t) (want|consent|agree)\b|\bi (withdraw|revoke|consent|give (my )?consent)\b|"
    r"\b(i'?d like|i want) to (allow|disconnect)\b|^\s*(no more|disconnect|allow)\b|\b(sign|opt) me (up|in|out)\b|"
    r"\bmake sure\b.*\b(off|on|stopped)\b|"
    r"\b(remove|withdraw|revoke|cancel|take back) (all )?(of )?my (consent|permission)s?\b|"
    r"\bi take (it |that |my consent )?back\b|"
    r"^\s*(dont|don'?t|do not) (use|send|show)\b|^\s*(turn|switch)( \w+){1,4} (back )?(on|off)\b"
)
# Words that ask what the company knows, decides or does about the person ("how do you know I like…",
# "is a computer deciding…", "stop guessing…"): a question with one is never refused.
_ABOUT_ME = frozenset(
    "know knows knew record recorded records tracked device phone location automatically automated computer "
    "algorithm guess guessing guessed decide decides deciding decided opted tailored tailoring personalised "
    "personalized settings setting profiles reading watching listening playlists account age "
    "kids children child teenager minor fraud california human somebody differently discriminate discriminating "
    "discrimination unfair unfairly fairly fairness bias biased".split()
)
_OUT_OF_SCOPE_FLOOR = 0.42
# How much the trained head's probability adds to a label's neighbour score (chosen on the development set).
HEAD_WEIGHT = 0.15
# How many of a label's nearest examples its neighbour score averages.
NEIGHBOURS = 5
# A data question the out-of-scope examples happen to sit nearest to keeps its best data intent above this.
_DATA_FLOOR = 0.38
# Words that make a question about data whatever else it says; "store", "keep", "copy" or "offer" also name
# shops, receipts and prices, so they do not overrule the out-of-scope examples.
_CLEARLY_DATA = DOMAIN_WORDS - frozenset(
    "store keep copy access offer offers ad ads email emails share object opt right safe secure details info "
    "lists groups".split()
)
_TITLE_NOISE = frozenset(terms("our your you we data how what why do does is are the a of to and about tell me"))
_OFFERISH = re.compile(
    r"\b(offer|deal|discount|promo\w*|ad|ads|advert\w*|coupon|voucher|email\w*|sale|notification|push|popping)\b"
)
# Asking for the reasons behind something shown, however it is put ("what was that based on?").
_WHY = re.compile(
    r"\b(why|how come|what made|reason|based on|who decided|what did you use|how did you (know|decide|pick|choose))\b"
)
# A topic asked about as such: "tell me about …", "what is your policy on …".
_ABOUT_TOPIC = re.compile(r"^\s*(tell me about|what is your policy on|what does (the|your) policy say about)\b")
_CONTRACTION = re.compile(r"(\w) ' (s|d|t|ll|re|ve|m)\b")
_MINE = re.compile(r"\b(my|mine)\b")
# Chat shorthand that typo repair cannot reach: "y do u keep emailing me".
_SHORTHAND = {"u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "cuz": "because"}


def example_texts() -> list[str]:
    """The training texts, in the order the classifier's matrix rows follow."""
    return [text for _, text in training_examples()]


def example_labels() -> list[str]:
    return [label for label, _ in training_examples()]


def save_example_vectors(path: Path, embeddings: Embeddings, earlier: Path | None = None) -> None:
    """Embed the training texts and fit the head at ingest, so that start-up reads them instead of running the
    model and scikit-learn. `earlier`, the same file of a previous build made with the same model, is copied
    when it holds these very texts: re-ingesting a pack does not embed them again."""
    if earlier is not None and load_example_vectors(earlier) is not None:
        shutil.copyfile(earlier, path)
        return
    texts = example_texts()
    vectors = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
    head = IntentHead.train(_unit(vectors), example_labels())
    arrays: dict[str, np.ndarray] = {"texts": np.array(texts), "vectors": vectors, **head.arrays()}
    with path.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)


def load_example_vectors(path: Path) -> tuple[np.ndarray, IntentHead] | None:
    """The stored vectors and head, or None when there are none or the texts changed since they were made."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = dict(stored)  # each array read once
        texts, vectors = arrays["texts"].tolist(), arrays["vectors"]
        head = IntentHead.from_arrays(arrays)
    except (OSError, KeyError, ValueError):
        return None
    return (vectors, head) if texts == example_texts() else None


def _unit(matrix: np.ndarray) -> np.ndarray:
    unit: np.ndarray = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    return unit


class IntentClassifier:
    def __init__(
        self,
        embeddings: Embeddings,
        extra_vocabulary: set[str] | None = None,
        catalog_vocabulary: set[str] | None = None,
        section_titles: list[str] | None = None,
        recipients: set[str] | None = None,
        example_vectors: tuple[np.ndarray, IntentHead] | None = None,
        english: frozenset[str] = frozenset(),
    ) -> None:
        # A question naming who receives data is about data. (The names of data categories and purposes are
        # left out: "order", "address" or "plan" also name shop questions.)
        self._data_words = frozenset(recipients or ())
        # Real words are never repaired, whatever the classifier's own vocabulary lacks.
        self._english = english
        # Words naming who receives data (the catalog's shared_with): "what does <a recipient> get?"
        self._recipients = frozenset(recipients or ())
        # Policy section titles, as word sets: "tell me about model versions" names a section.
        self._titles = [t for t in (set(terms(x)) - _TITLE_NOISE for x in section_titles or []) if t]
        self._embeddings = embeddings
        texts, labels = example_texts(), example_labels()
        # Vectors stored at ingest are the model's output for these very texts (load_example_vectors checks).
        if example_vectors is None:
            self._matrix = _unit(np.asarray(embeddings.embed_documents(texts), dtype=np.float32))
            head = IntentHead.train(self._matrix, labels)
        else:
            self._matrix = _unit(np.asarray(example_vectors[0], dtype=np.float32))
            head = example_vectors[1]
        self._head = head
        # Each label's rows, for the nearest-neighbour vote.
        self._rows = {label: np.array([i for i, x in enumerate(labels) if x == label]) for label in EXAMPLES}
        self._offer_words = frozenset(extra_vocabulary or ())
        # Typo repair reads against the curated examples' words only: the phrasings keep real misspellings.
        curated = (t for examples in EXAMPLES.values() for t in examples)
        vocab = {w for t in curated for w in _WORD.findall(t)} | set(DOMAIN_WORDS) | (extra_vocabulary or set())
        vocab |= catalog_vocabulary or set()
        self._vocab = sorted(w for w in vocab if w.isalpha())
        self._vocab_set = set(self._vocab)

    def normalize(self, question: str) -> str:
        """Lowercase and repair likely typos against the vocabulary the classifier knows."""
        words = _WORD.findall(question.lower())
        fixed = []
        for i, word in enumerate(words):
            following = words[i + 1] if i + 1 < len(words) else ""
            if word == "y" and following in ("do", "did", "does", "is", "are", "am", "was", "you", "u", "r"):
                word = "why"
            word = _SHORTHAND.get(word, word)
            if len(word) >= 2 and word.isalpha() and word not in self._vocab_set and not self._is_english(word):
                match = difflib.get_close_matches(word, self._vocab, n=1, cutoff=0.8)
                word = match[0] if match else word
            fixed.append(word)
        # Contractions stay whole ("i'd", "don't"), as the cues and the examples spell them.
        return _CONTRACTION.sub(r"\1'\2", " ".join(fixed))

    def _is_english(self, word: str) -> bool:
        """A known word, or one with a common ending on a known stem ("emailed", "boots", "promoted")."""
        if word in self._english:
            return True
        return any(
            word.endswith(end) and (word[: -len(end)] in self._english or word[: -len(end)] + "e" in self._english)
            for end in ("s", "es", "ed", "d", "ing", "ly", "er")
            if len(word) - len(end) >= 3
        )

    def names_a_section(self, text: str) -> bool:
        words = set(terms(text))
        # Short titles must be named whole; longer ones at least half.
        return any(
            len(title & words) >= (len(title) if len(title) <= 2 else (len(title) + 1) // 2) for title in self._titles
        )

    def classify(self, question: str) -> IntentResult:
        text = self.normalize(question)
        query = np.asarray(self._embeddings.embed_query(text), dtype=np.float32)
        query /= np.linalg.norm(query) or 1.0
        sims = self._matrix @ query
        scores: dict[str, float] = {}
        for label, rows in self._rows.items():
            scores[label] = float(np.sort(sims[rows])[-NEIGHBOURS:].mean())
        for label, p in self._head.probabilities(query).items():
            scores[label] += HEAD_WEIGHT * p
        for pattern, label, boost in (*_CUES, *_FORM_CUES):
            if pattern.search(text):
                scores[label] += boost
        if _ABOUT_TOPIC.search(text) and self.names_a_section(text) and not _MINE.search(text):
            # "Tell me about model versions" names a section of the policy as its topic ("my groups" would not).
            scores["policy_question"] = max(scores.values()) + 0.01
        # "Why … <words naming an offer>": a why-offer question even when phrased loosely.
        named_offer = bool(self._offer_words & set(terms(text)))
        if _WHY.search(text) and named_offer:
            scores["why_offer"] += 0.15
        elif named_offer and _OFFERISH.search(text):
            scores["why_offer"] += 0.1
        if self._recipients & set(terms(text)):
            scores["sell_share"] += 0.2
        best = max(scores, key=lambda k: scores[k])
        explicit = bool(_EXPLICIT_CHANGE.search(text))
        if explicit and best in ("consent_status", "change_control") and scores[best] - scores["consent_change"] < 0.2:
            # "can you stop the emails", "I take back my consent": a request, not a question about the setting.
            best = "consent_change"
        if best == "consent_change" and not explicit:
            # Only an explicit request changes a consent; "when did I turn it off?" asks for the record, and
            # "how do I turn it off?" for the setting.
            best = max(("consent_status", "change_control"), key=lambda k: scores[k])
        words = set(text.split())
        about_data = bool(words & (_CLEARLY_DATA | _ABOUT_ME | self._data_words))
        in_domain = bool(words & DOMAIN_WORDS) or about_data or self.names_a_section(text)
        if best == "out_of_scope" and about_data:
            # Never refuse a question about data: the likeliest data intent, else an answer from the policy.
            runner = max((k for k in scores if k != "out_of_scope"), key=lambda k: scores[k])
            best = runner if scores[runner] >= _DATA_FLOOR else "policy_question"
        elif best != "out_of_scope" and scores[best] < _OUT_OF_SCOPE_FLOOR:
            best = "policy_question" if in_domain else "out_of_scope"
        others = [k for k in scores if k not in (best, "out_of_scope")]
        second = max(others, key=lambda k: scores[k]) if best != "out_of_scope" else None
        return IntentResult(
            intent=best,  # type: ignore[arg-type]
            score=scores[best],
            normalized=text,
            runner_up=second,  # type: ignore[arg-type]
            margin=scores[best] - scores[second] if second else 1.0,
        )
