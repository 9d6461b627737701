"""What the UI shows beside the chat, as plain data: the customer's offers, data and choices."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.api import data as api_data
from assistant.compose.builder import channel_words, day
from assistant.pack.models import Purpose
from assistant.pipeline import Candor
from assistant.turn import Conversation


@dataclass(frozen=True)
class OfferRow:
    decision_id: str
    title: str
    where: str
    when: str
    sponsor: str | None


@dataclass(frozen=True)
class ConsentRow:
    purpose: str
    state: str
    since: str
    source: str
    control: str | None


@dataclass(frozen=True)
class CategoryRow:
    name: str
    description: str
    sources: str
    retention: str


def recent_offers(candor: Candor, conversation: Conversation, limit: int = 12) -> list[OfferRow]:
    records = candor.records(conversation)
    return [
        OfferRow(
            d.decision_id,
            records.offers[d.offer_id].title,
            channel_words(d.channel),
            day(d.shown_at),
            records.offers[d.offer_id].sponsor,
        )
        for d in records.decisions[:limit]
    ]


def consent_purposes(candor: Candor) -> list[Purpose]:
    """The purposes that rest on consent: the ones a customer can give or withdraw."""
    return [p for p in candor.catalog.purposes.values() if p.legal_basis == "consent"]


def consents(candor: Candor, conversation: Conversation) -> list[ConsentRow]:
    """The API's consent states (purposes that rest on consent), in words for people."""
    words = {"given": "Given", "withdrawn": "Withdrawn", "not_given": "Not given"}
    return [
        ConsentRow(
            purpose=c.name,
            state=words[c.status],
            since=day(c.since) if c.since else "—",
            source=c.source.replace("_", " ") if c.source else "—",
            control=c.control,
        )
        for c in api_data.consents(candor, conversation.customer_id)
    ]


def categories_held(candor: Candor, conversation: Conversation) -> list[CategoryRow]:
    """Kinds of data our records show for this customer's offers; the profile panel shows their own details."""
    records = candor.records(conversation)
    used = {p.data_category for d in records.decisions for p in d.parameters}
    cats = [c for c in candor.catalog.categories.values() if c.id in used]
    return [CategoryRow(c.name, c.description, "; ".join(c.sources), c.retention) for c in cats]


@dataclass(frozen=True)
class ProfileRow:
    subject: str  # "segment:<id>" or "prediction:<id>", for the "Why?" button
    title: str
    detail: str
    question: str


def profile(candor: Candor, conversation: Conversation) -> list[ProfileRow]:
    """The customer's current groups and latest prediction per model."""
    records = candor.records(conversation)
    rows = []
    for m in records.memberships:
        if m.until is None and m.segment_id in candor.catalog.segments:
            name = candor.catalog.segments[m.segment_id].name
            rows.append(
                ProfileRow(f"segment:{m.segment_id}", name, f"Group, since {day(m.since)}", f"Why am I in “{name}”?")
            )
    seen = set()
    for p in records.predictions:  # newest first
        if p.model in seen or p.model not in candor.catalog.models:
            continue
        seen.add(p.model)
        model = candor.catalog.models[p.model]
        rows.append(
            ProfileRow(
                f"prediction:{p.prediction_id}",
                model.name,
                f"Prediction: {model.labels[p.label]} ({day(p.computed_at)})",
                f"Why do you predict “{model.name}”?",
            )
        )
    return rows
