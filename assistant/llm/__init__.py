"""LLM mode: a chat model (langchain-openai, on httpx clients Candor owns) writes the answer from the same
redacted evidence the grounded mode uses; the same verifier as for grounded answers checks it, and the
grounded answer replaces it when it fails or the model is unavailable. See docs/llm-mode.md.

Importing this package does not import langchain-openai; building an `LLMAnswerer` without a chat model does,
and raises `LLMSetupError` with what to install when it is missing.
"""

from assistant.llm.mode import LLMAnswerer
from assistant.llm.reading import display_text
from assistant.llm.result import NOTICE_UNAVAILABLE, NOTICE_UNVERIFIED, LLMResult, StreamReset
from assistant.remote.client import LLMSetupError
from assistant.remote.retry import LLMUnavailable

__all__ = [
    "NOTICE_UNAVAILABLE",
    "NOTICE_UNVERIFIED",
    "LLMAnswerer",
    "LLMResult",
    "LLMSetupError",
    "LLMUnavailable",
    "StreamReset",
    "display_text",
]
