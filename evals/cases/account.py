"""Questions about the customer's own account: the data held, consents given, how to change a setting, selling
and sharing, how long data is kept, and getting a copy or deleting it."""

from __future__ import annotations

import re
from typing import Any

from assistant.pack.controls import control_id_for
from assistant.pack.models import Purpose
from evals.cases.book import CaseBook
from evals.cases.plan import PLAN
from evals.cases.view import control_of, iso, purpose_history, sections_about

DATA_HELD = [
    "What data do you have about me?",
    "what do you know about me",
    "Which of my personal information do you keep?",
    "What personal data do you hold on me and where did it come from?",
    "tell me everything you store about me",
]
CONSENT_GENERAL = [
    "What have I agreed to?",
    "what did I sign up for",
    "Show me my consent history",
    "Which permissions have I given you?",
    "Am I opted in to anything?",
]
CONSENT_PURPOSE = ["Did I agree to {p}?", "Have I given consent for {p}?", "When did I say yes to {p}?"]
CHANGE_PURPOSE = [
    "How do I stop {p}?",
    "how can I turn off {p}",
    "I want to opt out of {p}",
    "Where do I change my settings for {p}?",
]
CHANGE_GENERAL = ["How can I change how you use my data?", "What privacy settings can I change?"]
SELL_SHARE = [
    "Do you sell my data?",
    "Who do you share my information with?",
    "Is my data shared with third parties?",
    "do you sell or share my personal information with advertisers",
    "Which companies get my data?",
]
RETENTION_GENERAL = ["How long do you keep my data?", "what is your data retention period", "How long is my data kept?"]
RETENTION_CATEGORY = [
    "How long do you keep my {c}?",
    "how long is my {c} stored?",
    "What is the retention period for {c}?",
]
ACCESS_DELETE = [
    "How do I get a copy of my data?",
    "Please delete my account and all my data",
    "I want to download everything you have on me",
    "How can I make an access request?",
    "Can you erase my data?",
    "How do I delete my personal data?",
]


def consent_expected(book: CaseBook, customer: str, purposes: list[Purpose]) -> dict[str, Any]:
    events = book.view.consents[customer]
    rows = []
    for p in purposes:
        past = purpose_history(events, p.id)
        rows.append(
            {
                "purpose": p.id,
                "purpose_name": p.name,
                "state": past[-1].status if past else "none",
                "history": [
                    {"status": e.status, "at": iso(e.at), "source": e.source, "policy_version": e.policy_version}
                    for e in past
                ],
                "control": control_of(book.pack, p.opt_out),
                "policy_section": p.policy_section,
            }
        )
    controls = [r["control"] for r in rows if r["control"]]
    return {"consent_purposes": rows, "controls": controls, "policy_sections": [p.policy_section for p in purposes]}


def data_held(book: CaseBook) -> None:
    for customer in book.customers_cycle():
        if book.counters["data_held"] >= PLAN["data_held"]:
            return
        ds = book.view.decisions[customer]
        cats = sorted({p.data_category for d in ds for p in d.parameters})
        purposes = sorted({d.purpose for d in ds if d.parameters})
        download = control_of(book.pack, control_id_for(book.pack.company, "download"))
        expected = {
            "data_categories": cats,
            "data_category_names": [book.pack.categories[c].name for c in cats],
            "purposes": purposes,
            "purpose_names": [book.pack.purposes[p].name for p in purposes],
            "controls": [download] if download else [],
            "policy_sections_any": sections_about(book.pack, r"collect|what data|data we hold|come from"),
        }
        book.add("data_held", customer, book.rng.choice(DATA_HELD), "data_held", expected)


def consent_status(book: CaseBook) -> None:
    consent_purposes = [p for p in book.pack.purposes.values() if p.legal_basis == "consent"]
    for customer in book.customers_cycle(with_decisions=False) * 2:
        if book.counters["consent_status"] >= PLAN["consent_status"] or not consent_purposes:
            return
        if book.rng.random() < 0.5:
            question, focus = book.rng.choice(CONSENT_GENERAL), consent_purposes
        else:
            p = book.rng.choice(consent_purposes)
            question, focus = book.rng.choice(CONSENT_PURPOSE).format(p=p.name.lower()), [p]
        book.add("consent_status", customer, question, "consent_status", consent_expected(book, customer, focus))


def change_control(book: CaseBook) -> None:
    offer_purposes = {d.purpose for d in book.pack.decisions}
    purposes = [
        p for p in book.pack.purposes.values() if p.opt_out and (p.id in offer_purposes or p.legal_basis == "consent")
    ]
    general = [control_of(book.pack, control_id_for(book.pack.company, k)) for k in ("personalisation", "unsubscribe")]
    for customer in book.customers_cycle(with_decisions=False) * 2:
        if book.counters["change_control"] >= PLAN["change_control"]:
            return
        if book.rng.random() < 0.2 or not purposes:
            question = book.rng.choice(CHANGE_GENERAL)
            expected: dict[str, Any] = {"controls": [c for c in general if c], "policy_sections": []}
        else:
            p = book.rng.choice(purposes)
            question = book.rng.choice(CHANGE_PURPOSE).format(p=p.name.lower())
            control = control_of(book.pack, p.opt_out)
            expected = {
                "purpose": p.id,
                "controls": [control] if control else [],
                "policy_sections": [p.policy_section],
            }
        book.add("change_control", customer, question, "change_control", expected)


def _recipient(text: str) -> str:
    return re.split(r",| \(", text, maxsplit=1)[0].strip()


def sell_share(book: CaseBook) -> None:
    recipients = list(
        dict.fromkeys(_recipient(r) for c in book.pack.categories.values() for r in c.shared_with if r.strip())
    )
    control = control_of(book.pack, control_id_for(book.pack.company, "do_not_sell"))
    for customer in book.customers_cycle(with_decisions=False):
        if book.counters["sell_share"] >= PLAN["sell_share"]:
            return
        expected = {
            "recipients": recipients,
            "controls": [control] if control else [],
            "policy_sections_any": sections_about(book.pack, r"\bsell|\bshar|receives"),
        }
        book.add("sell_share", customer, book.rng.choice(SELL_SHARE), "sell_share", expected)


def retention(book: CaseBook) -> None:
    categories = list(book.pack.categories.values())
    sections = sections_about(book.pack, r"how long|keep|retention")
    for customer in book.customers_cycle(with_decisions=False):
        if book.counters["retention"] >= PLAN["retention"]:
            return
        if book.rng.random() < 0.4:
            question, focus = book.rng.choice(RETENTION_GENERAL), categories
        else:
            c = book.rng.choice(categories)
            question, focus = book.rng.choice(RETENTION_CATEGORY).format(c=c.name.lower()), [c]
        expected = {
            "retention": [{"category": c.id, "name": c.name, "retention": c.retention} for c in focus],
            "policy_sections_any": sections,
        }
        book.add("retention", customer, question, "retention", expected)


def access_delete(book: CaseBook) -> None:
    controls = [
        c
        for c in (
            control_of(book.pack, control_id_for(book.pack.company, "download")),
            control_of(book.pack, control_id_for(book.pack.company, "delete")),
        )
        if c
    ]
    sections = sections_about(book.pack, r"access|download|delet|erasure|copy")
    for customer in book.customers_cycle(with_decisions=False):
        if book.counters["access_delete"] >= PLAN["access_delete"]:
            return
        expected = {"controls": controls, "policy_sections_any": sections}
        book.add("access_delete", customer, book.rng.choice(ACCESS_DELETE), "access_delete", expected)
