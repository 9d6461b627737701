"""Run the dataset through Candor and score every answer: the report the CLI prints, saves and compares."""

from __future__ import annotations

import platform
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from evals import scorer
from evals.scorer import ITEMS, ScoringContext, context_from_pack, score_answer

if TYPE_CHECKING:
    from assistant.pipeline import Candor
    from assistant.turn import Conversation
    from evals.judge import Judge

REPORT_SCHEMA = 1
WORST = 15


def order_cases(cases: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dataset order, except that a conversation's turns run together, in turn order, where it starts."""
    out: list[dict[str, Any]] = []
    groups: dict[str, list[dict[str, Any]]] = {}
    for case in cases:
        cid = case.get("conversation_id")
        if not cid:
            out.append(case)
        elif cid not in groups:
            groups[cid] = [case]
            out.append(case)  # placeholder for the group
        else:
            groups[cid].append(case)
    ordered: list[dict[str, Any]] = []
    for case in out:
        cid = case.get("conversation_id")
        ordered.extend(sorted(groups[cid], key=lambda c: int(c.get("turn") or 1)) if cid else [case])
    return ordered


def select_cases(cases: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """About `limit` cases spread over the dataset, keeping every conversation whole."""
    if limit <= 0 or limit >= len(cases):
        return list(cases)
    step = len(cases) / limit
    picked_ids = {cases[int(i * step)]["id"] for i in range(limit)}
    conversations = {c["conversation_id"] for c in cases if c["id"] in picked_ids and c.get("conversation_id")}
    return [c for c in cases if c["id"] in picked_ids or (c.get("conversation_id") in conversations)]


def answer_dict(answer: Any) -> dict[str, Any]:
    """`Answer.as_dict()` plus its lines, so the scorer sees which sentence each citation is attached to."""
    data: dict[str, Any] = dict(answer.as_dict())
    data["lines"] = [{"text": line.text, "cites": list(line.cites), "bullet": line.bullet} for line in answer.lines]
    return data


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def run_eval(
    candor_factory: Candor | Callable[[], Candor],
    cases: list[dict[str, Any]],
    mode: str = "grounded",
    progress: bool = True,
    *,
    context: ScoringContext | None = None,
    judge: Judge | None = None,
    dataset: str | None = None,
) -> dict[str, Any]:
    """Ask every case's question as its customer and score the answer; return the report dict.

    Cases that share a `conversation_id` are asked in one conversation, in turn order, so follow-ups see
    what was discussed before. `candor_factory` is a Candor or a function that builds one.
    """
    from assistant.pack.loader import load_pack
    from assistant.pipeline import UnknownCustomer

    candor: Candor = candor_factory() if callable(candor_factory) else candor_factory
    pack = load_pack(candor.settings.knowledge_dir) if context is None or judge is not None else None
    if context is None:
        assert pack is not None
        context = context_from_pack(pack)
    started = time.perf_counter()
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    conversations: dict[str, Conversation] = {}
    results: list[dict[str, Any]] = []
    ordered = order_cases(cases)
    bar = tqdm(total=len(ordered), desc="candor eval", unit="q", file=sys.stderr, disable=not progress, mininterval=0.5)
    try:
        for case in ordered:
            error = None
            t0 = time.perf_counter()
            try:
                cid = case.get("conversation_id")
                if cid:
                    if cid not in conversations:
                        conversations[cid] = candor.conversation(case["customer_id"])
                    conversation = conversations[cid]
                else:
                    conversation = candor.conversation(case["customer_id"])
                # The UI's buttons: "Why am I seeing this?" pins a decision, a profile's "Why?" a group or
                # prediction ("segment:<id>", "prediction:<id>").
                pinned: dict[str, Any] = {"decision_id": case.get("ask_decision_id")}
                if case.get("ask_subject"):
                    pinned["subject"] = case["ask_subject"]
                answer = answer_dict(candor.ask(conversation, case["question"], **pinned))
            except UnknownCustomer as exc:
                error, answer = f"unknown customer {exc.args[0]!r}", {"answer": "", "intent": None}
            except Exception as exc:  # one broken case must not stop the run; it scores as a failure
                error, answer = f"{type(exc).__name__}: {exc}", {"answer": "", "intent": None}
            ms = (time.perf_counter() - t0) * 1000.0
            scored = score_answer(answer, case, context)
            if error:
                scored.misses.insert(0, scorer.Miss("error", "error while answering", error))
            result = {
                "id": case["id"],
                "customer_id": case["customer_id"],
                "question": case["question"],
                "intent": case["intent"],
                "family": case.get("family", ""),
                "tags": case.get("tags", []),
                "conversation_id": case.get("conversation_id"),
                "turn": case.get("turn", 1),
                "answer": {
                    k: answer.get(k) for k in ("answer", "intent", "decision_ids", "citations", "verified", "mode")
                },
                "ms": round(ms, 1),
                "error": error,
                **scored.as_dict(),
            }
            if judge is not None and pack is not None and not error:
                result["judge"] = judge.judge(case, answer, pack)
            results.append(result)
            bar.update(1)
    finally:
        bar.close()
    seconds = time.perf_counter() - started
    meta = {
        "mode": mode,
        "knowledge_dir": str(candor.settings.knowledge_dir),
        "company": candor.catalog.company.name,
        "dataset": dataset,
        "cases": len(results),
        "started_at": started_at,
        "seconds": round(seconds, 2),
        "versions": {
            "candor": _version("candor"),
            "textstat": _version("textstat"),
            "python": platform.python_version(),
        },
        "bounds": {
            "max_grade": scorer.MAX_GRADE,
            "max_average_sentence_words": scorer.MAX_AVERAGE_SENTENCE_WORDS,
            "max_sentence_words": scorer.MAX_SENTENCE_WORDS,
            "support_min_shared": scorer.SUPPORT_MIN_SHARED,
            "support_min_share": scorer.SUPPORT_MIN_SHARE,
            "length": {k: list(v) for k, v in scorer.LENGTH_BOUNDS.items()},
        },
    }
    report = build_report(results, meta)
    if judge is not None:
        report["judge"] = judge.summary(results)
    return report


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _group(results: list[dict[str, Any]], key: Callable[[dict[str, Any]], Iterable[str]]) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        for k in key(r):
            groups[k].append(r)
    out = {}
    for name in sorted(groups):
        rs = groups[name]
        items = {item: _mean([r["scores"][item] for r in rs if r["scores"].get(item) is not None]) for item in ITEMS}
        out[name] = {
            "mean": _mean([r["score"] for r in rs if r["score"] is not None]),
            "n": len(rs),
            "intent_accuracy": _mean([1.0 if r["measures"].get("intent_ok") else 0.0 for r in rs]),
            "items": {k: v for k, v in items.items() if v is not None},
        }
    return out


def build_report(results: list[dict[str, Any]], meta: dict[str, Any]) -> dict[str, Any]:
    """Aggregate scored results: overall, per item, per intent, family and tag, failure reasons, worst cases."""
    items = {}
    for item, title in ITEMS.items():
        values = [r["scores"][item] for r in results if r["scores"].get(item) is not None]
        perfect = sum(1 for v in values if v >= 0.999)
        items[item] = {"title": title, "mean": _mean(values), "n": len(values), "perfect": perfect}
    failures: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in results:
        for m in r["misses"]:
            failures[(m["item"], m["code"])].append(r["id"])
    reasons: list[dict[str, Any]] = [
        {"item": item, "code": code, "count": len(ids), "cases": len(set(ids)), "examples": sorted(set(ids))[:8]}
        for (item, code), ids in failures.items()
    ]
    reasons.sort(key=lambda x: (-x["count"], x["item"], x["code"]))
    scored = [r for r in results if r["score"] is not None]
    worst = sorted(scored, key=lambda r: (r["score"], r["id"]))[:WORST]
    ms = [r["ms"] for r in results]
    meta = dict(meta)
    if ms:
        cuts = statistics.quantiles(ms, n=20) if len(ms) >= 2 else [ms[0]] * 19
        meta["answer_ms"] = {"p50": round(statistics.median(ms), 1), "p95": round(cuts[18], 1), "max": max(ms)}
    meta["intents_seen"] = dict(Counter(str(r["answer"].get("intent")) for r in results))
    modes = Counter(str(r["answer"].get("mode")) for r in results if not r["error"])
    meta["answer_modes"] = dict(modes)
    other = set(modes) - {"grounded"} if meta.get("mode") == "grounded" else set(modes) & {"grounded"}
    if meta.get("mode") and other:
        meta["warning"] = f"asked for {meta['mode']} mode, but answers came in modes {dict(modes)}"
    return {
        "schema": REPORT_SCHEMA,
        "meta": meta,
        "overall": _mean([r["score"] for r in scored]),
        "items": items,
        "intents": _group(results, lambda r: [r["intent"]]),
        "families": _group(results, lambda r: [r["family"]]),
        "tags": _group(results, lambda r: r["tags"] or ["(none)"]),
        "failures": reasons,
        "worst": [r["id"] for r in worst],
        "errors": [r["id"] for r in results if r["error"]],
        "results": results,
    }


def default_dataset() -> Path:
    return Path(__file__).resolve().parent / "datasets" / "sample.jsonl"
