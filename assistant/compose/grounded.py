"""Grounded mode: no LLM; every sentence comes from the pack, chosen by intent."""

from __future__ import annotations

import re

from assistant.compose.account import compose_access_delete, compose_consent, compose_data_held
from assistant.compose.builder import Draft
from assistant.compose.consent_change import compose_request
from assistant.compose.policy import (
    compose_change,
    compose_injection,
    compose_other_customer,
    compose_out_of_scope,
    compose_policy,
    compose_retention,
    compose_sell_share,
)
from assistant.compose.profile import compose_object_profiling, compose_predictions, compose_segments
from assistant.compose.why_offer import compose_why
from assistant.records.store import Catalog
from assistant.turn import Answer, Turn
from assistant.understand.change_request import requested_change


def compose(turn: Turn, catalog: Catalog) -> Answer:
    assert turn.intent is not None
    intent = turn.intent.intent
    draft = Draft(intent=intent, catalog=catalog)
    question = turn.intent.normalized
    background = turn.sections[0] if turn.sections else None
    records = turn.records
    match intent:
        case "why_offer" if records is not None and turn.resolution is not None:
            compose_why(draft, records, turn.resolution, background)
        case "data_held" if records is not None:
            compose_data_held(draft, records, topical(turn.sections, catalog, _COLLECT) or background)
        case "consent_status" if records is not None:
            compose_consent(draft, records, question, recent_purpose(turn))
        case "change_control":
            compose_change(draft, question, background, recent_purpose(turn))
        case "sell_share" if records is not None:
            compose_sell_share(draft, records, question, background)
        case "retention":
            compose_retention(draft, question, topical(turn.sections, catalog, _KEEP) or background)
        case "access_delete":
            compose_access_delete(draft, question, background)
        case "policy_question":
            compose_policy(draft, question, turn.sections, turn.policy_selection)
        case "other_customer":
            compose_other_customer(draft)
        case "injection":
            compose_injection(draft)
        case "segments" if records is not None:
            compose_segments(draft, records, question, turn.subject)
        case "predictions" if records is not None:
            compose_predictions(draft, records, question, turn.subject)
        case "consent_change" if records is not None:
            change = requested_change(question, catalog, recent_purpose(turn))
            draft.proposed_change = compose_request(draft, records, change)
        case "object_profiling":
            compose_object_profiling(draft, records, background)
        case _:
            compose_out_of_scope(draft)
    return draft.answer()


_COLLECT = re.compile(r"\b(collect\w*|data we (hold|keep)|what data|information we)\b", re.I)


_KEEP = re.compile(r"\b(how long|keep\w*|retention|retain\w*|store\w*)\b", re.I)


def topical(sections: list[str], catalog: Catalog, title: re.Pattern[str]) -> str | None:
    """The best retrieved section whose title is about the topic, if retrieval found one."""
    return next((s for s in sections if s in catalog.sections and title.search(catalog.sections[s].title)), None)


def recent_purpose(turn: Turn) -> str | None:
    """The purpose of the offer discussed last, for follow-ups like "how do I stop that?"."""
    if turn.records is None:
        return None
    recent = [d for d in turn.records.decisions if d.decision_id in turn.conversation.recent_decision_ids]
    return recent[0].purpose if recent else None
