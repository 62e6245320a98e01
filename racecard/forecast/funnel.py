"""Patients and prices: the funnel, treatment rate, price rules and loss of exclusivity.

Patients: top (count, or population x rate; a regional count split by weights) grown
from its base year, times each funnel step (diagnosis, severity, biomarker, testing,
line of therapy), times the treatment rate (class penetration, a linear ramp).

Price per unit (patient-year or month on drug), in the case currency::

    list x (1 + annual_change)^(year - price year) x prod(1 - cut x share of year after the cut)
         x (1 - gross-to-net) x FX

Japan's market-expansion re-pricing (:func:`nhi_expansion`) cuts the price from the
year after sales first pass its threshold. After LOE brand revenue keeps
``floor + (1 - floor) exp(-rate tau)``, averaged over each year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from racecard.errors import ConfigError
from racecard.forecast.case import Case
from racecard.forecast.params import FloatArray, Param, to_month

if TYPE_CHECKING:
    from racecard.forecast.engine import Inputs


def _pick(mapping: dict[str, Param], market: str, field: str) -> tuple[str, Param]:
    if market in mapping:
        return f"{field}.{market}", mapping[market]
    if "*" in mapping:
        return f"{field}.*", mapping["*"]
    raise ConfigError(f"no value for market {market!r} and no '*' default", field=field)


def after(date: float, years: NDArray[np.int64]) -> FloatArray:
    """Share of each year [y, y+1) that lies after ``date``."""
    return np.clip(years.astype(np.float64) + 1.0 - date, 0.0, 1.0)


def eligible(case: Case, ins: Inputs, years: NDArray[np.int64]) -> FloatArray:
    """Patients at the end of the funnel, summed over segments: (T, M, Y)."""
    rows = []
    for m in case.markets:
        total: FloatArray = np.zeros((1, len(years)))
        for s in case.segments:
            seg = f"segments[{s.id}]"
            if s.count is not None and s.split is not None:
                path, prm = _pick(s.count, m.id, f"{seg}.count")
                top = ins.get(path, prm, role="funnel")
                weights = {}
                for mk, plist in s.split.items():
                    w: FloatArray = np.array([1.0])
                    for i, wp in enumerate(plist):
                        w = w * ins.get(f"{seg}.split.{mk}[{i}]", wp, markets=(mk,), role="funnel")
                    weights[mk] = w
                if m.id not in weights:
                    raise ConfigError(f"split has no weight for market {m.id!r}", field=f"{seg}.split")
                top = top * weights[m.id] / sum(weights.values())
            elif s.count is not None:
                path, prm = _pick(s.count, m.id, f"{seg}.count")
                top = ins.get(path, prm, markets=(m.id,), role="funnel")
            else:
                assert s.population is not None and s.rate is not None
                path, prm = _pick(s.population, m.id, f"{seg}.population")
                pop = ins.get(path, prm, markets=(m.id,), role="funnel")
                path, prm = _pick(s.rate, m.id, f"{seg}.rate")
                top = pop * ins.get(path, prm, markets=(m.id,), role="funnel")
            g = ins.get(f"{seg}.growth", s.growth, role="funnel")
            top = top[:, None] * (1.0 + g[:, None]) ** (years[None, :] - s.base_year)
            for i, step in enumerate(s.steps):
                path, prm = _pick(step.value, m.id, f"{seg}.steps[{i}].value")
                where = path.rsplit(".", 1)[-1]
                top = top * ins.get(path, prm, markets=(m.id,), role="funnel",
                                    label=f"{s.id}: {step.name} ({where})")[:, None]
            total = total + top
        rows.append(total)
    return np.stack(np.broadcast_arrays(*rows), axis=1)


def treatment_rate(case: Case, ins: Inputs, years: NDArray[np.int64]) -> FloatArray:
    """Share of funnel-end patients treated with the class: (T, M, Y)."""
    r = case.treatment_rate
    rows = []
    for m in case.markets:
        path, prm = _pick(r.start, m.id, "treatment_rate.start")
        start = ins.get(path, prm, markets=(m.id,), role="funnel")[:, None]
        if r.end is None:
            rows.append(np.broadcast_to(start, (start.shape[0], len(years))))
            continue
        assert r.start_year is not None and r.end_year is not None
        path, prm = _pick(r.end, m.id, "treatment_rate.end")
        end = ins.get(path, prm, markets=(m.id,), role="funnel")[:, None]
        x = np.clip((years - r.start_year) / (r.end_year - r.start_year), 0.0, 1.0)[None, :]
        rows.append(start + (end - start) * x)
    return np.stack(np.broadcast_arrays(*rows), axis=1)


def _rule_products(case: Case, products: list[str] | None) -> list[int]:
    ids = [p.id for p in case.products]
    return list(range(len(ids))) if products is None else [ids.index(p) for p in products]


def volume_uplift(case: Case, ins: Inputs, years: NDArray[np.int64]) -> FloatArray:
    """Volume multiplier from reimbursement listings (an NRDL cut with ``volume_uplift``): (T, M, P, Y)."""
    mids = [m.id for m in case.markets]
    factors = []
    for i, r in enumerate(case.pricing.rules):
        if r.volume_uplift is None or r.date is None:
            continue
        u = ins.get(f"pricing.rules[{i}].volume_uplift", r.volume_uplift, markets=(r.market,),
                    products=tuple(r.products) if r.products else None, role="volume")
        frac = after(to_month(r.date.value), years)
        factors.append((r, 1.0 + (u[:, None] - 1.0) * frac[None, :]))       # (T, Y)
    t = max([f.shape[0] for _, f in factors], default=1)
    out = np.ones((t, len(mids), len(case.products), len(years)))
    for r, factor in factors:
        for mi in ([mids.index(r.market)] if r.market != "*" else range(len(mids))):
            for j in _rule_products(case, r.products):
                out[:, mi, j, :] *= factor
    return out


def prices(case: Case, ins: Inputs, years: NDArray[np.int64]) -> FloatArray:
    """Net price per unit in the case currency: (T, M, P, Y)."""
    cells: list[list[FloatArray]] = []
    for m in case.markets:
        gpath, gprm = _pick(case.pricing.gtn, m.id, "pricing.gtn")
        gtn = ins.get(gpath, gprm, markets=(m.id,), role="price")
        cpath, cprm = _pick(case.pricing.annual_change, m.id, "pricing.annual_change")
        change = ins.get(cpath, cprm, markets=(m.id,), role="price")
        fx = ins.get(f"markets[{m.id}].fx", m.fx, markets=(m.id,), role="price")
        row = []
        by_id = {q.id: q for q in case.products}
        for user in case.products:
            p = by_id[user.price_as] if user.price_as else user
            pr = p.price.get(m.id) or p.price.get("*")
            if pr is None:
                if any(m.id in d or "*" in d for d in (user.launch, user.launch_lag)):
                    raise ConfigError(f"product {user.id!r} launches in {m.id} but has no price there",
                                      field=f"products[{p.id}].price.{m.id}")
                row.append(np.zeros((1, len(years))))
                continue
            where = m.id if m.id in p.price else "*"
            base = ins.get(f"products[{p.id}].price.{where}.value", pr.value, markets=(m.id,),
                           products=(user.id,), role="price")
            cur = pr.currency or m.currency
            if cur == case.currency:
                rate: FloatArray = np.array([1.0])
            elif cur == m.currency:
                rate = fx
            else:
                raise ConfigError(f"price currency {cur} is neither the market's ({m.currency}) nor the "
                                  f"case's ({case.currency})", field=f"products[{p.id}].price.{where}.currency")
            year0 = pr.year if pr.year is not None else case.years.start
            series = base[:, None] * (1.0 + change[:, None]) ** (years[None, :] - year0)
            for i, r in enumerate(case.pricing.rules):
                if r.kind != "cut" or r.market not in (m.id, "*") or (r.products and user.id not in r.products):
                    continue
                assert r.date is not None
                cut = ins.get(f"pricing.rules[{i}].cut", r.cut, markets=(m.id,),
                              products=tuple(r.products) if r.products else None, role="price")
                when = to_month(r.date.value)
                while when < years[-1] + 1:
                    series = series * (1.0 - cut[:, None] * after(when, years)[None, :])
                    if r.every_years is None:
                        break
                    when += r.every_years
            row.append(series * (1.0 - gtn[:, None]) * rate[:, None])
        cells.append(row)
    flat = np.broadcast_arrays(*[c for row in cells for c in row])
    t = flat[0].shape[0]
    return np.stack(flat, axis=1).reshape(t, len(case.markets), len(case.products), len(years))


def erosion(case: Case, ins: Inputs, years: NDArray[np.int64]) -> FloatArray:
    """Brand retention after loss of exclusivity, averaged over each year: (T, M, P, Y)."""
    y0 = years.astype(np.float64)
    cells = []
    for m in case.markets:
        for p in case.products:
            loe = p.loe.get(m.id) or p.loe.get("*")
            if loe is None:
                cells.append(np.ones((1, len(years))))
                continue
            er = p.erosion or case.erosion
            where = f"products[{p.id}].erosion" if p.erosion else "erosion"
            floor = ins.get(f"{where}.floor", er.floor, products=(p.id,), role="loe")[:, None]
            lam = np.maximum(ins.get(f"{where}.rate", er.rate, products=(p.id,), role="loe"), 1e-9)[:, None]
            when = to_month(loe.value)
            start = np.maximum(y0, when)[None, :]
            post = np.clip(y0 + 1.0 - start, 0.0, 1.0)
            integral = (np.exp(-lam * (start - when)) - np.exp(-lam * (y0 + 1.0 - when))) / lam
            integral = np.where(post > 0, integral, 0.0)
            cells.append((1.0 - post) + floor * post + (1.0 - floor) * integral)
    flat = np.broadcast_arrays(*cells)
    t = flat[0].shape[0]
    return np.stack(flat, axis=1).reshape(t, len(case.markets), len(case.products), len(years))


def nhi_expansion(case: Case, ins: Inputs, years: NDArray[np.int64], revenue: FloatArray) -> FloatArray:
    """Apply Japan's market-expansion re-pricing: a cut from ``lag_months`` after the year
    in which a product's sales first exceed the threshold (given in local currency)."""
    mids = [m.id for m in case.markets]
    for i, r in enumerate(case.pricing.rules):
        if r.kind != "nhi_expansion" or r.market not in mids:
            continue
        assert r.threshold is not None
        mi = mids.index(r.market)
        fx = ins.get(f"markets[{r.market}].fx", case.markets[mi].fx, markets=(r.market,), role="price")
        thr = ins.get(f"pricing.rules[{i}].threshold", r.threshold, markets=(r.market,), role="price") * fx
        cut = ins.get(f"pricing.rules[{i}].cut", r.cut, markets=(r.market,), role="price")
        t = max(revenue.shape[0], thr.shape[0], cut.shape[0])
        revenue = np.broadcast_to(revenue, (t, *revenue.shape[1:])).copy()
        for j in _rule_products(case, r.products):
            over = revenue[:, mi, j, :] > thr[:, None]
            hit = over.any(axis=-1)
            first = np.where(hit, over.argmax(axis=-1), len(years))
            when = years[0] + first + 1.0 + r.lag_months / 12.0
            frac = np.clip(years[None, :] + 1.0 - when[:, None], 0.0, 1.0)
            revenue[:, mi, j, :] *= 1.0 - cut[:, None] * frac
    return revenue
