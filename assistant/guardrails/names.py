"""Person names: the company's own directory as a gazetteer, and a general method for names it doesn't
know — cue phrases ("my name is …", "Dear …", name_cues.py) and known given names (lexicons.py) followed by a
capitalised word, kept apart from places (places.py) and businesses."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from assistant.guardrails.gazetteer import Gazetteer
from assistant.guardrails.lexicons import (
    THING_AFTER,
    common_words,
    everyday,
    more_given_names,
    name_more_than_word,
    person_names,
)
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
from assistant.guardrails.name_roles import beside_role, inflected, initialled
from assistant.guardrails.name_subjects import sentence_subject
from assistant.guardrails.named_after import department_before_job, inside_longer_name, named_place, names_a_group
from assistant.guardrails.places import PLACE_HEADS, after_city, city_at, regions, towns

# Capitalised words that start sentences or name things, never people.
_NOT_NAMES = frozenset(
    """i im a an the my our your his her their this that these those hi hello hey dear thanks thank regards
    cheers best kind sincerely yes no ok okay please sorry why what when where who how which can could
    would should will shall do does did is are was were be been have has had may might must order
    account customer client email phone call mobile street road avenue drive lane way card iban ssn
    number date birth born monday tuesday wednesday thursday friday saturday sunday january february
    march april june july august september october november december today tomorrow yesterday mr mrs ms
    miss dr sir madam team support rewards gold silver bronze
    member customer service privacy data policy offer offers app web website store shop tent tents
    jacket jackets boots shoes bike bikes kayak visa mastercard amex discover paypal delivery parcel
    refund return invoice receipt help hey there all virginia georgia florida washington carolina dakota
    jersey york london paris berlin madrid sydney calle us we me you it home about contact more read view info
    information news menu login search map maps directions hours open closed careers services products""".split()
)
# Words that end a business's or a thing's name, not a person's: "Hayden Outdoors", "Roofing Company", "Diego
# Interior Designer". A name run stops before one (unless it is also a known family name: "Paul Wilkinson Law"
# keeps "Paul Wilkinson").
_ORG_WORDS = frozenset(
    """company companies co corporation corp inc incorporated llc llp ltd limited plc gmbh group holdings
    solutions services service systems technologies technology tech software labs media marketing consulting
    consultants associates partners law legal attorneys lawyers realty properties property homes construction
    roofing plumbing electric electrical motors automotive auto outdoors outdoor interior interiors design
    designs designer designers studio studios gallery galleries sculpture sculptures restaurant restaurants cafe
    bakery kitchen kitchens bar grill pizza hotel hotels inn resort spa salon clinic dental medical pharmacy
    center centre academy school college university institute foundation society club church ministries bank
    insurance financial capital investments brochure form forms
    farm farms ranch winery brewery market foods trading supply supplies store stores shop airport valley county
    city chamber department office sales industrial industries enterprises products project servers server
    modules electronics foodservice bridge room price bed bath""".split()
)
_PARTICLES = frozenset("van von de da del der den di du la le bin al ter ten y".split())


# US mortgage agencies, everywhere on property pages, named like women and men.
_NAMED_LIKE_PEOPLE = {"fannie": "mae", "freddie": "mac", "ginnie": "mae", "sallie": "mae"}
_CONTINENTS = frozenset("africa america americas asia europe oceania antarctica".split())


@functools.cache
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Given names and family names (lowercase, Latin script) across many locales: Faker's, and the given names
    of nomquamgender's table that are no everyday word ("Bill", "Carol" name people only after a cue, which the
    cue rules judge), no family name Faker knows ("Harris Dermatology") and no place ("Dallas", "Asia")."""
    first, last = person_names(_NOT_NAMES)
    common, places = common_words(), regions()[0] | towns() | _CONTINENTS
    more = {
        n
        for n in more_given_names()
        if n not in last and n not in places and n not in common and n not in _NOT_NAMES and not everyday(n)
    }
    return first | more, last


@functools.cache
def known_names() -> frozenset[str]:
    """Given and family names in one set, built once (a union per message would cost more than all the rules)."""
    first, last = lexicon()
    return first | last


