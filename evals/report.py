"""Reports of an eval run: the printed summary, the JSON file, a self-contained HTML page, and comparisons."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

GOOD, FAIR = 0.95, 0.8
CHANGE = 0.005  # smaller score changes are noise from rounding, not a change


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


def _delta(new: float | None, old: float | None) -> float | None:
    return None if new is None or old is None else round(new - old, 4)


# ------------------------------------------------------------------------------------------------------------
# Compare two reports
# ------------------------------------------------------------------------------------------------------------


def compare(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What got better or worse from `old` to `new`: overall, items, intents, failure reasons and cases."""
    items = {k: {"old": old["items"].get(k, {}).get("mean"), "new": new["items"][k]["mean"]} for k in new["items"]}
    intents = {
        k: {"old": old.get("intents", {}).get(k, {}).get("mean"), "new": v["mean"]}
        for k, v in new.get("intents", {}).items()
    }
    for table in (items, intents):
        for row in table.values():
            row["delta"] = _delta(row["new"], row["old"])
    old_reasons = {(f["item"], f["code"]): f["count"] for f in old.get("failures", [])}
    new_reasons = {(f["item"], f["code"]): f["count"] for f in new.get("failures", [])}
    reasons = []
    for key in sorted(set(old_reasons) | set(new_reasons)):
        before, after = old_reasons.get(key, 0), new_reasons.get(key, 0)
        if before != after:
            reasons.append({"item": key[0], "code": key[1], "old": before, "new": after, "delta": after - before})
    reasons.sort(key=lambda r: (-abs(r["delta"]), r["item"], r["code"]))
    old_cases = {r["id"]: r for r in old.get("results", [])}
    better, worse = [], []
    for r in new.get("results", []):
        before = old_cases.get(r["id"])
        if before is None or before.get("score") is None or r.get("score") is None:
            continue
        d = r["score"] - before["score"]
        row = {
            "id": r["id"],
            "question": r["question"],
            "old": before["score"],
            "new": r["score"],
            "delta": round(d, 4),
        }
        if d > CHANGE:
            better.append(row)
        elif d < -CHANGE:
            worse.append(row)
    better.sort(key=lambda r: -r["delta"])
    worse.sort(key=lambda r: r["delta"])
    return {
        "overall": {
            "old": old.get("overall"),
            "new": new.get("overall"),
            "delta": _delta(new.get("overall"), old.get("overall")),
        },
        "items": items,
        "intents": intents,
        "reasons": reasons,
        "better": better,
        "worse": worse,
        "only_old": sorted(set(old_cases) - {r["id"] for r in new.get("results", [])}),
        "only_new": sorted({r["id"] for r in new.get("results", [])} - set(old_cases)),
    }


