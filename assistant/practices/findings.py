"""What the practice audit reports: findings, each with a plain statement, counts and the records behind it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal[
    "unused_category",
    "undeclared_purpose",
    "beyond_consent",
    "undescribed_use",
    "undescribed_sharing",
    "exposure_disparity",
]

# Groups smaller than this are neither compared nor shown: too few to compare, few enough to point at people.
MIN_GROUP_SIZE = 10

# Decisions cited per finding: enough to open and check by hand; the count says how many there are in all.
SAMPLE = 5


@dataclass
class Tally:
    """A count and the first few record ids behind it, so a million decisions cost a few strings."""

    count: int = 0
    sample: list[str] = field(default_factory=list)

    def add(self, record_id: str) -> None:
        self.count += 1
        if len(self.sample) < SAMPLE:
            self.sample.append(record_id)


@dataclass(frozen=True)
class Citations:
    """The records a finding rests on, by id: a sample of decisions with their count, and catalog entries."""

    decisions: tuple[str, ...] = ()
    decision_count: int = 0
    categories: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    consents: tuple[str, ...] = ()  # consent events the cited decisions relied on

    @classmethod
    def of(
        cls, tally: Tally, categories: tuple[str, ...], purposes: tuple[str, ...], sections: tuple[str, ...]
    ) -> Citations:
        return cls(tuple(tally.sample), tally.count, categories, purposes, sections)


@dataclass(frozen=True)
class Finding:
    kind: Kind
    title: str  # a short heading
    statement: str  # what was found and what to do, in plain language
    counts: dict[str, int | float]
    cites: Citations

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


TITLES: dict[Kind, str] = {
    "unused_category": "Collected, never used",
    "undeclared_purpose": "Used for a purpose never declared for that data",
    "beyond_consent": "Used beyond what customers consented to",
    "undescribed_use": "Used more broadly than the policy says",
    "undescribed_sharing": "Sharing no policy describes",
    "exposure_disparity": "Groups of customers shown personalised offers at different rates",
}
