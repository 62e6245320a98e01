"""``racecard ingest``: read sources into the store, in parallel, in crash-safe batches.

Inputs go in chunks through two steps in worker processes: parse (adapter → Document),
then — for documents the parent has not seen stored or earlier in the run, by content
hash — read and sign (Reading, MinHash); the parent writes one chunk while the
workers read the next. The parent alone writes, a batch per transaction, so a kill
mid-run loses at most the batch in flight, and re-running the same command skips what
is stored without reading it again and completes the rest.

A document whose text is already stored, or which is a near-copy (estimated Jaccard
≥ :data:`DUPLICATE`) of a stored one, is not stored again (the copy is recorded in
``document_copies``); one at ≥ :data:`RELATED` joins that document's cluster. Only
news (text, HTML, feed items) is dropped as a near-copy: filings are distinct by
accession even when a quarter's 10-Q repeats the last, so they only join clusters, and
registry records (one per study, known by URL) take no part in near-duplicate search.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
from sqlalchemy import Connection

from racecard.errors import LexiconError, RacecardError, StoreError
from racecard.ingest import ctgov, sources
from racecard.ingest.base import MAX_BYTES, Parsed, Result, Skip
from racecard.ingest.fetch import fetch
from racecard.ingest.minhash import signature, similarity
from racecard.model import Document, Reading
from racecard.store import DocumentRecord, Store
from racecard.store import read as q

__all__ = ["DUPLICATE", "RELATED", "Reader", "Summary", "default_reader", "extractor_version", "ingest"]

DUPLICATE = 0.8  # estimated Jaccard at or above which a text is a copy of a stored one
RELATED = 0.5  # … at or above which it joins the stored one's cluster
NEWS = frozenset({"text", "html", "feed"})  # kinds dropped as near-copies; others only cluster
Reader = Callable[[Document], Reading]
STRUCTURED = {"ctgov": ctgov.EXTRACTOR}  # sources read without NLP, and their extractor names
Progress = Callable[[int, int], None]
MAX_PAGES = 100  # pages of one CT.gov search followed per URL
T = TypeVar("T")


def default_reader(doc: Document) -> Reading:
    """Read a document with Racecard's pipeline (``racecard.read``)."""
    import racecard

    return racecard.read(doc.text, published=doc.published, url=doc.url, title=doc.title, source=doc.source, id=doc.id)


def extractor_version() -> str:
    """The version stamped on machine facts: the pipeline's, else the package's."""
    try:
        from racecard.extract.pipeline import EXTRACTOR
    except ImportError:
        import racecard

        return f"racecard-{racecard.__version__}"
    return str(EXTRACTOR)


@dataclass(slots=True)
class Summary:
    """What a run did: documents read and stored, duplicates skipped, failures with reasons."""

    read: int = 0
    duplicates: int = 0
    failed: list[Skip] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)
    elapsed: float = 0.0


@dataclass(frozen=True, slots=True)
class _Ready:
    parsed: Parsed
    reading: Reading | None
    extractor: str | None
    signature: bytes
    bands: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Context:
    reader: Reader | None  # None: store documents unread, for `racecard reread` to read later
    extractor: str
    limit: int


_CTX: _Context | None = None


def _init(ctx: _Context) -> None:
    global _CTX
    _CTX = ctx


def _parse(job: sources.Job | Skip) -> Result:
    """The documents in one input (in a worker process)."""
    if isinstance(job, Skip):
        return Result(skipped=[job])
    assert _CTX is not None
    return sources.process(job, limit=_CTX.limit)


def _read(parsed: Parsed) -> _Ready | Skip:
    """Read one new document and sign it for near-duplicate search (in a worker process)."""
    assert _CTX is not None
    reading: Reading | None = parsed.reading
    extractor: str | None = _CTX.extractor
    if reading is not None:
        extractor = STRUCTURED.get(parsed.kind, parsed.kind)
    elif _CTX.reader is None:
        extractor = None
    else:
        try:
            reading = _CTX.reader(parsed.document)
        except LexiconError:
            raise
        except RacecardError as exc:
            return Skip(parsed.origin, f"cannot read: {exc.message}")
        except Exception as exc:  # a bug in reading must not stop the batch
            return Skip(parsed.origin, f"reading failed: {exc!r}")
        if reading.document.text != parsed.document.text:
            return Skip(parsed.origin, "the reader changed the text, so its offsets would not fit the stored text")
    if parsed.kind in STRUCTURED:
        return _Ready(parsed, reading, extractor, b"", ())
    sig, bands = signature(parsed.document.text)
    return _Ready(parsed, reading, extractor, sig, bands)


