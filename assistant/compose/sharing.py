"""Answers about where data goes and how long it stays: who receives each kind (from the catalog), the
customer's consents that sharing rests on, and how long each kind is kept; the policy's own sentences on
anything the question names that the records do not."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.compose.account import account_category
from assistant.compose.builder import Draft, body_sentences, control_notes, control_text, lower_first, plain
from assistant.compose.policy import TITLE_NOISE, summary_of
from assistant.compose.policy_quotes import quote_on
from assistant.pack.consent import current
from assistant.pack.controls import control_for
from assistant.records.store import CustomerRecords
from assistant.retrieval.retrievers import terms
from assistant.retrieval.vocabulary import expand
from assistant.turn import Request


def compose_sell_share(
    draft: Draft, records: CustomerRecords, request: Request, background: str | None, sections: Sequence[str] = ()
) -> None:
    catalog = draft.catalog
    if background:
        draft.say(summary_of(draft, background, request.words), background)
        # Someone the catalog's recipients do not name ("does the sponsor get my details"): the section on them.
        spoken = {w for c in request.data_named for w in terms(catalog.categories[c].name)}
        quote_on(draft, background, request.words - TITLE_NOISE - _SHARE_WORDS, spoken)
    # "Do Cairnview or Pinecub get my details?": a sponsor of the customer's own offers named is a recipient asked.
    # Its first word only ("RiverLine Kayaks" → riverline): the rest is often everyday ("gear", "mobile").
    sponsors = {terms(o.sponsor)[0] for o in records.offers.values() if o.sponsor and terms(o.sponsor)} - _RECIPIENTS
    limits_said(draft, request, sections[:_LIMIT_SECTIONS], sponsor_named=bool(request.words & sponsors))
    if request.words & _SELL_WORDS and not any(
        _SELLING.search(section.text) for sid, section in catalog.sections.items() if sid not in catalog.blocked
    ):
        # "Do u sell my data?" on a policy that lists recipients but never speaks of selling: say so, not "no".
        draft.say("Our privacy policy does not mention selling personal data. Here is who receives it.")
    shared = [c for c in catalog.categories.values() if c.shared_with]
    # "do you sell my viewing history": who receives that kind only, or that the catalog lists no one.
    named = [catalog.categories[c] for c in request.data_named]
    listed = [c for c in named if c.shared_with] if named else shared
    for c in named:
        if not c.shared_with:
            draft.say(f"Our data catalog lists no one who receives {lower_first(c.name)}.")
    if listed:
        draft.say("Our data catalog lists who receives each kind of data.")
        for c in listed:
            draft.say(f"We share {lower_first(c.name)} with:")
            for recipient in c.shared_with:
                draft.say(f"{recipient}.", bullet=True)
    if named and len(named) < len(shared):
        draft.choices.append("Who do you share my data with?")
    for purpose in catalog.purposes.values():
        if purpose.legal_basis == "consent" and any(purpose.id in c.purposes for c in listed):
            latest = current(records.consents, purpose.id)
            state = (
                "you have given consent"
                if latest and latest.status == "granted"
                else "you have not given consent"
                if latest is None
                else "you have withdrawn consent"
            )
            draft.say(f"For {purpose.name.lower()}, {state}.", purpose.policy_section)
    control = control_for(catalog.company, "do_not_sell")
    if control:
        # With how soon it takes effect: "have they stopped by now?" turns on it.
        draft.say(f"To opt out of any sale or sharing, use {control_text(control)}")
        if timing := control_notes(control):
            draft.say(timing)
    elif shared:
        draft.exercise(None, "object to sharing and to withdraw any consent it rests on")


def limits_said(draft: Draft, request: Request, sections: Sequence[str], sponsor_named: bool = False) -> None:
    """The policy's own limits on what a recipient gets ("Partners never receive your viewing or listening
    history", "never a list of who saw it"), from the sections retrieved for the question: what a customer asking
    "does the advertiser see what I watch?" needs, and often in a section apart from the list of recipients. Those
    that share most of the question's words (advertisers and partners counted as one), at most two."""
    asked = set(request.words) - _SHARE_WORDS - TITLE_NOISE
    recipients = bool(asked & _RECIPIENTS) or sponsor_named
    # The policy's words for the customer's ("what I watch": viewing history), recipients apart.
    wanted = (asked | set(expand(sorted(asked)))) - _RECIPIENTS - _SHARE_WORDS
    said = " ".join(line.text for line in draft.lines)
    found: dict[str, tuple[str, int]] = {}
    ranked = list(enumerate(sections))
    if request.sensitive:
        # Sensitive data asked about: the sections where the policy speaks of it come first, retrieved or not.
        spoken = [" ".join(t.split()) for t in request.sensitive_sentences]
        on_it = [
            sid
            for sid, section in draft.catalog.sections.items()
            if sid not in draft.catalog.blocked and any(t in " ".join(section.text.split()) for t in spoken)
        ]
        ranked = [(0, sid) for sid in on_it] + [(rank + 1, sid) for rank, sid in ranked if sid not in on_it]
    for rank, section_id in ranked:
        for text in body_sentences(draft.catalog.sections[section_id]):
            quote = plain(text)
            if quote in said or quote in found or not (_LIMIT.search(text) and _GETS.search(text)):
                continue
            words = set(terms(text))
            shared = len(wanted & words) + (recipients and bool(words & _RECIPIENTS))
            shared += sponsor_named and bool(words & _SPONSOR)  # the sponsor asked about, by its role
            if (
                not wanted
                and rank == 0
                and words & _RECIPIENTS
                and not draft.catalog.sections[section_id].plain_language
            ):
                # "do u sell my data": the first section's limit on what recipients get, unless an approved summary
                # already speaks for that section (the answer leads with it).
                shared = _LIMIT_SHARED
            # Special-category data asked about ("do advertisers find out I listen to sleep therapy?"): the sections
            # on it come first, and their limit speaks of it as "it", so any limit there on what others get counts.
            on_sensitive = request.sensitive and rank == 0 and bool(_PASSED_ON.search(text))
            if request.sensitive and rank == 0 and not on_sensitive:
                continue  # a section taken for what it says of sensitive data: only its limits on passing it on
            if shared >= (0 if on_sensitive else _LIMIT_SHARED):
                # The limit on the sensitive data asked about leads; then those sharing most words.
                found[quote] = (section_id, shared + (_LIMIT_SHARED if on_sensitive else 0))
    best = sorted(found, key=lambda q: -found[q][1])[:2]
    for quote in best:
        section_id = found[quote][0]
        draft.cite(section_id, quote)
        draft.say(f"“{quote}”", section_id, bullet=True)


