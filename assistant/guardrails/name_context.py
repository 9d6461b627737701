"""Names known by the words around them, where the lexicon alone is not enough: a known given name typed in
lower case in a casual message ("wow emma and chloe are so funny")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.guardrails.lexicons import THING_AFTER, common_words, english_given_names, everyday, name_more_than_word
from assistant.guardrails.places import regions, towns

# A word: letters, with hyphens inside ("Min-seo"); an apostrophe ends it ("Ryan's").
WORDS = re.compile(r"[^\W\d_][^\W\d_'’]*(?:-[^\W\d_]+)*")
# The same, where the O or D that begins an Irish or Italian family name keeps its apostrophe ("O'Sullivan",
# "d'Amico"); used only on a text that holds such a letter and apostrophe, as it is slower.
_WORDS_APOSTROPHE = re.compile(r"[^\W\d_](?:(?<=\b[OoDd])['’](?=[^\W\d_]{2}))?[^\W\d_'’]*(?:-[^\W\d_]+)*")
_APOSTROPHE_NAMES = ("O'", "D'", "o'", "d'", "O’", "D’", "o’", "d’")
# The same two on ASCII text, where a letter is [A-Za-z]: the same words, found about a third faster than with
# "a word character, not a digit or an underscore", which the regex engine tests a category at a time.
_ASCII_WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_ASCII_WORDS_APOSTROPHE = re.compile(r"[A-Za-z](?:(?<=\b[OoDd])'(?=[A-Za-z]{2}))?[A-Za-z]*(?:-[A-Za-z]+)*")


def name_words(text: str) -> list[re.Match[str]]:
    """The text's words, as name rules read them."""
    apostrophe = ("'" in text or "’" in text) and any(a in text for a in _APOSTROPHE_NAMES)
    if text.isascii():
        return list((_ASCII_WORDS_APOSTROPHE if apostrophe else _ASCII_WORDS).finditer(text))
    return list((_WORDS_APOSTROPHE if apostrophe else WORDS).finditer(text))


# A line this capitalised is a heading or a menu ("Metal Wall Art", "City Hall"): capitals there say nothing about
# names, so the lexicon rules stay quiet on it (cue phrases and the directory still count).
_TITLE_LINE_WORDS = 4
_TITLE_LINE_SHARE = 0.75


