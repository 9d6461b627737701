"""Shared fixtures: one real Candor on the sample pack (real local model), built once per test run."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import load_pack
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT, Settings

SAMPLE = REPO_ROOT / "knowledge"
# The sample log runs through October 2024; relative dates in test questions are read from here.
SAMPLE_NOW = datetime(2024, 10, 31, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def sample_pack() -> KnowledgePack:
    return load_pack(SAMPLE)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data_dir: Path = tmp_path_factory.mktemp("candor-data")
    return Settings(knowledge_dir=SAMPLE, data_dir=data_dir, now=SAMPLE_NOW)


@pytest.fixture(scope="session")
def candor(settings: Settings) -> Candor:
    return Candor(settings)
