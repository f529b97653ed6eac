"""Adadelta (Zeiler 2012)."""

from __future__ import annotations

import numpy as np

from .._validation import check_real
from ._base import Optimizer, hyper, weight_decay_args

__all__ = ["adadelta"]


def adadelta(lr=1.0, *, rho=0.9, eps=1e-6, weight_decay=0.0, decoupled_weight_decay=False):
    r"""Adadelta: RMSProp whose step is rescaled by a moving RMS of past steps.

    .. math::

        s_k &= \rho s_{k-1} + (1-\rho) g_k^2, \qquad
        \Delta_k = \frac{\sqrt{u_{k-1} + \epsilon}}{\sqrt{s_k + \epsilon}}\, g_k\\
        u_k &= \rho u_{k-1} + (1-\rho) \Delta_k^2, \qquad
        x_{k+1} = x_k - \eta_k \Delta_k \qquad (s_{-1} = u_{-1} = 0)

    Parameters
    ----------
    lr : float or Schedule, default 1.0
        :math:`\eta_k` >= 0 (the original method has no rate: 1.0).
    rho : float, default 0.9
        :math:`\rho`, 0 <= rho < 1.
    eps : float, default 1e-6
        :math:`\epsilon` >= 0; it also sets the size of the first steps.
    weight_decay, decoupled_weight_decay
        As in :func:`lrcourse.optim.gd`.

    Returns
    -------
    Optimizer

    Raises
    ------
    TypeError
        If ``lr`` is neither a real number nor a schedule, or another
        hyperparameter has the wrong type.
    ValueError
        If ``lr``, ``eps`` or ``weight_decay`` is negative or not finite, or
        ``rho`` is outside [0, 1); for a schedule, when the run reaches a step
        where its value is.

    References
    ----------
    .. [1] M. D. Zeiler, "ADADELTA: An Adaptive Learning Rate Method",
       arXiv:1212.5701, 2012.
    .. [2] PyTorch 2.13, ``Adadelta`` in ``torch/optim/adadelta.py``.

    Examples
    --------
    >>> from lrcourse.optim import adadelta, run
    >>> traj = run(adadelta(), lambda x: 2 * x, x0=[1.0], steps=1)
    >>> print(f"{1 - traj.x[1, 0]:.3e}")   # sqrt(1e-6) / sqrt(0.1 * 4 + 1e-6) * 2
    3.162e-03
    """
    lr = hyper("lr", lr, ge=0)
    rho = check_real("rho", rho, ge=0, lt=1)
    eps = check_real("eps", eps, ge=0)
    wd, dec = weight_decay_args(weight_decay, decoupled_weight_decay)
    one_m_rho = 1.0 - rho

    def init_slots(x):
        return (np.zeros_like(x), np.zeros_like(x))

    def step(x, g, h, slots, t, hp):
        s, u = slots
        s = s * rho + one_m_rho * (g * g)
        delta = np.sqrt(u + eps) / np.sqrt(s + eps) * g
        u = u * rho + one_m_rho * (delta * delta)
        return x - hp[0] * delta, (s, u)

    return Optimizer(
        "adadelta",
        {"lr": lr, "rho": rho, "eps": eps, "weight_decay": wd, "decoupled_weight_decay": dec},
        hyper_names=("lr",),
        slot_names=("mean_sq", "mean_sq_step"),
        init_slots=init_slots,
        step=step,
        weight_decay=wd,
        decoupled=dec,
    )
