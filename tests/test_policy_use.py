"""Data used more broadly than the policy says (`undescribed_use`): the policy section of each purpose is read,
by meaning, against the data its decisions used."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.pack.loader import load_pack
from assistant.practices.audit import audit
from assistant.practices.findings import Finding
from assistant.practices.policy_use import Reading
from assistant.practices.text import render_text
from assistant.retrieval.data_kinds import EmbeddingReader, clauses
from assistant.retrieval.embeddings import LocalEmbeddings
from assistant.settings import REPO_ROOT

LUMEN = REPO_ROOT / "tests" / "fixtures" / "packs" / "lumen"


@pytest.fixture(scope="module")
def reader() -> EmbeddingReader:
    return EmbeddingReader(LocalEmbeddings())


class WordReader:
    """A fake: a section describes a category when it holds the category's name, lowercased."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, int]] = []

    def read(self, name: str, description: str, texts: Sequence[str]) -> Reading:
        self.asked.append((name, len(texts)))
        hit = next((t for t in texts if name.lower() in t.lower()), None)
        return Reading(hit is not None, hit)


def _undescribed(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.cites.categories[0], f.cites.purposes[0]) for f in findings if f.kind == "undescribed_use"}


@pytest.mark.parametrize(
    ("name", "description", "text", "described"),
    [
        # Named in other words
        ("Purchase history", "What you bought from us, when and at what price.",
         "We choose offers from what you bought and the page you are on.", True),
        ("Approximate location", "Your country and city, worked out from your IP address.",
         "We choose ads using your tastes, your approximate region and audiences.", True),
        ("Device and app data", "Your device model, app version and settings.",
         "We use device data, sign-in activity and payment signals to detect fraud.", True),
        # Not named at all
        ("Viewing history", "The films and series you played and when.",
         "We choose ads using your tastes, your approximate region and audiences.", False),
        ("Approximate location", "Your country and city, worked out from your IP address.",
         "We use device data, sign-in activity and payment signals to detect fraud.", False),
    ],
)  # fmt: skip
def test_the_reader_finds_data_named_in_other_words_and_not_data_never_named(
    reader: EmbeddingReader, name: str, description: str, text: str, described: bool
) -> None:
    reading = reader.read(name, description, [text])
    assert reading.described is described
    assert reading.closest is not None and reading.closest in text


def test_clauses_split_a_list_of_data_into_its_items() -> None:
    assert clauses("We use your tastes, your approximate region and whether a partner told us (via a clean room).") == [
        "We use your tastes",
        "your approximate region",
        "whether a partner told us",
        "via a clean room",
    ]


def test_the_sample_pack_describes_every_use_in_other_words(reader: EmbeddingReader) -> None:
    result = audit(load_pack(REPO_ROOT / "knowledge"), reader=reader)
    assert result.policy_read and _undescribed(result.findings) == set()


def test_the_second_pack_uses_viewing_history_for_partner_ads_its_policy_never_mentions(
    reader: EmbeddingReader,
) -> None:
    pack = load_pack(LUMEN)
    found = [f for f in audit(pack, reader=reader).findings if f.kind == "undescribed_use"]
    assert {("watch-history", "ads.partner"), ("approx-region", "acct.safety")} <= _undescribed(found)
    partner = next(f for f in found if f.cites.purposes == ("ads.partner",))
    assert partner.cites.sections == ("how-we-choose#partner-ads",) and partner.cites.decisions
    assert all(d in {x.decision_id for x in pack.decisions} for d in partner.cites.decisions)
    assert partner.counts["decisions"] == sum(
        1
        for d in pack.decisions
        if d.purpose == "ads.partner" and "watch-history" in {p.data_category for p in d.parameters}
    )


def test_removing_a_kind_of_data_from_the_policy_section_is_found(reader: EmbeddingReader, tmp_path: Path) -> None:
    root = tmp_path / "pack"
    shutil.copytree(REPO_ROOT / "knowledge", root, ignore=shutil.ignore_patterns("generator", "*.py"))
    policy = root / "policies" / "privacy-policy.md"
    text = policy.read_text(encoding="utf-8")
    cut = "your purchase history, your inferred interests and your region"
    assert cut in text
    policy.write_text(text.replace(cut, "your purchase history and your inferred interests"), encoding="utf-8")
    found = [f for f in audit(load_pack(root), reader=reader).findings if f.kind == "undescribed_use"]
    assert _undescribed(found) == {("location_region", "partner_advertising")}
    assert "The closest it comes" in found[0].statement


def test_a_purpose_is_read_with_its_subsections() -> None:
    fake = WordReader()
    pack = load_pack(REPO_ROOT / "knowledge")
    audit(pack, reader=fake)
    # "How we choose offers" has its parameters in the subsections below it.
    assert ("Purchase history", 5) in fake.asked


def test_a_section_that_names_none_of_the_data_is_not_reported_category_by_category() -> None:
    class Blind(WordReader):
        def read(self, name: str, description: str, texts: Sequence[str]) -> Reading:
            return Reading(False, None)

    result = audit(load_pack(LUMEN), reader=Blind())
    assert _undescribed(result.findings) == set()


def test_without_a_reader_the_check_is_not_run_and_the_report_says_so() -> None:
    result = audit(load_pack(LUMEN))
    assert not result.policy_read and _undescribed(result.findings) == set()
    assert "not the policy text against use" in render_text(result)
