"""Real policy files (HTML, PDF, Markdown without front matter) into Markdown a section parser can read.

HTML: the page's main content (`<main>`, else `<article>`, else the body) without navigation, header, footer,
scripts and forms, read by BeautifulSoup and turned into Markdown by markdownify, which keeps headings,
nested lists and tables. PDF: pypdf's text, page by page, with lines repeated on most pages
(running headers and footers) and page numbers taken out, words broken by a hyphen at a line end joined, and
headings recognised by font size or by numbering. "Last updated" and "Effective" lines become the document's
date and leave the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
POLICY_SUFFIXES = MARKDOWN_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES

_DATE_LINE = re.compile(
    r"^\W*(?:\*\*)?(?:last\s+(?:updated|modified|revised|changed)|effective(?:\s+date)?|"
    r"(?:this\s+policy\s+)?(?:was\s+)?(?:updated|revised)\s+(?:on|as\s+of)|date\s+of\s+last\s+revision)"
    r"(?:\s+(?:on|as\s+of))?\s*[:\-–—]?\s*(?:\*\*)?\s*(?P<date>.{4,40}?)\s*(?:\*\*)?\W*$",
    re.I,
)
_DATE_FORMATS = ("%B %d, %Y", "%B %d %Y", "%d %B %Y", "%b %d, %Y", "%b %d %Y", "%d %b %Y", "%Y-%m-%d", "%m/%d/%Y")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.I)
_NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.|[A-Z]\.)\s+[A-Z][^.!?]{2,80}$")


class DocumentError(ValueError):
    """A policy file that cannot be read as text: the message says why and what to do."""


@dataclass(frozen=True)
class Document:
    """A policy as Markdown, with what the file itself says about it."""

    markdown: str
    title: str | None
    effective: date | None


def parse_date(text: str) -> date | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip(".")).replace("Sept ", "Sep ")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def take_dates(markdown: str) -> tuple[str, date | None]:
    """The text without its "Last updated …" / "Effective …" lines, and the latest date they give."""
    kept, found = [], []
    for line in markdown.splitlines():
        match = _DATE_LINE.match(re.sub(r"[*_#]+", " ", line).strip())
        when = parse_date(match.group("date")) if match else None
        if when is not None and len(line.split()) <= 12:
            found.append(when)
            continue
        kept.append(line)
    return "\n".join(kept), max(found) if found else None


# Page furniture, not policy text.
_FURNITURE = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button")


def html_document(raw: bytes) -> Document:
    from bs4 import BeautifulSoup
    from markdownify import MarkdownConverter

    soup = BeautifulSoup(raw, "html.parser")
    if not soup.get_text(strip=True):
        raise DocumentError("the HTML file has no text")
    for tag in soup.find_all(_FURNITURE):
        tag.decompose()
    for tag in soup.select('[role="navigation"], [role="banner"], [role="contentinfo"]'):
        tag.decompose()
    main = soup.find("main") or soup.select_one('[role="main"]') or soup.find("article") or soup.body or soup
    heading = main.find("h1")
    title = " ".join((heading or soup.title or main).get_text(" ").split()) if heading or soup.title else None
    converter = MarkdownConverter(heading_style="ATX", bullets="-", strip=["a", "img"])
    markdown = re.sub(r"\n{3,}", "\n\n", converter.convert_soup(main))
    text, effective = take_dates(markdown)
    return Document(text, title or None, effective)


def _pdf_lines(page: object) -> list[tuple[str, float]]:
    """The page's text lines with the largest font size seen on each."""
    sizes: dict[str, float] = {}
    pieces: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        scale = abs(tm[3] * cm[3]) or 1.0
        if text.strip():
            pieces.append((text, size * scale))

    text = page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    for piece, size in pieces:
        for line in piece.splitlines():
            if line.strip():
                key = " ".join(line.split())
                sizes[key] = max(sizes.get(key, 0.0), size)
    lines = []
    for line in text.splitlines():
        key = " ".join(line.split())
        size = sizes.get(key, max((v for k, v in sizes.items() if k and k in key), default=0.0))
        lines.append((line.rstrip(), size))
    return lines


def _is_pdf_heading(line: str, size: float, body: float) -> bool:
    words = line.split()
    if not words or len(words) > 12 or line.rstrip().endswith((".", ",", ";", ":")):
        return False
    larger = body > 0 and size >= body * 1.15
    shouting = line.isupper() and len(line) > 3
    return larger or shouting or bool(_NUMBERED_HEADING.match(line.strip()))


def pdf_document(raw: bytes) -> Document:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [_pdf_lines(page) for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise DocumentError(f"the PDF cannot be read ({exc})") from None
    if not any(line.strip() for page in pages for line, _ in page):
        raise DocumentError("the PDF has no text layer (a scan?): export the policy as text, HTML or Markdown")

    # Running headers and footers: the same line (numbers aside) on at least half of several pages.
    def shape(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.split()).lower())

    seen = Counter(shape(line) for page in pages for line in {ln for ln, _ in page if ln.strip()})
    repeated = {s for s, n in seen.items() if len(pages) >= 3 and n >= max(2, len(pages) // 2)}
    sizes = Counter(round(size, 1) for page in pages for line, size in page for _ in line.split())
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    out: list[str] = []
    for page in pages:
        for line, size in page:
            stripped = line.strip()
            if not stripped or shape(line) in repeated or _PAGE_NUMBER.match(stripped):
                continue
            if _is_pdf_heading(stripped, size, body):
                out += ["", f"## {stripped}", ""]
            elif re.match(r"^[•▪◦●‣-]\s*", stripped):
                out.append(re.sub(r"^[•▪◦●‣-]\s*", "- ", stripped))
            elif out and out[-1].endswith("-") and out[-1][-2:-1].isalpha() and stripped[:1].islower():
                out[-1] = out[-1][:-1] + stripped  # a word broken at the line end
            else:
                out.append(stripped)
    metadata_title = (reader.metadata.title if reader.metadata else None) or None
    text, effective = take_dates("\n".join(out))
    return Document(text, str(metadata_title).strip() if metadata_title else None, effective)


def markdown_document(raw: bytes) -> Document:
    text, effective = take_dates(raw.decode("utf-8-sig", errors="replace"))
    title = next((m.group(1).strip() for m in re.finditer(r"^#\s+(.+?)\s*#*\s*$", text, re.M)), None)
    return Document(text, title, effective)


def read_document(path: Path) -> Document:
    """The file as Markdown, by its suffix."""
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return html_document(raw)
    if suffix in PDF_SUFFIXES:
        return pdf_document(raw)
    return markdown_document(raw)
