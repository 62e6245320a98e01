"""Monte Carlo (P10/P50/P90), one-at-a-time tornado, and scenario comparison.

Every input with a ``dist`` is drawn per trial; one draw serves every market and product
that reads the input (so, say, a shared price assumption moves all markets together).
Approvals are Bernoulli draws on each product's PoS. Trials run in chunks to bound
memory. The tornado is itself one vectorised run: trial 2i swings input i to its P10,
trial 2i+1 to its P90, every other input at its point value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from racecard.errors import ConfigError
from racecard.forecast.case import Case
from racecard.forecast.engine import APPROVAL, Inputs, Result, Slot, run
from racecard.forecast.params import FloatArray, sample, swing


@dataclass(frozen=True)
class Simulation:
    """Monte Carlo revenue (T, M, P, Y) in the case currency, with its approval draws."""

    years: NDArray[np.int64]
    markets: list[str]
    products: list[str]
    revenue: NDArray[np.float32]
    approved: NDArray[np.bool_]
    drawn: list[str]
    seed: int

    @property
    def trials(self) -> int:
        return int(self.revenue.shape[0])

    def product_series(self, product: str) -> NDArray[np.float32]:
        """(T, Y) revenue of one product over all markets."""
        return np.asarray(self.revenue[:, :, self.products.index(product), :].sum(axis=1))

    def market_series(self, markets: list[str] | None = None) -> NDArray[np.float32]:
        """(T, Y) revenue of all products over the given markets (default all)."""
        idx = [self.markets.index(m) for m in markets] if markets else list(range(len(self.markets)))
        return np.asarray(self.revenue[:, idx].sum(axis=(1, 2)))


def drawn_slots(slots: dict[str, Slot]) -> list[Slot]:
    return [s for s in slots.values() if s.param.dist is not None]


def simulate(case: Case, trials: int, *, seed: int = 0, chunk: int = 1000) -> Simulation:
    """Run ``trials`` Monte Carlo trials of the case, seeded."""
    if trials < 1:
        raise ConfigError(f"trials must be at least 1, got {trials}", field="trials")
    base = run(case)
    to_draw = drawn_slots(base.slots)
    rng = np.random.default_rng(seed)
    draws = {s.path: sample(s.param, trials, rng) for s in to_draw}     # the same draws whatever the chunk
    draws[APPROVAL] = rng.random((trials, len(base.products)))
    shape = (trials, len(base.markets), len(base.products), len(base.years))
    revenue = np.empty(shape, dtype=np.float32)
    approved = np.empty((trials, len(base.products)), dtype=bool)
    done = 0
    while done < trials:
        n = min(chunk, trials - done)
        values = {k: v[done:done + n] for k, v in draws.items()}
        res = run(case, Inputs(values), sampled=True)
        revenue[done:done + n] = res.revenue                 # broadcasts a deterministic chunk
        approved[done:done + n] = res.approved
        done += n
    return Simulation(base.years, base.markets, base.products, revenue, approved,
                      [s.path for s in to_draw], seed)


def percentiles(series: NDArray[np.floating], qs: tuple[float, ...] = (10, 50, 90)) -> FloatArray:
    """(len(qs), Y) percentiles over trials of a (T, Y) series."""
    return np.asarray(np.percentile(series, qs, axis=0), dtype=np.float64)


@dataclass(frozen=True)
class Bar:
    """One tornado bar: the metric with the input at its low and at its high."""

    path: str
    name: str
    low_input: float
    high_input: float
    low: float
    high: float
    base: float
    unit: str
    kind: str
    source: str | None

    @property
    def range(self) -> float:
        return abs(self.high - self.low)


def metric_of(result: Result, product: str | None, year: int, markets: list[str] | None = None) -> FloatArray:
    """Revenue per trial of ``product`` (or of all products) in ``year`` over ``markets``."""
    y = result.year_index(year)
    idx = [result.markets.index(m) for m in markets] if markets else list(range(len(result.markets)))
    rev = result.revenue[..., y][:, idx]                                     # (T, M', P)
    if product is None:
        return np.asarray(rev.sum(axis=(1, 2)))
    return np.asarray(rev[:, :, result.product_index(product)].sum(axis=1))


def tornado(case: Case, *, product: str | None, year: int, top: int | None = None) -> list[Bar]:
    """Swing each input that has a distribution to its P10 and P90, others at their point;
    bars ranked by the range of the metric (``product``'s revenue in ``year``)."""
    base_res = run(case)
    base = float(metric_of(base_res, product, year)[0])
    slots = drawn_slots(base_res.slots)
    if not slots:
        return []
    n = 2 * len(slots)
    values: dict[str, FloatArray] = {}
    swings = []
    for i, s in enumerate(slots):
        lo, hi = swing(s.param)
        arr = np.full(n, s.param.value)
        arr[2 * i], arr[2 * i + 1] = lo, hi
        values[s.path] = arr
        swings.append((lo, hi))
    res = run(case, Inputs(values))
    m = np.broadcast_to(metric_of(res, product, year), (n,))
    bars = [Bar(s.path, s.name, swings[i][0], swings[i][1], float(m[2 * i]), float(m[2 * i + 1]), base,
                s.param.unit, s.param.kind, s.param.source) for i, s in enumerate(slots)]
    bars.sort(key=lambda b: b.range, reverse=True)
    return bars[:top] if top else bars
