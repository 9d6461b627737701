"""Load a pack directory, validate every record, and check every cross-reference.

The first problem stops the load with a PackError naming file, line and field.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from assistant.pack.crossrefs import check_references
from assistant.pack.errors import PackError, read_pack_text, yaml_error
from assistant.pack.models import (
    Category,
    Company,
    ConsentEvent,
    Customer,
    DataCatalog,
    Decision,
    Membership,
    Offer,
    PolicyFrontMatter,
    Prediction,
    PredictionModel,
    Purpose,
    Purposes,
    Section,
    Segment,
    Segments,
)
from assistant.pack.policies import parse_policy

M = TypeVar("M", bound=BaseModel)

YAML_FILES = ("company.yaml", "data_catalog.yaml", "purposes.yaml")
JSONL_FILES = ("customers.jsonl", "consents.jsonl", "offers.jsonl", "decisions.jsonl")
# Profiling files: optional, so a pack without segments or predictions still loads.
OPTIONAL_FILES = ("segments.yaml", "memberships.jsonl", "predictions.jsonl")


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


def pack_files(root: Path) -> list[Path]:
    """Every file that belongs to a pack, in a stable order."""
    files = [root / name for name in (*YAML_FILES, *JSONL_FILES, *OPTIONAL_FILES)]
    return files + sorted((root / "policies").glob("*.md"))


def fingerprint(root: Path) -> str:
    """A digest of the pack's content: a changed pack means a new ingest."""
    digest = hashlib.sha256()
    for path in pack_files(root):
        if path.exists():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _loc(err: dict[str, Any]) -> str:
    return ".".join(str(p) for p in err["loc"]) or "(record)"


def _yaml_line(node: yaml.Node | None, loc: tuple[Any, ...]) -> int:
    """The line of the deepest node on the path `loc` (1-based)."""
    line = (node.start_mark.line + 1) if node is not None else 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if getattr(k, "value", None) == str(key)), None)
            if found is None:
                break
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        line = node.start_mark.line + 1
    return line


def _read_yaml(path: Path, model: type[M]) -> tuple[M, yaml.Node | None]:
    if not path.exists():
        raise PackError(path, None, None, "required file is missing")
    text = read_pack_text(path)
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc, first_line=1) from None
    try:
        return model.model_validate(data if data is not None else {}), node
    except ValidationError as exc:
        err = exc.errors()[0]
        raise PackError(path, _yaml_line(node, tuple(err["loc"])), _loc(dict(err)), err["msg"]) from None


def _read_jsonl(path: Path, model: type[M]) -> Iterator[tuple[int, M]]:
    if not path.exists():
        raise PackError(path, None, None, "required file is missing")
    for number, raw in enumerate(read_pack_text(path).splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise PackError(path, number, None, f"not valid JSON: {exc.msg}") from None
        if not isinstance(data, dict):
            raise PackError(path, number, None, "each line must be a JSON object")
        try:
            yield number, model.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise PackError(path, number, _loc(dict(err)), err["msg"]) from None


def _unique(path: Path, items: list[tuple[int, M]], key: str) -> dict[str, M]:
    out: dict[str, M] = {}
    for line, item in items:
        value = getattr(item, key)
        if value in out:
            raise PackError(path, line, key, f"duplicate id {value!r}")
        out[value] = item
    return out


def load_pack(root: Path) -> KnowledgePack:
    """Read and validate the pack at `root`; raise PackError on the first problem."""
    root = Path(root)
    if not root.is_dir():
        raise PackError(root, None, None, "knowledge pack directory not found")
    company, _ = _read_yaml(root / "company.yaml", Company)
    catalog, catalog_node = _read_yaml(root / "data_catalog.yaml", DataCatalog)
    purposes_doc, purposes_node = _read_yaml(root / "purposes.yaml", Purposes)

    lines: dict[tuple[str, str], int] = {}
    categories = _unique(
        root / "data_catalog.yaml",
        [(_yaml_line(catalog_node, ("categories", i)), c) for i, c in enumerate(catalog.categories)],
        "id",
    )
    purposes = _unique(
        root / "purposes.yaml",
        [(_yaml_line(purposes_node, ("purposes", i)), p) for i, p in enumerate(purposes_doc.purposes)],
        "id",
    )
    for i, c in enumerate(catalog.categories):
        lines[("category", c.id)] = _yaml_line(catalog_node, ("categories", i))
    for i, p in enumerate(purposes_doc.purposes):
        lines[("purpose", p.id)] = _yaml_line(purposes_node, ("purposes", i))

    policy_paths = sorted((root / "policies").glob("*.md"))
    if not policy_paths:
        raise PackError(root / "policies", None, None, "no policy documents (*.md) found")
    policies: dict[str, PolicyFrontMatter] = {}
    sections: dict[str, Section] = {}
    for path in policy_paths:
        front, doc_sections = parse_policy(path)
        if front.doc_id in policies:
            lines_of = read_pack_text(path).splitlines()
            at = next((i + 1 for i, ln in enumerate(lines_of) if ln.startswith("doc_id:")), 2)
            raise PackError(path, at, "doc_id", f"doc_id {front.doc_id!r} is used by another policy")
        policies[front.doc_id] = front
        sections.update((s.section_id, s) for s in doc_sections)

    def records(name: str, model: type[M], key: str, kind: str) -> dict[str, M]:
        items = list(_read_jsonl(root / name, model))
        for line, item in items:
            lines[(kind, getattr(item, key))] = line
        return _unique(root / name, items, key)

    customers = records("customers.jsonl", Customer, "customer_id", "customer")
    consents = records("consents.jsonl", ConsentEvent, "event_id", "consent")
    offers = records("offers.jsonl", Offer, "offer_id", "offer")
    decisions = records("decisions.jsonl", Decision, "decision_id", "decision")

    segments: dict[str, Segment] = {}
    models: dict[str, PredictionModel] = {}
    if (root / "segments.yaml").exists():
        segments_doc, segments_node = _read_yaml(root / "segments.yaml", Segments)
        segments = _unique(
            root / "segments.yaml",
            [(_yaml_line(segments_node, ("segments", i)), x) for i, x in enumerate(segments_doc.segments)],
            "id",
        )
        models = _unique(
            root / "segments.yaml",
            [(_yaml_line(segments_node, ("models", i)), x) for i, x in enumerate(segments_doc.models)],
            "id",
        )
        for i, seg in enumerate(segments_doc.segments):
            lines[("segment", seg.id)] = _yaml_line(segments_node, ("segments", i))
        for i, mod in enumerate(segments_doc.models):
            lines[("model", mod.id)] = _yaml_line(segments_node, ("models", i))
    memberships: list[Membership] = []
    if (root / "memberships.jsonl").exists():
        for line, m in _read_jsonl(root / "memberships.jsonl", Membership):
            lines[("membership", str(len(memberships)))] = line
            memberships.append(m)
    predictions: dict[str, Prediction] = {}
    if (root / "predictions.jsonl").exists():
        predictions = records("predictions.jsonl", Prediction, "prediction_id", "prediction")

    pack = KnowledgePack(
        root=root,
        company=company,
        categories=categories,
        purposes=purposes,
        policies=policies,
        sections=sections,
        customers=customers,
        consents=list(consents.values()),
        offers=offers,
        decisions=list(decisions.values()),
        segments=segments,
        models=models,
        memberships=memberships,
        predictions=predictions,
        lines=lines,
    )
    check_references(pack)
    return pack
