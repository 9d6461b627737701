"""The records store, built at ingest: one build's copy of the pack, read one customer at a time by key."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import Engine, Table, select

from assistant.pack.models import (
    Category,
    Company,
    ConsentEvent,
    Customer,
    Decision,
    Membership,
    Offer,
    PolicyFrontMatter,
    Prediction,
    PredictionModel,
    Purpose,
    Section,
    Segment,
)
from assistant.practices.summary import PracticeFigures, figures
from assistant.records import schema as t
from assistant.records.flags import Flag

__all__ = ["Catalog", "CustomerRecords", "Flag", "RecordStore"]


@dataclass(frozen=True)
class Catalog:
    """The non-personal part of the pack, small enough to hold in memory."""

    company: Company
    categories: dict[str, Category]
    purposes: dict[str, Purpose]
    policies: dict[str, PolicyFrontMatter]
    sections: dict[str, Section]
    segments: dict[str, Segment]
    models: dict[str, PredictionModel]
    # The practice audit made at ingest (`Audit.as_dict()`), or None: made without it. Agents see all of it;
    # customers' answers read only its aggregate figures (practices/summary.py).
    practices: dict[str, Any] | None = None
    # Sections never quoted nor named in an answer: those carrying instructions or a customer's data
    # (`redact/public.published_policy`), set by the composition root once the redactor is built.
    blocked: frozenset[str] = frozenset()

    @cached_property
    def practice_figures(self) -> PracticeFigures | None:
        """The audit's aggregate figures, read from the stored dict once per build, not once per question."""
        return figures(self.practices) if self.practices is not None else None


@dataclass(frozen=True)
class CustomerRecords:
    """Everything Candor may say about one customer: theirs alone."""

    customer: Customer
    decisions: list[Decision]  # newest first
    offers: dict[str, Offer]
    consents: list[ConsentEvent]  # ledger order
    memberships: list[Membership]  # newest first
    predictions: list[Prediction]  # newest first

    def decision(self, decision_id: str) -> Decision | None:
        return next((d for d in self.decisions if d.decision_id == decision_id), None)


RECENT_CUSTOMERS = 64


