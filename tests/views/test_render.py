"""Renderers: JSON of the dataclass itself, CSV with raw numbers, Markdown and HTML escaping."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pytest

from racecard.errors import ConfigError
from racecard.views.describe import money
from racecard.views.render import Table, cell, html_tables, markdown, render


@dataclass(frozen=True)
class _Result:
    name: str
    day: date
    amounts: tuple[float, ...]


TABLES = [
    Table("Deals | terms", ("asset", "upfront"), (("a|b", "$65m"),), ("a note",), raw=(("a|b", 65_000_000.0),)),
    Table("Empty", ("x",), ()),
]


def test_json_is_the_result_itself() -> None:
    out = json.loads(render(_Result("x", date(2024, 8, 20), (1.5,)), TABLES, "json"))
    assert out == {"name": "x", "day": "2024-08-20", "amounts": [1.5]}


def test_csv_keeps_numbers_whole_and_titles_sections() -> None:
    out = render(None, TABLES, "csv")
    assert "# Deals | terms\nasset,upfront\na|b,65000000\n" in out and "# Empty" in out


def test_markdown_and_html_escape() -> None:
    md = markdown(TABLES)
    assert "| a\\|b | $65m |" in md and "- a note" in md and "_(nothing)_" in md
    page = html_tables([Table("<b>", ("x",), (("<script>",),))], "T & U")
    assert "&lt;script&gt;" in page and "<title>T &amp; U</title>" in page


def test_cells_and_money() -> None:
    assert (cell(None), cell(date(2021, 6, 1)), cell(True), cell(12345), cell(["a", "b"])) == (
        "", "2021-06-01", "yes", "12,345", "a; b"
    )
    assert (money(400_000_000), money(4.8e9), money(15_000), money("n/a")) == ("$400m", "$4.8bn", "$15,000", None)
    with pytest.raises(ConfigError, match="yaml"):
        render(None, TABLES, "yaml")
