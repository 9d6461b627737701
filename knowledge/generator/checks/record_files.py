"""Checks of customers.jsonl, consents.jsonl, offers.jsonl and decisions.jsonl, and of purposes.yaml against the
generator and the policy headings; then the profile files (profile_files.py)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..decisions import CONTEXT_MODEL, EXPECTED_VIOLATIONS, model_for
from ..ledger import Ledger
from ..offers import offer_window
from ..purposes import CONSENT_PURPOSES, PURPOSE_BASIS
from ..signals import PERSONAL_SIGNALS
from ..timestamps import parse_ts
from .profile_files import check_profiles
from .profile_state import PARAMETER_KEYS, load_jsonl


def slugify(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


def policy_sections(policies_dir: Path) -> set[str]:
    sections = set()
    for md in sorted(policies_dir.glob("*.md")):
        text = md.read_text(encoding="utf-8")
        m = re.search(r"^doc_id:\s*(\S+)", text, re.M)
        if not m:
            continue
        for h in re.findall(r"^#{2,3}\s+(.+?)\s*$", text, re.M):
            sections.add(f"{m.group(1)}#{slugify(h)}")
    return sections


def yaml_field_values(path: Path, key: str) -> list[str]:
    """Very small reader for 'key: value' lines of our own YAML files (no PyYAML needed)."""
    return re.findall(rf"^\s*-?\s*{key}:\s*(\S+)\s*$", path.read_text(encoding="utf-8"), re.M)


def check(out: Path, here: Path) -> list[str]:
    problems = []

    customers, consents, offers, decisions = (
        load_jsonl(out, n) for n in ("customers.jsonl", "consents.jsonl", "offers.jsonl", "decisions.jsonl")
    )
    keys = {
        "customers": ["customer_id", "name", "email", "phone", "postal_address", "created_at", "attributes"],
        "consents": ["event_id", "customer_id", "purpose", "status", "at", "source", "policy_version", "evidence"],
        "offers": [
            "offer_id",
            "title",
            "description",
            "category",
            "channels",
            "valid_from",
            "valid_to",
            "sponsor",
            "value",
        ],
        "decisions": [
            "decision_id",
            "customer_id",
            "offer_id",
            "shown_at",
            "channel",
            "model_version",
            "purpose",
            "legal_basis",
            "consent_event_id",
            "parameters",
        ],
    }
    for name, rows in (("customers", customers), ("consents", consents), ("offers", offers), ("decisions", decisions)):
        for r in rows:
            if list(r) != keys[name]:
                problems.append(f"{name}: wrong keys {list(r)}")
    if len(customers) != 48 or len(offers) != 30 or len(decisions) != 1000:
        problems.append("wrong counts")
    if [c["customer_id"] for c in customers] != [f"NW-{1001 + i}" for i in range(48)]:
        problems.append("customer ids")
    if [o["offer_id"] for o in offers] != [f"OF-{i}" for i in range(1, 31)]:
        problems.append("offer ids")
    if [e["event_id"] for e in consents] != [f"CE-{i}" for i in range(1, len(consents) + 1)]:
        problems.append("consent ids")
    if [d["decision_id"] for d in decisions] != [f"D-{i}" for i in range(1, 1001)]:
        problems.append("decision ids")
    if [e["at"] for e in consents] != sorted(e["at"] for e in consents):
        problems.append("consents not ordered by at")
    if [d["shown_at"] for d in decisions] != sorted(d["shown_at"] for d in decisions):
        problems.append("decisions not ordered by shown_at")

    purpose_ids = yaml_field_values(here / "purposes.yaml", "id")
    bases = dict(zip(purpose_ids, yaml_field_values(here / "purposes.yaml", "legal_basis")))
    if bases != PURPOSE_BASIS:
        problems.append(f"purposes.yaml legal bases differ from generator: {bases}")
    sections = policy_sections(here / "policies")
    for pid, sec in zip(purpose_ids, yaml_field_values(here / "purposes.yaml", "policy_section")):
        if sec not in sections:
            problems.append(f"purpose {pid}: policy section {sec} not found")
    catalog = set(yaml_field_values(here / "data_catalog.yaml", "id"))

    cust = {c["customer_id"]: c for c in customers}
    off = {o["offer_id"]: o for o in offers}
    ev = {e["event_id"]: e for e in consents}
    ledger = Ledger(consents)
    for e in consents:
        if e["customer_id"] not in cust or e["purpose"] not in CONSENT_PURPOSES:
            problems.append(f"{e['event_id']}: bad customer or purpose")
        if e["status"] not in ("granted", "withdrawn"):
            problems.append(f"{e['event_id']}: bad status")
        if e["at"] < cust[e["customer_id"]]["created_at"]:
            problems.append(f"{e['event_id']}: before account creation")
    for o in offers:
        days = (date.fromisoformat(o["valid_to"]) - date.fromisoformat(o["valid_from"])).days + 1
        if not 21 <= days <= 42 or not o["valid_from"].startswith("2024") or not o["valid_to"].startswith("2024"):
            problems.append(f"{o['offer_id']}: validity window")
    per_customer: dict[str, int] = {}
    violations = []
    for d in decisions:
        did = d["decision_id"]
        per_customer[d["customer_id"]] = per_customer.get(d["customer_id"], 0) + 1
        c, o = cust.get(d["customer_id"]), off.get(d["offer_id"])
        if c is None or o is None:
            problems.append(f"{did}: unknown customer or offer")
            continue
        t = parse_ts(d["shown_at"])
        start, end = offer_window(o)
        if not start <= t <= end or d["shown_at"] <= c["created_at"]:
            problems.append(f"{did}: shown_at outside validity or before account")
        if d["channel"] not in o["channels"]:
            problems.append(f"{did}: channel not offered")
        if d["channel"] == "email" and not ledger.in_force(d["customer_id"], "email_marketing", t):
            problems.append(f"{did}: email without email_marketing consent")
        if d["purpose"] not in PURPOSE_BASIS or d["legal_basis"] != PURPOSE_BASIS[d["purpose"]]:
            problems.append(f"{did}: purpose/legal basis")
        for p in d["parameters"]:
            if list(p) not in PARAMETER_KEYS or p["data_category"] not in catalog:
                problems.append(f"{did}: bad parameter {p}")
        cats = [p["data_category"] for p in d["parameters"]]
        if len(set(cats)) != len(cats):
            problems.append(f"{did}: repeated data category")
        if d["parameters"] and abs(sum(p["weight"] for p in d["parameters"]) - 1) > 1e-9:
            problems.append(f"{did}: weights do not add up to 1")
        if "health_fitness_data" in cats:
            problems.append(f"{did}: health data used for an offer")
        ce = d["consent_event_id"]
        if d["purpose"] == "contextual_offers":
            if ce is not None or d["model_version"] != CONTEXT_MODEL or any(c != "page_context" for c in cats):
                problems.append(f"{did}: contextual decision malformed")
            continue
        e = ev.get(ce)
        if (
            e is None
            or e["customer_id"] != d["customer_id"]
            or e["purpose"] != d["purpose"]
            or e["status"] != "granted"
            or e["at"] > d["shown_at"]
        ):
            problems.append(f"{did}: consent_event_id does not reference a prior grant")
        if d["model_version"] != model_for(t):
            problems.append(f"{did}: model version")
        if d["purpose"] == "partner_advertising" and (not o["sponsor"] or cats[0] != "partner_audience_data"):
            problems.append(f"{did}: partner decision malformed")
        if d["purpose"] == "personalized_offers" and (
            o["sponsor"] or not 2 <= len(cats) <= 5 or not set(cats) <= set(PERSONAL_SIGNALS)
        ):
            problems.append(f"{did}: personalized decision malformed")
        if ledger.in_force(d["customer_id"], d["purpose"], t) != ce:
            violations.append(did)
    if violations != EXPECTED_VIOLATIONS:
        problems.append(f"consent violations {violations} != expected {EXPECTED_VIOLATIONS}")
    if set(per_customer) != set(cust) or not all(10 <= n <= 40 for n in per_customer.values()):
        problems.append(f"decisions per customer out of range: {sorted(per_customer.values())}")
    problems += check_profiles(out, here, sections, set(purpose_ids), cust, decisions, ledger, violations)
    return problems
