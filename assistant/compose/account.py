"""Answers about the customer's own account: data held, consents given, access and deletion."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.compose.builder import (
    Draft,
    body_sentences,
    control_notes,
    control_steps,
    control_text,
    day,
    for_use,
    offer_line,
    sentence,
    steps_naming,
    unstop,
)
from assistant.compose.consent_change import ENDS_WITH_CHOICE
from assistant.compose.legal_basis import offers_on_other_grounds
from assistant.pack.consent import check_decision, current, history
from assistant.pack.controls import Kind, control_id_for
from assistant.pack.models import Category
from assistant.records.store import CustomerRecords
from assistant.turn import Request

# The kind of data the customer record itself is ("Contact and account details", "Account and profile details",
# "Identity and contact data"); not "Contacts you invite", "Emergency contact details" or "Account activity logs".
_ACCOUNT = re.compile(r"\b(account|contact|identity|personal|profile)\b.*\b(details?|data|information|info)\b", re.I)
_NOT_ACCOUNT = re.compile(r"\b(emergency|activity|logs?|invite\w*|inferred|usage|history|interests?)\b", re.I)


def account_category(categories: Mapping[str, Category]) -> Category | None:
    """The kind of data that is the customer record itself (name, email, phone), if the catalog has one."""
    return next((c for c in categories.values() if _ACCOUNT.search(c.name) and not _NOT_ACCOUNT.search(c.name)), None)


_EVERYTHING = "What data do you hold about me?"


def compose_data_held(
    draft: Draft,
    records: CustomerRecords,
    background: str | None,
    focus: tuple[str, ...] = (),
    asked_fields: tuple[str, ...] = (),
) -> None:
    """Everything held about the customer; or, when the question names kinds of data ("do you store my card
    number"), those kinds, or fields of their record ("what address do you have?"), with everything else one
    click away."""
    if asked_fields:
        fields_held(draft, records, asked_fields)
        draft.choices.append(_EVERYTHING)
        draft.say(f"To see everything we hold about you, ask: “{_EVERYTHING}”")
        return
    if 0 < len(focus) <= _MOST_FOCUSED:
        for category_id in focus:
            _one_kind(draft, records, category_id)
        draft.choices.append(_EVERYTHING)
        draft.say(f"To see everything we hold about you, ask: “{_EVERYTHING}”")
        return
    catalog = draft.catalog
    cites = (background,) if background else ()
    customer = records.customer
    draft.say(f"Here is what our records hold about you. Your account was created on {day(customer.created_at)}.")
    # What the customer record itself holds, with the values: the customer is signed in, and a copy of the data
    # itself is what a right-of-access answer owes (only the fields this pack has for this customer).
    values = [(label, getattr(customer, name)) for name, label in _FIELD_NAMES.items()]
    values += [(name.replace("_", " "), value) for name, value in sorted(customer.attributes.items())]
    held = "; ".join(f"{label}: {value}" for label, value in values if value)
    contact = account_category(catalog.categories)
    if contact is not None:
        draft.say(
            f"{contact.name}: {held}. Source: {'; '.join(contact.sources)}. Kept: {unstop(contact.retention)}.",
            bullet=True,
        )
    else:
        draft.say(f"Your account details: {held}.", bullet=True)
    used: dict[str, set[str]] = {}
    for d in records.decisions:
        for p in d.parameters:
            used.setdefault(p.data_category, set()).add(d.purpose)
    if used:
        draft.say(f"These kinds of data were used to choose the {len(records.decisions)} offers we showed you:")
        for cat_id in sorted(used, key=lambda c: catalog.categories[c].name):
            cat = catalog.categories[cat_id]
            purposes = ", ".join(sorted(catalog.purposes[p].name for p in used[cat_id]))
            sens = " This is sensitive data." if cat.sensitive else ""
            draft.say(
                f"{cat.name}. Source: {'; '.join(cat.sources)}. Used for: {purposes}. "
                f"Kept: {unstop(cat.retention)}.{sens}",
                bullet=True,
            )
            draft.claims.append(("category", "", cat_id))
    consented = sorted({e.purpose for e in records.consents})
    if consented:
        names = ", ".join(catalog.purposes[p].name for p in consented)
        draft.say(f"We also keep a record of your consent choices for: {names}. Ask me what you agreed to for details.")
    others = [c for c in catalog.categories.values() if c.id not in used and c is not contact]
    if others:
        draft.say("Our privacy policy lists other kinds of data we collect from customers.", *cites)
        draft.say("Our offer records do not show these used for you:")
        for c in others:
            draft.say(f"{c.name}.", bullet=True)
    draft.exercise(
        control_id_for(catalog.company, "download"), "get a full copy of your data", "For a full copy of your data, use"
    )


_MOST_FOCUSED = 3  # kinds of data answered one by one; a question naming more asks about everything
_MOST_SIGNALS = 3  # distinct logged signals quoted for one kind of data


# The customer record's own fields, in the order an answer lists them.
_FIELD_NAMES = {"name": "name", "email": "email address", "phone": "phone number", "postal_address": "postal address"}


def fields_held(draft: Draft, records: CustomerRecords, fields: tuple[str, ...]) -> None:
    """The values themselves: the customer is signed in and asks what their own record says."""
    customer = records.customer
    for field_name in fields:
        label = _FIELD_NAMES.get(field_name, field_name.replace("_", " "))
        value = getattr(customer, field_name, None) if field_name in _FIELD_NAMES else None
        value = value or customer.attributes.get(field_name)
        if value:
            draft.say(f"The {label} we hold for you: {value}.")
        else:
            draft.say(f"We hold no {label} for you.")
    account = account_category(draft.catalog.categories)
    if account is not None:
        # Where the catalog says how the field is given ("the age band you may give in your … profile"), that too.
        labels = [_FIELD_NAMES.get(f, f.replace("_", " ")) for f in fields]
        described = any(label in account.description.lower() for label in labels)
        what = f": {unstop(account.description.strip())}" if described else ""
        draft.say(
            f"It is part of {account.name.lower()}{what}. Source: {'; '.join(account.sources)}. "
            f"Kept: {unstop(account.retention)}."
        )
    draft.exercise(None, "have it corrected if it is wrong")


def _one_kind(draft: Draft, records: CustomerRecords, category_id: str) -> None:
    """One kind of data: what it is, where it comes from, what it is for, how long it is kept, and whether any of
    this customer's offers used it, from the catalog and their own records."""
    category = draft.catalog.categories[category_id]
    purposes = ", ".join(draft.catalog.purposes[p].name for p in category.purposes if p in draft.catalog.purposes)
    # "Northwind Rewards membership" keeps its capital: the company's name is a name.
    proper = category.name.split()[0] in draft.catalog.company.name.split()
    draft.say(f"You asked about {category.name if proper else category.name.lower()}:")  # from the catalog
    draft.say(f"What it is: {category.description.strip()}", bullet=True)
    draft.say(f"Source: {'; '.join(category.sources)}.", bullet=True)
    draft.say(f"What we use it for: {purposes or 'nothing our catalog names'}.", bullet=True)
    draft.say(f"Kept: {unstop(category.retention)}.", bullet=True)
    used = [d for d in records.decisions if any(p.data_category == category_id for p in d.parameters)]
    # Directly, as an offer's own signal; a group or prediction built on it is answered when asked about.
    if used:
        draft.say(f"It was used directly to choose {len(used)} of the {len(records.decisions)} offers we showed you.")
        draft.claims.append(("category", "", category_id))
        # What it said about this customer, as the newest offers logged it ("Gold member … with 4,460 points").
        said: dict[str, str] = {}
        for d in used:
            for p in d.parameters:
                if p.data_category == category_id and p.signal not in said and len(said) < _MOST_SIGNALS:
                    said[p.signal] = d.decision_id
        draft.say("What the latest offers that used it logged about you:")
        for signal, decision_id in said.items():
            draft.claims.append(("signal", decision_id, signal))
            draft.say(f"“{signal}” (ref {decision_id}).", bullet=True)
    elif records.decisions:
        draft.say(f"None of the {len(records.decisions)} offers in our records for you used it directly.")
    else:
        draft.say("Our records show no offers chosen for you, so it chose none.")


def compose_consent(draft: Draft, records: CustomerRecords, request: Request) -> None:
    """Consent state and history per purpose: the one the question names, else the offer just discussed."""
    catalog = draft.catalog
    consent_purposes = [p.id for p in catalog.purposes.values() if p.legal_basis == "consent"]
    focus = list(request.consent_purposes)
    if not focus and request.recent_purpose in consent_purposes and request.refers_back:
        focus = [request.recent_purpose or ""]
    focus = focus or consent_purposes
    if request.every_consent:
        focus += [p for p in consent_purposes if p not in focus]
    draft.say(
        "Here is what our consent records show for you, newest choice first:"
        if len(focus) > 1
        else "Here is what our consent records show:"
    )
    for purpose_id in focus:
        purpose = catalog.purposes[purpose_id]
        latest = current(records.consents, purpose_id)
        if latest is None:
            draft.say(
                f"{purpose.name}: you have not given consent. We have no consent record for this, "
                "so we do not use your data for it on the basis of consent.",
                purpose.policy_section,
                bullet=True,
            )
            continue
        state = "you have given consent" if latest.status == "granted" else "you have withdrawn your consent"
        past = history(records.consents, purpose_id)
        draft.claims += [("consent", "", e.event_id) for e in past]
        draft.say(f"{purpose.name}: {state}.", purpose.policy_section, bullet=True)
        for e in past:
            verb = "You gave consent" if e.status == "granted" else "You withdrew consent"
            # The record's own words show how the choice was made (GDPR Art. 7(1): consent must be demonstrable).
            said = f" Our record says: {sentence(e.evidence)}" if e.evidence and request.doubts else ""
            draft.say(
                f"{verb} on {day(e.at)}, via {e.source.replace('_', ' ')} (notice version {e.policy_version}"
                f"{f', ref {e.event_id}' if request.doubts else ''}).{said}",
                bullet=True,
            )
        _shown_after_withdrawal(draft, records, purpose_id)
    if request.still_sent:
        # "…and yet you keep sending me offers": those that rest on no consent, when one asked about is not given.
        missing = [p for p in focus if (c := current(records.consents, p)) is None or c.status != "granted"]
        offers_on_other_grounds(draft, records, missing)
    draft.say("You can withdraw consent at any time, as easily as you gave it.")
    for purpose_id in focus:
        control = catalog.company.controls.get(catalog.purposes[purpose_id].opt_out or "")
        if control:
            draft.say(for_use(catalog.purposes[purpose_id].name, control, control_text(control)), bullet=True)


def compose_access_delete(
    draft: Draft, request: Request, background: str | None, records: CustomerRecords | None = None
) -> None:
    catalog = draft.catalog
    cites = (background,) if background else ()
    controls = catalog.company.controls
    kinds: list[Kind] = ["delete", "download"] if request.wants_delete else ["download", "delete"]
    draft.say("You have the right to see a copy of your data and to have it deleted.", *cites)
    if records is not None and not request.wants_delete:
        _kinds_held(draft, records)
    found = [cid for kind in kinds if (cid := control_id_for(catalog.company, kind))]
    for i, control_id in enumerate(dict.fromkeys(found)):
        # Asked how it works or where to find it ("the link doesn't open anymore"): the steps of the one asked for
        # (a copy, or deletion), the other by its link.
        control = controls[control_id]
        if request.asks_where and i == 0:
            draft.say(control_steps(control), bullet=True)
        else:
            # The one asked for with its short notes beside the link ("a link to a ZIP file within 7 days").
            notes = control_notes(control) if i == 0 else ""
            draft.say(f"{control_text(control)} {notes}".strip(), bullet=True)
    lead = "You can also write to" if found else "To use these rights, write to"
    draft.say(f"{lead} {catalog.company.contacts.privacy_email}.")
    # Named in full, or by words only one kind uses ("my location data").
    named = [c for c in request.data_named if c in catalog.categories]
    if request.wants_delete:
        # "If I delete my account, what happens to my viewing history?": that kind's period too; its own way out
        # only when the kind alone is to go.
        some = named if len(named) <= _MOST_KINDS else []
        for category_id in some:
            _deleting_one_kind(draft, category_id, alone=not request.deletes_everything)
        if not some or request.deletes_everything:
            _what_deleting_means(draft, request.topic_sections)
    authority = catalog.company.contacts.supervisory_authority
    where = re.sub(
        r"^(you|customers) (can|may) (also )?(complain|lodge a complaint) (to|with)\s+", "", authority or "", flags=re.I
    )
    if authority and where != authority:
        # The pack wrote a whole sentence ("You can complain to A, or to B"): one place per line.
        draft.say("If you are unhappy with how we handle your request, you can complain to:")
        for choice in re.split(r",? or (?:to|with) ", where):
            if choice := choice.strip().rstrip("."):
                draft.say(f"{choice[0].upper()}{choice[1:]}.", bullet=True)
    elif authority:
        draft.say(
            "If you are unhappy with how we handle your request, you can complain to "
            f"{_sentence_case(authority.rstrip('.'))}."
        )


def _named_in(name: str, text: str) -> bool:
    """Whether `text` names a use by a word of its name of five letters or more ("fitness", "personalized")."""
    lowered = text.lower()
    return any(len(w) >= 5 and w in lowered for w in re.findall(r"[a-z]+", name.lower()))


# More kinds named than this is a request to delete everything, answered as such.
_MOST_KINDS = 2


def _deleting_one_kind(draft: Draft, category_id: str, alone: bool = True) -> None:
    """ "Please delete my fitness tracker data but keep my account": that kind's own period (what the law makes us
    keep, or when it goes after a choice) and, where a consent it rests on has its own way out, those steps."""
    catalog = draft.catalog
    c = catalog.categories[category_id]
    draft.say(f"{c.name}: how long we keep it: {sentence(c.retention)}")
    if not alone or not ENDS_WITH_CHOICE.search(c.retention):
        return  # kept for the account or the law, not for one consent that could be withdrawn alone
    # Only the consents whose withdrawal the kind's own period names ("…after you withdraw consent to personalized
    # offers", "until you disconnect your fitness tracker").
    purposes = [catalog.purposes[p] for p in c.purposes if p in catalog.purposes]
    for purpose in [p for p in purposes if _named_in(p.name, c.retention)]:
        control = catalog.company.controls.get(purpose.opt_out or "")
        if purpose.legal_basis != "consent" or control is None:
            continue
        steps = steps_naming(control, purpose.name)
        if any(purpose.name.lower() in s.lower() for s in steps):  # the control names this consent's own way out
            draft.say(f"To stop {purpose.name.lower()} and have its data deleted: {' '.join(steps)}", bullet=True)


def _what_deleting_means(draft: Draft, sections: Sequence[str]) -> None:
    """What the policy says deleting costs or keeps ("any unused points are lost", "we keep only what the law
    requires", "…instead and keep your account"), from its sections on deletion: someone deciding needs to know
    it before confirming, and when it is done. At most four sentences, in policy order."""
    said = " ".join(line.text for line in draft.lines)
    found = [
        (sid, text)
        for sid in sections
        if _DELETION_TITLE.search(draft.catalog.sections[sid].title)
        for text in body_sentences(draft.catalog.sections[sid])
        if (_CONSEQUENCE.search(text) or _WHEN_DONE.search(text)) and text not in said
    ]
    # One sentence on when it is done is enough; the rest say what it costs or keeps.
    timing = [f for f in found if _WHEN_DONE.search(f[1]) and not _CONSEQUENCE.search(f[1])][1:]
    chosen = [f for f in dict.fromkeys(found) if f not in timing][:4]
    if chosen:
        draft.say("What deleting means, in our policy's words:")
    for section_id, text in chosen:
        draft.cite(section_id, text)
        draft.say(f"“{text}”", section_id, bullet=True)
    if not any(_BY_LAW.search(text) for _, text in chosen):
        _kept_by_law(draft)


def _kept_by_law(draft: Draft) -> None:
    """Deleting everything still leaves what the law makes a company keep (invoices for the tax years): when the
    policy's deletion sections do not say it, the data catalog's retention periods that name the law do."""
    kept = [c for c in draft.catalog.categories.values() if c.retention and _BY_LAW.search(c.retention)]
    if not kept:
        return
    draft.say("What the law makes us keep even after deletion, from our data catalog:")
    for c in kept:
        draft.say(f"{c.name}: {sentence(c.retention)}", bullet=True)


_DELETION_TITLE = re.compile(r"\b(delet\w*|eras\w*)\b", re.I)
_BY_LAW = re.compile(r"\b(law|legal(ly)?|statutory)\b", re.I)
# What deleting costs or keeps; and when it is done ("we close your account and delete your data within 30 days").
_CONSEQUENCE = re.compile(r"\b(lost|lose|loses|ends|cannot be undone|permanent\w*|instead|we keep only)\b", re.I)
_WHEN_DONE = re.compile(r"\bdelet\w*\b[^.]{0,40}\bwithin \d+ (days|weeks|months)\b", re.I)


def _kinds_held(draft: Draft, records: CustomerRecords) -> None:
    """A request for one's data (GDPR Art. 15) is owed the kinds of data held, not only the way to a copy: those
    the records show behind the customer's offers, groups and predictions, with the full account one click away."""
    catalog = draft.catalog
    used = {p.data_category for d in records.decisions for p in d.parameters}
    profiled = {e.data_category for m in records.memberships for e in m.evidence}
    profiled |= {f.data_category for p in records.predictions for f in p.factors}
    kinds = sorted((used | profiled) & catalog.categories.keys(), key=lambda c: catalog.categories[c].name)
    account = account_category(catalog.categories)
    names = [account.name if account is not None else "Your account details"]
    names += [catalog.categories[c].name for c in kinds if account is None or c != account.id]
    draft.claims += [("category", "", c) for c in kinds if c in used]
    draft.claims += [("segment", "", m.segment_id) for m in records.memberships]
    draft.claims += [("prediction", "", p.prediction_id) for p in records.predictions]
    draft.say("Our records hold these kinds of data about you:")
    for name in names:
        draft.say(f"{name}.", bullet=True)
    draft.say(f"To see each one in full, ask: “{_EVERYTHING}”")
    draft.choices.append(_EVERYTHING)


def _shown_after_withdrawal(draft: Draft, records: CustomerRecords, purpose_id: str) -> None:
    """ "I switched it off and still got offers": the offers that relied on this consent after it was withdrawn."""
    late = [
        d
        for d in records.decisions
        if d.purpose == purpose_id and (c := check_decision(records.consents, d)) and c.shown_after_withdrawal
    ]
    if late:
        draft.say(
            "These offers relied on this consent after you had withdrawn it. They should not have been shown; that "
            "was our mistake, and we have recorded it for our privacy team:",
            bullet=True,
        )
        for d in late:
            draft.say(f"{offer_line(records, d)}.", bullet=True)


def _sentence_case(text: str) -> str:
    """'The data protection authority …' reads mid-sentence as 'the data protection authority …'."""
    return text[0].lower() + text[1:] if text[:4] == "The " else text
