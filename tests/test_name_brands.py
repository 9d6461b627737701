"""Other companies' brands in customer questions stay readable, and people in the same places are still redacted.

The rules that read a word by its place ("X is …", "you and X", "thank you X", "fan of X") found names in user
comments, and took brands in data questions for people: "Garmin is linked to my account" lost "Garmin", so the
answer could not say "not Garmin". Small data, then cases (the style of Presidio's recognizer tests)."""

from __future__ import annotations

import pytest

from assistant.guardrails.brands import borne_by_people, brands, is_brand, named_as_thing
from assistant.guardrails.redactor import Redactor

# (question, the word that must stay readable)
BRANDS_KEPT = [
    # A sentence's subject before a verb (name_subjects.sentence_subject).
    ("Garmin is linked to my account, can you unlink it?", "Garmin"),
    ("Klarna said you sent my order details.", "Klarna"),
    ("Adidas was sent my address?", "Adidas"),
    # Joined by "and" to "you", "me" or "I" (name_cues.beside_you).
    ("do you and Google swap my data?", "Google"),
    ("Me and Spotify are done.", "Spotify"),
    ("Netflix and I are done.", "Netflix"),
    # After "thank you", "bye", "poor" (name_cues.said_to).
    ("thank you Facebook, very creepy", "Facebook"),
    # After "looks like", "fan of", "better than" (name_cues.likened).
    ("it looks like Strava has my runs", "Strava"),
    ("I'm a fan of Patagonia but not of your emails", "Patagonia"),
    ("your app is better than Zalando", "Zalando"),
    # A known given name that a brand shares, alone (name_alone.lone_name).
    ("Is Nike getting my data?", "Nike"),
    ("Does Tesla get my location from you?", "Tesla"),
    # A possessive.
    ("Google's ads follow me everywhere", "Google"),
    # A brand many people are named too, where the text names it as a thing.
    ("Does Chase get my data? It is my Chase account", "Chase"),
    # A firm no list holds, which the text names as a thing: "my … account", a web address.
    ("My Quorvex account is linked to you. Quorvex said you share my runs.", "Quorvex"),
    ("do you and Trevlo swap my data? I only use trevlo.com", "Trevlo"),
    # A place beside "and I" is where the writer lives (name_cues.beside_you).
    ("I live in Colorado and I want to opt out of any sale of my data", "Colorado"),
    ("I live in Germany and I think I get fewer deals", "Germany"),
    # "I'm"/"I am" before a word the dictionary holds says what the writer is, not who (name_cues.cued).
    ("I'm Black. Does your system show me different offers?", "Black"),
    ("is it becuase im young that you keep pushing running shoes at me?", "young"),
    ("I'm Turkish living in Germany, do you target by nationality?", "Turkish"),
    ("Does your system think I'm short on money?", "short"),
    ("Bonjour, I am french. Do you treat the french clients less good?", "french"),
    # After "my name is", a dictionary word no name lexicon holds (name_cues.cued).
    ("Because my name is Indian, do you guess my religion?", "Indian"),
    # Two everyday words in lower case are no given and family name (name_context.lower_pair).
    ("someone on a forum said people over 65 get fewer offers", "forum"),
    # A contraction typed without its apostrophe starts no name (lexicons.CHAT_WORDS).
    ("I don't own a bike. Ive had two of these emails now", "Ive"),
    # After a greeting that opens a comment (name_subjects.greeted): a brand, a word, capitals.
    ("hey Spotify why is my playlist public", "Spotify"),
    ("hey guys nice video", "guys"),
    ("Hey GT will you play", "GT"),
    ("yo Ahmed Khan here", "here"),
]

# (question, the name that must still be redacted)
NAMES_REDACTED = [
    # The same places, a person: invented names no lexicon holds, and known given names.
    ("you and Desko looked great at the store", "Desko"),
    ("Themba is obsessed with your kayak emails", "Themba"),
    ("Abbey and I share the family plan", "Abbey"),
    ("Thank you Hendo for sorting my refund", "Hendo"),
    ("You sound like James", "James"),
    ("Is Jonas getting my purchases?", "Jonas"),
    # A known given name is never a firm by how the text names something else ("the Jonas offer").
    ("Is the Jonas offer mine? Jonas said so", "Jonas"),
    # A person who shares a brand's name, with a family name or after a cue.
    ("Harrison Ford is my neighbour and got my parcel", "Harrison Ford"),
    ("my name is Tesla Morgan", "Tesla Morgan"),
    ("Dear Mr Ford, your refund is on its way", "Ford"),
    # A brand many people are named too is a person's name when the text says nothing else.
    ("Claude said he would call me about the refund", "Claude"),
    ("thank you Chase for sorting my order", "Chase"),
    ("Is Zara getting my data?", "Zara"),
    # "I'm" before a known given name or a word no dictionary holds is still the writer's name.
    ("Hi, I'm Rose Smith and I want my data", "Rose Smith"),
    ("hi im emma, where is my order", "emma"),
    ("I'm Themba, please delete my account", "Themba"),
    ("I'm Okafor from the Leeds store", "Okafor"),
    ("my name is Black and I want my data", "Black"),
    ("is my ex jonas weber still in your group?", "jonas weber"),
    # Greeted at a comment's start, in any case.
    ("hey titi nice video", "titi"),
    ("yea tanner do another hide and seek", "tanner"),
]


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


@pytest.mark.parametrize(("text", "word"), BRANDS_KEPT)
def test_a_brand_or_a_word_about_the_writer_stays_readable(redactor: Redactor, text: str, word: str) -> None:
    found = [s.text for s in redactor.analyze(text) if s.entity_type == "PERSON"]
    assert not any(word in f for f in found), found


@pytest.mark.parametrize(("text", "name"), NAMES_REDACTED)
def test_a_person_in_the_same_place_is_still_redacted(redactor: Redactor, text: str, name: str) -> None:
    assert name in [s.text for s in redactor.analyze(text) if s.entity_type == "PERSON"]


def test_the_lexicon_is_one_lower_case_word_each() -> None:
    assert all(b == b.lower() and " " not in b for b in brands())
    assert is_brand("google") and is_brand("google's") and not is_brand("kathleen")
    assert borne_by_people("claude") and not is_brand("claude")


@pytest.mark.parametrize(
    ("text", "word", "thing"),
    [
        ("my quorvex account", "quorvex", True),
        ("the quorvex app crashed", "quorvex", True),
        ("mail me at info@quorvex.io", "quorvex", True),
        ("quorvex ads everywhere", "quorvex", True),
        ("quorvex is my cousin", "quorvex", False),
        ("you and quorvex", "quorvex", False),
        ("the quorvexian way", "quorvex", False),
    ],
)
def test_a_word_named_as_a_thing(text: str, word: str, thing: bool) -> None:
    assert named_as_thing(text, word) is thing
