"""A detected piece of personal data: where it is in the original text, and what kind it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

EntityType = Literal[
    "EMAIL",
    "PHONE",
    "CREDIT_CARD",
    "IBAN",
    "US_SSN",
    "UK_NINO",
    "IP_ADDRESS",
    "STREET_ADDRESS",
    "DATE_OF_BIRTH",
    "PERSON",
    "CUSTOMER_ID",
    "ORDER_ID",
    "ACCOUNT_ID",
]
ENTITY_TYPES: tuple[EntityType, ...] = get_args(EntityType)
# The structured types: each has a checkable form, so recall should be near perfect.
STRUCTURED: frozenset[EntityType] = frozenset({"EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS"})


@dataclass(frozen=True, order=True)
class Span:
    """Offsets are into the original text (before any normalisation), end exclusive."""

    start: int
    end: int
    entity_type: EntityType
    text: str
    score: float = 1.0

    def as_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "entity_type": self.entity_type, "text": self.text}