class _Seen:
    """Exact duplicates: stored when the run began (hash prefixes, CT.gov URLs) or seen in it."""

    def __init__(self, store: Store) -> None:
        with store.engine.connect() as conn:
            self.keys, self.urls = q.stored_keys(conn, kinds=tuple(STRUCTURED))

    def duplicate(self, parsed: Parsed) -> bool:
        key = q.hash_key(parsed.document.hash)
        url = parsed.document.url if parsed.kind in STRUCTURED else None
        if key in self.keys or (url is not None and url in self.urls):
            return True
        self.keys.add(key)
        if url is not None:
            self.urls.add(url)
        return False


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _jobs(
    items: Iterable[sources.Job | Skip], transport: httpx.BaseTransport | None, limit: int
) -> Iterator[sources.Job | Skip]:
    """The inputs with URLs fetched; a CT.gov search is followed page by page (``nextPageToken``)."""
    for item in items:
        if not (isinstance(item, sources.Job) and item.url and item.data is None):
            yield item
            continue
        url: str | None = item.url
        pages = 0
        while url is not None and pages < MAX_PAGES:
            pages += 1
            try:
                got = fetch(url, transport=transport, limit=limit)
            except RacecardError as exc:
                yield Skip(url, exc.message)
                break
            yield sources.Job(url, data=got.data, content_type=got.content_type, url=got.url, fetched=got.fetched)
            url = ctgov.next_page(url, got.data)


class _Batch:
    """Documents waiting to be written; duplicates are decided when the batch is written.

    Near-duplicates are looked up for the whole batch in one query (stored documents,
    including earlier batches of this run) plus an index of the batch itself.
    """

    def __init__(self, store: Store, summary: Summary, size: int) -> None:
        self.store, self.summary, self.size = store, summary, size
        self.waiting: list[_Ready] = []

    def offer(self, item: _Ready) -> None:
        self.waiting.append(item)
        if len(self.waiting) >= self.size:
            self.flush()

    def flush(self) -> None:
        if not self.waiting:
            return
        records, copies = self._decide()
        try:
            with self.store.begin() as conn:
                self._write(conn, records, copies)
        except StoreError:
            self._one_by_one(records, copies)  # find the document the database refuses; keep the rest
        else:
            self._count(records, copies)
        self.waiting = []

    def _decide(self) -> tuple[list[DocumentRecord], list[tuple[str, Document, str, float]]]:
        """Which waiting documents are new (with their cluster) and which are near-copies."""
        records: list[DocumentRecord] = []
        copies: list[tuple[str, Document, str, float]] = []
        with self.store.engine.connect() as conn:
            stored = q.band_index(conn, [item.bands for item in self.waiting])
        fresh: dict[tuple[int, int], list[tuple[str, str, bytes]]] = {}
        for item in self.waiting:
            doc, parsed = item.parsed.document, item.parsed
            best = _best(item, stored, fresh)
            if best is not None and best[0] >= DUPLICATE and parsed.kind in NEWS:
                copies.append((best[1], doc, parsed.origin, best[0]))
                continue
            cluster = best[2] if best is not None and best[0] >= RELATED else doc.id
            for i, b in enumerate(item.bands):
                fresh.setdefault((i, b), []).append((doc.id, cluster, item.signature))
            records.append(
                DocumentRecord(
                    doc,
                    parsed.kind,
                    parsed.origin,
                    parsed.sections,
                    item.reading,
                    item.extractor,
                    item.signature,
                    item.bands,
                    cluster,
                )
            )
        return records, copies

    def _write(
        self, conn: Connection, records: list[DocumentRecord], copies: list[tuple[str, Document, str, float]]
    ) -> None:
        self.store.writer.add(conn, records)
        for original, doc, origin, sim in copies:
            self.store.writer.add_copy(conn, original, doc, origin, sim)

    def _one_by_one(self, records: list[DocumentRecord], copies: list[tuple[str, Document, str, float]]) -> None:
        stored: set[str] = set()
        for record in records:
            try:
                with self.store.begin() as conn:
                    self._write(conn, [record], [])
            except StoreError as exc:
                self.summary.failed.append(Skip(record.origin or record.document.id, f"cannot store: {exc}"))
            else:
                stored.add(record.document.id)
                self._count([record], [])
        kept = [c for c in copies if c[0] in stored or c[0] not in {r.document.id for r in records}]
        with self.store.begin() as conn:
            self._write(conn, [], kept)
        self._count([], kept)

    def _count(self, records: list[DocumentRecord], copies: list[tuple[str, Document, str, float]]) -> None:
        self.summary.duplicates += len(copies)
        self.summary.read += len(records)
        self.summary.stored.extend(r.document.id for r in records)


