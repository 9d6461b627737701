"""Transcripts for evaluation and audit: redacted text only, customers by a salted pseudonym; written where
`Storage.log("transcripts")` says (day files, or the shared database)."""

from __future__ import annotations

import time
from typing import Any

from assistant.records.redacted_log import RedactedLog


class Transcript:
    def __init__(self, log: RedactedLog) -> None:
        self.log = log

    def pseudonym(self, customer_id: str) -> str:
        return self.log.pseudonym(customer_id)

    def write(self, customer_id: str, record: dict[str, Any]) -> None:
        """Append one turn; every text field must already be redacted."""
        line = {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "customer": self.pseudonym(customer_id)}
        line.update(record)
        self.log.append(line)
