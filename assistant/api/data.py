"""The customer's records as the API returns them: ids and ISO times, for programs rather than people."""

from __future__ import annotations

from assistant.compose.builder import control_text
from assistant.pack.consent import current
from assistant.pipeline import Candor
from assistant.records.store import CustomerRecords

from . import schemas as models


def records(candor: Candor, customer_id: str) -> CustomerRecords:
    found = candor.records_for(customer_id)
    if found is None:  # the caller was authenticated as this customer a moment ago
        raise LookupError(customer_id)
    return found


def offers(candor: Candor, customer_id: str, limit: int | None = None) -> list[models.OfferShown]:
    held = records(candor, customer_id)
    return [
        models.OfferShown(
            decision_id=d.decision_id,
            offer_id=d.offer_id,
            title=held.offers[d.offer_id].title,
            channel=d.channel,
            shown_at=d.shown_at,
            purpose=d.purpose,
            sponsor=held.offers[d.offer_id].sponsor,
        )
        for d in held.decisions[:limit]
    ]


def consents(candor: Candor, customer_id: str) -> list[models.ConsentState]:
    """Each purpose that rests on consent, with the customer's latest choice (the pack's and Candor's events)."""
    held = records(candor, customer_id)
    rows = []
    for purpose in candor.catalog.purposes.values():
        if purpose.legal_basis != "consent":
            continue
        latest = current(held.consents, purpose.id)
        control = candor.catalog.company.controls.get(purpose.opt_out or "")
        rows.append(
            models.ConsentState(
                purpose=purpose.id,
                name=purpose.name,
                status="not_given" if latest is None else ("given" if latest.status == "granted" else "withdrawn"),
                since=latest.at if latest else None,
                source=latest.source if latest else None,
                control=control_text(control) if control else None,
            )
        )
    return rows


def profile(candor: Candor, customer_id: str) -> models.Profile:
    held = records(candor, customer_id)
    segments, names = candor.catalog.segments, candor.catalog.models
    groups = [
        models.Group(segment_id=m.segment_id, name=segments[m.segment_id].name, since=m.since)
        for m in held.memberships
        if m.until is None and m.segment_id in segments
    ]
    latest: dict[str, models.LatestPrediction] = {}
    for p in held.predictions:  # newest first: the first per model is its latest
        if p.model in names and p.model not in latest:
            latest[p.model] = models.LatestPrediction(
                prediction_id=p.prediction_id,
                model=p.model,
                name=names[p.model].name,
                label=names[p.model].labels.get(p.label, p.label),
                computed_at=p.computed_at,
            )
    customer = held.customer
    return models.Profile(
        customer_id=customer.customer_id,
        name=customer.name,
        email=customer.email,
        groups=groups,
        predictions=list(latest.values()),
    )


def categories_used(candor: Candor, held: CustomerRecords) -> list[str]:
    used = {p.data_category for d in held.decisions for p in d.parameters}
    return [c.name for c in candor.catalog.categories.values() if c.id in used]


def export(candor: Candor, customer_id: str) -> models.Export:
    held = records(candor, customer_id)
    categories, purposes = candor.catalog.categories, candor.catalog.purposes
    explanations = [
        models.Explanation(
            decision_id=d.decision_id,
            purpose=purposes[d.purpose].name if d.purpose in purposes else d.purpose,
            legal_basis=d.legal_basis,
            policy_section=purposes[d.purpose].policy_section if d.purpose in purposes else "",
            data_categories=sorted(
                {categories[p.data_category].name for p in d.parameters if p.data_category in categories}
            ),
        )
        for d in held.decisions
    ]
    return models.Export(
        customer=held.customer,
        decisions=held.decisions,
        offers=held.offers,
        consents=held.consents,
        memberships=held.memberships,
        predictions=held.predictions,
        explanations=explanations,
    )
