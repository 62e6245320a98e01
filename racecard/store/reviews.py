"""Analyst reviews of stored facts: confirm, correct or reject, by whom and when.

A reviewed event is the analyst's: re-reading its document never deletes or replaces it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, insert, select

from racecard.errors import ConfigError, NotFoundError
from racecard.store.entities import new_id
from racecard.store.schema import events, reviews

__all__ = ["Action", "Review", "review", "reviews_of"]


class Action(StrEnum):
    CONFIRM = "confirm"
    CORRECT = "correct"
    REJECT = "reject"


@dataclass(frozen=True, slots=True)
class Review:
    id: int
    event_id: int
    action: Action
    by: str
    at: datetime
    fields: Mapping[str, Any] = field(default_factory=dict)
    note: str | None = None


def review(
    conn: Connection,
    event_id: int,
    action: Action | str,
    *,
    by: str,
    fields: Mapping[str, Any] | None = None,
    note: str | None = None,
) -> int:
    """Record an analyst's decision on an event; a correction carries the corrected fields."""
    try:
        act = Action(action)
    except ValueError as exc:
        raise ConfigError(
            f"unknown review action {action!r}; choose confirm, correct or reject", field="action"
        ) from exc
    if not by.strip():
        raise ConfigError("a review needs the analyst's name", field="by")
    if act is Action.CORRECT and not fields:
        raise ConfigError("a correction needs the corrected fields", field="fields")
    if conn.execute(select(events.c.id).where(events.c.id == event_id)).first() is None:
        raise NotFoundError(f"no event with id {event_id}")
    result = conn.execute(
        insert(reviews).values(
            event_id=event_id,
            action=str(act),
            fields=dict(fields) if fields else None,
            note=note,
            by=by,
            at=datetime.now(UTC),
        )
    )
    return new_id(result)


def reviews_of(conn: Connection, event_id: int) -> list[Review]:
    """Every review of an event, oldest first."""
    rows = conn.execute(select(reviews).where(reviews.c.event_id == event_id).order_by(reviews.c.id))
    return [Review(r.id, r.event_id, Action(r.action), r.by, r.at, r.fields or {}, r.note) for r in rows]
