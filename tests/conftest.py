"""Fixtures every test area shares: a fresh store on SQLite and on the local PostgreSQL."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from racecard.store import Store

PG_URL = os.environ.get("RACECARD_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def postgres_missing() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when they can."""
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


@pytest.fixture
def pg_url() -> str:
    """The test PostgreSQL's URL; the test is skipped, saying why, where none runs."""
    reason = postgres_missing()
    if reason:
        pytest.skip(reason)
    return PG_URL


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh store on SQLite, and on PostgreSQL (its own schema, dropped after) where one runs."""
    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'store.db'}")
        yield s
        s.close()
        return
    s = Store(request.getfixturevalue("pg_url"), schema=f"t_{uuid.uuid4().hex[:12]}")
    try:
        yield s
    finally:
        s.drop()
        s.close()
