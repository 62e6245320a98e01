"""The store: documents, entities with aliases, events with evidence, analyst reviews.

    store = Store()                       # $RACECARD_DB, or SQLite in the user data dir
    with store.begin() as conn:           # one transaction
        store.writer.add(conn, records)

Everything is SQLAlchemy Core (``racecard.store.schema``) migrated by Alembic; SQLite
and PostgreSQL (``postgresql+psycopg://…``) both work.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from racecard.errors import RacecardError, StoreError
from racecard.store.db import ENV, database_url, drop_schema, engine_for, migrate
from racecard.store.write import DocumentRecord, Writer

__all__ = ["ENV", "DocumentRecord", "Store", "brief", "database_url"]


class Store:
    """One database: an engine, migrated to the current schema, and a writer for it."""

    def __init__(self, url: str | None = None, *, schema: str | None = None, upgrade: bool = True) -> None:
        self.url = database_url(url)
        self.schema = schema
        self.engine: Engine = engine_for(self.url, schema=schema)
        self.writer = Writer()
        if upgrade:
            migrate(self.engine)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection in a transaction: committed on success, rolled back on any error."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            self.writer.forget()
            raise StoreError(brief(exc), source=self.engine.url.render_as_string(hide_password=True)) from exc
        except (RacecardError, Exception):
            self.writer.forget()
            raise

    def drop(self) -> None:
        """Drop this store's PostgreSQL schema (tests); SQLite files are simply deleted."""
        if self.schema is not None:
            drop_schema(self.engine, self.schema)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def brief(exc: SQLAlchemyError) -> str:
    """The database's own one-line complaint, without the SQL statement and its parameters."""
    message = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    if "no such table" in message or "no such column" in message or "does not exist" in message:
        message += " (a database made by an older Racecard? point RACECARD_DB at a new file)"
    return message
