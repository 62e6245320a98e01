"""The store on SQLite and PostgreSQL: schema, documents, entities across documents, events, reviews."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from racecard.errors import ConfigError, NotFoundError, StoreError
from racecard.model import Document, Entity, EntityKind, Event, Evidence, Mention, Reading, Status
from racecard.store import DocumentRecord, Store
from racecard.store import read as q
from racecard.store.db import engine_for
from racecard.store.entities import undo_merge
from racecard.store.reviews import Action, review, reviews_of
from racecard.store.schema import documents, entities, events, merges, metadata
from racecard.store.write import first_day


def _doc(text: str, **meta: object) -> Document:
    return Document(text=text, **meta)  # type: ignore[arg-type]


def _mention(text: str, doc: str, kind: EntityKind, name: str, how: str = "lexicon") -> Mention:
    start = doc.index(text)
    return Mention(start, start + len(text), text, kind, name, how)


def _licence_reading() -> Reading:
    text = "Nuvora Bio licensed IBI351 (fulzerasib) to Calder Pharma for China on 3 March 2025."
    doc = _doc(text, url="https://example.org/a", title="A licence", published=date(2025, 3, 3), source="Wire")
    quote = text
    ev = Event(
        "license",
        Status.HAPPENED,
        {
            "drug": "fulzerasib",
            "licensor": "Nuvora Bio",
            "licensee": "Calder Pharma",
            "territory": "China",
            "upfront_usd": 50_000_000,
            "date": "2025-03-03",
        },
        Evidence(doc.id, 0, len(quote), quote, "test-1"),
    )
    return Reading(
        doc,
        mentions=(
            _mention("IBI351", text, EntityKind.DRUG, "fulzerasib", "defined-alias"),
            _mention("fulzerasib", text, EntityKind.DRUG, "fulzerasib"),
            _mention("Nuvora Bio", text, EntityKind.COMPANY, "Nuvora Bio"),
            _mention("Calder Pharma", text, EntityKind.COMPANY, "Calder Pharma"),
        ),
        entities=(
            Entity(EntityKind.DRUG, "fulzerasib", ("IBI351",), {"targets": ["KRAS G12C"]}),
            Entity(EntityKind.COMPANY, "Nuvora Bio"),
            Entity(EntityKind.COMPANY, "Calder Pharma"),
        ),
        events=(ev,),
    )


def _code_only_reading() -> Reading:
    text = "IBI351 entered a Phase 2 study in lung cancer."
    doc = _doc(text, published=date(2025, 1, 10))
    ev = Event(
        "trial_start",
        Status.HAPPENED,
        {"drug": "IBI351", "phase": "2", "date": "2025-Q1"},
        Evidence(doc.id, 0, len(text), text, "test-1"),
    )
    return Reading(
        doc,
        mentions=(_mention("IBI351", text, EntityKind.DRUG, "IBI351", "code-pattern"),),
        entities=(Entity(EntityKind.DRUG, "IBI351"),),
        events=(ev,),
    )


def _add(store: Store, *readings: Reading) -> None:
    with store.begin() as conn:
        store.writer.add(
            conn,
            [DocumentRecord(r.document, "text", origin="test", reading=r, extractor="test-1") for r in readings],
        )


def test_migrations_create_exactly_the_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_document_stored_exactly_with_facts_and_evidence(store: Store) -> None:
    reading = _licence_reading()
    _add(store, reading)
    with store.begin() as conn:
        stored = q.document(conn, reading.document.id)
        assert stored.document.text == reading.document.text
        assert stored.document.published == date(2025, 3, 3)
        assert stored.extractor == "test-1"
        [ev] = q.events_of(conn, reading.document.id)
        assert ev.type == "license" and ev.fields["upfront_usd"] == 50_000_000
        assert ev.day == date(2025, 3, 3) and ev.published == date(2025, 3, 3)
        assert {r[0] for r in ev.roles} == {"drug", "licensor", "licensee", "territory"}
        assert all(r[1] is not None for r in ev.roles)
        start, end, quote, primary = ev.evidence[0]
        assert stored.document.text[start:end] == quote and primary
        drug = q.entity(conn, "drug", "IBI351")
        assert drug.name == "fulzerasib"
        learned = {a.alias: a for a in drug.aliases}
        assert learned["IBI351"].document_id == reading.document.id
        assert learned["IBI351"].how == "reading" or learned["IBI351"].start is not None
        target = q.entity(conn, "target", "kras g12c")
        assert target.name == "KRAS G12C"


def test_alias_learned_later_merges_code_entity_and_merge_can_be_undone(store: Store) -> None:
    _add(store, _code_only_reading())
    with store.begin() as conn:
        assert q.entity(conn, "drug", "IBI351").name == "IBI351"
    _add(store, _licence_reading())
    with store.begin() as conn:
        drug = q.entity(conn, "drug", "IBI351")
        assert drug.name == "fulzerasib" and len(drug.merged) == 1
        [merge] = conn.execute(select(merges)).all()
        assert merge.by == "racecard" and "IBI351" in merge.reason
        undo_merge(conn, merge.id, by="analyst@example.org")
        assert q.entity(conn, "drug", "IBI351").name == "IBI351"
        with pytest.raises(StoreError, match="already undone"):
            undo_merge(conn, merge.id, by="someone")
    # the same alias read again does not redo an undone merge
    again = _licence_reading()
    text = again.document.text + " More to come."
    doc = _doc(text, published=date(2025, 3, 4))
    _add(store, Reading(doc, mentions=again.mentions, entities=again.entities))
    with store.begin() as conn:
        assert q.entity(conn, "drug", "IBI351").name == "IBI351"


def test_alias_learned_first_grounds_code_in_later_document(store: Store) -> None:
    _add(store, _licence_reading(), _code_only_reading())
    with store.begin() as conn:
        code_doc = _code_only_reading().document.id
        [ev] = q.events_of(conn, code_doc)
        [(role, entity_id, value)] = ev.roles
        assert (role, value) == ("drug", "IBI351")
        name = conn.execute(select(entities.c.name).where(entities.c.id == entity_id)).scalar()
        assert name == "fulzerasib"
        assert ev.day == date(2025, 1, 1)
        assert conn.execute(select(merges)).all() == []


def test_reread_replaces_machine_facts_and_keeps_reviewed_ones(store: Store) -> None:
    reading = _licence_reading()
    _add(store, reading)
    with store.begin() as conn:
        [ev] = q.events_of(conn, reading.document.id)
        review(
            conn,
            ev.id,
            Action.CORRECT,
            by="ana",
            fields={"upfront_usd": 60_000_000},
            note="press release says 60",
        )
    newer = Event(
        "approval",
        Status.HAPPENED,
        {"drug": "fulzerasib", "agency": "NMPA"},
        Evidence(reading.document.id, 0, 10, reading.document.text[:10]),
    )
    again = Reading(
        reading.document,
        mentions=reading.mentions,
        entities=reading.entities,
        events=(*reading.events, newer),
    )
    for _ in range(2):
        with store.begin() as conn:
            store.writer.replace_reading(conn, reading.document, again, "test-2")
    with store.begin() as conn:
        evs = q.events_of(conn, reading.document.id)
        assert sorted(e.type for e in evs) == ["approval", "license"]
        lic = next(e for e in evs if e.type == "license")
        assert lic.id == ev.id and lic.extractor == "test-1"
        assert [r.action for r in reviews_of(conn, lic.id)] == [Action.CORRECT]
        assert q.document(conn, reading.document.id).extractor == "test-2"
        assert q.counts(conn)["mentions"] == len(reading.mentions)
    # without the review, the licence would have been replaced
    with store.begin() as conn:
        store.writer.replace_reading(conn, reading.document, Reading(reading.document), "test-3")
        assert [e.type for e in q.events_of(conn, reading.document.id)] == ["license"]


def test_review_checks_its_input(store: Store) -> None:
    reading = _licence_reading()
    _add(store, reading)
    with store.begin() as conn:
        [ev] = q.events_of(conn, reading.document.id)
        with pytest.raises(ConfigError, match="action"):
            review(conn, ev.id, "approve", by="ana")
        with pytest.raises(ConfigError, match="corrected fields"):
            review(conn, ev.id, "correct", by="ana")
        with pytest.raises(NotFoundError):
            review(conn, 10_000, "confirm", by="ana")
        review(conn, ev.id, "reject", by="ana")


def test_failed_batch_leaves_store_as_it_was(store: Store) -> None:
    reading = _licence_reading()
    _add(store, reading)
    with pytest.raises(StoreError), store.begin() as conn:
        store.writer.add(conn, [DocumentRecord(_code_only_reading().document, "text", reading=_code_only_reading())])
        store.writer.add(conn, [DocumentRecord(reading.document, "text")])  # same hash: refused
    with store.begin() as conn:
        assert conn.execute(select(documents.c.id)).scalars().all() == [reading.document.id]
        assert len(conn.execute(select(events)).all()) == 1


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-01-30", date(2026, 1, 30)),
        ("2026-03", date(2026, 3, 1)),
        ("2026-Q3", date(2026, 7, 1)),
        ("2026-H2", date(2026, 7, 1)),
        ("2026", date(2026, 1, 1)),
        ("soon", None),
        ("2026-13", None),
        (None, None),
    ],
)
def test_first_day(text: str | None, day: date | None) -> None:
    assert first_day(text) == day


@pytest.mark.parametrize("url", ["mysql://x/y", "not a url"])
def test_bad_database_url_is_a_config_error(url: str) -> None:
    with pytest.raises(ConfigError, match="RACECARD_DB"):
        engine_for(url)


def test_default_url_comes_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from racecard.store.db import database_url

    monkeypatch.setenv("RACECARD_DB", "sqlite:////tmp/x.db")
    assert database_url() == "sqlite:////tmp/x.db"
    assert database_url("sqlite:///y.db") == "sqlite:///y.db"


def test_default_database_is_sqlite_in_the_user_data_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from racecard.store.db import database_url

    monkeypatch.delenv("RACECARD_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    url = database_url()
    assert url.startswith("sqlite:///") and url.endswith("racecard.db")
    assert str(tmp_path) in url


def test_analyst_merge_and_its_limits(store: Store) -> None:
    from racecard.store.entities import merge_entities

    _add(store, _code_only_reading(), _licence_reading())
    with store.begin() as conn:
        [m] = conn.execute(select(merges)).all()
        undo_merge(conn, m.id, by="ana")
        code = q.entity(conn, "drug", "IBI351").id
        named = q.entity(conn, "drug", "fulzerasib").id
        company = q.entity(conn, "company", "Nuvora Bio").id
        with pytest.raises(StoreError, match="kinds differ"):
            merge_entities(conn, code, company, by="ana", reason="wrong")
        with pytest.raises(NotFoundError):
            merge_entities(conn, code, 99_999, by="ana", reason="missing")
        again = merge_entities(conn, code, named, by="ana", reason="same molecule, per the company")
        assert q.entity(conn, "drug", "IBI351").name == "fulzerasib"
        with pytest.raises(StoreError, match="already one entity"):
            merge_entities(conn, code, named, by="ana", reason="twice")
        undo_merge(conn, again, by="ana")
        assert q.entity(conn, "drug", "IBI351").id == code
