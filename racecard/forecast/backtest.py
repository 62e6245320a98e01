"""Backtest against actual sales, and reconciliation with published forecasts.

Backtest: run the case (optionally under its hindsight scenario) and compare the
product's revenue, summed over the case's markets, with the case's actuals scaled by
``sales_fraction`` (for example the AD share of an all-indication product). Reports the
yearly error (model / actual - 1) and the MAPE.

Reconciliation: put our number beside each published forecast on the same year, and
say where the scope differs (markets, indications, risk adjustment, currency).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from racecard.errors import ConfigError
from racecard.forecast.case import Case
from racecard.forecast.engine import Result, run
from racecard.forecast.loader import LoadedCase, with_scenario


@dataclass(frozen=True)
class BacktestRow:
    year: int
    model: float
    actual: float
    in_scope: float
    error: float
    actual_source: str | None


@dataclass(frozen=True)
class BacktestTable:
    product: str
    scenario: str | None
    sales_fraction: float
    rows: list[BacktestRow]
    note: str | None

    @property
    def mape(self) -> float:
        return float(np.mean([abs(r.error) for r in self.rows])) if self.rows else float("nan")


def backtest(loaded: LoadedCase) -> BacktestTable:
    """The case's backtest: model vs actuals by year, with MAPE."""
    case = loaded.case
    bt = case.backtest
    if bt is None:
        raise ConfigError("the case has no backtest block (product, years, actuals)", source=loaded.source,
                          field="backtest")
    if bt.scenario is not None and loaded.scenario is None:
        loaded = with_scenario(loaded, bt.scenario)
    res = run(loaded.case)
    j = res.product_index(bt.product)
    frac = bt.sales_fraction.value if bt.sales_fraction is not None else 1.0
    actuals = {(a.product, a.year): a for a in case.actuals}
    rows = []
    for year in bt.years:
        a = actuals.get((bt.product, year))
        if a is None:
            raise ConfigError(f"no actual for {bt.product} in {year}", source=loaded.source, field="actuals")
        model = float(res.revenue[0, :, j, res.year_index(year)].sum())
        scoped = a.value.value * frac
        rows.append(BacktestRow(year, model, a.value.value, scoped, model / scoped - 1.0, a.value.source))
    return BacktestTable(bt.product, bt.scenario or loaded.scenario, frac, rows, bt.note)


@dataclass(frozen=True)
class ReconRow:
    subject: str
    metric: str
    year: int
    published: float
    currency: str
    by: str
    their_scope: str
    ours: float | None
    ours_risk_adjusted: float | None
    our_scope: str
    ratio: float | None
    source: str | None
    note: str


def _fx_to_case(case: Case, currency: str) -> float | None:
    if currency == case.currency:
        return 1.0
    for m in case.markets:
        if m.currency == currency:
            return m.fx.value
    return None


def reconcile(result: Result) -> list[ReconRow]:
    """Our point forecast beside every published number the case lists."""
    case = result.case
    rows = []
    for pub in case.published:
        notes = []
        markets = pub.markets or result.markets
        our_scope = "+".join(markets) if len(markets) <= 3 else f"{len(markets)} markets"
        fx = _fx_to_case(case, pub.currency)
        if not result.years[0] <= pub.year <= result.years[-1]:
            rows.append(ReconRow(pub.subject, pub.metric, pub.year, pub.value, pub.currency, pub.by, pub.scope,
                                 None, None, our_scope, None, pub.source, "year outside the case's horizon"))
            continue
        y = result.year_index(pub.year)
        midx = [result.markets.index(m) for m in markets if m in result.markets]
        if pub.metric == "market_size":
            cell = result.revenue[0, :, :, y][midx]                      # (M', P)
            ours = float(cell.sum())
            risk = float((cell.sum(axis=0) * result.pos).sum())
            our_scope += ", case products"
        elif pub.subject in result.products:
            j = result.products.index(pub.subject)
            ours = float(result.revenue[0, :, j, y][midx].sum())
            risk = ours * float(result.pos[j])
            if result.pos[j] < 1:
                notes.append(f"ours is conditional on approval; risk-adjusted x PoS {result.pos[j]:.3f}")
        else:
            rows.append(ReconRow(pub.subject, pub.metric, pub.year, pub.value, pub.currency, pub.by, pub.scope,
                                 None, None, our_scope, None, pub.source, "subject is not a product of the case"))
            continue
        ratio = None
        if fx is None:
            notes.append(f"no FX for {pub.currency}: no ratio")
        else:
            ratio = risk / (pub.value * fx)
        rows.append(ReconRow(pub.subject, pub.metric, pub.year, pub.value, pub.currency, pub.by, pub.scope,
                             ours, risk, our_scope, ratio, pub.source, "; ".join(notes)))
    return rows
