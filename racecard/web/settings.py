"""The app's settings and the dependencies that hand them (and a database connection) to routes.

Tests and embedders pass a :class:`Settings` to :func:`racecard.web.create_app`; routes
take them through :func:`settings` and :func:`connection`, which FastAPI can override.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from fastapi import Request
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from racecard.errors import ConfigError, StoreError
from racecard.store import Store

__all__ = ["CASES_ENV", "CaseRef", "Settings", "connection", "parse_case", "settings", "store"]

CASES_ENV = "RACECARD_CASES"


@dataclass(frozen=True, slots=True)
class CaseRef:
    """A forecast case the server offers: a case file, or one case of a research bundle."""

    path: Path
    case_id: str | None = None


def parse_case(value: str) -> tuple[str, CaseRef]:
    """``PATH`` or ``PATH#CASE_ID`` → (name shown in the UI, reference); the file must exist."""
    raw, _, case_id = value.partition("#")
    path = Path(raw).expanduser()
    if not path.is_file():
        raise ConfigError(f"no forecast case file at {raw!r}", field="--case-file")
    name = case_id or path.stem
    return name, CaseRef(path, case_id or None)


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the data is: the database URL (None: ``$RACECARD_DB``), the token file, forecast cases, schema."""

    database: str | None = None
    tokens: Path | None = None
    cases: Mapping[str, CaseRef] = field(default_factory=dict)
    schema: str | None = None  # a PostgreSQL schema holding the tables (tests use one per run)

    @classmethod
    def from_env(cls, *, database: str | None = None, case_files: tuple[str, ...] = ()) -> Settings:
        listed = [*filter(None, os.environ.get(CASES_ENV, "").split(os.pathsep)), *case_files]
        return cls(database=database, cases=dict(parse_case(v) for v in listed))


def settings(request: Request) -> Settings:
    """The running app's settings."""
    found: Settings = request.app.state.settings
    return found


def store(request: Request) -> Store:
    """The running app's store (opened and migrated once, at start-up)."""
    found: Store = request.app.state.store
    return found


class _LazyConnection:
    """A connection opened on first use, so a request answered from the cache opens none."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._conn: Connection | None = None

    def __getattr__(self, name: str) -> Any:
        if self._conn is None:
            try:
                self._conn = self._engine.connect()
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot open the database: {exc}") from exc
        return getattr(self._conn, name)

    def release(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def connection(request: Request) -> Iterator[Connection]:
    """A read connection for one request (opened when first used), closed after it."""
    lazy = _LazyConnection(store(request).engine)
    try:
        yield cast(Connection, lazy)
    finally:
        lazy.release()
