"""Person names: the company's own directory as a gazetteer, and a general method for names it doesn't
know — cue phrases ("my name is …", "Dear …") and known given names (from Faker's locale data, used as a
lexicon) followed by a capitalised word."""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable, Iterator

_LOCALES = (
    "en_US", "en_GB", "en_IN", "en_AU", "en_IE", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "pt_BR", "pt_PT",
    "nl_NL", "sv_SE", "da_DK", "no_NO", "fi_FI", "pl_PL", "cs_CZ", "hu_HU", "ro_RO", "tr_TR", "ga_IE", "yo_NG",
    "zu_ZA", "id_ID", "vi_VN", "ja_JP", "zh_CN", "ko_KR", "ar_AA", "fa_IR", "he_IL", "el_GR", "uk_UA", "ru_RU",
)  # fmt: skip
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
    jersey york london paris berlin madrid sydney us we me you it home about contact more read view info
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
    modules electronics foodservice""".split()
)
# A line this capitalised is a heading or a menu ("Metal Wall Art", "City Hall"): capitals there say nothing about
# names, so the lexicon rules stay quiet on it (cue phrases and the directory still count).
_TITLE_LINE_WORDS = 4
_TITLE_LINE_SHARE = 0.75


def _title_case_line(text: str, start: int, short_too: bool = False) -> bool:
    """Whether the line around `start` reads as a heading or menu item; with `short_too`, a line of three
    capitalised words or fewer counts as one ("Floor Plans", "Hyde Park")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    words: list[str] = _WORDS.findall(text[line_start : line_end if line_end != -1 else len(text)])
    capitals = sum(w[0].isupper() for w in words)
    if len(words) < _TITLE_LINE_WORDS:
        return short_too and capitals == len(words)
    return capitals >= _TITLE_LINE_SHARE * len(words)


@functools.cache
def common_words() -> frozenset[str]:
    """Everyday English words (Faker's lorem list): an unknown word before a family name that is one of these
    ("Read More", "West Collins") is not a given name."""
    try:
        provider = importlib.import_module("faker.providers.lorem.en_US").Provider
    except (ImportError, AttributeError):
        return frozenset()
    return frozenset(w.lower() for w in provider.word_list)


_PARTICLES = frozenset("van von de da del der den di du la le bin al ter ten y".split())
_WORDS = re.compile(r"[^\W\d_][^\W\d_'’]*(?:-[^\W\d_]+)*")
_CUE = re.compile(
    r"""(?:\bmy\s+name\s+is|\bname\s*[:=-]|\bi\s+am|\bi'?m|\bthis\s+is|\bcall\s+me|\bcalled|\bsigned|
        \b(?:dear|hi|hello)(?:\s+(?:mr|mrs|ms|mx|miss|dr|prof)\.?)?|\b(?:mr|mrs|ms|mx|miss|dr|prof|sir|madam)\.?|
        \bregards,?|\bthanks,?|\bcheers,?|\bsincerely,?|\bcardholder\s*:?|\baccount\s+holder\s*:?|
        \bcontact\s*:?|\bspeak\s+(?:to|with)|\bspoke\s+(?:to|with)|\bon\s+behalf\s+of|
        \bmy\s+(?:wife|husband|partner|son|daughter|mother|father|friend|colleague),?|
        # A role in running text is lower case ("her carer Ade"); "Brother Ink" and "Attorney Firm" are not.
        \b(?-i:carer|caregiver|guardian|brother|sister|mum|mom|dad|nephew|niece|grandson|granddaughter|grandmother|
        grandfather|neighbou?r|landlord|landlady|solicitor|attorney|lawyer|executor|tenant|flatmate|roommate)
        (?:,|\s+is|\s+called|\s+named)?|
        \b(?:send|forward|post|mail)\s+(?:it|this|that|them|(?:the|my|your)\s+\w+)\s+to)[ \t]+""",
    re.VERBOSE | re.IGNORECASE,
)
# The first word of every phrase `_CUE` knows (lower case): `_CUE` is tried only at these words.
_CUE_WORDS = frozenset(
    """my name i i'm im this call called signed dear hi hello mr mrs ms mx miss dr prof sir madam regards thanks
    cheers sincerely cardholder account contact speak spoke on carer caregiver guardian brother sister mum mom dad
    nephew niece grandson granddaughter grandmother grandfather neighbour neighbor landlord landlady solicitor
    attorney lawyer executor tenant flatmate roommate send forward post mail""".split()
)
_STRONG_CUE = re.compile(r"(?i)name|i\s+am|i'?m|call\s+me")


