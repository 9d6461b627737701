"""What an answer to "why did I see this offer?" states: the decision's signals, purpose and legal basis, the
consent it relied on and any later withdrawal, the control to stop it, and the group or prediction behind it."""

from __future__ import annotations

from typing import Any

from assistant.pack.facts import selection
from assistant.pack.models import ConsentEvent, Decision
from evals.cases.profile_facts import origin_facts
from evals.cases.view import PackView, control_of, iso, purpose_history


def consent_facts(events: list[ConsentEvent], d: Decision) -> dict[str, Any]:
    """The grant a decision relied on, its first later withdrawal, and whether it was shown after one."""
    if d.consent_event_id is None:
        return {"consent": None, "withdrawn_at": None, "shown_after_withdrawal": False}
    grant = next(e for e in events if e.event_id == d.consent_event_id)
    past = purpose_history(events, d.purpose)
    withdrawal = next((e for e in past if e.at > grant.at and e.status == "withdrawn"), None)
    in_force = [e for e in past if e.at <= d.shown_at]
    return {
        "consent": {
            "event_id": grant.event_id,
            "granted_at": iso(grant.at),
            "source": grant.source,
            "policy_version": grant.policy_version,
        },
        "withdrawn_at": iso(withdrawal.at) if withdrawal else None,
        "shown_after_withdrawal": bool(in_force) and in_force[-1].status == "withdrawn",
    }


def why_expected(view: PackView, d: Decision, same_offer: list[Decision] | None = None) -> dict[str, Any]:
    pack = view.pack
    offer = view.offer(d)
    purpose = pack.purposes[d.purpose]
    params = sorted(enumerate(d.parameters), key=lambda ip: (-ip[1].weight, ip[0]))
    categories = list(dict.fromkeys(p.data_category for _, p in params))
    expected: dict[str, Any] = {
        "decision_id": d.decision_id,
        "also_decision_ids": [x.decision_id for x in (same_offer or []) if x.decision_id != d.decision_id],
        "offer_id": offer.offer_id,
        "offer_title": offer.title,
        "shown_at": iso(d.shown_at),
        "channel": d.channel,
        "sponsor": offer.sponsor,
        "personalised": selection(d, pack.categories) == "personalised",
        "top_signals": [p.signal for _, p in params],
        "weights": [p.weight for _, p in params],
        "data_categories": categories,
        "data_category_names": [pack.categories[c].name for c in categories],
        "purpose": purpose.id,
        "purpose_name": purpose.name,
        "legal_basis": d.legal_basis,
        **consent_facts(view.consents[d.customer_id], d),
        "control": control_of(pack, purpose.opt_out),
        "policy_sections": [purpose.policy_section],
        **origin_facts(view, d),
    }
    return expected
