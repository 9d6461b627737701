"""The groups customers are compared in: where they live (country, region, postcode area — postcode targeting
is the classic proxy for ethnicity and income) and the segments the pack put them in."""

from __future__ import annotations

from assistant.pack.knowledge import KnowledgePack
from assistant.practices.addresses import parse_address

# dimension → customer id → group; a customer the dimension cannot place (no address) is left out of it.
Dimensions = dict[str, dict[str, str]]


def dimensions(pack: KnowledgePack) -> Dimensions:
    places = {cid: parse_address(c.postal_address) for cid, c in pack.customers.items()}
    dims: Dimensions = {}
    for name in ("country", "region", "postcode_area"):
        labels = {cid: value for cid, p in places.items() if (value := getattr(p, name)) is not None}
        if labels:
            dims[name] = labels
    # Members at any time in the log against everyone else: a segment is a targeting group by design, so what
    # matters is whether its members are shown more, and on which data (a segment can be a proxy).
    members: dict[str, set[str]] = {}
    for m in pack.memberships:
        members.setdefault(m.segment_id, set()).add(m.customer_id)
    for segment_id in sorted(members):
        dims[f"segment {segment_id}"] = {
            cid: "members" if cid in members[segment_id] else "non-members" for cid in pack.customers
        }
    return dims
