"""A company drops in its policy as published (HTML, PDF, Markdown): headings become sections, the mess of real
pages stays out of the text, and `candor init` makes a pack that validates and answers at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pdf_writer import write_pdf

from assistant.cli import main as candor_main
from assistant.pack.documents import parse_date, take_dates
from assistant.pack.errors import PackError
from assistant.pack.loader import load_pack
from assistant.pack.policies import parse_policy
from assistant.pack.scaffold import privacy_email, scaffold
from assistant.retrieval.sentences import split_sentences

PAGE = """<html><head><title>Privacy Policy | Acme</title><script>track()</script></head><body>
<nav><a href="/">Home</a> <a href="/shop">Shop</a></nav><header>Acme Inc · Sign in</header>
<main><h1>Acme Privacy Policy</h1><p><em>Last updated: March 3, 2024</em></p>
<p>This policy explains how Acme uses your data.</p>
<h2>What we collect</h2><ul><li>Contact details<ul><li>your name</li><li>your email address</li></ul></li>
<li>Device data</li></ul>
<h2>Who we share it with</h2><table><tr><th>Recipient</th><th>Why</th></tr>
<tr><td>Payment processors</td><td>To take payment.</td></tr></table>
<p><strong>Cookies</strong></p><p>We use cookies to remember your basket.</p>
<h2>Who we share it with</h2><p>We never sell your personal information.</p>
<h2>Contact</h2><p>Write to privacy@acme.example with any question.</p></main>
<footer>© Acme 2024 · Terms · Careers</footer></body></html>"""


def _pages() -> list[list[tuple[str, float]]]:
    running = [("Acme Privacy Policy - Confidential", 8.0)]
    return [
        [
            *running,
            ("Acme Privacy Policy", 18.0),
            ("Effective date: 1 February 2024", 10.0),
            ("1. Information We Collect", 14.0),
            ("We collect your name and email address when you", 10.0),
            ("register. We also collect informa-", 10.0),
            ("tion about the device you use.", 10.0),
            ("• Contact details", 10.0),
            ("• Purchase history", 10.0),
            ("Page 1 of 3", 8.0),
        ],
        [
            *running,
            ("2. How Long We Keep Data", 14.0),
            ("We keep account data while your account is open.", 10.0),
            ("Page 2 of 3", 8.0),
        ],
        [*running, ("SHARING", 14.0), ("We do not sell your personal information.", 10.0), ("Page 3 of 3", 8.0)],
    ]


def _sections(path: Path) -> dict[str, str]:
    _, sections = parse_policy(path)
    return {s.section_id: s.text for s in sections}


def test_an_html_policy_keeps_its_headings_lists_and_tables_and_drops_the_page_furniture(tmp_path: Path) -> None:
    path = tmp_path / "privacy.html"
    path.write_text(PAGE, encoding="utf-8")
    front, sections = parse_policy(path)
    assert (front.doc_id, front.title, front.effective_date) == ("privacy", "Acme Privacy Policy", date(2024, 3, 3))
    texts = {s.section_id: s.text for s in sections}
    assert list(texts) == [
        "privacy#introduction",
        "privacy#what-we-collect",
        "privacy#who-we-share-it-with",
        "privacy#cookies",
        "privacy#who-we-share-it-with-2",
        "privacy#contact",
    ]
    assert "your email address" in texts["privacy#what-we-collect"]  # the nested list survives
    assert "Payment processors | To take payment." in texts["privacy#who-we-share-it-with"]
    everything = " ".join(texts.values())
    for furniture in ("Home", "Sign in", "Careers", "track()", "Last updated"):
        assert furniture not in everything


def test_a_pdf_policy_loses_running_headers_page_numbers_and_broken_words(tmp_path: Path) -> None:
    path = tmp_path / "policy.pdf"
    path.write_bytes(write_pdf(_pages(), title="Acme Privacy Policy"))
    front, sections = parse_policy(path)
    assert front.effective_date == date(2024, 2, 1)
    texts = {s.title: s.text for s in sections}
    assert list(texts) == ["1. Information We Collect", "2. How Long We Keep Data", "SHARING"]
    assert "We also collect information about the device you use." in texts["1. Information We Collect"]
    assert "- Purchase history" in texts["1. Information We Collect"]
    everything = " ".join(texts.values())
    assert "Confidential" not in everything and "Page 2" not in everything


def test_a_pdf_without_a_text_layer_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(write_pdf([[]]))
    with pytest.raises(PackError, match="no text layer"):
        parse_policy(path)


@pytest.mark.parametrize(
    ("markdown", "titles"),
    [
        # no heading at all: parts
        ("We collect data.\n\nWe share nothing.\n", ["Part 1"]),
        # a lone top heading is the title; text under it is the introduction
        ("# Policy\n\nIntro text.\n\n## Data\n\nWe collect data.\n", ["Introduction", "Data"]),
        # a bold line standing alone is a heading; a heading with only subsections has no section of its own
        ("## Rights\n\n### Access\n\nAsk us.\n\n**Deletion**\n\nWe delete on request.\n", ["Access", "Deletion"]),
        # headings repeat
        ("## Data\n\nOne.\n\n## Data\n\nTwo.\n", ["Data", "Data"]),
    ],
)
def test_published_markdown_sections(tmp_path: Path, markdown: str, titles: list[str]) -> None:
    path = tmp_path / "policy.markdown"
    path.write_text(markdown, encoding="utf-8")
    _, sections = parse_policy(path)
    assert [s.title for s in sections] == titles
    assert len({s.section_id for s in sections}) == len(sections)


def test_a_long_policy_without_headings_is_cut_into_parts(tmp_path: Path) -> None:
    path = tmp_path / "policy.markdown"
    path.write_text("\n\n".join(f"Paragraph {i} " + "word " * 60 + "ends." for i in range(20)), encoding="utf-8")
    _, sections = parse_policy(path)
    assert len(sections) >= 4 and sections[0].title == "Part 1"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Last updated: March 3, 2024", date(2024, 3, 3)),
        ("**Effective date:** 1st February 2024", date(2024, 2, 1)),
        ("_Last modified 2023-11-30_", date(2023, 11, 30)),
        ("Last Revised: Sept 9, 2022", date(2022, 9, 9)),
        ("Effective as of 12/31/2021", date(2021, 12, 31)),
    ],
)
def test_last_updated_lines_become_the_date_and_leave_the_text(line: str, expected: date) -> None:
    text, when = take_dates(f"# Policy\n{line}\n\nWe collect data.")
    assert when == expected
    assert line not in text and "We collect data." in text


def test_a_sentence_about_updates_stays_in_the_text() -> None:
    text, when = take_dates("We will notify you when this policy is updated, as described below in detail.")
    assert when is None and "notify" in text
    assert parse_date("soon") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We follow U.S. law. We use cookies, e.g. pixels.", ["We follow U.S. law.", "We use cookies, e.g. pixels."]),
        (
            "We collect:\n\n- your name and\n  email address;\n- your phone.",
            ["We collect:", "your name and\n  email address;", "your phone."],
        ),
        ("| Data | Why |\n|---|---|\n| Email | Receipts |", ["Data | Why", "Email | Receipts"]),
        ("1. Payment details. Card numbers too.", ["Payment details.", "Card numbers too."]),
    ],
)
def test_sentences_are_exact_slices_of_the_policy(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
    assert all(s in text for s in split_sentences(text))


def test_init_makes_a_pack_that_validates_with_the_policy_contact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "privacy.html"
    policy.write_text(PAGE, encoding="utf-8")
    code = candor_main(["init", str(tmp_path / "pack"), "--policy", str(policy), "--name", "Acme"])
    assert code == 0, capsys.readouterr().err
    pack = load_pack(tmp_path / "pack")
    assert pack.company.contacts.privacy_email == "privacy@acme.example"
    assert not (tmp_path / "pack" / "segments.yaml").exists()
    assert "privacy#what-we-collect" in pack.sections


def test_init_gives_plain_markdown_front_matter_and_unique_sections(tmp_path: Path) -> None:
    policy = tmp_path / "Our Policy.md"
    policy.write_text("# Our Policy\n\nLast updated: 2 May 2024\n\nHello.\n\n# Data\n\nOne.\n\n# Data\n\nTwo.\n")
    scaffold(tmp_path / "pack", policy, "Shop")
    pack = load_pack(tmp_path / "pack")
    (front,) = pack.policies.values()
    assert front.effective_date == date(2024, 5, 2)
    assert [s.title for s in pack.sections.values()] == ["Our Policy", "Data", "Data (2)"]


def test_init_refuses_a_non_empty_directory_and_other_formats(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "x").write_text("")
    policy = tmp_path / "p.html"
    policy.write_text(PAGE)
    assert candor_main(["init", str(tmp_path / "pack"), "--policy", str(policy), "--name", "A"]) == 2
    (tmp_path / "p.docx").write_text("")
    assert candor_main(["init", str(tmp_path / "new"), "--policy", str(tmp_path / "p.docx"), "--name", "A"]) == 2
    assert privacy_email("Write to help@a.example or privacy@a.example.", "A") == "privacy@a.example"
