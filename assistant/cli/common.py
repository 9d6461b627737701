"""What every `candor` command shares: settings from the arguments, progress lines, the pack options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.settings import Settings


def settings_from(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    for name in ("knowledge_dir", "data_dir", "host", "port"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    if getattr(args, "demo", False):
        overrides["demo"] = True
    return Settings(**overrides)


def progress(message: str) -> None:
    print(f"candor: {message}", file=sys.stderr, flush=True)


def pack_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--knowledge", dest="knowledge_dir", type=Path, help="knowledge pack directory")
    parser.add_argument("--data-dir", dest="data_dir", type=Path, help="where ingested data lives")


def live_state(settings: Settings) -> Any:
    from assistant.records.state import LiveState

    return LiveState(settings.database)
