"""``racecard forecast`` end to end (table, JSON, CSV, chart, errors) and race-board competitors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from racecard.cli import app
from racecard.errors import ConfigError
from racecard.forecast.competition import Competitor, apply, from_race_rows
from racecard.forecast.engine import run
from racecard.forecast.loader import load_case, validate

TINY = Path(__file__).parent / "data" / "tiny.yaml"
runner = CliRunner()


def test_table_output_has_every_section() -> None:
    out = runner.invoke(app, ["forecast", str(TINY), "--trials", "200", "--inputs"])
    assert out.exit_code == 0, out.output
    for heading in ("Revenue by product", "By market, 2025", "Monte Carlo, 200 trials", "Tornado: alpha 2025",
                    "Scenarios, 2025", "Inputs behind alpha"):
        assert heading in out.output
    assert "https://example.org/epi" in out.output


def test_json_output_is_complete_and_valid() -> None:
    out = runner.invoke(app, ["forecast", str(TINY), "--format", "json", "--trials", "100", "--scenario", "no_beta"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["scenario"] == "no_beta" and data["years"][0] == 2020
    res = run(load_case(TINY, scenario="no_beta").case)
    assert data["revenue"]["alpha"]["US"] == pytest.approx(list(res.revenue[0, 0, 0]))
    assert "products[alpha].price.US.value" in data["inputs"]["alpha"]
    assert data["params"]["segments[adults].count.US"]["source"] == "https://example.org/epi"
    assert set(data["monte_carlo"]["fan"]) == {"alpha", "beta", "market"}


def test_csv_output_is_long_format() -> None:
    out = runner.invoke(app, ["forecast", str(TINY), "--format", "csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows[0].keys() == {"section", "product", "market", "year", "metric", "value"}
    revenue = [r for r in rows if r["section"] == "revenue"]
    assert len(revenue) == 2 * 2 * 7


def test_chart_is_written(tmp_path: Path) -> None:
    png = tmp_path / "tiny.png"
    out = runner.invoke(app, ["forecast", str(TINY), "--trials", "100", "--chart", str(png)])
    assert out.exit_code == 0, out.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "xml"], "unknown format 'xml'"),
    (["--trials", "-1"], "--trials must be 0 or more"),
    (["--scenario", "nope"], "scenario 'nope' is not in the case"),
    (["--product", "gamma"], "unknown product 'gamma'"),
    (["--year", "2040"], "year 2040 is outside"),
    (["--as-of", "May 2024"], "not a date"),
])
def test_bad_options_are_one_line_errors(args: list[str], message: str) -> None:
    out = runner.invoke(app, ["forecast", str(TINY), *args])
    assert out.exit_code != 0
    assert isinstance(out.exception, Exception) and message in str(out.exception)


def test_bad_case_file_names_field_and_file(tmp_path: Path) -> None:
    raw = yaml.safe_load(TINY.read_text())
    raw["segments"][0]["steps"][0]["value"]["dist"]["type"] = "gaussian"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(raw))
    out = runner.invoke(app, ["forecast", str(path)])
    assert isinstance(out.exception, ConfigError)
    text = str(out.exception)
    assert str(path) in text and "segments[adults].steps[0].value.*.dist.type" in text and "gaussian" in text


@dataclass(frozen=True)
class Row:
    asset: str
    stage: str
    stage_date: dt.date | None
    marks: tuple[str, ...] = ()
    facts: int = 1


def test_race_rows_become_competitors() -> None:
    rows = [Row("Alpha", "approved", dt.date(2019, 6, 1)), Row("gamma", "phase 3", dt.date(2024, 3, 1)),
            Row("delta", "filed", dt.date(2024, 1, 1), ("rejected 2024-11-01",)),
            Row("eps", "preclinical", None)]
    comps = from_race_rows(rows, market="US", label="race board T")
    assert [c.product for c in comps] == ["alpha", "gamma", "delta"]
    assert comps[0].stage == "marketed" and comps[0].launch == "2019-06-01"
    assert comps[1].expected_launch == "2027-03" and comps[1].launch is None
    assert comps[2].dropped and "rejected" not in comps[0].source


def test_competitors_update_and_extend_the_case() -> None:
    raw = yaml.safe_load(TINY.read_text())
    comps = [Competitor("alpha", "US", "marketed", launch="2021-01-01", source="board"),
             Competitor("gamma", "US", "phase3", expected_launch="2024-01", source="board"),
             Competitor("beta", "US", "filed", dropped=True, source="board")]
    case = validate(apply(raw, comps), "t")
    res = run(case)
    assert res.slots["products[alpha].launch.US"].param.value == pytest.approx(2021.0)
    assert res.slots["products[alpha].launch.US"].param.source == "board"
    gamma = next(p for p in case.products if p.id == "gamma")
    assert gamma.price_as == "alpha" and gamma.stage == "phase3"
    assert res.pos[res.product_index("gamma")] == pytest.approx(0.524)
    assert res.pos[res.product_index("beta")] == 0
    assert res.revenue[0, 0, res.product_index("gamma"), -1] > 0
    assert raw["products"][0]["launch"] == {"*": "2020-01"}                 # the input is not changed
    with pytest.raises(ConfigError, match="market 'Mars'"):
        apply(raw, [Competitor("alpha", "Mars", "marketed")])


def test_from_store_reads_the_real_race_board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from racecard.errors import NotFoundError
    from racecard.forecast.competition import from_store

    monkeypatch.setenv("RACECARD_DB", f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(NotFoundError, match="'KRAS G12C'"):               # the race board's own message
        from_store(["KRAS G12C"], indication=None, markets=["US"])
    out = runner.invoke(app, ["forecast", str(TINY), "--from-store", "KRAS G12C"])
    assert isinstance(out.exception, NotFoundError)
