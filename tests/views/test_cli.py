"""The views' commands through the CLI: every format, the as-of option, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from racecard.cli import app
from racecard.store import Store

from .conftest import KRAS, OX40, add


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with Store(url) as store:
        add(store, *KRAS, *OX40)
    monkeypatch.setenv("RACECARD_DB", url)
    return url


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_race_in_every_format(db: str) -> None:
    code, out = _run("race", "KRAS G12C", "--market", "China", "--format", "json")
    assert code == 0
    board = json.loads(out)
    assert board["rows"][0]["asset"] == "fulzerasib" and board["rows"][0]["first_approved"] is True
    code, out = _run("race", "KRAS G12C", "--market", "China", "--format", "csv", "--as-of", "2023-06-30")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[0]["asset"] == "sotorasib" and "approved" not in rows[0]["stage"]
    code, out = _run("race", "KRAS G12C", "--market", "China", "--format", "markdown")
    assert code == 0 and "| 1 | fulzerasib |" in out
    code, out = _run("race", "KRAS G12C", "--market", "China")
    assert code == 0 and "fulzerasib" in out and "★" in out


def test_asset_deals_digest_related(db: str, tmp_path: Path) -> None:
    code, out = _run("asset", "AMG 451", "--format", "json")
    assert code == 0 and json.loads(out)["name"] == "rocatinlimab"
    code, out = _run("deals", "--territory", "Greater China", "--format", "csv")
    assert code == 0 and "65000000" in out and "Zai Lab" in out
    watch = tmp_path / "watch.yaml"
    watch.write_text("targets: [KRAS G12C]\nmarkets: [China]\n", encoding="utf-8")
    code, out = _run("digest", "--since", "2024-06-01", "--watch", str(watch))
    assert code == 0 and out.startswith("# Racecard digest since 2024-06-01") and "filed → approved" in out
    code, out = _run("digest", "--since", "2024-06-01", "--format", "html")
    assert code == 0 and out.startswith("<!doctype html>")
    with Store(db) as store, store.begin() as conn:
        doc = conn.exec_driver_sql("SELECT id FROM documents WHERE title LIKE 'NMPA approves Dupert%'").scalar()
    code, out = _run("related", str(doc), "--format", "json")
    assert code == 0 and json.loads(out)["stories"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("race", "KRAS G12C", "--format", "yaml"), "unknown format 'yaml'"),
        (("race", "KRAS G12C", "--as-of", "June 2023"), "--as-of"),
        (("race", "NOPE1"), "NOPE1"),
        (("asset", "no-such-drug"), "no-such-drug"),
        (("digest", "--since", "2024-06-01", "--format", "csv"), "unknown format 'csv'"),
    ],
)
def test_errors_are_one_line(db: str, args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code != 0
    text = str(result.exception) if result.exception and not isinstance(result.exception, SystemExit) else ""
    assert message in (result.output + text)
