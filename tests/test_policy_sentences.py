"""Policy questions are answered with the policy's own sentences: every one the selector chose, quoted exactly,
in policy order, cited to its section; or a plain "The policy does not say whether …"."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.compose.builder import Draft, plain
from assistant.compose.policy_quotes import compose_selection
from assistant.pack.models import Section
from assistant.pipeline import Candor
from assistant.retrieval.practices import LEVELS, PRACTICES_FILE, Layer, Practices
from assistant.retrieval.selector import HEAD_FILE, Head, Selection, most_f1, open_selector, select, select_within
from assistant.retrieval.sentence_index import PolicySentence, SentenceIndex, policy_sentences, read_index, write_index
from assistant.understand.asked import what_was_asked


def _section(sid: str, title: str, text: str) -> Section:
    return Section(
        section_id=f"p#{sid}", doc_id="p", doc_title="Policy", doc_version="1", title=title, level=2, line=1, text=text
    )


SECTIONS = [
    _section(sid, title, text)
    for sid, title, text in [
        ("keep", "How long we keep it", "We keep messages for 30 days.\n\nPlain language: Not long."),
        ("share", "Sharing", "We do not sell your data. We share data with hosting providers."),
    ]
]


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("Do you keep my messages after I delete the app?", "whether we keep your messages after you delete the app"),
        ("can my employer see this?", "whether your employer can see this"),
        ("How long do you keep my data?", "how long we keep your data"),
        ("Who do you share my information with?", "who we share your information with"),
        ("Is my data encrypted?", "whether your data is encrypted"),
        ("Tell me about cookies", None),
    ],
)
def test_what_the_policy_does_not_say_is_put_as_a_clause(question: str, clause: str | None) -> None:
    assert what_was_asked(question) == clause


def test_candidate_sentences_are_exact_slices_without_the_plain_language_summary() -> None:
    found = policy_sentences(SECTIONS)  # type: ignore[arg-type]
    assert [s.text for s in found] == [
        "We keep messages for 30 days.",
        "We do not sell your data.",
        "We share data with hosting providers.",
    ]
    assert all(s.text in next(x.text for x in SECTIONS if x.section_id == s.section_id) for s in found)


def test_more_likely_sentences_mean_more_sentences_chosen() -> None:
    assert most_f1(np.array([0.9, 0.1, 0.05]), 1.0, 5) == [0]
    assert sorted(most_f1(np.array([0.9, 0.8, 0.7, 0.05]), 1.0, 5)) == [0, 1, 2]
    assert len(most_f1(np.full(10, 0.9), 1.0, 4)) == 4


def test_the_selector_abstains_below_its_threshold_and_keeps_policy_order(tmp_path: Path) -> None:
    vectors = np.eye(3, 384, dtype=np.float32)
    index = SentenceIndex(policy_sentences(SECTIONS), vectors, {}, None)  # type: ignore[arg-type]
    write_index(index, tmp_path)
    again = read_index(tmp_path)
    assert again.sentences == index.sentences
    head = Head.load()
    never = Head(head.coef, head.intercept, head.mean, head.scale, head.boost, abstain=1.1, most=head.most)
    assert select("How long do you keep messages?", again, vectors[0], never).abstained
    always = Head(head.coef, head.intercept, head.mean, head.scale, boost=50.0, abstain=0.0, most=3)
    chosen = select("How long do you keep messages?", again, vectors[0], always)
    assert [s.text for s in chosen.sentences] == [s.text for s in index.sentences if s in chosen.sentences]


class FakeEmbeddings:
    """A constant 384-dimensional vector: these tests open selectors, they do not rank with them."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return [1.0] + [0.0] * 383


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        ("How long do you keep my messages?", True),
        ("Is my data encrypted?", False),  # no sentence speaks of encryption or security: the policy does not say
        ("Do you use my data to train AI?", False),  # nor of AI or training
        ("What do you do with my data?", True),  # only generic words: the head alone decides
    ],
)
def test_the_policy_does_not_say_when_no_chosen_sentence_shares_a_topic_word(question: str, answers: bool) -> None:
    vectors = np.eye(3, 384, dtype=np.float32)
    index = SentenceIndex(policy_sentences(SECTIONS), vectors, {}, None)  # type: ignore[arg-type]
    head = Head.load()
    eager = Head(head.coef, head.intercept, head.mean, head.scale, boost=50.0, abstain=0.0, most=3)
    assert bool(select(question, index, vectors[0], eager).sentences) is answers


def test_the_shipped_head_reads_no_practice_layers() -> None:
    # Practice layers are learned from research-only annotations (OPP-115): never part of the shipped head.
    head = json.loads(HEAD_FILE.read_text(encoding="utf-8"))
    weights = dict(zip(head["features"], head["coef"], strict=True))
    assert {name: w for name, w in weights.items() if name.startswith("practice") and w} == {}
    assert not (HEAD_FILE.parent / PRACTICES_FILE.name).exists()


