"""Packing evidence into the model's token budget: relevance order, whole sentences only, exact token math."""

from __future__ import annotations

import pytest

from assistant.llm.budget import (
    evidence_budget,
    pack,
    relevance_order,
    render_evidence,
    render_item,
    sentence_cuts,
    trim_item,
)
from assistant.llm.items import EvidenceItem, evidence_items
from assistant.llm.prompt import load_answer_prompt
from assistant.llm.templates import TemplateError
from assistant.pipeline import Candor
from assistant.retrieval.tokenizer import count_tokens
from assistant.settings import Settings
from assistant.turn import Turn

POLICY = EvidenceItem(
    "E1",
    "policy",
    "privacy-policy#consent",
    "Consent\nWe rely on your consent for personalized offers. Every consent box is unticked by default. "
    "You can withdraw consent at any time, e.g. in your account. Withdrawing takes effect for the next offer.",
)
DECISION = EvidenceItem(
    "E2",
    "decision",
    "D-25",
    "Offer “20% off trail-running shoes” shown 20 January 2024 via web; purpose personalized_offers; "
    "parameters: app_usage: used the shoe-size finder in the app (weight 0.53)",
)


def turn_for(candor: Candor, question: str, customer: str = "NW-1007") -> Turn:
    conversation = candor.conversation(customer)
    turn: Turn = candor.parts.evidence_chain.invoke(Turn(conversation, question))
    return turn


def test_cuts_fall_after_whole_sentences_only() -> None:
    text = POLICY.text
    cuts = sentence_cuts(text, skip_heading=True)
    assert cuts[-1] == len(text)
    for cut in cuts:
        assert text[:cut].rstrip().endswith((".", "!", "?")), text[:cut]
    # "e.g. in" is not a sentence end (a lower-case word follows), and the heading alone is not a cut.
    assert not any(text[:cut].endswith("e.g.") for cut in cuts)
    assert all(cut > len("Consent") for cut in cuts)


def test_a_bullet_list_may_be_cut_between_bullets() -> None:
    text = "Retention\nWe keep data for a set time:\n- Device data: 90 days\n- Page context: 24 months"
    kept = [text[:c] for c in sentence_cuts(text, skip_heading=True)]
    assert kept == ["Retention\nWe keep data for a set time:", text[: text.index("\n- Page")], text]


def test_an_item_that_does_not_fit_is_trimmed_to_whole_sentences() -> None:
    whole = count_tokens(render_item(POLICY))
    short = trim_item(POLICY, whole - 5)
    assert short is not None and short.evidence_id == "E1" and short.ref == POLICY.ref
    assert POLICY.text.startswith(short.text) and short.text.endswith(".")
    assert short.text.endswith("at any time, e.g. in your account.")  # one sentence dropped, not a word
    assert count_tokens(render_item(short)) <= whole - 5
    first_only = trim_item(POLICY, count_tokens(render_item(POLICY)) - 30)
    assert first_only is not None and first_only.text == "Consent\nWe rely on your consent for personalized offers."


def test_an_item_whose_first_sentence_does_not_fit_is_dropped() -> None:
    assert trim_item(POLICY, 12) is None
    assert trim_item(DECISION, count_tokens(render_item(DECISION)) - 1) is None  # one sentence: all or nothing


def test_pack_keeps_order_and_never_exceeds_the_budget() -> None:
    small = EvidenceItem("E3", "consent", "CE-9", "granted personalized_offers on 22 April 2022.")
    items = [DECISION, POLICY, small]
    everything = count_tokens(render_evidence(items))
    packed = pack(items, everything)
    assert packed.items == items and not packed.trimmed and not packed.dropped
    assert packed.evidence_tokens == everything

    # Room for the decision and two sentences of the passage: the more relevant passage takes the room first.
    two = EvidenceItem("E1", "policy", POLICY.ref, POLICY.text[: POLICY.text.index(" You can")])
    budget = count_tokens(render_evidence([DECISION, two])) + 2
    packed = pack(items, budget, scaffold_tokens=500)
    assert packed.ids == ["E2", "E1"] and packed.trimmed == ["E1"] and packed.dropped == ["E3"]
    assert packed.items[1] == two
    assert packed.evidence_tokens == count_tokens(render_evidence(packed.items)) <= budget
    assert packed.prompt_tokens == 500 + packed.evidence_tokens

    # No room for even the passage's first sentence: it is dropped, and a smaller item after it still fits.
    tiny = EvidenceItem("E3", "consent", "CE-9", "granted.")
    budget = count_tokens(render_evidence([DECISION, tiny]))
    packed = pack([DECISION, POLICY, tiny], budget)
    assert packed.ids == ["E2", "E3"] and packed.dropped == ["E1"] and not packed.trimmed
    assert packed.evidence_tokens <= budget

    assert pack(items, 0).items == [] and pack(items, 0).evidence_tokens == 0


