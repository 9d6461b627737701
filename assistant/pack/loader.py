"""Load a pack directory, validate every record, and check every cross-reference.

Every problem is collected, each naming file, line and field; any error stops the load (PackInvalid).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from assistant.pack.crossrefs import check_references
from assistant.pack.documents import POLICY_SUFFIXES
from assistant.pack.errors import PackError, PackInvalid, Problems, read_pack_text, yaml_error
from assistant.pack.knowledge import KnowledgePack
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
from assistant.pack.warnings import pack_warnings

M = TypeVar("M", bound=BaseModel)

YAML_FILES = ("company.yaml", "data_catalog.yaml", "purposes.yaml")
JSONL_FILES = ("customers.jsonl", "consents.jsonl", "offers.jsonl", "decisions.jsonl")
# Profiling files: optional, so a pack without segments or predictions still loads.
OPTIONAL_FILES = ("segments.yaml", "memberships.jsonl", "predictions.jsonl")


def pack_files(root: Path) -> list[Path]:
    """Every file that belongs to a pack, in a stable order."""
    files = [root / name for name in (*YAML_FILES, *JSONL_FILES, *OPTIONAL_FILES)]
    return files + policy_files(root)


def policy_files(root: Path) -> list[Path]:
    """The policy documents: Markdown, HTML and PDF files directly in policies/, by name."""
    folder = root / "policies"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in POLICY_SUFFIXES)


def fingerprint(root: Path) -> str:
    """A digest of the pack's content: a changed pack means a new ingest."""
    digest = hashlib.sha256()
    for path in pack_files(root):
        if path.exists():
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            with path.open("rb") as handle:  # in blocks: a decision log can be larger than memory allows
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            digest.update(b"\0")
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


def _read_yaml(
    path: Path, model: type[M], problems: Problems, required: bool = True
) -> tuple[M | None, yaml.Node | None]:
    if not path.exists():
        if required:
            problems.error(PackError(path, None, None, "required file is missing"))
        return None, None
    try:
        text = read_pack_text(path)
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except PackError as err:
        problems.error(err)
        return None, None
    except yaml.YAMLError as exc:
        problems.error(yaml_error(path, exc, first_line=1))
        return None, None
    try:
        return model.model_validate(data if data is not None else {}), node
    except ValidationError as exc:
        for item in exc.errors():
            problems.error(PackError(path, _yaml_line(node, tuple(item["loc"])), _loc(dict(item)), item["msg"]))
        return None, node


def _read_jsonl(path: Path, model: type[M], problems: Problems, key: str) -> Iterator[tuple[int, M]]:
    """Valid records with their lines; each bad line is reported and skipped, its id noted as broken."""
    if not path.exists():
        problems.error(PackError(path, None, None, "required file is missing"))
        return
    try:
        text = read_pack_text(path)
    except PackError as err:
        problems.error(err)
        return
    for number, raw in enumerate(text.splitlines(), start=1):
        item = parse_line(path, number, raw, model, problems, key)
        if item is not None:
            yield number, item


