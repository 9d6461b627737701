"""The practice audit: findings on data minimisation, purpose limitation, sharing and fairness of targeting,
from a loaded pack and one pass over its decision log."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import ConsentEvent, Decision
from assistant.practices.consent_now import ConsentStanding, consent_standing
from assistant.practices.exposure import Disparity, GroupRate, disparity
from assistant.practices.findings import MIN_GROUP_SIZE, SAMPLE, TITLES, Citations, Finding
from assistant.practices.groups import dimensions
from assistant.practices.minimisation import minimisation_findings
from assistant.practices.policy_use import PolicyReader
from assistant.practices.usage import Usage, tally

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Audit:
    company: str
    decisions: int
    customers: int
    period: tuple[str, str] | None
    min_group_size: int
    confidence: float
    findings: list[Finding]
    exposure: dict[str, list[GroupRate]]
    disparities: list[Disparity]
    # Decisions that used each category as a parameter, and customers shown ≥1 personalised offer of all.
    category_use: dict[str, int] = field(default_factory=dict)
    exposed_customers: int = 0
    # The value of personalised offers per customer, over all customers; None when offers carry no value.
    value_per_customer: float | None = None
    consent_now: list[ConsentStanding] = field(default_factory=list)
    # Whether the policy was read against use (`undescribed_use`): only with a reader (the local model).
    policy_read: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "company": self.company,
            "decisions": self.decisions,
            "customers": self.customers,
            "period": list(self.period) if self.period else None,
            "min_group_size": self.min_group_size,
            "confidence": self.confidence,
            "findings": [f.as_dict() for f in self.findings],
            # Groups below the minimum size are counted but their rates are not shown: too few to compare,
            # and few enough to point at people.
            "exposure": {
                dim: [asdict(r) for r in rows if r.customers >= self.min_group_size]
                for dim, rows in self.exposure.items()
            },
            "disparities": [asdict(d) for d in self.disparities],
            "hidden_groups": {
                dim: sum(1 for r in rows if r.customers < self.min_group_size) for dim, rows in self.exposure.items()
            },
            "category_use": dict(self.category_use),
            "exposed_customers": self.exposed_customers,
            "value_per_customer": self.value_per_customer,
            "consent_now": [asdict(c) for c in self.consent_now],
            "policy_read": self.policy_read,
        }


def _members(labels: dict[str, str], group: str) -> frozenset[str]:
    return frozenset(c for c, g in labels.items() if g == group)


def _percent(x: float) -> str:
    return f"{100 * x:.0f}%"


def disparity_finding(d: Disparity, usage: Usage, labels: dict[str, str]) -> Finding:
    in_most = [c for c, g in labels.items() if g == d.most.group and c in usage.first_personalised]
    cited = tuple(usage.first_personalised[c] for c in in_most[:SAMPLE])
    total = sum(usage.personalised[c] for c in in_most)
    by = "; ".join(
        f"{x.category} for {_percent(x.most_exposed)} against {_percent(x.least_exposed)}" for x in d.drivers
    )
    return Finding(
        "exposure_disparity",
        TITLES["exposure_disparity"],
        f"By {d.dimension}: {_percent(d.least.rate)} of customers in “{d.least.group}” were shown a personalised "
        f"offer, against {_percent(d.most.rate)} in “{d.most.group}” (a ratio of {d.ratio:.2f}, under four fifths "
        f"even at the ends of the intervals: at most {d.best_case_ratio:.2f})."
        + (f" The data behind the difference: {by}." if by else "")
        + " A question to look into — why the offer engine reaches these groups differently — not a verdict.",
        {
            "ratio": round(d.ratio, 4),
            "best_case_ratio": round(d.best_case_ratio, 4),
            "least_customers": d.least.customers,
            "most_customers": d.most.customers,
        },
        Citations(
            decisions=cited,
            decision_count=total,
            categories=tuple(x.category for x in d.drivers),
            segments=(d.dimension.removeprefix("segment "),) if d.dimension.startswith("segment ") else (),
        ),
    )


def audit(
    pack: KnowledgePack,
    decisions: Iterable[Decision] | None = None,
    *,
    min_group_size: int = MIN_GROUP_SIZE,
    confidence: float = CONFIDENCE,
    live_consents: Iterable[ConsentEvent] = (),
    usage: Usage | None = None,
    reader: PolicyReader | None = None,
) -> Audit:
    """Audit `pack`. `decisions` replaces the pack's own log, so a large log can be streamed past a pack
    loaded without it; `live_consents` are the consent changes made in Candor since ingest; `usage`, a tally
    already made while the log was read for something else (ingest); `reader`, what reads the policy against use
    (without one, `undescribed_use` is not checked)."""
    if usage is None:
        log = pack.decisions if decisions is None else decisions
        usage = tally(pack.categories, log, pack.purposes, pack.offers)
    findings = list(minimisation_findings(pack, usage, reader))
    exposure: dict[str, list[GroupRate]] = {}
    disparities: list[Disparity] = []
    # A finer grouping that splits the same customers the same way (one postcode area per country) repeats a
    # finding already made; it is reported once, under the coarser grouping, which comes first.
    seen: set[tuple[frozenset[str], frozenset[str]]] = set()
    for dimension, labels in dimensions(pack).items():
        rates, d = disparity(dimension, labels, usage, min_group_size, confidence)
        exposure[dimension] = rates
        if d is None:
            continue
        disparities.append(d)
        split = (_members(labels, d.least.group), _members(labels, d.most.group))
        if d.flagged and split not in seen:
            findings.append(disparity_finding(d, usage, labels))
        seen.add(split)
    period = (usage.first.isoformat(), usage.last.isoformat()) if usage.first and usage.last else None
    return Audit(
        pack.company.name,
        usage.decisions,
        len(pack.customers),
        period,
        min_group_size,
        confidence,
        findings,
        exposure,
        disparities,
        dict(sorted(usage.by_category.items())),
        sum(1 for c in pack.customers if usage.personalised[c] > 0),
        sum(usage.value.values()) / len(pack.customers) if usage.valued and pack.customers else None,
        consent_standing(pack.purposes, pack.consents, live_consents),
        reader is not None,
    )
