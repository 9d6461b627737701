"""A customer's own group shown fewer offers than overall, but not flagged by the audit, is explained: a bare
'the audit found nothing' beside '14% against 52%' reads as a contradiction."""

from __future__ import annotations

import pytest

from assistant.compose.builder import Draft
from assistant.compose.characteristics import own_group_explained
from assistant.pipeline import Candor
from assistant.practices.summary import GroupFigure, GroupingResult, PracticeFigures


def _figures(groups: list[GroupFigure], comparisons: tuple[GroupingResult, ...]) -> PracticeFigures:
    return PracticeFigures(
        decisions=200, customers=40, exposed_customers=20, value_per_customer=None, period=None, min_group_size=10,
        category_use={}, unused=(), mismatches=(), groups={"attribute age_band": groups}, comparisons=comparisons,
    )  # fmt: skip


OLD = GroupFigure("attribute age_band", "55+", 14, 0.14, 0.04, 0.4)
YOUNG = GroupFigure("attribute age_band", "18-34", 12, 0.5, 0.25, 0.75)
MIDDLE = GroupFigure("attribute age_band", "35-54", 14, 0.5, 0.25, 0.75)


def _said(candor: Candor, group: GroupFigure, figures: PracticeFigures) -> str:
    draft = Draft(intent="fairness", catalog=candor.catalog)
    own_group_explained(draft, group, figures)
    return " ".join(line.text for line in draft.lines)


@pytest.mark.parametrize(
    ("group", "comparisons", "expected"),
    [
        # Compared, below four fifths but not beyond chance: said so.
        (OLD, (GroupingResult("attribute age_band", OLD, YOUNG, 0.28, False, ()),), "cannot tell the difference"),
        # Compared, the groups within four fifths of each other: that is the reason, not chance.
        (OLD, (GroupingResult("attribute age_band", OLD, YOUNG, 0.85, False, ()),), "within four fifths"),
        # No other group large enough to compare with.
        (OLD, (), "no other age band has the 10 customers"),
        # Flagged: the finding itself is listed, no second explanation.
        (OLD, (GroupingResult("attribute age_band", OLD, YOUNG, 0.28, True, ()),), ""),
        # At or above four fifths of the overall rate: nothing to explain.
        (MIDDLE, (), ""),
    ],
)
def test_a_low_figure_for_the_customers_group_is_explained_unless_flagged(
    candor: Candor, group: GroupFigure, comparisons: tuple[GroupingResult, ...], expected: str
) -> None:
    said = _said(candor, group, _figures([OLD, YOUNG, MIDDLE], comparisons))
    assert (expected in said) if expected else said == ""
