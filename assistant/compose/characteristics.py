"""The parts of a fairness answer that go beyond the audit's figures: what a below-average figure for the
customer's own group means, what the question names (a group, a prediction, a kind of data), and whether a
characteristic the customer names (gender, religion…) is held at all."""

from __future__ import annotations

import re

from assistant.compose.builder import Draft, body_sentences, category_name, sentence, sentences
from assistant.compose.sensitive import compose_sensitive
from assistant.pack.facts import selection
from assistant.practices.characteristics import HELD
from assistant.practices.summary import GroupFigure, PracticeFigures, dimension_label
from assistant.records.store import CustomerRecords
from assistant.turn import Request

FOUR_FIFTHS = 0.8


def own_group_explained(draft: Draft, g: GroupFigure, f: PracticeFigures) -> None:
    """A figure well below the overall one, that the audit does not flag, reads like a contradiction unless the
    answer says why it is not flagged: too few customers to tell from chance, or no other group to compare."""
    if f.overall_rate == 0 or g.rate >= FOUR_FIFTHS * f.overall_rate:
        return
    if any(c.dimension == g.dimension and c.flagged for c in f.comparisons):
        return  # the flagged difference is listed below
    compared = next((c for c in f.comparisons if c.dimension == g.dimension), None)
    if compared is not None and compared.ratio < FOUR_FIFTHS:
        draft.say(
            "That is fewer than overall, but with this few customers the audit cannot tell the difference from "
            "chance, so it does not flag it; it keeps checking as the records grow."
        )
    elif compared is not None:
        draft.say(
            "That is fewer than overall, but the groups it compares are within four fifths of each other, the "
            "line the audit flags at."
        )
    else:
        other = "group" if g.dimension.startswith("segment ") else dimension_label(g.dimension)
        draft.say(
            f"That is fewer than overall; no other {other} has the {f.min_group_size} customers needed to compare "
            "it with, so the audit cannot say whether it is more than chance."
        )


def characteristics_said(draft: Draft, named: tuple[str, ...], records: CustomerRecords | None = None) -> None:
    """For each characteristic the customer names: the kinds of data about it the catalog lists or the record
    holds, or that neither does (so no offer is chosen on it directly), with the policy's own sentence on it."""
    catalog = draft.catalog
    compared = {a.replace("_", " ") for a in catalog.company.group_attributes}
    attributes = {a.replace("_", " ") for a in records.customer.attributes} if records is not None else set()
    for name in named:
        pattern = HELD[name]
        if any(pattern.search(a) for a in compared):
            continue  # an attribute the audit compares by: its figures are above
        held = [c.name for c in catalog.categories.values() if pattern.search(f"{c.name} {c.description}")]
        held += [a for a in sorted(attributes) if pattern.search(a)]
        if held:
            draft.say(f"Our records hold data on {name} in: {', '.join(held)}.")
        else:
            draft.say(
                f"None of the kinds of data in our data catalog, and nothing in your record, is about your {name}: "
                "we do not hold it, so no offer is chosen on it directly, and the audit cannot compare customers by "
                "it. Other data could stand in for it, such as where you live or the groups we put you in."
            )
        said = next(
            (
                (section_id, text)
                for section_id, section in catalog.sections.items()
                if section_id not in catalog.blocked
                for text in body_sentences(section)
                if pattern.search(text)
            ),
            None,
        )
        if said is not None:
            draft.cite(said[0], said[1])
            draft.say(f"“{said[1]}”", said[0], bullet=True)


_MOST_NAMED = 3  # groups, models or kinds of data answered one by one


def named_in_fairness(draft: Draft, records: CustomerRecords | None, request: Request, f: PracticeFigures) -> None:
    """ "Is it fair that you put me with families with children?", "do you use where I live to decide my deals?":
    what the question names (a group, a prediction, a kind of data, sensitive data), from the pack and the
    audit, before the overall figures."""
    catalog = draft.catalog
    if request.sensitive and records is not None:
        compose_sensitive(draft, records, request.sensitive)
    for segment_id in [s for s in request.segments if s in catalog.segments][:_MOST_NAMED]:
        segment = catalog.segments[segment_id]
        built = ", ".join(dict.fromkeys(category_name(catalog, c.data_category).lower() for c in segment.criteria))
        used = ", ".join(catalog.purposes[p].name.lower() for p in segment.used_for if p in catalog.purposes)
        member = records is not None and any(m.segment_id == segment_id for m in records.memberships)
        draft.say(
            f"The group “{segment.name}”{' (you are in it)' if member else ''} is worked out from "
            f"{built}, and used for {used or 'nothing our records name'}.",
            *_section(draft, segment.policy_section),
        )
    for model_id in [m for m in request.models if m in catalog.models][:_MOST_NAMED]:
        model = catalog.models[model_id]
        draft.say(f"“{model.name}”: {sentences(model.description.strip())[0]}", *_section(draft, model.policy_section))
    kinds = [c for c in dict.fromkeys([*request.kinds_by_name, *request.proxies]) if c in catalog.categories]
    for category_id in [c for c in kinds if c not in request.sensitive][:_MOST_NAMED]:
        uses = f.category_use.get(category_id, 0)
        # Counted where an offer names it as its own reason; a group or prediction built on it is not counted.
        used = (
            f"an offer's own reason in {uses} of the {f.decisions} offers in our offer log"
            if uses
            else "no offer's own reason in our offer log"
        )
        behind = any(c.flagged and category_id in c.drivers for c in f.comparisons)
        category = catalog.categories[category_id]
        # What the kind holds, in the catalog's words: "do Italian speakers get fewer offers?" names the language
        # kept inside the profile details, which the kind's name alone does not say.
        held = sentences(category.description.strip())[:1]
        draft.say(
            (f"{category.name}: {sentence(held[0])} It is " if held else f"{category.name}: ")
            + used
            + ("; it is among the data behind a difference the audit found (below)." if behind else ".")
        )


# A policy's sentence saying an offer chosen without a profile is the same for everyone in that situation.
_SAME_FOR_ALL = re.compile(r"\bsame\b.*\b(everyone|anyone|everybody|all)\b|\b(everyone|anyone)\b.*\bsame\b", re.I)


def own_offers_unprofiled(draft: Draft, records: CustomerRecords) -> None:
    """ "Every offer I get is the same junk everyone else gets — is it my age?": when none of the customer's own
    offers was chosen with data about them (all contextual or general, by their logged parameters), say so from the
    offer log, with the policy's sentence that such offers are the same for anyone in that situation."""
    mine = records.decisions
    if not mine or any(selection(d, draft.catalog.categories) == "personalised" for d in mine):
        return
    purposes = [
        draft.catalog.purposes[p] for p in dict.fromkeys(d.purpose for d in mine) if p in draft.catalog.purposes
    ]
    if not purposes:
        return
    names = [p.name.lower() for p in purposes]
    kinds = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    draft.say(f"None of the {len(mine)} offers our records show you was chosen with data about you: they were {kinds}.")
    draft.quote_first(
        [
            p.policy_section
            for p in purposes
            if p.policy_section in draft.catalog.sections and p.policy_section not in draft.catalog.blocked
        ],
        _SAME_FOR_ALL,
        "Our policy on them:",
    )


def _section(draft: Draft, section_id: str | None) -> list[str]:
    return [section_id] if section_id and section_id in draft.catalog.sections else []
