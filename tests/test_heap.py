"""A started server freezes its start-up objects, so reading a long log does not make the collector walk them."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from assistant.heap import settle


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_settling_freezes_every_object_alive_at_start_up(unfrozen: None) -> None:
    alive: list[int] = []  # a container: tracked by the collector until frozen
    assert any(o is alive for o in gc.get_objects())
    settle()
    assert gc.get_freeze_count() > 0
    assert not any(o is alive for o in gc.get_objects())  # frozen objects are no longer the collector's to scan


def test_objects_made_after_settling_are_still_collected(unfrozen: None) -> None:
    settle()
    before = gc.get_freeze_count()
    cycle: list[object] = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1
    # Nothing new was frozen (frozen objects other threads free may lower the count in a full run).
    assert gc.get_freeze_count() <= before
