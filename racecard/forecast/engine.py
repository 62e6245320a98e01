"""The vectorised engine: trial x market x product x year, in NumPy.

:func:`run` walks the case once, reading every input through :class:`Inputs`, which
records it (path, Param, the markets and products it touches: the audit trail) and
returns its value as an array over trials: the point value (shape (1,)) in a
deterministic run, or that input's Monte Carlo draws (shape (T,)). With point inputs
the result is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from racecard.errors import ConfigError
from racecard.forecast import funnel, share, uptake
from racecard.forecast.case import Case, Product
from racecard.forecast.params import FloatArray, Param, to_month

APPROVAL = "__approval_draw__"


@dataclass(frozen=True)
class Slot:
    """One input the engine read: where it is in the case, and what it touches."""

    path: str
    param: Param
    markets: tuple[str, ...] | None = None
    products: tuple[str, ...] | None = None
    role: str = ""
    label: str = ""

    @property
    def name(self) -> str:
        """A short human name: the label if there is one, else the path."""
        return self.label or self.path


@dataclass
class Inputs:
    """Values by input path; anything not given is read at its point value."""

    values: dict[str, FloatArray] = field(default_factory=dict)
    slots: dict[str, Slot] = field(default_factory=dict)

    def get(self, path: str, param: Param, *, markets: tuple[str, ...] | None = None,
            products: tuple[str, ...] | None = None, role: str = "", label: str = "") -> FloatArray:
        old = self.slots.get(path)
        if old is None:
            self.slots[path] = Slot(path, param, markets, products, role, label)
        elif old.markets != markets or old.products != products:
            self.slots[path] = Slot(path, param, _union(old.markets, markets), _union(old.products, products),
                                    old.role, old.label)
        if path in self.values:
            return self.values[path]
        return np.array([param.value])


def _union(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if a is None or b is None:
        return None
    return tuple(dict.fromkeys(a + b))


@dataclass(frozen=True)
class Result:
    """Arrays over (trial, market, product, year); revenue in the case currency."""

    case: Case
    years: NDArray[np.int64]
    markets: list[str]
    products: list[str]
    revenue: FloatArray          # (T, M, P, Y) net revenue, case currency
    volume: FloatArray           # (T, M, P, Y) patient-years (chronic) or months on drug (time-limited)
    share: FloatArray            # (T, M, P, Y) share of the treated pool
    treated: FloatArray          # (T, M, Y) patients on the class (chronic) or starts (incidence)
    eligible: FloatArray         # (T, M, Y) patients at the end of the funnel
    approved: NDArray[np.bool_]  # (T, P)
    pos: FloatArray              # (P,) point probability of success
    slots: dict[str, Slot]

    def year_index(self, year: int) -> int:
        if not self.years[0] <= year <= self.years[-1]:
            raise ConfigError(f"year {year} is outside the case's years {self.years[0]}..{self.years[-1]}",
                              field="years")
        return int(year - self.years[0])

    def product_index(self, product: str) -> int:
        if product not in self.products:
            raise ConfigError(f"unknown product {product!r} (case has {', '.join(self.products)})",
                              field="product")
        return self.products.index(product)


def pos_param(case: Case, product: Product) -> tuple[str, Param]:
    """The probability of success of ``product``: its own, its stage's, or 1 if marketed."""
    if product.pos is not None:
        return f"products[{product.id}].pos", product.pos
    if product.stage in case.pos_by_stage:
        return f"pos_by_stage.{product.stage}", case.pos_by_stage[product.stage]
    return f"products[{product.id}].stage", Param(value=1.0, unit="probability", kind="fact",
                                                   note=f"stage {product.stage}")


