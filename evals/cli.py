"""`candor eval`: run the transparency dataset through Candor, print a summary, write JSON and HTML reports.

    candor eval [--mode grounded|llm] [--knowledge DIR] [--data-dir DIR] [--out DIR] [--compare OLD.json]
                [--dataset FILE] [--limit N] [--check] [--threshold FILE] [--judge] [--no-progress]

Exit codes: 0 done; 1 below the threshold (with --check); 2 a usage problem (no such file, LLM mode).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

EVALS_DIR = Path(__file__).resolve().parent
# In the repository, reports go to evals/out/ (git-ignored); elsewhere to ./candor-eval-report.
DEFAULT_OUT = Path("evals/out") if Path("evals").is_dir() else Path("candor-eval-report")
THRESHOLD = EVALS_DIR / "threshold.json"


def add_arguments(parser: argparse.ArgumentParser, pack_args: bool = True) -> None:
    """The options of `candor eval`, for a parser of its own or the `eval` subcommand of `candor`.

    `pack_args=False` leaves out --knowledge and --data-dir for a parser that already has them (same dests).
    """
    parser.add_argument(
        "--mode", choices=["grounded", "llm"], default="grounded", help="answer mode (default grounded)"
    )
    if pack_args:
        parser.add_argument("--knowledge", dest="knowledge_dir", type=Path, help="knowledge pack directory")
        parser.add_argument("--data-dir", dest="data_dir", type=Path, help="where ingested data lives")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"report directory (default {DEFAULT_OUT})")
    parser.add_argument("--compare", type=Path, metavar="OLD.json", help="a previous report.json to compare with")
    parser.add_argument(
        "--dataset",
        type=Path,
        help="JSONL of cases (default: the committed sample dataset when it matches the pack, else generated)",
    )
    parser.add_argument("--limit", type=int, default=0, help="run about N cases spread over the dataset")
    parser.add_argument("--check", action="store_true", help="exit 1 when below the committed threshold")
    parser.add_argument("--threshold", type=Path, default=THRESHOLD, help=f"threshold file (default {THRESHOLD})")
    parser.add_argument("--judge", action="store_true", help="also run the LLM judge (needs OPENAI_API_KEY)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--top", type=int, default=10, help="failure reasons and worst cases to print")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="candor eval", description=__doc__.split("\n")[0])
    add_arguments(parser)
    return parser


def _err(message: str) -> None:
    print(f"candor eval: {message}", file=sys.stderr, flush=True)


def mode_settings(mode: str) -> tuple[dict[str, Any], str | None]:
    """Settings that pin the answer mode, or why that mode cannot be run.

    Grounded runs pin `llm="none"` so an OPENAI_API_KEY in the environment cannot switch them to LLM mode.
    """
    from assistant.settings import Settings

    has_llm = "llm" in Settings.model_fields
    if mode == "grounded":
        return ({"llm": "none"} if has_llm else {}), None
    if not has_llm:
        return {}, "LLM mode is not available yet: assistant.settings.Settings has no llm setting"
    if Settings().llm == "local":  # CANDOR_LLM=local: Candor starts the model server itself
        return {"llm": "local"}, None
    settings = Settings(llm="openai")
    if not (getattr(settings, "openai_api_key", None) or getattr(settings, "openai_base_url", None)):
        return {}, "LLM mode needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server, or CANDOR_LLM=local)"
    return {"llm": "openai"}, None


def answers_in_mode(candor: Any, cases: list[dict[str, Any]], mode: str) -> bool:
    """Ask a question and check the answer came from `mode`: a setting alone does not prove that Candor
    can answer that way. In LLM mode a model's answer that failed verification counts (the model answered;
    the grounded answer stands in); a model that could not be reached does not."""
    for case in cases[:5]:  # refusals and clarifying questions ask no model: try the next case
        answer = candor.ask(candor.conversation(case["customer_id"]), case["question"])
        got = str(getattr(answer, "mode", "grounded"))
        if mode == "grounded":
            return got == "grounded"
        meta = getattr(answer, "meta", {}) or {}
        if got != "grounded" or str(meta.get("fallback_reason") or "").startswith("verification failed"):
            return True
        if meta.get("verification") != "not_run":
            return False
    return False


def load_cases(args: argparse.Namespace, knowledge_dir: Path) -> tuple[list[dict[str, Any]], str]:
    """The cases to run and where they came from."""
    from assistant.pack.loader import fingerprint, load_pack
    from evals.make_dataset import DEFAULT_OUT as SAMPLE_DATASET
    from evals.make_dataset import build_cases, read_dataset

    if args.dataset is not None:
        return read_dataset(args.dataset), str(args.dataset)
    meta_path = SAMPLE_DATASET.with_suffix(".meta.json")
    if SAMPLE_DATASET.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("pack_fingerprint") == fingerprint(knowledge_dir):
            return read_dataset(SAMPLE_DATASET), str(SAMPLE_DATASET)
    cases = build_cases(load_pack(knowledge_dir))
    return cases, f"generated from {knowledge_dir} by evals.make_dataset ({len(cases)} cases)"


def main(argv: list[str]) -> int:
    """`candor eval ARGS…`: parse and run."""
    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Run with parsed options (from `build_parser`, or a parser given `add_arguments`)."""
    from assistant.pack.errors import PackError

    try:
        return _run(args)
    except PackError as exc:
        _err(f"invalid knowledge pack: {exc.message}")
        return 2


