"""Consent choices made in the conversation: understand the request, ask to confirm, then record it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.compose.builder import Draft, control_text, day, mentioned
from assistant.consent import current
from assistant.pack.models import ConsentEvent
from assistant.store import Catalog, CustomerRecords

_GRANT = re.compile(r"\b(give|grant|opt(ed)?\s*in|allow|start|turn on|switch on|resume|again|agree|subscribe me)\b")
_YES = re.compile(r"^\s*(yes|y|yep|yeah|confirm|confirmed|ok|okay|sure|do it|please do|go ahead)\b", re.I)
_NO = re.compile(r"^\s*(no|n|nope|cancel|stop|don'?t|keep it|never mind)\b", re.I)


@dataclass(frozen=True)
class ChangeRequest:
    purpose: str
    status: str  # "granted" or "withdrawn"


def is_yes(text: str) -> bool:
    return bool(_YES.match(text)) and not _NO.match(text)


def is_no(text: str) -> bool:
    return bool(_NO.match(text))


def _about(catalog: Catalog, ids: dict[str, str], pattern: str) -> list[str]:
    """Purposes among `ids` whose own name or description matches: the pack's words, not ours."""
    rx = re.compile(pattern, re.I)
    return [p for p in ids if rx.search(f"{catalog.purposes[p].name} {catalog.purposes[p].description}")]


def requested_change(question: str, catalog: Catalog, recent_purpose: str | None) -> ChangeRequest | None:
    """The consent purpose and direction a request names ("stop using my purchase history for offers")."""
    consent = {p.id: p.name for p in catalog.purposes.values() if p.legal_basis == "consent"}
    purposes = mentioned(question, consent)
    if not purposes:
        # A data category named instead ("my purchase history"): the consent purposes that profile with it.
        for cat in mentioned(question, {c.id: c.name for c in catalog.categories.values()}):
            purposes += [p for p in catalog.categories[cat].purposes if p in consent]
    if not purposes and re.search(r"\b(email|emails|newsletter)\b", question):
        purposes = _about(catalog, consent, r"\be-?mails?\b|newsletter")[:1]
    if not purposes and re.search(r"\b(personali[sz]\w*|tailored)\b", question):
        purposes = _about(catalog, consent, r"personali[sz]|tailor|recommend")[:1]
    if not purposes and recent_purpose in consent:
        purposes = [recent_purpose or ""]
    if not purposes:
        return None
    status = (
        "granted"
        if _GRANT.search(question) and not re.search(r"\b(stop|withdraw|no longer)\b", question)
        else "withdrawn"
    )
    return ChangeRequest(purposes[0], status)


def compose_request(draft: Draft, records: CustomerRecords, change: ChangeRequest | None) -> ChangeRequest | None:
    """Ask the customer to confirm; None when there is nothing to confirm."""
    catalog = draft.catalog
    if change is None:
        draft.say("Which choice do you want to change? For example: “withdraw my consent to personalized offers”.")
        return None
    purpose = catalog.purposes[change.purpose]
    latest = current(records.consents, change.purpose)
    already = (latest is not None and latest.status == change.status) or (
        latest is None and change.status == "withdrawn"
    )
    if already:
        state = "given" if change.status == "granted" else "not given or withdrawn"
        since = f" since {day(latest.at)}" if latest else ""
        draft.say(f"Nothing to change: your consent to {purpose.name} is {state}{since}.", purpose.policy_section)
        control = catalog_control(catalog, purpose.opt_out)
        if control:
            draft.say(f"You can see and change it here: {control}")
        return None
    verb = "withdraw your consent to" if change.status == "withdrawn" else "give your consent to"
    draft.say(
        f"You asked to {verb} {purpose.name}. {purpose.description.split('.')[0].strip()}.", purpose.policy_section
    )
    draft.say("Please confirm: reply “yes” to make this change, or “no” to keep things as they are.")
    control = catalog_control(catalog, purpose.opt_out)
    if control:
        draft.say(f"You can also change it yourself: {control}")
    return change


def compose_done(draft: Draft, event: ConsentEvent) -> None:
    purpose = draft.catalog.purposes[event.purpose]
    state = "given" if event.status == "granted" else "withdrawn"
    draft.say(f"Done. Your consent to {purpose.name} is now {state}, from {day(event.at)}.", purpose.policy_section)
    draft.say(f"We recorded this in our consent records (reference {event.event_id}).")
    if event.status == "withdrawn":
        draft.say("Offers chosen from now on will not use your data for this purpose.")
    control = catalog_control(draft.catalog, purpose.opt_out)
    if control:
        draft.say(f"You can also see and change it here: {control}")


def catalog_control(catalog: Catalog, control_id: str | None) -> str | None:
    control = catalog.company.controls.get(control_id or "")
    return control_text(control) if control else None
