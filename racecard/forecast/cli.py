"""``racecard forecast``: parse the options and call :func:`racecard.forecast.api.forecast`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from racecard.errors import ConfigError


def forecast_cli(
    casefile: Annotated[Path, typer.Argument(help="Case file (JSON/YAML), or a research bundle such as "
                                                  "../shared/forecast/cases.json with --case.")],
    case: Annotated[str | None, typer.Option("--case", help="Case id inside a bundle.")] = None,
    scenario: Annotated[str | None, typer.Option("--scenario", help="Named scenario; join several with +.")] = None,
    trials: Annotated[int, typer.Option("--trials", help="Monte Carlo trials (0 = point forecast only).")] = 0,
    backtest: Annotated[bool, typer.Option("--backtest", help="Compare with the case's actual sales.")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    chart: Annotated[Path | None, typer.Option("--chart", help="Write charts to this PNG.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Monte Carlo seed.")] = 0,
    product: Annotated[str | None, typer.Option("--product", help="Product to report (default: first target).")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Year to report (default: the case's).")] = None,
    spec: Annotated[Path | None, typer.Option("--spec", help="Model spec for a research-bundle case.")] = None,
    inputs: Annotated[bool, typer.Option("--inputs", help="List the inputs behind the product.")] = False,
    from_store: Annotated[list[str] | None, typer.Option(
        "--from-store", help="Take competitors (stages, launch dates, drop-outs) from the race board of this "
                             "target in the store, for the case's indication and markets; repeatable.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Race board as of this date (YYYY-MM-DD).")] = None,
) -> None:
    """Patient-based forecast: funnel, share, uptake, price and LOE; Monte Carlo, tornado, backtest."""
    from racecard.forecast.api import forecast
    from racecard.forecast.report import render_csv, render_json, render_table

    if format not in ("table", "json", "csv"):
        raise ConfigError(f"unknown format {format!r}; choose table, json or csv", field="--format")
    if trials < 0:
        raise ConfigError(f"--trials must be 0 or more, got {trials}", field="--trials")
    day = None
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise ConfigError(f"{as_of!r} is not a date; write it as YYYY-MM-DD", field="--as-of") from None
    rep = forecast(casefile, case_id=case, scenario=scenario, trials=trials, run_backtest=backtest, seed=seed,
                   spec=spec, product=product, year=year, store_targets=from_store or (), as_of=day)
    if format == "table":
        sys.stdout.write(render_table(rep, inputs=inputs))
    elif format == "json":
        sys.stdout.write(render_json(rep))
    else:
        sys.stdout.write(render_csv(rep))
    sys.stdout.flush()
    if chart is not None:
        from racecard.forecast.charts import draw

        for out in draw(rep, chart):
            typer.echo(f"chart written to {out}", err=True)
