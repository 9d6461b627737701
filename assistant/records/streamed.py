"""The decision log read in parts at ingest (pack/stream.py): each part is written, flagged and tallied for the
practice audit as it passes, so ingest's memory follows one part and the customers, not the whole log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from assistant.pack.errors import PackWarning
from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import Decision
from assistant.pack.stream import StreamedLog
from assistant.practices.audit import audit
from assistant.practices.exposure import PracticesSetupError
from assistant.practices.policy_use import PolicyReader
from assistant.practices.usage import Usage
from assistant.records.flags import (
    Flag,
    by_customer,
    consent_flags,
    decision_profile_flags,
    profile_record_flags,
    profiling_flags,
)

PROGRESS_EVERY = 100_000  # decisions between progress lines


@dataclass
class PartedLog:
    """A `writing.Log` over a log read in parts. Reading `decisions` to the end checks the whole log and raises
    `PackInvalid` with every error (the build's transaction then rolls back); after it, `flags()`,
    `practices()` and `warnings` hold what the whole log gives."""

    pack: KnowledgePack  # loaded without its log (pack.stream.load_without_log)
    progress: Callable[[str], None] = lambda _: None
    part: int | None = None
    reader: PolicyReader | None = None  # reads the policy against use (practices/policy_use.py); None skips it
    warnings: list[PackWarning] = field(default_factory=list)
    practices_note: str | None = None  # why the build has no practice audit, if it has none
    _log: StreamedLog = field(init=False)
    _usage: Usage = field(init=False)
    _flags: list[Flag] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._log = StreamedLog(self.pack) if self.part is None else StreamedLog(self.pack, self.part)
        self._usage = Usage(self.pack.categories, self.pack.purposes, self.pack.offers)
        # Grouped once for the whole log, not once per part.
        self._consents = by_customer(self.pack.consents)
        self._memberships = by_customer(self.pack.memberships)

    @property
    def decisions(self) -> Iterator[Decision]:
        shown = 0
        for part in self._log.parts():
            self._flags += consent_flags(part, self._consents) + decision_profile_flags(part, self._memberships)
            for d in part.decisions:
                self._usage.add(d)
                yield d
            if self._log.decisions // PROGRESS_EVERY > shown:
                shown = self._log.decisions // PROGRESS_EVERY
                self.progress(f"Read {self._log.decisions:,} decisions")
        self.warnings = self._log.finish()

    @property
    def count(self) -> int:
        return self._log.decisions

    def flags(self) -> list[Flag]:
        return self._flags + profile_record_flags(self.pack) + profiling_flags(self._log.undeclared_profiling())

    def practices(self) -> dict[str, Any] | None:
        """The practice audit over the log just read. A build without it still answers everything else."""
        try:
            return audit(self.pack, usage=self._usage, reader=self.reader).as_dict()
        except PracticesSetupError as exc:
            self.practices_note = str(exc)
            return None
