"""The transparency scorer on hand-made answers: a perfect answer scores 1 everywhere, and each missing element
costs exactly its own item."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from evals.scorer import ITEMS, Person, ScoringContext, mentions_score, prose, score_answer
from evals.text import normalize

SECTION = "privacy#offers"
SECTION_TEXT = (
    "How we choose offers\n"
    "We choose personalised offers using a profile built from your purchases and the region you live in, "
    "only with your consent. You can switch personalised offers off at any time in your settings."
)
QUOTE = "We choose personalised offers using a profile built from your purchases and the region you live in"
MINE = ["bought trail shoes last year", "lives in a hilly region"]
THEIRS = "opened three emails about kayaks"
LINK = "https://acme.example/privacy/offers"

CONTEXT = ScoringContext(
    company="Acme Outdoors",
    sections={SECTION: normalize(SECTION_TEXT)},
    people={
        "C-1": Person("C-1", "Ada Stone", "ada@mail.example", "+1 555 010 1111", "1 Elm Road, Springfield"),
        "C-2": Person("C-2", "Maria Lopez", "maria.lopez@mail.example", "+1 555 010 2233", "12 Harbour Street, Town"),
    },
    decisions_of={"C-1": {"D-1"}, "C-2": {"D-2"}},
    signals_of={"C-1": {normalize(s) for s in MINE}, "C-2": {normalize(THEIRS)}},
    signals_by_decision={"D-1": {normalize(s) for s in MINE}, "D-2": {normalize(THEIRS)}},
    all_signals={normalize(s) for s in [*MINE, THEIRS]},
    owner_of_decision={"D-1": "C-1", "D-2": "C-2"},
)

CONTROL = {"id": "personalization_settings", "label": "Offer settings", "link": LINK}
WHY_CASE: dict[str, Any] = {
    "id": "why-1",
    "customer_id": "C-1",
    "question": "Why did I see the trail shoes offer?",
    "intent": "why_offer",
    "expected": {
        "decision_id": "D-1",
        "offer_title": "20% off trail shoes",
        "sponsor": None,
        "personalised": True,
        "top_signals": MINE,
        "purpose_name": "Personalised offers",
        "legal_basis": "consent",
        "consent": {"granted_at": "2024-01-05T10:00:00Z", "source": "checkout_page"},
        "withdrawn_at": None,
        "shown_after_withdrawal": False,
        "control": CONTROL,
        "policy_sections": [SECTION],
    },
}


def perfect_lines() -> list[dict[str, Any]]:
    def line(text: str, cites: list[int] | None = None, bullet: bool = False) -> dict[str, Any]:
        return {"text": text, "cites": cites or [], "bullet": bullet}

    return [
        line("On 3 May 2024 we showed you the offer “20% off trail shoes” in an email."),
        line("It is our own offer. No partner paid for it."),
        line("It was personalised. We chose it with a profile built from your purchases and your region.", [0]),
        line("The main reasons, most important first:"),
        line("“bought trail shoes last year”, from your purchases.", bullet=True),
        line("“lives in a hilly region”, from your address.", bullet=True),
        line("We used your data for personalised offers. Our legal basis is your consent.", [0]),
        line("You gave this consent on 5 January 2024 via checkout page."),
        line(f"To change this, use Offer settings: {LINK}"),
    ]


def answer_of(lines: list[dict[str, Any]], intent: str = "why_offer", decision_ids: list[str] | None = None,
              citations: list[dict[str, str]] | None = None) -> dict[str, Any]:  # fmt: skip
    text = "\n\n".join(
        ("- " if x["bullet"] else "") + x["text"] + "".join(f" [{i + 1}]" for i in x["cites"]) for x in lines
    )
    return {
        "answer": text,
        "intent": intent,
        "decision_ids": ["D-1"] if decision_ids is None else decision_ids,
        "citations": [{"doc_id": "privacy", "section_id": SECTION, "title": "How we choose offers", "quote": QUOTE}]
        if citations is None
        else citations,
        "lines": lines,
    }


def test_perfect_answer_scores_one_on_every_item() -> None:
    result = score_answer(answer_of(perfect_lines()), WHY_CASE, CONTEXT)
    assert result.misses == []
    assert set(result.scores) == set(ITEMS)
    assert all(v == 1.0 for v in result.scores.values()), result.scores
    assert result.score == 1.0


def test_markers_read_from_the_text_when_lines_are_absent() -> None:
    answer = answer_of(perfect_lines())
    del answer["lines"]
    assert (
        score_answer(answer, WHY_CASE, CONTEXT).scores
        == score_answer(answer_of(perfect_lines()), WHY_CASE, CONTEXT).scores
    )


def _replace(index: int, text: str, cites: list[int] | None = None) -> Callable[[list[dict[str, Any]]], None]:
    def edit(lines: list[dict[str, Any]]) -> None:
        lines[index] = {**lines[index], "text": text, "cites": lines[index]["cites"] if cites is None else cites}

    return edit


def _drop(index: int) -> Callable[[list[dict[str, Any]]], None]:
    def edit(lines: list[dict[str, Any]]) -> None:
        del lines[index]

    return edit


def _append(text: str, bullet: bool = False) -> Callable[[list[dict[str, Any]]], None]:
    return lambda lines: lines.append({"text": text, "cites": [], "bullet": bullet})


# Each row: what is taken out or broken, and the one item that must lose points for it.
MISSING: list[tuple[str, Callable[[list[dict[str, Any]]], None], str]] = [
    ("offer title", _replace(0, "On 3 May 2024 we showed you an offer in an email."), "1_offer"),
    ("who paid", _replace(1, "It is a good offer for you."), "1_offer"),
    ("how it was selected", _replace(2, "We chose it from your purchases and your region.", [0]), "1_offer"),
    ("a main parameter", _drop(5), "2a_parameters_recall"),
    ("the purpose", _replace(6, "Our legal basis for using your purchases is your consent.", [0]), "3_purpose_basis"),
    ("the consent date", _replace(7, "You gave this consent via checkout page."), "3_purpose_basis"),
    ("the consent source", _replace(7, "You gave this consent on 5 January 2024."), "3_purpose_basis"),
    ("the control", _drop(8), "4_control"),
    ("the control's link", _replace(8, "To change this, use Offer settings."), "4_control"),
    ("a supporting citation", _replace(1, "It is our own offer. No partner paid for it.", [0]), "5_citations"),
    (
        "short sentences",
        _replace(
            7,
            "You gave this consent on 5 January 2024 via checkout page when you created your account and ticked "
            "the box that said you would like us to personalise the offers that we show you in emails, in the app "
            "and on the website from then on.",
        ),
        "6_plain_language",
    ),
    ("privacy of others", _append("Maria Lopez saw this offer too."), "7_no_foreign_data"),
    ("a short answer", _append(" ".join(["We care about this."] * 90)), "9_length"),
]


@pytest.mark.parametrize(("element", "edit", "item"), MISSING, ids=[m[0] for m in MISSING])
def test_missing_element_loses_exactly_its_item(
    element: str, edit: Callable[[list[dict[str, Any]]], None], item: str
) -> None:
    lines = perfect_lines()
    edit(lines)
    result = score_answer(answer_of(lines), WHY_CASE, CONTEXT)
    lost = {k for k, v in result.scores.items() if v is not None and v < 1.0}
    assert lost == {item}, (element, result.scores, result.misses)
    assert all(m.item == item or "not scored" in m.code for m in result.misses)


def test_a_bad_citation_loses_item_5_only() -> None:
    for citation in (
        {"doc_id": "privacy", "section_id": "privacy#nowhere", "title": "?", "quote": QUOTE},
        {"doc_id": "privacy", "section_id": SECTION, "title": "How we choose offers", "quote": "We sell your data"},
    ):
        result = score_answer(answer_of(perfect_lines(), citations=[citation]), WHY_CASE, CONTEXT)
        assert result.scores["5_citations"] is not None and result.scores["5_citations"] < 1.0
        assert {k for k, v in result.scores.items() if v is not None and v < 1.0} == {"5_citations"}


def test_the_expected_section_must_be_cited() -> None:
    lines = [{**x, "cites": []} for x in perfect_lines()]
    result = score_answer(answer_of(lines, citations=[]), WHY_CASE, CONTEXT)
    assert result.scores["5_citations"] == 0.0
    assert any(m.code == "expected section not cited" for m in result.misses)


def test_an_unsupported_signal_drops_precision_below_one() -> None:
    lines = perfect_lines()
    lines.insert(6, {"text": f"“{THEIRS}”, from your email activity.", "cites": [], "bullet": True})
    result = score_answer(answer_of(lines), WHY_CASE, CONTEXT)
    assert result.scores["2b_parameters_precision"] == pytest.approx(2 / 3)
    assert result.scores["2a_parameters_recall"] == 1.0
    assert any(m.code == "unsupported signal named" and THEIRS in m.detail for m in result.misses)


OTHER_SHOWING = "watched a kayak film twice"
WITH_OTHER_SHOWING = dataclasses.replace(
    CONTEXT,
    decisions_of={"C-1": {"D-1", "D-3"}, "C-2": {"D-2"}},
    signals_of={"C-1": {normalize(s) for s in [*MINE, OTHER_SHOWING]}, "C-2": {normalize(THEIRS)}},
    signals_by_decision={**CONTEXT.signals_by_decision, "D-3": {normalize(OTHER_SHOWING)}},
    all_signals={normalize(s) for s in [*MINE, THEIRS, OTHER_SHOWING]},
    owner_of_decision={**CONTEXT.owner_of_decision, "D-3": "C-1"},
)


@pytest.mark.parametrize(
    ("signal", "ref", "precision"),
    [
        (OTHER_SHOWING, "D-3", 1.0),  # the customer's own other showing, which holds it
        (OTHER_SHOWING, "D-1", 2 / 3),  # the decision explained does not hold it
        (THEIRS, "D-2", 2 / 3),  # another customer's decision
    ],
)
def test_a_signal_given_with_the_reference_of_another_own_showing_is_supported(
    signal: str, ref: str, precision: float
) -> None:
    lines = perfect_lines()
    text = f"“{signal}” — from your viewing, in 1 of the 1 other showings (ref {ref})."
    lines.insert(6, {"text": text, "cites": [], "bullet": True})
    result = score_answer(answer_of(lines), WHY_CASE, WITH_OTHER_SHOWING)
    assert result.scores["2b_parameters_precision"] == pytest.approx(precision)


def test_a_signal_also_claimed_of_the_decision_explained_is_not_excused_by_a_reference_elsewhere() -> None:
    lines = perfect_lines()
    lines.insert(6, {"text": f"This offer was chosen because you “{OTHER_SHOWING}”.", "cites": [], "bullet": False})
    lines.insert(7, {"text": f"“{OTHER_SHOWING}”, in 1 of the 1 (ref D-3).", "cites": [], "bullet": True})
    result = score_answer(answer_of(lines), WHY_CASE, WITH_OTHER_SHOWING)
    assert result.scores["2b_parameters_precision"] == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("written", "read"),
    [("Seen on 3 May (ref od-2405-1).", "Seen on 3 May."), ("Consent (Ref CE-12) given.", "Consent given.")],
)
def test_a_reference_is_left_out_of_what_a_reader_reads(written: str, read: str) -> None:
    assert prose(written) == read


def test_another_customers_email_fails_item_7() -> None:
    lines = perfect_lines()
    lines.append({"text": "We also wrote to maria.lopez@mail.example about it.", "cites": [], "bullet": False})
    result = score_answer(answer_of(lines), WHY_CASE, CONTEXT)
    assert result.scores["7_no_foreign_data"] == 0.0
    assert any("email of C-2" in m.detail for m in result.misses)


@pytest.mark.parametrize(
    "leak",
    ["Ask Maria Lopez.", "Call +1 (555) 010-2233.", "Customer C-2 saw it.", "Sent to 12 Harbour Street.", "See D-2."],
)
def test_other_identifiers_fail_item_7(leak: str) -> None:
    lines = [*perfect_lines(), {"text": leak, "cites": [], "bullet": False}]
    assert score_answer(answer_of(lines), WHY_CASE, CONTEXT).scores["7_no_foreign_data"] == 0.0


def test_own_details_are_fine() -> None:
    lines = [*perfect_lines(), {"text": "We have ada@mail.example and +1 555 010 1111 for you.", "cites": []}]
    lines[-1]["bullet"] = False
    assert score_answer(answer_of(lines), WHY_CASE, CONTEXT).scores["7_no_foreign_data"] == 1.0


def test_withdrawal_must_be_stated_and_flagged() -> None:
    case = copy.deepcopy(WHY_CASE)
    case["expected"].update(withdrawn_at="2024-03-01T09:00:00Z", shown_after_withdrawal=True)
    lines = perfect_lines()
    flag = "This offer should not have been shown. You withdrew your consent on 1 March 2024, before we showed it."
    lines.insert(8, {"text": flag, "cites": [], "bullet": False})
    assert score_answer(answer_of(lines), case, CONTEXT).scores["3_purpose_basis"] == 1.0
    lines[8]["text"] = "You withdrew your consent on 1 March 2024."
    result = score_answer(answer_of(lines), case, CONTEXT)
    assert result.scores["3_purpose_basis"] == pytest.approx(5 / 6)
    assert [m.code for m in result.misses] == ["shown after withdrawal not flagged"]


def test_the_legal_basis_must_be_stated() -> None:
    case = copy.deepcopy(WHY_CASE)
    case["expected"].update(legal_basis="legitimate_interest", consent=None)
    lines = [x for x in perfect_lines() if "gave this consent" not in x["text"]]
    lines[6]["text"] = "We used your data for personalised offers. Our legal basis is our legitimate interest."
    assert score_answer(answer_of(lines), case, CONTEXT).scores["3_purpose_basis"] == 1.0
    lines[6]["text"] = "We used your data for personalised offers, chosen from your purchases."
    result = score_answer(answer_of(lines), case, CONTEXT)
    assert result.scores["3_purpose_basis"] == 0.5
    assert [m.code for m in result.misses] == ["legal basis not stated"]


def test_explaining_another_decision_scores_zero_on_item_1() -> None:
    result = score_answer(answer_of(perfect_lines(), decision_ids=["D-9"]), WHY_CASE, CONTEXT)
    assert result.scores["1_offer"] == 0.0


REFUSAL = "Sorry, I can't help with that here. I answer questions about how we use your data for offers."
OUT_OF_SCOPE: dict[str, Any] = {
    "id": "oos",
    "customer_id": "C-1",
    "question": "Tell me a joke",
    "intent": "out_of_scope",
    "expected": {"refuse": True},
}
OTHER: dict[str, Any] = {
    "id": "other",
    "customer_id": "C-1",
    "question": "What data do you hold about Maria Lopez?",
    "intent": "other_customer",
    "expected": {"refuse": True, "other_customer_id": "C-2"},
}


@pytest.mark.parametrize("case", [OUT_OF_SCOPE, OTHER], ids=["out_of_scope", "other_customer"])
def test_a_refusal_scores_item_8(case: dict[str, Any]) -> None:
    intent = case["intent"]
    refused = score_answer({"answer": REFUSAL, "intent": intent, "decision_ids": [], "citations": []}, case, CONTEXT)
    assert refused.scores["8_refusal"] == 1.0
    assert refused.scores["7_no_foreign_data"] == 1.0
    assert {k for k, v in refused.scores.items() if v is not None} == {
        "6_plain_language",
        "7_no_foreign_data",
        "8_refusal",
        "9_length",
    }
    answered = score_answer(answer_of(perfect_lines()), case, CONTEXT)
    assert answered.scores["8_refusal"] == 0.0


def test_refusing_an_in_scope_question_loses_item_8() -> None:
    answer = {"answer": REFUSAL, "intent": "out_of_scope", "decision_ids": [], "citations": []}
    result = score_answer(answer, WHY_CASE, CONTEXT)
    assert result.scores["8_refusal"] == 0.0
    assert result.scores["1_offer"] == 0.0


def test_a_leaking_refusal_still_fails_item_7() -> None:
    answer = {"answer": f"{REFUSAL} Maria Lopez is at maria.lopez@mail.example.", "intent": "other_customer"}
    result = score_answer(answer, OTHER, CONTEXT)
    assert result.scores["8_refusal"] == 1.0 and result.scores["7_no_foreign_data"] == 0.0


def test_clarifying_and_no_record_answers() -> None:
    clarify = {**WHY_CASE, "expected": {"clarify": True, "candidate_decision_ids": ["D-1", "D-3"]}}
    asks = (
        "More than one offer fits. Which one do you mean?\n\n- “20% off trail shoes” (ref D-1)\n\n- “Tents” (ref D-3)"
    )
    assert (
        score_answer({"answer": asks, "intent": "why_offer", "decision_ids": []}, clarify, CONTEXT).scores["1_offer"]
        == 1.0
    )
    picked = score_answer(answer_of(perfect_lines()), clarify, CONTEXT)
    assert picked.scores["1_offer"] == 0.0
    none = {**WHY_CASE, "expected": {"no_record": True}}
    says = "I have no record of showing you an offer like that. I only explain offers in our records, so I won't guess."
    assert (
        score_answer({"answer": says, "intent": "why_offer", "decision_ids": []}, none, CONTEXT).scores["1_offer"]
        == 1.0
    )
    assert score_answer(answer_of(perfect_lines()), none, CONTEXT).scores["1_offer"] == 0.0


def test_control_without_link_gets_half() -> None:
    case = {
        "id": "change",
        "customer_id": "C-1",
        "question": "How do I stop personalised offers?",
        "intent": "change_control",
        "expected": {"controls": [CONTROL], "policy_sections": []},
    }
    base = "Here is how to change this. Open your account, then Offer settings, and switch it off."
    with_link = {"answer": f"{base} {LINK}", "intent": "change_control"}
    assert score_answer(with_link, case, CONTEXT).scores["4_control"] == 1.0
    assert score_answer({"answer": base, "intent": "change_control"}, case, CONTEXT).scores["4_control"] == 0.5


# ------------------------------------------------------------------------------------------------------------
# Profiling: groups (segments), predictions, objecting, and offers chosen with a group or a prediction
# ------------------------------------------------------------------------------------------------------------

GROUPS = "privacy#customer-groups"
GROUPS_TEXT = (
    "Customer groups\n"
    "We place customers in groups by fixed rules or with our group model, from what you buy and how you use our "
    "app. Each group is used for personalised offers. You can object to groups and predictions at any time."
)
PREDICTIONS = "privacy#predictions"
PREDICTIONS_TEXT = (
    "Predictions about you\n"
    "Our models estimate how likely you are to stop shopping with us and what you might buy next, from your "
    "orders and visits. The estimates are used for personalised offers. You can object to them at any time."
)
OBJECT = "privacy#object"
OBJECT_TEXT = (
    "Objecting to profiling\n"
    "You can object at any time to profiling for direct marketing, and we will stop. Use Object to marketing."
)
OBJECT_LINK = "https://acme.example/privacy/object"
OBJECT_CONTROL = {"id": "object_to_marketing", "label": "Object to marketing", "link": OBJECT_LINK}
MY_EVIDENCE = ["viewed trail shoes 6 times this month", "logged 6 workouts a week on your fitness tracker"]
MY_FACTORS = ["placed 2 orders in the last 12 months", "visited our website 3 times in the last 90 days"]
THEIR_EVIDENCE = "opened 5 of our last 5 marketing emails"
PROFILE_CONTEXT = dataclasses.replace(
    CONTEXT,
    sections={
        **CONTEXT.sections,
        GROUPS: normalize(GROUPS_TEXT),
        PREDICTIONS: normalize(PREDICTIONS_TEXT),
        OBJECT: normalize(OBJECT_TEXT),
    },
    profile_signals={normalize(s) for s in [*MY_EVIDENCE, *MY_FACTORS, THEIR_EVIDENCE]},
    profile_signals_of={
        "C-1": {normalize(s) for s in [*MY_EVIDENCE, *MY_FACTORS]},
        "C-2": {normalize(THEIR_EVIDENCE)},
    },
    profile_names={"trail runners", "fitness fans", "keen email readers", "chance you stop shopping with us"},
    profile_names_of={
        "C-1": {"trail runners", "fitness fans", "chance you stop shopping with us"},
        "C-2": {"keen email readers"},
    },
)
SEGMENTS_CASE: dict[str, Any] = {
    "id": "segments-1",
    "customer_id": "C-1",
    "question": "What groups have you put me in?",
    "intent": "segments",
    "expected": {
        "focus": "current",
        "segments": [
            {
                "segment_id": "trail_runner",
                "name": "Trail runners",
                "since": "2024-02-01T10:00:00Z",
                "until": None,
                "evidence_signals": [MY_EVIDENCE[0]],
                "purpose_names": ["Personalised offers"],
                "sensitive_categories": [],
            },
            {
                "segment_id": "fitness_fan",
                "name": "Fitness fans",
                "since": "2024-03-10T10:00:00Z",
                "until": None,
                "evidence_signals": [MY_EVIDENCE[1]],
                "purpose_names": ["Personalised offers"],
                "sensitive_categories": ["Fitness tracker data"],
            },
        ],
        "purpose_names": ["Personalised offers"],
        "sensitive": [{"ref": "fitness_fan", "category_names": ["Fitness tracker data"]}],
        "controls": [OBJECT_CONTROL],
        "policy_sections": [GROUPS],
    },
}
PREDICTIONS_CASE: dict[str, Any] = {
    "id": "predictions-1",
    "customer_id": "C-1",
    "question": "do you think I'm going to leave?",
    "intent": "predictions",
    "expected": {
        "focus": "churn_risk",
        "predictions": [
            {
                "prediction_id": "P-1",
                "model": "churn_risk",
                "model_name": "Chance you stop shopping with us",
                "label": "medium",
                "label_text": "we estimate you might shop with us less",
                "score": 0.78,
                "computed_at": "2024-07-07T10:00:00Z",
                "factor_signals": MY_FACTORS,
                "purpose_names": ["Personalised offers"],
                "sensitive_categories": [],
            }
        ],
        "purpose_names": ["Personalised offers"],
        "sensitive": [],
        "controls": [OBJECT_CONTROL],
        "policy_sections": [PREDICTIONS],
    },
}
OBJECT_CASE: dict[str, Any] = {
    "id": "object-1",
    "customer_id": "C-1",
    "question": "Can I stop you profiling me?",
    "intent": "object_profiling",
    "expected": {"controls": [OBJECT_CONTROL], "policy_sections_any": [OBJECT, GROUPS]},
}


def _line(text: str, cites: list[int] | None = None, bullet: bool = False) -> dict[str, Any]:
    return {"text": text, "cites": cites or [], "bullet": bullet}


def _citation(section: str, title: str, quote: str) -> dict[str, str]:
    return {"doc_id": "privacy", "section_id": section, "title": title, "quote": quote}


def segments_lines() -> list[dict[str, Any]]:
    return [
        _line("These are the groups our records place you in now:"),
        _line(
            f"“Trail runners”, since 1 February 2024. What put you there: “{MY_EVIDENCE[0]}”. "
            "Used for: Personalised offers.",
            [0],
            bullet=True,
        ),
        _line(
            f"“Fitness fans”, since 10 March 2024. What put you there: “{MY_EVIDENCE[1]}”. "
            "Used for: Personalised offers.",
            [0],
            bullet=True,
        ),
        _line("This group uses sensitive data (fitness tracker data). We have flagged it for our team.", bullet=True),
        _line(f"To object to being placed in groups, use Object to marketing: {OBJECT_LINK}"),
    ]


def predictions_lines() -> list[dict[str, Any]]:
    return [
        _line("This is what our models estimate about you, from our records:"),
        _line(
            "Chance you stop shopping with us: we estimate you might shop with us less. "
            "The model is fairly sure (a score of 0.78 out of 1).",
            [0],
            bullet=True,
        ),
        _line(f"Main factors: “{MY_FACTORS[0]}”; “{MY_FACTORS[1]}”.", bullet=True),
        _line("Worked out on 7 July 2024. Used for: Personalised offers.", [0], bullet=True),
        _line(f"To object to these predictions, use Object to marketing: {OBJECT_LINK}"),
    ]


def object_lines() -> list[dict[str, Any]]:
    return [
        _line("You can object to profiling for direct marketing at any time, and we will stop.", [0]),
        _line(f"Use Object to marketing: {OBJECT_LINK}"),
        _line("Ask me about your groups and predictions to see why we made them."),
    ]


PROFILE_CITATIONS = {
    "segments": [_citation(GROUPS, "Customer groups", "Each group is used for personalised offers.")],
    "predictions": [_citation(PREDICTIONS, "Predictions about you", "The estimates are used for personalised offers.")],
    "object_profiling": [_citation(OBJECT, "Objecting to profiling", "You can object at any time to profiling")],
}
PROFILE_CASES: dict[str, tuple[dict[str, Any], Callable[[], list[dict[str, Any]]]]] = {
    "segments": (SEGMENTS_CASE, segments_lines),
    "predictions": (PREDICTIONS_CASE, predictions_lines),
    "object_profiling": (OBJECT_CASE, object_lines),
}


def profile_answer(intent: str, lines: list[dict[str, Any]]) -> dict[str, Any]:
    return answer_of(lines, intent=intent, decision_ids=[], citations=PROFILE_CITATIONS[intent])


@pytest.mark.parametrize("intent", list(PROFILE_CASES))
def test_a_perfect_profiling_answer_scores_one_where_items_apply(intent: str) -> None:
    case, lines = PROFILE_CASES[intent]
    result = score_answer(profile_answer(intent, lines()), case, PROFILE_CONTEXT)
    assert result.misses == []
    applicable = {k for k, v in result.scores.items() if v is not None}
    assert all(result.scores[k] == 1.0 for k in applicable), result.scores
    assert result.scores["1_offer"] is None  # no offer to identify
    assert result.scores["8_refusal"] == 1.0  # in scope: answered, not refused
    if intent == "object_profiling":
        assert applicable == {
            "4_control",
            "5_citations",
            "6_plain_language",
            "7_no_foreign_data",
            "8_refusal",
            "9_length",
        }
    else:
        assert {"2a_parameters_recall", "2b_parameters_precision", "3_purpose_basis"} <= applicable


def _reword(indexes: list[int], old: str, new: str) -> Callable[[list[dict[str, Any]]], None]:
    def edit(lines: list[dict[str, Any]]) -> None:
        for i in indexes:
            lines[i] = {**lines[i], "text": lines[i]["text"].replace(old, new)}

    return edit


def _uncite(index: int) -> Callable[[list[dict[str, Any]]], None]:
    def edit(lines: list[dict[str, Any]]) -> None:
        lines[index] = {**lines[index], "cites": []}

    return edit


# Each row: the case, what is taken out or broken, the one item that must lose points, and the miss code.
PROFILE_MISSING: list[tuple[str, str, Callable[[list[dict[str, Any]]], None], str, str]] = [
    (
        "segments",
        "a group's name",
        _replace(1, f"Since 1 February 2024. What put you there: “{MY_EVIDENCE[0]}”. Used for: Personalised offers."),
        "2a_parameters_recall",
        "group not named",
    ),
    (
        "segments",
        "a group's start date",
        _replace(1, f"“Trail runners”. What put you there: “{MY_EVIDENCE[0]}”. Used for: Personalised offers."),
        "2a_parameters_recall",
        "group start date missing",
    ),
    (
        "segments",
        "a group's evidence",
        _replace(1, "“Trail runners”, since 1 February 2024. Used for: Personalised offers."),
        "2a_parameters_recall",
        "group evidence missing",
    ),
    (
        "segments",
        "a group the customer is not in",
        _append("You are also in “Keen email readers”."),
        "2b_parameters_precision",
        "group or prediction the customer does not have",
    ),
    (
        "segments",
        "evidence that is not in the customer's records",
        _append(f"We also saw that you “{THEIR_EVIDENCE}”."),
        "2b_parameters_precision",
        "unsupported signal named",
    ),
    (
        "segments",
        "the purpose a group is used for",
        _reword([1, 2], "Used for: Personalised offers.", "Used to choose offers from what you buy."),
        "3_purpose_basis",
        "purpose not named",
    ),
    (
        "segments",
        "the sensitive-data statement",
        _replace(3, "This group uses your fitness tracker data. We have flagged it for our team."),
        "3_purpose_basis",
        "sensitive data not stated",
    ),
    (
        "segments",
        "the sensitive category",
        _replace(3, "This group uses sensitive data. We have flagged it for our team."),
        "3_purpose_basis",
        "sensitive category not named",
    ),
    (
        "segments",
        "the control's link",
        _replace(4, "To object to being placed in groups, use Object to marketing."),
        "4_control",
        "control named without its link",
    ),
    (
        "predictions",
        "the model's name",
        _replace(
            1, "We estimate you might shop with us less. The model is fairly sure (a score of 0.78 out of 1).", [0]
        ),
        "2a_parameters_recall",
        "prediction model not named",
    ),
    (
        "predictions",
        "the label sentence",
        _replace(1, "Chance you stop shopping with us: the model is fairly sure (a score of 0.78 out of 1).", [0]),
        "2a_parameters_recall",
        "prediction label missing",
    ),
    (
        "predictions",
        "the score",
        _replace(
            1, "Chance you stop shopping with us: we estimate you might shop with us less. It is fairly sure.", [0]
        ),
        "2a_parameters_recall",
        "prediction score missing",
    ),
    (
        "predictions",
        "the date",
        _replace(3, "Used for: Personalised offers.", [0]),
        "2a_parameters_recall",
        "prediction date missing",
    ),
    (
        "predictions",
        "a factor",
        _replace(2, f"Main factors: “{MY_FACTORS[0]}”."),
        "2a_parameters_recall",
        "prediction factor missing",
    ),
    (
        "predictions",
        "the purpose",
        _replace(3, "Worked out on 7 July 2024 from your orders and visits.", [0]),
        "3_purpose_basis",
        "purpose not named",
    ),
    (
        "predictions",
        "a model the customer has no prediction from",
        _append("Keen email readers is a group, not a prediction."),
        "2b_parameters_precision",
        "group or prediction the customer does not have",
    ),
    ("predictions", "the control", _drop(4), "4_control", "control missing"),
    (
        "object_profiling",
        "the control's link",
        _replace(1, "Use Object to marketing in your account."),
        "4_control",
        "control named without its link",
    ),
    (
        "object_profiling",
        "a section about objecting",
        _uncite(0),
        "5_citations",
        "citations attached to no sentence",
    ),
]


@pytest.mark.parametrize(
    ("intent", "element", "edit", "item", "code"), PROFILE_MISSING, ids=[f"{m[0]}: {m[1]}" for m in PROFILE_MISSING]
)
def test_profiling_element_missing_loses_exactly_its_item(
    intent: str, element: str, edit: Callable[[list[dict[str, Any]]], None], item: str, code: str
) -> None:
    case, make = PROFILE_CASES[intent]
    lines = make()
    edit(lines)
    result = score_answer(profile_answer(intent, lines), case, PROFILE_CONTEXT)
    lost = {k for k, v in result.scores.items() if v is not None and v < 1.0}
    assert lost == {item}, (element, result.scores, result.misses)
    assert code in {m.code for m in result.misses}, result.misses
    assert all(m.item == item for m in result.misses)


def test_the_group_section_must_be_cited() -> None:
    lines = [{**x, "cites": []} for x in segments_lines()]
    result = score_answer(answer_of(lines, "segments", [], citations=[]), SEGMENTS_CASE, PROFILE_CONTEXT)
    assert result.scores["5_citations"] == 0.0
    assert [m.code for m in result.misses] == ["expected section not cited"]


def test_past_groups_need_their_end_date() -> None:
    case = copy.deepcopy(SEGMENTS_CASE)
    case["expected"]["focus"] = "past"
    case["expected"]["segments"][0]["until"] = "2024-05-10T10:00:00Z"
    lines = segments_lines()
    result = score_answer(profile_answer("segments", lines), case, PROFILE_CONTEXT)
    assert [m.code for m in result.misses] == ["group end date missing"]
    lines[1]["text"] = lines[1]["text"].replace("since 1 February 2024", "from 1 February 2024 to 10 May 2024")
    assert score_answer(profile_answer("segments", lines), case, PROFILE_CONTEXT).misses == []


@pytest.mark.parametrize(
    ("written", "ok"),
    [
        ("a score of 0.78 out of 1", True),
        ("a score of .78", True),
        ("78% sure", True),
        ("78 per cent sure", True),
        ("78 out of 100", True),
        ("a score of 0.87", False),
        ("a score of 7.8", False),
        ("a score of 0.8", False),
    ],
)
def test_prediction_score_forms(written: str, ok: bool) -> None:
    assert mentions_score(f"The model is fairly sure ({written}).", 0.78) is ok


def test_a_refused_profiling_question_loses_item_8() -> None:
    for intent, (case, _) in PROFILE_CASES.items():
        answer = {"answer": REFUSAL, "intent": "out_of_scope", "decision_ids": [], "citations": []}
        assert score_answer(answer, case, PROFILE_CONTEXT).scores["8_refusal"] == 0.0, intent


def _why_from_a_group(sensitive: bool) -> dict[str, Any]:
    case = copy.deepcopy(WHY_CASE)
    case["expected"]["profile_origins"] = [
        {"signal": MINE[0], "kind": "segment", "ref": "trail_runner", "name": "Trail runners"}
    ]
    case["expected"]["sensitive"] = (
        [{"ref": "trail_runner", "category_names": ["Fitness tracker data"]}] if sensitive else []
    )
    return case


def _group_line(sensitive: bool) -> str:
    text = (
        "“bought trail shoes last year”, from your purchases. It comes from a group we placed you in, “Trail runners”."
    )
    return text + (" That group uses sensitive data (fitness tracker data)." if sensitive else "")


def test_why_offer_names_the_group_behind_a_parameter() -> None:
    case = _why_from_a_group(sensitive=False)
    lines = perfect_lines()
    lines[4]["text"] = _group_line(sensitive=False)
    result = score_answer(answer_of(lines), case, PROFILE_CONTEXT)
    assert result.misses == [] and result.scores["2a_parameters_recall"] == 1.0
    result = score_answer(answer_of(perfect_lines()), case, PROFILE_CONTEXT)
    assert result.scores["2a_parameters_recall"] == pytest.approx(2 / 3)
    assert [m.code for m in result.misses] == ["group or prediction behind a signal not named"]
    lines[4]["text"] += " You are also in “Keen email readers”."
    result = score_answer(answer_of(lines), case, PROFILE_CONTEXT)
    assert result.scores["2b_parameters_precision"] == 0.75  # two signals and two names, one of them not theirs
    assert [m.code for m in result.misses] == ["group or prediction the customer does not have"]


def test_why_offer_from_a_sensitive_group_must_say_so() -> None:
    case = _why_from_a_group(sensitive=True)
    lines = perfect_lines()
    lines[4]["text"] = _group_line(sensitive=True)
    assert score_answer(answer_of(lines), case, PROFILE_CONTEXT).misses == []
    lines[4]["text"] = _group_line(sensitive=False)
    result = score_answer(answer_of(lines), case, PROFILE_CONTEXT)
    assert {k for k, v in result.scores.items() if v is not None and v < 1.0} == {"3_purpose_basis"}
    assert result.scores["3_purpose_basis"] == pytest.approx(4 / 6)
    assert [m.code for m in result.misses] == ["sensitive data not stated", "sensitive category not named"]


def test_profiling_names_are_not_checked_in_other_why_offer_answers() -> None:
    """Policy text may name a group as an example ("our trail runners group"): only answers about profiling,
    and why-offer answers for decisions a group or prediction fed, are held to the customer's own groups."""
    lines = [*perfect_lines(), _line("Groups such as Keen email readers are described in our policy.")]
    result = score_answer(answer_of(lines), WHY_CASE, PROFILE_CONTEXT)
    assert result.scores["2b_parameters_precision"] == 1.0
