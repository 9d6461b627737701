"""What the profile generators are told: their seed and "today", the deliberately unfair group, the decisions
never to annotate, how many to annotate, and the product range each next-purchase label stands for."""

from __future__ import annotations

from datetime import UTC, datetime

PROFILE_SEED = 20241101
# The sample's "today": every membership starts, and every prediction is computed, before it.
AS_OF = datetime(2024, 11, 1, tzinfo=UTC)
# Groups were first calculated in July 2023.
PROGRAM_START = datetime(2023, 7, 1, tzinfo=UTC)

UNFAIR_SEGMENT = "fitness_high_performer"
UNFAIR_MEMBERS = ["NW-1001", "NW-1015"]  # two of the four customers who connected a fitness tracker
# Decision ids whose parameter carries segment_id of the unfair group (kept in sync with the
# docstring of make.py; --check fails if the generator produces different ids).
EXPECTED_UNFAIR_DECISIONS = ["D-166", "D-713", "D-955"]

# Decisions that tests and documentation quote verbatim: never annotated.
RESERVED_DECISIONS = frozenset(
    [
        *("D-1", "D-2", "D-3", "D-5", "D-21", "D-23", "D-25", "D-64", "D-68", "D-69", "D-70"),
        *("D-74", "D-75", "D-76", "D-84", "D-203", "D-306", "D-336", "D-411", "D-414", "D-459"),
        *("D-550", "D-633", "D-736", "D-739", "D-956", "D-966", "D-993"),
    ]
)

PROFILED_PURPOSES = ("personalized_offers", "partner_advertising")

# How many annotated decisions to pick per group and per model.
ANNOTATE_PER_SEGMENT = 2
ANNOTATE_UNFAIR_PER_MEMBER = 2
ANNOTATE_PER_MODEL = {"next_purchase": 7, "churn_risk": 4}

# Offer category -> next_purchase label (Loyalty offers are not a product range).
LABEL_OF = {
    "Footwear": "footwear",
    "Tents": "tents",
    "Jackets": "jackets",
    "Climbing": "climbing",
    "Cycling": "cycling",
    "Camping kitchen": "camping_kitchen",
    "Kids": "kids_gear",
    "Water sports": "water_sports",
    "Accessories": "accessories",
}
CATEGORY_OF_LABEL = {label: category for category, label in LABEL_OF.items()}
