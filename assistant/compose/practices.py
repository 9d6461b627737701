"""Answers from the practice audit stored with the build: "do you really need all this data?" and "do you treat
people like me differently?". Aggregate figures only (practices/summary.py): no other customer, no group under
the audit's minimum size, no decision but the customer's own."""

from __future__ import annotations

import re

from assistant.compose.account import account_category, fields_held
from assistant.compose.builder import Draft, category_name, control_steps, day, sentence, unstop
from assistant.compose.characteristics import (
    characteristics_said,
    named_in_fairness,
    own_group_explained,
    own_offers_unprofiled,
)
from assistant.compose.data_needed import need_said
from assistant.pack.consent import current
from assistant.pack.controls import control_id_for
from assistant.practices.groups import customer_groups
from assistant.practices.summary import GroupFigure, PracticeFigures, dimension_label
from assistant.records.store import CustomerRecords
from assistant.turn import Request


def _percent(x: float) -> str:
    return f"{100 * x:.0f}%"


def _figures(draft: Draft) -> PracticeFigures | None:
    if draft.catalog.practices is None:
        contact = draft.catalog.company.contacts.privacy_email
        draft.say(
            "I have no audit of how we use data across customers to answer from (this build was made without it), "
            f"so I cannot say. Our privacy team can: {contact}."
        )
        return None
    return draft.catalog.practice_figures


def _period(f: PracticeFigures) -> str:
    return f" from {f.period[0][:10]} to {f.period[1][:10]}" if f.period else ""


def _category_name(draft: Draft, category: str) -> str:
    return category_name(draft.catalog, category)


def _purpose_sections(draft: Draft, purposes: list[str]) -> list[str]:
    found = (draft.catalog.purposes.get(p) for p in purposes)
    return list(dict.fromkeys(p.policy_section for p in found if p and p.policy_section in draft.catalog.sections))


def compose_minimisation(draft: Draft, records: CustomerRecords | None, request: Request | None = None) -> None:
    f = _figures(draft)
    if f is None:
        return
    catalog = draft.catalog
    named = request.data_named or request.categories if request is not None else ()
    for category in [c for c in named if c in catalog.categories][:_MOST_NAMED]:
        _named_kind(draft, category, f)
        if request is not None:
            need_said(draft, catalog.categories[category], request.words)
    fields = (request.record_fields or request.fields_named) if request is not None else ()
    if fields and records is not None and request is not None:
        # "why have you got my phone number??": the value held, what it is part of, and whether it must be given.
        fields_held(draft, records, fields)
        account = account_category(catalog.categories)
        if account is not None and account.id not in named:
            need_said(draft, account, request.words)
    for attribute in request.attributes_named if request is not None else ():
        _named_attribute(draft, records, attribute)
    held = list(catalog.categories.values())
    used = [c for c in held if f.category_use.get(c.id)]
    draft.say(
        f"We hold {len(held)} kinds of customer data. In our offer log ({f.decisions} offers{_period(f)}), "
        f"{len(used)} of them were used to choose offers:"
    )
    for c in sorted(used, key=lambda c: -f.category_use[c.id]):
        draft.say(f"{c.name}: in {f.category_use[c.id]} offers.", bullet=True)
    if f.unused:
        draft.say(
            "Our own audit found data we hold for reasons other than your orders or the law that no offer, "
            "customer group or prediction used, and asks whether we need it. (It sees only our offer records: "
            "other uses, such as fraud checks, do not show there.)"
        )
        for category, purposes in f.unused:
            name = _category_name(draft, category)
            why = ", ".join(_purpose_names(draft, list(purposes))) or "no stated purpose"
            draft.say(f"{name}, held for: {why}.", *_purpose_sections(draft, list(purposes)), bullet=True)
    else:
        draft.say("Our audit found no data held for offers that no offer used.")
    for m in f.mismatches:
        draft.say(
            f"It also found {_category_name(draft, m.category).lower()} used in {m.decisions} offers for "
            f"{_purpose_names(draft, [m.purpose])[0].lower()}, a purpose our data catalog does not list for it; "
            "the audit asks us to stop that use or to declare it.",
            *_purpose_sections(draft, [m.purpose]),
        )
    if records is not None:
        mine = sorted({p.data_category for d in records.decisions for p in d.parameters})
        if mine:
            names = ", ".join(_category_name(draft, c).lower() for c in mine)
            draft.say(f"For your own {len(records.decisions)} offers we used: {names}.")
        elif records.decisions:
            draft.say(f"None of the {len(records.decisions)} offers we showed you used data about you.")
        else:
            draft.say("Our records show no offers shown to you.")
    draft.exercise(
        control_id_for(catalog.company, "delete"),
        "ask us to delete data we do not need",
        "To have your data deleted, use",
    )


