"""Writing a build's records: the pack's tables in one transaction, the decision log held with the pack or read
apart from it in parts (records/streamed.py), then what the whole log gives (flags, the practice audit)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Engine, Table, insert

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import Decision
from assistant.records import schema as t
from assistant.records.flags import Flag, consent_flags, profile_flags

_BATCH = 5000  # rows per INSERT


def _catalog(pack: KnowledgePack, practices: dict[str, Any] | None) -> list[tuple[str, str, str]]:
    catalog: list[tuple[str, str, str]] = [("company", "company", pack.company.model_dump_json())]
    if practices is not None:
        catalog.append(("practices", "audit", json.dumps(practices)))
    catalog += [("category", c.id, c.model_dump_json()) for c in pack.categories.values()]
    catalog += [("purpose", p.id, p.model_dump_json()) for p in pack.purposes.values()]
    catalog += [("policy", p.doc_id, p.model_dump_json()) for p in pack.policies.values()]
    catalog += [("section", s.section_id, s.model_dump_json()) for s in pack.sections.values()]
    catalog += [("segment", s.id, s.model_dump_json()) for s in pack.segments.values()]
    catalog += [("model", m.id, m.model_dump_json()) for m in pack.models.values()]
    return catalog


def _rows(
    pack: KnowledgePack, build: str, meta: dict[str, str], log: Log
) -> Iterator[tuple[Table, Iterable[dict[str, Any]]]]:
    b = {"build": build}
    yield (
        t.customers,
        ({**b, "customer_id": c.customer_id, "body": c.model_dump_json()} for c in pack.customers.values()),
    )
    yield (
        t.consents,
        (
            {**b, "seq": n, "event_id": e.event_id, "customer_id": e.customer_id, "body": e.model_dump_json()}
            for n, e in enumerate(pack.consents)
        ),
    )
    yield t.offers, ({**b, "offer_id": o.offer_id, "body": o.model_dump_json()} for o in pack.offers.values())
    yield (
        t.decisions,
        (
            {
                **b,
                "decision_id": d.decision_id,
                "customer_id": d.customer_id,
                "shown_at": d.shown_at.isoformat(),
                "body": d.model_dump_json(),
            }
            for d in log.decisions
        ),
    )
    yield (
        t.memberships,
        (
            {**b, "seq": n, "customer_id": m.customer_id, "body": m.model_dump_json()}
            for n, m in enumerate(pack.memberships)
        ),
    )
    yield (
        t.predictions,
        (
            {**b, "prediction_id": p.prediction_id, "customer_id": p.customer_id, "body": p.model_dump_json()}
            for p in pack.predictions.values()
        ),
    )
    # Everything below reads the whole log's results: the decisions above have all been read by now.
    # One case can be found twice (two checks, one finding): the first wording stands.
    unique = {(f.ref, f.customer_id, f.kind): f for f in reversed(log.flags())}
    yield (
        t.flags,
        (
            {**b, "ref": f.ref, "customer_id": f.customer_id, "kind": f.kind, "detail": f.detail}
            for f in unique.values()
        ),
    )
    yield t.meta, ({**b, "key": k, "value": v} for k, v in sorted(meta.items()))
    catalog = _catalog(pack, log.practices())
    yield t.catalog, ({**b, "kind": k, "id": i, "seq": n, "body": body} for n, (k, i, body) in enumerate(catalog))


class Log(Protocol):
    """The decision log as a build reads it: the decisions once, then what the whole log gives."""

    @property
    def decisions(self) -> Iterable[Decision]: ...

    def flags(self) -> list[Flag]: ...

    def practices(self) -> dict[str, Any] | None: ...


@dataclass
class HeldLog:
    """A log loaded with its pack (`load_pack`)."""

    pack: KnowledgePack
    audit: dict[str, Any] | None = None

    @property
    def decisions(self) -> Iterable[Decision]:
        return self.pack.decisions

    def flags(self) -> list[Flag]:
        return consent_flags(self.pack) + profile_flags(self.pack)

    def practices(self) -> dict[str, Any] | None:
        return self.audit


def build_store(
    pack: KnowledgePack,
    engine: Engine,
    build: str,
    meta: dict[str, str],
    practices: dict[str, Any] | None = None,
    log: Log | None = None,
) -> None:
    """Write `build`'s records from a validated pack, in one transaction: readers see all of it or none.
    `log`: the decisions read apart from `pack` (records/streamed.py); else the pack's own, held."""
    log = log or HeldLog(pack, practices)
    with engine.begin() as con:
        for table, rows in _rows(pack, build, meta, log):
            batch: list[dict[str, Any]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= _BATCH:
                    con.execute(insert(table), batch)
                    batch = []
            if batch:
                con.execute(insert(table), batch)


def drop_build(engine: Engine, build: str) -> None:
    """Remove a build's records and files from a shared database (never the live state)."""
    with engine.begin() as con:
        for table in (*t.RECORD_TABLES, t.build_files):
            con.execute(table.delete().where(table.c.build == build))
