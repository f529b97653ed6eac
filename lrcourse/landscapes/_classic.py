"""Rosenbrock's valley, a saddle and a cliff."""

from __future__ import annotations

import numpy as np

from .._validation import check_real
from ._base import Landscape
from ._roots import stationary_points_1d

__all__ = ["cliff", "rosenbrock", "saddle"]


def rosenbrock(a=1.0, b=100.0):
    r"""Rosenbrock's banana valley.

    .. math::

        f(x, y) = (a - x)^2 + b\,(y - x^2)^2, \qquad
        \nabla f = \begin{pmatrix} -2(a-x) - 4bx(y-x^2) \\ 2b(y-x^2) \end{pmatrix}, \qquad
        \nabla^2 f = \begin{pmatrix} 2 - 4b(y - 3x^2) & -4bx \\ -4bx & 2b \end{pmatrix}

    Parameters
    ----------
    a : float, default 1
        Position of the minimiser :math:`(a, a^2)`.
    b : float, default 100
        Steepness of the valley walls, > 0.

    Returns
    -------
    Landscape

    Examples
    --------
    >>> from lrcourse.landscapes import rosenbrock
    >>> r = rosenbrock()
    >>> r.minimisers
    array([[1., 1.]])
    >>> r.grad([[0.0, 0.0], [1.0, 0.0]])
    array([[  -2.,    0.],
           [ 400., -200.]])
    """
    a = check_real("a", a)
    b = check_real("b", b, gt=0)

    def f(p):
        x, y = p[..., 0], p[..., 1]
        return (a - x) ** 2 + b * (y - x * x) ** 2

    def grad(p):
        x, y = p[..., 0], p[..., 1]
        r = y - x * x
        return np.stack([-2 * (a - x) - 4 * b * x * r, 2 * b * r], axis=-1)

    def hess(p):
        x, y = p[..., 0], p[..., 1]
        hxx = 2 - 4 * b * (y - 3 * x * x)
        hxy = -4 * b * x
        hyy = np.full_like(x, 2 * b)
        return np.stack([np.stack([hxx, hxy], -1), np.stack([hxy, hyy], -1)], -2)

    return Landscape(
        "rosenbrock", {"a": a, "b": b}, 2, f, grad, hess,
        window=[(min(-2.0, a - 3), max(2.0, a + 1)), (min(-1.0, a * a - 2), max(3.0, a * a + 2))],
        minimisers=[[a, a * a]],
    )


def saddle():
    r"""A saddle between two minima.

    .. math::

        f(x, y) = \tfrac12 x^2 + \tfrac14 y^4 - \tfrac12 y^2, \qquad
        \nabla f = (x,\; y^3 - y), \qquad
        \nabla^2 f = \mathrm{diag}(1,\; 3y^2 - 1)

    The origin is a saddle point (curvatures 1 and -1); the minimisers are
    :math:`(0, \pm 1)` with :math:`f = -1/4`. Started on the line
    :math:`y = 0`, gradient methods converge to the saddle.

    Returns
    -------
    Landscape

    Examples
    --------
    >>> from lrcourse.landscapes import saddle
    >>> s = saddle()
    >>> s.saddle_points, s.f(s.minimisers)
    (array([[0., 0.]]), array([-0.25, -0.25]))
    """

    def f(p):
        x, y = p[..., 0], p[..., 1]
        return 0.5 * x * x + 0.25 * y**4 - 0.5 * y * y

    def grad(p):
        x, y = p[..., 0], p[..., 1]
        return np.stack([x, y**3 - y], axis=-1)

    def hess(p):
        x, y = p[..., 0], p[..., 1]
        z = np.zeros_like(x)
        return np.stack(
            [np.stack([np.ones_like(x), z], -1), np.stack([z, 3 * y * y - 1], -1)], -2
        )

    return Landscape(
        "saddle", {}, 2, f, grad, hess,
        window=[(-2.0, 2.0), (-2.0, 2.0)],
        minimisers=[[0.0, -1.0], [0.0, 1.0]],
        saddle_points=[[0.0, 0.0]],
    )


def cliff(height=5.0, steepness=10.0, position=0.0):
    r"""A gentle bowl with a cliff: a sudden drop of ``height`` at ``position``.

    .. math::

        f(x) &= \tfrac18 (x - c - 3)^2 + h\,\bigl(1 - \sigma(s(x - c))\bigr), \qquad
        \sigma(z) = \tfrac12\bigl(1 + \tanh\tfrac z2\bigr)\\
        f'(x) &= \tfrac14 (x - c - 3) - h s\, \sigma'(s(x-c)), \qquad
        \sigma' = \tfrac14\bigl(1 - \tanh^2\tfrac z2\bigr)\\
        f''(x) &= \tfrac14 + h s^2\, \sigma'(z) \tanh\tfrac z2

    At the edge the slope is about :math:`hs/4` (12.5 by default): a fixed
    learning rate that suits the bowl throws the iterate far beyond the
    minimiser. This is the exploding-gradient picture of Pascanu et al.
    (2013) that gradient clipping addresses.

    Parameters
    ----------
    height : float, default 5
        :math:`h` > 0.
    steepness : float, default 10
        :math:`s` > 0.
    position : float, default 0
        :math:`c`, where the cliff is.

    Returns
    -------
    Landscape
        One-dimensional; the minimiser (near :math:`c + 3`) is computed to
        full precision.

    Examples
    --------
    >>> from lrcourse.landscapes import cliff
    >>> c = cliff()
    >>> print(f"{c.grad(0.0)[0]:.3f}")
    -13.250
    >>> print(f"{c.minimisers[0, 0]:.6f}")
    3.000000
    """
    h = check_real("height", height, gt=0)
    s = check_real("steepness", steepness, gt=0)
    c = check_real("position", position)

    def f1(x):
        z = s * (x - c)
        return 0.125 * (x - c - 3) ** 2 + h * 0.5 * (1 - np.tanh(0.5 * z))

    def d1(x):
        th = np.tanh(0.5 * s * (x - c))
        return 0.25 * (x - c - 3) - h * s * 0.25 * (1 - th * th)

    def d2(x):
        th = np.tanh(0.5 * s * (x - c))
        return 0.25 + h * s * s * 0.25 * (1 - th * th) * th

    lo, hi = c - 6.0, c + 8.0
    mins, maxs = stationary_points_1d(d1, d2, lo, hi)
    best = mins[np.argmin(f1(mins))]
    return Landscape(
        "cliff",
        {"height": h, "steepness": s, "position": c},
        1,
        lambda x: f1(x[..., 0]),
        d1,
        lambda x: d2(x)[..., None],
        window=[(lo, hi)],
        ylim=(-0.5, h + 3.0),
        minimisers=[best],
        local_minima=mins,
        local_maxima=maxs,
    )
