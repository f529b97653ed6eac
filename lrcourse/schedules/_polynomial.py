"""Polynomial decay, with TensorFlow's ``cycle`` and optax's delayed start."""

from __future__ import annotations

import numpy as np

from .._validation import check_bool, check_real
from ._base import Schedule

__all__ = ["polynomial_decay"]


def polynomial_decay(lr0, *, decay_steps, end_lr=0.0, power=1.0, cycle=False, begin_step=0):
    r"""Polynomial decay from :math:`\eta_0` to :math:`\eta_{end}` over :math:`T` steps.

    .. math::

        \eta_t = (\eta_0 - \eta_{end}) \left(1 - \frac{\tau}{T_c}\right)^{p} + \eta_{end},
        \qquad \tau = \max(t - t_0, 0)

    Without ``cycle``: :math:`T_c = T` and :math:`\tau` is clipped at
    :math:`T`, so the rate stays at :math:`\eta_{end}` afterwards. With
    ``cycle`` (TensorFlow): :math:`T_c = T \lceil \tau / T \rceil` (and
    :math:`T` at :math:`\tau = 0`), so after each multiple of :math:`T` the
    rate jumps back up, to a *lower* peak
    :math:`(\eta_0 - \eta_{end})/(k+1)^p + \eta_{end}`, and it equals
    :math:`\eta_{end}` exactly at every multiple of :math:`T`.

    ``end_lr`` may be above ``lr0``: the same formula then rises (a linear
    warmup when :math:`p = 1`).

    Parameters
    ----------
    lr0 : float
        Initial rate :math:`\eta_0` >= 0.
    decay_steps : float
        :math:`T` > 0.
    end_lr : float, default 0.0
        Final rate :math:`\eta_{end}` >= 0 (TensorFlow's default is 1e-4).
    power : float, default 1.0
        Exponent :math:`p` > 0.
    cycle : bool, default False
        Restart after each :math:`T` (TensorFlow ``cycle=True``).
    begin_step : float, default 0
        :math:`t_0` >= 0: hold :math:`\eta_0` until this step.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number, or ``cycle`` is not a bool.
    ValueError
        If ``decay_steps`` or ``power`` is not finite or not > 0, or
        ``lr0``, ``end_lr`` or ``begin_step`` is negative or not finite.

    References
    ----------
    .. [1] W. Liu, A. Rabinovich and A. C. Berg, "ParseNet: Looking Wider to
       See Better", arXiv:1506.04579, 2015 (the "poly" rate policy).
    .. [2] TensorFlow 2.21, ``polynomial_decay`` in
       ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``
       (``cycle``).
    .. [3] Keras 3.15, ``PolynomialDecay`` in
       ``keras/src/optimizers/schedules/learning_rate_schedule.py``.
    .. [4] PyTorch 2.13, ``PolynomialLR`` and ``LinearLR`` in
       ``torch/optim/lr_scheduler.py``.
    .. [5] optax 0.2.8, ``polynomial_schedule`` in ``optax/schedules/_schedule.py``
       (``transition_begin``).

    Examples
    --------
    >>> from lrcourse.schedules import polynomial_decay
    >>> polynomial_decay(0.1, decay_steps=10, power=2)([0, 5, 10, 20])
    array([0.1  , 0.025, 0.   , 0.   ])
    >>> polynomial_decay(0.1, decay_steps=10, cycle=True)([10, 11, 20])
    array([0.   , 0.045, 0.   ])
    """
    lr0 = check_real("lr0", lr0, ge=0)
    decay_steps = check_real("decay_steps", decay_steps, gt=0)
    end_lr = check_real("end_lr", end_lr, ge=0)
    power = check_real("power", power, gt=0)
    cycle = check_bool("cycle", cycle)
    begin_step = check_real("begin_step", begin_step, ge=0)
    span = lr0 - end_lr

    def fn(t):
        tau = np.maximum(t - begin_step, 0.0) if begin_step else t
        if cycle:
            # TF: where(tau == 0, 1, ceil(tau / T)); the maximum also covers a
            # subnormal tau whose quotient underflows to 0.
            mult = np.maximum(np.ceil(tau / decay_steps), 1.0)
            p = tau / (decay_steps * mult)
        else:
            p = np.minimum(tau, decay_steps)
            p /= decay_steps
        # span * (1 - p) ** power + end_lr, in place (p is a new array, 0-d for
        # one step); x ** 1.0 is x, so the power is skipped then.
        p = np.asarray(p)
        np.subtract(1, p, out=p)
        if power != 1.0:
            p **= power
        p *= span
        p += end_lr
        return p

    return Schedule(
        "polynomial_decay",
        {
            "lr0": lr0,
            "decay_steps": decay_steps,
            "end_lr": end_lr,
            "power": power,
            "cycle": cycle,
            "begin_step": begin_step,
        },
        fn,
        # Without cycle or begin_step, the first operation converts the steps
        # and the rest is in place: one call is cheapest.
        int_steps=not cycle and not begin_step,
    )
