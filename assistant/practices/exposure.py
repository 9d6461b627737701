"""Fairness of targeting: how often each group of customers is shown personalised offers, and whether the least
exposed group's rate falls below four fifths of the most exposed one's by more than chance allows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.practices.usage import Usage

FOUR_FIFTHS = 0.8
INSTALL_HINT = "pip install -e '.[practices]' (Fairlearn, for the per-group figures)"


class PracticesSetupError(RuntimeError):
    """A library the fairness figures need is missing; the message says what to install."""


@dataclass(frozen=True)
class GroupRate:
    dimension: str
    group: str
    customers: int
    exposed: int  # customers shown at least one personalised offer
    rate: float
    low: float  # Wilson interval of `rate`
    high: float
    offers_per_customer: float  # personalised offers, over all the group's customers
    # The value of those offers per customer (offers.jsonl `value`), or None when the pack gives offers none.
    value_per_customer: float | None = None


@dataclass(frozen=True)
class Driver:
    """A category behind personalised offers: the share of each group's customers it was used for."""

    category: str
    most_exposed: float
    least_exposed: float


@dataclass(frozen=True)
class Disparity:
    dimension: str
    least: GroupRate
    most: GroupRate
    ratio: float  # least.rate / most.rate
    # The largest ratio the intervals allow (least.high / most.low): below four fifths even then, it is flagged.
    best_case_ratio: float
    flagged: bool
    drivers: tuple[Driver, ...]
    small_groups: int  # groups left out for having fewer customers than the minimum


def _libraries() -> tuple[Any, Any, Any]:
    try:
        from fairlearn.metrics import MetricFrame, count
        from scipy.stats import binomtest
    except ImportError as exc:
        raise PracticesSetupError(f"the fairness figures need Fairlearn and SciPy: {INSTALL_HINT}") from exc
    return MetricFrame, count, binomtest


def _exposure_rate(exposed: Any, offers: Any) -> float:
    return float(exposed.mean())


def _offers_per_customer(exposed: Any, offers: Any) -> float:
    return float(offers.mean())


def _value_per_customer(exposed: Any, offers: Any, value: Any) -> float:
    return float(value.mean())


def group_rates(dimension: str, labels: Mapping[str, str], usage: Usage, confidence: float) -> list[GroupRate]:
    """Per group: customers, how many were shown ≥1 personalised offer (with a Wilson interval), and offers
    per customer. Fairlearn's MetricFrame splits the customers by group and computes each metric."""
    metric_frame, count, binomtest = _libraries()
    customers = list(labels)
    exposed = [int(usage.personalised[c] > 0) for c in customers]
    offers = [usage.personalised[c] for c in customers]
    frame = metric_frame(
        metrics={"rate": _exposure_rate, "offers": _offers_per_customer, "value": _value_per_customer, "n": count},
        y_true=exposed,
        y_pred=offers,
        sensitive_features={dimension: [labels[c] for c in customers]},
        sample_params={"value": {"value": [usage.value.get(c, 0.0) for c in customers]}},
    )
    rates = []
    for group, row in frame.by_group.to_dict("index").items():
        n = int(row["n"])
        k = round(row["rate"] * n)
        interval = binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
        rates.append(
            GroupRate(
                dimension,
                str(group),
                n,
                k,
                float(row["rate"]),
                float(interval.low),
                float(interval.high),
                float(row["offers"]),
                float(row["value"]) if usage.valued else None,
            )
        )
    return sorted(rates, key=lambda r: (-r.rate, r.group))


def _share(usage: Usage, customers: list[str], category: str) -> float:
    return sum(category in usage.customer_categories.get(c, ()) for c in customers) / len(customers)


def drivers(usage: Usage, labels: Mapping[str, str], most: str, least: str, top: int = 3) -> tuple[Driver, ...]:
    """The categories whose use differs most between the two groups: the share of each group's customers that
    got a personalised offer chosen with that data."""
    high = [c for c, g in labels.items() if g == most]
    low = [c for c, g in labels.items() if g == least]
    found = {c for cid in high + low for c in usage.customer_categories.get(cid, ())}
    rows = [Driver(c, _share(usage, high, c), _share(usage, low, c)) for c in found]
    rows.sort(key=lambda d: (-(d.most_exposed - d.least_exposed), d.category))
    return tuple(d for d in rows[:top] if d.most_exposed > d.least_exposed)


def disparity(
    dimension: str, labels: Mapping[str, str], usage: Usage, min_group_size: int, confidence: float
) -> tuple[list[GroupRate], Disparity | None]:
    """The groups' rates, and the comparison of the least and most exposed groups of at least `min_group_size`
    customers (none when fewer than two groups are that large, or nobody was shown a personalised offer)."""
    rates = group_rates(dimension, labels, usage, confidence)
    large = [r for r in rates if r.customers >= min_group_size]
    if len(large) < 2 or large[0].rate == 0:
        return rates, None
    most, least = large[0], large[-1]
    ratio = least.rate / most.rate
    best_case = min(1.0, least.high / most.low) if most.low > 0 else 1.0
    flagged = ratio < FOUR_FIFTHS and best_case < FOUR_FIFTHS
    return rates, Disparity(
        dimension,
        least,
        most,
        ratio,
        best_case,
        flagged,
        drivers(usage, labels, most.group, least.group),
        len(rates) - len(large),
    )
