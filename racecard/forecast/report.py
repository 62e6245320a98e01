"""Render a :class:`~racecard.forecast.api.Report` as a text table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

import numpy as np

from racecard.forecast.api import Report


def _m(x: float) -> str:
    """Money in millions, no decimals (or '-' when missing)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x / 1e6:,.0f}"


def _table(head: list[str], rows: list[list[str]], title: str) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
    line = "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(head, widths, strict=True)))
    out = [title, line, "-" * len(line)]
    for r in rows:
        out.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                             for i, (c, w) in enumerate(zip(r, widths, strict=True))))
    return "\n".join(out) + "\n"


def render_table(rep: Report, *, inputs: bool = False) -> str:
    res, case = rep.result, rep.loaded.case
    cur = case.currency
    yi = res.year_index(rep.year)
    kinds: dict[str, int] = {}
    for s in res.slots.values():
        kinds[s.param.kind] = kinds.get(s.param.kind, 0) + 1
    counted = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
    parts = [f"{case.id}: {case.title}\nscenario: {rep.loaded.scenario or 'base'}; {cur} millions, net; "
             f"point forecast conditional on approval (risk-adjusted = x PoS)\n"
             f"inputs: {len(res.slots)} ({counted}); list them with --inputs\n"]
    years = [int(y) for y in res.years]
    head = ["product", *[str(y) for y in years]]
    rows = [[p, *[_m(float(res.revenue[0, :, j, k].sum())) for k in range(len(years))]]
            for j, p in enumerate(res.products)]
    rows.append(["all products", *[_m(float(res.revenue[0, :, :, k].sum())) for k in range(len(years))]])
    parts.append(_table(head, rows, f"Revenue by product ({cur}m)"))
    head = ["market", "eligible", "treated", *res.products, "total"]
    rows = []
    for i, m in enumerate(res.markets):
        rows.append([m, f"{float(res.eligible[0, i, yi]):,.0f}", f"{float(res.treated[0, i, yi]):,.0f}",
                     *[_m(float(res.revenue[0, i, j, yi])) for j in range(len(res.products))],
                     _m(float(res.revenue[0, i, :, yi].sum()))])
    parts.append(_table(head, rows, f"By market, {rep.year} (patients; {cur}m)"))
    head = ["product", "PoS", f"{rep.year}", "risk-adj."]
    rows = [[p, f"{res.pos[j]:.3f}", _m(float(res.revenue[0, :, j, yi].sum())),
             _m(float(res.revenue[0, :, j, yi].sum() * res.pos[j]))] for j, p in enumerate(res.products)]
    parts.append(_table(head, rows, "Probability of success"))
    if rep.simulation is not None:
        sim = rep.simulation
        rows = []
        for j, (label, series) in enumerate([(p, sim.product_series(p)) for p in res.products]
                                            + [("market", sim.market_series())]):
            q = np.percentile(series[:, yi], [10, 50, 90])
            ok = sim.approved[:, j] if j < len(res.products) else np.ones(sim.trials, dtype=bool)
            cond = np.percentile(series[ok, yi], [10, 50, 90]) if ok.any() else [np.nan] * 3
            rows.append([label, _m(q[0]), _m(q[1]), _m(q[2]), _m(float(series[:, yi].mean())),
                         f"{float((series[:, yi] > 1e9).mean()):.2f}", f"{float(ok.mean()):.2f}",
                         f"{_m(cond[0])} / {_m(cond[1])} / {_m(cond[2])}"])
        parts.append(_table(["", "P10", "P50", "P90", "mean", "P(>1bn)", "approved", "if approved P10/50/90"], rows,
                            f"Monte Carlo, {sim.trials:,} trials (seed {sim.seed}), {rep.year}, {cur}m; "
                            f"{len(sim.drawn)} inputs drawn, approvals drawn from PoS"))
    if rep.bars:
        rows = [[b.path, f"{b.low_input:.4g}", f"{b.high_input:.4g}", _m(b.low), _m(b.high), _m(b.range), b.kind]
                for b in rep.bars]
        parts.append(_table(["input", "P10", "P90", "at P10", "at P90", "range", "kind"], rows,
                            f"Tornado: {rep.product or 'market'} {rep.year} ({cur}m; base {_m(rep.bars[0].base)})"))
    if rep.scenarios:
        keys = list(next(iter(rep.scenarios.values())))
        rows = [[name, *[_m(v[k]) for k in keys]] for name, v in rep.scenarios.items()]
        parts.append(_table(["scenario", *keys], rows, f"Scenarios, {rep.year} ({cur}m, conditional)"))
    if rep.backtest is not None:
        bt = rep.backtest
        rows = [[str(r.year), _m(r.model), _m(r.actual), _m(r.in_scope), f"{r.error:+.1%}"] for r in bt.rows]
        parts.append(_table(["year", "model", "actual", "in scope", "error"], rows,
                            f"Backtest: {bt.product} (x{bt.sales_fraction:g} of actuals; scenario "
                            f"{bt.scenario or 'base'}), MAPE {bt.mape:.1%}" + (f"\n{bt.note}" if bt.note else "")))
    if rep.reconciliation:
        rows = [[r.subject, r.metric, str(r.year), r.by[:24], r.their_scope[:28], _m(r.published),
                 r.our_scope[:26], _m(r.ours) if r.ours is not None else "-",
                 _m(r.ours_risk_adjusted) if r.ours_risk_adjusted is not None else "-",
                 f"{r.ratio:.2f}" if r.ratio is not None else "-"] for r in rep.reconciliation]
        drivers = f"{rep.product or 'market'}: " + (", ".join(b.path for b in rep.bars[:3]) or "-")
        if rep.product is not None:
            drivers += "; market: " + (", ".join(b.path for b in rep.market_bars[:3]) or "-")
        parts.append(_table(["subject", "metric", "year", "by", "their scope", "published", "our scope", "ours",
                             "ours r-a", "ratio"], rows,
                            f"Reconciliation with published forecasts ({cur}m; ratio = ours risk-adjusted / "
                            f"published)\ntop tornado drivers: {drivers}")
                     + "".join(f"  note [{r.subject} {r.year}]: {r.note}\n" for r in rep.reconciliation if r.note))
    if inputs:
        rows = [[s.path, f"{s.param.value:.6g}", s.param.unit[:24], s.param.kind, (s.param.source or "-")[:70]]
                for s in rep.lineage(rep.product)]
        parts.append(_table(["input", "value", "unit", "kind", "source"], rows,
                            f"Inputs behind {rep.product or 'the market'} ({len(rows)})"))
    return "\n".join(parts)


