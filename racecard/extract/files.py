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
from racecard.ingest.base import MAX_BYTES, decode, read_bytes, read_meta
from racecard.model import EntityKind, Event, Reading

__all__ = ["MAX_BYTES", "FileResult", "extract_files", "read_text_file", "reading_json", "render"]

OUTPUT_KINDS = (EntityKind.DRUG, EntityKind.COMPANY, EntityKind.TARGET, EntityKind.INDICATION, EntityKind.TRIAL)


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one input file gave: a reading, or the error that stopped it."""

    path: Path
    reading: Reading | None = None
    error: RacecardError | None = None


def read_text_file(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """A file's text, or an InputError saying exactly what is wrong with it.

    The checks every source shares (unreadable, too large, empty, binary, not UTF-8) are
    the ingesters' own (racecard.ingest.base); a text must also be mostly printable.
    """
    if path.is_dir():
        raise InputError("is a directory, not a file", source=str(path))
    text = decode(read_bytes(path, max_bytes), str(path), limit=max_bytes)
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 0.05 * min(len(text), 8192):
        raise InputError("binary file (mostly control characters), not text", source=str(path))
    return text


def extract_files(paths: Iterable[Path]) -> Iterator[FileResult]:
    """Read each file; yield its reading or its error, never stopping the batch."""
    for path in paths:
        try:
            text = read_text_file(path)
            meta = read_meta(path)
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
                for key in ("targets", "modality", "class"):
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
