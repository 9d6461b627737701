"""The knowledge pack: the directory format a company exports its data into, its validation, and the facts
that follow from its records alone. The lowest layer: imports no other part of Candor but settings."""

from assistant.pack.errors import PackError
from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import load_pack

__all__ = ["KnowledgePack", "PackError", "load_pack"]
