"""Ingest reads the decision log in parts, so its memory does not grow with the log: read in parts of any size,
a log gives exactly what the whole pack loaded at once gives — decisions, errors, warnings, flags and the
practice audit."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.pack.errors import PackInvalid
from assistant.pack.loader import load_pack
from assistant.pack.stream import load_without_log
from assistant.practices.audit import audit
from assistant.records.flags import consent_flags, profile_flags
from assistant.records.streamed import PartedLog
from assistant.settings import REPO_ROOT

PACKS = [REPO_ROOT / "knowledge", REPO_ROOT / "tests" / "fixtures" / "packs" / "lumen"]


def _read(log: PartedLog) -> list[str]:
    return [d.decision_id for d in log.decisions]


@pytest.mark.parametrize("root", PACKS, ids=lambda p: p.name)
@pytest.mark.parametrize("part", [7, 1000])
def test_a_log_read_in_parts_gives_what_the_whole_pack_gives(root: Path, part: int) -> None:
    whole = load_pack(root)
    log = PartedLog(load_without_log(root), part=part)
    assert _read(log) == [d.decision_id for d in whole.decisions] and log.count == len(whole.decisions)
    assert [w.message for w in log.warnings] == [w.message for w in whole.warnings]
    key = lambda f: (f.ref, f.customer_id, f.kind, f.detail)  # noqa: E731
    assert sorted(map(key, log.flags())) == sorted(map(key, consent_flags(whole) + profile_flags(whole)))
    assert log.practices() == audit(whole).as_dict()


def test_every_error_in_every_part_is_reported_as_the_loader_reports_them(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    shutil.copytree(REPO_ROOT / "knowledge", root)
    lines = (root / "decisions.jsonl").read_text(encoding="utf-8").splitlines()
    first, late = json.loads(lines[3]), json.loads(lines[900])
    first["customer_id"] = "NW-9999"
    late["offer_id"] = "OF-999"
    lines[3], lines[900] = json.dumps(first), json.dumps(late)
    lines.append(lines[10])  # a duplicate id at the very end
    (root / "decisions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PackInvalid) as whole:
        load_pack(root)
    log = PartedLog(load_without_log(root), part=50)
    with pytest.raises(PackInvalid) as parted:
        _read(log)
    assert sorted(e.message for e in parted.value.errors) == sorted(e.message for e in whole.value.errors)
    found = " ".join(e.message for e in parted.value.errors)
    assert "unknown customer 'NW-9999'" in found and "unknown offer 'OF-999'" in found and "duplicate id" in found


def test_a_log_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    shutil.copytree(REPO_ROOT / "knowledge", root)
    data = (root / "decisions.jsonl").read_bytes().split(b"\n")
    data[4] = data[4].replace(b"D-5", b"D-\xff5", 1)
    (root / "decisions.jsonl").write_bytes(b"\n".join(data))
    with pytest.raises(PackInvalid, match=r"decisions\.jsonl:5: not valid UTF-8"):
        _read(PartedLog(load_without_log(root), part=100))
