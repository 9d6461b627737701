"""One error type for everything wrong with a pack: file, line, field and what is wrong."""

from __future__ import annotations

from pathlib import Path

import yaml


class PackError(Exception):
    """A pack file that cannot be used. Its message names the file, line and field."""

    def __init__(self, path: Path | str, line: int | None, field: str | None, problem: str) -> None:
        self.path = Path(path)
        self.line = line
        self.field = field
        self.problem = problem
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.path}" + (f":{self.line}" if self.line is not None else "")
        what = f"field '{self.field}': " if self.field else ""
        return f"{where}: {what}{self.problem}"


class PackWarning(PackError):
    """Never raised: something a pack may do that an answer or the privacy team should know about."""


class PackInvalid(PackError):
    """Raised once a whole pack is read: the first error's message, and every error found."""

    def __init__(self, errors: list[PackError]) -> None:
        first = errors[0]
        super().__init__(first.path, first.line, first.field, first.problem)
        self.errors = errors


def read_pack_text(path: Path) -> str:
    """A pack file's text; bytes that are not UTF-8 are a PackError naming the line, not a crash."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PackError(
            path, line, None, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None


def yaml_error(path: Path, exc: yaml.YAMLError, first_line: int, what: str = "not valid YAML") -> PackError:
    """One line: the parser's short problem, at its line in the file (YAML text may start mid-file)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    line = mark.line + first_line if mark is not None else None
    return PackError(path, line, None, f"{what}: {problem}")


class Problems:
    """Every error and warning found while reading a pack, so one run reports them all."""

    def __init__(self) -> None:
        self.errors: list[PackError] = []
        self.warnings: list[PackWarning] = []
        # Ids of records that failed validation: references to them are not reported again as unknown.
        self.broken: set[str] = set()

    def error(self, err: PackError) -> None:
        self.errors.append(err)

    def warn(self, path: Path, line: int | None, field: str | None, problem: str) -> None:
        self.warnings.append(PackWarning(path, line, field, problem))
