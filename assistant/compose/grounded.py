"""Grounded mode: no LLM; every sentence comes from the pack, chosen by intent."""

from __future__ import annotations

import re

from assistant.compose.account import compose_access_delete, compose_consent, compose_data_held
from assistant.compose.builder import Draft, plain
from assistant.compose.consent_change import compose_request, emails_on_other_grounds, not_by_consent
from assistant.compose.policy import (
    compose_change,
    compose_injection,
    compose_other_customer,
    compose_out_of_scope,
    compose_policy,
    contacts_asked,
    opt_out_of_sale,
    stop_all_marketing,
    what_is_left,
)
from assistant.compose.practices import compose_fairness, compose_minimisation
from assistant.compose.profile import compose_object_profiling, compose_predictions, compose_segments
from assistant.compose.sensitive import compose_sensitive
from assistant.compose.sharing import compose_retention, compose_sell_share
from assistant.compose.why_offer import compose_why
from assistant.pack.controls import email_consent
from assistant.records.store import Catalog
from assistant.turn import Answer, Turn


def compose(turn: Turn, catalog: Catalog) -> Answer:
    assert turn.intent is not None
    draft = Draft(intent=turn.intent.intent, catalog=catalog)
    request = turn.request
    sensitive = _about_sensitive_data(turn)
    if sensitive:
        # The sensitive data asked about, from the records, before (or instead of) the general answer.
        assert turn.records is not None
        compose_sensitive(draft, turn.records, request.sensitive)
        if turn.intent.intent == "data_held":
            specific_said(draft, turn)  # what the policy promises about such data (other intents say it below)
        if turn.intent.intent in ("policy_question", "sell_share"):
            # What the policy says, and who receives data, still answer what was asked.
            _compose_one(draft, turn, turn.intent.intent, turn.sections)
    else:
        _compose_one(draft, turn, turn.intent.intent, turn.sections)
    if turn.intent.intent != "data_held" and not draft.needs_clarification:  # data answers say it first
        specific_said(draft, turn)
    if turn.intent.intent not in _ASKS_CONTACTS_ITSELF:
        # "Can a human look at my churn prediction?": the answer, then who to write to.
        contacts_asked(draft, request)
    # "…and why is that used for ads?" after a sensitive-data question is answered by the offers it lists.
    # One offer the message names is still explained ("Every night it's mattress adverts … can't sleep?").
    named = request.also == "why_offer" and turn.resolution is not None and turn.resolution.kind == "one"
    answered = sensitive and request.also in _SENSITIVE_FIRST and not named
    if request.also and request.also != turn.intent.intent and not draft.needs_clarification and not answered:
        # The second question of the message, answered after the first from its own passages.
        _compose_one(draft, turn, request.also, turn.also_sections)
    if request.alternative and not draft.needs_clarification:
        # The likelier reading is answered; the close other one is one click away.
        draft.choices.append(request.alternative)
        draft.say(f"Did you mean: “{request.alternative}”")
    return draft.answer()


# Intents that say the contacts themselves when asked (the policy answer), or must not (refusals).
_ASKS_CONTACTS_ITSELF = frozenset({"policy_question", "out_of_scope", "other_customer", "injection"})


# Intents whose general answer a question about one kind of sensitive data is better served by the answer about
# that data: "do you have my heart rate", "are you using my fitness tracker to choose deals", "do you use my
# health data at all", "do you work out that I'm pregnant?" (the groups and predictions built on it are listed).
_SENSITIVE_FIRST = frozenset({"data_held", "policy_question", "minimisation", "sell_share", "why_offer", "predictions"})


def _about_sensitive_data(turn: Turn) -> bool:
    if not turn.request.sensitive or turn.records is None or turn.intent is None:
        return False
    if turn.intent.intent == "why_offer":
        # An offer the question names is explained as it is (its sensitive data included); only "are you using
        # my health data for deals?", which names none, gets the answer about the data.
        return turn.resolution is not None and turn.resolution.kind in ("unspecified", "none")
    return turn.intent.intent in _SENSITIVE_FIRST