def parse_line(path: Path, number: int, raw: str, model: type[M], problems: Problems, key: str) -> M | None:
    """One JSON Lines record, validated; a bad line is reported (and its id noted as broken) and gives None."""
    if not raw.strip():
        return None
    try:
        # Pydantic parses JSON itself about twice as fast; a line it refuses is read again below, slowly, so
        # that every problem is reported in the same words.
        return model.model_validate_json(raw)
    except ValidationError:
        pass
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        problems.error(PackError(path, number, None, f"not valid JSON: {exc.msg}"))
        return None
    if not isinstance(data, dict):
        problems.error(PackError(path, number, None, "each line must be a JSON object"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        if isinstance(data.get(key), str):
            problems.broken.add(data[key])
        for item in exc.errors():
            problems.error(PackError(path, number, _loc(dict(item)), item["msg"]))
        return None


def _unique(path: Path, items: list[tuple[int, M]], key: str, problems: Problems) -> dict[str, M]:
    out: dict[str, M] = {}
    for line, item in items:
        value = getattr(item, key)
        if value in out:
            problems.error(PackError(path, line, key, f"duplicate id {value!r}"))
            continue
        out[value] = item
    return out


def load_pack(root: Path, log: bool = True) -> KnowledgePack:
    """Read and validate the pack at `root`; raise PackInvalid (a PackError) naming every problem. `log=False`
    leaves decisions.jsonl unread, for a caller that reads it in parts (pack/stream.py)."""
    pack, problems = read_pack(root, log)
    if problems.errors or pack is None:
        raise PackInvalid(problems.errors)
    return pack


def read_pack(root: Path, log: bool = True) -> tuple[KnowledgePack | None, Problems]:
    """The pack, if it is valid, and every error and warning found, in file order."""
    root = Path(root)
    problems = Problems()
    if not root.is_dir():
        problems.error(PackError(root, None, None, "knowledge pack directory not found"))
        return None, problems
    company, _ = _read_yaml(root / "company.yaml", Company, problems)
    catalog, catalog_node = _read_yaml(root / "data_catalog.yaml", DataCatalog, problems)
    purposes_doc, purposes_node = _read_yaml(root / "purposes.yaml", Purposes, problems)

    lines: dict[tuple[str, str], int] = {}
    categories: dict[str, Category] = {}
    purposes: dict[str, Purpose] = {}
    if catalog is not None:
        at = [_yaml_line(catalog_node, ("categories", i)) for i in range(len(catalog.categories))]
        categories = _unique(root / "data_catalog.yaml", list(zip(at, catalog.categories, strict=True)), "id", problems)
        lines.update((("category", c.id), line) for line, c in zip(at, catalog.categories, strict=True))
    if purposes_doc is not None:
        at = [_yaml_line(purposes_node, ("purposes", i)) for i in range(len(purposes_doc.purposes))]
        purposes = _unique(root / "purposes.yaml", list(zip(at, purposes_doc.purposes, strict=True)), "id", problems)
        lines.update((("purpose", p.id), line) for line, p in zip(at, purposes_doc.purposes, strict=True))

    policies: dict[str, PolicyFrontMatter] = {}
    sections: dict[str, Section] = {}
    policy_paths = policy_files(root)
    if not policy_paths:
        problems.error(PackError(root / "policies", None, None, "no policy documents (*.md, *.html, *.pdf) found"))
    for path in policy_paths:
        try:
            front, doc_sections = parse_policy(path)
        except PackError as err:
            problems.error(err)
            continue
        if front.doc_id in policies:
            lines_of = read_pack_text(path).splitlines()
            at_line = next((i + 1 for i, ln in enumerate(lines_of) if ln.startswith("doc_id:")), 2)
            problems.error(PackError(path, at_line, "doc_id", f"doc_id {front.doc_id!r} is used by another policy"))
            continue
        policies[front.doc_id] = front
        sections.update((s.section_id, s) for s in doc_sections)

    def records(name: str, model: type[M], key: str, kind: str) -> dict[str, M]:
        items = list(_read_jsonl(root / name, model, problems, key))
        for line, item in items:
            lines[(kind, getattr(item, key))] = line
        return _unique(root / name, items, key, problems)

    customers = records("customers.jsonl", Customer, "customer_id", "customer")
    consents = records("consents.jsonl", ConsentEvent, "event_id", "consent")
    offers = records("offers.jsonl", Offer, "offer_id", "offer")
    decisions = records("decisions.jsonl", Decision, "decision_id", "decision") if log else {}

    segments: dict[str, Segment] = {}
    models: dict[str, PredictionModel] = {}
    segments_doc, segments_node = _read_yaml(root / "segments.yaml", Segments, problems, required=False)
    if segments_doc is not None:
        seg_at = [_yaml_line(segments_node, ("segments", i)) for i in range(len(segments_doc.segments))]
        mod_at = [_yaml_line(segments_node, ("models", i)) for i in range(len(segments_doc.models))]
        segments = _unique(
            root / "segments.yaml", list(zip(seg_at, segments_doc.segments, strict=True)), "id", problems
        )
        models = _unique(root / "segments.yaml", list(zip(mod_at, segments_doc.models, strict=True)), "id", problems)
        lines.update((("segment", x.id), line) for line, x in zip(seg_at, segments_doc.segments, strict=True))
        lines.update((("model", x.id), line) for line, x in zip(mod_at, segments_doc.models, strict=True))
    memberships: list[Membership] = []
    if (root / "memberships.jsonl").exists():
        for line, m in _read_jsonl(root / "memberships.jsonl", Membership, problems, "segment_id"):
            lines[("membership", str(len(memberships)))] = line
            memberships.append(m)
    predictions: dict[str, Prediction] = {}
    if (root / "predictions.jsonl").exists():
        predictions = records("predictions.jsonl", Prediction, "prediction_id", "prediction")

    if company is None or catalog is None or purposes_doc is None:
        # Cross-references against files that did not load would only repeat their errors.
        return None, problems
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
    before = len(problems.errors)
    check_references(pack, problems)
    problems.errors[before:] = [
        e for e in problems.errors[before:] if not any(f"{b!r}" in e.problem for b in problems.broken)
    ]
    if problems.errors:
        return None, problems
    pack_warnings(pack, problems)
    pack.warnings = problems.warnings
    return pack, problems