def _before_org_word(words: list[str], lows: list[str], k: int, n: int, strict: bool = False) -> int:
    """How many of the run's n words from k come before a word that ends a business's or a place's name (0 when
    the run is itself part of a place: "San Diego", "San Dimas Civic", "Cape Coral"). Right after a given name,
    a known family name is kept ("Hayden Law" is a person); later in the run, or when `strict`, it is not
    ("Paul Wilkinson Law", "Roofing Company")."""
    if _in_place(lows, k):
        return 0
    first, last = lexicon()
    places, codes = regions()
    for j in range(k + 1, k + n):
        ends = lows[j] in _ORG_WORDS or lows[j] in places or lows[j] in _CONTINENTS
        # After a particle, a city's name is a family name's ("Itziar de la Cruz").
        city = lows[j - 1] not in _PARTICLES and city_at(lows, j)
        if (ends and (strict or j > k + 1 or lows[j] not in last)) or words[j] in codes or city:
            return j - k - (lows[j - 1] in _PARTICLES)  # no particle left at the end
        if _thing_word(lows, j, k, first, last):
            return j - k - (lows[j - 1] in _PARTICLES)
    return n


def _thing_word(lows: list[str], j: int, k: int, first: frozenset[str], last: frozenset[str]) -> bool:
    """Whether the run's word j is an everyday word no one is named, ending a thing's name: a plural ("Summer
    Flowers", "Queen Mattresses", "Marine Sales"), or any such word after two names ("Joan Pisani Community").
    A singular word right after a given name is kept: many family names are words too ("Roger Pressman")."""
    low = lows[j]
    if "-" in low:  # "Plate-Finish", "Four-Panel": everyday words joined are a thing's, not a double family name
        parts = low.split("-")
        return all(everyday(p) and p not in first and p not in last for p in parts)
    if len(low) < 4 or low in last or low in first or not everyday(low):
        return False
    after_names = j > k + 1 and len(lows[j - 1]) > 1 and lows[j - 1] not in _PARTICLES
    return after_names or (low.endswith("s") and not low.endswith("ss"))


def _in_place(lows: list[str], k: int) -> bool:
    """Whether the word at k begins a city's name, or continues one begun by the word before it."""
    return bool(city_at(lows, k)) or (k > 0 and (lows[k - 1] in PLACE_HEADS or city_at(lows, k - 1) > 1))


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
        if low in _PARTICLES and j > i and j + 1 < len(tokens):
            j += 1
            continue
        capital = word[0].isupper()
        # A middle initial may be a word the list holds ("Howard I. Zimmerman", "Brian A Harris").
        middle = j > i and len(word) == 1 and capital and j + 1 < len(tokens) and tokens[j + 1].group()[0].isupper()
        if (low in _NOT_NAMES and not middle) or not (capital or (lowercase_ok and (low in first or low in last))):
            break
        count += 1
        j += 1
    while j > i and tokens[j - 1].group().lower() in _PARTICLES:
        j -= 1
    return j - i if count else 0


# Words before a thing more often than before a person: "the Mercedes offer", "my Tiffany bracelet".
_DETERMINERS = frozenset("the a an this these those our your my his her their".split())
# Words before a town ("in Austin", "downtown Bryan"): a one-word city's name there is the city.
_AT_PLACE = frozenset("in at near from to downtown around visit visiting local".split())
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())


def _lone_name(text: str, tokens: list[re.Match[str]], words: list[str], lows: list[str], k: int) -> int:
    """Where a known given name stands alone as a person's in running text ("What Kathleen brought was…",
    "Thank you Curt and Jennie"), the index of the name's first token (the family name in "HUANG, Wei"), else
    -1. Not an everyday word ("Mark", "Grace"), a month, a country or a town where a place is expected, not in
    capitals, not inside a word ("O'Brien"), not next to another capitalised word (a longer name or a thing's,
    which the other rules judge), not after a determiner, not on a heading or menu line."""
    word, low = words[k], lows[k]
    if word.isupper() or len(low) < 3 or low in _NOT_NAMES or low in _MONTHS or low in common_words():
        return -1
    if (everyday(low) and not name_more_than_word(low)) or low in regions()[0] or _in_place(lows, k):
        return -1
    before = text[tokens[k - 1].end() : tokens[k].start()] if k else "\n"
    # After "Rose & ", a capitalised word is the second name of a firm's pair ("Rose & Kiernan").
    if before == " & " and words[k - 1][0].isupper():
        return -1
    if before in ("'", "’", "-") or (k + 1 < len(tokens) and text[tokens[k].end() : tokens[k].end() + 1] == "-"):
        return -1
    if before == " " and (
        lows[k - 1] in _DETERMINERS
        or lows[k - 1] in _PARTICLES
        or (words[k - 1][0].isupper() and lows[k - 1] not in _NOT_NAMES)
    ):
        return -1
    if low in towns() and ((k and lows[k - 1] in _AT_PLACE) or after_city(lows, k)):
        return -1
    after = text[tokens[k].end() : tokens[k + 1].start()] if k + 1 < len(tokens) else "\n"
    if after == " " and ((words[k + 1][0].isupper() and lows[k + 1] not in _NOT_NAMES) or words[k + 1] in THING_AFTER):
        return -1
    if title_case_line(text, tokens[k].start(), short_too=True) or named_place(text, tokens, lows, k, k + 1):
        return -1
    # "SURNAME, Given": the family name in capitals belongs to the name.
    surname = before == ", " and len(words[k - 1]) > 1 and words[k - 1].isupper()
    return k - 1 if surname else k


