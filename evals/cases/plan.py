"""How many cases of each question family to draw, which families get typos, and the seed and version that
make the dataset reproducible."""

from __future__ import annotations

SEED = 20240601
GENERATOR_VERSION = 2

# How many cases of each family to draw (fewer when the pack has fewer that fit).
PLAN: dict[str, int] = {
    "why_title": 40,
    "why_category": 20,
    "why_channel_date": 20,
    "why_ref": 20,
    "why_button": 12,
    "why_multi_part": 20,
    "why_flagged": 10,
    "why_withdrawn_later": 8,
    "why_general": 8,
    "why_no_record": 12,
    "why_clarify": 10,
    "follow_up_stop": 12,
    "follow_up_pick": 8,
    "follow_up_consent": 8,
    "data_held": 20,
    "consent_status": 25,
    "change_control": 25,
    "sell_share": 15,
    "retention": 15,
    "access_delete": 15,
    "policy_question": 25,
    "out_of_scope": 20,
    "other_customer": 25,
    # Profiling (only when the pack has segments.yaml, memberships.jsonl, predictions.jsonl).
    "segments_current": 12,
    "segments_past": 8,
    "segments_named": 5,
    "segments_button": 8,
    "predictions_general": 8,
    "predictions_model": 9,
    "predictions_button": 6,
    "object_profiling": 8,
    "why_profiled": 20,
}
TYPO_RATE = 0.15
TYPO_FAMILIES = frozenset(
    {
        "why_title",
        "why_category",
        "why_multi_part",
        "data_held",
        "consent_status",
        "change_control",
        "sell_share",
        "retention",
        "access_delete",
        "policy_question",
        "out_of_scope",
        "segments_current",
        "segments_past",
        "predictions_general",
        "predictions_model",
        "object_profiling",
    }
)
