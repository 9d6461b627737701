"""The `candor` command: init, validate, ingest, ask, serve, redact, eval, flags, practices."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from assistant.settings import Settings


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    for name in ("knowledge_dir", "data_dir", "host", "port"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    if getattr(args, "demo", False):
        overrides["demo"] = True
    return Settings(**overrides)


def _progress(message: str) -> None:
    print(f"candor: {message}", file=sys.stderr, flush=True)


def _pack_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--knowledge", dest="knowledge_dir", type=Path, help="knowledge pack directory")
    parser.add_argument("--data-dir", dest="data_dir", type=Path, help="where ingested data lives")


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.ingest import ingest
    from assistant.retrieval.embeddings import make_embeddings

    settings = _settings(args)
    build = ingest(settings, make_embeddings(settings), _progress)
    print(f"Ingested {build.manifest['company']} into {build.path} in {build.manifest['seconds']} s")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """A minimal pack around a published policy (Markdown, HTML or PDF), ready to ingest and answer."""
    from assistant.pack.documents import DocumentError
    from assistant.pack.scaffold import DEMO_CUSTOMER, ScaffoldError, scaffold

    target = Path(args.directory or (args.name.lower().replace(" ", "-") + "-pack"))
    try:
        policy = scaffold(target, Path(args.policy), args.name, args.email)
    except (ScaffoldError, DocumentError, OSError) as problem:
        print(f"candor init: {problem}", file=sys.stderr)
        return 2
    print(f"Wrote a knowledge pack for {args.name} to {target} (policy: {policy.relative_to(target)}).")
    print(f"Check the privacy contact in {target / 'company.yaml'}, then ask about the policy:")
    print(f'  candor ask --knowledge {target} --customer {DEMO_CUSTOMER} "Do you sell my data?"')
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Every error and warning at once, and what the pack lets Candor explain; nothing is written."""
    from assistant.pack.report import validate

    root = Path(args.pack) if args.pack else _settings(args).knowledge_dir
    result = validate(root)
    print(json.dumps(result.as_dict(), ensure_ascii=False) if args.json else result.text())
    return 0 if result.ok else 2


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.pipeline import Candor, UnknownCustomer

    settings = _settings(args)
    candor = Candor(settings, progress=_progress)
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

    serve(_settings(args), _progress)
    return 0


def cmd_flags(args: argparse.Namespace) -> int:
    from assistant.ingest import current_build, ingest, is_current
    from assistant.records.storage import open_storage
    from assistant.retrieval.embeddings import make_embeddings

    settings = _settings(args)
    builds = open_storage(settings).builds
    build = current_build(settings.data_dir, builds)
    if build is None or not is_current(settings, build.manifest["embeddings"], builds):
        build = ingest(settings, make_embeddings(settings), _progress, builds)
    flags = builds.open_records(build.name, build.path).flags()
    for f in flags:
        who = f.customer_id or "(all members)"
        print(json.dumps(f.__dict__) if args.json else f"{f.kind} {f.ref} {who}: {f.detail}")
    if not args.json:
        print(f"{len(flags)} case(s) for the privacy team", file=sys.stderr)
    return 0


def cmd_practices(args: argparse.Namespace) -> int:
    """The privacy team's practice audit; named apart from `candor audit`, which prints the agent/consent log."""
    from assistant.practices.command import run

    settings = _settings(args)
    root = Path(args.pack) if args.pack else settings.knowledge_dir
    # The live state (consent changes made in Candor) belongs to the ingested pack: read it for that pack only,
    # and only where there is one (no database is made by auditing).
    ingested = root.resolve() == settings.knowledge_dir.resolve()
    has_state = settings.database_url is not None or (settings.data_dir / "state.sqlite").is_file()
    live = _live_state(settings).all_consents() if ingested and has_state else []
    reader = None
    if not args.no_policy_reading:
        from assistant.retrieval.data_kinds import EmbeddingReader
        from assistant.retrieval.embeddings import LocalEmbeddings, make_embeddings

        embeddings = make_embeddings(settings)
        # The reader's thresholds were chosen on the local model's vectors.
        reader = EmbeddingReader(embeddings) if isinstance(embeddings, LocalEmbeddings) else None
    return run(args, root, live, reader)


def cmd_redact(args: argparse.Namespace) -> int:
    """Redact stdin line by line: the same redactor Candor uses on every path."""
    from assistant.guardrails.ner import name_finder
    from assistant.guardrails.redactor import Redactor
    from assistant.guardrails.vault import Vault
    from assistant.pack.loader import load_pack

    settings = _settings(args)
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


def _live_state(settings: Settings) -> Any:
    from assistant.records.state import LiveState

    return LiveState(settings.database)


