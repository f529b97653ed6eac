"""Adam (Kingma & Ba 2015), AMSGrad (Reddi et al. 2018) and AdamW (Loshchilov & Hutter 2019)."""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_bool, check_real
from ._base import Optimizer, hyper, weight_decay_args

__all__ = ["adam", "adamw", "amsgrad"]


def adam(
    lr,
    *,
    beta1=0.9,
    beta2=0.999,
    eps=1e-8,
    eps_hat=False,
    amsgrad=False,
    weight_decay=0.0,
    decoupled_weight_decay=False,
):
    r"""Adam: momentum on the gradient, RMSProp on its scale, both bias-corrected.

    .. math::

        m_k &= \beta_1 m_{k-1} + (1-\beta_1) g_k, \qquad
        v_k = \beta_2 v_{k-1} + (1-\beta_2) g_k^2 \qquad (m_{-1} = v_{-1} = 0)\\
        \hat m_k &= \frac{m_k}{1-\beta_1^{t}}, \qquad
        \hat v_k = \frac{v_k}{1-\beta_2^{t}}, \qquad t = k + 1\\
        x_{k+1} &= x_k - \eta_k\, \frac{\hat m_k}{\sqrt{\hat v_k} + \epsilon}

    The corrections divide the *current* averages only; the stored
    :math:`m_k, v_k` are never overwritten by :math:`\hat m_k, \hat v_k`
    (overwriting them is the bug of
    :func:`lrcourse.optim.adam_compounded_bias_correction`).
    They undo the bias of starting the averages at zero; they do not make
    steps bigger. The first step is :math:`\eta_0\, g_0 / (|g_0| + \epsilon)
    \approx \eta_0\,\mathrm{sign}(g_0)`.

    With ``eps_hat=True`` (Keras, TensorFlow) :math:`\epsilon` is added to the
    *uncorrected* root, :math:`x_{k+1} = x_k - \eta_k
    \frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t}\frac{m_k}{\sqrt{v_k} + \hat\epsilon}`,
    which equals the rule above with :math:`\epsilon = \hat\epsilon/\sqrt{1-\beta_2^t}`.

    AMSGrad divides by the running maximum :math:`\max_{j \le k} v_j`
    instead of :math:`v_k`.

    Parameters
    ----------
    lr : float or Schedule
        :math:`\eta_k` >= 0.
    beta1 : float or Schedule, default 0.9
        :math:`\beta_1`, 0 <= beta1 < 1, or a schedule (one-cycle momentum
        cycling; the correction then uses :math:`1-\beta_{1,k}^t` with the
        current value, as PyTorch does).
    beta2 : float, default 0.999
        :math:`\beta_2`, 0 <= beta2 < 1.
    eps : float, default 1e-8
        :math:`\epsilon` >= 0 (PyTorch 1e-8; Keras 1e-7 in the
        :math:`\hat\epsilon` form).
    eps_hat : bool, default False
        Use the Keras/TensorFlow placement of epsilon.
    amsgrad : bool, default False
        Use the AMSGrad maximum.
    weight_decay : float, default 0
        :math:`\lambda` >= 0: L2 (added to the gradient, ``torch.optim.Adam``)
        unless ``decoupled_weight_decay``.
    decoupled_weight_decay : bool, default False
        AdamW: :math:`x \leftarrow x(1-\eta_k\lambda)` before the update.

    Returns
    -------
    Optimizer

    Raises
    ------
    TypeError
        If a hyperparameter has the wrong type (``lr`` and ``beta1`` may be
        schedules; the switches must be bools).
    ValueError
        If ``lr``, ``eps`` or ``weight_decay`` is negative or not finite, or a
        beta is outside [0, 1); for a schedule, when the run reaches a step
        where its value is.

    References
    ----------
    .. [1] D. P. Kingma and J. Ba, "Adam: A Method for Stochastic
       Optimization", ICLR 2015, arXiv:1412.6980.
    .. [2] S. J. Reddi, S. Kale and S. Kumar, "On the Convergence of Adam and
       Beyond", ICLR 2018 (AMSGrad).
    .. [3] I. Loshchilov and F. Hutter, "Decoupled Weight Decay
       Regularization", ICLR 2019, arXiv:1711.05101 (AdamW).
    .. [4] PyTorch 2.13, ``Adam`` in ``torch/optim/adam.py``.
    .. [5] Keras 3.15, ``Adam`` in ``keras/src/optimizers/adam.py``
       (:math:`\hat\epsilon` placement).

    Examples
    --------
    The first step is lr times the sign of the gradient:

    >>> from lrcourse.optim import adam, run
    >>> traj = run(adam(0.1), lambda x: 2 * x, x0=[5.0], steps=1)
    >>> print(f"{traj.x[1, 0]:.6f}")
    4.900000
    """
    return _adam(lr, beta1, beta2, eps, eps_hat, amsgrad, weight_decay, decoupled_weight_decay)


