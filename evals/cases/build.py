"""The dataset for a pack: every question family in a fixed order, so the same pack and seed always give the same
cases."""

from __future__ import annotations

from typing import Any

from assistant.pack.knowledge import KnowledgePack
from evals.cases.account import access_delete, change_control, consent_status, data_held, retention, sell_share
from evals.cases.book import CaseBook
from evals.cases.follow_ups import follow_ups
from evals.cases.plan import SEED
from evals.cases.policy import policy_questions
from evals.cases.predictions import predictions
from evals.cases.profiling import object_profiling, segments
from evals.cases.refusals import other_customer, out_of_scope
from evals.cases.why_offer import (
    WHY_MULTI,
    WHY_TITLE,
    why_by_category,
    why_by_channel_date,
    why_by_ref,
    why_by_title,
    why_clarify,
    why_no_record,
    why_profiled,
    why_special,
)


def build_cases(pack: KnowledgePack, seed: int = SEED) -> list[dict[str, Any]]:
    """The dataset for `pack`: the same pack and seed always give the same cases, in the same order."""
    book = CaseBook(pack, seed)
    why_by_title(book, "why_title", WHY_TITLE, [])
    why_by_category(book)
    why_by_channel_date(book)
    ref_pool = book.all_decisions()
    why_by_ref(book, "why_ref", ref_pool)
    why_by_ref(book, "why_button", [d for d in ref_pool[::-1]], button_every=1)
    why_by_title(book, "why_multi_part", WHY_MULTI, ["multi_part"])
    why_special(book)
    why_no_record(book)
    why_clarify(book)
    follow_ups(book)
    data_held(book)
    consent_status(book)
    change_control(book)
    sell_share(book)
    retention(book)
    access_delete(book)
    policy_questions(book)
    out_of_scope(book)
    other_customer(book)
    # Profiling last, so that the cases above stay the same whether or not a pack has profiling files.
    segments(book)
    predictions(book)
    object_profiling(book)
    why_profiled(book)
    return book.cases
