"""Word lists the name rules read: given and family names (Faker's locale data, used as a lexicon) and everyday
English words (Webster's 1934 word list from the `english-words` package), each loaded once per process."""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
import re
from pathlib import Path

_LOCALES = (
    "en_US", "en_GB", "en_IN", "en_AU", "en_IE", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "pt_BR", "pt_PT",
    "nl_NL", "sv_SE", "da_DK", "no_NO", "fi_FI", "pl_PL", "cs_CZ", "hu_HU", "ro_RO", "tr_TR", "ga_IE", "yo_NG",
    "zu_ZA", "id_ID", "vi_VN", "ja_JP", "zh_CN", "ko_KR", "ar_AA", "fa_IR", "he_IL", "el_GR", "uk_UA", "ru_RU",
)  # fmt: skip
# Lower-case Latin letters: ASCII, Latin-1, Latin Extended-A and -B, Latin Extended Additional (Vietnamese).
_LATIN_NAME = re.compile(r"^[a-zßà-öø-ÿ\u0100-\u024f\u1e00-\u1eff'’-]{2,}$")


@functools.cache
def common_words() -> frozenset[str]:
    """Everyday English words (Faker's lorem list): an unknown word before a family name that is one of these
    ("Read More", "West Collins") is not a given name."""
    try:
        provider = importlib.import_module("faker.providers.lorem.en_US").Provider
    except (ImportError, AttributeError):
        return frozenset()
    return frozenset(w.lower() for w in provider.word_list)


@functools.cache
def person_names(exclude: frozenset[str] = frozenset()) -> tuple[frozenset[str], frozenset[str]]:
    """Given names and family names (lowercase, Latin script) across many locales, less `exclude`."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in _LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):
            continue
        for attr, bucket in (
            ("first_names", first),
            ("first_romanized_names", first),
            ("last_names", last),
            ("last_romanized_names", last),
            # Locales that keep family names by gender only (pl_PL: "Kowalczyk"; ru_RU, cs_CZ, el_GR, uk_UA).
            ("unisex_last_names", last),
            ("male_last_names", last),
            ("last_names_male", last),
            ("last_names_female", last),
        ):
            bucket.update(n.lower() for n in getattr(provider, attr, ()) if n.isascii() or n.isalpha())
    return _latin_names(first, exclude), _latin_names(last, exclude)


# nomquamgender's table gives, per given name, how many of its sources hold the name and how many people bore
# it: a name in few sources, or borne by few people, is as often a misspelling, a word or a family name.
_MIN_SOURCES = 8
_MIN_PEOPLE = 200
_ENTRY = re.compile(rb'"((?:[^"\\]|\\.){2,40})": \[(\d+), (\d+),')


@functools.cache
def _name_table() -> dict[str, int]:
    """nomquamgender's given names in enough sources and borne by enough people, with how many bore each. Read
    as text from the data file its wheel ships, not through the package, whose import loads pandas and the
    whole table."""
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    names: dict[str, int] = {}
    for m in _ENTRY.finditer(raw):
        if int(m.group(2)) >= _MIN_SOURCES and (people := int(m.group(3))) >= _MIN_PEOPLE:
            key = m.group(1).decode("utf-8")
            names[json.loads(f'"{key}"') if "\\" in key else key] = people
    return names


@functools.cache
def more_given_names() -> frozenset[str]:
    """Given names of many origins ("kaye", "kasia", "nikhil", "oluwaseun") from nomquamgender's table (MIT;
    gathered from national name registers)."""
    return frozenset(_name_table())


# Borne by this many people in the table: a name common enough to be meant as one even in lower case.
_WIDELY_BORNE = 20_000


@functools.cache
def english_given_names() -> frozenset[str]:
    """Given names long in English use: Webster's 1934 lists them capitalised ("Emily", "Conor", "Hubert"), GCIDE
    has no word so spelt ("leo", "islam", "dat" are out) and the table counts at least 20,000 bearers ("Meta",
    "Sina" are out)."""
    table, second = _name_table(), _second_dictionary()
    proper = {w.lower() for w in _words("web2") if w[:1].isupper()}
    return frozenset(n for n in proper if table.get(n, 0) >= _WIDELY_BORNE and n not in second)


def _latin_names(names: set[str], exclude: frozenset[str]) -> frozenset[str]:
    """Names written in Latin script, with any letters of their own alphabet ("łukasz", "yıldız", "nguyễn").
    Their forms without diacritics are not added: on the third-party dev split they named places and headings
    ("América Welcome", "Side Hill") more often than people."""
    return frozenset(name for name in names if _LATIN_NAME.match(name) and name not in exclude)


@functools.cache
def _words(source: str) -> frozenset[str]:
    """One of english-words' lists as it spells them ("web2": Webster's 1934; "gcide"), read once; empty
    without the package."""
    try:
        from english_words import get_english_words_set
    except ImportError:
        return frozenset()
    return frozenset(get_english_words_set([source], lower=False))


@functools.cache
def _dictionary() -> frozenset[str]:
    """Words the dictionary writes in lower case: "form", "stadium", "carol". Webster's capitalises proper
    nouns ("Kathleen", "Craig"), so they are left out."""
    return frozenset(w for w in _words("web2") if w.islower())


@functools.cache
def _second_dictionary() -> frozenset[str]:
    """The words of a second dictionary (GCIDE, from the same package), in lower case."""
    return frozenset(w.lower() for w in _words("gcide"))


@functools.cache
def long_dictionary_words(shortest: int = 5) -> frozenset[str]:
    """GCIDE's words of at least `shortest` letters, in lower case: real words typo repair must leave alone
    ("hoarding" is no "sharing"). Shorter ones are left out, since GCIDE also holds chat spellings as old words
    ("wen", "sory")."""
    return frozenset(w for w in _second_dictionary() if len(w) >= shortest and w.isalpha())


def name_more_than_word(low: str) -> bool:
    """Whether a given name that Webster's 1934 holds as a word is a word only there: GCIDE, a second
    dictionary, has no such word at all ("emma", "hasan"), where it has "grace", "mark" and "bill"."""
    return low not in _second_dictionary()


# Chat words no dictionary holds ("Tanner lol", "Plz can I…", "Wtf is…"): no name, wherever they stand.
CHAT_WORDS = frozenset(
    """lol lmao lmfao rofl omg wtf tbh smh btw imo idk pls plz thx tho gonna wanna gotta ikr ngl
    ive youre theyre dont didnt doesnt isnt wasnt cant couldnt wouldnt shouldnt thats whats""".split()
)  # and contractions typed without their apostrophe ("Ive had two of these emails")


def in_any_dictionary(low: str) -> bool:
    """Whether either dictionary holds a lower-case word in any spelling, proper nouns too ("christ", "carol")."""
    return everyday(low) or low in _second_dictionary()


def everyday(low: str) -> bool:
    """Whether a lower-case word, or its singular, is an everyday English word ("flowers", "solutions")."""
    words = _dictionary()
    if low in words:
        return True
    if low.endswith("ies"):
        return low[:-3] + "y" in words
    return low.endswith("s") and (low[:-1] in words or (low.endswith("es") and low[:-2] in words))


# A thing named by its brand, not a person: "an email about Titan tents", "I bought Hunter boots".
THING_AFTER = frozenset(
    "offer offers deal deals sale promo promotion coupon voucher discount ad ads advert email emails newsletter "
    "store stores shop outlet brand product products range collection kit bundle boots shoes sneakers trainers "
    "jacket jackets coat tent tents backpack backpacks bag bags bike bikes kayak kayaks gear hoodie plan app".split()
)
