"""Schedule-free SGD (Defazio et al. 2024)."""

from __future__ import annotations

import numpy as np

from .._validation import check_int, check_real
from ._base import Optimizer, hyper

__all__ = ["schedule_free_sgd"]


def schedule_free_sgd(lr, *, beta=0.9, warmup_steps=0, weight_lr_power=2.0, r=0.0,
                      weight_decay=0.0):
    r"""Schedule-free SGD: no decay, an average of the iterates instead.

    Three sequences share one start, :math:`x_0 = y_0 = z_0`. Update
    :math:`k` (0-based) takes the gradient at :math:`y_k`:

    .. math::

        z_{k+1} &= z_k - \eta_k\, g_k, \qquad g_k = \nabla f(y_k) + \lambda y_k\\
        x_{k+1} &= (1 - c_{k+1})\, x_k + c_{k+1}\, z_{k+1}\\
        y_{k+1} &= (1 - \beta)\, z_{k+1} + \beta\, x_{k+1}

    The model is *evaluated* at the average :math:`x_k`
    (:meth:`Optimizer.eval_params`, ``Trajectory.x_eval``); the
    parameters the optimiser returns are :math:`y_k`, where the next
    gradient is taken. The rate is the base rate times a linear warmup of
    :math:`W` steps, :math:`\eta_k = \eta\,\min\bigl(1, (k+1)/W\bigr)`, and the
    averaging weight is

    .. math::

        c_{k+1} = \frac{w_k}{\sum_{i=0}^{k} w_i}, \qquad
        w_k = (k+1)^r \,\bigl(\max_{i \le k} \eta_i\bigr)^{p}

    With :math:`r = 0` and a constant rate, :math:`c_{k+1} = 1/(k+1)`: the
    plain running mean of :math:`z_1, \dots, z_{k+1}`. The power :math:`p`
    (``weight_lr_power``) gives the small-rate steps of the warmup less weight.

    This is the authors' ``SGDScheduleFree`` [2]_ written with the three
    sequences of the paper [1]_ (their code updates :math:`y` in place; the
    two agree up to rounding). optax's ``contrib.schedule_free_sgd`` [3]_
    gives the same iterates for a constant rate without warmup; with a
    warmup it counts the weight's rate one step ahead of the rate of
    :math:`z`, so the runs differ.

    Parameters
    ----------
    lr : float or Schedule
        Base rate :math:`\eta` >= 0, or a schedule (update ``k`` uses
        ``lr(k)``, times the warmup factor).
    beta : float, default 0.9
        :math:`\beta`, with 0 < beta < 1 (the authors' ``momentum``, optax's
        ``b1``): where :math:`y` sits between :math:`z` (0) and :math:`x` (1).
    warmup_steps : int, default 0
        :math:`W` >= 0; 0 means no warmup.
    weight_lr_power : float, default 2
        :math:`p` >= 0.
    r : float, default 0
        Power :math:`r` >= 0 of the polynomial weighting :math:`(k+1)^r`.
    weight_decay : float, default 0
        :math:`\lambda` >= 0, an L2 term added to the gradient at :math:`y_k`
        (as the authors' code does).

    Returns
    -------
    Optimizer
        Slots ``("z", "x", "weight_sum", "lr_max")``; ``eval_params(state)``
        returns :math:`x`.

    Raises
    ------
    TypeError
        If an argument is not a real number (``warmup_steps``: an integer).
    ValueError
        If ``lr``, ``weight_lr_power``, ``r`` or ``weight_decay`` is negative
        or not finite, ``beta`` is not strictly between 0 and 1, or
        ``warmup_steps`` is negative.

    References
    ----------
    .. [1] A. Defazio, X. A. Yang, H. Mehta, K. Mishchenko, A. Khaled and
       A. Cutkosky, "The Road Less Scheduled", NeurIPS 2024, arXiv:2405.15682,
       Algorithm 1.
    .. [2] ``SGDScheduleFree`` in ``schedulefree/sgd_schedulefree.py``,
       facebookresearch/schedule_free, package ``schedulefree`` 1.4.1.
    .. [3] optax 0.2.8, ``schedule_free`` in ``optax/contrib/_schedule_free.py``.

    Examples
    --------
    >>> from lrcourse.optim import run, schedule_free_sgd
    >>> traj = run(schedule_free_sgd(0.25), lambda x: 2 * x, x0=[1.0], steps=3)
    >>> traj.x[:, 0]          # y, where the gradient is taken
    array([1.    , 0.5   , 0.3625, 0.2525])
    >>> traj.x_eval[:, 0]     # x, the average of z_1 .. z_k: evaluate the model here
    array([1.        , 0.5       , 0.375     , 0.27291667])
    """
    lr = hyper("lr", lr, ge=0)
    beta = check_real("beta", beta, gt=0, lt=1)
    warmup = check_int("warmup_steps", warmup_steps, ge=0)
    power = check_real("weight_lr_power", weight_lr_power, ge=0)
    r = check_real("r", r, ge=0)
    wd = check_real("weight_decay", weight_decay, ge=0)

    def init_slots(x):
        return (x.copy(), x.copy(), np.zeros(()), np.full((), -1.0))

    def step(y, g, h, slots, t, hp):
        z, x, weight_sum, lr_max = slots
        k = t - 1
        if wd:
            g = g + wd * y
        eta = hp[0] * ((k + 1) / warmup if k < warmup else 1.0)
        lr_max = max(float(lr_max), eta)
        weight = (k + 1) ** r * lr_max ** power
        weight_sum = float(weight_sum) + weight
        c = weight / weight_sum if weight_sum else 0.0
        z = z - eta * g
        x = (1.0 - c) * x + c * z
        y = (1.0 - beta) * z + beta * x
        return y, (z, x, np.asarray(weight_sum), np.asarray(lr_max))

    return Optimizer(
        "schedule_free_sgd",
        {"lr": lr, "beta": beta, "warmup_steps": warmup, "weight_lr_power": power,
         "r": r, "weight_decay": wd},
        hyper_names=("lr",),
        slot_names=("z", "x", "weight_sum", "lr_max"),
        init_slots=init_slots,
        step=step,
        eval_point=lambda y, slots: slots[1],
    )