def _compose_one(draft: Draft, turn: Turn, intent: str, sections: list[str]) -> None:
    catalog = draft.catalog
    request = turn.request
    background = sections[0] if sections else None
    records = turn.records
    match intent:
        case "why_offer" if records is not None and turn.resolution is not None:
            compose_why(draft, records, turn.resolution, background)
        case "data_held" if records is not None:
            # "Do you know my exact location? Like GPS?": the policy's sentence on it, then the records.
            specific_said(draft, turn)
            compose_data_held(
                draft,
                records,
                topical(sections, catalog, _COLLECT) or background,
                request.data_named,
                request.record_fields,
            )
        case "consent_status" if records is not None:
            compose_consent(draft, records, request)
        case "change_control":
            compose_change(draft, request, background)
        case "sell_share" if records is not None:
            compose_sell_share(draft, records, request, background, sections)
        case "retention":
            compose_retention(draft, request, topical(sections, catalog, _KEEP) or background)
        case "access_delete":
            compose_access_delete(draft, request, background, records)
        case "policy_question":
            compose_policy(draft, request, sections, turn.policy_selection)
        case "other_customer":
            compose_other_customer(draft)
        case "injection":
            compose_injection(draft)
        case "segments" if records is not None:
            compose_segments(draft, records, request, turn.subject)
        case "predictions" if records is not None:
            compose_predictions(draft, records, request, turn.subject)
        case "consent_change" if records is not None:
            if request.change is None and opt_out_of_sale(draft, request):
                return  # a do-not-sell request names no consent: the control is the answer
            # The use of the offer just discussed, unless it came by email where marketing emails need a consent of
            # their own ("stop it" after an emailed offer may mean that consent).
            emails = request.recent_by_email and email_consent(catalog.company, catalog.purposes.values()) is not None
            recent = (request.recent_purpose,) if request.recent_purpose and not emails else ()
            named = request.purposes or recent
            if request.change is None and not_by_consent(draft, named):
                return  # a use that needs no consent: the way to object to it is the answer
            draft.proposed_change = compose_request(draft, records, request.change)
            if request.asks_effect and draft.proposed_change is not None:
                # "Switch it off. What will I see afterwards?": what the change leaves.
                what_is_left(draft, list(draft.proposed_change.purposes), None)
            emails_on_other_grounds(draft, records, request)
            stop_all_marketing(draft, request)  # "stop everything": one consent is not all of it
        case "object_profiling":
            compose_object_profiling(draft, records, background, request.segments, request.models, request.words)
        case "minimisation":
            compose_minimisation(draft, records, request)
        case "fairness":
            compose_fairness(draft, records, request)
        case _:
            compose_out_of_scope(draft)


_COLLECT = re.compile(r"\b(collect\w*|data we (hold|keep)|what data|information we)\b", re.I)


_KEEP = re.compile(r"\b(how long|keep\w*|retention|retain\w*|store\w*)\b", re.I)


def topical(sections: list[str], catalog: Catalog, title: re.Pattern[str]) -> str | None:
    """The best retrieved section whose title is about the topic, if retrieval found one."""
    return next((s for s in sections if s in catalog.sections and title.search(catalog.sections[s].title)), None)


def specific_said(draft: Draft, turn: Turn) -> None:
    """The policy's sentence on something specific the question names, unless the answer already quotes it."""
    if turn.specific_selection is None or not turn.specific_selection.sentences:
        return
    said = [s for s in turn.specific_selection.sentences if not any(plain(s.text) in line.text for line in draft.lines)]
    if not said:
        return
    for s in said:
        draft.cite(s.section_id, s.text)
    quote = " ".join(plain(s.text) for s in said)
    draft.say(f"What our policy says about that: “{quote}”", *dict.fromkeys(s.section_id for s in said))
