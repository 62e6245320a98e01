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


def _normalise(x: FloatArray) -> FloatArray:
    total = x.sum(axis=-1, keepdims=True)
    return np.asarray(np.divide(x, total, out=np.zeros_like(x), where=total > 0), dtype=np.float64)


def _targets(present: FloatArray, oe: FloatArray, prof: FloatArray, omega: FloatArray,
             adj: FloatArray) -> FloatArray:
    """Blended target shares over the last axis for the products in ``present`` (0/1)."""
    mix = (omega * _normalise(present * oe) + (1.0 - omega) * _normalise(present * prof)) * adj
    return _normalise(mix)


def shares(approved: BoolArray, launch: FloatArray, score: FloatArray, a: FloatArray, omega: FloatArray,
           lam: FloatArray, adj: FloatArray, ramp: FloatArray) -> FloatArray:
    """Share of the treated pool per product and year.

    Shapes: ``approved`` (T, P); ``launch`` (T, M, P) in years, inf = not launched;
    ``score``/``adj`` (T, P); ``a``/``omega``/``lam`` (T,); ``ramp`` (T, M, P, Y), the
    yearly-average uptake of the curve each product starts at its launch.
    Returns (T, M, P, Y).

    A product's order of entry is the same in every set it belongs to (the products
    launched before it are in any set that holds it), so ranks and the order-of-entry
    and profile weights are computed once per market; each event only masks them.
    """
    p = launch.shape[-1]
    on = approved[:, None, :] & np.isfinite(launch)                          # (T, M, P)
    lk = np.where(on, launch, np.inf)
    rank = 1.0 + (on[..., :, None] & (lk[..., :, None] < lk[..., None, :])).sum(axis=-2)   # (T, M, K)
    oe = np.where(on, np.power(rank, -np.asarray(a).reshape(-1, 1, 1)), 0.0)[:, :, None, :]
    prof = np.power(np.maximum(score, 1e-12), np.asarray(lam).reshape(-1, 1))[:, None, None, :]
    key = lk + np.arange(p) * 1e-9                                           # tie-break by order
    ke, kk = key[..., :, None], key[..., None, :]                            # (T, M, E, 1), (T, M, 1, K)
    valid = on[..., :, None]
    after = (on[..., None, :] & (kk <= ke) & valid).astype(np.float64)
    w4 = np.asarray(omega).reshape(-1, 1, 1, 1)
    ad = adj[:, None, None, :]
    target = _targets(after, oe, prof, w4, ad)                               # (T, M, E, K) after launch E
    # the target just before launch E is the target after the launch that preceded it
    order = np.argsort(key, axis=-1)                                         # launch order
    prev = np.empty_like(order)
    np.put_along_axis(prev, order, np.concatenate([order[..., :1], order[..., :-1]], axis=-1), -1)
    first = np.zeros(order.shape, dtype=bool)
    np.put_along_axis(first, order[..., :1], True, -1)
    t = max(target.shape[0], prev.shape[0])
    before = np.take_along_axis(np.broadcast_to(target, (t, *target.shape[1:])),
                                np.broadcast_to(prev, (t, *prev.shape[1:]))[..., None], axis=2)
    before = np.where(first[..., None], 0.0, before)
    delta = np.where(valid, target - before, 0.0)                            # (T, M, E, K)
    return np.asarray(np.swapaxes(delta, -1, -2) @ ramp)                     # (T, M, K, Y)


def oe_weights(n: int, a: float = 0.5) -> list[float]:
    """Normalised order-of-entry weights for n entrants: n^-a / sum k^-a."""
    w = np.arange(1, n + 1, dtype=np.float64) ** -a
    return [float(x) for x in w / w.sum()]