def _best(item: _Ready, *indexes: dict[tuple[int, int], list[tuple[str, str, bytes]]]) -> tuple[float, str, str] | None:
    """The most similar earlier document sharing a band: (similarity, id, cluster)."""
    best: tuple[float, str, str] | None = None
    seen: set[str] = set()
    for index in indexes:
        for i, b in enumerate(item.bands):
            for cand_id, cluster, sig in index.get((i, b), ()):
                if cand_id in seen:
                    continue
                seen.add(cand_id)
                sim = similarity(item.signature, sig)
                if best is None or sim > best[0]:
                    best = (sim, cand_id, cluster)
    return best


def ingest(
    paths: Sequence[str | Path],
    *,
    store: Store,
    workers: int = 1,
    batch_size: int = 200,
    reader: Reader | None = None,
    read: bool = True,
    transport: httpx.BaseTransport | None = None,
    progress: Progress | None = None,
    limit: int = MAX_BYTES,
) -> Summary:
    """Read files, directories and URLs into the store; see the module docstring.

    With ``read=False`` documents are stored unread (structured records still get their
    facts); ``racecard reread`` reads them later.
    """
    started = time.perf_counter()
    summary = Summary()
    read_fn = (reader or default_reader) if read else None
    ctx = _Context(read_fn, extractor_version(), limit)
    seen = _Seen(store)
    items = list(sources.expand(paths))
    total = len(items)
    _init(ctx)
    pool: Any = None  # started with the first documents to read, after the reader is warm
    warm = False

    def mapped(fn: Callable[[Any], Any], inputs: list[Any]) -> list[Any]:
        if pool is None:
            return [fn(x) for x in inputs]
        return list(pool.map(fn, inputs, chunksize=max(1, len(inputs) // (workers * 4))))

    try:
        batch = _Batch(store, summary, batch_size)

        def absorb(readies: list[_Ready | Skip]) -> None:
            for ready in readies:
                if isinstance(ready, Skip):
                    summary.failed.append(ready)
                else:
                    batch.offer(ready)

        pending: Any = None  # the previous chunk's reading, written while workers read this one
        done = 0
        for chunk in _chunks(_jobs(items, transport, limit), max(64, 32 * workers)):
            new: list[Parsed] = []
            for result in mapped(_parse, chunk):
                for skip in result.skipped:
                    (summary.failed if skip.failed else summary.skipped).append(skip)
                for parsed in result.documents:
                    if seen.duplicate(parsed):
                        summary.duplicates += 1
                    else:
                        new.append(parsed)
            if new and not warm:
                warm = True
                if read_fn is not None:  # load the lexicon once, before forking, so workers share it
                    read_fn(Document(text="Warm-up."))
                if workers > 1:
                    pool = multiprocessing.get_context("fork").Pool(workers, _init, (ctx,))
            if pool is None:
                absorb([_read(p) for p in new])
            else:
                submitted = pool.map_async(_read, new, chunksize=max(1, len(new) // (workers * 4)))
                if pending is not None:
                    absorb(pending.get())
                pending = submitted
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        if pending is not None:
            absorb(pending.get())
        batch.flush()
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    summary.elapsed = time.perf_counter() - started
    return summary
