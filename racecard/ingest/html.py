"""Web pages: the main text and metadata (title, date, site, canonical URL) via trafilatura."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from racecard.errors import InputError
from racecard.ingest.base import Parsed, Result, Skip, decode, parse_date, read_bytes, read_meta
from racecard.model import Document

__all__ = ["process_file", "process_str"]

KIND = "html"


def process_str(
    html: str,
    *,
    origin: str,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
) -> Result:
    """The article in one HTML page; given metadata wins over what the page says."""
    import trafilatura

    try:
        found: Any = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura raises lxml and its own errors on broken markup
        return Result(skipped=[Skip(origin, f"cannot parse HTML: {exc}")])
    found = found.as_dict() if found is not None and hasattr(found, "as_dict") else found
    if not found or not (found.get("text") or "").strip():
        return Result(skipped=[Skip(origin, "no article text found in the HTML page")])
    doc = Document(
        text=found["text"],
        url=url or found.get("url"),
        title=title or found.get("title"),
        published=published or parse_date(found.get("date")),
        source=source or found.get("sitename") or found.get("hostname"),
    )
    return Result(documents=[Parsed(doc, KIND, origin)])


def process_file(path: Path) -> Result:
    """The article in an HTML file, with its sidecar's metadata."""
    try:
        html = decode(read_bytes(path), str(path), html=True)
        meta = read_meta(path)
    except InputError as exc:
        return Result(skipped=[Skip(str(path), exc.message)])
    return process_str(html, origin=str(path), **meta)
