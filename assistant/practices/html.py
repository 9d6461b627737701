"""The audit as one self-contained HTML page: no external assets, charts as inline SVG."""

from __future__ import annotations

import html

from assistant.practices.audit import Audit
from assistant.practices.exposure import FOUR_FIFTHS, GroupRate
from assistant.practices.findings import Finding
from assistant.practices.records_html import cite_links
from assistant.practices.text import summary

_CSS = " ".join(
    [
        'body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;',
        "max-width:1100px;color:#1f2328;padding:0 16px}",
        "h1{font-size:22px;margin:0 0 4px}",
        "h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}",
        "h3{font-size:15px;margin:18px 0 4px}.muted{color:#59636e}",
        "table{border-collapse:collapse;width:100%;margin:6px 0}",
        "td,th{border-bottom:1px solid #eaeef2;padding:4px 8px;text-align:left;vertical-align:top}",
        "th{background:#f6f8fa;width:180px}td.num{text-align:right;font-variant-numeric:tabular-nums}",
        "blockquote{background:#f6f8fa;border-left:4px solid #0969da;margin:8px 0;padding:8px 12px}",
        "code{font-size:12px}svg text{font:12px system-ui,sans-serif}",
    ]
)
_BAR, _ROW, _LABEL = 420, 22, 260


def exposure_chart(rows: list[GroupRate]) -> str:
    """Horizontal bars of each group's exposure rate with its interval as a whisker, and a line at four fifths
    of the most exposed group's rate."""
    height = _ROW * len(rows) + 24
    width = _LABEL + _BAR + 60
    parts = [f'<svg width="{width}" height="{height}" role="img" viewBox="0 0 {width} {height}">']
    parts.append(f"<title>Share of customers shown a personalised offer, by group ({len(rows)} groups)</title>")
    for i, r in enumerate(rows):
        y = 4 + i * _ROW
        parts.append(f'<text x="{_LABEL - 6}" y="{y + 14}" text-anchor="end">{html.escape(r.group[:40])}</text>')
        parts.append(f'<rect x="{_LABEL}" y="{y + 3}" width="{r.rate * _BAR:.1f}" height="14" fill="#54aeff"/>')
        lo, hi = _LABEL + r.low * _BAR, _LABEL + r.high * _BAR
        parts.append(f'<line x1="{lo:.1f}" x2="{hi:.1f}" y1="{y + 10}" y2="{y + 10}" stroke="#1f2328"/>')
        parts.append(f'<text x="{_LABEL + _BAR + 8}" y="{y + 14}">{r.rate:.0%}</text>')
    if rows:
        x = _LABEL + FOUR_FIFTHS * max(r.rate for r in rows) * _BAR
        bottom = height - 18
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{bottom}" stroke="#cf222e" stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 4}" text-anchor="middle" fill="#cf222e">four fifths</text>')
    parts.append("</svg>")
    return "".join(parts)


def _finding_table(f: Finding) -> str:
    rows = [("statement", html.escape(f.statement))]
    rows += [(k, html.escape(str(v))) for k, v in f.counts.items()]
    rows += cite_links(f.cites)
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f"<h3>{html.escape(f.title)} <span class='muted'>({f.kind})</span></h3><table>{body}</table>"


