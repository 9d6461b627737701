"""One pass over the decision log: what each decision used, for what, and for whom.

Memory grows with the catalog and the number of customers, never with the number of decisions, so the same
tally serves a loaded pack and a log streamed line by line.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from assistant.pack.facts import selection
from assistant.pack.models import Category, Decision, Offer, Purpose
from assistant.pack.warnings import undeclared_categories
from assistant.practices.findings import Tally


@dataclass
class Usage:
    categories: Mapping[str, Category]
    purposes: Mapping[str, Purpose] = field(default_factory=dict)
    offers: Mapping[str, Offer] = field(default_factory=dict)
    decisions: int = 0
    first: datetime | None = None
    last: datetime | None = None
    # Decisions that used each category as a parameter, per (category, purpose).
    by_use: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    # (category, purpose) → decisions that used the category for a purpose its catalog entry does not list.
    undeclared: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    # (category, purpose) → decisions of a consent purpose that used data its consent request does not name.
    beyond_consent: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    # ... and the consent events the cited ones of those decisions relied on.
    beyond_consent_events: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    # Per customer: personalised offers shown, the categories behind them, and one decision to cite.
    personalised: Counter[str] = field(default_factory=Counter)
    customer_categories: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    first_personalised: dict[str, str] = field(default_factory=dict)
    # Per customer: the summed value of the personalised offers shown (offers without a value count 0).
    value: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))

    @property
    def by_category(self) -> dict[str, int]:
        """Decisions that used each category: a decision has one purpose, so its uses sum to it."""
        counts: Counter[str] = Counter()
        for (category, _), tally in self.by_use.items():
            counts[category] += tally.count
        return dict(counts)

    @property
    def valued(self) -> bool:
        """Whether the pack gives offers a value at all: without one, value per group is not reported."""
        return any(o.value is not None for o in self.offers.values())

    def add(self, d: Decision) -> None:
        self.decisions += 1
        self.first = d.shown_at if self.first is None else min(self.first, d.shown_at)
        self.last = d.shown_at if self.last is None else max(self.last, d.shown_at)
        for category in dict.fromkeys(p.data_category for p in d.parameters):
            self.by_use[(category, d.purpose)].add(d.decision_id)
        for category in undeclared_categories(d, self.categories):
            self.undeclared[(category, d.purpose)].add(d.decision_id)
        purpose = self.purposes.get(d.purpose)
        if purpose is not None and purpose.consent_covers is not None:
            for category in dict.fromkeys(p.data_category for p in d.parameters):
                if category not in purpose.consent_covers:
                    t = self.beyond_consent[(category, d.purpose)]
                    t.add(d.decision_id)
                    events = self.beyond_consent_events[(category, d.purpose)]
                    # The events of the cited decisions only: those a reader can check side by side.
                    cited = t.sample[-1] == d.decision_id
                    if cited and d.consent_event_id and d.consent_event_id not in events:
                        events.append(d.consent_event_id)
        if selection(d, self.categories) == "personalised":
            self.personalised[d.customer_id] += 1
            self.customer_categories[d.customer_id].update(p.data_category for p in d.parameters)
            self.first_personalised.setdefault(d.customer_id, d.decision_id)
            offer = self.offers.get(d.offer_id)
            if offer is not None and offer.value is not None:
                self.value[d.customer_id] += offer.value


def tally(
    categories: Mapping[str, Category],
    decisions: Iterable[Decision],
    purposes: Mapping[str, Purpose] | None = None,
    offers: Mapping[str, Offer] | None = None,
) -> Usage:
    usage = Usage(categories, purposes or {}, offers or {})
    for d in decisions:
        usage.add(d)
    return usage
