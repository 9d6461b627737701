"""The whole sample in order, from the fixed seed: customers, offers, consents, decisions, then the groups and
predictions; and the JSON Lines writer for its files."""

from __future__ import annotations

import json
import random
from pathlib import Path

from .attributes import add_age_bands
from .consents import make_consents
from .customers import make_customers
from .decisions import make_decisions
from .offers import make_offers
from .profiles.make import make_profiles

SEED = 20240315
PACK_DIR = Path(__file__).resolve().parents[1]


def write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def generate(here: Path | None = None):
    rng = random.Random(SEED)
    customers, extra = make_customers(rng)
    offers = make_offers()
    consents, groups = make_consents(rng, customers, extra)
    decisions, violations = make_decisions(rng, customers, extra, offers, consents, groups)
    add_age_bands(customers, decisions)  # a planted disparity, after the decisions and using no randomness
    # Groups and predictions come last and use their own seed, so nothing above changes;
    # make_profiles only adds a segment_id or prediction_id key to a few parameters.
    here = here or PACK_DIR
    memberships, predictions, annotated = make_profiles(here, customers, extra, offers, consents, decisions, groups)
    return customers, consents, offers, decisions, violations, groups, memberships, predictions, annotated
