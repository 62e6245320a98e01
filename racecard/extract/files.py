"""`racecard extract`: read files from disk and render what was read.

Each file is read on its own: a binary, empty, badly encoded or oversized file gives
one error naming the file and the problem, and the other files are still read.
A sidecar ``NNN.meta.json`` beside ``NNN.txt`` gives the document's metadata.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from racecard.errors import InputError, RacecardError
from racecard.extract.pipeline import document_of, run
from racecard.model import EntityKind, Event, Reading

__all__ = ["MAX_BYTES", "FileResult", "extract_files", "read_text_file", "reading_json", "render"]

MAX_BYTES = 16 * 1024 * 1024
OUTPUT_KINDS = (EntityKind.DRUG, EntityKind.COMPANY, EntityKind.TARGET, EntityKind.INDICATION, EntityKind.TRIAL)
META_KEYS = ("url", "title", "published", "source")


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one input file gave: a reading, or the error that stopped it."""

    path: Path
    reading: Reading | None = None
    error: RacecardError | None = None


def read_text_file(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """A file's text, or an InputError saying exactly what is wrong with it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", source=str(path)) from exc
    if path.is_dir():
        raise InputError("is a directory, not a file", source=str(path))
    if size == 0:
        raise InputError("file is empty", source=str(path))
    if size > max_bytes:
        raise InputError(
            f"file is too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)", source=str(path)
        )
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise InputError("binary file (contains NUL bytes), not text", source=str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); convert it to UTF-8",
            source=str(path),
        ) from exc
    if not text.strip():
        raise InputError("file has no text (only white space)", source=str(path))
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 0.05 * min(len(text), 8192):
        raise InputError("binary file (mostly control characters), not text", source=str(path))
    return text


def _meta(path: Path) -> dict[str, Any]:
    side = path.with_name(path.name.split(".")[0] + ".meta.json")
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"metadata is not valid JSON: {exc}", source=str(side)) from exc
    if not isinstance(data, dict):
        raise InputError("metadata must be a JSON object", source=str(side))
    return {k: data[k] for k in META_KEYS if data.get(k) not in (None, "")}


def extract_files(paths: Iterable[Path]) -> Iterator[FileResult]:
    """Read each file; yield its reading or its error, never stopping the batch."""
    for path in paths:
        try:
            text = read_text_file(path)
            meta = _meta(path)
            try:
                doc = document_of(text, id=path.name.split(".")[0], **meta)
            except InputError as exc:
                raise InputError(exc.message, source=str(path)) from exc
            yield FileResult(path, reading=run(doc))
        except RacecardError as exc:
            yield FileResult(path, error=exc if exc.source else InputError(exc.message, source=str(path)))


def _event_json(event: Event) -> dict[str, Any]:
    out: dict[str, Any] = {"type": event.type, **dict(event.fields), "status": event.status.value}
    if event.evidence is not None:
        ev = event.evidence
        out["evidence"] = {"start": ev.start, "end": ev.end, "quote": ev.quote}
    return out


def reading_json(reading: Reading) -> dict[str, Any]:
    """A reading in the shape of the corpus schema (DESIGN.md's extract contract)."""
    doc = reading.document
    out: dict[str, Any] = {"id": doc.id}
    for kind in OUTPUT_KINDS:
        items = []
        for e in reading.entities_of(kind):
            item: dict[str, Any] = {"name": e.name, "mentions": list(e.aliases)}
            if kind == EntityKind.DRUG:
                for key in ("targets", "modality"):
                    if e.attributes.get(key):
                        item[key] = e.attributes[key]
            if kind == EntityKind.TRIAL and e.name.startswith("NCT"):
                item["nct"] = e.name
            items.append(item)
        out[kind.plural] = items
    out["events"] = [_event_json(e) for e in reading.events]
    return out


def _table(reading: Reading) -> str:
    lines = [f"== {reading.document.id}  {reading.document.title or ''}".rstrip()]
    for kind in OUTPUT_KINDS:
        ents = reading.entities_of(kind)
        if ents:
            shown = "; ".join(
                e.name + (f" ({', '.join(a for a in e.aliases if a != e.name)})" if len(e.aliases) > 1 or
                          (e.aliases and e.aliases[0] != e.name) else "")
                for e in ents
            )
            lines.append(f"  {kind.plural:<12} {shown}")
    for ev in reading.events:
        fields = ", ".join(f"{k}={v}" for k, v in ev.fields.items())
        lines.append(f"  event        {ev.type} [{ev.status.value}] {fields}")
    return "\n".join(lines) + "\n"


def render(result: FileResult, fmt: str) -> str:
    """One file's reading as ``jsonl`` (a line), ``json`` (an indented object) or ``table``."""
    if result.reading is None:
        return ""
    if fmt == "table":
        return _table(result.reading)
    data = reading_json(result.reading)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    return json.dumps(data, ensure_ascii=False) + "\n"
