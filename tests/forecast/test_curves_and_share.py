"""Uptake curves, the exposure kernel and the order-of-entry / profile share model."""

from __future__ import annotations

import numpy as np
import pytest

from racecard.forecast import share, uptake


@pytest.mark.parametrize(("p", "q", "expected"), [
    (0.03, 0.38, [0.04, 0.09, 0.15, 0.23, 0.33]),   # METHOD.md s.2.4, slow primary care
    (0.05, 0.45, [0.06, 0.15, 0.26, 0.39, 0.53]),   # METHOD.md s.2.4, specialist
])
def test_bass_matches_the_published_examples(p: float, q: float, expected: list[float]) -> None:
    f = uptake.bass(np.arange(1.0, 6.0), np.array(p), np.array(q))
    assert np.allclose(f, expected, atol=0.006)


@pytest.mark.parametrize("curve", ["bass", "time_to_peak"])
def test_closed_form_integral_equals_numeric_integral(curve: str) -> None:
    a, b = (np.array(0.05), np.array(0.45)) if curve == "bass" else (np.array(2.5), None)
    tau = np.linspace(0, 12, 120001)
    u = uptake.bass(tau, a, b) if b is not None else uptake.time_to_peak(tau, a)
    numeric = np.concatenate([[0.0], np.cumsum((u[1:] + u[:-1]) / 2 * np.diff(tau))])
    closed = uptake.integral(curve, tau, a, b)
    assert np.allclose(closed, numeric, atol=1e-6)


def test_yearly_average_counts_only_the_months_on_the_market() -> None:
    years = np.arange(2020, 2024)
    # time to peak 1 year, launched 1 July 2021: half a year in 2021 at the slow start
    avg = uptake.yearly_average("time_to_peak", np.array([1.0]), None, np.array([2021.5]), years)[0]
    x = 0.5
    assert avg[0] == pytest.approx(0.0)
    assert avg[1] == pytest.approx(x**3 - x**4 / 2)          # integral of smoothstep over [0, 0.5]
    assert avg[2] == pytest.approx((0.5 - (x**3 - x**4 / 2)) + 0.5)
    assert avg[3] == pytest.approx(1.0)
    never = uptake.yearly_average("time_to_peak", np.array([1.0]), None, np.array([np.inf]), years)
    assert not never.any()


def test_exposure_kernel_spreads_the_mean_over_the_years() -> None:
    k = uptake.exposure_kernel(np.array([6.0, 12.0]), lags=6)
    assert k.sum(axis=-1) == pytest.approx([6.0, 12.0], rel=1e-3)
    assert k[0, 0] > k[0, 1] > k[0, 2]
    assert k[1, 1] / k[1, 0] > k[0, 1] / k[0, 0]                # longer therapy spills more


def test_order_of_entry_weights_match_the_table() -> None:
    assert np.allclose(share.oe_weights(2), [0.586, 0.414], atol=5e-4)
    assert np.allclose(share.oe_weights(3), [0.438, 0.310, 0.253], atol=5e-4)
    assert np.allclose(share.oe_weights(4), [0.359, 0.254, 0.207, 0.180], atol=5e-4)


def _run_share(approved: list[bool], launch: list[float], score: list[float], omega: float = 1.0,
               ramp: np.ndarray | None = None) -> np.ndarray:
    p = len(launch)
    years = 3
    ramp = np.ones((1, 1, p, years)) if ramp is None else ramp
    return share.shares(np.array([approved]), np.array([[launch]]), np.array([score]), np.array([0.5]),
                        np.array([omega]), np.array([1.0]), np.ones((1, p)), ramp)[0, 0]


def test_full_ramp_gives_the_order_of_entry_shares() -> None:
    s = _run_share([True, True, True], [2020.0, 2021.0, 2022.0], [1.0, 1.0, 1.0])
    assert np.allclose(s[:, -1], share.oe_weights(3))
    assert s[:, -1].sum() == pytest.approx(1.0)


def test_same_day_launches_share_a_rank_and_profile_decides() -> None:
    s = _run_share([True, True], [2020.0, 2020.0], [3.0, 1.0], omega=0.0)
    assert np.allclose(s[:, -1], [0.75, 0.25])
    s = _run_share([True, True], [2020.0, 2020.0], [3.0, 1.0], omega=1.0)
    assert np.allclose(s[:, -1], [0.5, 0.5])


def test_an_unapproved_product_changes_nothing() -> None:
    with_c = _run_share([True, True, False], [2020.0, 2021.0, 2022.0], [1.0, 2.0, 5.0], omega=0.5)
    without = _run_share([True, True], [2020.0, 2021.0], [1.0, 2.0], omega=0.5)
    assert np.allclose(with_c[:2], without)
    assert not with_c[2].any()


def test_a_newcomer_gains_what_incumbents_lose_along_its_ramp() -> None:
    ramp = np.array([[[[1.0, 1.0, 1.0], [0.0, 0.25, 1.0]]]])      # the second product ramps in
    s = _run_share([True, True], [2020.0, 2021.0], [1.0, 1.0], omega=1.0, ramp=ramp)
    w2 = share.oe_weights(2)[1]
    assert np.allclose(s[1], [0.0, 0.25 * w2, w2])
    assert np.allclose(s.sum(axis=0), 1.0)


def _reference_shares(approved: np.ndarray, launch: np.ndarray, score: np.ndarray, a: np.ndarray,
                      omega: np.ndarray, lam: np.ndarray, adj: np.ndarray, ramp: np.ndarray) -> np.ndarray:
    """The event-by-event definition, one trial and market at a time, in plain loops."""
    t_n, m_n, p_n = launch.shape
    out = np.zeros((t_n, m_n, p_n, ramp.shape[-1]))
    for t in range(t_n):
        for m in range(m_n):
            on = [k for k in range(p_n) if approved[t, k] and np.isfinite(launch[t, m, k])]
            events = sorted(on, key=lambda k: (launch[t, m, k], k))

            def target(present: list[int], t: int = t, m: int = m) -> np.ndarray:
                tgt = np.zeros(p_n)
                if not present:
                    return tgt
                rank = {k: 1 + sum(launch[t, m, j] < launch[t, m, k] for j in present) for k in present}
                oe = np.array([rank[k] ** -a[t] if k in present else 0.0 for k in range(p_n)])
                pr = np.array([score[t, k] ** lam[t] if k in present else 0.0 for k in range(p_n)])
                mix = (omega[t] * oe / oe.sum() + (1 - omega[t]) * pr / pr.sum()) * adj[t]
                return mix / mix.sum()

            for i, e in enumerate(events):
                delta = target(events[: i + 1]) - target(events[:i])
                out[t, m] += delta[:, None] * ramp[t, m, e][None, :]
    return out


def test_vectorised_shares_equal_the_event_by_event_definition() -> None:
    rng = np.random.default_rng(5)
    for _ in range(10):
        t, m, p, y = 4, 3, 5, 6
        approved = rng.random((t, p)) < 0.75
        launch = np.round(rng.uniform(2015, 2025, (t, m, p)) * 2) / 2          # with same-day launches
        launch[rng.random((t, m, p)) < 0.2] = np.inf
        args = (approved, launch, rng.uniform(0.1, 2, (t, p)), rng.uniform(0.2, 0.8, t), rng.uniform(0, 1, t),
                rng.uniform(0.5, 3, t), rng.uniform(0.5, 1.5, (t, p)), rng.uniform(0, 1, (t, m, p, y)))
        assert np.allclose(share.shares(*args), _reference_shares(*args), atol=1e-12)
