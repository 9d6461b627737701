"""The classifier's training texts: the curated examples (examples.py) and the phrasings written as customers,
support agents and privacy-team members write (phrasings/*.jsonl), in one fixed order."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from assistant.understand.examples import EXAMPLES

PHRASINGS = Path(__file__).with_name("phrasings")


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def read_phrasings(folder: Path, known: Iterable[str] = EXAMPLES) -> list[tuple[str, str]]:
    """(intent, text) pairs from each `*.jsonl` file in name order. A row naming an intent the classifier does
    not know, or missing a field, is an error that names the file and line, not a silent skip."""
    labels = set(known)
    pairs: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                label, text = str(row["intent"]), str(row["text"]).strip()
            except (ValueError, KeyError, TypeError) as err:
                raise ValueError(f"{path.name}:{number}: not an {{intent, text}} object ({err})") from err
            if label not in labels:
                raise ValueError(f"{path.name}:{number}: unknown intent {label!r}")
            if text:
                pairs.append((label, text))
    return pairs


@cache
def training_examples() -> tuple[tuple[str, str], ...]:
    """The curated examples first, then the phrasings; a text met twice keeps its first label."""
    pairs = [(label, text) for label, texts in EXAMPLES.items() for text in texts]
    seen = {_key(text) for _, text in pairs}
    for label, text in read_phrasings(PHRASINGS):
        if _key(text) not in seen:
            seen.add(_key(text))
            pairs.append((label, text))
    return tuple(pairs)


def example_texts() -> list[str]:
    """The training texts, in the order the classifier's matrix rows follow."""
    return [text for _, text in training_examples()]


def example_labels() -> list[str]:
    return [label for label, _ in training_examples()]