def category_chart(a: Audit, names: dict[str, str]) -> str:
    """Horizontal bars of how many decisions used each held category. One no decision used is an empty bar:
    red when nothing used it at all (a finding), grey when a group or prediction did, or the contract or the
    law is why it is held."""
    unused = {c for f in a.findings if f.kind == "unused_category" for c in f.cites.categories}
    rows = sorted(names, key=lambda c: (-a.category_use.get(c, 0), c))
    top = max([a.category_use.get(c, 0) for c in rows] + [1])
    parts = [f'<svg role="img" width="{_LABEL + _BAR + 80}" height="{_ROW * len(rows) + 8}">']
    parts.append(f"<title>Decisions that used each data category ({len(rows)} categories)</title>")
    for i, c in enumerate(rows):
        y, n = i * _ROW, a.category_use.get(c, 0)
        parts.append(f'<text x="{_LABEL - 6}" y="{y + 14}" text-anchor="end">{html.escape(names[c][:40])}</text>')
        if n:
            parts.append(f'<rect x="{_LABEL}" y="{y + 3}" width="{n / top * _BAR:.1f}" height="14" fill="#54aeff"/>')
        else:
            colour = "#cf222e" if c in unused else "#59636e"
            parts.append(f'<rect x="{_LABEL}" y="{y + 3}" width="6" height="14" fill="none" stroke="{colour}"/>')
        label = n or ("never used" if c in unused else "in no decision")
        parts.append(f'<text x="{_LABEL + _BAR + 8}" y="{y + 14}">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _group_table(rows: list[GroupRate]) -> str:
    valued = any(r.value_per_customer is not None for r in rows)
    head = "<tr><th>group</th><th>customers</th><th>shown ≥1</th><th>personalised offers each</th>"
    head += "<th>value of those offers each</th></tr>" if valued else "</tr>"
    body = "".join(
        f"<tr><td>{html.escape(r.group)}</td><td class='num'>{r.customers}</td><td class='num'>{r.rate:.0%}</td>"
        f"<td class='num'>{r.offers_per_customer:.1f}</td>"
        + (f"<td class='num'>{r.value_per_customer:.0f}</td>" if r.value_per_customer is not None else "")
        + "</tr>"
        for r in rows
    )
    return f"<table>{head}{body}</table>"


def _exposure_section(a: Audit) -> str:
    by_dimension = {d.dimension: d for d in a.disparities}
    out = []
    for dimension, rows in a.exposure.items():
        shown = [r for r in rows if r.customers >= a.min_group_size]
        out.append(f"<h3>{html.escape(dimension)}</h3>")
        hidden = len(rows) - len(shown)
        if hidden:
            out.append(f"<p class='muted'>{hidden} group(s) under {a.min_group_size} customers not shown.</p>")
        if shown:
            out.append(exposure_chart(shown))
            out.append(_group_table(shown))
        d = by_dimension.get(dimension)
        if d is not None:
            verdict = "below four fifths beyond chance: see the finding" if d.flagged else "not flagged"
            out.append(
                f"<p>Least/most exposed ratio {d.ratio:.2f} (at most {d.best_case_ratio:.2f} "
                f"within the intervals): {verdict}.</p>"
            )
    return "".join(out)


def _consent_section(a: Audit) -> str:
    if not a.consent_now:
        return ""
    rows = "".join(
        f"<tr><td>{html.escape(c.name)}</td><td class='num'>{c.granted}</td><td class='num'>{c.withdrawn}</td>"
        f"<td class='num'>{c.changed_live}</td></tr>"
        for c in a.consent_now
    )
    return (
        "<h2>Consent now</h2><p class='muted'>Customers whose latest consent event grants or withdraws each "
        "purpose: the pack's ledger and the changes made in Candor since.</p><table><tr><th>purpose</th>"
        f"<th>granted</th><th>withdrawn</th><th>changes in Candor</th></tr>{rows}</table>"
    )


def render_html(a: Audit, category_names: dict[str, str] | None = None, records: str = "") -> str:
    """The page; `records`: the appendix of cited records (records_html.appendix), which findings link to."""
    findings = "".join(_finding_table(f) for f in a.findings) or "<p>No findings.</p>"
    title = f"Practice audit — {html.escape(a.company)}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_CSS}</style></head><body>
<h1>{title}</h1>
<p class="muted">{a.decisions} decisions, {a.customers} customers. Produced by <code>candor practices</code>.</p>
<h2>Summary for the record of processing</h2>
<blockquote>{html.escape(summary(a))}</blockquote>
<h2>Findings ({len(a.findings)})</h2>
{findings}
<h2>Data categories by use</h2>
<p class="muted">Offer decisions that used each category held, as a parameter, in the period.</p>
{category_chart(a, category_names or {c: c for c in a.category_use})}
<h2>Exposure to personalised offers by group</h2>
<p class="muted">Bars: share of the group's customers shown at least one personalised offer; whiskers:
{a.confidence:.0%} Wilson intervals. Groups under {a.min_group_size} customers are left out.</p>
{_exposure_section(a)}
{_consent_section(a)}
{records}
</body></html>
"""
