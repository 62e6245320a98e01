"""``racecard demo``: build a store from the demo corpus and show what Racecard answers.

The store is ``$RACECARD_DB`` when set, else ``demo.db`` in the user's data directory,
rebuilt from scratch on every run (never a file in the repository). The demo reads the
20 articles in ``racecard/demo/articles``, then shows the KRAS G12C race in China (now,
and as of mid-2023, before the domestic approvals) and the rocatinlimab dossier.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, func, select

from racecard.errors import InputError
from racecard.store import ENV, Store
from racecard.store.schema import documents, entities, events, mentions
from racecard.views.asset import Dossier, asset
from racecard.views.race import RaceBoard, race

__all__ = ["ARTICLES", "ArticleRead", "DemoRun", "articles_read", "demo", "demo_url"]

ARTICLES = Path(__file__).resolve().parent.parent / "demo" / "articles"
TARGET, MARKET, ASSET = "KRAS G12C", "China", "rocatinlimab"
BEFORE = dt.date(2023, 6, 30)


@dataclass(frozen=True, slots=True)
class ArticleRead:
    """What the reader found in one demo article: its entities by kind and its number of facts."""

    document_id: str
    published: dt.date | None
    title: str
    entities: dict[str, tuple[str, ...]]
    facts: int


@dataclass(frozen=True, slots=True)
class DemoRun:
    """What the demo built and the answers it shows."""

    url: str
    documents: int
    facts: int
    failed: tuple[str, ...]
    board: RaceBoard
    board_before: RaceBoard
    dossier: Dossier
    read: tuple[ArticleRead, ...] = ()


def articles_read(conn: Connection) -> tuple[ArticleRead, ...]:
    """Every stored document, oldest first, with the entities read in it and its number of facts."""
    found: dict[str, dict[str, list[str]]] = {}
    rows = conn.execute(
        select(mentions.c.document_id, mentions.c.kind, entities.c.name)
        .join(entities, entities.c.id == mentions.c.entity_id)
        .order_by(mentions.c.document_id, mentions.c.start)
    ).all()
    for doc, kind, name in rows:
        names = found.setdefault(doc, {}).setdefault(kind, [])
        if name not in names:
            names.append(name)
    grouped = conn.execute(select(events.c.document_id, func.count()).group_by(events.c.document_id)).all()
    counts: dict[str, int] = {str(doc): int(n) for doc, n in grouped}
    out = []
    listed = select(documents.c.id, documents.c.published, documents.c.title).order_by(
        documents.c.published, documents.c.id
    )
    for doc, published, title in conn.execute(listed).all():
        kinds = {k: tuple(v) for k, v in sorted(found.get(doc, {}).items())}
        out.append(ArticleRead(doc, published, title or "", kinds, counts.get(doc, 0)))
    return tuple(out)


def demo_url() -> tuple[str, Path | None]:
    """The demo database: ``$RACECARD_DB``, else a fresh ``demo.db`` in the user data directory."""
    env = os.environ.get(ENV, "").strip()
    if env:
        return env, None
    import platformdirs

    folder = Path(platformdirs.user_data_dir("racecard", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.db"
    return f"sqlite:///{path}", path


def demo(*, url: str | None = None, articles: Path = ARTICLES, workers: int = 1) -> DemoRun:
    """Read the demo corpus into a store and answer the demo's two questions from it."""
    from racecard.ingest.run import ingest

    if not articles.is_dir() or not any(articles.glob("*.txt")):
        raise InputError("the demo corpus is missing; reinstall Racecard", source=str(articles))
    fresh: Path | None = None
    if url is None:
        url, fresh = demo_url()
    if fresh is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{fresh}{suffix}").unlink(missing_ok=True)
    with Store(url) as store:
        summary = ingest([articles], store=store, workers=workers)
        with store.begin() as conn:
            n_docs = int(conn.execute(select(func.count()).select_from(documents)).scalar_one())
            n_facts = int(conn.execute(select(func.count()).select_from(events)).scalar_one())
            board = race(conn=conn, target=TARGET, market=MARKET)
            before = race(conn=conn, target=TARGET, market=MARKET, as_of=BEFORE)
            dossier = asset(conn=conn, name=ASSET)
            read = articles_read(conn)
    return DemoRun(url, n_docs, n_facts, tuple(f"{s.source}: {s.reason}" for s in summary.failed), board, before,
                   dossier, read)
