"""`candor init`, `validate`, `ingest`, `flags`, `practices`, `export-consents` and `audit`: the pack, its builds
and what the privacy team reads from them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.cli.common import live_state, progress, settings_from


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.ingest import ingest
    from assistant.retrieval.embeddings import make_embeddings

    settings = settings_from(args)
    build = ingest(settings, make_embeddings(settings), progress)
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

    root = Path(args.pack) if args.pack else settings_from(args).knowledge_dir
    result = validate(root)
    print(json.dumps(result.as_dict(), ensure_ascii=False) if args.json else result.text())
    return 0 if result.ok else 2


def cmd_flags(args: argparse.Namespace) -> int:
    from assistant.ingest import current_build, ingest, is_current
    from assistant.records.storage import open_storage
    from assistant.retrieval.embeddings import make_embeddings

    settings = settings_from(args)
    builds = open_storage(settings).builds
    build = current_build(settings.data_dir, builds)
    if build is None or not is_current(settings, build.manifest["embeddings"], builds):
        build = ingest(settings, make_embeddings(settings), progress, builds)
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

    settings = settings_from(args)
    root = Path(args.pack) if args.pack else settings.knowledge_dir
    # The live state (consent changes made in Candor) belongs to the ingested pack: read it for that pack only,
    # and only where there is one (no database is made by auditing).
    ingested = root.resolve() == settings.knowledge_dir.resolve()
    has_state = settings.database_url is not None or (settings.data_dir / "state.sqlite").is_file()
    live = live_state(settings).all_consents() if ingested and has_state else []
    reader = None
    if not args.no_policy_reading:
        from assistant.retrieval.data_kinds import EmbeddingReader
        from assistant.retrieval.embeddings import LocalEmbeddings, make_embeddings

        embeddings = make_embeddings(settings)
        # The reader's thresholds were chosen on the local model's vectors.
        reader = EmbeddingReader(embeddings) if isinstance(embeddings, LocalEmbeddings) else None
    return run(args, root, live, reader)


def cmd_export_consents(args: argparse.Namespace) -> int:
    """The whole ledger in the pack's format: the pack's events, then those made through Candor."""
    from assistant.pack.loader import load_pack
    from assistant.records.state import export_jsonl

    settings = settings_from(args)
    events = load_pack(settings.knowledge_dir).consents + live_state(settings).all_consents()
    text = export_jsonl(events)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"Wrote {len(events)} consent events to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    entries = live_state(settings_from(args)).audit_entries()
    for e in entries:
        print(json.dumps(e.__dict__) if args.json else f"{e.at} {e.role}:{e.actor} {e.action} {e.target} — {e.detail}")
    return 0
