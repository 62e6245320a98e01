"""Uptake curves U(tau) (0 at launch, 1 at peak) and their yearly averages on a monthly grid.

- Bass: F(tau) = (1 - exp(-(p+q) tau)) / (1 + (q/p) exp(-(p+q) tau)).
- Time to peak: smoothstep 3x^2 - 2x^3 with x = min(tau / years, 1).

The yearly average of a curve started at time L over year [y, y+1) is the exact
integral of the curve over that year (closed forms below), so a launch in late May
counts seven months of a slow start, not a whole year.
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


def integral(curve: str, tau: FloatArray, a: FloatArray, b: FloatArray | None) -> FloatArray:
    """G(tau) = integral of U from 0 to tau (0 for tau <= 0), in closed form.

    Bass: G = tau + (1 + c) / (b c) ln((1 + c e^(-b tau)) / (1 + c)), with b = p + q, c = q / p.
    Time to peak T: G = T (x^3 - x^4 / 2) for x = tau / T <= 1, then T / 2 + (tau - T).
    """
    t = np.maximum(tau, 0.0)
    if curve == "bass":
        assert b is not None
        p = np.maximum(a, 1e-9)
        rate = p + b
        c = np.maximum(b / p, 1e-12)
        return np.asarray(t + (1.0 + c) / (rate * c) * np.log((1.0 + c * np.exp(-rate * t)) / (1.0 + c)))
    years = np.maximum(a, 1e-9)
    x = np.minimum(t / years, 1.0)
    return np.asarray(years * (x**3 - 0.5 * x**4) + np.maximum(t - years, 0.0))


def yearly_average(curve: str, a: FloatArray, b: FloatArray | None, launch: FloatArray,
                   years: NDArray[np.int64]) -> FloatArray:
    """Average of U over each year [y, y+1) for a curve started at ``launch``.

    ``a``/``b``: (p, q) for Bass or (years, None) for time to peak, shape (T, M, P, 1)
    or broadcastable; ``launch``: (T, M, P) in fractional years (inf = never).
    Returns (T, M, P, Y). A launch in late May counts seven months of a slow start.
    """
    edges = np.append(years, years[-1] + 1).astype(np.float64)
    tau = edges - np.where(np.isfinite(launch), launch, np.inf)[..., None]
    g = integral(curve, tau, a, b)
    return np.asarray(np.diff(g, axis=-1))


def exposure_kernel(mean_months: FloatArray, lags: int = 4) -> FloatArray:
    """Share of a year's starts' months on drug that fall in the same year and the next ones.

    Starts are spread evenly over the year (month midpoints); time on drug is
    exponential with the given mean. Returns months on drug per start by lag,
    shape ``mean_months.shape + (lags,)``; the lags sum to the mean (the last lag
    holds the tail).
    """
    d = np.maximum(mean_months, 1e-6)[..., None, None] / 12.0          # mean in years
    s = ((np.arange(12) + 0.5) / 12.0)[:, None]                          # start times
    edges = np.arange(lags + 1, dtype=np.float64)[None, :]
    lo = np.maximum(edges[:, :-1], s)
    hi = np.maximum(edges[:, 1:], s)
    years_on = d * (np.exp(-(lo - s) / d) - np.exp(-(hi - s) / d))      # (..., 12, lags)
    years_on[..., -1] += (d * np.exp(-(lags - s) / d))[..., 0]            # the tail goes in the last lag
    return np.asarray(years_on.mean(axis=-2) * 12.0)
