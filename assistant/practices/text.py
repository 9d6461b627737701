"""The audit as text: the printed report and the summary a DPO can paste into a record of processing."""

from __future__ import annotations

from collections import Counter

from assistant.practices.audit import Audit
from assistant.practices.findings import TITLES, Citations


def cite_lines(c: Citations) -> list[str]:
    out = []
    if c.decision_count:
        more = f" (of {c.decision_count})" if c.decision_count > len(c.decisions) else ""
        out.append(f"decisions: {', '.join(c.decisions)}{more}")
    for label, ids in (
        ("categories", c.categories),
        ("purposes", c.purposes),
        ("policy sections", c.sections),
        ("segments", c.segments),
        ("consent events", c.consents),
    ):
        if ids:
            out.append(f"{label}: {', '.join(ids)}")
    return out


def summary(a: Audit) -> str:
    """Plain sentences for a record of processing (GDPR Art. 30): what was checked and what was found."""
    period = f" from {a.period[0][:10]} to {a.period[1][:10]}" if a.period else ""
    kinds = Counter(f.kind for f in a.findings)
    found = "; ".join(f"{TITLES[k].lower()}: {n}" for k, n in kinds.items()) or "no findings"
    compared = sum(1 for d in a.disparities)
    return (
        f"Practice audit of {a.company}'s offer-decision log ({a.decisions} decisions about {a.customers} "
        f"customers{period}) against its data catalog, purposes and privacy policies. Checked: data held but "
        "never used by an offer decision, group or prediction; data used for a purpose not declared for it; "
        + (
            "data each purpose's decisions use that its policy section does not describe (read by meaning with "
            "the local language model); "
            if a.policy_read
            else "(not the policy text against use: that reading needs the local embedding model and was not run); "
        )
        + "recipients of data that no policy names; and how often groups of customers (by country, region, "
        "postcode area, attributes the company declares as protected or proxy, and segment) were shown "
        f"personalised offers, comparing {compared} grouping(s) with "
        f"groups of at least {a.min_group_size} customers and {a.confidence:.0%} Wilson intervals against the "
        f"four-fifths rule. Found — {found}. A difference in exposure is a question to look into, not a "
        "finding of discrimination."
    )


def render_text(a: Audit) -> str:
    out = [f"Practice audit — {a.company}", summary(a), "", f"{len(a.findings)} finding(s)"]
    for f in a.findings:
        out += ["", f"[{f.kind}] {f.title}", f"  {f.statement}"]
        out += [f"  {line}" for line in cite_lines(f.cites)]
    out += [
        "",
        f"Exposure to personalised offers by group (groups of at least {a.min_group_size} customers; "
        f"{a.confidence:.0%} Wilson intervals)",
    ]
    by_dimension = {d.dimension: d for d in a.disparities}
    for dimension, rows in a.exposure.items():
        shown = [r for r in rows if r.customers >= a.min_group_size]
        out.append(f"  {dimension}: {len(rows)} group(s), {len(rows) - len(shown)} too small to show")
        for r in shown:
            out.append(
                f"    {r.group:32} {r.customers:6} customers  {r.rate:5.0%} [{r.low:.0%}–{r.high:.0%}]  "
                f"{r.offers_per_customer:.1f} personalised offers each"
                + (f", worth {r.value_per_customer:.0f}" if r.value_per_customer is not None else "")
            )
        d = by_dimension.get(dimension)
        if d is not None:
            verdict = "below four fifths beyond chance" if d.flagged else "not flagged"
            out.append(f"    least/most ratio {d.ratio:.2f} (at most {d.best_case_ratio:.2f}): {verdict}")
    if a.consent_now:
        out += ["", "Consent now (the pack's ledger and the changes made in Candor since)"]
        out += [
            f"  {c.name:36} {c.granted:6} granted  {c.withdrawn:6} withdrawn  ({c.changed_live} change(s) in Candor)"
            for c in a.consent_now
        ]
    return "\n".join(out)
