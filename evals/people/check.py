"""Validate a people-style question set against the two knowledge packs.

Checks: ids unique, packs and customers exist, intents and styles valid, follow-ups carry the previous
question, refusal intents have no must_contain and everything else has 1-3 strings, every must_contain
string occurs in that pack's own files (so the facts are real), and a decision id named in must_contain
belongs to the question's customer. The id prefix says which set a question belongs to: `nw-`/`lu-` the
development set (questions.jsonl), `nwt-`/`lut-` the held-out test set (test.jsonl), which must share no
question with the development set. Prints counts per pack, intent and style; exits 1 on any problem.

    python evals/people/check.py [PATH | --questions PATH]      (default: questions.jsonl)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PACKS: dict[str, Path] = {
    "northwind": ROOT / "knowledge",
    "lumen": ROOT / "tests" / "fixtures" / "packs" / "lumen",
}
PACK_FILES = [
    "company.yaml",
    "data_catalog.yaml",
    "purposes.yaml",
    "segments.yaml",
    "customers.jsonl",
    "consents.jsonl",
    "offers.jsonl",
    "decisions.jsonl",
    "memberships.jsonl",
    "predictions.jsonl",
]
INTENTS = {
    "why_offer",
    "data_held",
    "consent_status",
    "change_control",
    "consent_change",
    "sell_share",
    "retention",
    "access_delete",
    "policy_question",
    "segments",
    "predictions",
    "object_profiling",
    "minimisation",
    "fairness",
    "other_customer",
    "out_of_scope",
    "injection",
}
REFUSALS = {"out_of_scope", "injection", "other_customer"}
POLICY_SILENT = "does not say"  # what an answer says when the policy does not address the question
STYLES = {
    "informal",
    "misspelt",
    "indirect",
    "emotional",
    "two_in_one",
    "follow_up",
    "very_short",
    "long_rambling",
    "non_native",
    "agent",
    "privacy_team",
    "plain",
}
KEYS_REQUIRED = {"id", "pack", "customer_id", "question", "accepted_intents", "must_contain", "style"}
KEYS_OPTIONAL = {"previous", "note"}
DEV_QUESTIONS = HERE / "questions.jsonl"


@dataclass(frozen=True)
class QuestionSet:
    """One question set: its id prefixes per pack and the least it must hold."""

    prefixes: dict[str, str]
    min_per_pack: dict[str, int]
    min_per_intent: dict[str, int]
    min_northwind: dict[str, int]


# The development set has been tuned on; the test set is held out and smaller (about half).
SETS = {
    "dev": QuestionSet(
        {"northwind": "nw", "lumen": "lu"},
        {"northwind": 420, "lumen": 110},
        {"northwind": 20, "lumen": 5},
        {"why_offer": 80, "policy_question": 50},
    ),
    "test": QuestionSet(
        {"northwind": "nwt", "lumen": "lut"},
        {"northwind": 200, "lumen": 70},
        {"northwind": 10, "lumen": 3},
        {"why_offer": 40, "policy_question": 20},
    ),
}
ID_PATTERN = re.compile(r"^(nwt?|lut?)-\d{3,4}$")


def set_of(rows: list[dict[str, Any]]) -> str:
    """The set the rows belong to, from their first id's prefix: 'test' for nwt-/lut-, else 'dev'."""
    first = str(rows[0].get("id", "")) if rows else ""
    return "test" if first.split("-")[0] in {"nwt", "lut"} else "dev"


