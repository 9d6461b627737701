"""Consent as it stands now, per purpose resting on consent: the pack's ledger plus the changes customers made
in Candor since (the live state). The offer log the audit reads is history; this says who may be shown what
from here on, so a DPO reads both side by side."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant.pack.models import ConsentEvent, Purpose


@dataclass(frozen=True)
class ConsentStanding:
    purpose: str
    name: str
    granted: int  # customers whose latest event for the purpose is a grant
    withdrawn: int  # … a withdrawal
    changed_live: int  # events recorded in Candor after ingest (the live state)


def consent_standing(
    purposes: Mapping[str, Purpose], pack_events: Iterable[ConsentEvent], live_events: Iterable[ConsentEvent] = ()
) -> list[ConsentStanding]:
    latest: dict[tuple[str, str], ConsentEvent] = {}
    live: defaultdict[str, int] = defaultdict(int)
    for source, events in (("pack", pack_events), ("live", live_events)):
        for e in events:
            key = (e.customer_id, e.purpose)
            # Ledger order breaks ties at the same instant, as everywhere in Candor (pack/consent.py).
            if key not in latest or e.at >= latest[key].at:
                latest[key] = e
            if source == "live":
                live[e.purpose] += 1
    granted: defaultdict[str, int] = defaultdict(int)
    withdrawn: defaultdict[str, int] = defaultdict(int)
    for (_, purpose), e in latest.items():
        (granted if e.status == "granted" else withdrawn)[purpose] += 1
    return [
        ConsentStanding(p.id, p.name, granted[p.id], withdrawn[p.id], live[p.id])
        for p in purposes.values()
        if p.legal_basis == "consent"
    ]
