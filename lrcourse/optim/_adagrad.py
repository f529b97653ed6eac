"""AdaGrad (Duchi, Hazan & Singer 2011)."""

from __future__ import annotations

import numpy as np

from .._validation import check_bool, check_real
from ._base import Optimizer, hyper, weight_decay_args

__all__ = ["adagrad"]


def adagrad(
    lr,
    *,
    eps=1e-10,
    eps_inside_sqrt=False,
    initial_accumulator=0.0,
    lr_decay=0.0,
    weight_decay=0.0,
    decoupled_weight_decay=False,
):
    r"""AdaGrad: divide each coordinate's step by the root of its summed squared gradients.

    .. math::

        G_k = G_{k-1} + g_k^2 \quad (G_{-1} = G_0^{\text{init}}), \qquad
        x_{k+1} = x_k - \frac{\eta_k}{1 + k\,\delta}\,
                  \frac{g_k}{\sqrt{G_k} + \epsilon}

    (with ``eps_inside_sqrt=True``: :math:`g_k / \sqrt{G_k + \epsilon}`).
    :math:`G` is a *sum* in every framework, so the effective step only
    shrinks.

    Parameters
    ----------
    lr : float or Schedule
        :math:`\eta_k` >= 0.
    eps : float, default 1e-10
        :math:`\epsilon` >= 0 (PyTorch: 1e-10 outside the root; Keras: 1e-7
        inside it).
    eps_inside_sqrt : bool, default False
        Put :math:`\epsilon` under the square root (Keras).
    initial_accumulator : float, default 0
        :math:`G^{\text{init}}` >= 0 (PyTorch ``initial_accumulator_value``
        default 0; Keras default 0.1).
    lr_decay : float, default 0
        :math:`\delta` >= 0, PyTorch's built-in ``lr_decay``.
    weight_decay, decoupled_weight_decay
        As in :func:`lrcourse.optim.gd`.

    Returns
    -------
    Optimizer

    Raises
    ------
    TypeError
        If ``lr`` is neither a real number nor a schedule, another number is
        not a real number, or a switch is not a bool.
    ValueError
        If a hyperparameter is negative or not finite; for a schedule, when
        the run reaches a step where its value is.

    References
    ----------
    .. [1] J. Duchi, E. Hazan and Y. Singer, "Adaptive Subgradient Methods for
       Online Learning and Stochastic Optimization", JMLR 12, 2011.
    .. [2] PyTorch 2.13, ``Adagrad`` in ``torch/optim/adagrad.py``.
    .. [3] Keras 3.15, ``Adagrad`` in ``keras/src/optimizers/adagrad.py``.

    Examples
    --------
    The first step is :math:`\eta\,g/|g|`, whatever the size of the gradient:

    >>> from lrcourse.optim import adagrad, run
    >>> traj = run(adagrad(0.5), lambda x: 2 * x, x0=[3.0], steps=1)
    >>> print(f"{traj.x[1, 0]:.6f}")
    2.500000
    """
    lr = hyper("lr", lr, ge=0)
    eps = check_real("eps", eps, ge=0)
    inside = check_bool("eps_inside_sqrt", eps_inside_sqrt)
    acc0 = check_real("initial_accumulator", initial_accumulator, ge=0)
    lr_decay = check_real("lr_decay", lr_decay, ge=0)
    wd, dec = weight_decay_args(weight_decay, decoupled_weight_decay)

    def init_slots(x):
        return (np.full_like(x, acc0),)

    def step(x, g, h, slots, t, hp):
        lr_k = hp[0]
        if lr_decay:
            lr_k = lr_k / (1 + (t - 1) * lr_decay)
        acc = slots[0] + g * g
        if inside:
            return x - (lr_k * g) / np.sqrt(acc + eps), (acc,)
        return x - lr_k * (g / (np.sqrt(acc) + eps)), (acc,)

    return Optimizer(
        "adagrad",
        {
            "lr": lr,
            "eps": eps,
            "eps_inside_sqrt": inside,
            "initial_accumulator": acc0,
            "lr_decay": lr_decay,
            "weight_decay": wd,
            "decoupled_weight_decay": dec,
        },
        hyper_names=("lr",),
        slot_names=("sum_sq",),
        init_slots=init_slots,
        step=step,
        weight_decay=wd,
        decoupled=dec,
    )
