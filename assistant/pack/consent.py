"""Consent state from the append-only ledger: what was in force when, and what came after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assistant.pack.models import ConsentEvent, Decision


def history(events: list[ConsentEvent], purpose: str) -> list[ConsentEvent]:
    """A customer's events for one purpose, oldest first (ledger order breaks ties)."""
    return sorted((e for e in events if e.purpose == purpose), key=lambda e: e.at)


def state_at(events: list[ConsentEvent], purpose: str, when: datetime) -> ConsentEvent | None:
    """The event in force at `when`: the latest one at or before it, or None if there is none."""
    current = None
    for event in history(events, purpose):
        if event.at <= when:
            current = event
    return current


def current(events: list[ConsentEvent], purpose: str) -> ConsentEvent | None:
    past = history(events, purpose)
    return past[-1] if past else None


def withdrawal_after(events: list[ConsentEvent], grant: ConsentEvent) -> ConsentEvent | None:
    """The first withdrawal of the same purpose after `grant`, if the customer withdrew it."""
    for event in history(events, grant.purpose):
        if event.at > grant.at and event.status == "withdrawn":
            return event
    return None


@dataclass(frozen=True)
class ConsentCheck:
    """How a consent-based decision stood: the grant it used, and any withdrawal around it."""

    grant: ConsentEvent
    withdrawal: ConsentEvent | None
    # True when the withdrawal came before the offer was shown: the offer should not have used it.
    shown_after_withdrawal: bool


def check_decision(events: list[ConsentEvent], decision: Decision) -> ConsentCheck | None:
    if decision.consent_event_id is None:
        return None
    grant = next((e for e in events if e.event_id == decision.consent_event_id), None)
    if grant is None:
        return None
    withdrawal = withdrawal_after(events, grant)
    in_force = state_at(events, decision.purpose, decision.shown_at)
    after = in_force is not None and in_force.status == "withdrawn"
    return ConsentCheck(grant=grant, withdrawal=withdrawal, shown_after_withdrawal=after)
