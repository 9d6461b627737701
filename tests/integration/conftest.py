"""Real servers for the integration suite: PostgreSQL and a Chroma server, named by the environment (the
real-model tests, marked real_llm, need neither).

.ci/run starts both on loopback (.ci/scale-servers.sh) and sets CANDOR_TEST_DATABASE_URL and
CANDOR_TEST_CHROMA_URL; without them every test here is skipped, so the default run needs no server.
Each test module gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

SERVERS = ("CANDOR_TEST_DATABASE_URL", "CANDOR_TEST_CHROMA_URL")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    missing = [name for name in SERVERS if not os.environ.get(name)]
    for item in items:
        # The real-model suite (marked real_llm) needs a local model, not these servers: it decides for itself.
        if "tests/integration/" in item.nodeid and item.get_closest_marker("real_llm") is None:
            item.add_marker(pytest.mark.integration)
            if missing:
                reason = f"integration suite: no server ({', '.join(missing)} unset; .ci/run starts them)"
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(os.environ["CANDOR_TEST_DATABASE_URL"])
    name = f"candor_{uuid.uuid4().hex[:12]}"
    dsn = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    yield admin.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as con:
        con.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def chroma_url() -> str:
    return os.environ["CANDOR_TEST_CHROMA_URL"]
