"""Person names: the company's own directory as a gazetteer, and a general method for names it doesn't
know — cue phrases ("my name is …", "Dear …", name_cues.py) and known given names (lexicons.py) followed by a
capitalised word, kept apart from places (places.py) and businesses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.guardrails.brands import borne_by_people, is_brand, named_as_thing
from assistant.guardrails.gazetteer import Gazetteer
from assistant.guardrails.lexicons import (
    common_words,
    everyday,
    person_names,
)
from assistant.guardrails.name_alone import lone_name
from assistant.guardrails.name_context import (
    acronym_led,
    acting,
    addressed,
    coordinated,
    foreign,
    lower_given,
    lower_pair,
    name_words,
    title_case_line,
)
from assistant.guardrails.name_cues import beside_you, cued, cues, likened, said_to
from assistant.guardrails.name_forms import (
    lower_family,
    lower_family_at_end,
    lower_family_unknown,
    nicknamed,
    self_named,
    surname_first,
)
from assistant.guardrails.name_lexicon import (
    NOT_NAMES,
    ORG_WORDS,
    PARTICLES,
    before_org_word,
    known_names,
    lexicon,
)
from assistant.guardrails.name_roles import beside_role, inflected, initialled
from assistant.guardrails.name_subjects import greeted, sentence_subject
from assistant.guardrails.named_after import department_before_job, inside_longer_name, named_place, names_a_group

# US mortgage agencies, everywhere on property pages, named like women and men.
_NAMED_LIKE_PEOPLE = {"fannie": "mae", "freddie": "mac", "ginnie": "mae", "sallie": "mae"}

# A form's minimum and maximum ("Min Price", "Max Bath:", "Min SqFt"), not the given names.
_LIMITS = frozenset(("min", "max"))


def _form_limit(text: str, tokens: list[re.Match[str]], lows: list[str], k: int) -> bool:
    """Whether "Min" or "Max" starts a form's field: before an everyday word or a field's colon."""
    if lows[k] not in _LIMITS or k + 1 >= len(lows):
        return False
    return everyday(lows[k + 1]) or text[tokens[k + 1].end() : tokens[k + 1].end() + 1] == ":"


def _initial(word: str, gap: str) -> bool:
    """Whether `word` and the `gap` after it are an initial and its full stop ("J. ", "R.D.")."""
    return len(word) == 1 and word.isupper() and gap in (". ", ".")


def _name_run(tokens: list[re.Match[str]], i: int, text: str, lowercase_ok: bool, max_len: int = 3) -> int:
    """How many tokens from i form a name: capitalised words (or lexicon words when lowercase is allowed)
    separated by single spaces, with name particles (van, de, …) allowed inside."""
    first, last = lexicon()
    count = 0
    j = i
    while j < len(tokens) and count < max_len:
        word = tokens[j].group()
        low = word.lower()
        # After an initial ("J. Mayopoulos") only a word that is no everyday word ("J. Then" ends a sentence).
        if (
            j > i
            and (gap := text[tokens[j - 1].end() : tokens[j].start()]) != " "
            and not (_initial(tokens[j - 1].group(), gap) and (low in last or low not in common_words()))
        ):
            break
        if low in PARTICLES and j > i and j + 1 < len(tokens):
            j += 1
            continue
        capital = word[0].isupper()
        # A middle initial may be a word the list holds ("Howard I. Zimmerman", "Brian A Harris").
        middle = j > i and len(word) == 1 and capital and j + 1 < len(tokens) and tokens[j + 1].group()[0].isupper()
        if (low in NOT_NAMES and not middle) or not (capital or (lowercase_ok and (low in first or low in last))):
            break
        count += 1
        j += 1
    while j > i and tokens[j - 1].group().lower() in PARTICLES:
        j -= 1
    return j - i if count else 0


# Latin-1's signs and marks, which a page decoded with the wrong code page leaves after "Ã" or "Ä" ("SeÃ§im",
# "QaydalarÄ±"): a word cut before one is half of a mangled word, no name. Not the no-break space or the soft
# hyphen, which pages use as they are.
_MOJIBAKE_NEXT = re.compile("[\x80-\x9f\xa1-\xac\xae-\xbf]")


def find_names(text: str, gazetteer: Gazetteer | None = None) -> Iterator[tuple[int, int, float]]:
    """Person names in `text`, as (start, end, score)."""
    found = _find_names(text, gazetteer)
    if not text.isascii() and _MOJIBAKE_NEXT.search(text) is not None:
        found = ((s, e, score) for s, e, score in found if not _mangled_at(text, e))
    return (f for f in found if f[2] >= _SURE or not _a_firm(text, text[f[0] : f[1]].lower()))


def _a_firm(text: str, low: str) -> bool:
    """Whether a one-word name names a well-known firm, or, when no name lexicon knows it, one the text names as a
    thing ("my Arlo account", "my Chase account"; "the Jonas offer" does not make Jonas a firm)."""
    if " " in low:
        return False
    unknown = low not in known_names() or borne_by_people(low)
    return is_brand(low) or (unknown and named_as_thing(text.lower(), low))


# A cue ("my name is …", "Dear …") or the directory is evidence enough for any word; below it, a word alone that
# names a well-known company or service is no person ("Garmin is linked", "you and Google", "thank you Klarna").
_SURE = 0.85


def _mangled_at(text: str, end: int) -> bool:
    """A UTF-8 lead byte read as Latin-1 ending the word, then a continuation byte ("SeÃ§im"): not «Kathleen»."""
    return end > 0 and "\xc2" <= text[end - 1] <= "\xdf" and _MOJIBAKE_NEXT.match(text, end) is not None


def _find_names(text: str, gazetteer: Gazetteer | None = None) -> Iterator[tuple[int, int, float]]:
    first, last = lexicon()
    if gazetteer is not None:
        yield from ((start, end, 1.0) for start, end in gazetteer.find(text.lower()))
    tokens = name_words(text)
    words: list[str] = list(map(re.Match.group, tokens))
    lows = list(map(str.lower, words))
    # Cue phrases are tried only where a word that starts one stands: a set lookup per word instead of a scan.
    for j, lowercase_ok, which in cues(text, tokens, lows, first):
        if (n := _name_run(tokens, j, text, lowercase_ok)) and cued(lows, j, which, first, last):
            # "SURNAME, Given" after a cue ("Account holder DESHPANDE, Venkatesh") is one name.
            end = j + n - 1
            if n == 1 and (surname_first(text, tokens, words, end) or lower_family(text, tokens, lows, end, NOT_NAMES)):
                end += 1
            if not names_a_group(text, tokens, lows, end + 1):
                yield tokens[j].start(), tokens[end].end(), 0.85
    common = common_words()
    faker_first = person_names(NOT_NAMES)[0]
    given_at = [k for k, low in enumerate(lows) if low in first]
    in_english: bool | None = None  # judged once, when a lone given name needs it
    for k in given_at:
        low = lows[k]
        # A page's capitals ("PHIL SOURCE", "RONIN SELECTA") hide rarer given names; businesses named like people.
        if (
            (words[k].isupper() and (low not in faker_first or acronym_led(words, k)))
            or _form_limit(text, tokens, lows, k)
            or (low in _NAMED_LIKE_PEOPLE and k + 1 < len(lows) and lows[k + 1] == _NAMED_LIKE_PEOPLE[low])
        ):
            continue
        if words[k][0].isupper():
            n = before_org_word(words, lows, k, _name_run(tokens, k, text, lowercase_ok=False))
            # A known given name keeps its weight even in a heading ("Sharlyn Lauby, President"): on the
            # third-party dev set the heading check cost more names than it saved false alarms here.
            # A given name that is also an everyday word ("Job", "Will") needs a known family name after it:
            # "Job Opportunities" is a heading.
            if n >= 2 and (low not in common or lows[k + 1] in last):
                if not named_place(text, tokens, lows, k, k + n) and not inside_longer_name(
                    text, tokens, lows, k, first, NOT_NAMES
                ):
                    yield tokens[k].start(), tokens[k + n - 1].end(), 0.8
            elif (at := lone_name(text, tokens, words, lows, k)) >= 0:
                if in_english is None:
                    in_english = not foreign(text)
                if in_english:
                    # A family name typed in lower case, ending its line: "Sarah davies" signing a review.
                    end = k + 1 if lower_family_at_end(text, tokens, k, last) else k
                    if end == k and lower_family_unknown(text, tokens, k, last):
                        end = k + 1  # "Kylie minogue", anywhere in the line
                    yield tokens[at].start(), tokens[end].end(), 0.5
        elif lower_pair(text, tokens, words, k, last, common):
            yield tokens[k].start(), tokens[k + 1].end(), 0.6
    yield from nicknamed(text, first, last, NOT_NAMES)
    yield from self_named(text, first, last, NOT_NAMES)
    if given_at:  # these four start from a known given name: most short messages hold none
        yield from lower_given(text, tokens, lows, given_at, NOT_NAMES)
        yield from coordinated(text, tokens, lows, given_at, (first, last), NOT_NAMES)
        yield from acting(text, tokens, lows, given_at, NOT_NAMES)
        yield from addressed(text, tokens, lows, given_at, NOT_NAMES)
    yield from said_to(text, tokens, lows, first, NOT_NAMES)
    yield from beside_you(text, tokens, lows, NOT_NAMES)
    yield from likened(text, tokens, lows, known_names(), NOT_NAMES)
    yield from sentence_subject(text, tokens, lows, known_names(), NOT_NAMES)
    yield from greeted(text, tokens, lows, first, NOT_NAMES)
    yield from beside_role(text, tokens, lows, (first, last), NOT_NAMES)
    yield from initialled(text, tokens, lows, (first, last), NOT_NAMES)
    # An unknown given name is still a name before a known family name: "Thanh Qureshi".
    for k in [k - 1 for k, low in enumerate(lows) if k and low in last]:
        one, two = words[k], words[k + 1]
        if (
            one[0].isupper()
            and two[0].isupper()
            and text[tokens[k].end() : tokens[k + 1].start()] == " "
            and lows[k] not in NOT_NAMES
            and lows[k] not in ORG_WORDS
            and lows[k + 1] not in NOT_NAMES
            and before_org_word(words, lows, k, 2, strict=True) == 2
            and len(one) > 1
            and lows[k] not in common
            and not acronym_led(words, k)
            and not inflected(lows[k])
            and not title_case_line(text, tokens[k].start(), short_too=True)
            and not named_place(text, tokens, lows, k, k + 2)
            and not inside_longer_name(text, tokens, lows, k, first, NOT_NAMES)
            and not (everyday(lows[k]) and _longer_after(text, tokens, lows, k + 2, first, last))
        ):
            yield tokens[k].start(), tokens[k + 1].end(), 0.7


def _longer_after(
    text: str, tokens: list[re.Match[str]], lows: list[str], k: int, first: frozenset[str], last: frozenset[str]
) -> bool:
    """Whether token k continues, on the same line, a capitalised name begun by an everyday word and a family
    name ("Ultra Small Immunogold Reagents", "Sunny Day Pitcher", "Miracle Fan Inquiry"): a product's or a
    firm's name, not a person's, unless the word is a known name too (a third name). Only after an everyday
    word: "Raj Kumar Design lead" is a person before a department."""
    if k >= len(tokens) or text[tokens[k - 1].end() : tokens[k].start()] != " ":
        return False
    word = tokens[k].group()
    if not word[0].isupper() or lows[k] in first or lows[k] in last or lows[k] in PARTICLES:
        return False
    return not department_before_job(text, tokens, lows, k)