def run(case: Case, inputs: Inputs | None = None, *, sampled: bool = False) -> Result:
    """Run the forecast. ``sampled`` draws approvals from PoS (needs ``inputs.values[APPROVAL]``);
    otherwise every product with PoS > 0 launches (the conditional-on-approval view)."""
    ins = inputs or Inputs()
    years = np.arange(case.years.start, case.years.end + 1, dtype=np.int64)
    markets = [m.id for m in case.markets]
    pids = [p.id for p in case.products]

    eligible = funnel.eligible(case, ins, years)                          # (T, M, Y)
    rate = funnel.treatment_rate(case, ins, years)                        # (T, M, Y)
    uplift = funnel.volume_uplift(case, ins, years)                       # (T, M, P, Y)
    treated = eligible * np.minimum(rate, 1.0)

    pos = []
    for p in case.products:
        path, prm = pos_param(case, p)
        pos.append(ins.get(path, prm, role="pos"))          # a rival's approval moves every share
    pos_arr = np.stack(np.broadcast_arrays(*pos), axis=-1)                # (T, P)
    approved = ins.values[APPROVAL] < pos_arr if sampled else pos_arr > 0
    launch = _launch(case, ins, markets)                                  # (T, M, P)
    ramp = _ramps(case, ins, launch, years)                               # (T, M, P, Y)
    score, adj = _profiles(case, ins)
    sm = case.share
    shares = share.shares(
        approved, launch, score,
        ins.get("share.oe_exponent", sm.oe_exponent, role="share"),
        ins.get("share.oe_weight", sm.oe_weight, role="share"),
        ins.get("share.profile_elasticity", sm.profile_elasticity, role="share"),
        adj, ramp)

    starts = treated[:, :, None, :] * shares                             # (T, M, P, Y)
    if any(r.volume_uplift is not None for r in case.pricing.rules):
        starts = starts * uplift
    per_product = []
    for j, p in enumerate(case.products):
        comp = ins.get(f"products[{p.id}].compliance", p.compliance, products=(p.id,), role="volume")
        own = starts[:, :, j, :]
        if p.therapy == "time_limited":
            assert p.dot_months is not None
            dot = ins.get(f"products[{p.id}].dot_months", p.dot_months, products=(p.id,), role="volume")
            kern = uptake.exposure_kernel(dot)                            # (T, lags): months per start
            months = np.zeros(np.broadcast_shapes(own.shape, (kern.shape[0], 1, 1)))
            for lag in range(kern.shape[-1]):
                months[:, :, lag:] += own[:, :, : own.shape[-1] - lag] * kern[:, None, lag, None]
            own = months
        per_product.append(own * comp[:, None, None])
    volume = np.stack(np.broadcast_arrays(*per_product), axis=2)
    price = funnel.prices(case, ins, years)                               # (T, M, P, Y) net, case currency
    revenue = volume * price
    if any(p.loe for p in case.products):
        revenue = revenue * funnel.erosion(case, ins, years)              # (T, M, P, Y)
    revenue = funnel.nhi_expansion(case, ins, years, revenue)
    return Result(case, years, markets, pids, revenue, volume, shares, treated, eligible,
                  np.broadcast_to(approved, (revenue.shape[0], len(pids))),
                  np.array([float(np.mean(x)) for x in pos]), dict(ins.slots))


def _launch(case: Case, ins: Inputs, markets: list[str]) -> FloatArray:
    cols = []
    for p in case.products:
        dated = {m: to_month(d.value) for m, d in p.launch.items() if m != "*"}
        first = min(dated.values()) if dated else None
        row = []
        for m in markets:
            d = p.launch.get(m)
            if d is None and "*" in p.launch and m not in p.launch_lag:
                d = p.launch["*"]
            if d is not None:
                where = m if m in p.launch else "*"
                ins.slots.setdefault(f"products[{p.id}].launch.{where}", Slot(
                    f"products[{p.id}].launch.{where}", Param(value=to_month(d.value), unit="year",
                                                              kind=d.kind, source=d.source, note=d.note),
                    (m,), None, "launch"))
                row.append(np.array([to_month(d.value)]))
                continue
            lag = p.launch_lag.get(m) or p.launch_lag.get("*")
            if lag is None or first is None:
                row.append(np.array([np.inf]))
                continue
            where = m if m in p.launch_lag else "*"
            row.append(first + ins.get(f"products[{p.id}].launch_lag.{where}", lag, markets=(m,), role="launch"))
        cols.append(np.stack(np.broadcast_arrays(*row), axis=-1))         # (T, M)
    return np.stack(np.broadcast_arrays(*cols), axis=-1)


def _ramps(case: Case, ins: Inputs, launch: FloatArray, years: NDArray[np.int64]) -> FloatArray:
    """Yearly-average uptake of each product's curve from its launch: (T, M, P, Y)."""
    out = []
    for j, p in enumerate(case.products):
        up = p.uptake or case.uptake
        where = f"products[{p.id}].uptake" if p.uptake else "uptake"
        b: FloatArray | None = None
        if up.curve == "bass":
            assert up.p is not None and up.q is not None
            a = ins.get(f"{where}.p", up.p, role="uptake")
            b = ins.get(f"{where}.q", up.q, role="uptake")[:, None, None]
        else:
            assert up.years is not None
            a = ins.get(f"{where}.years", up.years, role="uptake")
        out.append(uptake.yearly_average(up.curve, a[:, None, None], b, launch[:, :, j], years))
    return np.stack(np.broadcast_arrays(*out), axis=2)


def _profiles(case: Case, ins: Inputs) -> tuple[FloatArray, FloatArray]:
    weights = case.share.attribute_weights
    scores, adjs = [], []
    for p in case.products:
        total: FloatArray = np.array([0.0])
        for attr, w in weights.items():
            if attr not in p.profile:
                raise ConfigError(f"products[{p.id}].profile lacks {attr!r}, which share.attribute_weights "
                                  f"weighs", field=f"products[{p.id}].profile.{attr}")
            wv = ins.get(f"share.attribute_weights.{attr}", w, role="share")
            sv = ins.get(f"products[{p.id}].profile.{attr}", p.profile[attr], role="share")
            total = total + wv * sv
        if not weights:
            total = np.array([1.0])
        scores.append(total)
        adjs.append(ins.get(f"products[{p.id}].adjust", p.adjust, role="share"))
    return (np.stack(np.broadcast_arrays(*scores), axis=-1),
            np.stack(np.broadcast_arrays(*adjs), axis=-1))
