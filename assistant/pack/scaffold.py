"""`candor init`: a minimal pack around a company's published policy, which ingests and answers at once.

It holds the policy file as it is (Markdown without front matter gets front matter, read from the file), the
company's name and privacy contact, and the required record files empty: no catalog, purposes, consents,
offers or decisions yet, and one demo customer to ask as. The optional profiling files are left out.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import yaml

from assistant.pack.documents import POLICY_SUFFIXES, read_document
from assistant.pack.policies import slugify

DEMO_CUSTOMER = "demo"
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")


class ScaffoldError(ValueError):
    pass


def privacy_email(text: str, name: str) -> str:
    """The policy's own privacy address when it gives one (the first mentioning privacy, else the first at all);
    else a placeholder to replace."""
    found: list[str] = _EMAIL.findall(text)
    private = [e for e in found if any(w in e.lower() for w in ("privacy", "dpo", "gdpr", "data"))]
    return (private or found or [f"privacy@{slugify(name) or 'company'}.example"])[0]


def _policy_copy(source: Path, target_dir: Path) -> tuple[Path, str]:
    """Copy the policy into policies/; a Markdown file without front matter gets front matter from the file."""
    suffix = source.suffix.lower()
    if suffix not in POLICY_SUFFIXES:
        raise ScaffoldError(f"{source}: a policy must be Markdown, HTML or PDF ({', '.join(POLICY_SUFFIXES)})")
    doc_id = slugify(source.stem) or "privacy-policy"
    document = read_document(source)
    if suffix == ".md" and not source.read_text(encoding="utf-8-sig").startswith("---"):
        front = {
            "doc_id": doc_id,
            "title": document.title or "Privacy policy",
            "version": document.effective.isoformat() if document.effective else "1",
            "effective_date": (document.effective or datetime.now(UTC).date()).isoformat(),
        }
        target = target_dir / f"{doc_id}.md"
        body = _sections_at_level_two(document.markdown)
        target.write_text(f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n\n{body}", encoding="utf-8")
        return target, document.markdown
    target = target_dir / f"{doc_id}{suffix}"
    shutil.copyfile(source, target)
    return target, document.markdown


def _sections_at_level_two(markdown: str) -> str:
    """Candor's Markdown format cuts sections at ## and ###: the document's own two top heading levels move
    there (a lone # heading stays the title), text before the first section gets one, and a heading repeated
    gets a number, so that every section id is unique."""
    marks = re.findall(r"^(#{1,6})\s", markdown, re.M)
    lone_title = marks.count("#") == 1
    levels = sorted({len(m) for m in marks if not (lone_title and m == "#")})
    shift = {level: min(2 + i, 6) for i, level in enumerate(levels)} | ({1: 1} if lone_title else {})
    seen: dict[str, int] = {}
    out, in_section = [], False
    for line in markdown.splitlines():
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            level = shift[len(m.group(1))]
            title = m.group(2).strip()
            if level in (2, 3):
                in_section = True
                seen[slugify(title)] = seen.get(slugify(title), 0) + 1
                title = title if seen[slugify(title)] == 1 else f"{title} ({seen[slugify(title)]})"
            line = f"{'#' * level} {title}"
        elif line.strip() and not in_section:
            out += ["## Introduction", ""]
            in_section = True
        out.append(line)
    return "\n".join(out) + "\n"


def scaffold(target: Path, policy: Path, name: str, email: str | None = None) -> Path:
    """Write the pack into `target` (new or empty) and return the policy's path in it."""
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(f"{target} is not empty: choose a new directory")
    if not policy.is_file():
        raise ScaffoldError(f"{policy}: no such file")
    (target / "policies").mkdir(parents=True, exist_ok=True)
    copied, text = _policy_copy(policy, target / "policies")
    company = {"name": name, "contacts": {"privacy_email": email or privacy_email(text, name)}}
    (target / "company.yaml").write_text(yaml.safe_dump(company, sort_keys=False), encoding="utf-8")
    (target / "data_catalog.yaml").write_text(
        "# The kinds of personal data you hold (docs/knowledge-format.md).\ncategories: []\n"
    )
    (target / "purposes.yaml").write_text(
        "# Why you use data, with the legal basis (docs/knowledge-format.md).\npurposes: []\n"
    )
    created = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    demo = {"customer_id": DEMO_CUSTOMER, "name": "Demo Customer", "email": "demo@example.com", "created_at": created}
    (target / "customers.jsonl").write_text(json.dumps(demo) + "\n", encoding="utf-8")
    for name_ in ("consents.jsonl", "offers.jsonl", "decisions.jsonl"):
        (target / name_).write_text("", encoding="utf-8")
    return copied
