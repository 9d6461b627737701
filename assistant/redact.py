"""Redaction before anything is logged, embedded or retrieved, and restoration for the owner only.

A first, deliberately small redactor: emails, phone numbers and the company's own customer
directory (names, emails, phones, ids) become typed placeholders held in a per-conversation vault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.pack.models import Customer

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w-])(?!\d{4}-\d\d-\d\d\b)\+?\d[\d ().-]{6,}\d(?![\w-])")


@dataclass
class Vault:
    """Placeholder ↔ value for one conversation; in memory only."""

    owner_id: str
    by_value: dict[str, str] = field(default_factory=dict)
    by_placeholder: dict[str, str] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)  # placeholder -> customer id, where known
    counts: dict[str, int] = field(default_factory=dict)

    def placeholder(self, kind: str, value: str, owner: str | None) -> str:
        key = value.lower()
        if key not in self.by_value:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            token = f"<{kind}_{self.counts[kind]}>"
            self.by_value[key] = token
            self.by_placeholder[token] = value
            if owner:
                self.owners[token] = owner
        return self.by_value[key]

    def foreign(self) -> list[str]:
        """Placeholders that stand for another customer's data."""
        return [t for t, o in self.owners.items() if o != self.owner_id]


class Redactor:
    def __init__(self, directory: list[Customer]) -> None:
        self._known: list[tuple[str, str, str]] = []  # (value, kind, owner)
        for c in directory:
            self._known += [
                (c.customer_id, "CUSTOMER_ID", c.customer_id),
                (c.email, "EMAIL", c.customer_id),
                (c.name, "PERSON", c.customer_id),
                (c.phone, "PHONE", c.customer_id),
            ]
        # Longest first, so a full name wins over a part of it.
        self._known.sort(key=lambda k: -len(k[0]))
        self._owner_of = {v.lower(): o for v, _, o in self._known}
        self._digits_owner = {re.sub(r"\D", "", v): o for v, k, o in self._known if k == "PHONE"}

    def redact(self, text: str, vault: Vault) -> str:
        for value, kind, owner in self._known:
            if value.lower() in text.lower():
                text = re.sub(re.escape(value), vault.placeholder(kind, value, owner), text, flags=re.IGNORECASE)
        text = _EMAIL.sub(lambda m: vault.placeholder("EMAIL", m[0], self._owner_of.get(m[0].lower())), text)
        return _PHONE.sub(
            lambda m: vault.placeholder("PHONE", m[0], self._digits_owner.get(re.sub(r"\D", "", m[0]))), text
        )


def restore(text: str, vault: Vault) -> str:
    """Put back only the signed-in customer's own values; everything else stays a placeholder."""
    for token, value in vault.by_placeholder.items():
        if vault.owners.get(token) == vault.owner_id:
            text = text.replace(token, value)
    return text
