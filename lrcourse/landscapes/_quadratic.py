"""Quadratic bowls: chosen condition number, optionally with gradient noise."""

from __future__ import annotations

import numpy as np

from .._validation import check_int, check_real
from ._base import Landscape

__all__ = ["noisy_quadratic", "quadratic"]


def _matrix(condition_number, dim, angle, scale):
    eig = scale * np.geomspace(1.0, condition_number, dim) if dim > 1 else np.array([scale])
    if dim == 2 and angle:
        c, s = np.cos(angle), np.sin(angle)
        r = np.array([[c, -s], [s, c]])
        a = (r * eig) @ r.T
        return 0.5 * (a + a.T), eig
    return np.diag(eig), eig


def _quadratic_parts(condition_number, dim, angle, scale):
    condition_number = check_real("condition_number", condition_number, ge=1)
    dim = check_int("dim", dim, ge=1)
    angle = check_real("angle", angle)
    scale = check_real("scale", scale, gt=0)
    if angle and dim != 2:
        raise ValueError(f"Argument `angle` must be 0 unless dim=2. Received: angle={angle!r}")
    if dim == 1 and condition_number != 1:
        raise ValueError(
            "Argument `condition_number` must be 1 when dim=1 (one curvature). "
            f"Received: condition_number={condition_number!r}"
        )
    a, eig = _matrix(condition_number, dim, angle, scale)

    def f(x):
        return 0.5 * np.einsum("...i,ij,...j->...", x, a, x)

    def grad(x):
        return x @ a

    def hess(x):
        return np.broadcast_to(a, (*x.shape, dim)).copy()

    params = {"condition_number": condition_number, "dim": dim, "angle": angle, "scale": scale}
    half = 3.0 / np.sqrt(eig)
    window = [(-h, h) for h in (half.max(),) * dim] if dim > 1 else [(-half[0], half[0])]
    return params, a, f, grad, hess, window


def quadratic(condition_number=10.0, dim=2, *, angle=0.0, scale=1.0):
    r"""A quadratic bowl with a chosen condition number.

    .. math::

        f(x) = \tfrac12 x^\top A x, \qquad \nabla f = A x, \qquad \nabla^2 f = A,
        \qquad A = R\,\mathrm{diag}(\lambda_1, \dots, \lambda_n) R^\top

    with curvatures :math:`\lambda_i` geometrically spaced from ``scale`` to
    ``scale * condition_number`` and :math:`R` a rotation by ``angle`` (2-D).
    Gradient descent is stable for :math:`\eta < 2/\lambda_{\max}`.

    Parameters
    ----------
    condition_number : float, default 10
        :math:`\kappa = \lambda_{\max}/\lambda_{\min}` >= 1 (1 when ``dim=1``).
    dim : int, default 2
        Number of coordinates >= 1.
    angle : float, default 0
        Rotation of the principal axes in radians (``dim=2`` only).
    scale : float, default 1
        The smallest curvature :math:`\lambda_{\min}` > 0.

    Returns
    -------
    Landscape
        Minimiser at the origin.

    Examples
    --------
    >>> from lrcourse.landscapes import quadratic
    >>> q = quadratic(condition_number=100.0)
    >>> q.f([[1.0, 1.0], [0.0, 1.0]])
    array([50.5, 50. ])
    >>> q.hess([0.0, 0.0])
    array([[  1.,   0.],
           [  0., 100.]])
    """
    params, a, f, grad, hess, window = _quadratic_parts(condition_number, dim, angle, scale)
    return Landscape(
        "quadratic", params, params["dim"], f, grad, hess,
        window=window, minimisers=[np.zeros(params["dim"])],
    )


def noisy_quadratic(condition_number=10.0, dim=2, *, noise=1.0, seed=0, angle=0.0, scale=1.0):
    r"""A quadratic bowl whose gradients carry seeded Gaussian noise.

    .. math:: \tilde g_k = A x_k + \sigma\,\xi_k, \qquad \xi_k \sim \mathcal N(0, I)

    ``f``, ``grad`` and ``hess`` are exact (for plots). The noisy gradient is
    what :func:`lrcourse.optim.run` uses: every run draws :math:`\xi_0,
    \xi_1, \dots` from ``numpy.random.default_rng(seed)`` afresh, so the
    same optimiser on the same landscape gives the same trajectory.

    Parameters
    ----------
    condition_number, dim, angle, scale
        As in :func:`quadratic`.
    noise : float, default 1.0
        :math:`\sigma` >= 0.
    seed : int, default 0
        Seed >= 0 of the noise.

    Returns
    -------
    Landscape

    Examples
    --------
    >>> from lrcourse.landscapes import noisy_quadratic
    >>> from lrcourse.optim import gd, run
    >>> land = noisy_quadratic(noise=0.1, seed=1)
    >>> a = run(gd(0.1), land, x0=[1.0, 1.0], steps=5).x
    >>> b = run(gd(0.1), land, x0=[1.0, 1.0], steps=5).x
    >>> bool((a == b).all())
    True
    """
    params, a, f, grad, hess, window = _quadratic_parts(condition_number, dim, angle, scale)
    noise = check_real("noise", noise, ge=0)
    seed = check_int("seed", seed, ge=0)
    params.update(noise=noise, seed=seed)
    n = params["dim"]

    def oracle():
        rng = np.random.default_rng(seed)

        def noisy_grad(x):
            return x @ a + noise * rng.standard_normal(x.shape)

        return noisy_grad

    return Landscape(
        "noisy_quadratic", params, n, f, grad, hess,
        window=window, minimisers=[np.zeros(n)], oracle=oracle,
    )
