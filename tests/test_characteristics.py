"""Protected characteristics named in a question, read as people write them, and the ambiguous words that are not."""

from __future__ import annotations

import pytest

from assistant.practices.characteristics import characteristics_named


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("is your recommendation thing biased against women", ("gender",)),
        ("do men get better deals?", ("gender",)),
        ("are your offers racist?", ("ethnic origin",)),
        ("do you treat ethnic minorities differently", ("ethnic origin",)),
        ("would a muslim customer see other offers", ("religion",)),
        ("do gay customers get different ads", ("sexual orientation",)),
        ("do foreigners get worse prices", ("nationality",)),
        ("is it sexist and racist", ("gender", "ethnic origin")),
        # Not characteristics: a sale, a transfer, a screen setting, an age.
        ("why did I get the black friday email", ()),
        ("do you transfer my data abroad", ()),
        ("do older people get fewer offers", ()),
        ("is the screen orientation tracked", ()),
    ],
)
def test_characteristics_are_read_from_everyday_words(question: str, named: tuple[str, ...]) -> None:
    assert characteristics_named(question) == named
