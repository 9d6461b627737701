"""Support-agent accounts: a JSON file of bcrypt hashes under the data directory."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import bcrypt

_NAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")


class AgentError(ValueError):
    pass


class AgentStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, dict[str, str]]:
        if not self.path.exists():
            return {}
        data: dict[str, dict[str, str]] = json.loads(self.path.read_text())
        return data

    def add(self, name: str, password: str) -> None:
        if not _NAME.match(name):
            raise AgentError("agent names are 2-32 lowercase letters, digits, dots, dashes or underscores")
        if len(password) < 10:
            raise AgentError("passwords need at least 10 characters")
        agents = self._load()
        agents[name] = {"hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode(), "role": "agent"}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(agents, indent=2))
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)

    def check(self, name: str, password: str) -> bool:
        agent = self._load().get(name)
        return agent is not None and bcrypt.checkpw(password.encode(), agent["hash"].encode())

    def names(self) -> list[str]:
        return sorted(self._load())
