"""A pack too large to hold: everything but the decision log is loaded and validated as usual, and the log is
read one line at a time, so memory follows the catalog and the customers, not the decisions."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

from assistant.pack.errors import PackError
from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import load_pack, pack_files
from assistant.pack.models import Decision

LOG = "decisions.jsonl"


def load_without_log(root: Path) -> KnowledgePack:
    """The pack with an empty decision log: the other files, linked into a scratch directory, are read and
    checked by the ordinary loader."""
    root = Path(root)
    with tempfile.TemporaryDirectory(prefix="candor-practices-") as scratch:
        for path in pack_files(root):
            target = Path(scratch) / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.name == LOG and path.parent == root:
                target.write_text("", encoding="utf-8")
            elif path.exists():
                target.symlink_to(path.resolve())
        pack = load_pack(Path(scratch))
    pack.root = root
    return pack


def stream_decisions(root: Path, pack: KnowledgePack) -> Iterator[Decision]:
    """Each decision, validated; one that names a customer or data category the pack lacks stops the audit
    with the file and line, as the loader would."""
    path = Path(root) / LOG
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                d = Decision.model_validate_json(raw)
            except ValueError as exc:
                raise PackError(path, number, None, str(exc).splitlines()[0]) from None
            if d.customer_id not in pack.customers:
                raise PackError(path, number, "customer_id", f"unknown customer {d.customer_id!r}")
            if d.purpose not in pack.purposes:
                raise PackError(path, number, "purpose", f"unknown purpose {d.purpose!r}")
            for p in d.parameters:
                if p.data_category not in pack.categories:
                    raise PackError(path, number, "data_category", f"unknown category {p.data_category!r}")
            yield d
