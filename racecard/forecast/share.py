"""Product share: order of entry (1/n^a) blended with a profile score, re-targeted at each launch.

At every launch (an event) the set of products on the market changes and each product
gets a new target share::

    S_OE_j      = n_j^-a / sum_k n_k^-a            (n = order of entry; ties share a rank)
    S_profile_j = U_j^lambda / sum_k U_k^lambda    (U = weighted profile score)
    S*_j        = (w S_OE_j + (1 - w) S_profile_j) adj_j, renormalised

The change in target at an event ramps in along the uptake curve of the product that
launched, so a newcomer's gain and the incumbents' loss move together and the class
shares add up to the first entrant's ramp (1 once it has peaked). A product that is not
approved in a trial never launches there: its event changes nothing.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def _targets(present: BoolArray, rank: FloatArray, score: FloatArray, a: FloatArray,
             omega: FloatArray, lam: FloatArray, adj: FloatArray) -> FloatArray:
    """Blended target shares over the last axis for the products in ``present``."""
    pres = present.astype(np.float64)
    oe = pres * np.power(np.maximum(rank, 1.0), -a)
    oe_sum = oe.sum(axis=-1, keepdims=True)
    oe = np.divide(oe, oe_sum, out=np.zeros_like(oe), where=oe_sum > 0)
    pr = pres * np.power(np.maximum(score, 1e-12), lam)
    pr_sum = pr.sum(axis=-1, keepdims=True)
    pr = np.divide(pr, pr_sum, out=np.zeros_like(pr), where=pr_sum > 0)
    mix = (omega * oe + (1.0 - omega) * pr) * adj
    mix_sum = mix.sum(axis=-1, keepdims=True)
    return np.asarray(np.divide(mix, mix_sum, out=np.zeros_like(mix), where=mix_sum > 0), dtype=np.float64)


def shares(approved: BoolArray, launch: FloatArray, score: FloatArray, a: FloatArray, omega: FloatArray,
           lam: FloatArray, adj: FloatArray, ramp: FloatArray) -> FloatArray:
    """Share of the treated pool per product and year.

    Shapes: ``approved`` (T, P); ``launch`` (T, M, P) in years, inf = not launched;
    ``score``/``adj`` (T, P); ``a``/``omega``/``lam`` (T,); ``ramp`` (T, M, P, Y), the
    yearly-average uptake of the curve each product starts at its launch.
    Returns (T, M, P, Y).
    """
    p = launch.shape[-1]
    on = approved[:, None, :] & np.isfinite(launch)                          # (T, M, P)
    key = np.where(on, launch, np.inf) + np.arange(p) * 1e-9                # tie-break by order
    ke, kk = key[..., :, None], key[..., None, :]                            # (T, M, E, 1), (T, M, 1, K)
    after = on[..., None, :] & (kk <= ke) & on[..., :, None]
    before = on[..., None, :] & (kk < ke) & on[..., :, None]
    lk = np.where(on, launch, np.inf)
    earlier = (lk[..., :, None] < lk[..., None, :]).astype(np.float64)      # (T, M, J, K): J before K
    rank_after = 1.0 + after.astype(np.float64) @ earlier
    rank_before = 1.0 + before.astype(np.float64) @ earlier
    sc = score[:, None, None, :]
    ad = adj[:, None, None, :]
    a4, w4, l4 = (np.asarray(x).reshape(-1, 1, 1, 1) for x in (a, omega, lam))
    delta = (_targets(after, rank_after, sc, a4, w4, l4, ad)
             - _targets(before, rank_before, sc, a4, w4, l4, ad))            # (T, M, E, K)
    return np.asarray(np.swapaxes(delta, -1, -2) @ ramp)                     # (T, M, K, Y)


def oe_weights(n: int, a: float = 0.5) -> list[float]:
    """Normalised order-of-entry weights for n entrants: n^-a / sum k^-a."""
    w = np.arange(1, n + 1, dtype=np.float64) ** -a
    return [float(x) for x in w / w.sum()]
