"""Convert third-party labelled corpora into the span format benchmarks/pii/score.py reads.

Each output line: {"id", "source", "split", "text", "spans": [{start, end, entity_type, text}],
"ignore": [{start, end, entity_type, text}]}. ``ignore`` marks labelled text that is not gold for Candor's types
but where a prediction of that type is no error either (a city or postcode with no street before it, a place name
in a tweet, an Aadhaar number found as a phone); entity_type "*" excuses every type.

The inputs are git checkouts (or bare snapshots) of the source repositories, read at pinned commits with
``git show`` so the output is reproducible:

    python benchmarks/pii/third_party/convert.py --webstruct DIR --wnut17 DIR --nannigalaxy DIR

Sources, licences and what was changed are in benchmarks/pii/third_party/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
COMMITS = {
    "webstruct": "17c8254898368ead7448a9145e98a125f8891558",
    "wnut17": "e52a2d2a71ac1a051ca2d532eef28653c5c02603",
    "nannigalaxy": "e776265d92426ab9ef11f7bea3b9989addc39b63",
}
Record = dict[str, Any]


def git_show(repo: Path, commit: str, path: str) -> str:
    out = subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"], capture_output=True, check=True)
    try:
        return out.stdout.decode("utf-8")
    except UnicodeDecodeError:  # some saved pages are Windows-1252
        return out.stdout.decode("cp1252", errors="replace")


def git_ls(repo: Path, commit: str, folder: str) -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "--name-only", f"{commit}:{folder}"], capture_output=True, check=True
    )
    return [f"{folder}/{n}" for n in out.stdout.decode().split() if n.endswith(".html")]


def split_of(key: str) -> str:
    """A stable dev/test split by a hash of the grouping key (a website, a record): about half each."""
    return "dev" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 == 0 else "test"


def span(text: str, start: int, end: int, kind: str) -> dict[str, Any]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return {"start": start, "end": end, "entity_type": kind, "text": text[start:end]}


# ----------------------------------------------------------------------------------------------------------------
# WebStruct: business web pages (US, UK, CA, NL) annotated with WebAnnotator
# ----------------------------------------------------------------------------------------------------------------

_BLOCK = frozenset(
    "p div br li ul ol tr table h1 h2 h3 h4 h5 h6 address section article header footer nav form option td th "
    "dt dd blockquote pre hr title".split()
)
_SKIP = frozenset("script style noscript head select".split())
_PHONE_TYPES = {"TEL": "PHONE", "FAX": "PHONE"}
_ADDRESS_PARTS = ("STREET", "CITY", "STATE", "ZIPCODE", "COUNTRY")


class _PageText(HTMLParser):
    """Visible text of a page with one line per block, and the WebAnnotator entities as character ranges."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.length = 0
        self.skip = 0
        self.stack: list[tuple[str, str, int] | None] = []  # per open <span>: (wa-id, wa-type, start)
        self.entities: dict[str, list[Any]] = {}  # wa-id -> [type, start, end]

    def _last(self) -> str:
        return self.out[-1][-1] if self.out and self.out[-1] else "\n"

    def _emit(self, s: str) -> None:
        if s:
            self.out.append(s)
            self.length += len(s)

    def _newline(self) -> None:
        if self._last() == " ":
            self.out[-1] = self.out[-1][:-1] + "\n"
        elif self._last() != "\n":
            self._emit("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        if tag in _BLOCK:
            self._newline()
        if tag == "span":
            a = dict(attrs)
            kind, wid = a.get("wa-type"), a.get("wa-id")
            self.stack.append((wid, kind, self.length) if kind and wid is not None else None)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self._newline()
        if tag == "span" and self.stack:
            top = self.stack.pop()
            if top is not None:
                wid, kind, start = top
                ent = self.entities.setdefault(wid, [kind, start, self.length])
                ent[1], ent[2] = min(ent[1], start), max(ent[2], self.length)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        text = re.sub(r"\s+", " ", data)
        if text.startswith(" ") and self._last() in " \n":
            text = text[1:]
        self._emit(text)


def _page_records(html: str, page_id: str, split: str) -> Iterator[Record]:
    parser = _PageText()
    parser.feed(html)
    text = "".join(parser.out)
    ents = sorted((s, e, k) for k, s, e in parser.entities.values() if e > s)
    # One address = a STREET and the CITY/STATE/ZIPCODE/COUNTRY parts that follow it with only separators between.
    gold: list[dict[str, Any]] = []
    ignore: list[dict[str, Any]] = []
    i = 0
    while i < len(ents):
        s, e, k = ents[i]
        if k == "STREET":
            j = i + 1
            while (
                j < len(ents)
                and ents[j][2] in _ADDRESS_PARTS
                and re.fullmatch(r"[\s,.\-–|/]{0,6}", text[e : ents[j][0]])
            ):
                e = max(e, ents[j][1])
                j += 1
            gold.append(span(text, s, e, "STREET_ADDRESS"))
            i = j
            continue
        if k in _ADDRESS_PARTS:
            ignore.append(span(text, s, e, "STREET_ADDRESS"))
        elif k == "PER":
            gold.append(span(text, s, e, "PERSON"))
        elif k in _PHONE_TYPES:
            gold.append(span(text, s, e, "PHONE"))
        elif k == "EMAIL":
            gold.append(span(text, s, e, "EMAIL"))
        i += 1
    gold = [g for g in gold if g["end"] > g["start"]]
    # The annotators marked the contact block, not every email on the page (footers, "mail us" links): an
    # unlabelled, unmistakable email is an annotation gap, so finding it is no error either way.
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}", text):
        if not any(g["start"] < m.end() and m.start() < g["end"] for g in gold):
            ignore.append(span(text, m.start(), m.end(), "EMAIL"))
    # Messages: runs of lines up to ~400 characters, never cutting an entity; keep every run with a gold span
    # and one in six of the rest (navigation, prose), which is where false alarms show.
    rng = random.Random(page_id)
    bounds = [m.end() for m in re.finditer(r"\n", text)] + [len(text)]
    start = 0
    n = 0
    for b in bounds:
        if b - start < 400 and b != len(text):
            continue
        if any(g["start"] < b < g["end"] for g in gold + ignore):
            continue
        chunk = text[start:b]
        inside = [g for g in gold if start <= g["start"] and g["end"] <= b]
        ign = [g for g in ignore if start <= g["start"] and g["end"] <= b]
        if chunk.strip() and (inside or rng.random() < 1 / 6):
            lead = len(chunk) - len(chunk.lstrip())
            body = chunk.strip()
            off = start + lead

            def shift(g: dict[str, Any], off: int = off) -> dict[str, Any]:
                return {**g, "start": g["start"] - off, "end": g["end"] - off}

            yield {
                "id": f"webstruct:{page_id}:{n}",
                "source": "webstruct",
                "split": split,
                "text": body,
                "spans": [shift(g) for g in inside],
                "ignore": [shift(g) for g in ign],
            }
            n += 1
        start = b