def _adam(lr, beta1, beta2, eps, eps_hat, amsgrad, weight_decay, decoupled_weight_decay,
          correction_betas=None):
    """Adam; ``correction_betas(b1, b2)`` may round the betas used in the bias
    corrections only (Keras casts them through float32 there)."""
    lr = hyper("lr", lr, ge=0)
    b1 = hyper("beta1", beta1, ge=0, lt=1)
    b2 = check_real("beta2", beta2, ge=0, lt=1)
    eps = check_real("eps", eps, ge=0)
    eps_hat = check_bool("eps_hat", eps_hat)
    ams = check_bool("amsgrad", amsgrad)
    wd, dec = weight_decay_args(weight_decay, decoupled_weight_decay)
    one_m_b2 = 1.0 - b2
    cb = correction_betas or (lambda a, b: (a, b))

    def init_slots(x):
        z = np.zeros_like(x)
        return (z, z, z)

    def step(x, g, h, slots, t, hp):
        lr_k, b1_k = hp
        m, v, vmax = slots
        m = m + (1.0 - b1_k) * (g - m)
        v = v * b2 + one_m_b2 * (g * g)
        if ams:
            vmax = np.maximum(vmax, v)
            vv = vmax
        else:
            vv = v
        c1, c2 = cb(b1_k, b2)
        bc1 = 1 - c1**t
        bc2 = 1 - c2**t
        if eps_hat:
            alpha = lr_k * math.sqrt(bc2) / bc1
            return x - (m * alpha) / (np.sqrt(vv) + eps), (m, v, vmax)
        denom = np.sqrt(vv) / bc2**0.5 + eps
        return x - (lr_k / bc1) * (m / denom), (m, v, vmax)

    name = "amsgrad" if ams else ("adamw" if dec and wd else "adam")
    return Optimizer(
        name,
        {
            "lr": lr,
            "beta1": b1,
            "beta2": b2,
            "eps": eps,
            "eps_hat": eps_hat,
            "amsgrad": ams,
            "weight_decay": wd,
            "decoupled_weight_decay": dec,
        },
        hyper_names=("lr", "beta1"),
        slot_names=("m", "v", "v_max"),
        init_slots=init_slots,
        step=step,
        weight_decay=wd,
        decoupled=dec,
    )


def amsgrad(lr, *, beta1=0.9, beta2=0.999, eps=1e-8, eps_hat=False, weight_decay=0.0,
            decoupled_weight_decay=False):
    r"""AMSGrad: :func:`adam` with ``amsgrad=True``.

    .. math::

        \hat v^{\max}_k = \max(\hat v^{\max}_{k-1}, v_k), \qquad
        x_{k+1} = x_k - \frac{\eta_k}{1-\beta_1^t}\,
            \frac{m_k}{\sqrt{\hat v^{\max}_k / (1-\beta_2^t)} + \epsilon}

    Parameters
    ----------
    lr, beta1, beta2, eps, eps_hat, weight_decay, decoupled_weight_decay
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
    .. [1] S. J. Reddi, S. Kale and S. Kumar, "On the Convergence of Adam and
       Beyond", ICLR 2018.
    .. [2] PyTorch 2.13, ``Adam(amsgrad=True)`` in ``torch/optim/adam.py``.
    .. [3] Keras 3.15, ``Adam(amsgrad=True)`` in ``keras/src/optimizers/adam.py``.

    Examples
    --------
    >>> from lrcourse.optim import amsgrad, run
    >>> traj = run(amsgrad(0.1), lambda x: 2 * x, x0=[5.0], steps=1)
    >>> print(f"{traj.x[1, 0]:.6f}")
    4.900000
    """
    return adam(lr, beta1=beta1, beta2=beta2, eps=eps, eps_hat=eps_hat, amsgrad=True,
                weight_decay=weight_decay, decoupled_weight_decay=decoupled_weight_decay)


def adamw(lr, *, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01, eps_hat=False,
          amsgrad=False):
    r"""AdamW: Adam with decoupled weight decay (PyTorch defaults).

    .. math::

        x_k' = x_k (1 - \eta_k \lambda), \qquad
        x_{k+1} = x_k' - \eta_k\, \frac{\hat m_k}{\sqrt{\hat v_k} + \epsilon}

    where :math:`\hat m_k, \hat v_k` are Adam's corrected moments of the
    gradient at :math:`x_k` (no :math:`\lambda x` in them).

    Parameters
    ----------
    lr, beta1, beta2, eps, eps_hat, amsgrad
        As in :func:`adam`.
    weight_decay : float, default 0.01
        :math:`\lambda` >= 0 (PyTorch default 0.01; Keras 0.004).

    Returns
    -------
    Optimizer

    Raises
    ------
    TypeError, ValueError
        As in :func:`adam`.

    References
    ----------
    .. [1] I. Loshchilov and F. Hutter, "Decoupled Weight Decay
       Regularization", ICLR 2019, arXiv:1711.05101.
    .. [2] PyTorch 2.13, ``AdamW`` in ``torch/optim/adamw.py``.
    .. [3] Keras 3.15, ``AdamW`` in ``keras/src/optimizers/adamw.py``.

    Examples
    --------
    With a zero gradient only the decay acts:

    >>> import numpy as np
    >>> from lrcourse.optim import adamw, run
    >>> traj = run(adamw(0.1, weight_decay=0.5), lambda x: np.zeros_like(x), x0=[2.0], steps=1)
    >>> print(f"{traj.x[1, 0]:.6f}")   # 2 * (1 - 0.1 * 0.5)
    1.900000
    """
    return adam(lr, beta1=beta1, beta2=beta2, eps=eps, eps_hat=eps_hat, amsgrad=amsgrad,
                weight_decay=weight_decay, decoupled_weight_decay=True)
