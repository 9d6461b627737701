"""The records a report's findings cite, as an appendix the findings link to: each cited decision (who, what,
when, for what, with which data), and each cited category, purpose, policy section, segment and consent event."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import Decision
from assistant.practices.audit import Audit
from assistant.practices.findings import Citations

KINDS = ("decisions", "categories", "purposes", "sections", "segments", "consents")


def anchor(kind: str, record_id: str) -> str:
    return f"{kind}-" + re.sub(r"[^A-Za-z0-9_-]", "_", record_id)


def cited_decisions(a: Audit) -> set[str]:
    return {d for f in a.findings for d in f.cites.decisions}


def cite_links(c: Citations) -> list[tuple[str, str]]:
    """(label, HTML) per kind of record a finding cites, each id a link to its entry in the appendix."""
    rows = []
    for kind in KINDS:
        ids: tuple[str, ...] = getattr(c, kind)
        if not ids:
            continue
        links = ", ".join(f"<a href='#{anchor(kind, i)}'><code>{html.escape(i)}</code></a>" for i in ids)
        if kind == "decisions" and c.decision_count > len(ids):
            links += f" (of {c.decision_count})"
        rows.append((kind, links))
    return rows


def _row(kind: str, record_id: str, text: str) -> str:
    return (
        f"<tr id='{anchor(kind, record_id)}'><th><code>{html.escape(record_id)}</code></th>"
        f"<td>{html.escape(text)}</td></tr>"
    )


def appendix(a: Audit, pack: KnowledgePack, decisions: Iterable[Decision]) -> str:
    """The cited records. `decisions`: the log, or just the cited decisions (read again for a streamed log)."""
    wanted = cited_decisions(a)
    found: Mapping[str, Decision] = {d.decision_id: d for d in decisions if d.decision_id in wanted}
    rows: list[str] = []
    for d_id in sorted(wanted, key=lambda i: (len(i), i)):
        d = found.get(d_id)
        if d is not None:
            data = ", ".join(dict.fromkeys(p.data_category for p in d.parameters)) or "no data about the customer"
            text = (
                f"customer {d.customer_id}, offer {d.offer_id}, shown {d.shown_at.isoformat()} on {d.channel} "
                f"for {d.purpose} ({d.legal_basis}), with: {data}"
            )
            rows.append(_row("decisions", d_id, text))
    cited = {kind: {i for f in a.findings for i in getattr(f.cites, kind)} for kind in KINDS[1:]}
    for c in sorted(cited["categories"]):
        if c in pack.categories:
            cat = pack.categories[c]
            text = f"{cat.name}: held for {', '.join(cat.purposes) or 'no purpose'}; kept {cat.retention}"
            rows.append(_row("categories", c, text))
    for p in sorted(cited["purposes"]):
        if p in pack.purposes:
            rows.append(_row("purposes", p, f"{pack.purposes[p].name} ({pack.purposes[p].legal_basis})"))
    for s in sorted(cited["sections"]):
        if s in pack.sections:
            section = pack.sections[s]
            rows.append(_row("sections", s, f"{section.doc_title} › {section.title}"))
    for s in sorted(cited["segments"]):
        if s in pack.segments:
            rows.append(_row("segments", s, pack.segments[s].name))
    events = {e.event_id: e for e in pack.consents if e.event_id in cited["consents"]}
    for e_id in sorted(cited["consents"]):
        if e_id in events:
            e = events[e_id]
            text = (
                f"customer {e.customer_id}: {e.purpose} {e.status} at {e.at.isoformat()} via {e.source} "
                f"(policy version {e.policy_version})"
            )
            rows.append(_row("consents", e_id, text))
    if not rows:
        return ""
    return "<h2>Records cited</h2><table>" + "".join(rows) + "</table>"
