"""Ingest warnings: what a valid pack does that contradicts what it declares, or leaves customers without
a self-service way to use a right. The pack still loads; `candor validate` and `candor ingest` print these."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from assistant.pack.facts import selection

K = TypeVar("K")

if TYPE_CHECKING:
    from collections.abc import Mapping

    from assistant.pack.errors import Problems
    from assistant.pack.knowledge import KnowledgePack
    from assistant.pack.models import Category, Decision


EXAMPLES = 5  # decision ids kept to quote, per warning or flag


@dataclass(frozen=True)
class Sampled:
    """Decisions a warning or flag is about: how many, and the first few ids to quote."""

    count: int
    examples: tuple[str, ...]

    @classmethod
    def of(cls, ids: list[str]) -> Sampled:
        return cls(len(ids), tuple(ids[:EXAMPLES]))


def sampled(found: Mapping[K, list[str]]) -> dict[K, Sampled]:
    return {k: Sampled.of(ids) for k, ids in found.items()}


def undeclared_profiling(pack: KnowledgePack) -> dict[str, list[str]]:
    """Purposes declared `profiling: false` whose decisions used data about the customer: purpose → decisions."""
    found: dict[str, list[str]] = defaultdict(list)
    for d in pack.decisions:
        if pack.purposes[d.purpose].profiling is False and selection(d, pack.categories) == "personalised":
            found[d.purpose].append(d.decision_id)
    return dict(found)


def undeclared_categories(d: Decision, categories: Mapping[str, Category]) -> list[str]:
    """Categories this decision used whose catalog entry does not list the decision's purpose (GDPR Art. 5(1)(b))."""
    used = dict.fromkeys(p.data_category for p in d.parameters)
    return [c for c in used if c in categories and d.purpose not in categories[c].purposes]


def undeclared_purposes(pack: KnowledgePack) -> dict[tuple[str, str], list[str]]:
    """(category, purpose) → decisions that used the category for a purpose the catalog never declared for it."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in pack.decisions:
        for category in undeclared_categories(d, pack.categories):
            found[(category, d.purpose)].append(d.decision_id)
    return dict(found)


def _examples(s: Sampled) -> str:
    return ", ".join(s.examples[:3]) + (f" and {s.count - 3} more" if s.count > 3 else "")


def pack_warnings(
    pack: KnowledgePack,
    problems: Problems,
    profiling: Mapping[str, Sampled] | None = None,
    purposes: Mapping[tuple[str, str], Sampled] | None = None,
) -> None:
    """The pack's warnings. `profiling` and `purposes`, when given, are what `undeclared_profiling` and
    `undeclared_purposes` give over a log read in parts (pack/stream.py)."""
    purposes_file = pack.root / "purposes.yaml"
    for purpose_id, ids in (sampled(undeclared_profiling(pack)) if profiling is None else profiling).items():
        problems.warn(
            purposes_file,
            pack.lines.get(("purpose", purpose_id)),
            "profiling",
            f"declared false, but {ids.count} decision(s) used data about the customer ({_examples(ids)}); "
            "Candor explains them as personalised",
        )
    for (category, purpose), ids in (sampled(undeclared_purposes(pack)) if purposes is None else purposes).items():
        problems.warn(
            pack.root / "data_catalog.yaml",
            pack.lines.get(("category", category)),
            "purposes",
            f"does not list {purpose!r}, but {ids.count} decision(s) used this data for it ({_examples(ids)})",
        )
    for p in pack.purposes.values():
        if p.opt_out is None and p.legal_basis in ("consent", "legitimate_interest"):
            right = "withdraw consent" if p.legal_basis == "consent" else "object"
            problems.warn(
                purposes_file,
                pack.lines.get(("purpose", p.id)),
                "opt_out",
                f"no control to {right}; Candor points customers to {pack.company.contacts.privacy_email}",
            )
