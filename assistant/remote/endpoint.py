"""Where the chat model is served, picked by `CANDOR_LLM`: an OpenAI-compatible URL given in settings
(OpenAI, Ollama, vLLM, a llama.cpp server someone runs), or a llama.cpp server Candor starts itself.

Either way the answerer gets settings for the same OpenAI-compatible client; only the local endpoint has a
server to stop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.remote.llama_server import LlamaServer
from assistant.settings import Settings

# A small model on a CPU: a short prompt (prompt processing dominates the wait), a short answer, and time to
# read a prompt before the first token. Settings given explicitly win.
LOCAL_DEFAULTS: dict[str, Any] = {"llm_context_tokens": 2048, "llm_answer_reserve": 300, "llm_timeout": 120.0}


@dataclass
class ChatEndpoint:
    settings: Settings  # what the client uses: base URL, key, model name, token budget
    server: LlamaServer | None = None

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()


def open_endpoint(settings: Settings) -> ChatEndpoint:
    """The endpoint for `settings.llm_mode`; "local" starts the server (and raises `LLMSetupError` with what
    to install when it cannot)."""
    match settings.llm_mode:
        case "local":
            unset = {k: v for k, v in LOCAL_DEFAULTS.items() if k not in settings.model_fields_set}
            tuned = settings.model_copy(update=unset)
            server = LlamaServer.start(tuned)
            served = {"openai_base_url": server.base_url, "openai_api_key": server.api_key, "model": server.model}
            return ChatEndpoint(tuned.model_copy(update=served), server)
        case "openai" | "none":
            return ChatEndpoint(settings)
