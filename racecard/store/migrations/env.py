"""Alembic environment: migrations run on the connection the store hands over."""

from __future__ import annotations

from alembic import context

from racecard.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through racecard.store.db.migrate
    raise RuntimeError("run migrations through racecard.store.db.migrate(), which passes a connection")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
