"""A 1-D bowl covered in ripples: many local minima around one global minimum."""

from __future__ import annotations

from math import cos, sin

import numpy as np

from ._base import Landscape
from ._roots import stationary_points_1d

__all__ = ["rippled_bowl"]

_CACHE = {}


def _f(x):
    x = x[..., 0]
    return (
        (0.15 * x) ** 2
        + np.cos(x)
        + np.sin(3 * x) / 3
        + np.cos(5 * x) / 5
        + np.sin(7 * x) / 7
    )


def _d1(x):
    return 0.045 * x - np.sin(x) + np.cos(3 * x) - np.sin(5 * x) + np.cos(7 * x)


def _d2(x):
    return 0.045 - np.cos(x) - 3 * np.sin(3 * x) - 5 * np.cos(5 * x) - 7 * np.sin(7 * x)


def _grad(x):
    return _d1(x)


def _hess(x):
    return _d2(x)[..., None]


def _fast_grad(x):
    # One point: the same operations in the same order on Python floats
    # (math.sin/cos agree with numpy's bit for bit), four times faster.
    if x.shape == (1,):
        v = float(x[0])
        return np.array([0.045 * v - sin(v) + cos(3 * v) - sin(5 * v) + cos(7 * v)])
    return _d1(x)


def _fast_hess(x):
    if x.shape == (1,):
        v = float(x[0])
        return np.array(
            [[0.045 - cos(v) - 3 * sin(3 * v) - 5 * cos(5 * v) - 7 * sin(7 * v)]]
        )
    return _hess(x)


def rippled_bowl():
    r"""A bowl covered in ripples: 27 local minima in :math:`[-20, 20]`, one of them global.

    .. math::

        f(x) &= (0.15x)^2 + \cos x + \tfrac13\sin 3x + \tfrac15\cos 5x + \tfrac17\sin 7x\\
        f'(x) &= 0.045x - \sin x + \cos 3x - \sin 5x + \cos 7x\\
        f''(x) &= 0.045 - \cos x - 3\sin 3x - 5\cos 5x - 7\sin 7x

    A test function for comparing optimisers, run from :math:`x_0 = -20`;
    ``window`` and ``ylim`` give the plotting range :math:`x \in [-20, 20]`,
    :math:`y \in [-2, 10]`. Its stationary points in that window are
    computed once, numerically, to full float64 precision (``local_minima``,
    ``local_maxima``); ``minimisers`` holds the lowest of the local minima
    (the global minimiser, since :math:`f` grows like :math:`0.0225x^2`
    outside the window while the ripples are bounded by
    :math:`1 + 1/3 + 1/5 + 1/7`).

    Returns
    -------
    Landscape
        One-dimensional, with exact ``grad`` and ``hess``.

    Examples
    --------
    >>> from lrcourse.landscapes import rippled_bowl
    >>> land = rippled_bowl()
    >>> len(land.local_minima), len(land.local_maxima)
    (27, 27)
    >>> print(f"{land.f(-20.0):.4f}  {land.grad(-20.0)[0]:.4f}")
    9.5421  -1.6436
    """
    if "land" not in _CACHE:
        mins, maxs = stationary_points_1d(_d1, _d2, -20.0, 20.0)
        best = mins[np.argmin(_f(mins[:, None]))]
        _CACHE["land"] = Landscape(
            "rippled_bowl",
            {},
            1,
            _f,
            _grad,
            _hess,
            window=[(-20.0, 20.0)],
            ylim=(-2.0, 10.0),
            minimisers=[best],
            local_minima=mins,
            local_maxima=maxs,
            fast=(_fast_grad, _fast_hess),
        )
    return _CACHE["land"]