def render_comparison(diff: dict[str, Any], top: int = 10) -> str:
    def arrow(d: float | None) -> str:
        if d is None:
            return ""
        return "better" if d > CHANGE else "worse" if d < -CHANGE else "same"

    o = diff["overall"]
    lines = [f"Compared with the old report: overall {_fmt(o['old'])} -> {_fmt(o['new'])} ({arrow(o['delta'])})"]
    for title, table in (("item", diff["items"]), ("intent", diff["intents"])):
        changed = [(k, v) for k, v in table.items() if v["delta"] is not None and abs(v["delta"]) > CHANGE]
        if changed:
            lines.append(f"  per {title}:")
            lines += [f"    {k:28} {_fmt(v['old'])} -> {_fmt(v['new'])}  {v['delta']:+.3f}" for k, v in changed]
    for r in diff["reasons"][:top]:
        lines.append(f"  reason {r['item']} / {r['code']}: {r['old']} -> {r['new']}")
    lines.append(f"  cases better: {len(diff['better'])}, worse: {len(diff['worse'])}")
    for r in diff["worse"][:top]:
        lines.append(f"    worse {r['id']}: {r['old']:.2f} -> {r['new']:.2f}  {r['question']}")
    for r in diff["better"][:top]:
        lines.append(f"    better {r['id']}: {r['old']:.2f} -> {r['new']:.2f}  {r['question']}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------------------
# Threshold
# ------------------------------------------------------------------------------------------------------------


def check_threshold(report: dict[str, Any], threshold: dict[str, Any]) -> list[str]:
    """Every way the report falls below the committed threshold (empty when it meets it)."""
    problems = []
    overall = report.get("overall")
    if overall is None or overall < float(threshold.get("overall", 0.0)):
        problems.append(f"overall {_fmt(overall)} is below the threshold {threshold.get('overall')}")
    for item, floor in (threshold.get("items") or {}).items():
        mean = report["items"].get(item, {}).get("mean")
        if mean is None or mean < float(floor):
            problems.append(f"item {item} {_fmt(mean)} is below the threshold {floor}")
    if report.get("errors"):
        problems.append(f"{len(report['errors'])} case(s) raised errors: {', '.join(report['errors'][:5])}")
    return problems


# ------------------------------------------------------------------------------------------------------------
# Text summary
# ------------------------------------------------------------------------------------------------------------


def render_text(report: dict[str, Any], top: int = 10) -> str:
    meta = report["meta"]
    out = [
        f"Candor transparency eval — {meta.get('company')} — mode {meta.get('mode')} — {meta.get('cases')} cases "
        f"in {meta.get('seconds')} s",
        f"OVERALL {_fmt(report['overall'])}",
        "",
        "Per item                       mean      n",
    ]
    for key, row in report["items"].items():
        out.append(f"  {key:26} {_fmt(row['mean'])}  {row['n']:5}   {row['title']}")
    out += ["", "Per intent                mean      n  intent-accuracy"]
    for key, row in report["intents"].items():
        out.append(f"  {key:22} {_fmt(row['mean'])}  {row['n']:5}  {_fmt(row['intent_accuracy'])}")
    out += ["", f"Top failure reasons (of {len(report['failures'])})"]
    for f in report["failures"][:top]:
        out.append(f"  {f['count']:4}x {f['item']} — {f['code']}  e.g. {', '.join(f['examples'][:3])}")
    results = {r["id"]: r for r in report["results"]}
    out += ["", "Worst cases"]
    for case_id in report["worst"][:top]:
        r = results[case_id]
        out.append(f"  {r['score']:.2f} {case_id} [{r['intent']} -> {r['answer'].get('intent')}] {r['question']}")
    judge = report.get("judge")
    if judge:
        out += ["", f"LLM judge (reported apart from the score): {judge.get('note') or ''}".rstrip()]
        for k in ("faithfulness", "helpfulness"):
            if judge.get(k) is not None:
                out.append(f"  {k:13} {_fmt(judge[k])}  (n={judge.get('n')})")
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------------------
# HTML
# ------------------------------------------------------------------------------------------------------------

_CSS = " ".join(
    [
        'body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;',
        "max-width:1100px;color:#1f2328;padding:0 16px}",
        "h1{font-size:22px;margin:0 0 4px}",
        "h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}",
        ".muted{color:#59636e}.big{font-size:40px;font-weight:700}",
        ".good{color:#1a7f37}.fair{color:#9a6700}.bad{color:#cf222e}",
        "table{border-collapse:collapse;width:100%;margin:6px 0}",
        "td,th{border-bottom:1px solid #eaeef2;padding:4px 8px;text-align:left;vertical-align:top}",
        "th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}",
        "details{border:1px solid #d0d7de;border-radius:6px;margin:6px 0;padding:6px 10px}summary{cursor:pointer}",
        "pre{white-space:pre-wrap;background:#f6f8fa;padding:8px;border-radius:6px;",
        "font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}",
        "ul.miss{margin:4px 0 8px 18px;padding:0}.miss li{margin:2px 0}code{font-size:12px}",
        "svg text{font:12px system-ui,sans-serif}",
    ]
)


def _cls(value: float | None) -> str:
    if value is None:
        return "muted"
    return "good" if value >= GOOD else "fair" if value >= FAIR else "bad"


def _color(value: float | None) -> str:
    return {"good": "#2da44e", "fair": "#d4a72c", "bad": "#e5534b", "muted": "#afb8c1"}[_cls(value)]


def bar_chart(rows: Sequence[tuple[str, float | None, float | None]], label_width: int = 230) -> str:
    """A horizontal bar chart as inline SVG: (label, value in [0, 1], previous value or None)."""
    bar_width, row_h = 420, 22
    height = row_h * len(rows) + 24
    width = label_width + bar_width + 70
    parts = [f'<svg width="{width}" height="{height}" role="img" viewBox="0 0 {width} {height}">']
    for tick in (0.0, 0.25, 0.5, 0.75, 0.95, 1.0):
        x = label_width + tick * bar_width
        aim = tick == GOOD  # the aim: a line without a label, which would collide with 1
        stroke = "#2da44e" if aim else "#d0d7de"
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 18}" stroke="{stroke}" stroke-dasharray="2,3"/>'
        )
        if not aim:
            parts.append(f'<text x="{x:.1f}" y="{height - 4}" text-anchor="middle" fill="#59636e">{tick:g}</text>')
    for i, (label, value, previous) in enumerate(rows):
        y = i * row_h + 3
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 14}" text-anchor="end" fill="#1f2328">{html.escape(label)}</text>'
        )
        w = (value or 0.0) * bar_width
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{row_h - 6}" fill="{_color(value)}" rx="2"/>'
        )
        if previous is not None:
            px = label_width + previous * bar_width
            parts.append(
                f'<line x1="{px:.1f}" y1="{y - 2}" x2="{px:.1f}" y2="{y + row_h - 4}" stroke="#1f2328" '
                f'stroke-width="2"><title>before: {previous:.3f}</title></line>'
            )
        text = "n/a" if value is None else f"{value:.3f}"
        parts.append(f'<text x="{label_width + bar_width + 6}" y="{y + 14}" fill="#1f2328">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _case_html(r: dict[str, Any]) -> str:
    e = html.escape
    answer = r["answer"]
    misses = "".join(
        f"<li><b>{e(m['item'])}</b> — {e(m['code'])}"
        + (f": <code>{e(m['detail'])}</code>" if m["detail"] else "")
        + "</li>"
        for m in r["misses"]
    )
    citations = "".join(
        f"<li><code>{e(str(c.get('section_id')))}</code>: “{e(str(c.get('quote')))}”</li>"
        for c in answer.get("citations") or []
    )
    scores = ", ".join(f"{k.split('_')[0]}={v:.2f}" for k, v in r["scores"].items() if v is not None)
    convo = f" · conversation {e(r['conversation_id'])} turn {r['turn']}" if r.get("conversation_id") else ""
    return (
        f'<details><summary><span class="{_cls(r["score"])}">{r["score"]:.2f}</span> <b>{e(r["id"])}</b> '
        f"[{e(r['intent'])} → {e(str(answer.get('intent')))}] {e(r['question'])}</summary>"
        f'<div class="muted">customer {e(r["customer_id"])}{convo} · {e(scores)}</div>'
        f"<p><b>Question:</b> {e(r['question'])}</p><p><b>What was missing:</b></p><ul class=miss>{misses}</ul>"
        f"<p><b>Answer:</b></p><pre>{e(str(answer.get('answer') or ''))}</pre>"
        + (f"<p><b>Citations:</b></p><ul>{citations}</ul>" if citations else "")
        + "</details>"
    )


def render_html(report: dict[str, Any], diff: dict[str, Any] | None = None, max_failures: int = 400) -> str:
    """One self-contained page: no scripts, fonts, images or styles from anywhere else."""
    e = html.escape
    meta = report["meta"]
    old_items = {k: v["old"] for k, v in diff["items"].items()} if diff else {}
    old_intents = {k: v["old"] for k, v in diff["intents"].items()} if diff else {}
    item_rows = [(k, v["mean"], old_items.get(k)) for k, v in report["items"].items()]
    intent_rows = [(f"{k} (n={v['n']})", v["mean"], old_intents.get(k)) for k, v in report["intents"].items()]
    family_rows = [(f"{k} (n={v['n']})", v["mean"], None) for k, v in report["families"].items()]
    items_table = "".join(
        f"<tr><td><code>{e(k)}</code></td><td>{e(v['title'])}</td><td class=num>{_fmt(v['mean'])}</td>"
        f"<td class=num>{v['n']}</td><td class=num>{v['perfect']}</td></tr>"
        for k, v in report["items"].items()
    )
    reasons = "".join(
        f"<tr><td class=num>{f['count']}</td><td><code>{e(f['item'])}</code></td><td>{e(f['code'])}</td>"
        f"<td>{e(', '.join(f['examples'][:6]))}</td></tr>"
        for f in report["failures"]
    )
    failed = sorted((r for r in report["results"] if r["score"] is not None and r["misses"]), key=lambda r: r["score"])
    cases = "".join(_case_html(r) for r in failed[:max_failures])
    overall = report["overall"]
    judge = report.get("judge")
    judge_html = ""
    if judge:
        judge_html = (
            "<h2>LLM judge (apart from the deterministic score)</h2>"
            f"<p class=muted>{e(str(judge.get('note') or ''))}</p>"
            + (
                f"<p>faithfulness {_fmt(judge.get('faithfulness'))} · helpfulness {_fmt(judge.get('helpfulness'))} "
                f"· n={judge.get('n')}</p>"
                if judge.get("n")
                else ""
            )
        )
    diff_html = ""
    if diff:
        rows = "".join(
            f"<tr><td>{e(r['id'])}</td><td class=num>{r['old']:.2f}</td><td class=num>{r['new']:.2f}</td>"
            f"<td>{e(r['question'])}</td></tr>"
            for r in diff["worse"][:50]
        )
        better = "".join(
            f"<tr><td>{e(r['id'])}</td><td class=num>{r['old']:.2f}</td><td class=num>{r['new']:.2f}</td>"
            f"<td>{e(r['question'])}</td></tr>"
            for r in diff["better"][:50]
        )
        rows = rows or "<tr><td colspan=4 class=muted>none</td></tr>"
        better = better or "<tr><td colspan=4 class=muted>none</td></tr>"
        o = diff["overall"]
        diff_html = (
            f"<h2>Compared with the previous report</h2><p>Overall {_fmt(o['old'])} → {_fmt(o['new'])}. "
            f"{len(diff['better'])} case(s) better, {len(diff['worse'])} worse. "
            "Black marks on the charts show the previous values.</p>"
            f"<h3>Worse</h3><table><tr><th>case</th><th>before</th><th>now</th><th>question</th></tr>{rows}</table>"
            f"<h3>Better</h3><table><tr><th>case</th><th>before</th><th>now</th><th>question</th></tr>{better}</table>"
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Candor transparency eval</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_CSS}</style></head><body>
<h1>Candor transparency eval</h1>
<div class="muted">{e(str(meta.get("company")))} · mode {e(str(meta.get("mode")))} · {meta.get("cases")} cases ·
{meta.get("seconds")} s · started {e(str(meta.get("started_at")))} · dataset {e(str(meta.get("dataset")))}</div>
<p><span class="big {_cls(overall)}">{_fmt(overall)}</span> overall (mean of each case's applicable items)</p>
{diff_html}
<h2>Score per item</h2>{bar_chart(item_rows)}
<table><tr><th>item</th><th>what it checks</th><th>mean</th><th>cases</th><th>perfect</th></tr>{items_table}</table>
<h2>Score per intent</h2>{bar_chart(intent_rows)}
<h2>Score per question family</h2>{bar_chart(family_rows)}
{judge_html}
<h2>Failure reasons</h2>
<table><tr><th>count</th><th>item</th><th>reason</th><th>example cases</th></tr>{reasons}</table>
<h2>Failed cases ({len(failed)}, worst first)</h2>
<p class=muted>Each case lists what was missing, the question and the full answer.
The green dashed line on the charts is the aim, 0.95.</p>
{cases}
</body></html>
"""


def write_reports(report: dict[str, Any], out_dir: Path, diff: dict[str, Any] | None = None) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out_dir / "report.json", out_dir / "report.html"
    data = dict(report)
    if diff is not None:
        data["comparison"] = diff
    json_path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    html_path.write_text(render_html(report, diff), encoding="utf-8")
    return json_path, html_path


def load_report(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
