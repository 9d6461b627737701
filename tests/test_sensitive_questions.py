"""Sensitive data asked about as people ask it: the data, that it is special-category, every offer, group and
prediction of the customer's that used it (or plainly none), and how to stop it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assistant.pack.loader import load_pack
from assistant.pack.models import Category
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT, Settings
from assistant.understand.sensitive import sensitive_asked

LUMEN = REPO_ROOT / "tests" / "fixtures" / "packs" / "lumen"


@pytest.fixture(scope="module")
def catalogs() -> dict[str, dict[str, Category]]:
    return {name: load_pack(path).categories for name, path in {"nw": REPO_ROOT / "knowledge", "lu": LUMEN}.items()}


@pytest.mark.parametrize(
    ("pack", "question", "expected"),
    [
        ("nw", "r u guys using my heart rate thing from the watch to choose deals??", ("health_fitness_data",)),
        ("nw", "are you using my fitness tracker to choose deals", ("health_fitness_data",)),
        ("nw", "do you know I'm diabetic?? why is that being used for ads", ("health_fitness_data",)),
        ("nw", "what steps do I take to delete my account", ()),
        ("nw", "why did I see the water bottle offer?", ()),
        ("lu", "do you know I've been anxious lately? is that why you push the sleep stuff", ("wellbeing-listening",)),
        ("lu", "do you use my listening history for recommendations", ()),
    ],
)
def test_a_question_names_sensitive_data_by_its_own_or_everyday_words(
    catalogs: dict[str, dict[str, Category]], pack: str, question: str, expected: tuple[str, ...]
) -> None:
    assert sensitive_asked(question, catalogs[pack]) == expected


def test_asked_about_sensitive_data_the_customer_gets_every_offer_and_group_that_used_it(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1015"), "do you know my heart rate?? why is that being used for ads")
    assert answer.verified and answer.intent != "out_of_scope"
    text = answer.text
    assert "sensitive data" in text and "Fitness tracker data".lower() in text.lower()
    assert "D-955" in text and "D-713" in text and "Fitness-tracker high performers" in text
    assert "flagged this for our privacy team" in text
    assert "can't help with that" not in text
    assert "To stop us using it" in text


def test_sensitive_data_never_used_for_this_customer_is_said_plainly(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1007"), "are you using my fitness tracker to choose deals")
    assert answer.verified
    assert "None of the" in answer.text and "used fitness tracker data" in answer.text
    assert not answer.decision_ids


def test_the_second_pack_answers_a_wellbeing_worry_from_its_own_log(tmp_path_factory: pytest.TempPathFactory) -> None:
    lumen = Candor(
        Settings(knowledge_dir=LUMEN, data_dir=tmp_path_factory.mktemp("lumen"), now=datetime(2024, 9, 30, tzinfo=UTC))
    )
    answer = lumen.ask(
        lumen.conversation("lumen:u:30503"),
        "do you know I've been anxious lately? is that why you push the sleep stuff",
    )
    assert answer.verified
    assert "sensitive data" in answer.text and "od-2403-2dfdaacc" in answer.text


@pytest.mark.parametrize(
    "question",
    ["what time does the race start", "i'm sick of this offer, why do i keep getting it", "do you know my religion?"],
)
def test_idioms_and_other_special_categories_are_not_read_as_the_packs_health_data(
    catalogs: dict[str, dict[str, Category]], question: str
) -> None:
    assert sensitive_asked(question, catalogs["nw"]) == ()


def test_a_sharing_question_about_sensitive_data_also_says_who_receives_data(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1015"), "do you share my fitness tracker data with anyone?")
    assert answer.verified and "sensitive data" in answer.text
    # Who receives that kind, from the catalog: here, no one.
    assert "Our data catalog lists no one who receives fitness tracker data." in answer.text
