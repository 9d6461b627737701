"""Ingest builds in a new directory and switches `current.json` atomically; a bad pack changes nothing.

All but one test use a deterministic fake embedding model, so an ingest takes well under a second.
The CLI test runs the real local model once, because that is what `candor ingest` loads.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from assistant import cli
from assistant.ingest import Build, current_build, ingest, is_current
from assistant.pack import PackError
from assistant.records.builds import FileBuilds
from assistant.records.store import RecordStore
from assistant.settings import Settings

SAMPLE = Path(__file__).resolve().parent.parent / "knowledge"
DIMENSION = 64


class HashEmbeddings(Embeddings):
    """Deterministic bag-of-words vectors: each word adds 1 to the slot its hash picks."""

    embedding_id = "fake:hash-64"

    def _vector(self, text: str) -> list[float]:
        vector = [0.0] * DIMENSION
        for word in text.lower().split():
            vector[int.from_bytes(hashlib.sha256(word.encode()).digest()[:4], "big") % DIMENSION] += 1.0
        norm = sum(x * x for x in vector) ** 0.5 or 1.0
        return [x / norm for x in vector]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


class BrokenEmbeddings(HashEmbeddings):
    """Fails half-way through a build, after the records store has been written."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        raise RuntimeError("embedding service went away")


@contextmanager
def records(build: Build) -> Iterator[RecordStore]:
    store = FileBuilds(build.path.parent.parent).open_records(build.name, build.path)
    try:
        yield store
    finally:
        store.close()


