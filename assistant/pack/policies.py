"""Policy documents, split into sections: Markdown with YAML front matter (sections at ##/### headings), or a
company's policy as published (HTML, PDF, or Markdown without front matter), its metadata read from the file."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.pack.documents import MARKDOWN_SUFFIXES, DocumentError, read_document
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
    if path.suffix.lower() not in MARKDOWN_SUFFIXES or (path.suffix.lower() != ".md" and not _has_front_matter(path)):
        return parse_published(path)
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


def _has_front_matter(path: Path) -> bool:
    return read_pack_text(path).startswith("---")


_ANY_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_]{2,100})(?:\*\*|__)\s*:?\s*$")
PART_WORDS = 300


def _heading_text(raw: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", raw)  # a link's words, not its address
    return " ".join(re.sub(r"[*_`]+", "", text).split()).rstrip(":")


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, level, text) of every heading, a short bold line standing alone counting as one."""
    out = []
    for i, line in enumerate(lines):
        if m := _ANY_HEADING.match(line):
            out.append((i, len(m.group(1)), _heading_text(m.group(2))))
        elif (b := _BOLD_LINE.match(line)) and len(b.group(1).split()) <= 12 and not b.group(1).rstrip().endswith("."):
            blank_around = (i == 0 or not lines[i - 1].strip()) and (i + 1 >= len(lines) or not lines[i + 1].strip())
            if blank_around:
                out.append((i, 4, _heading_text(b.group(1))))
    return [h for h in out if h[2]]


def _parts(lines: list[str], start: int) -> list[tuple[int, int, str]]:
    """A document without headings, in parts of about PART_WORDS words, cut between paragraphs."""
    cuts, words = [(start, 2, "Part 1")], 0
    for i in range(start, len(lines)):
        words += len(lines[i].split())
        if words >= PART_WORDS and not lines[i].strip() and i + 1 < len(lines):
            cuts.append((i + 1, 2, f"Part {len(cuts) + 1}"))
            words = 0
    return cuts


def parse_published(path: Path) -> tuple[PolicyFrontMatter, list[Section]]:
    """A policy as published: its sections at every heading level (a lone top heading is the title), text
    before the first heading as an introduction, and parts of about PART_WORDS words when it has no headings."""
    try:
        document = read_document(path)
    except DocumentError as problem:
        raise PackError(path, None, None, str(problem)) from None
    lines = document.markdown.splitlines()
    heads = _headings(lines)
    title = document.title
    if sum(1 for _, level, _ in heads if level == 1) == 1 and heads[0][1] == 1:
        title = title or heads[0][2]
        heads = [(heads[0][0], 2, "Introduction"), *heads[1:]]
    if not heads:
        heads = _parts(lines, 0)
    elif any(re.search(r"\w", line) for line in lines[: heads[0][0]]):
        heads = [(-1, 2, "Introduction"), *heads]
    doc_id = slugify(path.stem) or "policy"
    front = PolicyFrontMatter(
        doc_id=doc_id,
        title=title or path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Privacy policy",
        version=document.effective.isoformat() if document.effective else "as published",
        effective_date=document.effective,
    )
    sections: list[Section] = []
    seen: set[str] = set()
    for n, (i, level, heading) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        body = "\n".join(lines[i + 1 : end]).strip()
        if not re.search(r"\w", body):
            continue  # a heading whose text is all in its subsections
        slug = slugify(heading) or f"section-{n + 1}"
        unique, k = slug, 2
        while unique in seen:
            unique, k = f"{slug}-{k}", k + 1
        seen.add(unique)
        sections.append(
            Section(
                section_id=f"{doc_id}#{unique}",
                doc_id=doc_id,
                doc_title=front.title,
                doc_version=front.version,
                title=heading,
                level=min(max(level, 2), 3),
                line=max(i, 0) + 1,
                text=body,
                plain_language=None,
            )
        )
    if not sections:
        raise PackError(path, None, None, "no policy text found in this file")
    return front, sections
