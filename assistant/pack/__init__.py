"""The knowledge pack: the directory format a company exports its data into."""

from assistant.pack.errors import PackError
from assistant.pack.loader import KnowledgePack, load_pack

__all__ = ["KnowledgePack", "PackError", "load_pack"]