# Latin-1's signs and marks, which a page decoded with the wrong code page leaves after "Ã" or "Ä" ("SeÃ§im",
# "QaydalarÄ±"): a word cut before one is half of a mangled word, no name. Not the no-break space or the soft
# hyphen, which pages use as they are.
_MOJIBAKE_NEXT = re.compile("[\x80-\x9f\xa1-\xac\xae-\xbf]")


def find_names(text: str, gazetteer: Gazetteer | None = None) -> Iterator[tuple[int, int, float]]:
    """Person names in `text`, as (start, end, score)."""
    found = _find_names(text, gazetteer)
    if text.isascii() or _MOJIBAKE_NEXT.search(text) is None:
        return found
    return ((s, e, score) for s, e, score in found if not _mangled_at(text, e))


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
            if n == 1 and (
                surname_first(text, tokens, words, end) or lower_family(text, tokens, lows, end, _NOT_NAMES)
            ):
                end += 1
            if not names_a_group(text, tokens, lows, end + 1):
                yield tokens[j].start(), tokens[end].end(), 0.85
    common = common_words()
    faker_first = person_names(_NOT_NAMES)[0]
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
            n = _before_org_word(words, lows, k, _name_run(tokens, k, text, lowercase_ok=False))
            # A known given name keeps its weight even in a heading ("Sharlyn Lauby, President"): on the
            # third-party dev set the heading check cost more names than it saved false alarms here.
            # A given name that is also an everyday word ("Job", "Will") needs a known family name after it:
            # "Job Opportunities" is a heading.
            if n >= 2 and (low not in common or lows[k + 1] in last):
                if not named_place(text, tokens, lows, k, k + n) and not inside_longer_name(
                    text, tokens, lows, k, first, _NOT_NAMES
                ):
                    yield tokens[k].start(), tokens[k + n - 1].end(), 0.8
            elif (at := _lone_name(text, tokens, words, lows, k)) >= 0:
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
    yield from nicknamed(text, first, last, _NOT_NAMES)
    yield from self_named(text, first, last, _NOT_NAMES)
    if given_at:  # these four start from a known given name: most short messages hold none
        yield from lower_given(text, tokens, lows, given_at, _NOT_NAMES)
        yield from coordinated(text, tokens, lows, given_at, (first, last), _NOT_NAMES)
        yield from acting(text, tokens, lows, given_at, _NOT_NAMES)
        yield from addressed(text, tokens, lows, given_at, _NOT_NAMES)
    yield from said_to(text, tokens, lows, first, _NOT_NAMES)
    yield from beside_you(text, tokens, lows, _NOT_NAMES)
    yield from likened(text, tokens, lows, known_names(), _NOT_NAMES)
    yield from sentence_subject(text, tokens, lows, known_names(), _NOT_NAMES)
    yield from beside_role(text, tokens, lows, (first, last), _NOT_NAMES)
    yield from initialled(text, tokens, lows, (first, last), _NOT_NAMES)
    # An unknown given name is still a name before a known family name: "Thanh Qureshi".
    for k in [k - 1 for k, low in enumerate(lows) if k and low in last]:
        one, two = words[k], words[k + 1]
        if (
            one[0].isupper()
            and two[0].isupper()
            and text[tokens[k].end() : tokens[k + 1].start()] == " "
            and lows[k] not in _NOT_NAMES
            and lows[k] not in _ORG_WORDS
            and lows[k + 1] not in _NOT_NAMES
            and _before_org_word(words, lows, k, 2, strict=True) == 2
            and len(one) > 1
            and lows[k] not in common
            and not acronym_led(words, k)
            and not inflected(lows[k])
            and not title_case_line(text, tokens[k].start(), short_too=True)
            and not named_place(text, tokens, lows, k, k + 2)
            and not inside_longer_name(text, tokens, lows, k, first, _NOT_NAMES)
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
    if not word[0].isupper() or lows[k] in first or lows[k] in last or lows[k] in _PARTICLES:
        return False
    return not department_before_job(text, tokens, lows, k)
