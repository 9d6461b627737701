"""Which catalog entries a question names, by the words of their names."""

from __future__ import annotations

from assistant.retrieval.retrievers import terms


def mentioned(question: str, names: dict[str, str]) -> list[str]:
    """Ids whose name words appear in the question, best overlap first (none when nothing fits)."""
    wanted = set(terms(question)) - {"data", "offer", "information", "personal"}
    scored = [(len(wanted & set(terms(f"{key.replace('_', ' ')} {name}"))), key) for key, name in names.items()]
    top = max((s for s, _ in scored), default=0)
    return [key for s, key in scored if s == top and s > 0]