def convert_webstruct(repo: Path) -> list[Record]:
    commit = COMMITS["webstruct"]
    out: list[Record] = []
    for folder in ("business_pages/wa", "us_contact_pages/wa", "random_pages/wa", "nl/wa"):
        for path in sorted(git_ls(repo, commit, f"webstruct_data/corpus/{folder}")):
            html = git_show(repo, commit, path)
            base = re.search(r"<base\s+href=\"?https?://(?:www\.)?([^/\"]+)", html, re.I)
            site = base.group(1).lower() if base else path
            page_id = f"{folder.split('/')[0]}/{Path(path).stem}"
            out += _page_records(html, page_id, split_of(site))
    return out


# ----------------------------------------------------------------------------------------------------------------
# WNUT-17 emerging entities: tweets, Reddit, YouTube and StackExchange comments, CoNLL format
# ----------------------------------------------------------------------------------------------------------------


def _conll(raw: str, name: str, split: str) -> Iterator[Record]:
    for n, block in enumerate(b for b in re.split(r"\n\s*\n", raw) if b.strip()):
        pieces: list[str] = []
        labels: list[tuple[int, int, str]] = []
        pos = 0
        for line in block.splitlines():
            if not line.strip():
                continue
            token, _, tag = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
            if pieces:
                pieces.append(" ")
                pos += 1
            pieces.append(token)
            if tag != "O":
                kind = tag[2:]
                if tag.startswith("I-") and labels and labels[-1][2] == kind and labels[-1][1] == pos - 1:
                    labels[-1] = (labels[-1][0], pos + len(token), kind)
                else:
                    labels.append((pos, pos + len(token), kind))
            pos += len(token)
        text = "".join(pieces)
        spans = [span(text, s, e, "PERSON") for s, e, k in labels if k == "person"]
        ignore = [span(text, s, e, "STREET_ADDRESS") for s, e, k in labels if k == "location"]
        yield {"id": f"wnut17:{name}:{n}", "source": "wnut17", "split": split, "text": text, "spans": spans,
               "ignore": ignore}  # fmt: skip


