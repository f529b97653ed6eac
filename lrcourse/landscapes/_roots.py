"""Stationary points of 1-D functions, to full float64 precision (vectorised)."""

from __future__ import annotations

import numpy as np


def stationary_points_1d(d1, d2, lo, hi, n=200_001):
    """All zeros of ``d1`` in ``[lo, hi]``, split into minima and maxima by ``d2``.

    ``d1`` and ``d2`` map float64 arrays to arrays. A fine grid brackets every
    sign change, 200 bisection rounds shrink all brackets at once (to adjacent
    floats), then the endpoint with the smaller ``|d1|`` is kept. Assumes no
    two zeros closer than the grid spacing (true for the smooth landscapes
    here, whose zeros are at least 0.1 apart).
    """
    xs = np.linspace(lo, hi, n)
    ds = d1(xs)
    idx = np.nonzero(np.sign(ds[:-1]) * np.sign(ds[1:]) < 0)[0]
    a, b = xs[idx], xs[idx + 1]
    da = ds[idx]
    for _ in range(200):
        m = 0.5 * (a + b)
        dm = d1(m)
        left = np.sign(dm) == np.sign(da)
        a = np.where(left, m, a)
        da = np.where(left, dm, da)
        b = np.where(left, b, m)
    roots = np.where(np.abs(d1(a)) <= np.abs(d1(b)), a, b)
    exact = xs[ds == 0]
    roots = np.sort(np.concatenate([roots, exact]))
    curv = d2(roots)
    return roots[curv > 0], roots[curv < 0]
