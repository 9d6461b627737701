"""Data used more broadly than the policy says: a decision parameter whose category the policy section of the
decision's purpose never describes (GDPR Art. 5(1)(a)-(b), 13(1)(c)).

Whether a passage describes a kind of data is a reading, not a word match ("what you bought" describes purchase
history), so the audit asks a `PolicyReader` (retrieval/data_kinds.py reads with the local embedding model).
Without one, the check is not run and the report says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import Section
from assistant.practices.findings import TITLES, Citations, Finding
from assistant.practices.usage import Usage


@dataclass(frozen=True)
class Reading:
    described: bool
    closest: str | None  # the sentence that comes closest, so a reviewer can judge the reading at a glance


class PolicyReader(Protocol):
    def read(self, name: str, description: str, texts: Sequence[str]) -> Reading:
        """Whether `texts` describe the kind of data called `name` (described as `description`)."""
        ...


def purpose_sections(pack: KnowledgePack, section_id: str) -> list[Section]:
    """The purpose's section and the subsections under it: "How we choose offers" explains its parameters in
    "Main parameters of the offer model" below it."""
    head = pack.sections.get(section_id)
    if head is None:
        return []
    ordered = sorted(
        (s for s in pack.sections.values() if s.doc_id == head.doc_id and s.line >= head.line), key=lambda s: s.line
    )
    out = [head]
    for s in ordered[1:]:
        if s.level <= head.level:
            break
        out.append(s)
    return out


def _short(sentence: str, limit: int = 200) -> str:
    flat = " ".join(sentence.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def undescribed_use(pack: KnowledgePack, usage: Usage, reader: PolicyReader) -> list[Finding]:
    """Per purpose with decisions: the categories its decisions used that its policy section does not describe.
    Checked only where the section describes some of the data used — where the policy names the data kinds — so a
    section that explains a purpose without listing data is not reported category by category."""
    used: dict[str, list[str]] = defaultdict(list)
    for category_id, purpose_id in sorted(usage.by_use):
        if category_id in pack.categories and purpose_id in pack.purposes:
            used[purpose_id].append(category_id)
    findings = []
    for purpose_id, categories in used.items():
        purpose = pack.purposes[purpose_id]
        sections = purpose_sections(pack, purpose.policy_section)
        texts = [f"{s.title}. {s.text}" for s in sections]
        if not texts:
            continue
        readings = {c: reader.read(pack.categories[c].name, pack.categories[c].description, texts) for c in categories}
        missing = [c for c, r in readings.items() if not r.described]
        if len(missing) == len(categories):
            continue
        for category_id in missing:
            category = pack.categories[category_id]
            t = usage.by_use[(category_id, purpose_id)]
            closest = readings[category_id].closest
            near = f" The closest it comes: “{_short(closest)}”." if closest else ""
            findings.append(
                Finding(
                    "undescribed_use",
                    TITLES["undescribed_use"],
                    f"{t.count} decision(s) for {purpose.name} ({purpose_id}) used {category.name} ({category_id}), "
                    f"but the policy section that explains this purpose ({purpose.policy_section}, with "
                    f"{len(sections) - 1} subsection(s)) names some of the data these decisions use, not this."
                    f"{near} "
                    "Describe it there, or stop using it for this. (Read by meaning, not words: a question to check "
                    "by hand.)",
                    {"decisions": t.count, "sections_read": len(sections)},
                    Citations.of(
                        t,
                        categories=(category_id,),
                        purposes=(purpose_id,),
                        sections=tuple(s.section_id for s in sections),
                    ),
                )
            )
    return findings