def cmd_export_consents(args: argparse.Namespace) -> int:
    """The whole ledger in the pack's format: the pack's events, then those made through Candor."""
    from assistant.pack.loader import load_pack
    from assistant.records.state import export_jsonl

    settings = _settings(args)
    events = load_pack(settings.knowledge_dir).consents + _live_state(settings).all_consents()
    text = export_jsonl(events)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"Wrote {len(events)} consent events to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    entries = _live_state(_settings(args)).audit_entries()
    for e in entries:
        print(json.dumps(e.__dict__) if args.json else f"{e.at} {e.role}:{e.actor} {e.action} {e.target} — {e.detail}")
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from assistant.accounts import sessions
    from assistant.accounts.signin import mint, parse_ttl

    settings = _settings(args)
    if not settings.secret:
        print("candor token: set CANDOR_SECRET (the same secret `candor serve` uses)", file=sys.stderr)
        return 2
    if bool(args.customer) == bool(args.agent) or (args.agent and not args.api):
        print("candor token: give --customer ID, or --api with --customer ID or --agent NAME", file=sys.stderr)
        return 2
    if args.api:
        # A bearer token for /api/v1: the same signed, expiring identity as the session cookie.
        identity = f"{sessions.AGENT_PREFIX}{args.agent}" if args.agent else args.customer
        print(sessions.issue(settings.secret, identity, parse_ttl(args.ttl or "1h")))
        return 0
    token = mint(settings.secret, args.customer, parse_ttl(args.ttl or "10m"))
    print(f"http://{settings.host}:{settings.port}/?token={token}")
    return 0


def cmd_agent(args: argparse.Namespace) -> int:
    import getpass

    from assistant.accounts.agents import AgentError, AgentStore

    settings = _settings(args)
    if sys.stdin.isatty():
        password = getpass.getpass(f"Password for agent {args.name}: ")
        if getpass.getpass("Again: ") != password:
            print("candor agent: the passwords differ", file=sys.stderr)
            return 2
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        AgentStore(settings.data_dir / "agents.json").add(args.name, password)
    except AgentError as problem:
        print(f"candor agent: {problem}", file=sys.stderr)
        return 2
    print(f"Agent {args.name} added.")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from evals.cli import run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="candor", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="validate the knowledge pack and build the data directory")
    _pack_args(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("init", help="make a minimal knowledge pack from a published policy (Markdown, HTML or PDF)")
    p.add_argument("directory", nargs="?", help="the new pack's directory (default: NAME-pack)")
    p.add_argument("--policy", required=True, help="the policy file: .md, .html or .pdf")
    p.add_argument("--name", required=True, help="the company's name")
    p.add_argument("--email", help="privacy contact (default: found in the policy, else a placeholder)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("validate", help="check a knowledge pack: every error and warning, and what it can explain")
    _pack_args(p)
    p.add_argument("pack", nargs="?", help="pack directory (default: --knowledge, CANDOR_KNOWLEDGE_DIR or knowledge/)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("ask", help="ask one question as a customer")
    _pack_args(p)
    p.add_argument("--customer", help="customer id, as in the pack's customers.jsonl")
    p.add_argument("--json", action="store_true", help="print one JSON object per answer")
    p.add_argument("--batch", help="JSONL file of {customer_id, question} ('-' for stdin)")
    p.add_argument("question", nargs="*")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("serve", help="start the browser app")
    _pack_args(p)
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--demo", action="store_true", help="demo sign-in: customer ids as user names")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("redact", help="redact personal data from stdin, one record per line")
    _pack_args(p)
    p.add_argument("--json", action="store_true", help='print {"text", "spans"} per line, offsets into the input')
    p.add_argument("--no-directory", action="store_true", help="do not use the pack's customers as a gazetteer")
    p.set_defaults(func=cmd_redact)

    from evals.cli import add_arguments  # light: argparse, json, os, sys, pathlib

    p = sub.add_parser("eval", help="score how transparent Candor's answers are (evals/)")
    _pack_args(p)
    add_arguments(p, pack_args=False)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("token", help="mint a short-lived sign-in link for a customer (or an API token)")
    _pack_args(p)
    p.add_argument("--customer")
    p.add_argument("--api", action="store_true", help="print a bearer token for /api/v1 instead of a link")
    p.add_argument("--agent", help="with --api: a token for this support agent")
    p.add_argument("--ttl", help="lifetime, e.g. 10m, 90s, 1h (default 10m for a link, 1h for --api)")
    p.set_defaults(func=cmd_token)

    p = sub.add_parser("agent", help="manage support-agent accounts")
    agent_sub = p.add_subparsers(dest="agent_command", required=True)
    p = agent_sub.add_parser("add", help="add an agent (prompts for a password; reads stdin when not a terminal)")
    _pack_args(p)
    p.add_argument("name")
    p.set_defaults(func=cmd_agent)

    p = sub.add_parser("export-consents", help="write the consent ledger (pack + changes made in Candor) as JSONL")
    _pack_args(p)
    p.add_argument("--out", help="file to write (default: stdout)")
    p.set_defaults(func=cmd_export_consents)

    p = sub.add_parser("audit", help="print the audit log (agent lookups, consent changes)")
    _pack_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("flags", help="list cases for the privacy team")
    _pack_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_flags)

    from assistant.practices.command import add_arguments as practices_arguments  # light: argparse only

    p = sub.add_parser("practices", help="audit data minimisation, purpose limitation, sharing and fair targeting")
    _pack_args(p)
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


if __name__ == "__main__":
    sys.exit(main())
