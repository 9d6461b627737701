"""What an answer about customer groups and predictions states: memberships, predictions, the sensitive data
they use, how to object, and the group or prediction behind an offer's signal."""

from __future__ import annotations

from typing import Any

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import Decision, Membership, Prediction, PredictionModel, Segment
from evals.cases.view import PackView, control_of, iso, sections_about

_PROFILE_SECTIONS = r"\bobject|profil"


def _sensitive_names(pack: KnowledgePack, categories: set[str]) -> list[str]:
    return sorted(pack.categories[c].name for c in categories if c in pack.categories and pack.categories[c].sensitive)


def segment_categories(view: PackView, customer: str, segment: Segment) -> set[str]:
    """The data a group uses for this customer: its criteria, and the evidence of their memberships of it."""
    used = {c.data_category for c in segment.criteria}
    return used | {
        e.data_category for m in view.memberships[customer] if m.segment_id == segment.id for e in m.evidence
    }


def _profile_section(pack: KnowledgePack, item: Segment | PredictionModel, used_for: list[str]) -> str | None:
    """The item's policy section, else its first purpose's (docs/knowledge-format.md)."""
    if item.policy_section and item.policy_section in pack.sections:
        return item.policy_section
    return next((pack.purposes[p].policy_section for p in used_for if p in pack.purposes), None)


def _profile_controls(pack: KnowledgePack, item: Segment | PredictionModel, used_for: list[str]) -> list[str]:
    """How to object: the item's own opt-out control, else the opt-outs of the purposes it is used for."""
    if item.opt_out:
        return [item.opt_out]
    return list(dict.fromkeys(c for p in used_for if p in pack.purposes and (c := pack.purposes[p].opt_out)))


def _purpose_names(pack: KnowledgePack, ids: list[str]) -> list[str]:
    return [pack.purposes[p].name for p in ids if p in pack.purposes]


def membership_facts(view: PackView, m: Membership) -> dict[str, Any]:
    seg = view.pack.segments[m.segment_id]
    return {
        "segment_id": seg.id,
        "name": seg.name,
        "since": iso(m.since),
        "until": iso(m.until) if m.until else None,
        "evidence_signals": [e.signal for e in m.evidence],
        "used_for": list(seg.used_for),
        "purpose_names": _purpose_names(view.pack, seg.used_for),
        "sensitive_categories": _sensitive_names(view.pack, segment_categories(view, m.customer_id, seg)),
    }


def prediction_facts(view: PackView, p: Prediction) -> dict[str, Any]:
    model = view.pack.models[p.model]
    factors = sorted(enumerate(p.factors), key=lambda ip: (-ip[1].weight, ip[0]))
    return {
        "prediction_id": p.prediction_id,
        "model": model.id,
        "model_name": model.name,
        "label": p.label,
        "label_text": model.labels[p.label],
        "score": p.score,
        "computed_at": iso(p.computed_at),
        "model_version": p.model_version,
        "factor_signals": [f.signal for _, f in factors],
        "used_for": list(p.used_for),
        "purpose_names": _purpose_names(view.pack, p.used_for),
        "sensitive_categories": _sensitive_names(view.pack, {f.data_category for f in p.factors}),
    }


def _controls_and_sections(
    pack: KnowledgePack, items: list[tuple[Segment | PredictionModel, list[str]]]
) -> dict[str, Any]:
    control_ids = list(dict.fromkeys(c for item, used in items for c in _profile_controls(pack, item, used)))
    sections = list(dict.fromkeys(s for item, used in items if (s := _profile_section(pack, item, used))))
    return {"controls": [c for cid in control_ids if (c := control_of(pack, cid))], "policy_sections": sections}


def segments_expected(view: PackView, memberships: list[Membership], focus: str) -> dict[str, Any]:
    """What an answer about these memberships states. `focus`: current, past, named or button."""
    facts = [membership_facts(view, m) for m in memberships]
    segs: list[tuple[Segment | PredictionModel, list[str]]] = [
        (view.pack.segments[m.segment_id], view.pack.segments[m.segment_id].used_for) for m in memberships
    ]
    return {
        "focus": focus,
        "segments": facts,
        "purpose_names": list(dict.fromkeys(n for f in facts for n in f["purpose_names"])),
        "sensitive": [
            {"ref": f["segment_id"], "category_names": f["sensitive_categories"]}
            for f in facts
            if f["sensitive_categories"]
        ],
        **_controls_and_sections(view.pack, segs),
    }


def predictions_expected(view: PackView, predictions: list[Prediction], focus: str) -> dict[str, Any]:
    """What an answer about these predictions states. `focus`: general, a model id, or button."""
    facts = [prediction_facts(view, p) for p in predictions]
    models: list[tuple[Segment | PredictionModel, list[str]]] = [
        (view.pack.models[p.model], p.used_for) for p in predictions
    ]
    return {
        "focus": focus,
        "predictions": facts,
        "purpose_names": list(dict.fromkeys(n for f in facts for n in f["purpose_names"])),
        "sensitive": [
            {"ref": f["prediction_id"], "category_names": f["sensitive_categories"]}
            for f in facts
            if f["sensitive_categories"]
        ],
        **_controls_and_sections(view.pack, models),
    }


def object_profiling_expected(view: PackView, customer: str) -> dict[str, Any]:
    """How to object to profiling: the controls of this customer's groups and models (every group's and
    model's when they have none), and any section about objecting or about the groups and models."""
    pack = view.pack
    items: list[tuple[Segment | PredictionModel, list[str]]] = [
        (pack.segments[m.segment_id], pack.segments[m.segment_id].used_for) for m in view.current(customer)
    ]
    items += [(pack.models[p.model], p.used_for) for p in view.latest(customer)]
    if not items:
        items = [(s, s.used_for) for s in pack.segments.values()]
        for model in pack.models.values():
            used = [u for pr in pack.predictions.values() if pr.model == model.id for u in pr.used_for]
            items.append((model, list(dict.fromkeys(used))))
    found = _controls_and_sections(pack, items)
    return {
        "controls": found["controls"],
        "policy_sections_any": list(
            dict.fromkeys([*sections_about(pack, _PROFILE_SECTIONS), *found["policy_sections"]])
        ),
    }


def origin_facts(view: PackView, d: Decision) -> dict[str, Any]:
    """The group or prediction behind each parameter that names one, and the sensitive data they use."""
    pack = view.pack
    origins: list[dict[str, Any]] = []
    sensitive: list[dict[str, Any]] = []
    for p in sorted(d.parameters, key=lambda p: -p.weight):
        if p.segment_id and p.segment_id in pack.segments:
            seg = pack.segments[p.segment_id]
            origins.append({"signal": p.signal, "kind": "segment", "ref": seg.id, "name": seg.name})
            names = _sensitive_names(pack, segment_categories(view, d.customer_id, seg))
        elif p.prediction_id and p.prediction_id in pack.predictions:
            pr = pack.predictions[p.prediction_id]
            name = pack.models[pr.model].name
            origins.append({"signal": p.signal, "kind": "prediction", "ref": pr.prediction_id, "name": name})
            names = _sensitive_names(pack, {f.data_category for f in pr.factors})
        else:
            continue
        if names and all(x["ref"] != origins[-1]["ref"] for x in sensitive):
            sensitive.append({"ref": origins[-1]["ref"], "category_names": names})
    return {"profile_origins": origins, "sensitive": sensitive}
