"""A second company's pack, written from docs/knowledge-format.md alone (tests/fixtures/packs/lumen): a streaming
service with its own ids, channels and field choices, `profiling` left out everywhere, few controls. Candor's
explanations must be as true here as on the sample pack."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from assistant.pack.facts import selection
from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import load_pack
from assistant.pack.models import Decision
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT, Settings
from evals.make_dataset import build_cases
from evals.report import check_threshold
from evals.runner import run_eval

LUMEN = REPO_ROOT / "tests" / "fixtures" / "packs" / "lumen"
EXPECTED: dict[str, Any] = json.loads((LUMEN / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lumen_pack() -> KnowledgePack:
    return load_pack(LUMEN)


@pytest.fixture(scope="module")
def lumen(tmp_path_factory: pytest.TempPathFactory) -> Candor:
    data_dir: Path = tmp_path_factory.mktemp("lumen-data")
    return Candor(Settings(knowledge_dir=LUMEN, data_dir=data_dir, now=datetime(2024, 9, 30, tzinfo=UTC)))


def _why(candor: Candor, d: Decision) -> str:
    answer = candor.ask(candor.conversation(d.customer_id), "Why am I seeing this?", decision_id=d.decision_id)
    assert answer.verified, answer.problems
    assert answer.decision_ids == [d.decision_id]
    return answer.text


def _decision(pack: KnowledgePack, decision_id: str) -> Decision:
    return next(d for d in pack.decisions if d.decision_id == decision_id)


def test_the_pack_loads_without_profiling_flags_and_warns_where_a_right_has_no_control(
    lumen_pack: KnowledgePack,
) -> None:
    assert all(p.profiling is None for p in lumen_pack.purposes.values())
    warned = {w.field for w in lumen_pack.warnings}
    assert "opt_out" in warned
    assert all("privacy@lumenstream.example" in w.problem for w in lumen_pack.warnings if w.field == "opt_out")


def test_every_offer_is_called_personalised_exactly_when_its_parameters_used_data_about_the_customer(
    lumen: Candor, lumen_pack: KnowledgePack
) -> None:
    kinds = {"personalised": 0, "contextual": 0, "general": 0}
    for d in lumen_pack.decisions:
        text = _why(lumen, d)
        kind = selection(d, lumen_pack.categories)
        kinds[kind] += 1
        if kind == "personalised":
            assert "It was personalised" in text and "not personalised" not in text
        elif kind == "contextual":
            assert "anyone in the same context would have seen it" in text
        else:
            assert "no data about you behind this choice" in text
        for p in d.parameters:
            assert p.signal in text
    assert all(kinds.values()), kinds
    for ref in EXPECTED["personalised"]:
        assert selection(_decision(lumen_pack, ref), lumen_pack.categories) == "personalised"


def test_offers_chosen_with_sensitive_data_say_so_and_are_flagged_however_the_data_got_there(
    lumen: Candor, lumen_pack: KnowledgePack
) -> None:
    flagged = {f.ref for f in lumen.store.flags() if f.kind == "ads_on_sensitive_data"}
    assert flagged == set(EXPECTED["sensitive_parameter"])
    for ref in EXPECTED["sensitive_parameter"]:
        text = _why(lumen, _decision(lumen_pack, ref))
        assert "chosen using sensitive data" in text and "flagged" in text
        assert "wellbeing" in text.lower()


def test_offers_from_a_group_or_a_prediction_are_explained_through_it(lumen: Candor, lumen_pack: KnowledgePack) -> None:
    for ref in EXPECTED["from_segment"][:6]:
        d = _decision(lumen_pack, ref)
        text = _why(lumen, d)
        segment = lumen_pack.segments[next(p.segment_id for p in d.parameters if p.segment_id)]
        assert f"“{segment.name}”" in text and "What put you in this group:" in text and " since " in text
    for ref in EXPECTED["from_prediction"][:4]:
        d = _decision(lumen_pack, ref)
        text = _why(lumen, d)
        prediction = lumen_pack.predictions[next(p.prediction_id for p in d.parameters if p.prediction_id)]
        assert lumen_pack.models[prediction.model].labels[prediction.label] in text
        assert "It rests on:" in text


def test_offers_shown_after_consent_was_withdrawn_are_admitted_and_flagged(
    lumen: Candor, lumen_pack: KnowledgePack
) -> None:
    flagged = {f.ref for f in lumen.store.flags() if f.kind == "consent_withdrawn_before_shown"}
    assert flagged == set(EXPECTED["withdrawn_before_shown"])
    for ref in EXPECTED["withdrawn_before_shown"]:
        assert "should not have been shown" in _why(lumen, _decision(lumen_pack, ref))


@pytest.mark.parametrize("phrasing", ["what about ref {ref}?", "explain {ref}", "Why was {ref} shown to me?"])
def test_a_decision_reference_resolves_to_that_decision_of_that_customer_only(
    lumen: Candor, lumen_pack: KnowledgePack, phrasing: str
) -> None:
    d = _decision(lumen_pack, EXPECTED["sensitive_parameter"][0])
    own = lumen.ask(lumen.conversation(d.customer_id), phrasing.format(ref=d.decision_id))
    assert own.decision_ids == [d.decision_id], own.text
    other = next(c for c in lumen_pack.customers if c != d.customer_id)
    foreign = lumen.ask(lumen.conversation(other), phrasing.format(ref=d.decision_id))
    assert foreign.decision_ids == []
    assert "no record" in foreign.text
    assert not any(p.signal in foreign.text for p in d.parameters)


def test_a_right_without_a_control_is_named_with_the_privacy_contact(lumen: Candor, lumen_pack: KnowledgePack) -> None:
    customer = EXPECTED["busy_customer"]
    answer = lumen.ask(lumen.conversation(customer), "How do I delete all my data?")
    assert "privacy@lumenstream.example" in answer.text
    no_control = {p.id for p in lumen_pack.purposes.values() if p.opt_out is None and p.legal_basis != "contract"}
    d = next(d for d in lumen_pack.decisions if d.purpose in no_control)
    assert "write to privacy@lumenstream.example" in _why(lumen, d)


def test_flags_name_only_this_packs_records(lumen: Candor, lumen_pack: KnowledgePack) -> None:
    refs = {d.decision_id for d in lumen_pack.decisions} | set(lumen_pack.segments) | set(lumen_pack.predictions)
    refs |= set(lumen_pack.purposes)
    assert {f.ref for f in lumen.store.flags()} <= refs


def test_the_transparency_eval_on_this_pack_meets_the_same_threshold_as_the_sample(
    lumen: Candor, lumen_pack: KnowledgePack
) -> None:
    threshold = json.loads((REPO_ROOT / "evals" / "threshold.json").read_text(encoding="utf-8"))
    cases = build_cases(lumen_pack)
    report = run_eval(lumen, cases, "grounded", progress=False)
    problems = check_threshold(report, threshold)
    reasons = "\n".join(
        f"  {f['count']}x {f['item']}: {f['code']} e.g. {f['examples'][:3]}" for f in report["failures"]
    )
    assert not problems, "\n".join(problems) + "\n" + reasons


def test_an_offer_named_by_its_own_words_in_a_why_question_is_explained(
    lumen: Candor, lumen_pack: KnowledgePack
) -> None:
    """ "Pay yearly" reads as a plan or a prediction until it is read as the offer it names."""
    d = next(d for d in lumen_pack.decisions if d.offer_id == "promo-annual-2024")
    answer = lumen.ask(lumen.conversation(d.customer_id), "how come you recommended pay yearly to me?")
    assert answer.intent == "why_offer", answer.text
    assert answer.decision_ids and all(
        x.offer_id == "promo-annual-2024" for x in lumen_pack.decisions if x.decision_id in answer.decision_ids
    )


@pytest.mark.parametrize(
    "question", ["I withdraw my consent to tailoring.", "no more push notifications with your suggestions please"]
)
def test_a_withdrawal_in_the_packs_own_words_names_its_consent(lumen: Candor, question: str) -> None:
    answer = lumen.ask(lumen.conversation("lumen:u:30417"), question)
    assert answer.intent == "consent_change", answer.text
    assert "You asked to withdraw your consent to Tailored picks and promotions" in answer.text


def test_a_withdrawal_naming_no_consent_lists_the_customers_consents_as_choices(lumen: Candor) -> None:
    answer = lumen.ask(lumen.conversation("lumen:u:30417"), "please withdraw my consent")
    assert "Tailored picks and promotions: given since 14 February 2023." in answer.text
    assert "personalized offers" not in answer.text  # no example in another company's words
    assert "Withdraw my consent to Tailored picks and promotions" in answer.choices


def test_withdrawing_every_consent_also_gives_each_ones_own_setting(lumen: Candor) -> None:
    answer = lumen.ask(lumen.conversation("lumen:u:30417"), "Please withdraw all my consents, every single one.")
    assert "Partner ads that use your data: https://lumenstream.example/account/privacy#partner-ads" in answer.text


def test_a_notification_is_found_among_the_packs_push_messages(lumen: Candor) -> None:
    answer = lumen.ask(lumen.conversation("lumen:u:30577"), "Why I got notification about sleep stories on 26 March?")
    assert answer.decision_ids == ["od-2403-8fe73548"], answer.text
    assert "in a push notification" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "I want copy of my data. How many days it takes?",
        "I asked for my data export, when will I get it?",
        "how long does the export take?",
    ],
)
def test_asking_how_long_a_copy_takes_gets_the_controls_own_steps(lumen: Candor, question: str) -> None:
    answer = lumen.ask(lumen.conversation("lumen:u:30417"), question)
    assert answer.intent == "access_delete", answer.text
    assert "within 7 days" in answer.text


def test_a_copy_request_and_a_second_question_after_also_are_both_answered(candor: Candor) -> None:
    text = candor.ask(
        candor.conversation("NW-1001"),
        "I want a copy of everything you've got on me. Also, how long do you keep what I browse on the website?",
    ).text
    assert "Download my data" in text and "13 months" in text


def test_a_selling_question_on_a_policy_silent_on_selling_says_so(lumen: Candor, candor: Candor) -> None:
    text = lumen.ask(lumen.conversation("lumen:u:30417"), "do u sell my data").text
    assert "Our privacy policy does not mention selling personal data." in text
    # Northwind's policy speaks of selling: its own sentence answers.
    assert "does not mention selling" not in candor.ask(candor.conversation("NW-1001"), "do u sell my data").text
