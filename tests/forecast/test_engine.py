"""The engine on a hand-checkable case: funnel, share, uptake, price, FX, LOE, rules, lineage."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from racecard.forecast.engine import Inputs, run
from racecard.forecast.loader import LoadedCase, load_case, validate, with_scenario
from racecard.forecast.montecarlo import simulate, tornado
from racecard.forecast.share import oe_weights

TINY = Path(__file__).parent / "data" / "tiny.yaml"


def _raw() -> dict[str, Any]:
    data = yaml.safe_load(TINY.read_text())
    assert isinstance(data, dict)
    return data


def _revenue(raw: dict[str, Any], product: str = "alpha", market: str = "US") -> np.ndarray:
    res = run(validate(raw, "test"))
    return np.asarray(res.revenue[0, res.markets.index(market), res.product_index(product)])


def test_point_forecast_by_hand() -> None:
    res = run(load_case(TINY).case)
    us, jp = res.markets.index("US"), res.markets.index("Japan")
    a, b = res.product_index("alpha"), res.product_index("beta")
    # 10,000 x 0.5 moderate-to-severe x 0.2 treated = 1,000 on the class in the US
    assert res.treated[0, us] == pytest.approx(np.full(7, 1000.0))
    w_alpha = 0.5 * oe_weights(2)[0] + 0.5 * 0.5        # half order of entry, half (equal) profile
    per_patient = 1000 * 0.9                              # price less 10% gross-to-net
    expected_alpha = 1000 * per_patient * np.array([
        0.5, 1, 1, 1 - (1 - w_alpha) * 0.5, w_alpha, w_alpha, w_alpha])
    assert res.revenue[0, us, a] == pytest.approx(expected_alpha)
    assert res.revenue[0, us, b] == pytest.approx(1000 * per_patient * (1 - w_alpha) * np.array(
        [0, 0, 0, 0.5, 1, 1, 1]))
    # Japan: half the patients, JPY 100,000 at 0.01 USD per JPY; beta never launches there
    assert res.revenue[0, jp, a, 1:] == pytest.approx(np.full(6, 500 * per_patient))
    assert not res.revenue[0, jp, b].any()
    assert res.pos[b] == pytest.approx(0.5)


def test_price_rules_and_loss_of_exclusivity() -> None:
    raw = _raw()
    raw["pricing"]["rules"] = [{"kind": "cut", "market": "US", "products": ["alpha"], "date": "2022-07", "cut": 0.2}]
    raw["products"][0]["loe"] = {"US": "2024-01"}
    raw["erosion"] = {"floor": 0.25, "rate": 1.0}
    base = _revenue(_raw())
    rev = _revenue(raw)
    assert rev[:2] == pytest.approx(base[:2])
    assert rev[2] / base[2] == pytest.approx(1 - 0.2 * 0.5)                # half of 2022 after the cut
    retained = 0.25 + 0.75 * (1 - np.exp(-1.0))                           # average over the first LOE year
    assert rev[4] / base[4] == pytest.approx(0.8 * retained)
    assert rev[6] < rev[5] < rev[4]


def test_repeating_cut_and_nhi_expansion_trigger() -> None:
    raw = _raw()
    raw["pricing"]["rules"] = [
        {"kind": "cut", "market": "Japan", "date": "2022-01", "every_years": 2, "cut": 0.1},
        {"kind": "nhi_expansion", "market": "Japan", "threshold": 60000000, "cut": 0.25, "lag_months": 0},
    ]
    base = _revenue(_raw(), market="Japan")
    rev = _revenue(raw, market="Japan")
    assert rev / base == pytest.approx([1, 1, 0.9, 0.9, 0.81, 0.81, 0.729])   # JPY 45m a year: no trigger
    raw["pricing"]["rules"][1]["threshold"] = 20000000.0                      # passed in 2020 (JPY 22.5m)
    rev = _revenue(raw, market="Japan")
    assert rev[0] / base[0] == pytest.approx(1.0)
    assert rev[1:] / base[1:] == pytest.approx(np.array([1, 0.9, 0.9, 0.81, 0.81, 0.729]) * 0.75)


def test_time_limited_therapy_uses_months_on_drug() -> None:
    raw = _raw()
    raw["products"] = raw["products"][:1]
    raw["products"][0].update({"therapy": "time_limited", "dot_months": 6.0})
    rev = _revenue(raw)
    # at steady state every start brings 6 months; a year of 1,000 starts -> 6,000 months
    assert rev[6] == pytest.approx(6000 * 1000 * 0.9, rel=1e-3)
    assert rev[0] < 0.5 * rev[6]
    raw["products"][0]["dot_months"] = 12.0
    assert _revenue(raw)[6] == pytest.approx(2 * rev[6], rel=1e-2)


def test_segments_add_up_and_split_shares_a_regional_total() -> None:
    raw = _raw()
    raw["segments"][0]["count"] = {"value": 15000.0}
    raw["segments"][0]["split"] = {"US": [2.0], "Japan": [1.0]}
    res = run(validate(raw, "t"))
    assert res.eligible[0, :, 0] == pytest.approx([5000.0, 2500.0])
    two = copy.deepcopy(_raw())
    two["segments"].append({**copy.deepcopy(two["segments"][0]), "id": "teens"})
    assert run(validate(two, "t")).eligible[0, 0, 0] == pytest.approx(10000.0)


def test_scenarios_override_and_compose() -> None:
    loaded = load_case(TINY)
    no_beta = with_scenario(loaded, "no_beta")
    res = run(no_beta.case)
    assert res.revenue[0, 0, res.product_index("alpha"), 4] == pytest.approx(900000.0)
    both = with_scenario(loaded, "no_beta+wide")
    assert run(both.case).revenue[0, 0, 0, 4] == pytest.approx(2 * 900000.0)
    slot = run(both.case).slots["treatment_rate.start.*"]
    assert "scenario wide" in (slot.param.note or "")


def test_lineage_lists_the_inputs_of_each_product() -> None:
    res = run(load_case(TINY).case)
    paths = set(res.slots)
    assert {"products[alpha].price.US.value", "products[beta].price.US.value", "pricing.gtn.*",
            "segments[adults].count.US", "markets[Japan].fx", "products[beta].pos"} <= paths
    alpha = {s.path for s in res.slots.values() if s.products is None or "alpha" in s.products}
    assert "products[alpha].price.US.value" in alpha
    assert "products[beta].price.US.value" not in alpha
    assert res.slots["segments[adults].count.US"].param.source == "https://example.org/epi"


def test_monte_carlo_is_seeded_and_point_inputs_are_deterministic() -> None:
    case = load_case(TINY).case
    a = simulate(case, 500, seed=3, chunk=128)
    b = simulate(case, 500, seed=3)
    assert np.array_equal(a.revenue, b.revenue)
    assert set(a.drawn) == {"segments[adults].steps[0].value.*", "treatment_rate.start.*"}
    assert 0.4 < a.approved[:, 1].mean() < 0.6                 # beta's PoS is 0.5
    fixed = copy.deepcopy(_raw())
    del fixed["segments"][0]["steps"][0]["value"]["dist"]
    fixed["treatment_rate"]["start"] = 0.2
    fixed["products"][1]["pos"] = 1.0
    sim = simulate(validate(fixed, "t"), 50, seed=1)
    point = run(validate(fixed, "t")).revenue[0]
    assert np.allclose(sim.revenue, point[None], rtol=1e-6)


def test_tornado_ranks_the_wider_swing_first() -> None:
    bars = tornado(load_case(TINY).case, product="alpha", year=2025)
    assert [b.path for b in bars] == ["treatment_rate.start.*", "segments[adults].steps[0].value.*"]
    rate = bars[0]
    assert rate.low_input == pytest.approx(0.12) and rate.high_input == pytest.approx(0.28)
    assert rate.low == pytest.approx(rate.base * 0.6) and rate.high == pytest.approx(rate.base * 1.4)


def test_inputs_override_one_value_per_trial() -> None:
    case = load_case(TINY).case
    res = run(case, Inputs({"products[alpha].price.US.value": np.array([1000.0, 2000.0])}))
    assert res.revenue[1, 0, 0, 2] == pytest.approx(2 * res.revenue[0, 0, 0, 2])


def test_loaded_case_keeps_its_raw_mapping() -> None:
    loaded = load_case(TINY)
    assert isinstance(loaded, LoadedCase) and loaded.raw["id"] == "tiny" and loaded.scenario is None


def test_a_single_drawn_input_anywhere_broadcasts_over_trials() -> None:
    raw = _raw()
    raw["treatment_rate"]["start"] = 0.2
    del raw["segments"][0]["steps"][0]["value"]["dist"]
    raw["products"][0].update({"therapy": "time_limited",
                               "dot_months": {"value": 6.0, "dist": {"type": "uniform", "low": 3, "high": 9}}})
    sim = simulate(validate(raw, "t"), 20, seed=0)
    assert sim.revenue.shape[0] == 20 and len(set(sim.revenue[:, 0, 0, -1].tolist())) == 20
    raw = _raw()
    raw["treatment_rate"]["start"] = 0.2
    del raw["segments"][0]["steps"][0]["value"]["dist"]
    raw["pricing"]["rules"] = [{"kind": "nhi_expansion", "market": "Japan", "cut": 0.25, "lag_months": 0,
                                "threshold": {"value": 40000000, "dist": {"type": "uniform", "low": 1, "high": 8e7}}}]
    sim = simulate(validate(raw, "t"), 50, seed=0)
    assert len(set(sim.revenue[:, 1, 0, -1].round().tolist())) == 2          # triggered or not
