"""`candor practices [PACK] [--json] [--html OUT]`: the audit over a pack, printed, as JSON or as a page."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.pack.models import ConsentEvent
from assistant.practices.findings import MIN_GROUP_SIZE
from assistant.practices.policy_use import PolicyReader


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("pack", nargs="?", help="pack directory (default: --knowledge, CANDOR_KNOWLEDGE_DIR or knowledge/)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--html", type=Path, metavar="OUT", help="also write a self-contained HTML report to OUT")
    p.add_argument(
        "--min-group-size",
        type=int,
        default=MIN_GROUP_SIZE,
        help=f"smallest group compared or shown (default {MIN_GROUP_SIZE})",
    )
    p.add_argument(
        "--no-policy-reading",
        action="store_true",
        help="skip reading each purpose's policy section against the data its decisions use (loads the local model)",
    )
    p.add_argument(
        "--stream", action="store_true", help="read decisions.jsonl line by line (for logs too large to hold)"
    )


def run(
    args: argparse.Namespace,
    root: Path,
    live_consents: list[ConsentEvent] | None = None,
    reader: PolicyReader | None = None,
) -> int:
    """`live_consents`: consent changes made in Candor since ingest, for the "consent now" figures; `reader`, what
    reads the policy against use (None: that check is not run, and the report says so)."""
    from assistant.practices.audit import audit
    from assistant.practices.text import render_text

    if args.min_group_size < 1:
        print("candor practices: --min-group-size must be at least 1", file=sys.stderr)
        return 2
    if args.stream:
        from assistant.practices.stream import load_without_log, stream_decisions

        pack = load_without_log(root)
        result = audit(
            pack,
            stream_decisions(root, pack),
            min_group_size=args.min_group_size,
            live_consents=live_consents or [],
            reader=reader,
        )
    else:
        from assistant.pack.loader import load_pack

        pack = load_pack(root)
        result = audit(pack, min_group_size=args.min_group_size, live_consents=live_consents or [], reader=reader)
    print(json.dumps(result.as_dict(), ensure_ascii=False) if args.json else render_text(result))
    if args.html:
        from assistant.practices.html import render_html
        from assistant.practices.records_html import appendix

        names = {c.id: c.name for c in pack.categories.values()}
        # A streamed log is read once more for the few decisions the findings cite.
        log = stream_decisions(root, load_without_log(root)) if args.stream else pack.decisions
        args.html.write_text(render_html(result, names, appendix(result, pack, log)), encoding="utf-8")
        print(f"Wrote {args.html}", file=sys.stderr)
    return 0
