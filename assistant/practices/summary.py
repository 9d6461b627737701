"""What customers may be told of the practice audit: aggregate figures only.

Ingest stores the whole audit with the build (agents see it in the Practices view); customers' answers read
it through `PracticeFigures`, which exposes no decision id, no customer and no group smaller than the audit's
minimum size — the audit never shows those — so "do you treat people like me differently?" cannot reveal
anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.practices.groups import PLACES


@dataclass(frozen=True)
class GroupFigure:
    dimension: str
    group: str
    customers: int
    rate: float  # share shown ≥1 personalised offer
    low: float
    high: float
    value: float | None = None  # value of personalised offers per customer, where offers carry one


@dataclass(frozen=True)
class GroupingResult:
    dimension: str
    least: GroupFigure
    most: GroupFigure
    ratio: float
    flagged: bool
    drivers: tuple[str, ...]  # categories whose use differs most between the two groups


@dataclass(frozen=True)
class Mismatch:
    category: str
    purpose: str
    decisions: int


@dataclass(frozen=True)
class PracticeFigures:
    decisions: int
    customers: int
    exposed_customers: int
    value_per_customer: float | None
    period: tuple[str, str] | None
    min_group_size: int
    category_use: dict[str, int]
    # Categories held, not only for a contract or the law, and never used; with the purposes they are held for.
    unused: tuple[tuple[str, tuple[str, ...]], ...]
    mismatches: tuple[Mismatch, ...]
    groups: dict[str, list[GroupFigure]]  # only groups of at least min_group_size
    comparisons: tuple[GroupingResult, ...]

    @property
    def overall_rate(self) -> float:
        return self.exposed_customers / self.customers if self.customers else 0.0

    def group_of(self, dimension: str, group: str) -> GroupFigure | None:
        return next((g for g in self.groups.get(dimension, []) if g.group == group), None)


def _figure(row: dict[str, Any]) -> GroupFigure:
    return GroupFigure(
        row["dimension"], row["group"], row["customers"], row["rate"], row["low"], row["high"],
        row.get("value_per_customer"),
    )  # fmt: skip


def figures(audit: dict[str, Any]) -> PracticeFigures:
    """The aggregate part of a stored audit (`Audit.as_dict()`)."""
    size = int(audit["min_group_size"])
    findings = audit["findings"]
    unused = tuple(
        (c, tuple(f["cites"]["purposes"]))
        for f in findings
        if f["kind"] == "unused_category"
        for c in f["cites"]["categories"]
    )
    mismatches = tuple(
        Mismatch(f["cites"]["categories"][0], f["cites"]["purposes"][0], int(f["counts"]["decisions"]))
        for f in findings
        if f["kind"] == "undeclared_purpose"
    )
    comparisons = tuple(
        GroupingResult(
            d["dimension"],
            _figure(d["least"]),
            _figure(d["most"]),
            float(d["ratio"]),
            bool(d["flagged"]),
            tuple(x["category"] for x in d["drivers"]),
        )
        for d in audit["disparities"]
        if d["least"]["customers"] >= size and d["most"]["customers"] >= size
    )
    return PracticeFigures(
        decisions=int(audit["decisions"]),
        customers=int(audit["customers"]),
        exposed_customers=int(audit.get("exposed_customers", 0)),
        value_per_customer=audit.get("value_per_customer"),
        period=(audit["period"][0], audit["period"][1]) if audit.get("period") else None,
        min_group_size=size,
        category_use={k: int(v) for k, v in audit.get("category_use", {}).items()},
        unused=unused,
        mismatches=mismatches,
        groups={dim: [_figure(r) for r in rows if r["customers"] >= size] for dim, rows in audit["exposure"].items()},
        comparisons=comparisons,
    )


def dimension_label(dimension: str) -> str:
    """How an answer names a grouping: "country", "postcode area", "age band", "the group Outdoor fans"."""
    if dimension in PLACES:
        return dimension.replace("_", " ")
    return dimension.split(" ", 1)[1].replace("_", " ")
