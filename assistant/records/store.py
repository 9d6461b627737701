"""SQLite records store, built at ingest. Customer records are read by key, one customer at a time."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from assistant.pack.consent import check_decision
from assistant.pack.facts import sensitive_uses
from assistant.pack.knowledge import KnowledgePack
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
from assistant.pack.warnings import undeclared_profiling

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE catalog (kind TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE customers (customer_id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE consents (seq INTEGER PRIMARY KEY, event_id TEXT UNIQUE NOT NULL, customer_id TEXT NOT NULL,
                       body TEXT NOT NULL);
CREATE INDEX consents_customer ON consents (customer_id);
CREATE TABLE offers (offer_id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE decisions (decision_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, shown_at TEXT NOT NULL,
                        body TEXT NOT NULL);
CREATE INDEX decisions_customer ON decisions (customer_id, shown_at);
CREATE TABLE memberships (seq INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX memberships_customer ON memberships (customer_id);
CREATE TABLE predictions (prediction_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX predictions_customer ON predictions (customer_id);
CREATE TABLE flags (ref TEXT NOT NULL, customer_id TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL,
                    PRIMARY KEY (ref, customer_id, kind));
"""


@dataclass(frozen=True)
class Flag:
    """A case for the privacy team. `ref` is a decision, segment or prediction id."""

    ref: str
    customer_id: str
    kind: str
    detail: str


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


def consent_flags(pack: KnowledgePack) -> list[Flag]:
    """Decisions shown after the consent they relied on had been withdrawn."""
    by_customer: dict[str, list[ConsentEvent]] = {}
    for event in pack.consents:
        by_customer.setdefault(event.customer_id, []).append(event)
    flags = []
    for d in pack.decisions:
        check = check_decision(by_customer.get(d.customer_id, []), d)
        if check and check.shown_after_withdrawal and check.withdrawal is not None:
            detail = (
                f"shown {d.shown_at.isoformat()} relying on consent {check.grant.event_id}, "
                f"withdrawn {check.withdrawal.at.isoformat()} ({check.withdrawal.event_id})"
            )
            flags.append(Flag(d.decision_id, d.customer_id, "consent_withdrawn_before_shown", detail))
    return flags


def profile_flags(pack: KnowledgePack) -> list[Flag]:
    """Profiles built on sensitive data, offers chosen with sensitive data however it got there (DSA Art. 26(3)),
    and purposes declared not to profile whose log shows they did."""
    sensitive = {c.id for c in pack.categories.values() if c.sensitive}
    flags: list[Flag] = []
    for seg in pack.segments.values():
        used = sorted({c.data_category for c in seg.criteria} & sensitive)
        if used:
            flags.append(
                Flag(
                    seg.id,
                    "",
                    "sensitive_segment_criteria",
                    f"segment {seg.id} ({seg.name}) uses sensitive data: {', '.join(used)}",
                )
            )
    for m in pack.memberships:
        used = sorted({e.data_category for e in m.evidence} & sensitive)
        if used:
            flags.append(
                Flag(
                    m.segment_id,
                    m.customer_id,
                    "sensitive_membership_evidence",
                    f"membership since {m.since.isoformat()} rests on sensitive data: {', '.join(used)}",
                )
            )
    for p in pack.predictions.values():
        used = sorted({f.data_category for f in p.factors} & sensitive)
        if used:
            flags.append(
                Flag(
                    p.prediction_id,
                    p.customer_id,
                    "sensitive_prediction_factors",
                    f"prediction {p.model} uses sensitive data: {', '.join(used)}",
                )
            )
    by_customer: dict[str, list[Membership]] = {}
    for m in pack.memberships:
        by_customer.setdefault(m.customer_id, []).append(m)
    # Every decision in the log is an offer shown, so sensitive data behind it is flagged whatever the
    # purpose declares.
    for d in pack.decisions:
        uses = sensitive_uses(d, pack.categories, pack.segments, by_customer.get(d.customer_id, []), pack.predictions)
        direct = sorted({c for u in uses if u.via == "parameter" for c in u.categories})
        if direct:
            flags.append(
                Flag(
                    d.decision_id,
                    d.customer_id,
                    "ads_on_sensitive_data",
                    f"offer shown {d.shown_at.isoformat()} for {d.purpose} used sensitive data: {', '.join(direct)}",
                )
            )
        origins = sorted({u.ref for u in uses if u.via != "parameter"})
        if origins:
            flags.append(
                Flag(
                    d.decision_id,
                    d.customer_id,
                    "ads_on_sensitive_profile",
                    f"offer shown {d.shown_at.isoformat()} for {d.purpose} used profile {', '.join(origins)}, "
                    "which rests on sensitive data",
                )
            )
    for purpose_id, ids in undeclared_profiling(pack).items():
        flags.append(
            Flag(
                purpose_id,
                "",
                "profiling_not_declared",
                f"purpose {purpose_id} is declared profiling: false, yet {len(ids)} decision(s) used data about "
                f"the customer, e.g. {', '.join(ids[:5])}",
            )
        )
    return flags


