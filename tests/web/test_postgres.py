"""The app on PostgreSQL: the same twins, reviews and cache invalidation (skipped without a server)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from racecard.model import Document, Entity, EntityKind, Event, Evidence, Reading, Status
from racecard.store import DocumentRecord, Store
from racecard.web import Settings, create_app
from racecard.web.tokens import create_token

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg(tmp_path: Path, request: pytest.FixtureRequest, pg_url: str) -> Iterator[tuple[Store, str]]:
    schema = f"w_{uuid.uuid4().hex[:12]}"
    store = Store(pg_url, schema=schema)
    fill = request.getfixturevalue("filler")
    fill(store)
    try:
        yield store, schema
    finally:
        store.drop()
        store.close()


def test_twins_reviews_and_cache_on_postgres(pg: tuple[Store, str], pg_url: str, tmp_path: Path) -> None:
    store, schema = pg
    token = create_token(name="Pg Analyst", path=tmp_path / "t.json").token
    app = create_app(Settings(database=pg_url, schema=schema, tokens=tmp_path / "t.json"))
    with TestClient(app, raise_server_exceptions=False) as client:
        board = client.get("/api/v1/race", params={"target": "KRAS G12C", "market": "China"}).json()
        assert board["rows"][0]["asset"] == "fulzerasib"
        doc = client.get("/api/v1/documents/kras-07").json()
        fid = doc["facts"][0]["id"]
        assert doc["facts"][0]["review"] is None
        made = client.post(f"/api/v1/facts/{fid}/reviews", json={"action": "confirm"},
                           headers={"Authorization": f"Bearer {token}"})
        assert made.status_code == 201 and made.json()["by"] == "Pg Analyst"
        assert client.get("/api/v1/documents/kras-07").json()["facts"][0]["review"]["action"] == "confirm"
        body = client.get("/api/v1/assets/no-such").json()
        assert set(body) == {"ok", "error", "errors", "status"} and body["status"] == 404
        # another writer adds a fact: the cached board is not served any more
        text = "China approves glecirasib."
        doc_ = Document(text=text, id="late", title=text, published=dt.date(2024, 9, 1))
        event = Event("approval", Status.HAPPENED, {"drug": "glecirasib", "agency": "NMPA", "territory": "China",
                                                     "date": "2024-05-01"}, Evidence("late", 0, len(text), text, "x"))
        reading = Reading(doc_, entities=(Entity(EntityKind.DRUG, "glecirasib", (), {"targets": ["KRAS G12C"]}),),
                          events=(event,))
        with store.begin() as conn:
            store.writer.add(conn, [DocumentRecord(doc_, "text", reading=reading, extractor="x")])
        after = client.get("/api/v1/race", params={"target": "KRAS G12C", "market": "China"}).json()
        assert after["rows"][0]["asset"] == "glecirasib"
