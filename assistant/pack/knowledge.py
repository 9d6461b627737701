"""The loaded pack: every validated record, keyed for the checks and the stores that read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.pack.errors import PackWarning
from assistant.pack.models import (
    Category,
    Company,
    ConsentEvent,
    Customer,
    Decision,
    Membership,
    Offer,
    PolicyFrontMatter,
    Prediction,
    PredictionModel,
    Purpose,
    Section,
    Segment,
)


@dataclass
class KnowledgePack:
    root: Path
    company: Company
    categories: dict[str, Category]
    purposes: dict[str, Purpose]
    policies: dict[str, PolicyFrontMatter]
    sections: dict[str, Section]
    customers: dict[str, Customer]
    consents: list[ConsentEvent]
    offers: dict[str, Offer]
    decisions: list[Decision]
    segments: dict[str, Segment] = field(default_factory=dict)
    models: dict[str, PredictionModel] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    predictions: dict[str, Prediction] = field(default_factory=dict)
    # Source line of each record, for error messages from later checks.
    lines: dict[tuple[str, str], int] = field(default_factory=dict)
    # What loads but deserves a look (e.g. a declared `profiling: false` the log contradicts).
    warnings: list[PackWarning] = field(default_factory=list)
