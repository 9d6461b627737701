"""Prompt templates as versioned files in prompts/; rendering fails loudly on a missing variable."""

from __future__ import annotations

import string
from pathlib import Path


class TemplateError(KeyError):
    pass


class PromptTemplate:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = path.read_text(encoding="utf-8")
        self.variables = {name for _, name, _, _ in string.Formatter().parse(self.text) if name}

    def render(self, **values: str) -> str:
        missing = self.variables - values.keys()
        if missing:
            raise TemplateError(f"{self.path.name} needs {', '.join(sorted(missing))}")
        return self.text.format(**values)


def load_prompt(prompts_dir: Path, name: str) -> PromptTemplate:
    """`name` includes its version, e.g. "guardrails.v1"."""
    return PromptTemplate(prompts_dir / f"{name}.md")
