"""Which of a company's controls serves a well-known right, whatever id the company gave it.

A pack names controls freely ("export", "tailoring-switch"); Candor knows a few by their documented ids and
otherwise by the words of the id and label. None means the pack has no such control: answers then name the
right and the privacy contact instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from assistant.pack.models import Company, Control, Purpose

Kind = Literal["download", "delete", "unsubscribe", "do_not_sell", "personalisation", "object_marketing"]

_KNOWN_ID: dict[Kind, str] = {
    "download": "download_my_data",
    "delete": "delete_my_data",
    "unsubscribe": "email_unsubscribe",
    "do_not_sell": "do_not_sell_or_share",
    "personalisation": "personalization_settings",
    "object_marketing": "object_to_marketing",
}
_WORDS: dict[Kind, re.Pattern[str]] = {
    "download": re.compile(r"download|export|copy of (your|my) data|data (copy|access)", re.I),
    "delete": re.compile(r"delet|erase|erasure|close (your|my) account", re.I),
    "unsubscribe": re.compile(r"unsubscrib|marketing e-?mails?|newsletter", re.I),
    "do_not_sell": re.compile(r"do not sell|don'?t sell|sell or share|sale", re.I),
    "personalisation": re.compile(r"personali[sz]|tailor", re.I),
    "object_marketing": re.compile(r"object\w* to (direct )?marketing|(stop|no) (all )?marketing", re.I),
}


def control_id_for(company: Company, kind: Kind) -> str | None:
    if _KNOWN_ID[kind] in company.controls:
        return _KNOWN_ID[kind]
    words = _WORDS[kind]
    return next(
        (cid for cid, c in company.controls.items() if words.search(f"{cid.replace('_', ' ')} {c.label}")),
        None,
    )


def control_for(company: Company, kind: Kind) -> Control | None:
    cid = control_id_for(company, kind)
    return company.controls[cid] if cid else None


_EMAILS = re.compile(r"\b(e-?mails?|newsletters?)\b", re.I)


def email_consent(company: Company, purposes: Iterable[Purpose]) -> Purpose | None:
    """The consent to marketing emails: the consent purpose the unsubscribe control stops, else one whose name
    says emails ("Marketing emails", "Newsletter"); None when the pack asks no such consent."""
    consents = [p for p in purposes if p.legal_basis == "consent"]
    unsubscribe = control_id_for(company, "unsubscribe")
    by_control = next((p for p in consents if p.opt_out == unsubscribe), None) if unsubscribe else None
    return by_control or next((p for p in consents if _EMAILS.search(p.name)), None)
