"""What the checks of the profile files share: the pack's catalog and controls, the customers and consent ledger,
the problems found so far, and the conventions (keys, id and timestamp forms, minimum sizes)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..attributes import PLANTED_UNDECLARED

# A parameter may name the group or the prediction its signal came from (one key, after weight).
PARAMETER_KEYS = [
    ["data_category", "signal", "weight"],
    ["data_category", "signal", "weight", "segment_id"],
    ["data_category", "signal", "weight", "prediction_id"],
]
SEGMENT_KEYS = [
    "id",
    "name",
    "description",
    "method",
    "model_version",
    "criteria",
    "used_for",
    "policy_section",
    "opt_out",
]
MODEL_KEYS = ["id", "name", "description", "labels", "policy_section", "opt_out"]
MEMBERSHIP_KEYS = ["customer_id", "segment_id", "since", "until", "evidence"]
PREDICTION_KEYS = [
    "prediction_id",
    "customer_id",
    "model",
    "model_version",
    "label",
    "score",
    "computed_at",
    "factors",
    "used_for",
]
PROFILE_PURPOSES = {"personalized_offers", "email_marketing", "partner_advertising"}
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
# Minimum sizes of the sample's groups and predictions.
MIN_SEGMENTS, MIN_MODELS, MIN_COVERED_CUSTOMERS, MIN_PAST_MEMBERSHIPS, MIN_ANNOTATED = 8, 3, 40, 10, 10


def load_jsonl(out: Path, name: str):
    return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines()]


class ProfileCheck:
    """The pack and records the profile checks read, and the problems they append to, in order."""

    def __init__(self, out: Path, here: Path, sections, purpose_ids, cust, ledger) -> None:
        import yaml  # a project dependency; only the profile files need it

        self.out, self.sections, self.purpose_ids, self.cust, self.ledger = out, sections, purpose_ids, cust, ledger
        self.problems: list[str] = []
        self.spec = yaml.safe_load((here / "segments.yaml").read_text(encoding="utf-8"))
        self.catalog = {
            c["id"]: c for c in yaml.safe_load((here / "data_catalog.yaml").read_text(encoding="utf-8"))["categories"]
        }
        self.controls = set(yaml.safe_load((here / "company.yaml").read_text(encoding="utf-8"))["controls"])

    def load(self, name: str):
        return load_jsonl(self.out, name)

    def fits(self, purposes, category) -> bool:
        declared = set(self.catalog[category]["purposes"]) | PLANTED_UNDECLARED.get(category, set())
        return set(purposes) <= declared

    def consent_held(self, cid, purpose, start, end):
        """The grant in force at start, if no consent event for the purpose falls after start and before end."""
        grant = self.ledger.in_force(cid, purpose, start)
        for at, _status, _event in self.ledger.by_key.get((cid, purpose), []):
            if start < at and (end is None or at < end):
                return None
        return grant
