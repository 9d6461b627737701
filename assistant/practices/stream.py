"""`candor practices --stream`: a pack too large to hold, audited with its log read in parts (pack/stream.py),
each part checked as the loader checks a whole log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import Decision
from assistant.pack.stream import StreamedLog, load_without_log

__all__ = ["load_without_log", "stream_decisions"]


def stream_decisions(root: Path, pack: KnowledgePack) -> Iterator[Decision]:
    """Each decision of `pack` (loaded without its log, from `root`), checked; once the log is read, every error
    found is raised at once (PackInvalid), as the loader would."""
    pack.root = Path(root)
    log = StreamedLog(pack)
    for part in log.parts():
        yield from part.decisions
    log.finish()