def convert_wnut17(repo: Path) -> list[Record]:
    commit = COMMITS["wnut17"]
    return [
        *_conll(git_show(repo, commit, "emerging.dev.conll"), "dev", "dev"),
        *_conll(git_show(repo, commit, "emerging.test.annotated"), "test", "test"),
    ]


# ----------------------------------------------------------------------------------------------------------------
# Nannigalaxy/PII-synthetic_dataset: short synthetic sentences with PII (MIT)
# ----------------------------------------------------------------------------------------------------------------

_NANNI = {"PERSON": "PERSON", "EMAIL": "EMAIL", "SSN": "US_SSN", "PHONE": "PHONE", "IBAN": "IBAN",
          "CREDIT_CARD": "CREDIT_CARD"}  # fmt: skip
# Labels that are personal data Candor has no type for: finding them as anything is no false alarm.
_NANNI_OTHER_PII = frozenset(
    "AADHAR PAN PASSPORT PASSPORT_NUM TAX_ID TAXID ACCOUNT ACCOUNT_NUMBER ACCOUNT_NUM BANK_ACCOUNT BANK_ACCOUNT_NUM "
    "ROUTING_NUMBER DRIVER_LICENSE DRIVERS_LICENSE DRIVER_LICENSE_NUM LICENSE VOTER_ID PATIENT_ID INSURANCE_ID "
    "INSURANCE_POLICY_NUM EMPLOYEE_ID USERID USER_ID USERNAME PID POLICE_ID_NUM MEDICAL_RECORD PASSWORD".split()
)


def convert_nannigalaxy(repo: Path) -> list[Record]:
    data = json.loads(git_show(repo, COMMITS["nannigalaxy"], "dataset/pii_syn_nano_en.json"))
    out: list[Record] = []
    for n, row in enumerate(data):
        text: str = row["text"]
        spans, ignore = [], []
        taken: list[tuple[int, int]] = []
        for ent in row["NER"]:
            value, label = ent.get("entity", ""), ent.get("label", "")  # one row is malformed upstream
            start = text.find(value)
            while start != -1 and any(s < start + len(value) and start < e for s, e in taken):
                start = text.find(value, start + 1)
            if start == -1 or not value:
                continue
            taken.append((start, start + len(value)))
            if label in _NANNI:
                spans.append(span(text, start, start + len(value), _NANNI[label]))
            elif label in _NANNI_OTHER_PII:
                ignore.append(span(text, start, start + len(value), "*"))
        out.append({"id": f"nannigalaxy:{n}", "source": "nannigalaxy", "split": split_of(f"nannigalaxy:{n}"),
                    "text": text, "spans": spans, "ignore": ignore})  # fmt: skip
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--webstruct", type=Path, help="scrapinghub/webstruct checkout or bare snapshot")
    ap.add_argument("--wnut17", type=Path, help="leondz/emerging_entities_17 checkout or bare snapshot")
    ap.add_argument("--nannigalaxy", type=Path, help="Nannigalaxy/PII-synthetic_dataset checkout or bare snapshot")
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args()
    for name, fn in (
        ("webstruct", convert_webstruct),
        ("wnut17", convert_wnut17),
        ("nannigalaxy", convert_nannigalaxy),
    ):
        repo = getattr(args, name)
        if repo is None:
            continue
        records = fn(repo)
        for rec in records:
            for g in rec["spans"] + rec["ignore"]:
                assert rec["text"][g["start"] : g["end"]] == g["text"], rec["id"]
        path = args.out / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n_spans = sum(len(r["spans"]) for r in records)
        print(f"{path}: {len(records)} messages, {n_spans} spans, {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
