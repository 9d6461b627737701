"""The checks of segments.yaml, memberships.jsonl, predictions.jsonl and the decisions that name a group or a
prediction, in order: a segments.yaml of the wrong shape stops them."""

from __future__ import annotations

from pathlib import Path

from .group_files import check_memberships, check_segment_spec
from .prediction_files import check_named_sources, check_predictions
from .profile_state import ProfileCheck


def check_profiles(out: Path, here: Path, sections, purpose_ids, cust, decisions, ledger, violations) -> list[str]:
    """Check segments.yaml, memberships.jsonl, predictions.jsonl and the decisions that name them."""
    ctx = ProfileCheck(out, here, sections, purpose_ids, cust, ledger)
    found = check_segment_spec(ctx)
    if found is None:
        return ctx.problems
    segs, models = found
    by_cust_seg = check_memberships(ctx, segs)
    preds = check_predictions(ctx, models)
    check_named_sources(ctx, decisions, violations, segs, by_cust_seg, preds)
    return ctx.problems
