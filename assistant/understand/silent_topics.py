"""Practices people ask about that many policies never mention: cookies, training AI, facial recognition, what
happens after death, transfers abroad. When a question asks about one and no sentence of the policy uses any of
its words, the policy is silent on it: the answer says so plainly instead of quoting loosely related sentences
(the word-overlap guard cannot tell "training plans" from training AI).

Each topic is two small patterns: how people ask about it, and the words any policy that addresses it uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.pack.models import Section
from assistant.understand.topics import TOPICS


@dataclass(frozen=True)
class SilentTopic:
    label: str  # "The policy does not say anything about {label}."
    asked: re.Pattern[str]
    said: re.Pattern[str]


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


_ASKED = {t.name: t.asked for t in TOPICS}

SILENT_TOPICS = (
    SilentTopic(
        "cookies or similar tracking technologies",
        _ASKED["cookies"],
        _re(r"\b(cookies?|pixels?|web beacons?|tracking technolog\w*|similar technolog\w*|sdks?)\b"),
    ),
    SilentTopic(
        "using your data to train AI",
        _re(
            r"\b(ai|a\.i\.|artificial intelligence|machine learning|llms?|chat ?gpt|chatbots?|large language models?|"
            r"train\w* (an? |the |your |their |its )?(ai|models?|algorithms?|chatbots?))\b"
        ),
        _re(
            r"\b(ai|artificial intelligence|machine learning|language models?|train\w* (our |the |its )?(models?|"
            r"algorithms?))\b"
        ),
    ),
    SilentTopic(
        "facial recognition, cameras or other biometric data",
        _re(r"\b(facial recognition|face (scan\w*|recognition|id)|fingerprints?|biometric\w*|cctv|cameras?)\b"),
        _re(r"\b(biometric\w*|facial|fingerprints?|cctv|cameras?|face)\b"),
    ),
    SilentTopic(
        "what happens to your data when you die",
        _re(r"\b(if|when|after) i (die|pass away|am dead)\b|\bmy death\b|\bdeceased\b|\b(i )?passed away\b"),
        _re(r"\b(death|deceased|dies|die|next of kin|bereave\w*)\b"),
    ),
    SilentTopic(
        "sending your data to other countries",
        _ASKED["transfers"],
        _re(
            r"\b(transfer\w*|outside (the )?(eu|eea|european|uk|united kingdom)|abroad|other countries|third "
            r"countr\w*|international\w*|standard contractual|adequacy|stored in|servers? in)\b"
        ),
    ),
)


def silent_topic(question: str, sections: Iterable[Section]) -> str | None:
    """The label of the first topic the question asks about that no section's title or text mentions."""
    asked = [t for t in SILENT_TOPICS if t.asked.search(question)]
    if not asked:
        return None
    texts = [f"{s.title}\n{s.text}" for s in sections]
    return next((t.label for t in asked if not any(t.said.search(text) for text in texts)), None)
