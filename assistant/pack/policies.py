"""Policy documents: Markdown with YAML front matter, split into sections at ##/### headings."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.pack.errors import PackError, read_pack_text, yaml_error
from assistant.pack.models import PolicyFrontMatter, Section

_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*#*\s*$")
PLAIN_PREFIX = "Plain language:"


def slugify(heading: str) -> str:
    """The stable part of a section id: lowercase, runs of other characters become one '-'."""
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


def _front_matter(path: Path, lines: list[str]) -> tuple[PolicyFrontMatter, int]:
    if not lines or lines[0].strip() != "---":
        raise PackError(path, 1, None, "a policy must start with YAML front matter between '---' lines")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise PackError(path, 1, None, "front matter is not closed with '---'") from None
    text = "\n".join(lines[1:end])
    try:
        raw = yaml.safe_load(text) or {}
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc, first_line=2, what="front matter is not YAML") from None
    if not isinstance(raw, dict):
        raise PackError(path, 2, None, "front matter must be a mapping")
    # The version exactly as written: YAML would read 3.10 as the number 3.1.
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "version" and isinstance(value, yaml.ScalarNode):
                raw["version"] = value.value
    try:
        return PolicyFrontMatter.model_validate(raw), end + 1
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or None
        line = 2 + next((i for i, ln in enumerate(lines[1:end]) if field and ln.startswith(f"{field}:")), 0)
        raise PackError(path, line, field, err["msg"]) from None


def _plain_language(body: str) -> str | None:
    for paragraph in re.split(r"\n\s*\n", body):
        text = " ".join(paragraph.split())
        if text.startswith(PLAIN_PREFIX):
            return text[len(PLAIN_PREFIX) :].strip() or None
    return None


def parse_policy(path: Path) -> tuple[PolicyFrontMatter, list[Section]]:
    """Parse one policy file into its front matter and sections, each with its source line."""
    lines = read_pack_text(path).splitlines()
    front, start = _front_matter(path, lines)
    heads = [(i, m) for i in range(start, len(lines)) if (m := _HEADING.match(lines[i]))]
    if not heads:
        raise PackError(path, start + 1, None, "a policy needs at least one ## or ### section")
    sections: list[Section] = []
    seen: dict[str, int] = {}
    for n, (i, match) in enumerate(heads):
        title = match.group(2).strip()
        slug = slugify(title)
        if not slug:
            raise PackError(path, i + 1, "heading", f"heading {title!r} gives an empty section id")
        if slug in seen:
            raise PackError(path, i + 1, "heading", f"section id '{front.doc_id}#{slug}' repeats line {seen[slug]}")
        seen[slug] = i + 1
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        body = "\n".join(lines[i + 1 : end]).strip()
        sections.append(
            Section(
                section_id=f"{front.doc_id}#{slug}",
                doc_id=front.doc_id,
                doc_title=front.title,
                doc_version=front.version,
                title=title,
                level=len(match.group(1)),
                line=i + 1,
                text=body,
                plain_language=_plain_language(body),
            )
        )
    return front, sections
