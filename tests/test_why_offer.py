"""The why-offer answer, checked against the log for many decisions: complete, exact, never invented."""

from __future__ import annotations

import pytest

from assistant.compose.builder import day
from assistant.pack.consent import check_decision
from assistant.pack.facts import selection
from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import Decision
from assistant.pipeline import Candor

FLAGGED = {"D-414", "D-459", "D-736", "D-739"}


def _decisions(pack: KnowledgePack) -> list[Decision]:
    """Every seventh decision, plus every flagged and every contextual one with no parameters."""
    chosen = {d.decision_id: d for d in pack.decisions[::7]}
    for d in pack.decisions:
        if d.decision_id in FLAGGED or (not d.parameters and len(chosen) < 400):
            chosen[d.decision_id] = d
    return list(chosen.values())


def _explain(candor: Candor, d: Decision) -> tuple[str, dict[str, object]]:
    conversation = candor.conversation(d.customer_id)
    answer = candor.ask(conversation, "Why am I seeing this?", decision_id=d.decision_id)
    assert answer.verified, answer.problems
    return answer.text, answer.as_dict()


def test_why_offer_answers_state_every_required_element(candor: Candor, sample_pack: KnowledgePack) -> None:
    events_by_customer: dict[str, list] = {}
    for e in sample_pack.consents:
        events_by_customer.setdefault(e.customer_id, []).append(e)
    checked = 0
    for d in _decisions(sample_pack):
        text, data = _explain(candor, d)
        offer = sample_pack.offers[d.offer_id]
        purpose = sample_pack.purposes[d.purpose]
        assert data["decision_ids"] == [d.decision_id]
        assert offer.title in text and day(d.shown_at) in text
        assert (offer.sponsor in text) if offer.sponsor else "No partner paid for it" in text
        if selection(d, sample_pack.categories) == "personalised":
            assert "It was personalised" in text
        else:
            assert "It was not personalised" in text
        for p in d.parameters:
            assert p.signal in text and f"(weight {p.weight:.2f})" in text
        assert purpose.name in text
        control = sample_pack.company.controls[purpose.opt_out or ""]
        assert control.link in text if control.link else control.label in text
        check = check_decision(events_by_customer[d.customer_id], d)
        if check is not None:
            assert f"You gave this consent on {day(check.grant.at)}" in text
            assert check.grant.source.replace("_", " ") in text
            if check.withdrawal is not None:
                assert (
                    f"withdrew your consent on {day(check.withdrawal.at)}" in text
                    or f"withdrew this consent on {day(check.withdrawal.at)}" in text
                )
        assert (d.decision_id in FLAGGED) == ("should not have been shown" in text)
        assert purpose.policy_section in [c["section_id"] for c in data["citations"]]  # type: ignore[union-attr]
        checked += 1
    assert checked >= 150


def test_main_parameters_are_listed_most_important_first(candor: Candor, sample_pack: KnowledgePack) -> None:
    d = next(d for d in sample_pack.decisions if len(d.parameters) >= 3)
    text, _ = _explain(candor, d)
    positions = [text.index(p.signal) for p in sorted(d.parameters, key=lambda p: -p.weight)]
    assert positions == sorted(positions)


def test_answer_never_names_a_signal_or_category_the_decision_did_not_use(
    candor: Candor, sample_pack: KnowledgePack
) -> None:
    all_signals = {p.signal for d in sample_pack.decisions for p in d.parameters}
    for d in _decisions(sample_pack)[:120]:
        text, _ = _explain(candor, d)
        used = {p.signal for p in d.parameters}
        # A reason from a group or a prediction is explained through it: its evidence or factors are quoted.
        segments = {p.segment_id for p in d.parameters if p.segment_id}
        used |= {
            e.signal
            for m in sample_pack.memberships
            if m.customer_id == d.customer_id and m.segment_id in segments and m.covers(d.shown_at)
            for e in m.evidence
        }
        used |= {
            f.signal
            for p in d.parameters
            if p.prediction_id and p.prediction_id in sample_pack.predictions
            for f in sample_pack.predictions[p.prediction_id].factors
        }
        # Signals of other decisions that are not also signals of this one must not appear.
        foreign = {s for s in all_signals - used if not any(s in u for u in used)}
        assert not [s for s in foreign if f"“{s}”" in text]
        used_names = {sample_pack.categories[p.data_category].name.lower() for p in d.parameters}
        for cat in sample_pack.categories.values():
            if cat.name.lower() not in used_names:
                assert f"from your {cat.name.lower()} (weight" not in text.lower()


def test_contextual_offer_says_no_personal_data_chose_it(candor: Candor, sample_pack: KnowledgePack) -> None:
    generic = next(d for d in sample_pack.decisions if not d.parameters)
    text, _ = _explain(candor, generic)
    assert "It was not personalised" in text and "no data about you behind this choice" in text
    contextual = next(d for d in sample_pack.decisions if d.parameters and d.purpose == "contextual_offers")
    text, _ = _explain(candor, contextual)
    assert "anyone in the same context would have seen it" in text
    assert "right to object" in text


@pytest.mark.parametrize("decision_id", sorted(FLAGGED))
def test_offer_shown_after_withdrawal_is_admitted_plainly_and_flagged(
    candor: Candor, sample_pack: KnowledgePack, decision_id: str
) -> None:
    d = next(d for d in sample_pack.decisions if d.decision_id == decision_id)
    text, _ = _explain(candor, d)
    assert "This offer should not have been shown this way" in text
    assert "recorded it for our privacy team" in text
    assert decision_id in {f.ref for f in candor.store.flags() if f.kind == "consent_withdrawn_before_shown"}


def test_customer_never_sees_another_customers_offer(candor: Candor, sample_pack: KnowledgePack) -> None:
    theirs = next(d for d in sample_pack.decisions if d.customer_id != "NW-1001")
    conversation = candor.conversation("NW-1001")
    answer = candor.ask(conversation, f"Why did I see {theirs.decision_id}?")
    assert answer.decision_ids == []
    assert "I have no record" in answer.text
    # Even the structured path refuses a decision id that is not the signed-in customer's.
    answer = candor.ask(conversation, "Why?", decision_id=theirs.decision_id)
    assert answer.decision_ids == [] and sample_pack.offers[theirs.offer_id].title not in answer.text
