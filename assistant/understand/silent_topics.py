"""Practices people ask about that many policies never mention: cookies, training AI, facial recognition, what
happens after death, recording calls, transfers abroad. When a question asks about one and no sentence of the policy
uses any of its words, the policy is silent on it: the answer says so plainly instead of quoting loosely related
sentences (the word-overlap guard cannot tell "training plans" from training AI).

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
        # Training, not any mention of AI: "do you use AI to pick my offers?" is about automated decisions, "does
        # the chatbot keep my questions?" about the chat.
        _re(
            r"\btrain\w*\b.{0,60}\b(ai|a\.i\.|artificial intelligence|models?|algorithms?|chatbots?|llms?)\b|"
            r"\b(ai|a\.i\.|artificial intelligence|llms?|chatbots?)\b.{0,60}\btrain\w*\b|\bmachine learning\b"
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
        "what happens to your data if the company is sold or merged",
        _re(
            r"\b(gets? |is |were )?(bought|acquired|taken over|sold)\b.{0,30}\b(company|companies|business|someone|"
            r"another|by)\b|\b(acquisition|takeover|merger|merges?|goes? bust|bankrupt\w*|out of business)\b"
        ),
        _re(
            r"\b(merger|acquisition|acquired|acquir\w+|sale of (the |our |a )?(company|business|assets)|business "
            r"transfer|bankrupt\w*|insolven\w*|successor|reorgani[sz]\w*|change (of|in) (control|ownership)|"
            r"(corporate|business) transactions?|(assets|company|business) (is|are|were|being) (sold|transferred))\b"
        ),
    ),
    SilentTopic(
        "recording your calls",
        _re(
            r"\b(record\w*|tap\w*|monitor\w*)\b.{0,25}\b(calls?|phone ?calls?)\b|\bcalls?\b.{0,20}\b(recorded|"
            r"monitored|taped|listened to)\b"
        ),
        _re(r"\b(record\w*|monitor\w*)\b.{0,60}\b(calls?|phone)\b|\bcalls?\b.{0,60}\b(record\w*|monitor\w*)\b"),
    ),
    SilentTopic(
        "sending your data to other countries",
        # Not taking one's data to another service (portability).
        _re(
            r"^(?!.*\b(to (another|a different|a new|other) \w+|portab\w*|move my|secur\w*|encrypt\w*|ssl|tls|https)\b)"
            r"(?:.*?)"
            rf"(?:{_ASKED['transfers'].pattern})"
        ),
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
