"""Rendering view results: a table on the terminal (rich), JSON, CSV or Markdown.

A view returns a typed dataclass; ``json`` renders that dataclass itself, the other
formats render the :class:`Table` sections a view's ``tables()`` function lays out.
Renderers know nothing of queries, and views nothing of formats.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html
import io
import json
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from racecard.errors import ConfigError

__all__ = ["FORMATS", "Table", "cell", "plain", "render"]

FORMATS = ("table", "json", "csv", "markdown")


@dataclass(frozen=True, slots=True)
class Table:
    """One section of a view's output: a title, column names, rows of text, notes."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()
    raw: tuple[tuple[Any, ...], ...] | None = None  # unformatted values for CSV (numbers stay numbers)


def cell(value: Any) -> str:
    """A value as table text: dates in ISO form, None as empty, lists joined."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    return str(value)


def cell_raw(value: Any) -> str:
    """A value for CSV: numbers in full, dates in ISO form, None as empty."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return cell(value)


def plain(value: Any) -> Any:
    """A JSON-ready copy of a view result (dataclasses, dates, enums, mappings, sequences)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def _rich(tables: Sequence[Table]) -> str:
    from rich.console import Console
    from rich.table import Table as RichTable

    width = max(100, shutil.get_terminal_size((160, 40)).columns)
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=False, color_system=None, highlight=False)
    for t in tables:
        grid = RichTable(title=t.title, title_justify="left", show_lines=False)
        for c in t.columns:
            grid.add_column(c, overflow="fold")
        for r in t.rows:
            grid.add_row(*r)
        console.print(grid)
        for note in t.notes:
            console.print(note, markup=False)
        console.print()
    return out.getvalue()


def _csv(tables: Sequence[Table]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for i, t in enumerate(tables):
        if len(tables) > 1:
            if i:
                out.write("\n")
            out.write(f"# {t.title}\n")
        writer.writerow(t.columns)
        writer.writerows(t.rows if t.raw is None else [[cell_raw(v) for v in r] for r in t.raw])
    return out.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(tables: Sequence[Table], heading: str = "###") -> str:
    parts = []
    for t in tables:
        lines = [f"{heading} {t.title}", ""]
        if t.rows:
            lines.append("| " + " | ".join(_md_cell(c) for c in t.columns) + " |")
            lines.append("|" + "|".join(" --- " for _ in t.columns) + "|")
            lines.extend("| " + " | ".join(_md_cell(v) for v in r) + " |" for r in t.rows)
        else:
            lines.append("_(nothing)_")
        if t.notes:
            lines.append("")
            lines.extend(f"- {n}" for n in t.notes)
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def html_tables(tables: Sequence[Table], title: str) -> str:
    """A small self-contained HTML page of the tables (for digests sent by mail)."""
    body = [f"<h1>{html.escape(title)}</h1>"]
    for t in tables:
        body.append(f"<h2>{html.escape(t.title)}</h2>")
        if t.rows:
            head = "".join(f"<th>{html.escape(c)}</th>" for c in t.columns)
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in r) + "</tr>" for r in t.rows)
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        else:
            body.append("<p><em>nothing</em></p>")
        body.extend(f"<p>{html.escape(n)}</p>" for n in t.notes)
    style = "body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}"
    return (
        f'<!doctype html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def render(result: Any, tables: Sequence[Table], fmt: str) -> str:
    """``result`` (for json) or its ``tables`` in the format asked for."""
    if fmt == "json":
        return json.dumps(plain(result), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(tables)
    if fmt == "markdown":
        return markdown(tables)
    if fmt == "table":
        return _rich(tables)
    raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", field="--format")
