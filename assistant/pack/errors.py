"""One error type for everything wrong with a pack: file, line, field and what is wrong."""

from __future__ import annotations

from pathlib import Path


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
