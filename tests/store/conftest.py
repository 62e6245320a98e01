"""A fresh store per test, on SQLite and (where one runs) on the PostgreSQL at 127.0.0.1:5432."""

from __future__ import annotations

import pytest

from racecard.store import Store


@pytest.fixture
def store(any_store: Store) -> Store:
    """The store tests run on every database (tests/conftest.py)."""
    return any_store
