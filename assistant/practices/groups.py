"""The groups customers are compared in: where they live (country, region, postcode area — postcode targeting
is the classic proxy for ethnicity and income), the attributes the company declares as protected or proxy
attributes (`group_attributes` in company.yaml), and the segments the pack put them in."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import Company, Customer, Membership
from assistant.practices.addresses import parse_address

# dimension → customer id → group; a customer the dimension cannot place (no address) is left out of it.
Dimensions = dict[str, dict[str, str]]
PLACES = ("country", "region", "postcode_area")


def attribute_dimension(name: str) -> str:
    return f"attribute {name}"


def segment_dimension(segment_id: str) -> str:
    return f"segment {segment_id}"


def customer_groups(company: Company, customer: Customer, memberships: Iterable[Membership]) -> dict[str, str]:
    """One customer's group in every dimension that places them: what answers "people like me" means."""
    place = parse_address(customer.postal_address)
    groups = {name: value for name in PLACES if (value := getattr(place, name)) is not None}
    for name in company.group_attributes:
        if name in customer.attributes:
            groups[attribute_dimension(name)] = customer.attributes[name]
    for m in memberships:
        groups[segment_dimension(m.segment_id)] = "members"
    return groups


def dimensions(pack: KnowledgePack) -> Dimensions:
    places = {cid: parse_address(c.postal_address) for cid, c in pack.customers.items()}
    dims: Dimensions = {}
    for name in PLACES:
        labels = {cid: value for cid, p in places.items() if (value := getattr(p, name)) is not None}
        if labels:
            dims[name] = labels
    for name in sorted(pack.company.group_attributes):
        labels = {cid: c.attributes[name] for cid, c in pack.customers.items() if name in c.attributes}
        if labels:
            dims[attribute_dimension(name)] = labels
    # Members at any time in the log against everyone else: a segment is a targeting group by design, so what
    # matters is whether its members are shown more, and on which data (a segment can be a proxy).
    members: dict[str, set[str]] = {}
    for m in pack.memberships:
        members.setdefault(m.segment_id, set()).add(m.customer_id)
    for segment_id in sorted(members):
        dims[segment_dimension(segment_id)] = {
            cid: "members" if cid in members[segment_id] else "non-members" for cid in pack.customers
        }
    return dims
