"""Country, region and postcode area from a free-text postal address, for grouping customers.

No well-kept PyPI parser covers the addresses packs hold: `usaddress` parses US addresses only, `pyap` has had
no release since 2020, and `postal` needs the native libpostal library and its ~2 GB model, which are not on
PyPI. So this reads only the shape most exports share, "…, [city] [region] POSTCODE [city], Country", by the
shape of the postcode, never by country name. What it cannot read it leaves unknown rather than guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Region code and postcode, most specific shape first. Each gives (region, area) from its match.
# US ZIP: the state, and the first three digits (the sectional centre, the usual "ZIP3" area).
_US = re.compile(r"\b([A-Z]{2})\s+(\d{3})\d{2}(?:-\d{4})?\b")
# Canadian postcode: the province, and the forward sortation area (the first three characters).
_CA = re.compile(r"\b([A-Z]{2})\s+([A-Z]\d[A-Z])\s?\d[A-Z]\d\b")
# UK postcode: the postcode area, the letters before the first digit ("BS" of "BS9 8XF").
_UK = re.compile(r"\b([A-Z]{1,2})\d[A-Z\d]?\s*\d[A-Z]{2}\b")
# Four- or five-digit postcodes (most of continental Europe): the first two digits (a département in France,
# a postal zone elsewhere).
_NUMERIC = re.compile(r"\b(\d{2})\d{2,3}\b")


@dataclass(frozen=True)
class Place:
    country: str | None = None
    region: str | None = None
    postcode_area: str | None = None


def parse_address(address: str | None) -> Place:
    """The trailing ", Country" part, and the region and postcode area of the part before it."""
    if not address or "," not in address:
        return Place()
    head, _, tail = address.rpartition(",")
    country = " ".join(tail.split())
    if not country or any(ch.isdigit() for ch in country):
        return Place()
    if m := _US.search(head):
        return Place(country, f"{m[1]} ({country})", f"{m[2]} ({country})")
    if m := _CA.search(head):
        return Place(country, f"{m[1]} ({country})", f"{m[2]} ({country})")
    if m := _UK.search(head):
        return Place(country, None, f"{m[1]} ({country})")
    # The last number in the address is the postcode; house numbers come first.
    numbers = _NUMERIC.findall(head.rpartition(",")[2] or head)
    return Place(country, None, f"{numbers[-1]} ({country})" if numbers else None)
