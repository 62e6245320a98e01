"""A fresh store per test, on SQLite and (where one runs) on the PostgreSQL at 127.0.0.1:5432."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from racecard.store import Store

PG_URL = os.environ.get("RACECARD_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_reason() -> str | None:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            pass
    except OSError as exc:
        return f"no PostgreSQL at 127.0.0.1:5432 ({exc})"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed: pip install 'racecard[postgres]'"
    return None


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
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
