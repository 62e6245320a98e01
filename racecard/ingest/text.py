"""Plain-text articles: ``NNN.txt``, with metadata from a ``NNN.meta.json`` sidecar.

The text is stored exactly as read (only a UTF-8 byte-order mark is dropped), so every
offset into it stays valid.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from racecard.errors import InputError
from racecard.ingest.base import Parsed, Result, Skip, decode, read_bytes, read_meta
from racecard.model import Document

__all__ = ["process_file", "process_str"]

KIND = "text"


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return None


def process_str(
    text: str,
    *,
    origin: str,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
) -> Result:
    """One document from a text and its metadata."""
    if not text.strip():
        return Result(skipped=[Skip(origin, "empty text")])
    doc = Document(text=text, url=url, title=title or _first_line(text), published=published, source=source)
    return Result(documents=[Parsed(doc, KIND, origin)])


def process_file(path: Path) -> Result:
    """The document in a text file, with its sidecar's metadata."""
    try:
        text = decode(read_bytes(path), str(path))
        meta = read_meta(path)
    except InputError as exc:
        return Result(skipped=[Skip(str(path), exc.message if exc.source else str(exc))])
    return process_str(text, origin=str(path), **meta)
