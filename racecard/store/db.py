"""Which database, how to connect, and migrating it to the current schema.

One URL chooses the database: the ``url`` argument, else ``RACECARD_DB``, else a
SQLite file in the user's data directory. PostgreSQL is ``postgresql+psycopg://…``;
a ``schema`` puts every table in that PostgreSQL schema (tests use one per run).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from racecard.errors import ConfigError, StoreError

__all__ = ["ENV", "database_url", "drop_schema", "engine_for", "migrate"]

ENV = "RACECARD_DB"
_MIGRATIONS = Path(__file__).parent / "migrations"
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def database_url(url: str | None = None) -> str:
    """The database URL: ``url``, else ``$RACECARD_DB``, else SQLite in the user data directory."""
    if url:
        return url
    env = os.environ.get(ENV, "").strip()
    if env:
        return env
    import platformdirs

    folder = Path(platformdirs.user_data_dir("racecard", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'racecard.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def engine_for(url: str | None = None, *, schema: str | None = None) -> Engine:
    """An engine for the database at ``url`` (see :func:`database_url`), not yet migrated."""
    resolved = database_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError as exc:
        raise ConfigError(f"not a database URL: {resolved!r} ({exc})", field=ENV) from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise ConfigError(f"unsupported database {backend!r}; use sqlite:/// or postgresql+psycopg://", field=ENV)
    if schema is not None and not _SCHEMA_NAME.match(schema):
        raise ConfigError(f"bad schema name {schema!r}; use lower-case letters, digits and _", field="schema")
    try:
        if backend == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(parsed, poolclass=NullPool)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            if parsed.drivername == "postgresql":
                parsed = parsed.set(drivername="postgresql+psycopg")
            args: dict[str, Any] = {"options": f"-csearch_path={schema}"} if schema else {}
            engine = create_engine(parsed, connect_args=args, pool_pre_ping=True)
            # batch plain INSERT executemany into multi-row VALUES, as SQLAlchemy does for RETURNING
            engine.dialect.use_insertmanyvalues_wo_returning = True
            if schema:
                with engine.begin() as conn:
                    conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    except ImportError as exc:
        raise ConfigError(
            f"the driver for {backend} is not installed: pip install 'racecard[postgres]' ({exc})", field=ENV
        ) from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open {parsed.render_as_string(hide_password=True)}: {exc}") from exc
    return engine


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database up to ``revision`` of the schema (Alembic)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate the database: {exc}") from exc


def drop_schema(engine: Engine, schema: str) -> None:
    """Drop a PostgreSQL schema and everything in it (what tests create)."""
    if not _SCHEMA_NAME.match(schema):
        raise ConfigError(f"bad schema name {schema!r}", field="schema")
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
