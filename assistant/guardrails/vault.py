"""Reversible pseudonymisation for one conversation: typed placeholders, kept in memory only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PLACEHOLDER = re.compile(r"<([A-Z_]+)_(\d+)>")


def value_key(entity_type: str, value: str) -> str:
    """Two spellings of one value share a placeholder: phones by digits, the rest by folded text."""
    if entity_type in ("PHONE", "CREDIT_CARD", "US_SSN"):
        return f"{entity_type}:{re.sub(r'[^0-9]', '', value)}"
    return f"{entity_type}:{' '.join(value.lower().split())}"


@dataclass
class Vault:
    """Placeholder ↔ value, and whose value it is where the directory knows. Never written anywhere."""

    owner_id: str
    _by_key: dict[str, str] = field(default_factory=dict)
    _values: dict[str, str] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=dict)

    def placeholder(self, entity_type: str, value: str, owner: str | None) -> str:
        key = value_key(entity_type, value)
        token = self._by_key.get(key)
        if token is None:
            self._counts[entity_type] = self._counts.get(entity_type, 0) + 1
            token = f"<{entity_type}_{self._counts[entity_type]}>"
            self._by_key[key] = token
            self._values[token] = value
        if owner and token not in self.owners:
            self.owners[token] = owner
        return token

    def foreign(self) -> list[str]:
        """Placeholders that stand for another customer's data."""
        return [t for t, o in self.owners.items() if o != self.owner_id]

    def restore(self, text: str) -> str:
        """Put back only the signed-in customer's own values; everything else stays a placeholder."""

        def back(m: re.Match[str]) -> str:
            token = m.group()
            return self._values[token] if self.owners.get(token) == self.owner_id else token

        return PLACEHOLDER.sub(back, text)

    def __repr__(self) -> str:  # never print values, even by accident in a log or traceback
        return f"Vault(owner_id={self.owner_id!r}, placeholders={len(self._values)})"