def _run(args: argparse.Namespace) -> int:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    pinned, problem = mode_settings(args.mode)
    if problem:
        _err(problem)
        return 2
    for path, what in ((args.dataset, "dataset"), (args.compare, "report to compare with")):
        if path is not None and not path.exists():
            _err(f"no {what} at {path}")
            return 2
    threshold: dict[str, Any] | None = None
    if args.check:
        if not args.threshold.exists():
            _err(f"no threshold file at {args.threshold}")
            return 2
        threshold = json.loads(args.threshold.read_text(encoding="utf-8"))

    from assistant.pipeline import Candor
    from assistant.settings import Settings
    from evals.judge import make_judge
    from evals.report import check_threshold, compare, load_report, render_comparison, render_text, write_reports
    from evals.runner import run_eval, select_cases

    overrides: dict[str, Any] = {"transcripts": False, **pinned}  # eval questions are not customer conversations
    for name in ("knowledge_dir", "data_dir"):
        if getattr(args, name, None) is not None:
            overrides[name] = getattr(args, name)
    settings = Settings(**overrides)
    cases, source = load_cases(args, settings.knowledge_dir)
    if args.limit:
        cases = select_cases(cases, args.limit)
    judge, note = (None, "")
    if args.judge:
        judge, note = make_judge()
        if judge is None:
            _err(note)

    candor = Candor(settings, progress=lambda message: _err(message))
    if args.mode != "grounded" and cases and not answers_in_mode(candor, cases, args.mode):
        _err(f"{args.mode.upper()} mode is not available yet: with it set, Candor still answers in grounded mode")
        return 2
    report = run_eval(candor, cases, args.mode, progress=not args.no_progress, judge=judge, dataset=source)
    if args.judge and judge is None:
        report["judge"] = {"status": "skipped", "note": note}
    diff = compare(load_report(args.compare), report) if args.compare else None
    json_path, html_path = write_reports(report, args.out, diff)
    print(render_text(report, args.top))
    if report["meta"].get("warning"):
        _err(f"warning: {report['meta']['warning']}")
    if diff is not None:
        print()
        print(render_comparison(diff, args.top))
    print(f"\nReports: {json_path} and {html_path}")
    if threshold is not None:
        problems = check_threshold(report, threshold)
        if problems:
            print(f"\nBELOW THE THRESHOLD ({args.threshold}):")
            for p in problems:
                print(f"  {p}")
            return 1
        print(f"\nMeets the threshold in {args.threshold}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
