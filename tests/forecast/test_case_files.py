"""Bad case files get an error that names the file, the field and what is wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from racecard.errors import ConfigError, InputError, NotFoundError
from racecard.forecast.engine import run
from racecard.forecast.loader import load_case, with_scenario

TINY = Path(__file__).parent / "data" / "tiny.yaml"


def _write(tmp_path: Path, raw: dict[str, Any], name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(raw) if name.endswith(".json") else yaml.safe_dump(raw))
    return path


def _raw() -> dict[str, Any]:
    data = yaml.safe_load(TINY.read_text())
    assert isinstance(data, dict)
    return data


def _error(tmp_path: Path, raw: dict[str, Any], name: str = "case.yaml") -> ConfigError:
    path = _write(tmp_path, raw, name)
    with pytest.raises(ConfigError) as info:
        run(load_case(path).case)
    assert str(path) in str(info.value)
    return info.value


def test_json_and_yaml_load_the_same(tmp_path: Path) -> None:
    a = load_case(_write(tmp_path, _raw(), "c.json")).case
    b = load_case(_write(tmp_path, _raw(), "c.yaml")).case
    assert a == b


def test_unknown_field_is_named(tmp_path: Path) -> None:
    raw = _raw()
    raw["products"][0]["prise"] = {"US": 1}
    err = _error(tmp_path, raw)
    assert err.field == "products[alpha].prise"
    assert "unknown field" in str(err)


def test_wrong_type_is_named_with_the_value(tmp_path: Path) -> None:
    raw = _raw()
    raw["pricing"]["gtn"] = {"US": {"value": "ten percent"}}
    err = _error(tmp_path, raw)
    assert err.field == "pricing.gtn.US.value"
    assert "'ten percent'" in str(err)


def test_bad_date_is_named(tmp_path: Path) -> None:
    raw = _raw()
    raw["products"][1]["launch"]["US"] = "mid-2023"
    err = _error(tmp_path, raw)
    assert err.field == "products[beta].launch.US"
    assert "not ISO" in str(err)


def test_distribution_outside_its_bounds(tmp_path: Path) -> None:
    raw = _raw()
    raw["treatment_rate"]["start"] = {"value": 0.5, "dist": {"type": "uniform", "low": 0.1, "high": 0.3}}
    err = _error(tmp_path, raw)
    assert err.field == "treatment_rate.start.*"
    assert "outside" in str(err)


def test_launch_in_an_unknown_market(tmp_path: Path) -> None:
    raw = _raw()
    raw["products"][1]["launch"]["Mars"] = "2030"
    err = _error(tmp_path, raw)
    assert "unknown market(s) ['Mars']" in str(err)


def test_launch_without_a_price_is_caught_at_run_time(tmp_path: Path) -> None:
    raw = _raw()
    raw["products"][1]["launch"]["Japan"] = "2024"
    err = _error(tmp_path, raw)
    assert err.field == "products[beta].price.Japan"
    assert "no price" in str(err)


def test_missing_pos_for_a_pipeline_stage(tmp_path: Path) -> None:
    raw = _raw()
    del raw["products"][1]["pos"]
    err = _error(tmp_path, raw)
    assert "stage phase3 needs pos" in str(err)


def test_schema_and_required_fields(tmp_path: Path) -> None:
    raw = _raw()
    raw["schema"] = "racecard.forecast/v0"
    assert "schema must be" in str(_error(tmp_path, raw))
    raw = _raw()
    del raw["treatment_rate"]
    err = _error(tmp_path, raw)
    assert err.field == "treatment_rate" and "required" in str(err).lower()


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_case(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("products: [unclosed\n")
    with pytest.raises(InputError, match="not valid YAML"):
        load_case(bad)
    (tmp_path / "list.json").write_text("[1, 2]")
    with pytest.raises(ConfigError, match="mapping at the top level"):
        load_case(tmp_path / "list.json")


def test_scenario_errors(tmp_path: Path) -> None:
    loaded = load_case(TINY)
    with pytest.raises(NotFoundError, match="scenario 'nope' is not in the case"):
        with_scenario(loaded, "nope")
    raw = _raw()
    raw["scenarios"]["broken"] = {"set": {"products[gamma].pos": 0}}
    with pytest.raises(ConfigError, match="no item with id 'gamma'"):
        load_case(_write(tmp_path, raw), scenario="broken")


def test_bundle_errors(tmp_path: Path) -> None:
    bundle = {"schema": "racecard.forecast.cases/v0", "cases": [{"id": "x", "prices": {"p": {"value": None}}}]}
    path = _write(tmp_path, bundle, "bundle.json")
    with pytest.raises(ConfigError, match="choose one with --case"):
        load_case(path)
    with pytest.raises(NotFoundError, match="case 'y' is not in the bundle"):
        load_case(path, "y")
    with pytest.raises(NotFoundError, match="no model spec"):
        load_case(path, "x")
    spec = tmp_path / "spec.yaml"
    spec.write_text("pricing: {gtn: {ref: prices.p}}\n")
    with pytest.raises(ConfigError, match="is a gap in the bundle"):
        load_case(path, "x", spec=spec)
    spec.write_text("pricing: {gtn: {ref: prices.q}}\n")
    with pytest.raises(ConfigError, match="'q' not found in the bundle"):
        load_case(path, "x", spec=spec)


@pytest.mark.parametrize(("edit", "field"), [
    (lambda r: r["pricing"].__setitem__("gtn", {"US": 0.1, "Japan": 1.5}), "pricing.gtn.Japan"),
    (lambda r: r["products"][1].__setitem__("pos", 1.2), "products[beta].pos"),
    (lambda r: r["treatment_rate"].__setitem__("start", {"value": 0.2, "dist": {"type": "uniform", "low": -0.1,
                                                                                   "high": 0.3}}),
     "treatment_rate.start.*"),
    (lambda r: r["products"][0]["price"].__setitem__("US", {"value": -5}), "products[alpha].price.US.value"),
])
def test_values_outside_their_range(tmp_path: Path, edit: Any, field: str) -> None:
    raw = _raw()
    edit(raw)
    err = _error(tmp_path, raw)
    assert err.field == field and "is outside" in str(err)
