"""Forecast engine speed: 10,000 Monte Carlo trials x 8 markets x 15 years.

The case is generated here (8 markets, 8 products, 15 years; every rate, price, share
and uptake input carries a distribution and approvals are drawn from PoS), so the
benchmark does not depend on ../shared. The baseline runs the same engine one trial at
a time (a per-trial Python loop, as a spreadsheet add-in would) on a smaller number of
trials and is scaled to 10,000; both paths draw the same inputs, and the script checks
that they agree.

Run: .venv/bin/python benchmarks/forecast.py [--trials 10000] [--baseline 100]
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np

from racecard.forecast.case import SCHEMA
from racecard.forecast.engine import APPROVAL, Inputs, run
from racecard.forecast.loader import validate
from racecard.forecast.montecarlo import drawn_slots, simulate
from racecard.forecast.params import sample

MARKETS = ["US", "France", "Germany", "Italy", "Spain", "UK", "Japan", "China"]


def tri(value: float, low: float, high: float) -> dict[str, Any]:
    return {"value": value, "dist": {"type": "triangular", "low": low, "high": high}}


def make_case(products: int = 6) -> dict[str, Any]:
    rng = np.random.default_rng(42)
    stages = ["marketed", "marketed", "filed", "phase3", "phase3", "phase2"]
    prods = []
    for j in range(products):
        first = 2020 + j
        prods.append({
            "id": f"drug{j}", "stage": stages[j % len(stages)],
            "launch": {"US": f"{first}-0{1 + j % 9}"},
            "launch_lag": {"*": tri(1.0, 0.5, 2.0)},
            "loe": {"*": str(2031 + j)} if j < 2 else {},
            "profile": {"efficacy": tri(float(rng.uniform(0.2, 0.6)), 0.1, 0.7)},
            "price": {m: {"value": tri(30000.0 if m == "US" else 15000.0, 10000.0, 40000.0)} for m in MARKETS},
            "uptake": {"curve": "bass", "p": tri(0.05, 0.03, 0.08), "q": tri(0.45, 0.3, 0.6)},
            "compliance": tri(0.9, 0.8, 1.0),
            "target": j == 3,
        })
    return {
        "schema": SCHEMA, "id": "bench", "years": {"start": 2019, "end": 2033},
        "markets": [{"id": m, "currency": "USD"} for m in MARKETS],
        "segments": [{"id": "adults", "base_year": 2023, "population": {m: 5e7 for m in MARKETS},
                      "rate": tri(0.05, 0.03, 0.08), "growth": tri(0.005, 0.0, 0.01),
                      "steps": [{"name": "diagnosed", "kind": "diagnosis", "value": tri(0.6, 0.4, 0.8)},
                                {"name": "moderate-severe", "kind": "severity", "value": tri(0.5, 0.4, 0.6)}]}],
        "treatment_rate": {"start": 0.0, "end": tri(0.05, 0.03, 0.08), "start_year": 2019, "end_year": 2033},
        "products": prods,
        "share": {"oe_exponent": tri(0.5, 0.3, 0.8), "oe_weight": tri(0.5, 0.25, 0.75),
                  "profile_elasticity": tri(2.0, 1.0, 3.0), "attribute_weights": {"efficacy": 1.0}},
        "pricing": {"gtn": tri(0.2, 0.1, 0.3), "annual_change": tri(0.02, 0.0, 0.04),
                    "rules": [{"kind": "cut", "market": "Japan", "date": "2026-04", "every_years": 2,
                               "cut": tri(0.05, 0.02, 0.08)},
                              {"kind": "cut", "market": "China", "date": "2025-01", "cut": tri(0.5, 0.4, 0.65),
                               "volume_uplift": tri(2.0, 1.3, 3.0)}]},
        "pos_by_stage": {"filed": 0.906, "phase3": 0.524, "phase2": 0.151},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=10_000)
    ap.add_argument("--baseline", type=int, default=100, help="trials run one at a time for the baseline")
    ap.add_argument("--products", type=int, default=8)
    args = ap.parse_args()
    case = validate(make_case(args.products), "benchmark")
    run(case)                                            # warm up imports and caches
    t0, c0 = time.perf_counter(), time.process_time()
    sim = simulate(case, args.trials, seed=1)
    vec, cpu = time.perf_counter() - t0, time.process_time() - c0
    t, m, p, y = sim.revenue.shape
    print(f"vectorised Monte Carlo: {t:,} trials x {m} markets x {p} products x {y} years "
          f"in {vec:.3f} s wall, {cpu:.3f} s CPU ({t / vec:,.0f} trials/s; {len(sim.drawn)} inputs drawn; "
          f"wall time grows when other jobs share the cores)")

    # Baseline: the same draws, one trial per engine call.
    slots = drawn_slots(run(case).slots)
    rng = np.random.default_rng(7)
    n = args.baseline
    values = {s.path: sample(s.param, n, rng) for s in slots}
    values[APPROVAL] = rng.random((n, p))
    t0 = time.perf_counter()
    loop = [run(case, Inputs({k: v[i:i + 1] for k, v in values.items()}), sampled=True).revenue[0]
            for i in range(n)]
    per_trial = (time.perf_counter() - t0) / n
    together = run(case, Inputs(values), sampled=True).revenue
    diff = float(np.max(np.abs(np.stack(loop) - together)) / max(float(np.max(np.abs(together))), 1.0))
    scaled = per_trial * t
    print(f"baseline per-trial loop: {n} trials in {per_trial * n:.3f} s -> {scaled:.1f} s scaled to {t:,} trials "
          f"(same draws agree to {diff:.1e} relative)")
    print(f"speed-up: {scaled / vec:,.0f}x")
    q = np.percentile(sim.product_series("drug3")[:, -1], [10, 50, 90]) / 1e6
    print(f"drug3 {int(sim.years[-1])} revenue P10/P50/P90: {q[0]:,.0f} / {q[1]:,.0f} / {q[2]:,.0f} USDm")


if __name__ == "__main__":
    main()
