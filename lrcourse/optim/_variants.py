"""Two flawed optimiser variants, kept on purpose for bug-hunting exercises.

Both are implementation mistakes that change what a comparison of
optimisers concludes: a heavy-ball momentum whose velocity starts at 1
instead of 0, and an Adam that stores its bias-corrected moments, so the
correction compounds. They let a reader reproduce the misleading figures
and then fix them. Use the correct optimisers (:func:`lrcourse.optim.adam`,
:func:`lrcourse.optim.momentum`) for anything else.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_real
from ._base import Optimizer, hyper

__all__ = ["adam_compounded_bias_correction", "momentum_with_initial_velocity"]


def momentum_with_initial_velocity(lr, *, momentum, v0=1.0):
    r"""Keras-form heavy-ball momentum whose velocity starts at ``v0`` (default 1), not 0.

    .. math:: v_k = \mu v_{k-1} - \eta_k g_k, \quad v_{-1} = v_0, \qquad x_{k+1} = x_k + v_k

    Momentum is defined with :math:`v_{-1} = 0`; starting it at 1.0 is a
    mistake that is easy to make and hard to see. With :math:`\mu` close
    to 1 that initial kick carries the iterate a long way (about
    :math:`v_0/(1-\mu)`) before any gradient matters. With ``v0=0`` this is
    :func:`lrcourse.optim.momentum` with ``form="keras"``.

    Parameters
    ----------
    lr : float or Schedule
        :math:`\eta_k` >= 0.
    momentum : float or Schedule
        :math:`\mu`, 0 <= momentum < 1.
    v0 : float, default 1.0
        Initial velocity (finite).

    Returns
    -------
    Optimizer

    Raises
    ------
    TypeError
        If a hyperparameter is neither a real number nor a schedule.
    ValueError
        If ``lr`` < 0, ``momentum`` is outside [0, 1), or ``v0`` is not
        finite; for a schedule, when the run reaches a step where its value
        breaks the rule.

    References
    ----------
    .. [1] I. Sutskever, J. Martens, G. Dahl and G. Hinton, "On the importance
       of initialization and momentum in deep learning", ICML 2013 (the
       velocity form, started at 0).
    .. [2] Keras 3.15, ``SGD`` in ``keras/src/optimizers/sgd.py`` (velocity
       slots created as zeros).

    Examples
    --------
    With a zero gradient, the kick alone moves the iterate:

    >>> import numpy as np
    >>> from lrcourse.optim import momentum_with_initial_velocity, run
    >>> opt = momentum_with_initial_velocity(0.002, momentum=0.5)
    >>> traj = run(opt, lambda x: np.zeros_like(x), x0=[0.0], steps=3)
    >>> traj.x[:, 0]
    array([0.   , 0.5  , 0.75 , 0.875])
    """
    lr = hyper("lr", lr, ge=0)
    mu = hyper("momentum", momentum, ge=0, lt=1)
    v0 = check_real("v0", v0)

    def init_slots(x):
        return (np.full_like(x, v0),)

    def step(x, g, h, slots, t, hp):
        lr_k, mu_k = hp
        v = slots[0] * mu_k - g * lr_k
        return x + v, (v,)

    return Optimizer(
        "momentum_with_initial_velocity",
        {"lr": lr, "momentum": mu, "v0": v0},
        hyper_names=("lr", "momentum"),
        slot_names=("velocity",),
        init_slots=init_slots,
        step=step,
    )


def adam_compounded_bias_correction(lr, *, beta1=0.9, beta2=0.999, eps=1e-8):
    r"""Adam that *stores* its bias-corrected moments, so the correction compounds.

    .. math::

        s_k &= \frac{\beta_1 s_{k-1} + (1-\beta_1) g_k}{1-\beta_1^{t}}, \qquad
        r_k = \frac{\beta_2 r_{k-1} + (1-\beta_2) g_k^2}{1-\beta_2^{t}}, \qquad t = k+1\\
        x_{k+1} &= x_k - \eta_k \frac{s_k}{\sqrt{r_k} + \epsilon}

    Correct Adam (:func:`lrcourse.optim.adam`) keeps :math:`s, r`
    uncorrected and divides only the copies used in the step. Here each
    division is applied again at every later step: for small :math:`t`,
    :math:`1-\beta_2^t \approx (1-\beta_2)t`, so :math:`r` grows by about
    :math:`\beta_2/((1-\beta_2)t)` per step. With :math:`\beta_2 = 0.999`
    that product overflows to ``inf`` after about 330 steps and the step
    :math:`s/\sqrt{r}` becomes 0: the iterate freezes. With
    :math:`\beta_2 = 0.9` the same compounding stays bounded, which is why
    that setting only *looks* fixed.

    Parameters
    ----------
    lr : float or Schedule
        :math:`\eta_k` >= 0.
    beta1 : float, default 0.9
        :math:`\beta_1`, 0 <= beta1 < 1.
    beta2 : float, default 0.999
        :math:`\beta_2`, 0 <= beta2 < 1.
    eps : float, default 1e-8
        :math:`\epsilon` >= 0.

    Returns
    -------
    Optimizer

    Raises
    ------
    TypeError
        If a hyperparameter is not a real number (``lr`` may be a schedule).
    ValueError
        If ``lr`` < 0, a beta is outside [0, 1), or ``eps`` < 0; for a
        schedule, when the run reaches a step where its value breaks the rule.

    References
    ----------
    .. [1] D. P. Kingma and J. Ba, "Adam: A Method for Stochastic
       Optimization", ICLR 2015, arXiv:1412.6980, Algorithm 1 (the correct
       update, whose corrected moments are never stored).

    Examples
    --------
    The second moment grows by roughly 500 in the second step alone:

    >>> import numpy as np
    >>> from lrcourse.optim import adam_compounded_bias_correction
    >>> opt = adam_compounded_bias_correction(0.1)
    >>> state = opt.init([1.0])
    >>> for k in range(2):
    ...     state = opt.update(state, np.array([1.0]), k)
    >>> print(f"{state.slots[1][0]:.1f}")
    500.3
    """
    lr = hyper("lr", lr, ge=0)
    b1 = check_real("beta1", beta1, ge=0, lt=1)
    b2 = check_real("beta2", beta2, ge=0, lt=1)
    eps = check_real("eps", eps, ge=0)

    def init_slots(x):
        z = np.zeros_like(x)
        return (z, z)

    def step(x, g, h, slots, t, hp):
        s, r = slots
        s = (b1 * s + (1 - b1) * g) / (1 - b1**t)
        r = (b2 * r + (1 - b2) * g * g) / (1 - b2**t)
        return x - hp[0] * s / (np.sqrt(r) + eps), (s, r)

    return Optimizer(
        "adam_compounded_bias_correction",
        {"lr": lr, "beta1": b1, "beta2": b2, "eps": eps},
        hyper_names=("lr",),
        slot_names=("s", "r"),
        init_slots=init_slots,
        step=step,
    )
