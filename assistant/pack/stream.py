"""A decision log too large to hold: everything but the log is loaded and validated as usual, and the log is
read one line at a time, in parts, each part checked as the loader checks the whole. Memory follows the
catalog, the customers and one part, not the number of decisions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.pack.crossrefs import check_decision_references
from assistant.pack.errors import PackError, PackInvalid, PackWarning, Problems
from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import load_pack, parse_line
from assistant.pack.models import Decision
from assistant.pack.profile_refs import check_decision_profile_references
from assistant.pack.warnings import EXAMPLES, Sampled, pack_warnings, undeclared_profiling, undeclared_purposes

LOG = "decisions.jsonl"
PART = 20_000  # decisions checked and handed on at a time


def load_without_log(root: Path) -> KnowledgePack:
    """The pack, validated, with its decision log left unread (and its warnings to `StreamedLog.finish`)."""
    pack = load_pack(Path(root), log=False)
    pack.warnings = []  # the log's own are only known once it is read: `StreamedLog.finish` gives them all
    return pack


@dataclass
class _Sample:
    count: int = 0
    ids: list[str] = field(default_factory=list)

    def add(self, ids: list[str]) -> None:
        self.count += len(ids)
        self.ids.extend(ids[: max(0, EXAMPLES - len(self.ids))])

    def sampled(self) -> Sampled:
        return Sampled(self.count, tuple(self.ids))


@dataclass
class StreamedLog:
    """Reads `decisions.jsonl` of `pack` (loaded without it) in parts. Each part comes out as the pack with
    that part as its decisions, after the loader's checks; errors are collected, and `finish()` raises them
    all at once, as the loader would, or returns the warnings the whole log gives."""

    pack: KnowledgePack
    part: int = PART
    problems: Problems = field(default_factory=Problems)
    decisions: int = 0
    _seen: set[str] = field(default_factory=set)
    _profiling: dict[str, _Sample] = field(default_factory=dict)
    _purposes: dict[tuple[str, str], _Sample] = field(default_factory=dict)

    def parts(self) -> Iterator[KnowledgePack]:
        path = self.pack.root / LOG
        if not path.exists():
            self.problems.error(PackError(path, None, None, "required file is missing"))
            return
        chunk: list[tuple[int, Decision]] = []
        for item in self._lines(path):
            chunk.append(item)
            if len(chunk) >= self.part:
                yield from self._check(path, chunk)
                chunk = []
        if chunk:
            yield from self._check(path, chunk)

    def _lines(self, path: Path) -> Iterator[tuple[int, Decision]]:
        with path.open("rb") as handle:
            for number, data in enumerate(handle, 1):
                try:
                    raw = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    problem = f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
                    self.problems.error(PackError(path, number, None, problem))
                    return
                item = parse_line(path, number, raw, Decision, self.problems, "decision_id")
                if item is not None:
                    yield number, item

    def _check(self, path: Path, chunk: list[tuple[int, Decision]]) -> Iterator[KnowledgePack]:
        decisions = []
        for line, d in chunk:
            if d.decision_id in self._seen:
                self.problems.error(PackError(path, line, "decision_id", f"duplicate id {d.decision_id!r}"))
                continue
            self._seen.add(d.decision_id)
            decisions.append(d)
        # Decision checks look up only the decisions' own lines.
        view = replace(self.pack, decisions=decisions, lines={("decision", d.decision_id): n for n, d in chunk})
        check_decision_references(view, self.problems)
        check_decision_profile_references(view, self.problems)
        if self.problems.errors:
            # A bad log is refused whole: later parts are still checked, so every error is reported, but
            # nothing is handed on once one is found.
            return
        self.decisions += len(decisions)
        for purpose, ids in undeclared_profiling(view).items():
            self._profiling.setdefault(purpose, _Sample()).add(ids)
        for key, ids in undeclared_purposes(view).items():
            self._purposes.setdefault(key, _Sample()).add(ids)
        yield view

    def undeclared_profiling(self) -> dict[str, Sampled]:
        """As `pack.warnings.undeclared_profiling` over the whole log: the count and the first ids."""
        return {k: v.sampled() for k, v in self._profiling.items()}

    def finish(self) -> list[PackWarning]:
        """Raise every error found in the log; else the pack's warnings with the whole log's."""
        if self.problems.errors:
            raise PackInvalid(self.problems.errors)
        problems = Problems()
        profiling = {k: v.sampled() for k, v in self._profiling.items()}
        purposes = {k: v.sampled() for k, v in self._purposes.items()}
        pack_warnings(self.pack, problems, profiling, purposes)
        return problems.warnings
