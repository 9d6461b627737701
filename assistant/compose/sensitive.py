"""Sensitive data asked about as people ask it ("do you know I'm diabetic?? why is that used for ads"): what
the kind of data is, that the law protects it more strictly, whether any offer, group or prediction about this
customer used it (with the references), and how to stop it. Every fact comes from the catalog and the
customer's own records; where they hold nothing, the answer says so."""

from __future__ import annotations

from assistant.compose.builder import Draft, channel_words, day, unstop
from assistant.compose.why_offer import uses_of_sensitive_data
from assistant.pack.consent import current
from assistant.pack.controls import control_id_for
from assistant.records.store import CustomerRecords

_MOST = 5  # offers listed by reference


_SHORT_USE = 25  # words: a longer description of the use is left to its policy section


def compose_sensitive(draft: Draft, records: CustomerRecords, categories: tuple[str, ...]) -> None:
    for category_id in categories:
        _one(draft, records, category_id)


def _one(draft: Draft, records: CustomerRecords, category_id: str) -> None:
    catalog = draft.catalog
    category = catalog.categories[category_id]
    purposes = [catalog.purposes[p] for p in category.purposes if p in catalog.purposes]
    draft.say(
        f"You asked about {category.name.lower()}. This is sensitive data (a special category under data "
        "protection law), so it is protected more strictly than other data."
    )
    uses = ", ".join(p.name for p in purposes) or "nothing our catalog names"
    if len(purposes) == 1:
        # "Why keep it at all, if it's never used for offers?": what the one use is, when its record says it briefly.
        clause = purposes[0].description.strip().split(";")[0].rstrip(".")
        if clause and len(clause.split()) <= _SHORT_USE:
            uses += f" ({clause[0].lower()}{clause[1:]})"
    draft.say(f"What it is: {category.description.strip()} Source: {'; '.join(category.sources)}.", bullet=True)
    draft.say(f"What we use it for: {uses}. Kept: {unstop(category.retention)}.", bullet=True)
    for purpose in purposes:
        if purpose.legal_basis == "consent":
            event = current(records.consents, purpose.id)
            state = f"{event.status} on {day(event.at)} (source: {event.source})" if event else "no record of it"
            draft.say(f"Your consent for {purpose.name}: {state}.", bullet=True)
    _in_offers(draft, records, category_id)
    _in_profiles(draft, records, category_id)
    control = next((p.opt_out for p in purposes if p.opt_out in catalog.company.controls), None)
    if control is not None:
        draft.control_line(control, "To stop us using it, use")
    else:
        draft.exercise(
            control_id_for(catalog.company, "personalisation"), "object to this use", "To stop us using it, use"
        )


def _in_offers(draft: Draft, records: CustomerRecords, category_id: str) -> None:
    catalog = draft.catalog
    used = [
        d
        for d in records.decisions
        if any(category_id in u.categories for u in uses_of_sensitive_data(catalog, records, d))
    ]
    name = catalog.categories[category_id].name.lower()
    if not used:
        draft.say(
            f"None of the {len(records.decisions)} offers in our records for you used {name}, directly or "
            "through a customer group or prediction."
        )
        return
    draft.say(
        f"{len(used)} of the {len(records.decisions)} offers we showed you used {name}, directly or through a "
        "customer group or prediction. Sensitive data must not be used to choose ads, so we have flagged this "
        "for our privacy team:"
    )
    for d in used[:_MOST]:
        offer = records.offers[d.offer_id]
        draft.say(
            f"“{offer.title}”, {channel_words(d.channel)}, on {day(d.shown_at)} (ref {d.decision_id}).", bullet=True
        )
        draft.decision_ids.append(d.decision_id)
    if len(used) > _MOST:
        draft.say(f"And {len(used) - _MOST} more. Ask about one by its reference for its reasons.")


def _in_profiles(draft: Draft, records: CustomerRecords, category_id: str) -> None:
    catalog = draft.catalog
    for m in records.memberships:
        segment = catalog.segments.get(m.segment_id)
        if segment is None:
            continue
        if any(c.data_category == category_id for c in segment.criteria) or any(
            e.data_category == category_id for e in m.evidence
        ):
            when = f"since {day(m.since)}" if m.until is None else f"from {day(m.since)} to {day(m.until)}"
            draft.say(f"It put you in the customer group “{segment.name}” ({when}).", bullet=True)
            draft.claims.append(("segment", "", m.segment_id))
    for p in records.predictions:
        if any(f.data_category == category_id for f in p.factors):
            model = catalog.models.get(p.model)
            draft.say(f"It is a factor in the prediction “{model.name if model else p.model}”.", bullet=True)