def title_case_line(text: str, start: int, short_too: bool = False) -> bool:
    """Whether the line around `start` reads as a heading or menu item; with `short_too`, a line of three
    capitalised words or fewer counts as one ("Floor Plans", "Hyde Park")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    words: list[str] = (_ASCII_WORDS if line.isascii() else WORDS).findall(line)
    capitals = sum(w[0].isupper() for w in words)
    if len(words) < _TITLE_LINE_WORDS:
        return short_too and capitals == len(words)
    return capitals >= _TITLE_LINE_SHARE * len(words)


# Words before a thing or a place more often than before a person ("the alex theatre", "in sydney").
_BEFORE_THING = frozenset("the a an this that these those our your his her their in at near from to via".split())
# Given names that are words newer than the dictionaries (an abbreviation, a letter, slang) or brands written
# in lower case: "the max you keep", "mercedes", "heinz".
_WORDS_TOO = frozenset("max kay dick mercedes heinz".split())
# Characters that glue a word into an address, a handle or a file name ("emily@mail.com", "chloe_x", "alex.jpg").
_GLUE = "@._/#:=+&%~\\"


def _glued(text: str, at: int, beyond: int) -> bool:
    """Whether the character at `at` glues the word to more of a handle or an address ("alex.jpg", "x_emily"):
    a glue character with a letter or digit beyond it ("thanks, alex." ends a sentence)."""
    inside = 0 <= at < len(text) and 0 <= beyond < len(text)
    return inside and text[at] in _GLUE and text[beyond].isalnum()


def lower_given(
    text: str, tokens: list[re.Match[str]], lows: list[str], at: list[int], not_names: frozenset[str]
) -> Iterator[tuple[int, int, float]]:
    """A known given name typed in lower case, alone among lower-case words: a casual message names people
    so ("i swear freddie laughs at everything"). Only a given name long in English use and no word
    (lexicons.english_given_names: "alex", "chloe"; not "mason", "grace", "leo"), no place, not before a thing's
    word ("alex theatre"), not glued to an address or a handle, not after a determiner or a preposition of place,
    and not next to a capitalised word (a longer name or a thing's, which the other rules judge)."""
    given, common, places = english_given_names(), common_words(), regions()[0]
    for k in at:
        low = lows[k]
        if low not in given or not tokens[k].group().islower() or low in not_names or low in common or low in places:
            continue
        if low in _WORDS_TOO or (low.endswith("s") and everyday(low)):  # "miles"
            continue
        start, end = tokens[k].span()
        if _glued(text, start - 1, start - 2) or _glued(text, end, end + 1) or text[end : end + 1] == "-":
            continue
        if start and text[start - 1] in "'’":  # "o'neill"
            continue
        if (start and text[start - 1].isdigit()) or text[end : end + 1].isdigit():
            continue  # letters inside a code or a reference ("od-2405-a3ada04b")
        space_before = k and text[tokens[k - 1].end() : start] == " "
        if space_before and (lows[k - 1] in _BEFORE_THING or not tokens[k - 1].group().islower()):
            continue
        if k + 1 < len(tokens) and text[end : tokens[k + 1].start()] == " ":
            following = tokens[k + 1].group()
            if following in THING_AFTER or not following.islower():
                continue
        yield start, end, 0.5


def lower_pair(
    text: str, tokens: list[re.Match[str]], words: list[str], k: int, last: frozenset[str], common: frozenset[str]
) -> bool:
    """Whether a lower-case given name at k and the known family name after it are a name ("paul walker"): not
    when either is an everyday little word, or both are everyday words, where the pair is words ("said he", "per
    day", "om de", "a forum said")."""
    if k + 1 >= len(tokens) or text[tokens[k].end() : tokens[k + 1].start()] != " ":
        return False
    family, given = words[k + 1], words[k].lower()
    if family not in last or len(family) < 3 or family in common or given in common:
        return False
    return not (everyday(given) and everyday(family))  # two words, not a name: "someone on a forum said"


def _sure_given(low: str, first: frozenset[str]) -> bool:
    """Whether a word is a known given name and no everyday word ("Craig", "Jennie"; not "Carol", "Bill")."""
    return low in first and low not in common_words() and not (everyday(low) and not name_more_than_word(low))


def coordinated(
    text: str,
    tokens: list[re.Match[str]],
    lows: list[str],
    at: list[int],
    names: tuple[frozenset[str], frozenset[str]],
    not_names: frozenset[str],
) -> Iterator[tuple[int, int, float]]:
    """Two given names joined by "and" or "&" name two people, even where one of them is an everyday word
    ("Carol and Craig", "Bill and Alla", "Curt & Matt"): both known given names, both capitalised (not in
    capitals), one at least no everyday word. Two family names joined by "&", or a pair's possessive, are
    a firm or a brand ("Rose & Kiernan", "Ben & Jerry's"), and two names before a product word are brands ("Jasper
    and Titan tents"). `at`: where known given names stand; `names`: the
    lexicon's given and family names."""
    first, last = names
    for k in at:
        if k + 1 >= len(tokens):
            continue
        gap = text[tokens[k].end() : tokens[k + 1].start()]
        if gap == " & ":
            other = k + 1
        elif gap == " " and lows[k + 1] == "and" and k + 2 < len(tokens):
            other = k + 2
            if text[tokens[k + 1].end() : tokens[other].start()] != " ":
                continue
        else:
            continue
        pair = (k, other)
        if not all(tokens[j].group()[0].isupper() and not tokens[j].group().isupper() for j in pair):
            continue
        if any(lows[j] not in first or lows[j] in not_names for j in pair):
            continue
        possessive = text[tokens[other].end() :].startswith(("'s", "’s"))
        if gap == " & " and (possessive or all(lows[j] in last for j in pair)):
            continue
        after = other + 1
        if (
            after < len(tokens)
            and lows[after] in THING_AFTER
            and text[tokens[other].end() : tokens[after].start()] == " "
        ):
            continue  # two brands before what they name: "Jasper and Titan tents"
        if _sure_given(lows[k], first) or _sure_given(lows[other], first):
            for j in pair:
                yield tokens[j].start(), tokens[j].end(), 0.6


# Verbs whose subject is a person: a given name before one names someone, even an everyday word ("Tony said
# he would", "Harry got shot", "James looks like"). "is" and "was" are not among them ("Summer is here").
_PERSON_VERBS = frozenset(
    """said says told tells asked asks replied wrote writes looks looked got thinks thought knows knew wants
    wanted went grew pulls pulled laughs laughed smiled cried sang loves loved hates hated""".split()
)


def acting(
    text: str, tokens: list[re.Match[str]], lows: list[str], at: list[int], not_names: frozenset[str]
) -> Iterator[tuple[int, int, float]]:
    """A capitalised known given name right before a verb whose subject is a person ("Tony said", "Brett pulls
    a dick move"), not after a determiner or a capitalised word (a longer name or a thing's: "the Hunter looks",
    "Apple Pay got"), not a country."""
    places = regions()[0]
    for k in at:
        word, low = tokens[k].group(), lows[k]
        if k + 1 >= len(lows) or lows[k + 1] not in _PERSON_VERBS or low in not_names or low in places:
            continue
        if not word[0].isupper() or word.isupper() or text[tokens[k].end() : tokens[k + 1].start()] != " ":
            continue
        if k and text[tokens[k - 1].end() : tokens[k].start()] == " ":
            previous = tokens[k - 1].group()
            if lows[k - 1] in _BEFORE_THING or (previous[0].isupper() and lows[k - 1] not in not_names):
                continue
        yield tokens[k].start(), tokens[k].end(), 0.6


_ADDRESSED = re.compile(r" ?[.!?]")


def addressed(
    text: str, tokens: list[re.Match[str]], lows: list[str], at: list[int], not_names: frozenset[str]
) -> Iterator[tuple[int, int, float]]:
    """A known given name said to someone at a sentence's end, after a comma ("Where are my socks, Summer?",
    "thanks for the quick help, hamish."): even an everyday word in capitals; in lower case no everyday word.
    Not a country or a town ("…, Kolkata 700655, India.", "…, Madison.")."""
    places, cities = regions()[0], towns()
    for k in at:
        word, low, start = tokens[k].group(), lows[k], tokens[k].start()
        if text[start - 2 : start] != ", " or not _ADDRESSED.match(text, tokens[k].end()) or len(low) < 3:
            continue
        if low in not_names or low in places or low in cities or word.isupper():
            continue
        if word.islower() and (everyday(low) or low in common_words()):
            continue
        yield start, tokens[k].end(), 0.6


# A text needs this many lower-case words of three letters or more before its language is judged.
_FOREIGN_MIN_WORDS = 6
_FOREIGN_SHARE = 0.5
_FOREIGN_WINDOW = 600  # characters read from the text's start: its language seldom changes further on
# Lower-case words, not parts of an address, a handle or a file name ("trahimi@…", "btinternet.com").
_LOWER_WORD = re.compile(r"(?<![\w@./])[a-zà-öø-ÿ]{3,}(?![\w@./])")


def foreign(text: str) -> bool:
    """Whether a text is mostly in another language than English: fewer than half its lower-case words are
    English words ("Inga inrapporterade", "Alla produkter tillverkas", "Odin abonnement"). There a given name
    alone is as often a word of that language, and the rules that read a lone name from English words around it
    do not apply."""
    words = _LOWER_WORD.findall(text, 0, _FOREIGN_WINDOW)
    if len(words) < _FOREIGN_MIN_WORDS:
        return False
    common = common_words()
    english = sum(1 for w in words if w in common or everyday(w))
    return english < _FOREIGN_SHARE * len(words)


def acronym_led(words: list[str], k: int) -> bool:
    """Whether word k is an acronym in capitals before a word in title case ("RV Park", "YUI Library"): a thing's
    name. A person's name in capitals is wholly in capitals ("JOHN SMITH")."""
    if len(words[k]) < 2 or not words[k].isupper() or k + 1 >= len(words):
        return False
    return words[k + 1][0].isupper() and not words[k + 1].isupper()