_LIMIT_SECTIONS = 3  # the retrieved sections read for limits: further ones are seldom about sharing
_LIMIT_SHARED = 2  # question words a limit must share: one alone ("history") is often another practice's
_LIMIT = re.compile(r"\b(never|not|only|no one|nobody|neither|without)\b", re.I)
_GETS = re.compile(r"\b(receiv\w*|shar\w*|sells?|sold|selling|give\w*|gets?|sees?|pass\w*|disclos\w*)\b", re.I)
# What a limit on passing data on says (not "see" or "give", which a sentence on what customers see uses too).
_PASSED_ON = re.compile(r"\b(shar\w*|sells?|sold|selling|receiv\w*|disclos\w*|pass\w* on)\b", re.I)
_RECIPIENTS = frozenset(terms("advertisers advertiser partners partner sponsors brands third parties companies"))

_SPONSOR = frozenset(terms("sponsor sponsors"))

_SELL_WORDS = frozenset({"sell", "sold", "selling", "sale", "flog"})
_SELLING = re.compile(r"\b(sell|sells|selling|sold|sale of (your |personal )?(data|information))\b", re.I)


def compose_retention(draft: Draft, request: Request, background: str | None) -> None:
    catalog = draft.catalog
    # Sensitive data asked about ("the sleep and meditation plays") is a kind asked about, however it is named.
    focus = tuple(dict.fromkeys([*request.categories, *request.sensitive]))
    account = account_category(catalog.categories)
    if request.after_leaving and account is not None and set(focus) <= {account.id}:
        # "If I close my account, how long do you keep my stuff?": the account is when, not what; every kind.
        focus = ()
    cites = (background,) if background else ()
    if background:
        draft.say(summary_of(draft, background, request.words), *cites)
        # Something the catalog's kinds do not name ("my consent history"): the section's own sentence on it.
        named = {w for c in focus for w in terms(catalog.categories[c].name)}
        quote_on(draft, background, request.words - TITLE_NOISE - _KEEP_WORDS, named, most=1)
    draft.say("How long we keep each kind of data:" if not focus else "How long we keep it:")
    for cat_id in focus or list(catalog.categories):
        c = catalog.categories[cat_id]
        draft.say(f"{c.name}: {plain(c.retention)}", bullet=True)


_SHARE_WORDS = frozenset(
    terms(
        "sell sold selling share shared sharing give given pass passed anyone anybody someone third party parties "
        "company companies other others get gets receive receives my info information details stuff"
    )
)
_KEEP_WORDS = frozenset(terms("how long keep kept store stored retain retention delete deleted hold held"))
