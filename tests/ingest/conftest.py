"""Fixtures for ingest tests: a fresh SQLite store, the fixtures folder, a test reader."""

from __future__ import annotations

import sys
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


