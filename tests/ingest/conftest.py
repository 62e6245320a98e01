"""Fixtures for ingest tests: a fresh SQLite store, the fixtures folder, a test reader."""

from __future__ import annotations

import os
import socket
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from racecard.store import Store

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

DATA = HERE / "data"
SHARED = HERE.parents[2] / "shared"


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'store.db'}")
    yield s
    s.close()


PG_URL = os.environ.get("RACECARD_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_reason() -> str | None:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return None
    except OSError as exc:
        return f"no PostgreSQL at 127.0.0.1:5432 ({exc})"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh store on SQLite, and on PostgreSQL (its own schema, dropped after) where one runs."""
    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'store.db'}")
        yield s
        s.close()
        return
    reason = _postgres_reason()
    if reason:
        pytest.skip(reason)
    s = Store(PG_URL, schema=f"t_{uuid.uuid4().hex[:12]}")
    try:
        yield s
    finally:
        s.drop()
        s.close()
