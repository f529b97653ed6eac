"""RMSProp (Tieleman & Hinton 2012), plain, centered and with momentum."""

from __future__ import annotations

import numpy as np

from .._validation import check_bool, check_choice, check_real
from ._base import Optimizer, hyper, weight_decay_args

__all__ = ["rmsprop"]


def rmsprop(
    lr,
    *,
    rho=0.99,
    eps=1e-8,
    eps_inside_sqrt=False,
    centered=False,
    momentum=0.0,
    momentum_form="torch",
    weight_decay=0.0,
    decoupled_weight_decay=False,
):
    r"""RMSProp: divide by the root of a moving average of squared gradients.

    .. math::

        s_k &= \rho\, s_{k-1} + (1-\rho)\, g_k^2, \qquad s_{-1} = 0\\
        \sigma_k &= \sqrt{s_k - \bar g_k^2} + \epsilon \quad\text{(centered; }
            \bar g_k = \rho \bar g_{k-1} + (1-\rho) g_k\text{), else }
            \sqrt{s_k} + \epsilon\\
        x_{k+1} &= x_k - \eta_k\, g_k / \sigma_k

    With ``eps_inside_sqrt=True`` (Keras) :math:`\sigma_k = \sqrt{s_k + \epsilon}`
    (centered: :math:`\sqrt{s_k - \bar g_k^2 + \epsilon}`). With momentum
    :math:`\mu > 0`, PyTorch form: :math:`b_k = \mu b_{k-1} + g_k/\sigma_k`,
    :math:`x_{k+1} = x_k - \eta_k b_k`; Keras form:
    :math:`m_k = \mu m_{k-1} + \eta_k g_k/\sigma_k`, :math:`x_{k+1} = x_k - m_k`.

    Near a minimum with a constant rate, :math:`s_k \approx g_k^2`, so the
    step is about :math:`\eta\,\mathrm{sign}(g_k)`: the iterate never settles.

    Parameters
    ----------
    lr : float or Schedule
        :math:`\eta_k` >= 0.
    rho : float, default 0.99
        :math:`\rho`, 0 <= rho < 1 (PyTorch ``alpha``, default 0.99; Keras
        ``rho``, default 0.9).
    eps : float, default 1e-8
        :math:`\epsilon` >= 0 (Keras default 1e-7, inside the root).
    eps_inside_sqrt : bool, default False
        Keras placement of :math:`\epsilon`.
    centered : bool, default False
        Subtract the squared mean gradient (variance instead of second moment).
    momentum : float, default 0
        :math:`\mu`, 0 <= momentum < 1.
    momentum_form : {"torch", "keras"}, default "torch"
        Where the rate enters the momentum buffer (see above).
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
        If a hyperparameter is out of range (``rho`` and ``momentum`` in
        [0, 1), the others >= 0) or not finite, or ``momentum_form`` is
        unknown; for a schedule, when the run reaches a step where its value
        is out of range.

    References
    ----------
    .. [1] T. Tieleman and G. Hinton, "Lecture 6.5 -- RMSprop: Divide the
       gradient by a running average of its recent magnitude", COURSERA:
       Neural Networks for Machine Learning, 2012.
    .. [2] A. Graves, "Generating Sequences With Recurrent Neural Networks",
       arXiv:1308.0850, 2013 (the centered form).
    .. [3] PyTorch 2.13, ``RMSprop`` in ``torch/optim/rmsprop.py``.
    .. [4] Keras 3.15, ``RMSprop`` in ``keras/src/optimizers/rmsprop.py``.

    Examples
    --------
    >>> from lrcourse.optim import rmsprop, run
    >>> traj = run(rmsprop(0.01, rho=0.9), lambda x: 2 * x, x0=[1.0], steps=1)
    >>> print(f"{traj.x[1, 0]:.6f}")   # 1 - 0.01 / sqrt(0.1)
    0.968377
    """
    lr = hyper("lr", lr, ge=0)
    rho = check_real("rho", rho, ge=0, lt=1)
    eps = check_real("eps", eps, ge=0)
    inside = check_bool("eps_inside_sqrt", eps_inside_sqrt)
    centered = check_bool("centered", centered)
    mu = check_real("momentum", momentum, ge=0, lt=1)
    mform = check_choice("momentum_form", momentum_form, ("torch", "keras"))
    wd, dec = weight_decay_args(weight_decay, decoupled_weight_decay)
    one_m_rho = 1.0 - rho

    def init_slots(x):
        return (np.zeros_like(x), np.zeros_like(x), np.zeros_like(x))

    def step(x, g, h, slots, t, hp):
        lr_k = hp[0]
        s, gbar, buf = slots
        s = s * rho + one_m_rho * (g * g)
        if centered:
            gbar = gbar + one_m_rho * (g - gbar)
            var = s - gbar * gbar
        else:
            var = s
        if inside:
            sigma = np.sqrt(var + eps)
        else:
            sigma = np.sqrt(var) + eps
        if mu > 0:
            if mform == "torch":
                buf = buf * mu + g / sigma
                return x - lr_k * buf, (s, gbar, buf)
            buf = mu * buf + (lr_k * g) / sigma
            return x - buf, (s, gbar, buf)
        if inside:
            return x - (lr_k * g) / sigma, (s, gbar, buf)
        return x - lr_k * (g / sigma), (s, gbar, buf)

    return Optimizer(
        "rmsprop",
        {
            "lr": lr,
            "rho": rho,
            "eps": eps,
            "eps_inside_sqrt": inside,
            "centered": centered,
            "momentum": mu,
            "momentum_form": mform,
            "weight_decay": wd,
            "decoupled_weight_decay": dec,
        },
        hyper_names=("lr",),
        slot_names=("mean_sq", "mean_grad", "buffer"),
        init_slots=init_slots,
        step=step,
        weight_decay=wd,
        decoupled=dec,
    )