def normalise(text: str) -> str:
    """Lower-case and collapse runs of whitespace, so folded YAML and wrapped Markdown match."""
    return re.sub(r"\s+", " ", text).strip().lower()


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)] + [str(k) for k in value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [] if value is None else [str(value)]


def pack_corpus(pack: Path) -> str:
    """All text of a pack's own files: raw text plus parsed string values (unescaped JSON, folded YAML)."""
    parts: list[str] = []
    paths = [pack / name for name in PACK_FILES if (pack / name).exists()]
    paths += sorted((pack / "policies").glob("*.md"))
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        parts.append(raw)
        if path.suffix == ".yaml":
            parts.extend(_strings(yaml.safe_load(raw)))
        elif path.suffix == ".jsonl":
            for line in raw.splitlines():
                if line.strip():
                    parts.extend(_strings(json.loads(line)))
    return normalise("\n".join(parts))


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check(rows: list[dict[str, Any]]) -> list[str]:
    errors: list[str] = []
    qset = SETS[set_of(rows)]
    customers = {p: {c["customer_id"] for c in load_jsonl(d / "customers.jsonl")} for p, d in PACKS.items()}
    decision_owner = {
        p: {d["decision_id"]: d["customer_id"] for d in load_jsonl(path / "decisions.jsonl")}
        for p, path in PACKS.items()
    }
    corpus = {p: pack_corpus(d) for p, d in PACKS.items()}
    seen_ids: set[str] = set()
    seen_questions: dict[tuple[str, str, str], str] = {}

    for n, row in enumerate(rows, 1):
        where = f"line {n} ({row.get('id', '?')})"
        keys = set(row)
        if missing := KEYS_REQUIRED - keys:
            errors.append(f"{where}: missing keys {sorted(missing)}")
            continue
        if extra := keys - KEYS_REQUIRED - KEYS_OPTIONAL:
            errors.append(f"{where}: unknown keys {sorted(extra)}")
        rid, pack, cid = row["id"], row["pack"], row["customer_id"]
        if not ID_PATTERN.match(rid):
            errors.append(f"{where}: id does not look like nw-001 / lu-001 / nwt-001 / lut-001")
        if rid in seen_ids:
            errors.append(f"{where}: duplicate id")
        seen_ids.add(rid)
        if pack not in PACKS:
            errors.append(f"{where}: unknown pack {pack!r}")
            continue
        if not rid.startswith(qset.prefixes[pack] + "-"):
            errors.append(f"{where}: id prefix does not match pack {pack} in the {set_of(rows)} set")
        if cid not in customers[pack]:
            errors.append(f"{where}: customer {cid!r} is not in {pack}")
        question = row["question"]
        if not isinstance(question, str) or not question.strip():
            errors.append(f"{where}: empty question")
            continue
        key = (pack, cid, normalise(question) + "|" + normalise(row.get("previous", "")))
        if key in seen_questions:
            errors.append(f"{where}: same question as {seen_questions[key]}")
        seen_questions[key] = rid

        intents = row["accepted_intents"]
        if not isinstance(intents, list) or not intents:
            errors.append(f"{where}: accepted_intents must be a non-empty list")
            continue
        if bad := [i for i in intents if i not in INTENTS]:
            errors.append(f"{where}: unknown intents {bad}")
        if len(set(intents)) != len(intents):
            errors.append(f"{where}: repeated intent")
        if "out_of_scope" in intents and len(intents) > 1:
            errors.append(f"{where}: out_of_scope is only for clearly unrelated questions, not combined")

        styles = row["style"]
        if not isinstance(styles, list) or not styles:
            errors.append(f"{where}: style must be a non-empty list")
        elif bad := [s for s in styles if s not in STYLES]:
            errors.append(f"{where}: unknown styles {bad}")
        follow_up = isinstance(styles, list) and "follow_up" in styles
        previous = row.get("previous")
        if follow_up and not (isinstance(previous, str) and previous.strip()):
            errors.append(f"{where}: follow_up needs 'previous'")
        if previous is not None and not follow_up:
            errors.append(f"{where}: 'previous' given but style has no follow_up")

        must = row["must_contain"]
        if not isinstance(must, list) or not all(isinstance(m, str) and m.strip() for m in must):
            errors.append(f"{where}: must_contain must be a list of non-empty strings")
            continue
        refusal = intents[0] in REFUSALS
        if refusal and must:
            errors.append(f"{where}: refusals ({intents[0]}) take must_contain []")
        if not refusal and not 1 <= len(must) <= 3:
            errors.append(f"{where}: must_contain needs 1-3 strings")
        for m in must:
            # A policy question the policy does not answer expects the answer to say so, in the words.
            if m == POLICY_SILENT and intents[0] == "policy_question":
                continue
            if normalise(m) not in corpus[pack]:
                errors.append(f"{where}: must_contain {m!r} not found in the {pack} pack")
            owner = decision_owner[pack].get(m)
            if owner is not None and owner != cid:
                errors.append(f"{where}: decision {m} belongs to {owner}, not {cid}")
    return errors


def overlap_with_dev(rows: list[dict[str, Any]]) -> list[str]:
    """A held-out question must not also be a development question (same pack, customer and wording)."""
    if set_of(rows) == "dev" or not DEV_QUESTIONS.exists():
        return []
    dev = {(r["pack"], r["customer_id"], normalise(r["question"])) for r in load_jsonl(DEV_QUESTIONS)}
    return [
        f"{r.get('id', '?')}: same question as in {DEV_QUESTIONS.name}"
        for r in rows
        if (r.get("pack"), r.get("customer_id"), normalise(str(r.get("question", "")))) in dev
    ]


def report(rows: list[dict[str, Any]]) -> list[str]:
    """Print counts; return shortfalls against the minimums as errors."""
    errors: list[str] = []
    qset = SETS[set_of(rows)]
    for pack in PACKS:
        mine = [r for r in rows if r.get("pack") == pack]
        first = Counter(r["accepted_intents"][0] for r in mine if r.get("accepted_intents"))
        anywhere = Counter(i for r in mine for i in r.get("accepted_intents", []))
        styles = Counter(s for r in mine for s in r.get("style", []))
        print(f"{pack}: {len(mine)} questions, {len({r['customer_id'] for r in mine})} customers")
        print(f"  {'intent':<17} {'first':>5} {'accepted':>8}")
        for intent in sorted(INTENTS):
            print(f"  {intent:<17} {first[intent]:>5} {anywhere[intent]:>8}")
        print("  styles: " + ", ".join(f"{s} {c}" for s, c in sorted(styles.items())))
        if len(mine) < qset.min_per_pack[pack]:
            errors.append(f"{pack}: {len(mine)} questions, need at least {qset.min_per_pack[pack]}")
        for intent in sorted(INTENTS):
            least = qset.min_per_intent[pack]
            need = qset.min_northwind.get(intent, least) if pack == "northwind" else least
            if first[intent] < need:
                errors.append(f"{pack}: {first[intent]} questions led by {intent}, need at least {need}")
    return errors


def parse_path(argv: list[str]) -> Path:
    """The question file: a positional PATH or --questions PATH (argv[0] is the program name)."""
    parser = argparse.ArgumentParser(prog=Path(argv[0]).name if argv else "check.py", description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, help="question file (JSONL)")
    parser.add_argument("--questions", type=Path, help="question file (JSONL), same as PATH")
    args = parser.parse_args(argv[1:])
    if args.path and args.questions and args.path != args.questions:
        parser.error("give the question file once: PATH or --questions PATH")
    return args.questions or args.path or DEV_QUESTIONS


def main(argv: list[str]) -> int:
    path = parse_path(argv)
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: not JSON: {exc}")
            continue
        if not isinstance(row, dict):
            errors.append(f"line {n}: not an object")
            continue
        rows.append(row)
    errors += check(rows)
    errors += overlap_with_dev(rows)
    errors += report(rows)
    for error in errors:
        print(f"ERROR {error}", file=sys.stderr)
    if errors:
        print(f"check failed: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    print(f"check passed: {len(rows)} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
