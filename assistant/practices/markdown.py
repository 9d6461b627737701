"""The stored audit (`Audit.as_dict()`) as Markdown, for the Practices view of the support console: the
summary, a table per finding with the records behind it, and exposure by group with intervals."""

from __future__ import annotations

from typing import Any


def _cites(c: dict[str, Any]) -> str:
    parts = []
    if c["decision_count"]:
        more = f" (of {c['decision_count']})" if c["decision_count"] > len(c["decisions"]) else ""
        parts.append(f"decisions {', '.join(f'`{d}`' for d in c['decisions'])}{more}")
    for label in ("categories", "purposes", "sections", "segments", "consents"):
        if c.get(label):
            parts.append(f"{label} {', '.join(f'`{x}`' for x in c[label])}")
    return "; ".join(parts)


def _value(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(audit: dict[str, Any], live_changes: dict[str, int] | None = None) -> str:
    """`live_changes`: consent changes made in Candor since the build, per purpose (the live state)."""
    period = f" from {audit['period'][0][:10]} to {audit['period'][1][:10]}" if audit.get("period") else ""
    size = audit["min_group_size"]
    out = [
        f"### Practice audit — {_cell(audit['company'])}",
        f"{audit['decisions']} offer decisions about {audit['customers']} customers{period}. Groups of fewer than "
        f"{size} customers are counted but not shown. A difference in exposure is a question to look into, "
        "not a verdict.",
        "",
        f"#### Findings ({len(audit['findings'])})",
    ]
    if audit["findings"]:
        out += ["| Finding | What was found | Records behind it |", "|---|---|---|"]
        out += [f"| {_cell(f['title'])} | {_cell(f['statement'])} | {_cell(_cites(f['cites']))} |"
                for f in audit["findings"]]  # fmt: skip
    else:
        out.append("None.")
    out += ["", "#### Exposure to personalised offers by group"]
    flagged = {d["dimension"]: d for d in audit["disparities"]}
    hidden = audit.get("hidden_groups", {})
    out += [
        "| Grouping | Group | Customers | Shown ≥1 personalised offer | 95% interval | Offer value each |",
        "|---|---|---:|---:|---|---:|",
    ]
    for dimension, rows in audit["exposure"].items():
        for r in rows:
            out.append(
                f"| {_cell(dimension)} | {_cell(r['group'])} | {r['customers']} | {r['rate']:.0%} | "
                f"{r['low']:.0%}–{r['high']:.0%} | {_value(r.get('value_per_customer'))} |"
            )
        if hidden.get(dimension):
            out.append(f"| {_cell(dimension)} | {hidden[dimension]} group(s) under {size} | | | | |")
        d = flagged.get(dimension)
        if d is not None:
            verdict = "**below four fifths beyond chance**" if d["flagged"] else "not flagged"
            out.append(f"| {_cell(dimension)} | least/most ratio {d['ratio']:.2f} | | | {verdict} | |")
    if audit.get("consent_now"):
        live = live_changes or {}
        out += [
            "",
            "#### Consent at ingest, and changes made in Candor since",
            "| Purpose | Granted | Withdrawn | Changes since |",
            "|---|---:|---:|---:|",
        ]
        out += [f"| {_cell(c['name'])} | {c['granted']} | {c['withdrawn']} | {live.get(c['purpose'], 0)} |"
                for c in audit["consent_now"]]  # fmt: skip
    return "\n".join(out)
