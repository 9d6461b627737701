"""Transcripts for evaluation and audit: redacted text only, customers by a salted pseudonym."""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
from pathlib import Path
from typing import Any


class Transcript:
    def __init__(self, directory: Path) -> None:
        self._dir = directory
        self._dir.mkdir(parents=True, exist_ok=True)
        salt_file = self._dir / ".salt"
        if not salt_file.exists():
            salt_file.write_text(secrets.token_hex(16))
        self._salt = salt_file.read_text().strip()
        self._lock = threading.Lock()

    def pseudonym(self, customer_id: str) -> str:
        return hashlib.sha256(f"{self._salt}:{customer_id}".encode()).hexdigest()[:16]

    def write(self, customer_id: str, record: dict[str, Any]) -> None:
        """Append one turn; every text field must already be redacted."""
        line = {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "customer": self.pseudonym(customer_id)}
        line.update(record)
        path = self._dir / f"{time.strftime('%Y-%m-%d', time.gmtime())}.jsonl"
        with self._lock, path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
