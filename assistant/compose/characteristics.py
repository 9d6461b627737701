"""The parts of a fairness answer that go beyond the audit's figures: what a below-average figure for the
customer's own group means, and whether a characteristic the customer names (gender, religion…) is held at all."""

from __future__ import annotations

from assistant.compose.builder import Draft, body_sentences
from assistant.practices.characteristics import HELD
from assistant.practices.summary import GroupFigure, PracticeFigures, dimension_label

FOUR_FIFTHS = 0.8


def own_group_explained(draft: Draft, g: GroupFigure, f: PracticeFigures) -> None:
    """A figure well below the overall one, that the audit does not flag, reads like a contradiction unless the
    answer says why it is not flagged: too few customers to tell from chance, or no other group to compare."""
    if f.overall_rate == 0 or g.rate >= FOUR_FIFTHS * f.overall_rate:
        return
    if any(c.dimension == g.dimension and c.flagged for c in f.comparisons):
        return  # the flagged difference is listed below
    if any(c.dimension == g.dimension for c in f.comparisons):
        draft.say(
            "That is fewer than overall, but with this few customers the audit cannot tell the difference from "
            "chance, so it does not flag it; it keeps checking as the records grow."
        )
    else:
        draft.say(
            f"That is fewer than overall; no other {dimension_label(g.dimension)} has the "
            f"{f.min_group_size} customers needed to compare it with, so the audit cannot say whether it is "
            "more than chance."
        )


def characteristics_said(draft: Draft, named: tuple[str, ...]) -> None:
    """For each characteristic the customer names: the kinds of data about it we hold, or that none is held
    (so no offer is chosen on it directly), with the policy's own sentence on it where there is one."""
    catalog = draft.catalog
    compared = {a.replace("_", " ") for a in catalog.company.group_attributes}
    for name in named:
        pattern = HELD[name]
        if any(pattern.search(a) for a in compared):
            continue  # an attribute the audit compares by: its figures are above
        held = [c.name for c in catalog.categories.values() if pattern.search(f"{c.name} {c.description}")]
        if held:
            draft.say(f"Our data catalog holds data on {name} in: {', '.join(held)}.")
        else:
            draft.say(
                f"None of the kinds of data in our data catalog is about your {name}: we do not hold it, so no "
                "offer is chosen on it directly, and the audit cannot compare customers by it. Where you live and "
                "the groups we put you in could stand in for it: the audit compares customers by those, where the "
                "groups are large enough."
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
