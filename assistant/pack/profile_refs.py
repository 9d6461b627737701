"""Cross-references of the profiling files: segments, prediction models, memberships, predictions,
and decision parameters that name a segment or prediction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.pack.errors import PackError

if TYPE_CHECKING:
    from assistant.pack.errors import Problems
    from assistant.pack.knowledge import KnowledgePack


def check_profile_references(pack: KnowledgePack, problems: Problems) -> None:
    def fail(file: str, kind: str, key: str, field: str, problem: str) -> None:
        problems.error(PackError(pack.root / file, pack.lines.get((kind, key)), field, problem))

    def known(
        file: str,
        kind: str,
        key: str,
        prefix: str,
        categories: list[str],
        purposes: list[str],
        section: str | None,
        control: str | None,
    ) -> None:
        for i, cat in enumerate(categories):
            if cat not in pack.categories:
                fail(file, kind, key, f"{prefix}.{i}.data_category", f"unknown data category {cat!r}")
        for i, purpose in enumerate(purposes):
            if purpose not in pack.purposes:
                fail(file, kind, key, f"used_for.{i}", f"unknown purpose {purpose!r}")
        if section is not None and section not in pack.sections:
            fail(file, kind, key, "policy_section", f"unknown section id {section!r}")
        if control is not None and control not in pack.company.controls:
            fail(file, kind, key, "opt_out", f"unknown control {control!r}")

    for s in pack.segments.values():
        known(
            "segments.yaml",
            "segment",
            s.id,
            "criteria",
            [c.data_category for c in s.criteria],
            s.used_for,
            s.policy_section,
            s.opt_out,
        )
    for m in pack.models.values():
        known("segments.yaml", "model", m.id, "labels", [], [], m.policy_section, m.opt_out)
    for n, ms in enumerate(pack.memberships):
        key = str(n)
        if ms.customer_id not in pack.customers:
            fail("memberships.jsonl", "membership", key, "customer_id", f"unknown customer {ms.customer_id!r}")
        if ms.segment_id not in pack.segments:
            fail("memberships.jsonl", "membership", key, "segment_id", f"unknown segment {ms.segment_id!r}")
        known(
            "memberships.jsonl", "membership", key, "evidence", [e.data_category for e in ms.evidence], [], None, None
        )
    for p in pack.predictions.values():
        key = p.prediction_id
        if p.customer_id not in pack.customers:
            fail("predictions.jsonl", "prediction", key, "customer_id", f"unknown customer {p.customer_id!r}")
        model = pack.models.get(p.model)
        if model is None:
            fail("predictions.jsonl", "prediction", key, "model", f"unknown model {p.model!r} (see segments.yaml)")
        elif p.label not in model.labels:
            fail("predictions.jsonl", "prediction", key, "label", f"model {p.model} has no label {p.label!r}")
        known(
            "predictions.jsonl",
            "prediction",
            key,
            "factors",
            [f.data_category for f in p.factors],
            p.used_for,
            None,
            None,
        )
    check_decision_profile_references(pack, problems)


def check_decision_profile_references(pack: KnowledgePack, problems: Problems) -> None:
    """Decision parameters naming a segment or prediction: checked per part of a log read in parts."""

    def fail(file: str, kind: str, key: str, field: str, problem: str) -> None:
        problems.error(PackError(pack.root / file, pack.lines.get((kind, key)), field, problem))

    for d in pack.decisions:
        for i, param in enumerate(d.parameters):
            if param.segment_id is not None:
                if param.segment_id not in pack.segments:
                    fail(
                        "decisions.jsonl",
                        "decision",
                        d.decision_id,
                        f"parameters.{i}.segment_id",
                        f"unknown segment {param.segment_id!r}",
                    )
                elif not any(
                    m.customer_id == d.customer_id and m.segment_id == param.segment_id and m.covers(d.shown_at)
                    for m in pack.memberships
                ):
                    fail(
                        "decisions.jsonl",
                        "decision",
                        d.decision_id,
                        f"parameters.{i}.segment_id",
                        f"customer was not in segment {param.segment_id!r} when the offer was shown",
                    )
            if param.prediction_id is not None:
                pred = pack.predictions.get(param.prediction_id)
                if pred is None or pred.customer_id != d.customer_id:
                    fail(
                        "decisions.jsonl",
                        "decision",
                        d.decision_id,
                        f"parameters.{i}.prediction_id",
                        f"unknown prediction {param.prediction_id!r} for this customer",
                    )
                elif pred.computed_at > d.shown_at:
                    fail(
                        "decisions.jsonl",
                        "decision",
                        d.decision_id,
                        f"parameters.{i}.prediction_id",
                        f"prediction {pred.prediction_id} was computed after the offer was shown",
                    )
