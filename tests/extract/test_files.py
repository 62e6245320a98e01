"""`racecard extract` on good and bad files: one error line per bad file, the rest still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from racecard.cli import app
from racecard.errors import InputError
from racecard.extract import files, pipeline
from racecard.lexicon import Lexicon


@pytest.fixture(autouse=True)
def _small_lexicon(monkeypatch: pytest.MonkeyPatch, lex: Lexicon) -> None:
    monkeypatch.setattr(pipeline, "load", lambda: lex)


def _write(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "001.txt"
    good.write_text("Amgen handed rocatinlimab back to Kyowa Kirin on Friday.\n", encoding="utf-8")
    (tmp_path / "001.meta.json").write_text(json.dumps({"published": "2026-01-30", "title": "Hand-back"}))
    paths = {"good": good}
    paths["binary"] = tmp_path / "002.txt"
    paths["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    paths["empty"] = tmp_path / "003.txt"
    paths["empty"].write_bytes(b"")
    paths["latin1"] = tmp_path / "004.txt"
    paths["latin1"].write_bytes("Société Générale et Sanofi à Paris".encode("latin-1"))
    paths["missing"] = tmp_path / "005.txt"
    return paths


def test_bad_files_get_one_line_errors_and_good_ones_are_read(tmp_path: Path) -> None:
    paths = _write(tmp_path)
    result = CliRunner().invoke(app, ["extract", *map(str, paths.values()), "--format", "jsonl"])
    assert result.exit_code == 2
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["001"]
    assert {d["name"] for d in out[0]["drugs"]} == {"rocatinlimab"}
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4
    for key, problem in (("binary", "binary"), ("empty", "empty"), ("latin1", "UTF-8"), ("missing", "cannot read")):
        line = next(e for e in errors if str(paths[key]) in e)
        assert problem in line


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="too large"):
        files.read_text_file(big)


def test_malformed_sidecar_names_the_meta_file(tmp_path: Path) -> None:
    (tmp_path / "007.txt").write_text("Amgen news.", encoding="utf-8")
    (tmp_path / "007.meta.json").write_text("{not json", encoding="utf-8")
    (result,) = list(files.extract_files([tmp_path / "007.txt"]))
    assert result.error is not None and "007.meta.json" in str(result.error)


def test_table_and_json_formats(tmp_path: Path) -> None:
    good = _write(tmp_path)["good"]
    table = CliRunner().invoke(app, ["extract", str(good), "--format", "table"])
    assert table.exit_code == 0 and "rocatinlimab" in table.stdout and "Kyowa Kirin" in table.stdout
    as_json = CliRunner().invoke(app, ["extract", str(good), "--format", "json"])
    assert json.loads(as_json.stdout)[0]["companies"][0]["name"] == "Amgen"
    bad = CliRunner().invoke(app, ["extract", str(good), "--format", "xml"])
    assert bad.exit_code == 1 and "unknown format" in bad.stderr
