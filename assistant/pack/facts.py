"""Facts that follow from the records alone: how an offer was chosen and which sensitive data it rests on.

Answers, flags and ingest warnings all read these, never a declared flag such as `purposes[].profiling`,
so a pack that leaves an optional field out cannot make an answer untrue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from assistant.pack.models import Category, Decision, Membership, Parameter, Prediction, Segment

Selection = Literal["personalised", "contextual", "general"]


def is_personal(p: Parameter, categories: Mapping[str, Category]) -> bool:
    """A parameter uses data about the customer unless its category is only the moment's context."""
    if p.segment_id or p.prediction_id:
        return True
    category = categories.get(p.data_category)
    return category is None or not category.context


def selection(d: Decision, categories: Mapping[str, Category]) -> Selection:
    """Personalised when any parameter uses data about the customer; contextual when all are context;
    general when the log records none."""
    if not d.parameters:
        return "general"
    return "personalised" if any(is_personal(p, categories) for p in d.parameters) else "contextual"


@dataclass(frozen=True)
class SensitiveUse:
    """One way a decision came to rest on sensitive data."""

    via: Literal["parameter", "segment", "membership", "prediction"]
    ref: str  # the data category, segment or prediction id
    categories: tuple[str, ...]


def _sensitive(ids: Iterable[str], categories: Mapping[str, Category]) -> tuple[str, ...]:
    return tuple(sorted({c for c in ids if c in categories and categories[c].sensitive}))


def sensitive_uses(
    d: Decision,
    categories: Mapping[str, Category],
    segments: Mapping[str, Segment],
    memberships: Iterable[Membership],
    predictions: Mapping[str, Prediction],
) -> list[SensitiveUse]:
    """Every route by which this decision used sensitive data (DSA Art. 26(3), GDPR Art. 9): a parameter's
    own category, a segment's criteria, the customer's membership evidence, or a prediction's factors."""
    own = [m for m in memberships if m.customer_id == d.customer_id]
    uses: list[SensitiveUse] = []
    for p in d.parameters:
        if cats := _sensitive([p.data_category], categories):
            uses.append(SensitiveUse("parameter", p.data_category, cats))
        if p.segment_id and p.segment_id in segments:
            if cats := _sensitive((c.data_category for c in segments[p.segment_id].criteria), categories):
                uses.append(SensitiveUse("segment", p.segment_id, cats))
            evidence = [
                e.data_category
                for m in own
                if m.segment_id == p.segment_id and m.covers(d.shown_at)
                for e in m.evidence
            ]
            if cats := _sensitive(evidence, categories):
                uses.append(SensitiveUse("membership", p.segment_id, cats))
        prediction = predictions.get(p.prediction_id or "")
        if prediction is not None and (cats := _sensitive((f.data_category for f in prediction.factors), categories)):
            uses.append(SensitiveUse("prediction", prediction.prediction_id, cats))
    return list(dict.fromkeys(uses))
