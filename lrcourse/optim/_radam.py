"""Rectified Adam (Liu et al. 2020)."""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_real
from ._base import Optimizer, hyper, weight_decay_args

__all__ = ["radam"]


def radam(lr, *, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0,
          decoupled_weight_decay=False):
    r"""RAdam: Adam whose adaptive step is switched on only once its variance is tractable.

    .. math::

        \rho_\infty &= \frac{2}{1-\beta_2} - 1, \qquad
        \rho_t = \rho_\infty - \frac{2 t \beta_2^t}{1-\beta_2^t}, \qquad t = k+1\\
        x_{k+1} &= \begin{cases}
            x_k - \eta_k\, \hat m_k\, r_t\, \dfrac{\sqrt{1-\beta_2^t}}{\sqrt{v_k} + \epsilon}
                & \rho_t > 5\\[1ex]
            x_k - \eta_k\, \hat m_k & \text{otherwise (momentum SGD)}
        \end{cases}\\
        r_t &= \sqrt{\frac{(\rho_t-4)(\rho_t-2)\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\rho_t}}

    with :math:`m_k, v_k, \hat m_k` as in :func:`adam`. With the default
    :math:`\beta_2 = 0.999` the first 5 updates are plain momentum steps:
    a built-in warmup.

    Parameters
    ----------
    lr : float or Schedule
        :math:`\eta_k` >= 0.
    beta1 : float or Schedule, default 0.9
        :math:`\beta_1`, 0 <= beta1 < 1.
    beta2 : float, default 0.999
        :math:`\beta_2`, 0 <= beta2 < 1.
    eps : float, default 1e-8
        :math:`\epsilon` >= 0.
    weight_decay, decoupled_weight_decay
        As in :func:`adam`.

    Returns
    -------
    Optimizer

    Raises
    ------
    TypeError, ValueError
        As in :func:`adam`.

    References
    ----------
    .. [1] L. Liu et al., "On the Variance of the Adaptive Learning Rate and
       Beyond", ICLR 2020, arXiv:1908.03265.
    .. [2] PyTorch 2.13, ``RAdam`` in ``torch/optim/radam.py``.

    Examples
    --------
    The first step is a bias-corrected momentum step, :math:`\eta\,g_0`:

    >>> from lrcourse.optim import radam, run
    >>> traj = run(radam(0.1), lambda x: 2 * x, x0=[5.0], steps=1)
    >>> print(f"{traj.x[1, 0]:.6f}")
    4.000000
    """
    lr = hyper("lr", lr, ge=0)
    b1 = hyper("beta1", beta1, ge=0, lt=1)
    b2 = check_real("beta2", beta2, ge=0, lt=1)
    eps = check_real("eps", eps, ge=0)
    wd, dec = weight_decay_args(weight_decay, decoupled_weight_decay)
    one_m_b2 = 1.0 - b2
    rho_inf = 2 / one_m_b2 - 1

    def init_slots(x):
        z = np.zeros_like(x)
        return (z, z)

    def step(x, g, h, slots, t, hp):
        lr_k, b1_k = hp
        m, v = slots
        m = m + (1.0 - b1_k) * (g - m)
        v = v * b2 + one_m_b2 * (g * g)
        bc1 = 1 - b1_k**t
        bc2 = 1 - b2**t
        m_hat = m / bc1
        rho_t = rho_inf - 2 * t * (b2**t) / bc2
        if rho_t > 5.0:
            rect = math.sqrt(
                (rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)
            )
            adaptive = bc2**0.5 / (np.sqrt(v) + eps)
            return x - m_hat * lr_k * adaptive * rect, (m, v)
        return x - m_hat * lr_k, (m, v)

    return Optimizer(
        "radam",
        {
            "lr": lr,
            "beta1": b1,
            "beta2": b2,
            "eps": eps,
            "weight_decay": wd,
            "decoupled_weight_decay": dec,
        },
        hyper_names=("lr", "beta1"),
        slot_names=("m", "v"),
        init_slots=init_slots,
        step=step,
        weight_decay=wd,
        decoupled=dec,
    )
