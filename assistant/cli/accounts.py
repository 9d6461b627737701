"""`candor token` and `candor agent add`: sign-in links, API tokens and support-agent accounts."""

from __future__ import annotations

import argparse
import sys

from assistant.cli.common import settings_from


def cmd_token(args: argparse.Namespace) -> int:
    from assistant.accounts import sessions
    from assistant.accounts.signin import mint, parse_ttl

    settings = settings_from(args)
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

    settings = settings_from(args)
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