def to_dict(rep: Report) -> dict[str, Any]:
    res, case = rep.result, rep.loaded.case
    years = [int(y) for y in res.years]
    out: dict[str, Any] = {
        "case": case.id, "title": case.title, "scenario": rep.loaded.scenario, "currency": case.currency,
        "years": years, "markets": res.markets, "products": res.products, "report_year": rep.year,
        "pos": dict(zip(res.products, [float(x) for x in res.pos], strict=True)),
        "revenue": {p: {m: [float(v) for v in res.revenue[0, i, j]] for i, m in enumerate(res.markets)}
                    for j, p in enumerate(res.products)},
        "patients": {"eligible": {m: [float(v) for v in res.eligible[0, i]] for i, m in enumerate(res.markets)},
                     "treated": {m: [float(v) for v in res.treated[0, i]] for i, m in enumerate(res.markets)}},
        "inputs": {p: [s.path for s in rep.lineage(p)] for p in res.products},
        "params": {s.path: {"value": s.param.value, "unit": s.param.unit, "kind": s.param.kind,
                            "source": s.param.source, "note": s.param.note} for s in res.slots.values()},
        "scenarios": rep.scenarios,
        "tornado": [b.__dict__ for b in rep.bars],
        "tornado_market": [b.__dict__ for b in rep.market_bars],
        "reconciliation": [r.__dict__ for r in rep.reconciliation],
    }
    if rep.simulation is not None:
        sim = rep.simulation
        out["monte_carlo"] = {
            "trials": sim.trials, "seed": sim.seed, "drawn": sim.drawn,
            "p_approval": dict(zip(sim.products, [float(x) for x in sim.approved.mean(axis=0)], strict=True)),
            "fan": {},
        }
        pairs: list[tuple[str, str | None]] = [*[(p, p) for p in sim.products], ("market", None)]
        for label, one in pairs:
            band = rep.fan(one)
            assert band is not None
            out["monte_carlo"]["fan"][label] = {q: [float(v) for v in row]
                                                for q, row in zip(("p10", "p50", "p90"), band, strict=True)}
    if rep.backtest is not None:
        bt = rep.backtest
        out["backtest"] = {"product": bt.product, "scenario": bt.scenario, "sales_fraction": bt.sales_fraction,
                           "mape": bt.mape, "note": bt.note, "rows": [r.__dict__ for r in bt.rows]}
    return out


def render_json(rep: Report) -> str:
    return json.dumps(_clean(to_dict(rep)), indent=1, allow_nan=False) + "\n"


def _clean(x: Any) -> Any:
    """JSON has no NaN or infinity: write them as null."""
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    return x


def render_csv(rep: Report) -> str:
    """Long format: section, product, market, year, metric, value."""
    res = rep.result
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["section", "product", "market", "year", "metric", "value"])
    for j, p in enumerate(res.products):
        for i, m in enumerate(res.markets):
            for k, y in enumerate(res.years):
                w.writerow(["revenue", p, m, int(y), "net_revenue", f"{float(res.revenue[0, i, j, k]):.2f}"])
                w.writerow(["volume", p, m, int(y), "units", f"{float(res.volume[0, i, j, k]):.2f}"])
    if rep.simulation is not None:
        pairs: list[tuple[str, str | None]] = [*[(p, p) for p in res.products], ("market", None)]
        for label, one in pairs:
            fan = rep.fan(one)
            assert fan is not None
            for q, row in zip(("p10", "p50", "p90"), fan, strict=True):
                for k, y in enumerate(res.years):
                    w.writerow(["monte_carlo", label, "all", int(y), q, f"{float(row[k]):.2f}"])
    for b in rep.bars:
        w.writerow(["tornado", rep.product or "market", "all", rep.year, f"{b.path}@p10", f"{b.low:.2f}"])
        w.writerow(["tornado", rep.product or "market", "all", rep.year, f"{b.path}@p90", f"{b.high:.2f}"])
    if rep.backtest is not None:
        for r in rep.backtest.rows:
            w.writerow(["backtest", rep.backtest.product, "all", r.year, "model", f"{r.model:.2f}"])
            w.writerow(["backtest", rep.backtest.product, "all", r.year, "actual_in_scope", f"{r.in_scope:.2f}"])
            w.writerow(["backtest", rep.backtest.product, "all", r.year, "error", f"{r.error:.4f}"])
    for rr in rep.reconciliation:
        w.writerow(["reconciliation", rr.subject, rr.our_scope, rr.year, "published", f"{rr.published:.2f}"])
        if rr.ours_risk_adjusted is not None:
            w.writerow(["reconciliation", rr.subject, rr.our_scope, rr.year, "ours_risk_adjusted",
                        f"{rr.ours_risk_adjusted:.2f}"])
    return buf.getvalue()