_MOST_NAMED = 3  # kinds of data answered one by one before the overall figures


def _named_kind(draft: Draft, category: str, f: PracticeFigures) -> None:
    """ "Why do you need my location?": that kind's purposes, how long it is kept, and whether offers used it."""
    c = draft.catalog.categories[category]
    why = ", ".join(_purpose_names(draft, c.purposes)).lower() or "no stated purpose"
    uses = f.category_use.get(category, 0)
    # Counted where an offer names it as its own reason; a group or prediction built on it is not counted.
    used = f"an offer's own reason in {uses} offers" if uses else "no offer's own reason"
    used += " in our offer log"
    draft.say(
        f"{c.name}: we hold it for {why}; kept: {unstop(c.retention)}; {used}.",
        *_purpose_sections(draft, c.purposes),
    )
    # What exactly is held ("the last four digits … never your full card number") answers "do you need it?" too.
    draft.say(f"What it is: {sentence(c.description)}", bullet=True)
    if c.shared_with:
        draft.say(f"We share it with: {'; '.join(c.shared_with)}.")
    if any(u == category for u, _ in f.unused):
        draft.say("Our audit found nothing in our records that uses it, and asks whether we need it.")


def _named_attribute(draft: Draft, records: CustomerRecords | None, attribute: str) -> None:
    """ "Why do you need my age?": what the company says the attribute is, the customer's own value, and that the
    audit groups customers by it (company.yaml declares it for that)."""
    declared = draft.catalog.company.group_attributes[attribute]
    label = attribute.replace("_", " ")
    # The pack's description, read mid-sentence, with a kind of data named by its name rather than its id.
    said = re.sub(r"^The ", "the ", declared.description.rstrip("."))
    said = re.sub(r"\(([\w.-]+)\)", lambda m: f"({_category_name(draft, m.group(1)).lower()})", said)
    value = records.customer.attributes.get(attribute) if records is not None else None
    mine = f" Yours: {value}." if value else " We hold none for you."
    draft.say(
        f"Your {label}: {said}.{mine} Our practice audit groups customers by it, to "
        "check that offers do not reach some groups much less often than others."
    )


def _purpose_names(draft: Draft, purposes: list[str]) -> list[str]:
    return [draft.catalog.purposes[p].name if p in draft.catalog.purposes else p for p in purposes]


def _segment_name(draft: Draft, dimension: str) -> str | None:
    if not dimension.startswith("segment "):
        return None
    segment = draft.catalog.segments.get(dimension.removeprefix("segment "))
    return segment.name if segment else dimension.removeprefix("segment ")


def _grouping(draft: Draft, dimension: str) -> str:
    segment = _segment_name(draft, dimension)
    return f"membership of the group “{segment}”" if segment else dimension_label(dimension)


def _group_line(draft: Draft, g: GroupFigure, f: PracticeFigures) -> str:
    segment = _segment_name(draft, g.dimension)
    who = f"Members of your group “{segment}”" if segment else f"Your {dimension_label(g.dimension)} ({g.group})"
    worth = ""
    if g.value is not None and f.value_per_customer is not None:
        worth = (
            f" Those offers added up to {g.value:.0f} per customer on average (the value our offer records give "
            f"them), against {f.value_per_customer:.0f} overall."
        )
    return (
        f"{who}: {_percent(g.rate)} of {g.customers} customers were shown at least one personalised offer, "
        f"against {_percent(f.overall_rate)} of all customers.{worth}"
    )


