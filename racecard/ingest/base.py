"""What every source adapter returns, and the checks every input goes through.

Each adapter module (``text``, ``html``, ``feed``, ``edgar``, ``ctgov``) has the same
shape: ``process_str(...)`` and ``process_file(path)`` return a :class:`Result` with the
documents it found and the items it skipped, each with the reason. Bad input in one
item never raises out of an adapter: it becomes a :class:`Skip` naming the item.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from racecard.errors import InputError
from racecard.model import Document, Reading

__all__ = [
    "MAX_BYTES",
    "Parsed",
    "Result",
    "Skip",
    "decode",
    "html_to_text",
    "parse_date",
    "read_bytes",
    "read_meta",
]

MAX_BYTES = 20 * 1024 * 1024  # a larger file is not an article, filing or study record
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Skip:
    """An item not stored, and why; ``failed`` is False for items skipped on purpose."""

    source: str
    reason: str
    failed: bool = True


@dataclass(frozen=True, slots=True)
class Parsed:
    """A document found in a source, with its kind, where it came from and its sections.

    Structured sources (CT.gov) bring their own ``reading``; others are read later.
    """

    document: Document
    kind: str
    origin: str
    sections: tuple[tuple[str, int, int], ...] = ()
    reading: Reading | None = None


@dataclass(slots=True)
class Result:
    """What an adapter found in one input."""

    documents: list[Parsed] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)

    def extend(self, other: Result) -> None:
        self.documents.extend(other.documents)
        self.skipped.extend(other.skipped)


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A file's bytes, refusing what is not a readable, non-empty, not huge file."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"file is too large ({size:,} bytes; the limit is {limit:,})", source=str(path))
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source=str(path)) from exc


def decode(data: bytes, source: str, *, html: bool = False, limit: int = MAX_BYTES) -> str:
    """Bytes as text: UTF-8 (or, for HTML, its declared charset); binary and empty input refused."""
    if len(data) > limit:
        raise InputError(f"input is too large ({len(data):,} bytes; the limit is {limit:,})", source=source)
    if not data.strip():
        raise InputError("empty input", source=source)
    nul = data.find(b"\x00")
    if nul >= 0:  # binary, or text no database should hold (PostgreSQL refuses NUL in text)
        raise InputError(f"binary data, not text (NUL byte at {nul})", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = _CHARSET.search(data[:4096]) if html else None
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise InputError(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})", source=source
        ) from exc


def parse_date(value: Any) -> date | None:
    """A date from an ISO string, a datetime, or None; anything unparseable is None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    match = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
        except ValueError:
            return None
    return None


def read_meta(path: Path) -> dict[str, Any]:
    """The ``NNN.meta.json`` sidecar beside ``NNN.txt`` / ``NNN.html``: url, title, published, source."""
    sidecar = path.with_name(path.name.split(".", 1)[0] + ".meta.json")
    if not sidecar.is_file():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"malformed metadata sidecar: {exc}", source=str(sidecar)) from exc
    if not isinstance(meta, dict):
        raise InputError("metadata sidecar is not a JSON object", source=str(sidecar))
    out: dict[str, Any] = {k: meta.get(k) for k in ("url", "title", "source") if isinstance(meta.get(k), str)}
    if meta.get("published"):
        published = parse_date(meta["published"])
        if published is None:
            raise InputError(f"published {meta['published']!r} is not an ISO date", source=str(sidecar))
        out["published"] = published
    return out


_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li "
    "main nav ol p pre section table tbody thead tfoot tr ul".split()
)


def html_to_text(fragment: str) -> str:
    """The visible text of an HTML fragment, a line per block, runs of blank lines collapsed."""
    import lxml.html
    from lxml import etree

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fromstring(fragment)
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    hidden = "//script|//style|//noscript|//head|//*[contains(translate(@style,' ',''),'display:none')]"
    for bad in root.xpath(hidden):
        if bad.getparent() is not None:
            bad.drop_tree()
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag.lower() in _BLOCKS
        if block:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag.lower() in ("td", "th"):
            parts.append(" ")
        if block:
            parts.append("\n")

    walk(root)
    text = "".join(parts).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
