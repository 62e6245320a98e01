"""RSS and Atom feeds (feedparser): one document per entry, headline then summary or content.

A feed that cannot be parsed at all is one failure; an entry without text is skipped
with its reason and the rest of the feed is still read.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from racecard.errors import InputError
from racecard.ingest.base import Parsed, Result, Skip, html_to_text, read_bytes
from racecard.model import Document

__all__ = ["looks_like_feed", "process_file", "process_str"]

KIND = "feed"


def looks_like_feed(head: str) -> bool:
    """Whether the start of a document is an RSS, Atom or RDF feed."""
    start = head[:2048].lower()
    return "<rss" in start or ("<feed" in start and "atom" in start) or "<rdf:rdf" in start


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_body(entry: Any) -> str:
    for content in entry.get("content") or ():
        value = content.get("value") if hasattr(content, "get") else None
        if value and value.strip():
            return html_to_text(value)
    return html_to_text(entry.get("summary") or entry.get("description") or "")


def process_str(data: str | bytes, *, origin: str, url: str | None = None) -> Result:
    """Every entry of a feed, as documents."""
    import feedparser

    parsed: Any = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = list(parsed.get("entries") or ())
    if not entries:
        why = parsed.get("bozo_exception")
        reason = f"malformed feed: {why}" if why else "no entries in the feed"
        return Result(skipped=[Skip(origin, reason)])
    feed_title = (parsed.get("feed") or {}).get("title") or None
    broken = f" (the feed is malformed: {parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
    result = Result()
    for n, entry in enumerate(entries, 1):
        item = f"{origin}#entry-{n}"
        try:
            title = " ".join((entry.get("title") or "").split()) or None
            body = _entry_body(entry)
            if not body and not title:
                result.skipped.append(Skip(item, "entry has neither title nor text" + broken))
                continue
            text = f"{title}\n\n{body}" if title and body and not body.startswith(title) else (body or title or "")
            text = text.replace("\x00", "")  # a character reference to NUL is not text any store can hold
            link = entry.get("link") or None
            doc = Document(text=text, url=link, title=title, published=_entry_date(entry), source=feed_title)
            result.documents.append(Parsed(doc, KIND, link or item))
        except (AttributeError, TypeError, ValueError) as exc:
            result.skipped.append(Skip(item, f"unreadable entry: {exc}"))
    return result


def process_file(path: Path) -> Result:
    """Every entry of a feed file."""
    try:
        data = read_bytes(path)
    except InputError as exc:
        return Result(skipped=[Skip(str(path), exc.message)])
    if not data.strip():
        return Result(skipped=[Skip(str(path), "empty input")])
    return process_str(data, origin=str(path))