def copy_pack(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return root


def break_customer_email(root: Path) -> tuple[Path, str]:
    """Make line 2 of customers.jsonl invalid; return the file and the expected message."""
    path = root / "customers.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[1])
    record["email"] = "lukas.letterbox.example"
    lines[1] = json.dumps(record) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return path, f"{path}:2: field 'email': Value error, is not an email address"


def rename_customer(root: Path, customer_id: str, name: str) -> None:
    path = root / "customers.jsonl"
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(raw)
        if record["customer_id"] == customer_id:
            record["name"] = name
        out.append(json.dumps(record))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def customer_name(store: RecordStore, customer_id: str) -> str:
    found = store.records_for(customer_id)
    assert found is not None, customer_id
    return found.customer.name


def snapshot(data_dir: Path) -> dict[str, bytes]:
    """Every file under the data directory with its content, to prove nothing changed."""
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def good_build(tmp_path: Path, data_dir: Path) -> Build:
    return ingest(Settings(knowledge_dir=copy_pack(tmp_path, "good"), data_dir=data_dir), HashEmbeddings())


def test_good_ingest_creates_a_build_and_points_current_json_at_it(tmp_path: Path, data_dir: Path) -> None:
    settings = Settings(knowledge_dir=copy_pack(tmp_path, "good"), data_dir=data_dir)
    messages: list[str] = []
    build = ingest(settings, HashEmbeddings(), messages.append)

    assert build.path.parent == data_dir / "builds"
    assert json.loads((data_dir / "current.json").read_text()) == {"build": build.path.name}
    assert current_build(data_dir) == build
    assert build.manifest["embeddings"] == "fake:hash-64"
    assert build.manifest["company"] == "Northwind Outfitters"
    for part in ("records.sqlite", "chunks.jsonl", "chroma", "manifest.json"):
        assert (build.path / part).exists(), part
    assert not [p for p in (data_dir / "builds").iterdir() if p.name.startswith(".tmp-")]
    assert is_current(settings, "fake:hash-64")
    assert not is_current(settings, "another:model")
    with records(build) as store:
        assert len(store.customer_ids()) == 48
        assert store.meta()["key"] == build.key
    assert messages[0].startswith("Validating knowledge pack") and messages[-1].startswith("Ready:")


def test_bad_pack_ingest_raises_and_previous_build_stays_current_and_intact(
    tmp_path: Path, data_dir: Path, good_build: Build
) -> None:
    before = snapshot(data_dir)
    bad = copy_pack(tmp_path, "bad")
    bad_file, expected = break_customer_email(bad)

    with pytest.raises(PackError) as info:
        ingest(Settings(knowledge_dir=bad, data_dir=data_dir), HashEmbeddings())

    assert info.value.message == expected
    assert (info.value.path, info.value.line, info.value.field) == (bad_file, 2, "email")
    assert current_build(data_dir) == good_build
    assert snapshot(data_dir) == before  # no new build, no temporary directory, same pointer
    with records(good_build) as store:
        assert len(store.customer_ids()) == 48
        assert store.records_for("NW-1002") is not None


def test_build_failing_midway_leaves_no_trace_and_previous_build_current(
    tmp_path: Path, data_dir: Path, good_build: Build
) -> None:
    before = snapshot(data_dir)
    changed = copy_pack(tmp_path, "changed")
    rename_customer(changed, "NW-1002", "Lukas B. Brenner")

    with pytest.raises(RuntimeError, match="embedding service went away"):
        ingest(Settings(knowledge_dir=changed, data_dir=data_dir), BrokenEmbeddings())

    assert current_build(data_dir) == good_build
    assert snapshot(data_dir) == before


def test_cli_ingest_of_bad_pack_exits_2_with_one_line_naming_file_line_and_field(
    tmp_path: Path, data_dir: Path, good_build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    # The real local embedding model loads here (a few seconds): this is the one test that pays for it.
    bad = copy_pack(tmp_path, "bad")
    _, expected = break_customer_email(bad)
    capsys.readouterr()

    code = cli.main(["ingest", "--knowledge", str(bad), "--data-dir", str(data_dir)])

    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    naming = [line for line in err.splitlines() if "customers.jsonl" in line]
    assert naming == [f"candor: invalid knowledge pack: {expected}"]
    others = [line for line in err.splitlines() if line not in naming]
    assert all(line.startswith("candor: Validating knowledge pack") for line in others), others
    assert current_build(data_dir) == good_build


def test_cli_ingest_of_good_pack_returns_0_and_names_the_build(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("assistant.retrieval.embeddings.make_embeddings", lambda settings: HashEmbeddings())
    pack = copy_pack(tmp_path, "good")

    code = cli.main(["ingest", "--knowledge", str(pack), "--data-dir", str(data_dir)])

    out, _ = capsys.readouterr()
    build = current_build(data_dir)
    assert code == 0
    assert build is not None and build.manifest["embeddings"] == "fake:hash-64"
    assert out.startswith(f"Ingested Northwind Outfitters into {build.path} in ")


def test_reingest_of_changed_pack_switches_to_new_build_and_prunes_only_older_ones(
    tmp_path: Path, data_dir: Path
) -> None:
    pack = copy_pack(tmp_path, "pack")
    settings = Settings(knowledge_dir=pack, data_dir=data_dir)
    first = ingest(settings, HashEmbeddings())

    rename_customer(pack, "NW-1002", "Lukas B. Brenner")
    assert not is_current(settings, "fake:hash-64")
    second = ingest(settings, HashEmbeddings())

    assert second.path != first.path and second.key != first.key
    assert current_build(data_dir) == second
    # The previous build is kept (a running server may still read it) and still works.
    assert first.path.is_dir()
    with records(first) as old, records(second) as new:
        assert customer_name(old, "NW-1002") == "Lukas Brenner"
        assert customer_name(new, "NW-1002") == "Lukas B. Brenner"

    rename_customer(pack, "NW-1002", "Lukas Brenner-Okafor")
    third = ingest(settings, HashEmbeddings())

    assert current_build(data_dir) == third
    kept = sorted(p.name for p in (data_dir / "builds").iterdir())
    assert kept == sorted([second.path.name, third.path.name])  # the first, two builds back, is pruned
    with records(third) as store:
        assert customer_name(store, "NW-1002") == "Lukas Brenner-Okafor"
        assert len(store.customer_ids()) == 48


def test_ingest_flags_exactly_the_decisions_shown_after_consent_was_withdrawn(good_build: Build) -> None:
    with records(good_build) as store:
        flags = store.flags()
    consent = [f for f in flags if f.kind == "consent_withdrawn_before_shown"]
    assert sorted(f.ref for f in consent) == ["D-414", "D-459", "D-736", "D-739"]
    assert all("withdrawn" in f.detail for f in consent)