@functools.cache
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Given names and family names (lowercase, Latin script) across many locales."""
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
        ):
            bucket.update(n.lower() for n in getattr(provider, attr, ()) if n.isascii() or n.isalpha())
    return _latin_names(first), _latin_names(last)


def _latin_names(names: set[str]) -> frozenset[str]:
    """Names written in Latin script, with any letters of their own alphabet ("łukasz", "yıldız", "nguyễn").
    Their forms without diacritics are not added: on the third-party dev split they named places and headings
    ("América Welcome", "Side Hill") more often than people."""
    return frozenset(name for name in names if _LATIN_NAME.match(name) and name not in _NOT_NAMES)


# Lower-case Latin letters: ASCII, Latin-1, Latin Extended-A and -B, Latin Extended Additional (Vietnamese).
_LATIN_NAME = re.compile(r"^[a-zßà-öø-ÿ\u0100-\u024f\u1e00-\u1eff'’-]{2,}$")


@functools.cache
def _places() -> tuple[frozenset[str], frozenset[str]]:
    """One-word country and US/Canadian state or province names (lower case), and those states' two-letter
    codes: "Rosa CA", "Alberta Canada" and "Paulo Brazil" are the ends of places, not people."""
    import pycountry

    names = {c.name.lower() for c in pycountry.countries if " " not in c.name}
    codes: set[str] = set()
    for country in ("US", "CA"):
        for sub in pycountry.subdivisions.get(country_code=country) or ():  # type: ignore[no-untyped-call]
            names.add(sub.name.lower())
            codes.add(sub.code.split("-")[1])
    return frozenset(n for n in names if " " not in n), frozenset(codes)


def _before_org_word(
    words: list[str], lows: list[str], k: int, n: int, last: frozenset[str], strict: bool = False
) -> int:
    """How many of the run's n words from k come before a word that ends a business's or a place's name. Right
    after a given name, a known family name is kept ("Hayden Law" is a person); later in the run, or when
    `strict`, it is not ("Paul Wilkinson Law", "Roofing Company")."""
    places, codes = _places()
    for j in range(k + 1, k + n):
        ends = lows[j] in _ORG_WORDS or lows[j] in places
        if (ends and (strict or j > k + 1 or lows[j] not in last)) or words[j] in codes:
            return j - k
    return n


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
        if low in _NOT_NAMES or not (capital or (lowercase_ok and (low in first or low in last))):
            break
        count += 1
        j += 1
    while j > i and tokens[j - 1].group().lower() in _PARTICLES:
        j -= 1
    return j - i if count else 0


_WORD_START = re.compile(r"\w+")


class Gazetteer:
    """Known names (a pack's customers), found where a word starts, at a cost that does not grow with how many
    there are: names are indexed by their first word, so a text is read once, not once per name."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._by_first: dict[str, list[str]] = {}
        self._odd: list[str] = []  # names that do not start with a word character: searched one by one
        for name in {n.lower() for n in names if n.strip()}:
            m = _WORD_START.match(name)
            if m is None:
                self._odd.append(name)
            else:
                self._by_first.setdefault(m.group(), []).append(name)

    def find(self, lowered: str) -> Iterator[tuple[int, int]]:
        for m in _WORD_START.finditer(lowered) if self._by_first else ():
            for name in self._by_first.get(m.group(), ()):
                if lowered.startswith(name, m.start()):
                    yield m.start(), m.start() + len(name)
        for name in self._odd:
            start = lowered.find(name)
            while start != -1:
                yield start, start + len(name)
                start = lowered.find(name, start + 1)


def find_names(text: str, gazetteer: Gazetteer | None = None) -> Iterator[tuple[int, int, float]]:
    first, last = lexicon()
    if gazetteer is not None:
        yield from ((start, end, 1.0) for start, end in gazetteer.find(text.lower()))
    tokens = list(_WORDS.finditer(text))
    words = [t.group() for t in tokens]
    lows = [w.lower() for w in words]
    # Cue phrases are tried only where a word that starts one stands: a set lookup per word instead of a scan.
    starts: dict[int, int] | None = None
    for k in [k for k, low in enumerate(lows) if low in _CUE_WORDS]:
        if (m := _CUE.match(text, tokens[k].start())) is None:
            continue
        starts = starts if starts is not None else {t.start(): i for i, t in enumerate(tokens)}
        j = starts.get(m.end())
        if j is not None and (n := _name_run(tokens, j, text, lowercase_ok=bool(_STRONG_CUE.search(m.group())))):
            yield tokens[j].start(), tokens[j + n - 1].end(), 0.85
    common = common_words()
    for k in [k for k, low in enumerate(lows) if low in first]:
        low = lows[k]
        if words[k][0].isupper():
            n = _before_org_word(words, lows, k, _name_run(tokens, k, text, lowercase_ok=False), last)
            # A known given name keeps its weight even in a heading ("Sharlyn Lauby, President"): on the
            # third-party dev set the heading check cost more names than it saved false alarms here.
            # A given name that is also an everyday word ("Job", "Will") needs a known family name after it:
            # "Job Opportunities" is a heading.
            if n >= 2 and (low not in common or lows[k + 1] in last):
                yield tokens[k].start(), tokens[k + n - 1].end(), 0.8
        elif k + 1 < len(tokens) and words[k + 1] in last and text[tokens[k].end() : tokens[k + 1].start()] == " ":
            yield tokens[k].start(), tokens[k + 1].end(), 0.6
    # An unknown given name is still a name before a known family name: "Thanh Qureshi".
    for k in [k - 1 for k, low in enumerate(lows) if k and low in last]:
        one, two = words[k], words[k + 1]
        if (
            one[0].isupper()
            and two[0].isupper()
            and text[tokens[k].end() : tokens[k + 1].start()] == " "
            and lows[k] not in _NOT_NAMES
            and lows[k + 1] not in _NOT_NAMES
            and _before_org_word(words, lows, k, 2, last, strict=True) == 2
            and len(one) > 1
            and lows[k] not in common
            and not _title_case_line(text, tokens[k].start(), short_too=True)
        ):
            yield tokens[k].start(), tokens[k + 1].end(), 0.7
