"""Newton's method and regularised (damped) Newton."""

from __future__ import annotations

import numpy as np

from .._validation import check_real
from ._base import Optimizer, hyper

__all__ = ["newton", "regularised_newton"]


def newton(lr=1.0, *, alpha=0.0):
    r"""Newton's method, optionally regularised: solve the local quadratic model.

    .. math:: x_{k+1} = x_k - \eta_k\,(H_k + \alpha I)^{-1} g_k, \qquad H_k = \nabla^2 f(x_k)

    Plain Newton (:math:`\alpha = 0`) jumps to the stationary point of the
    local quadratic model, whatever its kind: it is attracted by maxima and
    saddles as much as by minima. With :math:`\alpha \gg |H|` the step tends
    to :math:`g_k/\alpha`, gradient descent with rate :math:`1/\alpha`.
    Each step solves an :math:`n \times n` system: :math:`O(n^3)`.

    Parameters
    ----------
    lr : float or Schedule, default 1.0
        Step multiplier :math:`\eta_k` >= 0 (1 is the pure Newton step).
    alpha : float, default 0
        :math:`\alpha` >= 0 added to the Hessian's diagonal.

    Returns
    -------
    Optimizer
        With ``needs_hessian=True``: :func:`lrcourse.optim.run` needs a
        landscape with ``hess`` (or ``hess=``).

    Raises
    ------
    TypeError
        If ``lr`` is neither a real number nor a schedule, or ``alpha`` is not
        a real number.
    ValueError
        If ``lr`` or ``alpha`` is negative or not finite.
    numpy.linalg.LinAlgError
        During a run in more than one dimension, if :math:`H_k + \alpha I` is
        singular.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed.,
       Springer, 2006, chapters 3 and 4 (Newton's method, and the
       regularised step of trust-region methods).
    .. [2] Y. N. Dauphin et al., "Identifying and attacking the saddle point
       problem in high-dimensional non-convex optimization", NeurIPS 2014,
       arXiv:1406.2572 (Newton is attracted by saddles).

    Examples
    --------
    One Newton step solves a quadratic exactly:

    >>> import numpy as np
    >>> from lrcourse.optim import newton, run
    >>> from lrcourse.landscapes import quadratic
    >>> traj = run(newton(), quadratic(condition_number=100.0), x0=[1.0, 1.0], steps=1)
    >>> print(np.abs(traj.x[1]).max())
    0.0
    """
    lr = hyper("lr", lr, ge=0)
    alpha = check_real("alpha", alpha, ge=0)

    def step(x, g, h, slots, t, hp):
        n = x.size
        if n == 1:
            return x - hp[0] * (g / (h.reshape(1) + alpha)), slots
        a = h + alpha * np.eye(n) if alpha else h
        d = np.linalg.solve(a, g.reshape(n)).reshape(x.shape)
        return x - hp[0] * d, slots

    return Optimizer(
        "regularised_newton" if alpha else "newton",
        {"lr": lr, "alpha": alpha},
        hyper_names=("lr",),
        slot_names=(),
        init_slots=lambda x: (),
        step=step,
        needs_hessian=True,
    )


def regularised_newton(alpha, *, lr=1.0):
    r"""Regularised Newton: :func:`newton` with :math:`H + \alpha I`.

    .. math:: x_{k+1} = x_k - \eta_k\,(H_k + \alpha I)^{-1} g_k

    Parameters
    ----------
    alpha : float
        :math:`\alpha` >= 0.
    lr : float or Schedule, default 1.0
        :math:`\eta_k` >= 0.

    Returns
    -------
    Optimizer

    Raises
    ------
    TypeError, ValueError, numpy.linalg.LinAlgError
        As in :func:`newton`.

    References
    ----------
    .. [1] K. Levenberg, "A method for the solution of certain non-linear
       problems in least squares", Quarterly of Applied Mathematics 2(2), 1944.
    .. [2] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed.,
       Springer, 2006, chapter 4.

    Examples
    --------
    >>> from lrcourse.optim import regularised_newton
    >>> regularised_newton(2.0).params["alpha"]
    2.0
    """
    return newton(lr, alpha=alpha)
