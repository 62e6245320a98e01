"""Ingesting into the store: once per document, duplicates and copies, bad items, URLs, workers, reread."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest
from ingest_fake_reader import fake_read
from sqlalchemy import func, select

from racecard.ingest.reread import reread
from racecard.ingest.run import ingest
from racecard.model import Document
from racecard.store import Store
from racecard.store import read as q
from racecard.store.reviews import review
from racecard.store.schema import document_copies, documents, entities, events, evidence, mentions

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus" / "dev"
SAMPLES = Path(__file__).parents[2].parent / "shared" / "data" / "ctgov-samples"
GOOD = ["articles", "feed.xml", "atom.xml", "edgar_8k.txt", "edgar_10q.htm", "ctgov_study.json"]


def _count(store: Store, table: object, *where: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())  # type: ignore[arg-type]


def _facts(store: Store) -> list[tuple[str, str, str]]:
    with store.engine.connect() as conn:
        return sorted(conn.execute(select(events.c.document_id, events.c.key, events.c.type)).tuples())


def test_every_format_ingested_twice_is_stored_once(any_store: Store) -> None:
    store = any_store
    paths = [DATA / name for name in GOOD]
    first = ingest(paths, store=store, reader=fake_read)
    assert [s.source.rsplit("#", 1)[1] for s in first.failed] == ["entry-3"]  # the empty RSS item
    assert first.duplicates == 0
    # 3 articles + 2 RSS entries + 1 Atom entry + 2 filings + 1 study
    assert first.read == 9
    kinds = {r[0]: r[1] for r in _rows(store, documents.c.kind, func.count())}
    assert kinds == {"text": 2, "html": 1, "feed": 3, "edgar": 2, "ctgov": 1}
    facts = _facts(store)
    assert facts and _count(store, mentions) > 0
    second = ingest(paths, store=store, reader=fake_read)
    assert (second.read, second.duplicates, len(second.failed)) == (0, 9, 1)
    assert _count(store, documents) == 9 and _facts(store) == facts


def _rows(store: Store, *cols: object) -> list[tuple[object, ...]]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(*cols).group_by(cols[0])).tuples())  # type: ignore[call-overload]


def test_stored_text_keeps_evidence_offsets_valid(store: Store) -> None:
    ingest([DATA / "articles", DATA / "edgar_8k.txt", DATA / "ctgov_study.json"], store=store, reader=fake_read)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(evidence.c.start, evidence.c.end, evidence.c.quote, documents.c.text).join(documents)
        )
        checked = 0
        for start, end, quote, text in rows:
            assert text[start:end] == quote
            checked += 1
        assert checked >= 3
        for start, end, text, body in conn.execute(
            select(mentions.c.start, mentions.c.end, mentions.c.text, documents.c.text).join(documents)
        ):
            assert body[start:end] == text


def test_syndicated_copy_is_one_document_and_recorded_as_a_copy(store: Store, tmp_path: Path) -> None:
    original = (DATA / "articles" / "001.txt").read_text()
    (tmp_path / "a.txt").write_text(original)
    (tmp_path / "b.txt").write_text(
        "WIRE SERVICE | Markets\n" + original.replace("Share this article", "") + "\nTags: KRAS\n"
    )
    (tmp_path / "c.txt").write_text((DATA / "articles" / "002.txt").read_text())
    summary = ingest([tmp_path], store=store, reader=fake_read)
    assert (summary.read, summary.duplicates) == (2, 1)
    with store.engine.connect() as conn:
        [copy] = conn.execute(select(document_copies)).all()
        assert copy.origin.endswith("b.txt") and copy.similarity >= 0.8
    again = ingest([tmp_path], store=store, reader=fake_read)
    assert (again.read, again.duplicates) == (0, 3)
    assert _count(store, document_copies) == 1


def test_related_story_joins_the_cluster(store: Store, tmp_path: Path) -> None:
    base = (DATA / "articles" / "002.txt").read_text()
    (tmp_path / "a.txt").write_text(base)
    extra = " The company also named a new chief medical officer, who joins from a large drugmaker in Basel."
    (tmp_path / "b.txt").write_text(base.replace("2026.", "2026." + extra * 2) + "\nUpdated on 4 May with the officer.")
    ingest([tmp_path / "a.txt"], store=store, reader=fake_read)
    ingest([tmp_path / "b.txt"], store=store, reader=fake_read)
    with store.engine.connect() as conn:
        rows = conn.execute(select(documents.c.id, documents.c.cluster).order_by(documents.c.stored)).all()
    assert len(rows) == 2 and rows[1].cluster == rows[0].id


def test_bad_items_fail_alone_and_the_batch_goes_on(any_store: Store) -> None:
    store = any_store
    bad = ["empty.txt", "binary.txt", "bad_utf8.txt", "feed_broken.xml", "edgar_broken.txt", "ctgov_truncated.json"]
    paths = [DATA / n for n in bad] + [DATA / "ctgov_search_bad.json", DATA / "edgar_s1.txt", DATA / "articles"]
    summary = ingest([*paths, DATA / "no-such-file.txt"], store=store, reader=fake_read)
    failed = {Path(s.source.split("#")[0]).name for s in summary.failed}
    assert failed == {*bad, "ctgov_search_bad.json", "no-such-file.txt"}
    assert all(s.reason for s in summary.failed)
    assert [Path(s.source).name for s in summary.skipped] == ["edgar_s1.txt"]
    assert summary.read == 4  # three articles and the good study of the search page


def test_reader_errors_fail_the_document_only(store: Store, tmp_path: Path) -> None:
    from racecard.errors import InputError

    def picky(doc: Document) -> object:
        if "Halden" in doc.text:
            raise InputError("cannot parse this one", source=doc.id)
        return fake_read(doc)

    summary = ingest([DATA / "articles"], store=store, reader=picky)  # type: ignore[arg-type]
    assert summary.read == 2 and len(summary.failed) == 1 and "cannot parse this one" in summary.failed[0].reason


def test_urls_are_fetched_through_the_transport(store: Store) -> None:
    pages = {
        "https://wire.example.net/feed": ("application/rss+xml", (DATA / "feed.xml").read_bytes()),
        "https://daily.example.com/story": ("text/html; charset=utf-8", (DATA / "articles" / "003.html").read_bytes()),
        "https://clinicaltrials.gov/api/v2/studies/NCT09990001": (
            "application/json",
            (DATA / "ctgov_study.json").read_bytes(),
        ),
    }

    def handler(request: httpx.Request) -> httpx.Response:
        if str(request.url) in pages:
            kind, body = pages[str(request.url)]
            return httpx.Response(200, content=body, headers={"content-type": kind})
        return httpx.Response(404)

    summary = ingest(
        [*pages, "https://daily.example.com/gone"],
        store=store,
        reader=fake_read,
        transport=httpx.MockTransport(handler),
    )
    assert summary.read == 4
    [failure] = [f for f in summary.failed if "#" not in f.source]  # not the feed's empty item
    assert failure.source == "https://daily.example.com/gone" and "404" in failure.reason
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).where(documents.c.fetched.is_not(None))).scalar_one() == 4


def test_two_workers_store_the_same_as_one(store: Store, tmp_path: Path) -> None:
    paths = [DATA / name for name in GOOD]
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    one = ingest(paths, store=store, reader=fake_read)
    two = ingest(paths, store=other, reader=fake_read, workers=2, batch_size=2)
    assert (one.read, len(one.failed)) == (two.read, len(two.failed)) == (9, 1)
    assert sorted(one.stored) == sorted(two.stored)
    assert _facts(store) == _facts(other)
    other.close()


def test_alias_from_one_article_grounds_the_code_in_another(store: Store, tmp_path: Path) -> None:
    (tmp_path / "later.txt").write_text("IBI351 (fulzerasib) showed a 49% response rate in a Phase 2 study.")
    ingest([DATA / "articles" / "001.txt", tmp_path / "later.txt"], store=store, reader=fake_read)
    with store.engine.connect() as conn:
        assert q.entity(conn, "drug", "ibi351").name == "fulzerasib"
        ids = set(conn.execute(select(mentions.c.entity_id).where(mentions.c.text == "IBI351")).scalars())
        assert len(ids) == 1
        assert (
            conn.execute(select(func.count()).select_from(entities).where(entities.c.kind == "drug")).scalar_one() >= 1
        )


def test_reread_replaces_machine_facts_and_keeps_reviews(store: Store) -> None:
    ingest([DATA / "articles"], store=store, reader=fake_read)
    with store.begin() as conn:
        [reviewed] = conn.execute(select(events.c.id, events.c.document_id)).all()
        review(conn, reviewed.id, "confirm", by="ana")
    before = _facts(store)
    summary = reread(store=store, everything=True, reader=fake_read)
    assert summary.reread == 3 and summary.failed == []
    assert _facts(store) == before
    with store.engine.connect() as conn:
        assert conn.execute(select(events.c.id)).scalar_one() == reviewed.id

    def nothing(doc: Document) -> object:
        from racecard.model import Reading

        return Reading(doc)

    reread(store=store, everything=True, reader=nothing, workers=1)  # type: ignore[arg-type]
    assert _facts(store) == before  # the reviewed fact stays; there were no others
    assert _count(store, mentions) == 0


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/dev is not beside the repository")
def test_dev_corpus_twice_is_stored_once(store: Store, tmp_path: Path) -> None:
    first = ingest([CORPUS], store=store, reader=fake_read, workers=2)
    texts = {p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    assert first.failed == [] and first.read + first.duplicates == len(list(CORPUS.glob("*.txt")))
    assert first.read == len(texts) - first.duplicates + (len(list(CORPUS.glob("*.txt"))) - len(texts))
    copy = tmp_path / "copy"
    shutil.copytree(CORPUS, copy)
    second = ingest([CORPUS, copy], store=store, reader=fake_read, workers=2)
    assert second.read == 0 and second.failed == []
    assert _count(store, documents) == first.read


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/data/ctgov-samples is not beside the repository")
def test_shared_ctgov_samples_ingest_into_trials(store: Store) -> None:
    summary = ingest([SAMPLES], store=store, reader=fake_read)
    assert summary.failed == []
    with store.engine.connect() as conn:
        trials = conn.execute(select(entities.c.name, entities.c.attributes).where(entities.c.kind == "trial")).all()
    assert len(trials) == summary.read == 6  # the studies repeated across files are stored once
    assert all(t.attributes["sponsor"] for t in trials) and all("phase" in t.attributes for t in trials)
    assert {t.attributes["phase"] for t in trials} >= {"1", "3"}
    assert any(t.attributes["countries"] == ["United States"] for t in trials)


def test_cli_ingest_without_reading_then_reread(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from racecard.cli import app

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    args = ["ingest", str(DATA / "articles"), str(DATA / "ctgov_study.json"), str(DATA / "empty.txt"), "--db", url]
    first = runner.invoke(app, [*args, "--no-read"])
    assert first.exit_code == 2  # one input failed
    assert "read 4, skipped as duplicate 0, failed 1" in first.output
    assert "empty.txt: empty input" in first.output
    again = runner.invoke(app, [*args, "--no-read", "--workers", "2"])
    assert "read 0, skipped as duplicate 4, failed 1" in again.output
    store = Store(url)
    try:
        with store.engine.connect() as conn:
            unread = conn.execute(select(documents.c.id).where(documents.c.extractor.is_(None))).scalars().all()
            assert len(unread) == 3  # the CT.gov record came with its facts
        assert _facts(store) != []  # the study's trial_start events
        summary = reread(store=store, reader=fake_read)
        assert summary.reread == 3 and summary.failed == []  # the structured record is not re-read
        assert {t for _, _, t in _facts(store)} == {"license", "trial_start"}
        assert reread(store=store, reader=fake_read).reread == 0  # nothing older than the current extractor
    finally:
        store.close()


def test_a_filing_like_the_last_one_is_still_stored(store: Store, tmp_path: Path) -> None:
    first = (DATA / "edgar_8k.txt").read_text()
    second = first.replace("0001999999-25-000123", "0001999999-25-000200").replace("20250304", "20250611")
    (tmp_path / "q1.txt").write_text(first)
    (tmp_path / "q2.txt").write_text(second)
    summary = ingest([tmp_path], store=store, reader=fake_read)
    assert (summary.read, summary.duplicates) == (2, 0)
    with store.engine.connect() as conn:
        clusters = conn.execute(select(documents.c.id, documents.c.cluster).order_by(documents.c.stored)).all()
    assert clusters[1].cluster == clusters[0].id  # near-identical filings: one cluster, two documents


def test_a_document_the_database_refuses_fails_alone(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from racecard.errors import StoreError

    for n, text in enumerate(["Nuvora Bio news.", "POISON for the database.", "Calder Pharma news."]):
        (tmp_path / f"{n}.txt").write_text(text)
    real_add = store.writer.add

    def picky_add(conn: object, records: list) -> None:  # type: ignore[type-arg]
        if any("POISON" in r.document.text for r in records):
            raise StoreError("value refused by the database")
        real_add(conn, records)  # type: ignore[arg-type]

    monkeypatch.setattr(store.writer, "add", picky_add)
    summary = ingest([tmp_path], store=store, reader=fake_read)
    assert summary.read == 2
    [failure] = summary.failed
    assert failure.source.endswith("1.txt") and "cannot store" in failure.reason
    assert _count(store, documents) == 2


def test_nul_anywhere_is_binary(store: Store, tmp_path: Path) -> None:
    (tmp_path / "late-nul.txt").write_bytes(b"word " * 3000 + b"\x00 tail")
    summary = ingest([tmp_path], store=store, reader=fake_read)
    [failure] = summary.failed
    assert "NUL byte at 15000" in failure.reason and summary.read == 0


def test_ctgov_search_is_followed_page_by_page(store: Store) -> None:
    import json

    study = json.loads((DATA / "ctgov_study.json").read_text())
    other = json.loads((DATA / "ctgov_search_bad.json").read_text())["studies"][0]
    pages = {
        None: {"studies": [study], "nextPageToken": "p2"},
        "p2": {"studies": [other], "nextPageToken": "p3"},
        "p3": {"studies": []},
    }
    asked: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        token = request.url.params.get("pageToken")
        asked.append(token)
        assert request.url.params["query.cond"] == "atopic dermatitis"
        return httpx.Response(200, json=pages[token])

    url = "https://clinicaltrials.gov/api/v2/studies?query.cond=atopic+dermatitis"
    summary = ingest([url], store=store, reader=fake_read, transport=httpx.MockTransport(handler))
    assert asked == [None, "p2", "p3"]
    assert summary.read == 2
    assert [s.reason for s in summary.skipped] == ["no studies in the search page"]
