"""Charts (matplotlib, Agg backend): revenue by market, Monte Carlo fan, tornado."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from racecard.errors import InputError
from racecard.forecast.api import Report


def _money(unit: float, top: float) -> FuncFormatter:
    span = top / unit
    digits = 0 if span >= 50 else 1 if span >= 5 else 2
    return FuncFormatter(lambda v, _pos: f"{v / unit:,.{digits}f}")


def _scale(values: np.ndarray) -> tuple[float, str, FuncFormatter]:
    """Unit, its label and a tick formatter for money axes spanning ``values``."""
    top = float(np.nanmax(np.abs(values))) if values.size else 0.0
    unit, label = (1e9, "bn") if top >= 2e9 else (1e6, "m") if top >= 2e6 else (1e3, "k")
    return unit, label, _money(unit, top)


def _first(values: np.ndarray) -> int:
    """Index of the year before the first with revenue (charts skip the empty years)."""
    nz = np.flatnonzero(np.asarray(values) > 0)
    return max(int(nz[0]) - 1, 0) if nz.size else 0


def revenue_by_market(ax: Axes, rep: Report) -> None:
    res = rep.result
    cur = res.case.currency
    if rep.product is not None:
        data = res.revenue[0, :, res.product_index(rep.product), :]
        what = rep.product
    else:
        data = res.revenue[0].sum(axis=1)
        what = "all products"
    _, label, fmt = _scale(data.sum(axis=0))
    k = _first(data.sum(axis=0))
    ax.stackplot(res.years[k:], data[:, k:], labels=res.markets, alpha=0.85)
    ax.yaxis.set_major_formatter(fmt)
    ax.set_xlabel("Year")
    ax.set_ylabel(f"Net revenue ({cur} {label})")
    ax.set_title(f"{what}: revenue by market (point forecast, conditional on approval)")
    ax.legend(loc="upper left", fontsize=8, ncol=2, title="Market")
    ax.grid(alpha=0.3)


def fan(ax: Axes, rep: Report) -> None:
    sim = rep.simulation
    assert sim is not None
    cur = rep.result.case.currency
    band = rep.fan(rep.product)
    assert band is not None
    _, label, fmt = _scale(band)
    k = _first(band[2])
    years = sim.years[k:]
    ax.fill_between(years, band[0, k:], band[2, k:], alpha=0.3, label="P10-P90")
    ax.plot(years, band[1, k:], lw=2, label="P50 (median)")
    series = sim.product_series(rep.product) if rep.product else sim.market_series()
    ax.plot(years, series.mean(axis=0)[k:], lw=1.5, ls="--", label="Mean (risk-adjusted)")
    pj = rep.result.product_index(rep.product) if rep.product else None
    point = rep.result.revenue[0, :, pj, :].sum(axis=0) if pj is not None else rep.result.revenue[0].sum(axis=(0, 1))
    ax.plot(years, point[k:], lw=1, color="black", label="Point (conditional)")
    ax.yaxis.set_major_formatter(fmt)
    ax.set_xlabel("Year")
    ax.set_ylabel(f"Net revenue ({cur} {label})")
    ax.set_title(f"{rep.product or 'All products'}: Monte Carlo range, {sim.trials:,} trials")
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)


def tornado(ax: Axes, rep: Report, top: int = 10) -> None:
    bars = rep.bars[:top][::-1]
    cur = rep.result.case.currency
    base = bars[0].base if bars else 0.0
    values = np.array([[b.low, b.high] for b in bars]) if bars else np.zeros((0, 2))
    unit, label, fmt = _scale(values if values.size else np.array([base]))
    y = np.arange(len(bars))
    lows = np.array([b.low for b in bars]) - base
    highs = np.array([b.high for b in bars]) - base
    ax.barh(y, lows, left=base, color="tab:red", alpha=0.8, label="Input at its P10")
    ax.barh(y, highs, left=base, color="tab:green", alpha=0.8, label="Input at its P90")
    ax.axvline(base, color="black", lw=1, label=f"Base ({base / unit:,.1f} {label})")
    ax.set_yticks(y, [b.name for b in bars], fontsize=7)
    ax.xaxis.set_major_formatter(fmt)
    ax.set_xlabel(f"{rep.product or 'Market'} revenue in {rep.year} ({cur} {label})")
    ax.set_title(f"Tornado: one input at a time swung to its P10 / P90 ({rep.year})")
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)


def draw(rep: Report, out: Path) -> list[Path]:
    """Write the charts for ``rep`` to ``out`` (one PNG with a panel per chart)."""
    panels = ["revenue"] + (["fan"] if rep.simulation is not None else []) + (["tornado"] if rep.bars else [])
    fig, axes = plt.subplots(len(panels), 1, figsize=(10, 4.2 * len(panels)), squeeze=False)
    for ax, kind in zip(axes[:, 0], panels, strict=True):
        if kind == "revenue":
            revenue_by_market(ax, rep)
        elif kind == "fan":
            fan(ax, rep)
        else:
            tornado(ax, rep)
    fig.suptitle(f"{rep.result.case.id} ({rep.loaded.scenario or 'base'} scenario)", fontsize=12)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    try:
        fig.savefig(out, dpi=110)
    except OSError as exc:
        raise InputError(f"cannot write the chart: {exc}", source=str(out)) from exc
    finally:
        plt.close(fig)
    return [out]