def compose_fairness(draft: Draft, records: CustomerRecords | None, request: Request | None = None) -> None:
    f = _figures(draft)
    if f is None:
        return
    catalog = draft.catalog
    sections = _purpose_sections(draft, [p.id for p in catalog.purposes.values() if p.profiling])
    draft.say(
        f"We checked how often groups of customers were shown personalised offers ({f.customers} customers, "
        f"{f.decisions} offers{_period(f)}), comparing groups of at least {f.min_group_size} customers. "
        f"Overall, {_percent(f.overall_rate)} of customers were shown at least one.",
        *sections[:1],
    )
    if request is not None:
        named_in_fairness(draft, records, request, f)
    if records is not None:
        mine = customer_groups(catalog.company, records.customer, records.memberships)
        shown = [g for dim, group in mine.items() if (g := f.group_of(dim, group)) is not None]
        for g in shown:
            draft.say(_group_line(draft, g, f), bullet=True)
            own_group_explained(draft, g, f)
        hidden = [_grouping(draft, d) for d in mine if f.group_of(d, mine[d]) is None and d in f.groups]
        if hidden:
            draft.say(
                f"Your {', '.join(dict.fromkeys(hidden))}: fewer than {f.min_group_size} customers share it, too "
                "few to compare and few enough to point at people, so I show no figures for it."
            )
    flagged = [c for c in f.comparisons if c.flagged]
    if flagged:
        draft.say("Where the audit found a difference large enough to look into (under four fifths of the most "
                  "reached group, beyond chance):")  # fmt: skip
        for c in flagged:
            drivers = ", ".join(_category_name(draft, x).lower() for x in c.drivers)
            draft.say(
                f"By {_grouping(draft, c.dimension)}: {_percent(c.least.rate)} of “{c.least.group}” "
                f"against {_percent(c.most.rate)} of “{c.most.group}”"
                + (f"; the data behind it: {drivers}." if drivers else "."),
                bullet=True,
            )
        draft.say(
            "A difference in how often offers reach a group is a question to look into, not proof of unfair "
            "treatment: it may come, for example, from the choices customers made about personalised offers."
        )
    elif f.comparisons:
        compared = ", ".join(dict.fromkeys(_grouping(draft, c.dimension) for c in f.comparisons))
        draft.say(
            "The audit found no difference large enough to look into (under four fifths of the most reached group, "
            f"beyond chance) in the groupings it could compare: by {compared}."
        )
    else:
        draft.say(f"The audit had no two groups of at least {f.min_group_size} customers to compare.")
    # Offers reach groups differently partly because customers choose differently: the policy's sentence on what
    # a customer without personalised offers sees, so the figures are read with it.
    draft.quote_first(
        draft.catalog.sections, _WITHOUT_CONSENT, "Our policy on what you see without personalised offers:"
    )
    if request is not None and request.characteristics:
        characteristics_said(draft, request.characteristics, records)
    if request is not None and request.words & _PRICE_WORDS:
        # "Do you charge more to people in my area?": whether the engine touches prices at all, as the policy says.
        quotable = [s for s in draft.catalog.sections if s not in draft.catalog.blocked]
        draft.quote_first(quotable, _PRICE_SAID, "On prices, our policy says:")
    control_id = control_id_for(catalog.company, "personalisation")
    if records is not None and _own_choice_said(draft, records, control_id):
        return
    draft.exercise(control_id, "object to personalised offers", "To stop personalised offers for you, use")


def _own_choice_said(draft: Draft, records: CustomerRecords, control_id: str | None) -> bool:
    """ "I never get the personalised deals, is it my age?": when the customer has not agreed to personalised
    offers (or withdrew), that choice, not the group, is why; said from the consent record, with the setting's
    steps to change it. False when the consent is given (or the pack asks none): the group figures stand alone."""
    catalog = draft.catalog
    control = catalog.company.controls.get(control_id or "")
    purposes = [p for p in catalog.purposes.values() if p.legal_basis == "consent" and p.opt_out == control_id]
    if control is None or not purposes:
        return False
    purpose = purposes[0]
    latest = current(records.consents, purpose.id)
    if latest is not None and latest.status == "granted":
        return False
    if latest is None:
        draft.say(
            f"Your own choice comes first: our records hold no consent from you to {purpose.name.lower()}, and "
            "offers chosen from a profile of you need it.",
            purpose.policy_section,
        )
    else:
        draft.claims.append(("consent", "", latest.event_id))
        draft.say(
            f"Your own choice comes first: you withdrew your consent to {purpose.name.lower()} on {day(latest.at)} "
            f"(ref {latest.event_id}), and offers chosen from a profile of you need it.",
            purpose.policy_section,
        )
    own_offers_unprofiled(draft, records)
    draft.say(f"To switch them on or off: {control_steps(control)}")
    return True


# What a customer who has not agreed to personalisation sees, as a policy says it: "Switch "Personalize my offers"
# off …; you see contextual offers only", "…we then show you the same general promotions as everyone".
_WITHOUT_CONSENT = re.compile(
    r"\b(off|without|not agreed)\b.*\b(contextual offers only|same (general )?(promotions|offers|ads) as everyone)",
    re.I,
)


# Request words, as `terms` gives them (plurals stripped).
_PRICE_WORDS = frozenset({"price", "priced", "pricing", "charge", "charged", "expensive", "cheaper", "discount"})
# A policy sentence saying the engine leaves prices alone: "The model does not change prices on its own", "An
# estimate never … changes your price or your access on its own".
_PRICE_SAID = re.compile(
    r"\b(not|never|no)\b[^.]*\b(change|changes|set|sets|decide|decides|raise)\b[^.]*\bprices?\b", re.I
)
