"""Uptake curves U(tau) (0 at launch, 1 at peak) and their yearly averages on a monthly grid.

- Bass: F(tau) = (1 - exp(-(p+q) tau)) / (1 + (q/p) exp(-(p+q) tau)).
- Time to peak: smoothstep 3x^2 - 2x^3 with x = min(tau / years, 1).

The yearly average of a curve started at time L over year [y, y+1) is read from the
cumulative sum of the curve at month midpoints, so a launch in late May counts seven
months of a slow start, not a whole year.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def bass(tau: FloatArray, p: FloatArray, q: FloatArray) -> FloatArray:
    """Cumulative Bass adoption F(tau); 0 for tau <= 0."""
    p = np.maximum(p, 1e-9)
    e = np.exp(-(p + q) * np.maximum(tau, 0.0))
    return np.where(tau > 0, (1.0 - e) / (1.0 + (q / p) * e), 0.0)


def time_to_peak(tau: FloatArray, years: FloatArray) -> FloatArray:
    """Smoothstep from 0 at launch to 1 at ``years`` after it (flat afterwards)."""
    x = np.clip(tau / np.maximum(years, 1e-9), 0.0, 1.0)
    return x * x * (3.0 - 2.0 * x)


def monthly_cumsum(curve: str, a: FloatArray, b: FloatArray | None, months: int) -> FloatArray:
    """Cumulative sum over month midpoints of U, shape ``a.shape + (months + 1,)``.

    ``a``/``b`` are (p, q) for Bass or (years, None) for time-to-peak; shape (T, P).
    """
    tau = (np.arange(months) + 0.5) / 12.0
    shape = (*a.shape, 1)
    if curve == "bass":
        assert b is not None
        u = bass(tau, a.reshape(shape), b.reshape(shape))
    else:
        u = time_to_peak(tau, a.reshape(shape))
    out = np.zeros((*a.shape, months + 1))
    np.cumsum(u, axis=-1, out=out[..., 1:])
    return out


def yearly_average(cum: FloatArray, launch: FloatArray, years: NDArray[np.int64]) -> FloatArray:
    """Average U over each year for curves started at ``launch``.

    ``cum``: (T1, P, N+1) from :func:`monthly_cumsum`; ``launch``: (T2, M, P) in
    fractional years (inf = never); returns (T, M, P, Y).
    """
    n = cum.shape[-1] - 1
    finite = np.isfinite(launch)
    start = np.where(finite, np.round(launch * 12.0), 0.0)[..., None]   # month index of launch
    first = years.astype(np.float64)[None, None, None, :] * 12.0 - start
    lo = np.clip(first, 0, n).astype(np.int64)
    hi = np.clip(first + 12.0, 0, n).astype(np.int64)
    t1, p = cum.shape[0], cum.shape[1]
    tt = launch.shape[0] if t1 == 1 else t1
    base = (np.arange(t1)[:, None, None, None] * p + np.arange(p)[None, None, :, None]) * (n + 1)
    flat = cum.reshape(-1)
    avg = (flat[base + hi] - flat[base + lo]) / 12.0
    avg = np.where(finite[..., None], avg, 0.0)
    if avg.shape[0] != tt:
        avg = np.broadcast_to(avg, (tt, *avg.shape[1:]))
    return avg


def exposure_kernel(mean_months: FloatArray, lags: int = 4) -> FloatArray:
    """Share of a year's starts' months on drug that fall in the same year and the next ones.

    Starts are spread evenly over the year (month midpoints); time on drug is
    exponential with the given mean. Returns months on drug per start by lag,
    shape ``mean_months.shape + (lags,)``; the lags sum to the mean (less the tail).
    """
    d = np.maximum(mean_months, 1e-6)[..., None, None] / 12.0          # mean in years
    s = ((np.arange(12) + 0.5) / 12.0)[:, None]                          # start times
    edges = np.arange(lags + 1, dtype=np.float64)[None, :]
    lo = np.maximum(edges[:, :-1], s)
    hi = np.maximum(edges[:, 1:], s)
    years_on = d * (np.exp(-(lo - s) / d) - np.exp(-(hi - s) / d))      # (..., 12, lags)
    return np.asarray(years_on.mean(axis=-2) * 12.0)
