"""Protected characteristics a fairness question names ("is your algorithm biased against women?"), and the
words a pack's data catalog or policy would use for each, so the answer can say whether the records hold it."""

from __future__ import annotations

import functools
import re

import pycountry

# Everyday words for each characteristic. Ambiguous ones are left out or need a noun: "black" (Black Friday), "trans"
# (transfers), "faith" (good faith), "orientation" (screen orientation).
_ASKED = {
    "gender": r"gender\w*|sex|sexes|sexis[tm]\w*|wom[ae]n|female\w*|males?|men|girls?|ladies|lady",
    "ethnic origin": r"races?|racial\w*|racis[tm]\w*|ethnic\w*|skin colou?r|people of colou?r|minorit(y|ies)|"
    r"(national )?origin(ally)? from|(non\s*-?\s*(english|european|western|white|british|german|french|"
    r"american|native|local)|foreign(\s*-?\s*sounding)?) (sur)?names?|my (sur)?name (is not|isn'?t) (english|"
    r"german|french|british|american|european|local|dutch|polish|spanish|italian|irish|scottish)\b|"
    r"my (sur)?name sounds|(black|white|brown|asian|arab|latin[oax]|hispanic) (customers?|people|persons?|users?|"
    r"members?|folks?|shoppers?|listeners?|viewers?|subscribers?|wom[ae]n|m[ae]n|guys?|families|households?)",
    "religion": r"religio\w*|muslims?|christians?|jewish|jews|hindus?|sikhs?|buddhists?",
    "sexual orientation": r"gay|lesbians?|lgbt\w*|queer|bisexual\w*|transgender|sexual orientation|sexuality",
    "nationality": r"nationalit(y|ies)|foreigners?|immigrants?|migrants?|my accent",
    "income": r"income\w*|salary|salaries|wealth\w*|well-?off|rich|poor(er)?|low-?paid|on benefits|on a pension|"
    r"pensioners?",
}
# How a catalog or a policy names each: a kind of data about it, or a sentence saying it is not held.
_HELD = {
    "gender": r"gender|sex",
    "ethnic origin": r"ethnic\w*|race|racial",
    "religion": r"religio\w*",
    "sexual orientation": r"sexual orientation|sexuality|sex life",
    "nationality": r"nationality|citizenship",
    "income": r"income|salary|wealth",
}
ASKED = {name: re.compile(rf"\b({words})\b", re.I) for name, words in _ASKED.items()}
HELD = {name: re.compile(rf"\b({words})\b", re.I) for name, words in _HELD.items()}


def characteristics_named(question: str) -> tuple[str, ...]:
    """The protected characteristics the question names, in a fixed order."""
    return tuple(name for name, pattern in ASKED.items() if pattern.search(question))


# Everyday words for what a kind of data records, in fairness questions ("do people in my area get worse deals?"),
# and the words a catalog's kinds use for it: the area someone lives in, their language, how long they have been
# a customer, their loyalty tier.
_PROXIES = (
    (
        r"where (i|we|people|they|someone|you) (live|lives?)|(i|we) live in|my (area|neighbou?rhood|postcode|"
        r"zip code|city|town|region|street|estate)|(some|other|different|poorer|richer|posh|rural|certain) "
        r"(areas?|cities|towns|"
        r"neighbou?rhoods|regions|postcodes)|people (in|from|round|up in|down in|living in) (my|the|some|other|"
        r"london|\w+ (areas?|cities))|(depending|based) on (the |my |your |their )?(region|country|location|"
        r"postcode|area)|by (region|country|location|postcode)|(other|different) countr(y|ies)",
        r"region|location|postcode|postal",
    ),
    (r"languages?|speakers?|in (italian|english|spanish|french|german|portuguese|polish|dutch)\b", r"language"),
    (
        r"new (customers?|subscribers?|members?|sign-?ups?)|sign-?ups|long-?(time|standing)|loyal (customers?|"
        r"subscribers?)|(joined|been with you|been paying( you)?|paying you|customer) (since|for)|years with you|"
        r"only joined|just joined",
        r"purchase history|plan|billing|membership",
    ),
    (r"\b(gold|silver|bronze|platinum)\b|\btiers?\b", r"tier|rewards|loyalty"),
)
PROXIES = tuple((re.compile(rf"\b({asked})", re.I), re.compile(rf"\b({held})", re.I)) for asked, held in _PROXIES)


def proxies_named(question: str, kinds: dict[str, tuple[str, str]]) -> tuple[str, ...]:
    """The kinds of data (ids; `kinds`: id → (name, description)) a question names in everyday words: those whose
    name says it, else those whose description does ("preferred language" inside the profile details)."""
    found: list[str] = []
    for i, (asked, held) in enumerate(PROXIES):
        # The first pair is the region's: a country named after "in" or "from" asks about it too.
        if asked.search(question) or (i == 0 and _country_named(question)):
            by_name = [k for k, (name, _) in kinds.items() if held.search(name)]
            by_text = by_name or [k for k, (_, text) in kinds.items() if held.search(text)]
            found += [k for k in by_text if k not in found]
    return tuple(found)


# "Do customers from Germany get other offers?", "because I live in Canada": a country after "in" or "from".
_AFTER_IN = re.compile(r"\b(?:in|from)\s+(?:the\s+)?([a-z]+(?:\s+[a-z]+)?)", re.I)


@functools.cache
def _countries() -> frozenset[str]:
    names = (n for c in pycountry.countries for n in (c.name, getattr(c, "common_name", None)) if n)
    # Everyday names pycountry files under another ("Russian Federation", "Türkiye", "Myanmar").
    everyday = "usa america uk britain england scotland wales russia turkey holland burma palestine uae"
    return frozenset(n.lower() for n in names) | frozenset(
        [*everyday.split(), "northern ireland", "czech republic", "ivory coast", "cape verde", "east timor"]
    )


# "in the US": "us" alone is no country ("emails from us").
_THE_US = re.compile(r"\b(?:in|from) the (?:us\b|u\.s\.|states\b)", re.I)


def _country_named(question: str) -> bool:
    if _THE_US.search(question):
        return True
    for m in _AFTER_IN.finditer(question):
        words = m.group(1).lower()
        if words in _countries() or words.split()[0] in _countries():
            return True
    return False
