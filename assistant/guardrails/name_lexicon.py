"""The words of names: given and family names across many locales (the lexicon), capitalised words that are
never a name, and where a run of capitalised words stops being a person's name (a business's or a place's word
after it: "Hayden Outdoors", "San Diego")."""

from __future__ import annotations

import functools

from assistant.guardrails.lexicons import common_words, everyday, more_given_names, person_names
from assistant.guardrails.places import PLACE_HEADS, city_at, regions, towns

# Capitalised words that start sentences or name things, never people.
NOT_NAMES = frozenset(
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
ORG_WORDS = frozenset(
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
PARTICLES = frozenset("van von de da del der den di du la le bin al ter ten y".split())


CONTINENTS = frozenset("africa america americas asia europe oceania antarctica".split())


@functools.cache
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Given names and family names (lowercase, Latin script) across many locales: Faker's, and the given names
    of nomquamgender's table that are no everyday word ("Bill", "Carol" name people only after a cue, which the
    cue rules judge), no family name Faker knows ("Harris Dermatology") and no place ("Dallas", "Asia")."""
    first, last = person_names(NOT_NAMES)
    common, places = common_words(), regions()[0] | towns() | CONTINENTS
    more = {
        n
        for n in more_given_names()
        if n not in last and n not in places and n not in common and n not in NOT_NAMES and not everyday(n)
    }
    return first | more, last


@functools.cache
def known_names() -> frozenset[str]:
    """Given and family names in one set, built once (a union per message would cost more than all the rules)."""
    first, last = lexicon()
    return first | last


def before_org_word(words: list[str], lows: list[str], k: int, n: int, strict: bool = False) -> int:
    """How many of the run's n words from k come before a word that ends a business's or a place's name (0 when
    the run is itself part of a place: "San Diego", "San Dimas Civic", "Cape Coral"). Right after a given name,
    a known family name is kept ("Hayden Law" is a person); later in the run, or when `strict`, it is not
    ("Paul Wilkinson Law", "Roofing Company")."""
    if in_place(lows, k):
        return 0
    first, last = lexicon()
    places, codes = regions()
    for j in range(k + 1, k + n):
        ends = lows[j] in ORG_WORDS or lows[j] in places or lows[j] in CONTINENTS
        # After a particle, a city's name is a family name's ("Itziar de la Cruz").
        city = lows[j - 1] not in PARTICLES and city_at(lows, j)
        if (ends and (strict or j > k + 1 or lows[j] not in last)) or words[j] in codes or city:
            return j - k - (lows[j - 1] in PARTICLES)  # no particle left at the end
        if _thing_word(lows, j, k, first, last):
            return j - k - (lows[j - 1] in PARTICLES)
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
    after_names = j > k + 1 and len(lows[j - 1]) > 1 and lows[j - 1] not in PARTICLES
    return after_names or (low.endswith("s") and not low.endswith("ss"))


def in_place(lows: list[str], k: int) -> bool:
    """Whether the word at k begins a city's name, or continues one begun by the word before it."""
    return bool(city_at(lows, k)) or (k > 0 and (lows[k - 1] in PLACE_HEADS or city_at(lows, k - 1) > 1))
