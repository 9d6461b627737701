"""`candor validate`: every error and warning in a pack at once, and what the pack lets Candor explain, so a
company sees its gaps before its customers do."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from assistant.pack.consent import check_decision
from assistant.pack.controls import Kind, control_id_for
from assistant.pack.errors import PackError
from assistant.pack.facts import selection, sensitive_uses
from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import read_pack

_RIGHTS: dict[str, str] = {
    "download": "get a copy of their data",
    "delete": "have their data deleted",
    "unsubscribe": "stop marketing emails",
    "do_not_sell": "opt out of sale or sharing",
    "personalisation": "turn personalised offers off",
    "object_marketing": "stop all direct marketing at once",
}


@dataclass
class Validation:
    root: Path
    errors: list[PackError]
    warnings: list[PackError]
    coverage: dict[str, Any] = field(default_factory=dict)
    gaps: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        def row(e: PackError) -> dict[str, Any]:
            return {"file": str(e.path), "line": e.line, "field": e.field, "problem": e.problem}

        return {
            "pack": str(self.root),
            "valid": self.ok,
            "errors": [row(e) for e in self.errors],
            "warnings": [row(w) for w in self.warnings],
            "coverage": self.coverage,
            "gaps": self.gaps,
        }

    def text(self) -> str:
        lines = _grouped(self.errors, "")
        lines += _grouped(self.warnings, "warning: ")
        lines.append(f"{len(self.errors)} error(s), {len(self.warnings)} warning(s) in {self.root}")
        if self.coverage:
            lines.append("")
            lines.append("What Candor can explain from this pack:")
            lines += [f"  {key.replace('_', ' ')}: {_plain(value)}" for key, value in self.coverage.items()]
        if self.gaps:
            lines.append("")
            lines.append("Gaps customers would notice:")
            lines += [f"  - {gap}" for gap in self.gaps]
        return "\n".join(lines)


def _grouped(problems: list[PackError], prefix: str) -> list[str]:
    """One line per problem; the same problem on many lines of a file (a key renamed in every record) as one
    line listing where, so the rest stays visible."""
    groups: dict[tuple[str, str | None, str], list[PackError]] = {}
    for p in problems:
        groups.setdefault((str(p.path), p.field, p.problem), []).append(p)
    out: list[str] = []
    for (path, fld, problem), items in groups.items():
        if len(items) <= 3:
            out += [f"{prefix}{p.message}" for p in items]
            continue
        where = ", ".join(str(p.line) for p in items[:5]) + (" …" if len(items) > 5 else "")
        what = f"field '{fld}': " if fld else ""
        out.append(f"{prefix}{path}: lines {where} ({len(items)} records): {what}{problem}")
    return out


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in value.items()) or "none"
    return str(value)


def validate(root: Path) -> Validation:
    pack, problems = read_pack(root)
    result = Validation(Path(root), problems.errors, list(problems.warnings))
    if pack is not None:
        result.coverage = coverage(pack)
        result.gaps = gaps(pack)
    return result


def coverage(pack: KnowledgePack) -> dict[str, Any]:
    with_offers = {d.customer_id for d in pack.decisions}
    kinds = Counter(selection(d, pack.categories) for d in pack.decisions)
    events: dict[str, list[Any]] = {}
    for e in pack.consents:
        events.setdefault(e.customer_id, []).append(e)
    on_consent = [d for d in pack.decisions if d.legal_basis == "consent"]
    after_withdrawal = sum(
        1 for d in on_consent if (c := check_decision(events.get(d.customer_id, []), d)) and c.shown_after_withdrawal
    )
    on_sensitive = sum(
        1
        for d in pack.decisions
        if sensitive_uses(d, pack.categories, pack.segments, pack.memberships, pack.predictions)
    )
    return {
        "customers": {"in all": len(pack.customers), "with offers in the log": len(with_offers)},
        "decisions": {
            "in all": len(pack.decisions),
            **{k: kinds.get(k, 0) for k in ("personalised", "contextual", "general")},
        },
        "consent": {
            "decisions relying on consent": len(on_consent),
            "shown after the consent was withdrawn": after_withdrawal,
            "consent events": len(pack.consents),
        },
        "sensitive_data": {"decisions using it": on_sensitive},
        "profiling": {
            "groups": len(pack.segments),
            "prediction models": len(pack.models),
            "predictions": len(pack.predictions),
        },
        "policies": {"documents": len(pack.policies), "sections": len(pack.sections)},
    }


def gaps(pack: KnowledgePack) -> list[str]:
    out: list[str] = []
    contact = pack.company.contacts.privacy_email
    for kind in get_args(Kind):
        if control_id_for(pack.company, kind) is None:
            out.append(f"no control for customers to {_RIGHTS[kind]}: answers point to {contact}")
    used = {d.purpose for d in pack.decisions}
    consented = {e.purpose for e in pack.consents}
    for p in pack.purposes.values():
        if p.legal_basis == "consent" and p.id in used and p.id not in consented:
            out.append(f"purpose {p.id} rests on consent but the ledger has no consent events for it")
    unused = sorted(p.id for p in pack.purposes.values() if p.id not in used)
    if unused:
        out.append(f"purposes no decision used (Candor can only describe them from the policy): {', '.join(unused)}")
    idle = sorted(set(pack.customers) - {d.customer_id for d in pack.decisions})
    if idle:
        out.append(f"{len(idle)} customer(s) with no offers in the log: Candor will say it has no record for them")
    return out