def test_research_weights_missing_a_file_are_refused_with_the_command_that_makes_them(tmp_path: Path) -> None:
    vectors = np.eye(3, 384, dtype=np.float32)
    write_index(SentenceIndex(policy_sentences(SECTIONS), vectors, {}, None), tmp_path)  # type: ignore[arg-type]
    weights = tmp_path / "weights"
    weights.mkdir()
    (weights / HEAD_FILE.name).write_text(HEAD_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"train_head\.py --out-dir"):
        open_selector(
            tmp_path,
            FakeEmbeddings(),  # type: ignore[arg-type]
            weights,
        )


def test_research_weights_with_practice_layers_are_read_when_configured(tmp_path: Path) -> None:
    vectors = np.eye(3, 384, dtype=np.float32)
    write_index(SentenceIndex(policy_sentences(SECTIONS), vectors, {}, None), tmp_path)  # type: ignore[arg-type]
    weights = tmp_path / "weights"
    weights.mkdir()
    (weights / HEAD_FILE.name).write_text(HEAD_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    layer = Layer(np.ones((2, 3 * 384)), np.zeros(2), np.ones((2, 384)), np.zeros(2))
    Practices({level: layer for level in LEVELS}).save(weights / PRACTICES_FILE.name)
    selector = open_selector(
        tmp_path,
        FakeEmbeddings(),  # type: ignore[arg-type]
        weights,
    )
    assert selector is not None and selector.index.practices is not None
    plain_selector = open_selector(
        tmp_path,
        FakeEmbeddings(),  # type: ignore[arg-type]
    )
    assert plain_selector is not None and plain_selector.index.practices is None


def test_chosen_sentences_are_quoted_in_order_and_cited_to_their_sections(candor: Candor) -> None:
    catalog = candor.catalog
    sections = [s for s in catalog.sections.values() if s.text][:2]
    chosen = [PolicySentence(s.section_id, s.title, policy_sentences([s])[0].text) for s in sections]  # type: ignore[list-item]
    draft = Draft(intent="policy_question", catalog=catalog)
    compose_selection(draft, None, Selection(chosen, [0.4, 0.9], 0.9))
    answer = draft.answer()
    quoted = [line for line in answer.lines if line.text.startswith("“")]
    assert [plain(c.text) for c in chosen] == [line.text.strip("“”") for line in quoted]
    for line, sentence in zip(quoted, chosen, strict=True):
        assert answer.citations[line.cites[0]].section_id == sentence.section_id


def test_when_the_policy_does_not_say_the_answer_says_so(candor: Candor) -> None:
    draft = Draft(intent="policy_question", catalog=candor.catalog)
    compose_selection(draft, what_was_asked("Can my employer see my messages?"), Selection([], [], 0.1))
    text = " ".join(line.text for line in draft.answer().lines)
    assert text.startswith("The policy does not say whether your employer can see your messages.")
    assert candor.catalog.company.contacts.privacy_email in text


def test_a_policy_question_on_the_sample_quotes_the_policy_verbatim_and_verifies(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1007"), "Do you use cookies to track me?")
    assert answer.verified and answer.intent == "policy_question"
    quoted = [line for line in answer.lines if line.text.startswith("“")]
    assert quoted
    for line in quoted:
        section = candor.catalog.sections[answer.citations[line.cites[0]].section_id]
        assert line.text.strip("“”") in plain(section.text)


def test_a_plain_language_summary_of_several_sentences_is_left_out_whole() -> None:
    section = _section(
        "safe",
        "How we protect your data",
        "We encrypt data.\n\nPlain language: We lock it. Only staff see it.\n\nAn auditor checks us yearly.",
    )
    assert [s.text for s in policy_sentences([section])] == [  # type: ignore[list-item]
        "We encrypt data.",
        "An auditor checks us yearly.",
    ]


def test_a_question_on_a_topic_is_answered_from_its_section_even_below_the_abstain_threshold() -> None:
    vectors = np.eye(3, 384, dtype=np.float32)
    index = SentenceIndex(policy_sentences(SECTIONS), vectors, {}, None)  # type: ignore[arg-type]
    head = Head.load()
    never = Head(head.coef, head.intercept, head.mean, head.scale, head.boost, abstain=1.1, most=head.most)
    assert select("Is my data safe?", index, vectors[0], never).abstained
    chosen = select_within("Is my data safe?", index, vectors[0], never, ["p#share"])
    # A short section on the topic is quoted whole, in policy order.
    assert [s.text for s in chosen.sentences] == ["We do not sell your data.", "We share data with hosting providers."]
    # From several sections, the likeliest sentence of each.
    both = select_within("Is my data safe?", index, vectors[0], never, ["p#keep", "p#share"])
    assert [s.section_id for s in both.sentences] == ["p#keep", "p#share"]


def test_a_question_asking_how_long_prefers_the_topic_sentence_that_states_a_time() -> None:
    download = _section(
        "dl",
        "How to download your data",
        "Use Download my data in your account to get your data as a file. It arrives within 72 hours.",
    )
    sections = [download, *SECTIONS[1:]]
    sentences = policy_sentences(sections)  # type: ignore[arg-type]
    vectors = np.eye(len(sentences), 384, dtype=np.float32)
    index = SentenceIndex(sentences, vectors, {}, None)
    head = Head.load()
    chosen = select_within("how long does the download take?", index, vectors[0], head, ["p#dl", "p#share"])
    assert [s.text for s in chosen.sentences if s.section_id == "p#dl"] == ["It arrives within 72 hours."]