def test_budget_is_context_minus_reserve_minus_scaffold() -> None:
    assert evidence_budget(16000, 800, 700) == 14500
    assert evidence_budget(1000, 800, 700) == 0


def test_why_offer_evidence_comes_decision_first_then_its_consents_then_policy(candor: Candor) -> None:
    turn = turn_for(candor, "Why did I see the trail-running shoes offer?")
    ordered = relevance_order(evidence_items(turn, candor.redactor), turn)
    kinds = [i.kind for i in ordered]
    assert kinds[0] == "decision"
    first_policy = kinds.index("policy")
    assert set(kinds[:first_policy]) <= {"decision", "consent"}
    assert turn.resolution is not None and turn.records is not None
    about = {d.decision_id for d in turn.resolution.decisions}
    assert {i.ref for i in ordered if i.kind == "decision"} == about
    purposes = {d.purpose for d in turn.resolution.decisions}
    purpose_of = {e.event_id: e.purpose for e in turn.records.consents}
    early = [i for i in ordered[:first_policy] if i.kind == "consent"]
    late = [i for i in ordered[first_policy:] if i.kind == "consent"]
    assert early and all(purpose_of[i.ref] in purposes for i in early)
    assert all(purpose_of[i.ref] not in purposes for i in late)
    # Policy passages keep retrieval order.
    policies = [i.ref for i in ordered if i.kind == "policy"]
    assert policies == [str(d.metadata["section_id"]) for d in turn.passages]


def test_consent_questions_put_the_consent_record_first(candor: Candor) -> None:
    turn = turn_for(candor, "What have I agreed to?")
    assert turn.intent is not None and turn.intent.intent == "consent_status"
    kinds = [i.kind for i in relevance_order(evidence_items(turn, candor.redactor), turn)]
    assert kinds[: kinds.count("consent")] == ["consent"] * kinds.count("consent")
    assert kinds[-1] == "decision"


def test_policy_questions_put_passages_first(candor: Candor) -> None:
    turn = turn_for(candor, "How long do you keep my data?")
    kinds = [i.kind for i in relevance_order(evidence_items(turn, candor.redactor), turn)]
    assert kinds[: kinds.count("policy")] == ["policy"] * kinds.count("policy")


def test_a_small_context_packs_the_whole_prompt_within_context_minus_reserve(
    candor: Candor, settings: Settings
) -> None:
    """End to end with the real prompt: 1,000 tokens of context, 200 kept for the answer."""
    prompt = load_answer_prompt(settings.prompts_dir)
    turn = turn_for(candor, "Why did I see the trail-running shoes offer?")
    company = candor.catalog.company.name
    scaffold = prompt.scaffold_tokens(company, turn.question)
    budget = evidence_budget(1000, 200, scaffold)
    items = evidence_items(turn, candor.redactor)
    packed = pack(relevance_order(items, turn), budget, scaffold)
    assert 0 < budget < count_tokens(render_evidence(items))  # it must leave something out
    assert packed.dropped or packed.trimmed
    assert packed.items[0].kind == "decision"
    total = prompt.prompt_tokens(company, render_evidence(packed.items), turn.question)
    assert packed.prompt_tokens - 8 <= total <= packed.prompt_tokens <= 1000 - 200
    originals = {i.evidence_id: i.text for i in items}
    for item in packed.items:  # every item whole, or cut after a whole sentence
        assert originals[item.evidence_id].startswith(item.text)
        assert item.text == originals[item.evidence_id] or item.text.endswith((".", "!", "?", ":"))


def test_the_prompt_fails_loudly_on_a_missing_variable(settings: Settings) -> None:
    prompt = load_answer_prompt(settings.prompts_dir)
    assert prompt.variables == {"company", "evidence", "question"}
    with pytest.raises(TemplateError, match="evidence"):
        prompt.messages(company="Northwind Outfitters", question="Why?")
    system, user = prompt.messages(company="Northwind Outfitters", evidence="[E1] (policy x)\nText.", question="Why?")
    assert "Never ask the customer for personal data" in system.content  # the guardrail rules come first
    assert "[E3]" in str(system.content) and "Northwind Outfitters" in str(system.content)
    assert str(user.content).endswith("Customer's question: Why?")
