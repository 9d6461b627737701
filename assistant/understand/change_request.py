"""Consent choices made in the conversation: understand the request, ask to confirm, then record it."""

from __future__ import annotations

import re

from assistant.records.store import Catalog
from assistant.turn import ChangeRequest
from assistant.understand.mentions import mentioned

_GRANT = re.compile(
    r"\b(give|grant|opt(ed)?\s*in|allow|start|turn on|switch on|resume|again|agree|(re-?)?subscribe me|"
    r"put me back|add me back|sign me (back )?up)\b"
)
_BACK_IN = re.compile(
    r"\b(put me back|add me back|sign me back|re-?subscribe me|opt me back in|"
    r"(turn|switch) (it |them |that )?back on)\b"
)
_YES = re.compile(r"^\s*(yes|y|yep|yeah|confirm|confirmed|ok|okay|sure|do it|please do|go ahead)\b", re.I)
_NO = re.compile(r"^\s*(no|n|nope|cancel|stop|don'?t|keep it|never mind)\b", re.I)


def is_yes(text: str) -> bool:
    # "yes, but keep the emails" is not a plain yes: the change is asked again rather than made.
    return bool(_YES.match(text)) and not _NO.match(text) and not _SOME.search(text)


def is_no(text: str) -> bool:
    return bool(_NO.match(text))


def _about(catalog: Catalog, ids: dict[str, str], pattern: str) -> list[str]:
    """Purposes among `ids` whose own name or description matches, those matching by name first: the pack's
    words, not ours ("Marketing emails" before a personalisation purpose whose description mentions emails)."""
    rx = re.compile(pattern, re.I)
    by_name = [p for p in ids if rx.search(catalog.purposes[p].name)]
    return by_name + [p for p in ids if p not in by_name and rx.search(catalog.purposes[p].description)]


_PROPER = re.compile(r"\b[A-Z][a-z]+\b")


def named_in_description(question: str, catalog: Catalog, ids: dict[str, str]) -> list[str]:
    """The consent purpose whose description alone names something the question names: a capitalised word of
    the description (a partner, a device) that no other consent's description has."""
    asked = set(re.findall(r"[a-z]+", question.lower()))
    names = {p: {w.lower() for w in _PROPER.findall(catalog.purposes[p].description)} for p in ids}
    found = []
    for p, own in names.items():
        others = set().union(*(n for q, n in names.items() if q != p))
        if (own - others) & asked - _SENTENCE_START:
            found.append(p)
    return found if len(found) == 1 else []


# Capitalised only because a sentence starts with them.
_SENTENCE_START = frozenset(
    "a an the we our you your if when this that these those each every some sending showing choosing using "
    "measuring connecting".split()
)


_ALL = re.compile(r"\b(all|every)\b(\W+\w+){0,2}\W+(consents?|permissions?|agreements?)\b|\bopt me out of everything\b")
# "…but keep the emails", "all the other consents", "except partner offers": not all of them.
_SOME = re.compile(r"\b(but|except|keep|other|apart from|besides)\b")


def requested_change(
    question: str, catalog: Catalog, recent_purpose: str | None, granted: tuple[str, ...] = ()
) -> ChangeRequest | None:
    """The consent purpose and direction a request names ("stop using my purchase history for offers"); for
    "withdraw all my consents", every consent in `granted` (the customer's consents now given)."""
    consent = {p.id: p.name for p in catalog.purposes.values() if p.legal_basis == "consent"}
    some = _GRANT.search(question) or _SOME.search(question) or mentioned(question, consent)
    if _ALL.search(question) and not some:
        # Every consent given; with none given, every consent purpose, so the answer says nothing is to change.
        every = granted or tuple(consent)
        return ChangeRequest(every[0], "withdrawn", more=every[1:])
    # "stop the partner offers but keep the marketing emails": what is kept is not what is asked to change.
    asked = _KEEPS.split(question, maxsplit=1)[0]
    # "withdraw partner ads, and the tailoring one too": each part names its own consent, all confirmed at once.
    firsts = (found[0] for part in _AND.split(asked) if part and (found := _named(part, catalog, consent)))
    each = list(dict.fromkeys(firsts))
    if len(each) > 1:
        return ChangeRequest(each[0], _status(question), more=tuple(each[1:]))
    purposes = _named(asked, catalog, consent)
    if not purposes and recent_purpose in consent and asked == question:
        purposes = [recent_purpose or ""]
    if not purposes:
        return None
    return ChangeRequest(purposes[0], _status(question))


_EMAIL = re.compile(r"\b(e-?mail\w*|newsletters?|mailing list|unsubscrib\w*)\b", re.I)
_PERSONAL = re.compile(r"\b(personali[sz]\w*|tailor\w*|recommendations?|suggestions?)\b", re.I)
_AND = re.compile(r",|;|\b(?:and|also|plus|as well as)\b", re.I)


def _named(asked: str, catalog: Catalog, consent: dict[str, str]) -> list[str]:
    """The consent purposes a request names, likeliest first."""
    # A name only one consent's description gives, first ("stop sending my email hash to Trailhead": Partner
    # offers, though "email" names another consent too).
    purposes = named_in_description(asked, catalog, consent) or mentioned(asked, consent)
    if not purposes and _PERSONAL.search(asked) and not _EMAIL.search(asked):
        # "switch off the tailored offers on my account": personalisation, not the consents "my account" profiles.
        purposes = _about(catalog, consent, r"personali[sz]|tailor|recommend|suggest")[:1]
    if not purposes:
        # A data category named instead ("my purchase history"): the consent purposes that profile with it.
        for cat in mentioned(asked, {c.id: c.name for c in catalog.categories.values()}):
            purposes += [p for p in catalog.categories[cat].purposes if p in consent]
    # "stop emailing me", "unsubscribe me": the pack's email purpose when no other is named.
    if not purposes and _EMAIL.search(asked):
        purposes = _about(catalog, consent, r"\be-?mails?\b|newsletter")[:1]
    if not purposes and _PERSONAL.search(asked):
        purposes = _about(catalog, consent, r"personali[sz]|tailor|recommend|suggest")[:1]
    # "no more push notifications": the one consent whose own words name that channel.
    if not purposes and re.search(r"\b(push|notifications?)\b", asked):
        purposes = _about(catalog, consent, r"\bpush\b")[:1]
    return purposes


_KEEPS = re.compile(r"\b(?:but|and|while)?\s*(?:keep|leave|except|apart from|besides)\b", re.I)


def _status(question: str) -> str:
    return (
        "granted"
        # "put me back on the newsletter? I unsubscribed by accident": a way back in is a grant, whatever is reported.
        if _BACK_IN.search(question)
        # "unsubscribe me again" withdraws: "again" says only that it was done before.
        or (
            _GRANT.search(question)
            and not re.search(
                r"\b(stop|withdraw|no longer|unsubscrib\w*|opt(ed)? me out|take me off|remove me)\b", question
            )
        )
        else "withdrawn"
    )
