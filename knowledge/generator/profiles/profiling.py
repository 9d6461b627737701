"""What the profile generators share: one seeded random generator, the records indexed by customer, the periods
in which consents were in force, and the decision parameters annotated so far."""

from __future__ import annotations

import random
from pathlib import Path

from ..ledger import consent_windows
from ..timestamps import parse_ts
from .plan import PROFILE_SEED, RESERVED_DECISIONS


def load_profile_specs(path: Path):
    import yaml  # a project dependency; only needed for the profile files

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["segments"], data["models"]


class Profiling:
    """The state the group and prediction generators share, in the order they run."""

    def __init__(self, here: Path, customers, extra, offers, consents, decisions) -> None:
        self.rng = random.Random(PROFILE_SEED)
        self.segments, self.models = load_profile_specs(here / "segments.yaml")
        self.seg_by_id = {s["id"]: s for s in self.segments}
        self.ids = [c["customer_id"] for c in customers]
        self.created = {c["customer_id"]: parse_ts(c["created_at"]) for c in customers}
        self.extra = extra
        self.off_by_id = {o["offer_id"]: o for o in offers}
        self.consents = consents
        self.decisions = decisions
        self.decs_by_cust: dict[str, list] = {cid: [] for cid in self.ids}
        for d in decisions:
            self.decs_by_cust[d["customer_id"]].append(d)
        # decision id -> ("segment_id" | "prediction_id", value)
        self.annotated: dict[str, tuple[str, str]] = {}
        self._windows: dict[tuple, list] = {}

    def windows(self, cid, purposes):
        key = (cid, tuple(purposes))
        if key not in self._windows:
            self._windows[key] = consent_windows(self.consents, cid, purposes)
        return self._windows[key]

    def annotate(self, d, param, key, value):
        param[key] = value
        self.annotated[d["decision_id"]] = (key, value)

    def free(self, d):
        return d["decision_id"] not in RESERVED_DECISIONS and d["decision_id"] not in self.annotated
