"""SQLite records store, built at ingest. Customer records are read by key, one customer at a time."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from assistant.consent import check_decision
from assistant.pack.loader import KnowledgePack
from assistant.pack.models import (
    Category,
    Company,
    ConsentEvent,
    Customer,
    Decision,
    Offer,
    PolicyFrontMatter,
    Purpose,
    Section,
)

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
CREATE TABLE flags (decision_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, kind TEXT NOT NULL,
                    detail TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Flag:
    decision_id: str
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


@dataclass(frozen=True)
class CustomerRecords:
    """Everything Candor may say about one customer: theirs alone."""

    customer: Customer
    decisions: list[Decision]  # newest first
    offers: dict[str, Offer]
    consents: list[ConsentEvent]  # ledger order

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
            "INSERT INTO flags VALUES (?, ?, ?, ?)",
            [(f.decision_id, f.customer_id, f.kind, f.detail) for f in consent_flags(pack)],
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
        return Catalog(
            company=Company.model_validate_json(rows["company"][0]),
            categories={c.id: c for c in categories},
            purposes={p.id: p for p in purposes},
            policies={p.doc_id: p for p in policies},
            sections={s.section_id: s for s in sections},
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
        return CustomerRecords(Customer.model_validate_json(row[0]), decisions, offers, consents)

    def offer_vocabulary(self) -> set[str]:
        """Words naming any offer in the pack (offers are not personal data)."""
        from assistant.resolve import offer_terms

        return {
            t
            for (b,) in self._con.execute("SELECT body FROM offers")
            for t in offer_terms(Offer.model_validate_json(b))
        }

    def flags(self) -> list[Flag]:
        return [
            Flag(*r)
            for r in self._con.execute(
                "SELECT decision_id, customer_id, kind, detail FROM flags ORDER BY customer_id, decision_id"
            )
        ]

    def customer_directory(self) -> list[Customer]:
        """Every customer, for the redactor's gazetteer only; never shown to a customer."""
        return [Customer.model_validate_json(b) for (b,) in self._con.execute("SELECT body FROM customers")]
