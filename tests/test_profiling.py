"""Segments and predictions, explained from the records only; sensitive profiles flagged."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.compose.builder import day
from assistant.pack import PackError, load_pack
from assistant.pack.knowledge import KnowledgePack
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT, Settings

SAMPLE = REPO_ROOT / "knowledge"
SENSITIVE_SEGMENT = "fitness_high_performer"


def _customers_with(pack: KnowledgePack, what: str) -> list[str]:
    if what == "memberships":
        return sorted({m.customer_id for m in pack.memberships if m.until is None})
    return sorted({p.customer_id for p in pack.predictions.values()})


def test_segments_answer_names_every_current_group_with_its_evidence_and_no_other(
    candor: Candor, sample_pack: KnowledgePack
) -> None:
    for customer in _customers_with(sample_pack, "memberships"):
        answer = candor.ask(candor.conversation(customer), "What groups have you put me in, and why?")
        assert answer.intent == "segments" and answer.verified, answer.problems
        mine = [m for m in sample_pack.memberships if m.customer_id == customer]
        for m in (m for m in mine if m.until is None):
            segment = sample_pack.segments[m.segment_id]
            assert f"“{segment.name}”, since {day(m.since)}" in answer.text
            assert all(e.signal in answer.text for e in m.evidence)
        never = {s.name for s in sample_pack.segments.values()} - {
            sample_pack.segments[m.segment_id].name for m in mine
        }
        assert not [name for name in never if f"“{name}”" in answer.text]
        assert answer.citations


def test_asking_what_ones_own_named_group_means_is_answered_from_the_membership(
    candor: Candor, sample_pack: KnowledgePack
) -> None:
    membership = next(m for m in sample_pack.memberships if m.until is None)
    name = sample_pack.segments[membership.segment_id].name
    question = f"What does being in “{name}” mean?"
    answer = candor.ask(candor.conversation(membership.customer_id), question)
    assert answer.intent == "segments" and answer.verified, answer.problems
    assert all(e.signal in answer.text for e in membership.evidence)


def test_an_offer_named_by_its_day_is_explained_even_when_the_question_names_a_group(candor: Candor) -> None:
    question = "why did the boot email on 2 April say something about me being a trail runner"
    answer = candor.ask(candor.conversation("NW-1011"), question)
    assert answer.intent == "why_offer" and answer.verified, answer.problems
    assert answer.decision_ids == ["D-264"]
    # The group without an offer named by its day is still the group's question.
    group = candor.ask(candor.conversation("NW-1011"), "why am I in trail runners?")
    assert group.intent == "segments"


def test_past_groups_are_listed_when_asked(candor: Candor, sample_pack: KnowledgePack) -> None:
    past = next(m for m in sample_pack.memberships if m.until is not None)
    answer = candor.ask(candor.conversation(past.customer_id), "What groups was I in before?")
    assert "Groups you were in before:" in answer.text
    assert f"from {day(past.since)} to {day(past.until)}" in answer.text  # type: ignore[arg-type]


def test_predictions_answer_gives_the_latest_of_each_model_in_plain_words(
    candor: Candor, sample_pack: KnowledgePack
) -> None:
    for customer in _customers_with(sample_pack, "predictions")[::3]:
        answer = candor.ask(candor.conversation(customer), "What do you predict about me?")
        assert answer.intent == "predictions" and answer.verified, answer.problems
        latest: dict[str, object] = {}
        for p in sorted(
            (p for p in sample_pack.predictions.values() if p.customer_id == customer), key=lambda p: p.computed_at
        ):
            latest[p.model] = p
        for p in latest.values():
            model = sample_pack.models[p.model]  # type: ignore[attr-defined]
            assert model.labels[p.label] in answer.text  # type: ignore[attr-defined]
            assert f"a score of {p.score:.2f} out of 1" in answer.text  # type: ignore[attr-defined]
            assert f"Worked out on {day(p.computed_at)}" in answer.text  # type: ignore[attr-defined]
        for model in sample_pack.models.values():
            if model.id not in latest:
                assert model.name not in answer.text


def test_do_you_think_im_going_to_leave_is_answered_from_the_churn_prediction(
    candor: Candor, sample_pack: KnowledgePack
) -> None:
    churn = max((p for p in sample_pack.predictions.values() if p.model == "churn_risk"), key=lambda p: p.computed_at)
    answer = candor.ask(candor.conversation(churn.customer_id), "Do you think I'm going to leave?")
    assert answer.intent == "predictions"
    assert sample_pack.models["churn_risk"].name in answer.text
    assert any(word in answer.text for word in ("very sure", "fairly sure", "not very sure", "unsure"))


def test_why_offer_names_the_group_behind_a_reason_and_says_when_it_rests_on_sensitive_data(
    candor: Candor, sample_pack: KnowledgePack
) -> None:
    d = next(d for d in sample_pack.decisions if d.decision_id == "D-713")
    answer = candor.ask(candor.conversation(d.customer_id), "Why?", decision_id=d.decision_id)
    assert "This reason comes from a customer group we placed you in" in answer.text
    assert "chosen using sensitive data" in answer.text and "flagged" in answer.text
    assert "What put you in this group:" in answer.text
    plain = next(
        d
        for d in sample_pack.decisions
        if any(p.segment_id and p.segment_id != SENSITIVE_SEGMENT for p in d.parameters)
    )
    text = candor.ask(candor.conversation(plain.customer_id), "Why?", decision_id=plain.decision_id).text
    assert "This reason comes from a customer group" in text and "sensitive data" not in text
    by_prediction = next(d for d in sample_pack.decisions if any(p.prediction_id for p in d.parameters))
    text = candor.ask(
        candor.conversation(by_prediction.customer_id), "Why?", decision_id=by_prediction.decision_id
    ).text
    assert "This reason comes from a prediction about you" in text


def test_sensitive_profiles_and_the_ads_that_used_them_are_flagged(candor: Candor) -> None:
    flags = candor.store.flags()
    assert (SENSITIVE_SEGMENT, "sensitive_segment_criteria") in {(f.ref, f.kind) for f in flags}
    ads = {f.ref for f in flags if f.kind == "ads_on_sensitive_profile"}
    assert ads == {"D-166", "D-713", "D-955"}
    members = {f.customer_id for f in flags if f.kind == "sensitive_membership_evidence"}
    assert members == {"NW-1001", "NW-1015"}


def test_objecting_to_profiling_gives_the_right_and_the_controls(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1015"), "Can I stop you profiling me?")
    assert answer.intent == "object_profiling" and answer.citations
    link = candor.catalog.company.controls["object_to_marketing"].link
    assert link is not None and link in answer.text


def test_profile_subject_from_the_ui_is_looked_up_in_the_customers_own_records(
    candor: Candor, sample_pack: KnowledgePack
) -> None:
    theirs = next(p for p in sample_pack.predictions.values() if p.customer_id == "NW-1002")
    answer = candor.ask(candor.conversation("NW-1001"), "Why?", subject=f"prediction:{theirs.prediction_id}")
    assert "Our records hold no predictions about you." in answer.text


def test_pack_without_profiling_files_loads_and_says_there_are_none(
    tmp_path: Path, candor: Candor, settings: Settings
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(SAMPLE, pack)
    for name in ("segments.yaml", "memberships.jsonl", "predictions.jsonl"):
        (pack / name).unlink()
    lines = (pack / "decisions.jsonl").read_text().splitlines()
    for i, line in enumerate(lines):  # drop the origin keys that point into the removed files
        d = json.loads(line)
        for p in d["parameters"]:
            p.pop("segment_id", None)
            p.pop("prediction_id", None)
        lines[i] = json.dumps(d, ensure_ascii=False)
    (pack / "decisions.jsonl").write_text("\n".join(lines) + "\n")
    bare = Candor(
        Settings(knowledge_dir=pack, data_dir=tmp_path / "data", now=settings.now), embeddings=candor.embeddings
    )
    conversation = bare.conversation("NW-1001")
    assert "do not place you in any customer group" in bare.ask(conversation, "What segments am I in?").text
    assert "hold no predictions about you" in bare.ask(conversation, "What do you predict about me?").text


Mutation = Callable[[Path], None]


def _edit_jsonl(name: str, index: int, change: Callable[[dict[str, object]], None]) -> Mutation:
    def mutate(pack: Path) -> None:
        path = pack / name
        rows = [json.loads(x) for x in path.read_text().splitlines()]
        change(rows[index])
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")

    return mutate


def _first_annotated(key: str) -> int:
    rows = [json.loads(x) for x in (SAMPLE / "decisions.jsonl").read_text().splitlines()]
    return next(i for i, r in enumerate(rows) if any(key in p for p in r["parameters"]))


def _set_param(key: str, value: str) -> Callable[[dict[str, object]], None]:
    def change(row: dict[str, object]) -> None:
        for p in row["parameters"]:  # type: ignore[attr-defined]
            if key in p:
                p[key] = value

    return change


BAD = [
    ("memberships.jsonl", "segment_id", _edit_jsonl("memberships.jsonl", 0, lambda r: r.update(segment_id="nope"))),
    ("memberships.jsonl", "customer_id", _edit_jsonl("memberships.jsonl", 0, lambda r: r.update(customer_id="NW-0"))),
    ("predictions.jsonl", "model", _edit_jsonl("predictions.jsonl", 0, lambda r: r.update(model="astrology"))),
    ("predictions.jsonl", "label", _edit_jsonl("predictions.jsonl", 0, lambda r: r.update(label="maybe"))),
    ("predictions.jsonl", "score", _edit_jsonl("predictions.jsonl", 0, lambda r: r.update(score=1.5))),
    (
        "decisions.jsonl",
        "segment_id",
        _edit_jsonl(
            "decisions.jsonl", _first_annotated("segment_id"), _set_param("segment_id", "outdoor_enthusiast_x")
        ),
    ),
    (
        "decisions.jsonl",
        "prediction_id",
        _edit_jsonl("decisions.jsonl", _first_annotated("prediction_id"), _set_param("prediction_id", "P-99999")),
    ),
]


@pytest.mark.parametrize(("file", "field", "mutate"), BAD, ids=[f"{f}-{k}" for f, k, _ in BAD])
def test_bad_profiling_record_names_file_and_field(tmp_path: Path, file: str, field: str, mutate: Mutation) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(SAMPLE, pack)
    mutate(pack)
    with pytest.raises(PackError) as info:
        load_pack(pack)
    assert info.value.path.name == file and info.value.line is not None
    assert field in (info.value.field or "")
