"""`candor ask`, `serve`, `redact` and `eval`: answering, and what answering relies on."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assistant.cli.common import progress, settings_from


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.pipeline import Candor, UnknownCustomer

    settings = settings_from(args)
    candor = Candor(settings, progress=progress)
    if args.batch:
        return _ask_batch(candor, Path(args.batch))
    if not args.customer or not args.question:
        print("candor ask: give --customer ID and a QUESTION (or --batch FILE)", file=sys.stderr)
        return 2
    try:
        conversation = candor.conversation(args.customer)
    except UnknownCustomer:
        print(f"candor ask: no customer {args.customer!r} in this knowledge pack", file=sys.stderr)
        return 2
    answer = candor.ask(conversation, " ".join(args.question))
    if args.json:
        print(json.dumps(answer.as_dict(), ensure_ascii=False))
    else:
        print(answer.text)
        for i, c in enumerate(answer.citations, 1):
            print(f"\n[{i}] {c.title} ({c.section_id}): “{c.quote}”")
    return 0


def _ask_batch(candor: Any, path: Path) -> int:
    from assistant.pipeline import UnknownCustomer

    conversations: dict[str, Any] = {}
    with sys.stdin if str(path) == "-" else path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                item = json.loads(raw)
                customer_id, question = str(item["customer_id"]), str(item["question"])
                key = str(item.get("conversation_id") or f"line-{number}")
                if key not in conversations:
                    conversations[key] = candor.conversation(customer_id)
                result = candor.ask(conversations[key], question).as_dict()
            except (ValueError, KeyError, TypeError) as exc:
                result = {"error": f"line {number}: expected {{customer_id, question}}: {exc}"}
            except UnknownCustomer as exc:
                result = {"error": f"line {number}: no customer {exc.args[0]!r}"}
            print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.ui.server import serve

    serve(settings_from(args), progress)
    return 0


def cmd_redact(args: argparse.Namespace) -> int:
    """Redact stdin line by line: the same redactor Candor uses on every path."""
    from assistant.guardrails.ner import name_finder
    from assistant.guardrails.redactor import Redactor
    from assistant.guardrails.vault import Vault
    from assistant.pack.loader import load_pack

    settings = settings_from(args)
    directory = [] if args.no_directory else list(load_pack(settings.knowledge_dir).customers.values())
    redactor = Redactor(directory, ner=name_finder(settings.redact_ner))
    vault = Vault(owner_id="")  # one stream, one vault: placeholders stay consistent across lines
    for raw in sys.stdin:
        line = raw.rstrip("\n")
        if args.json:
            spans = [s.as_dict() for s in redactor.analyze(line)]
            print(json.dumps({"text": redactor.redact(line, vault), "spans": spans}, ensure_ascii=False), flush=True)
        else:
            print(redactor.redact(line, vault), flush=True)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from evals.cli import run

    return run(args)