def build_store(pack: KnowledgePack, path: Path, meta: dict[str, str]) -> None:
    """Write a fresh database at `path` from a validated pack."""
    con = sqlite3.connect(path)
    try:
        con.executescript(SCHEMA)
        catalog_rows = [("company", "company", pack.company.model_dump_json())]
        catalog_rows += [("category", c.id, c.model_dump_json()) for c in pack.categories.values()]
        catalog_rows += [("purpose", p.id, p.model_dump_json()) for p in pack.purposes.values()]
        catalog_rows += [("policy", p.doc_id, p.model_dump_json()) for p in pack.policies.values()]
        catalog_rows += [("section", s.section_id, s.model_dump_json()) for s in pack.sections.values()]
        catalog_rows += [("segment", s.id, s.model_dump_json()) for s in pack.segments.values()]
        catalog_rows += [("model", m.id, m.model_dump_json()) for m in pack.models.values()]
        con.executemany("INSERT INTO catalog VALUES (?, ?, ?)", catalog_rows)
        con.executemany(
            "INSERT INTO customers VALUES (?, ?)",
            [(c.customer_id, c.model_dump_json()) for c in pack.customers.values()],
        )
        con.executemany(
            "INSERT INTO consents (event_id, customer_id, body) VALUES (?, ?, ?)",
            [(e.event_id, e.customer_id, e.model_dump_json()) for e in pack.consents],
        )
        con.executemany(
            "INSERT INTO offers VALUES (?, ?)",
            [(o.offer_id, o.model_dump_json()) for o in pack.offers.values()],
        )
        con.executemany(
            "INSERT INTO decisions VALUES (?, ?, ?, ?)",
            [(d.decision_id, d.customer_id, d.shown_at.isoformat(), d.model_dump_json()) for d in pack.decisions],
        )
        con.executemany(
            "INSERT INTO memberships (customer_id, body) VALUES (?, ?)",
            [(m.customer_id, m.model_dump_json()) for m in pack.memberships],
        )
        con.executemany(
            "INSERT INTO predictions VALUES (?, ?, ?)",
            [(p.prediction_id, p.customer_id, p.model_dump_json()) for p in pack.predictions.values()],
        )
        flags = consent_flags(pack) + profile_flags(pack)
        con.executemany(
            "INSERT OR IGNORE INTO flags VALUES (?, ?, ?, ?)", [(f.ref, f.customer_id, f.kind, f.detail) for f in flags]
        )
        con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        con.commit()
    finally:
        con.close()


class RecordStore:
    """Read access to an ingested build. Every customer query is keyed by customer id."""

    def __init__(self, path: Path) -> None:
        # Read-only and shareable across the UI's worker threads.
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def close(self) -> None:
        self._con.close()

    def meta(self) -> dict[str, str]:
        return dict(self._con.execute("SELECT key, value FROM meta").fetchall())

    def catalog(self) -> Catalog:
        rows: dict[str, list[str]] = {}
        for kind, body in self._con.execute("SELECT kind, body FROM catalog ORDER BY rowid"):
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
        )

    def customer_exists(self, customer_id: str) -> bool:
        row = self._con.execute("SELECT 1 FROM customers WHERE customer_id = ?", (customer_id,)).fetchone()
        return row is not None

    def customer_ids(self) -> list[str]:
        return [r[0] for r in self._con.execute("SELECT customer_id FROM customers ORDER BY customer_id")]

    def records_for(self, customer_id: str) -> CustomerRecords | None:
        row = self._con.execute("SELECT body FROM customers WHERE customer_id = ?", (customer_id,)).fetchone()
        if row is None:
            return None
        decisions = [
            Decision.model_validate_json(b)
            for (b,) in self._con.execute(
                "SELECT body FROM decisions WHERE customer_id = ? ORDER BY shown_at DESC, decision_id",
                (customer_id,),
            )
        ]
        offer_ids = sorted({d.offer_id for d in decisions})
        offers = {}
        if offer_ids:
            marks = ",".join("?" * len(offer_ids))
            offers = {
                o.offer_id: o
                for (b,) in self._con.execute(f"SELECT body FROM offers WHERE offer_id IN ({marks})", offer_ids)
                for o in [Offer.model_validate_json(b)]
            }
        consents = [
            ConsentEvent.model_validate_json(b)
            for (b,) in self._con.execute(
                "SELECT body FROM consents WHERE customer_id = ? ORDER BY seq", (customer_id,)
            )
        ]
        memberships = sorted(
            (
                Membership.model_validate_json(b)
                for (b,) in self._con.execute(
                    "SELECT body FROM memberships WHERE customer_id = ? ORDER BY seq", (customer_id,)
                )
            ),
            key=lambda m: m.since,
            reverse=True,
        )
        predictions = sorted(
            (
                Prediction.model_validate_json(b)
                for (b,) in self._con.execute("SELECT body FROM predictions WHERE customer_id = ?", (customer_id,))
            ),
            key=lambda p: p.computed_at,
            reverse=True,
        )
        return CustomerRecords(
            Customer.model_validate_json(row[0]), decisions, offers, consents, memberships, predictions
        )

    def offers(self) -> list[Offer]:
        """Every offer in the pack (offers are not personal data)."""
        return [Offer.model_validate_json(b) for (b,) in self._con.execute("SELECT body FROM offers")]

    def public_names(self) -> set[str]:
        """Names the pack publishes (the company, offer sponsors, recipients, groups, models): never personal
        data, so the redactor leaves them readable whatever they look like ("Velo Nord")."""
        catalog = self.catalog()
        names = {catalog.company.name}
        names |= {c.name for c in catalog.categories.values()} | {p.name for p in catalog.purposes.values()}
        names |= {r for c in catalog.categories.values() for r in c.shared_with}
        names |= {s.name for s in catalog.segments.values()} | {m.name for m in catalog.models.values()}
        names |= {o.sponsor for o in self.offers() if o.sponsor}
        return names

    def flags(self) -> list[Flag]:
        return [
            Flag(*r)
            for r in self._con.execute(
                "SELECT ref, customer_id, kind, detail FROM flags ORDER BY kind, customer_id, ref"
            )
        ]

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
        return [Customer.model_validate_json(b) for (b,) in self._con.execute("SELECT body FROM customers")]
