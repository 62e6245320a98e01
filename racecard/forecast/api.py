"""One call that produces everything ``racecard forecast`` shows: :func:`forecast`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from racecard.errors import ConfigError
from racecard.forecast.backtest import BacktestTable, ReconRow, backtest, reconcile
from racecard.forecast.competition import Competitor, apply, from_store
from racecard.forecast.engine import Result, Slot, run
from racecard.forecast.loader import LoadedCase, load_case, validate, with_scenario
from racecard.forecast.montecarlo import Bar, Simulation, percentiles, simulate, tornado


@dataclass(frozen=True)
class Report:
    """A forecast run: point result, optional Monte Carlo, tornado, backtest, reconciliation."""

    loaded: LoadedCase
    result: Result
    product: str | None
    year: int
    simulation: Simulation | None = None
    bars: list[Bar] = field(default_factory=list)
    backtest: BacktestTable | None = None
    reconciliation: list[ReconRow] = field(default_factory=list)
    scenarios: dict[str, dict[str, float]] = field(default_factory=dict)
    market_bars: list[Bar] = field(default_factory=list)

    def lineage(self, product: str | None = None, market: str | None = None) -> list[Slot]:
        """The inputs that made a product's (and market's) numbers, in the order read."""
        out = []
        for s in self.result.slots.values():
            if market is not None and s.markets is not None and market not in s.markets:
                continue
            if product is not None and s.products is not None and product not in s.products:
                continue
            out.append(s)
        return out

    def fan(self, product: str | None) -> np.ndarray | None:
        """(3, Y) P10/P50/P90 of the product's (or the market's) revenue by year."""
        if self.simulation is None:
            return None
        sim = self.simulation
        series = sim.product_series(product) if product else sim.market_series()
        return percentiles(series)


def forecast(path: Path, *, case_id: str | None = None, scenario: str | None = None, trials: int = 0,
             run_backtest: bool = False, seed: int = 0, spec: Path | None = None, product: str | None = None,
             year: int | None = None, tornado_top: int = 10, competitors: Sequence[Competitor] | None = None,
             store_targets: Sequence[str] = (), as_of: dt.date | None = None) -> Report:
    """Load a case, run it, and gather the tables the CLI prints.

    ``store_targets``: read the competitors (their stages, launch dates, drop-outs) for the
    case's indication and markets from the race boards of these targets in the store.
    """
    loaded = load_case(path, case_id, spec=spec)
    comps = list(competitors or [])
    if store_targets:
        comps += from_store(store_targets, indication=loaded.case.indication or None,
                            markets=[m.id for m in loaded.case.markets], as_of=as_of)
    if comps:
        raw = apply(loaded.raw, comps)
        loaded = LoadedCase(validate(raw, f"{loaded.source} (with {len(comps)} race-board rows)"), raw,
                            loaded.source)
    if scenario is not None:
        loaded = with_scenario(loaded, scenario)
    case = loaded.case
    targets = case.target_products()
    product = product or (targets[0] if targets else None)
    if product is not None and product not in [p.id for p in case.products]:
        raise ConfigError(f"unknown product {product!r}", source=loaded.source, field="product")
    year = year or case.report_year or case.years.end
    result = run(case)
    result.year_index(year)
    sim = simulate(case, trials, seed=seed) if trials > 0 else None
    bars = tornado(case, product=product, year=year, top=tornado_top)
    market_bars = tornado(case, product=None, year=year, top=tornado_top) if product is not None else bars
    bt = backtest(loaded) if run_backtest else None
    scen = {}
    active = set((scenario or "").split("+"))
    for name in [None, *[n for n in case.scenarios if n not in active]]:
        one = run(with_scenario(loaded, name).case) if name is not None else result
        totals = {"market": float(one.revenue[0, :, :, result.year_index(year)].sum())}
        for t in targets:
            totals[t] = float(one.revenue[0, :, one.product_index(t), one.year_index(year)].sum())
        label = name if scenario is None else f"{scenario}+{name}" if name is not None else scenario
        scen[label or "base"] = totals
    return Report(loaded, result, product, year, sim, bars, bt, reconcile(result), scen, market_bars)