class RecordStore:
    """Read access to one ingested build. Every customer query is keyed by build and customer id."""

    def __init__(self, engine: Engine, build: str, owns_engine: bool = False) -> None:
        self._engine = engine
        self._build = build
        self._owns_engine = owns_engine
        # A build's records never change: a conversation's later questions reuse what its first one read.
        self._recent: OrderedDict[str, CustomerRecords | None] = OrderedDict()
        self._recent_lock = threading.Lock()

    def close(self) -> None:
        if self._owns_engine:
            self._engine.dispose()

    def _bodies(self, table: Table, *where: Any, order: Any = ()) -> list[str]:
        query = select(table.c.body).where(table.c.build == self._build, *where).order_by(*order)
        with self._engine.connect() as con:
            return [row[0] for row in con.execute(query)]

    def meta(self) -> dict[str, str]:
        with self._engine.connect() as con:
            rows = con.execute(select(t.meta.c.key, t.meta.c.value).where(t.meta.c.build == self._build))
            return {k: v for k, v in rows}

    def catalog(self) -> Catalog:
        rows: dict[str, list[str]] = {}
        query = select(t.catalog.c.kind, t.catalog.c.body).where(t.catalog.c.build == self._build)
        with self._engine.connect() as con:
            for kind, body in con.execute(query.order_by(t.catalog.c.seq)):
                rows.setdefault(kind, []).append(body)
        categories = [Category.model_validate_json(b) for b in rows.get("category", [])]
        purposes = [Purpose.model_validate_json(b) for b in rows.get("purpose", [])]
        policies = [PolicyFrontMatter.model_validate_json(b) for b in rows.get("policy", [])]
        sections = [Section.model_validate_json(b) for b in rows.get("section", [])]
        segments = [Segment.model_validate_json(b) for b in rows.get("segment", [])]
        models = [PredictionModel.model_validate_json(b) for b in rows.get("model", [])]
        return Catalog(
            company=Company.model_validate_json(rows["company"][0]),
            categories={c.id: c for c in categories},
            purposes={p.id: p for p in purposes},
            policies={p.doc_id: p for p in policies},
            sections={s.section_id: s for s in sections},
            segments={s.id: s for s in segments},
            models={m.id: m for m in models},
            practices=json.loads(rows["practices"][0]) if "practices" in rows else None,
        )

    def customer_exists(self, customer_id: str) -> bool:
        return bool(self._bodies(t.customers, t.customers.c.customer_id == customer_id))

    def customer_ids(self) -> list[str]:
        query = select(t.customers.c.customer_id).where(t.customers.c.build == self._build)
        with self._engine.connect() as con:
            return [r[0] for r in con.execute(query.order_by(t.customers.c.customer_id))]

    def records_for(self, customer_id: str) -> CustomerRecords | None:
        """One customer's records in this build (the last RECENT_CUSTOMERS read are kept, parsed)."""
        with self._recent_lock:
            if customer_id in self._recent:
                self._recent.move_to_end(customer_id)
                return self._recent[customer_id]
        records = self._read_records(customer_id)
        with self._recent_lock:
            self._recent[customer_id] = records
            while len(self._recent) > RECENT_CUSTOMERS:
                self._recent.popitem(last=False)
        return records

    def _read_records(self, customer_id: str) -> CustomerRecords | None:
        found = self._bodies(t.customers, t.customers.c.customer_id == customer_id)
        if not found:
            return None
        d, c, m, p = t.decisions.c, t.consents.c, t.memberships.c, t.predictions.c
        decisions = [
            Decision.model_validate_json(b)
            for b in self._bodies(t.decisions, d.customer_id == customer_id, order=(d.shown_at.desc(), d.decision_id))
        ]
        offer_ids = sorted({x.offer_id for x in decisions})
        offers = {}
        if offer_ids:
            bodies = self._bodies(t.offers, t.offers.c.offer_id.in_(offer_ids))
            offers = {o.offer_id: o for o in map(Offer.model_validate_json, bodies)}
        consents = [
            ConsentEvent.model_validate_json(b)
            for b in self._bodies(t.consents, c.customer_id == customer_id, order=(c.seq,))
        ]
        memberships = sorted(
            (
                Membership.model_validate_json(b)
                for b in self._bodies(t.memberships, m.customer_id == customer_id, order=(m.seq,))
            ),
            key=lambda x: x.since,
            reverse=True,
        )
        predictions = sorted(
            (Prediction.model_validate_json(b) for b in self._bodies(t.predictions, p.customer_id == customer_id)),
            key=lambda x: x.computed_at,
            reverse=True,
        )
        return CustomerRecords(
            Customer.model_validate_json(found[0]), decisions, offers, consents, memberships, predictions
        )

    def offers(self) -> list[Offer]:
        """Every offer in the pack (offers are not personal data)."""
        return [Offer.model_validate_json(b) for b in self._bodies(t.offers)]

    def public_names(self) -> set[str]:
        """Names the pack publishes (the company, offer titles and sponsors, recipients, groups, models): never personal
        data, so the redactor leaves them readable whatever they look like ("Velo Nord")."""
        catalog = self.catalog()
        names = {catalog.company.name}
        names |= {c.name for c in catalog.categories.values()} | {p.name for p in catalog.purposes.values()}
        names |= {r for c in catalog.categories.values() for r in c.shared_with}
        names |= {s.name for s in catalog.segments.values()} | {m.name for m in catalog.models.values()}
        names |= {o.sponsor for o in self.offers() if o.sponsor}
        # Offer titles too: "you and Tidewater, stop" or "Family and I share the Duo plan" name an offer, no one.
        names |= {o.title for o in self.offers()}
        return names

    def flags(self) -> list[Flag]:
        f = t.flags.c
        query = select(f.ref, f.customer_id, f.kind, f.detail).where(f.build == self._build)
        with self._engine.connect() as con:
            return [Flag(*r) for r in con.execute(query.order_by(f.kind, f.customer_id, f.ref))]

    def find_customer(self, query: str) -> str | None:
        """A customer id from an id, an email address or a phone number (for support agents' lookups)."""
        query = query.strip()
        if self.customer_exists(query.upper()):
            return query.upper()
        digits = "".join(c for c in query if c.isdigit())
        for c in self.customer_directory():
            if c.email.lower() == query.lower():
                return c.customer_id
            own = "".join(ch for ch in c.phone or "" if ch.isdigit())
            if len(digits) >= 7 and own and (own.endswith(digits) or digits.endswith(own)):
                return c.customer_id
        return None

    def customer_directory(self) -> list[Customer]:
        """Every customer, for the redactor's gazetteer only; never shown to a customer."""
        return [Customer.model_validate_json(b) for b in self._bodies(t.customers)]
