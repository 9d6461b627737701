"""The `candor` command: init, validate, ingest, ask, serve, redact, eval, flags, practices."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from typing import NoReturn

from assistant.cli.accounts import cmd_agent, cmd_token
from assistant.cli.answers import cmd_ask, cmd_eval, cmd_redact, cmd_serve
from assistant.cli.common import pack_args
from assistant.cli.records import (
    cmd_audit,
    cmd_export_consents,
    cmd_flags,
    cmd_ingest,
    cmd_init,
    cmd_practices,
    cmd_validate,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="candor", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="validate the knowledge pack and build the data directory")
    pack_args(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("init", help="make a minimal knowledge pack from a published policy (Markdown, HTML or PDF)")
    p.add_argument("directory", nargs="?", help="the new pack's directory (default: NAME-pack)")
    p.add_argument("--policy", required=True, help="the policy file: .md, .html or .pdf")
    p.add_argument("--name", required=True, help="the company's name")
    p.add_argument("--email", help="privacy contact (default: found in the policy, else a placeholder)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("validate", help="check a knowledge pack: every error and warning, and what it can explain")
    pack_args(p)
    p.add_argument("pack", nargs="?", help="pack directory (default: --knowledge, CANDOR_KNOWLEDGE_DIR or knowledge/)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("ask", help="ask one question as a customer")
    pack_args(p)
    p.add_argument("--customer", help="customer id, as in the pack's customers.jsonl")
    p.add_argument("--json", action="store_true", help="print one JSON object per answer")
    p.add_argument("--batch", help="JSONL file of {customer_id, question} ('-' for stdin)")
    p.add_argument("question", nargs="*")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("serve", help="start the browser app")
    pack_args(p)
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--demo", action="store_true", help="demo sign-in: customer ids as user names")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("redact", help="redact personal data from stdin, one record per line")
    pack_args(p)
    p.add_argument("--json", action="store_true", help='print {"text", "spans"} per line, offsets into the input')
    p.add_argument("--no-directory", action="store_true", help="do not use the pack's customers as a gazetteer")
    p.set_defaults(func=cmd_redact)

    from evals.cli import add_arguments  # light: argparse, json, os, sys, pathlib

    p = sub.add_parser("eval", help="score how transparent Candor's answers are (evals/)")
    pack_args(p)
    add_arguments(p, pack_args=False)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("token", help="mint a short-lived sign-in link for a customer (or an API token)")
    pack_args(p)
    p.add_argument("--customer")
    p.add_argument("--api", action="store_true", help="print a bearer token for /api/v1 instead of a link")
    p.add_argument("--agent", help="with --api: a token for this support agent")
    p.add_argument("--ttl", help="lifetime, e.g. 10m, 90s, 1h (default 10m for a link, 1h for --api)")
    p.set_defaults(func=cmd_token)

    p = sub.add_parser("agent", help="manage support-agent accounts")
    agent_sub = p.add_subparsers(dest="agent_command", required=True)
    p = agent_sub.add_parser("add", help="add an agent (prompts for a password; reads stdin when not a terminal)")
    pack_args(p)
    p.add_argument("name")
    p.set_defaults(func=cmd_agent)

    p = sub.add_parser("export-consents", help="write the consent ledger (pack + changes made in Candor) as JSONL")
    pack_args(p)
    p.add_argument("--out", help="file to write (default: stdout)")
    p.set_defaults(func=cmd_export_consents)

    p = sub.add_parser("audit", help="print the audit log (agent lookups, consent changes)")
    pack_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("flags", help="list cases for the privacy team")
    pack_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_flags)

    from assistant.practices.command import add_arguments as practices_arguments  # light: argparse only

    p = sub.add_parser("practices", help="audit data minimisation, purpose limitation, sharing and fair targeting")
    pack_args(p)
    practices_arguments(p)
    p.set_defaults(func=cmd_practices)
    return parser


def _exit_now(code: int) -> NoReturn:
    """End the process without interpreter teardown, which for an answer costs about 0.5 s (unloading torch and
    langchain) and does nothing the OS does not: transcripts are closed after each line, and SQLite writes are
    committed (a WAL file left behind is read back on the next open)."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # the reader left (`| head`), or the stream is closed
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    args = build_parser().parse_args(argv)
    from assistant.pack.errors import PackError

    try:
        code = int(args.func(args))
    except PackError as exc:
        more = len(getattr(exc, "errors", [])) - 1
        hint = f" (and {more} more: run `candor validate` to see them all)" if more > 0 else ""
        print(f"candor: invalid knowledge pack: {exc.message}{hint}", file=sys.stderr)
        return 2
    except RuntimeError as exc:  # EmbeddingError, LLMSetupError: what to install or set, never a traceback
        print(f"candor: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `candor practices | head`: the reader left; not an error of ours
        sys.stderr.close()
        return 0
    # Only as the `candor` command (argv from the command line; callers in process get a return), and only
    # when this `ask` wrote no Chroma index (an ingest first), which may still flush at exit.
    if argv is None and args.command == "ask" and "chromadb" not in sys.modules:
        _exit_now(code)
    return code
