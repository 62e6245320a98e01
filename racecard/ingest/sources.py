"""Choosing the adapter for an input: by file name, content type and a look at the content.

:func:`expand` turns the command line's paths and URLs into jobs (directories are walked,
``.meta.json`` sidecars are left to the file they describe), and :func:`process` runs the
right adapter on one job.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from racecard.errors import InputError
from racecard.ingest import ctgov, edgar, feed, html, text
from racecard.ingest.base import MAX_BYTES, Result, Skip, decode, read_bytes, read_meta
from racecard.ingest.fetch import is_url

__all__ = ["SUFFIXES", "Job", "expand", "process"]

SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".json"})


@dataclass(frozen=True, slots=True)
class Job:
    """One input: a file path, or fetched bytes with their URL and content type."""

    origin: str
    path: str | None = None
    data: bytes | None = None
    content_type: str = ""
    url: str | None = None
    fetched: datetime | None = None


def _annotation(path: Path) -> bool:
    """Whether a JSON file is the companion of an article beside it (``NNN.json`` by ``NNN.txt``)."""
    return path.suffix.lower() == ".json" and any(path.with_suffix(s).is_file() for s in (".txt", ".html", ".htm"))


def expand(sources: Iterable[str | Path]) -> Iterator[Job | Skip]:
    """Jobs for files, directories (recursively, sorted) and URLs; a missing path is a Skip.

    In a directory, ``NNN.meta.json`` sidecars and ``NNN.json`` companions of an article
    ``NNN.txt`` (the corpus's annotations) belong to that article and are not inputs.
    """
    for source in sources:
        name = str(source)
        if is_url(name):
            yield Job(origin=name, url=name)
            continue
        path = Path(source)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.endswith(".meta.json") or child.name.startswith(".") or _annotation(child):
                    continue
                if child.suffix.lower() in SUFFIXES:
                    yield Job(origin=str(child), path=str(child))
        elif path.is_file():
            yield Job(origin=name, path=name)
        else:
            yield Skip(name, "no such file or directory")


def _kind(head: str, suffix: str, content_type: str) -> str:
    stripped = head.lstrip()
    if suffix == ".json" or "json" in content_type or stripped[:1] in ("{", "["):
        return "json"
    if edgar.looks_like_filing(head):
        return "edgar"
    if feed.looks_like_feed(head) or any(t in content_type for t in ("rss", "atom")):
        return "feed"
    if (
        suffix in (".html", ".htm", ".xhtml")
        or "html" in content_type
        or stripped[:15].lower().startswith(("<!doctype html", "<html"))
    ):
        return "html"
    if suffix in (".xml", ".rss", ".atom") or stripped.startswith("<?xml"):
        return "feed"
    return "text"


def process(job: Job, *, limit: int = MAX_BYTES) -> Result:
    """Run the adapter that fits the job's content; every failure becomes a Skip."""
    try:
        data = job.data if job.data is not None else read_bytes(Path(job.path or job.origin), limit)
        suffix = Path(job.path).suffix.lower() if job.path else Path(job.url or "").suffix.lower()
        kind = _kind(data[:20000].decode("utf-8", errors="replace"), suffix, job.content_type.lower())
        # feeds declare their own encoding, which feedparser honours; everything else must decode
        raw = "" if kind == "feed" else decode(data, job.origin, html=True, limit=limit)
        if kind == "feed" and not data.strip():
            raise InputError("empty input", source=job.origin)
        meta = read_meta(Path(job.path)) if job.path and kind in ("text", "html") else {}
    except InputError as exc:
        return Result(skipped=[Skip(job.origin, exc.message)])
    if kind == "json":
        result = ctgov.process_str(raw, origin=job.origin)
    elif kind == "edgar":
        result = edgar.process_str(raw, origin=job.origin, url=job.url)
    elif kind == "feed":
        result = feed.process_str(data, origin=job.origin, url=job.url)
    elif kind == "html":
        result = html.process_str(raw, origin=job.origin, **{"url": job.url, **meta})
    else:
        result = text.process_str(raw, origin=job.origin, **{"url": job.url, **meta})
    if job.fetched is not None:
        result.documents = [replace(p, document=replace(p.document, fetched=job.fetched)) for p in result.documents]
    return result
