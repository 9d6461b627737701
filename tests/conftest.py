"""Shared fixtures: one real Candor on the sample pack (real local model), built once per test run."""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
if "CANDOR_CACHE_DIR" not in os.environ:
    # One cache for the run (and the servers and commands it starts): each fresh data folder would otherwise
    # embed the classifier's training texts and fit its heads again; the user's own cache is left alone.
    _cache = tempfile.mkdtemp(prefix="candor-test-cache-")
    os.environ["CANDOR_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, True)

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import load_pack
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT, Settings
from assistant.turn import Answer

SAMPLE = REPO_ROOT / "knowledge"
LUMEN = REPO_ROOT / "tests" / "fixtures" / "packs" / "lumen"
# The sample log runs through October 2024; relative dates in test questions are read from here.
SAMPLE_NOW = datetime(2024, 10, 31, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def sample_pack() -> KnowledgePack:
    return load_pack(SAMPLE)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data_dir: Path = tmp_path_factory.mktemp("candor-data")
    # This one instance answers well over a thousand test questions in a run, many of them for a handful of
    # customers: an account's hourly limit is not under test here (test_accounts and test_api test the limits
    # with their own settings).
    return Settings(knowledge_dir=SAMPLE, data_dir=data_dir, now=SAMPLE_NOW, rate_per_account_hour=10**6)


@pytest.fixture(scope="session")
def candor(settings: Settings) -> Candor:
    return Candor(settings)


@pytest.fixture(scope="session")
def lumen(tmp_path_factory: pytest.TempPathFactory) -> Candor:
    """The second pack, ingested once for the tests that only ask it questions (a test that changes a consent
    makes its own)."""
    data = Path(tmp_path_factory.mktemp("lumen"))
    return Candor(Settings(knowledge_dir=LUMEN, data_dir=data, transcripts=False, rate_per_account_hour=10**6))


@functools.cache
def sample_customers() -> list[dict[str, str]]:
    """The sample pack's customers as written: names, emails, phones, addresses, ids."""
    lines = (SAMPLE / "customers.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def leaks(body: bytes) -> list[str]:
    """Which sample customer's personal data a request body holds (also behind JSON's \\u escapes)."""
    decoded = json.dumps(json.loads(body), ensure_ascii=False)  # \u00e9 → é, so names compare as written
    haystack = (body.decode("utf-8") + "\n" + decoded).lower()
    found = []
    for c in sample_customers():
        for field in ("name", "email", "phone", "postal_address", "customer_id"):
            if c[field].lower() in haystack:
                found.append(f"{field} of {c['customer_id']}")
        if c["postal_address"].split(",")[0].lower() in haystack:
            found.append(f"street of {c['customer_id']}")
    return found


def verified_answer(candor: Candor, question: str, customer_id: str = "NW-1001") -> Answer:
    """A sample customer's answer to one question, which must pass verification."""
    answer = candor.ask(candor.conversation(customer_id), question)
    assert answer.verified, answer.problems
    return answer


@pytest.fixture
def says_what_it_must(request: pytest.FixtureRequest) -> Callable[..., None]:
    """Asks one pack's Candor a question (after `before`, if given) and checks its reading and its facts; the
    table-driven people-style tests share it."""

    def check(
        pack: str,
        customer: str,
        question: str,
        intent: str | None,
        says: list[str],
        never_says: list[str],
        before: str | None = None,
    ) -> None:
        candor: Candor = request.getfixturevalue(pack)
        conversation = candor.conversation(customer)
        if before is not None:
            candor.ask(conversation, before)
        answer = candor.ask(conversation, question)
        if intent is not None:
            assert answer.intent == intent
        for fact in says:
            assert fact in answer.text
        for wrong in never_says:
            assert wrong not in answer.text

    return check
