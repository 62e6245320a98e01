"""``racecard reread``: read stored documents again with the current extractor.

Machine facts of each document are replaced (in a transaction per batch); events an
analyst has reviewed are kept as they are. Structured records (CT.gov) are not re-read.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from racecard.errors import LexiconError, RacecardError
from racecard.ingest.base import Skip
from racecard.ingest.run import Progress, Reader, default_reader, extractor_version
from racecard.model import Document, Reading
from racecard.store import Store
from racecard.store import read as q

__all__ = ["RereadSummary", "reread"]


@dataclass(slots=True)
class RereadSummary:
    reread: int = 0
    failed: list[Skip] = field(default_factory=list)
    elapsed: float = 0.0


_READER: Reader | None = None


def _init(reader: Reader) -> None:
    global _READER
    _READER = reader


def _read(doc: Document) -> Reading | Skip:
    assert _READER is not None
    try:
        reading = _READER(doc)
    except LexiconError:
        raise
    except RacecardError as exc:
        return Skip(doc.id, f"cannot read: {exc.message}")
    except Exception as exc:  # a bug in reading must not stop the batch
        return Skip(doc.id, f"reading failed: {exc!r}")
    if reading.document.text != doc.text:
        return Skip(doc.id, "the reader changed the text, so its offsets would not fit the stored text")
    return reading


def _chunks(ids: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def reread(
    *,
    store: Store,
    everything: bool = False,
    workers: int = 1,
    batch_size: int = 100,
    reader: Reader | None = None,
    progress: Progress | None = None,
) -> RereadSummary:
    """Re-read documents read by another extractor (or ``everything``), keeping reviews."""
    started = time.perf_counter()
    summary = RereadSummary()
    read_fn = reader or default_reader
    version = extractor_version()
    with store.engine.connect() as conn:
        ids = list(q.documents_to_reread(conn, version, everything=everything))
    if ids:
        read_fn(Document(text="Warm-up."))
    pool = multiprocessing.get_context("fork").Pool(workers, _init, (read_fn,)) if workers > 1 else None
    try:
        _init(read_fn)
        done = 0
        for chunk in _chunks(ids, batch_size):
            with store.engine.connect() as conn:
                docs = [q.document(conn, i).document for i in chunk]
            readings = pool.map(_read, docs) if pool is not None else [_read(d) for d in docs]
            with store.begin() as conn:
                for doc, reading in zip(docs, readings, strict=True):
                    if isinstance(reading, Skip):
                        summary.failed.append(reading)
                        continue
                    store.writer.replace_reading(conn, doc, reading, version)
                    summary.reread += 1
            done += len(chunk)
            if progress is not None:
                progress(done, len(ids))
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    summary.elapsed = time.perf_counter() - started
    return summary
