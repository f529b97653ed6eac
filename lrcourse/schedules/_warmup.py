"""Warmup and modern schedules: linear/exponential warmup, warmup + cosine,
inverse square root (Transformer) and warmup-stable-decay (WSD)."""

from __future__ import annotations

import numpy as np

from .._validation import check_bool, check_choice, check_real
from ._base import Schedule
from ._cosine import _floor_args, _floored, _half_cos

__all__ = [
    "exponential_warmup",
    "inverse_sqrt",
    "linear_warmup",
    "warmup_cosine",
    "warmup_stable_decay",
]


def linear_warmup(peak_lr, *, warmup_steps, lr0=0.0):
    r"""Linear warmup from :math:`\eta_0` to :math:`\eta_{peak}`, then constant.

    .. math:: \eta_t = \eta_0 + (\eta_{peak} - \eta_0) \min(t, W)/W

    Parameters
    ----------
    peak_lr : float
        :math:`\eta_{peak}` >= 0, reached at step :math:`W` and held.
    warmup_steps : float
        :math:`W` > 0.
    lr0 : float, default 0.0
        :math:`\eta_0` >= 0, the rate at step 0.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number.
    ValueError
        If ``warmup_steps`` is not finite or not > 0, or ``peak_lr`` or
        ``lr0`` is negative or not finite.

    References
    ----------
    .. [1] P. Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet
       in 1 Hour", arXiv:1706.02677, 2017 (gradual warmup).
    .. [2] optax 0.2.8, ``warmup_constant_schedule`` in ``optax/schedules/_schedule.py``.
    .. [3] PyTorch 2.13, ``LinearLR`` (``end_factor=1``) in ``torch/optim/lr_scheduler.py``.

    Examples
    --------
    >>> from lrcourse.schedules import linear_warmup
    >>> linear_warmup(0.1, warmup_steps=4)([0, 1, 4, 10])
    array([0.   , 0.025, 0.1  , 0.1  ])
    """
    peak_lr = check_real("peak_lr", peak_lr, ge=0)
    warmup_steps = check_real("warmup_steps", warmup_steps, gt=0)
    lr0 = check_real("lr0", lr0, ge=0)

    span = peak_lr - lr0

    def fn(t):
        out = np.minimum(t, warmup_steps)  # a new array: safe to update in place
        out /= warmup_steps
        out *= span
        out += lr0
        return out

    return Schedule(
        "linear_warmup",
        {"peak_lr": peak_lr, "warmup_steps": warmup_steps, "lr0": lr0},
        fn,
        int_steps=True,
    )


def exponential_warmup(peak_lr, *, warmup_steps, lr0):
    r"""Exponential (geometric) warmup from :math:`\eta_0` to :math:`\eta_{peak}`.

    .. math:: \eta_t = \eta_0\,(\eta_{peak}/\eta_0)^{\min(t, W)/W}

    The rate is multiplied by the same factor every step, so on a log axis
    the warmup is a straight line.

    Parameters
    ----------
    peak_lr : float
        :math:`\eta_{peak}` > 0.
    warmup_steps : float
        :math:`W` > 0.
    lr0 : float
        :math:`\eta_0` > 0, the rate at step 0 (a geometric warmup cannot
        start at 0).

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number, or ``lr0`` is not given.
    ValueError
        If ``peak_lr``, ``warmup_steps`` or ``lr0`` is not finite or not > 0.

    References
    ----------
    .. [1] P. Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet
       in 1 Hour", arXiv:1706.02677, 2017 (gradual warmup; linear there, the
       frameworks have no geometric warmup).

    Examples
    --------
    >>> from lrcourse.schedules import exponential_warmup
    >>> exponential_warmup(0.1, warmup_steps=2, lr0=0.001)([0, 1, 2, 3])
    array([0.001, 0.01 , 0.1  , 0.1  ])
    """
    peak_lr = check_real("peak_lr", peak_lr, gt=0)
    warmup_steps = check_real("warmup_steps", warmup_steps, gt=0)
    lr0 = check_real("lr0", lr0, gt=0)
    ratio = peak_lr / lr0

    def fn(t):
        return lr0 * ratio ** (np.minimum(t, warmup_steps) / warmup_steps)

    return Schedule(
        "exponential_warmup",
        {"peak_lr": peak_lr, "warmup_steps": warmup_steps, "lr0": lr0},
        fn,
    )


def warmup_cosine(
    peak_lr,
    *,
    warmup_steps,
    decay_steps,
    lr0=0.0,
    alpha=None,
    end_lr=None,
    exponent=1.0,
    decay_includes_warmup=True,
):
    r"""Linear warmup to :math:`\eta_{peak}`, then cosine decay to a floor.

    .. math::

        \eta_t = \begin{cases}
          \eta_0 + (\eta_{peak} - \eta_0)\, t / W & t < W \\
          \text{cosine from } \eta_{peak} \text{ over } D \text{ steps, at } t - W & t \ge W
        \end{cases}

    where the cosine part is :func:`cosine_decay` (clamped) and :math:`D =
    T - W` if ``decay_includes_warmup`` (optax: ``decay_steps`` counts the
    warmup) or :math:`D = T` (Keras ``CosineDecay(warmup_steps=...)``:
    ``decay_steps`` counts after the warmup).

    Parameters
    ----------
    peak_lr : float
        :math:`\eta_{peak}` >= 0.
    warmup_steps : float
        :math:`W` >= 0.
    decay_steps : float
        :math:`T` > 0 (with ``decay_includes_warmup``, :math:`T > W`).
    lr0 : float, default 0.0
        :math:`\eta_0` >= 0, the rate at step 0.
    alpha, end_lr : float, optional
        The floor, as in :func:`cosine_decay` (``alpha`` is a fraction of
        :math:`\eta_{peak}`).
    exponent : float, default 1.0
        As in :func:`cosine_decay`.
    decay_includes_warmup : bool, default True

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number, or ``decay_includes_warmup`` is not
        a bool.
    ValueError
        If ``decay_steps`` or ``exponent`` is not finite or not > 0,
        ``peak_lr``, ``warmup_steps``, ``lr0`` or ``end_lr`` is negative,
        ``alpha`` is outside [0, 1], both ``alpha`` and ``end_lr`` are given,
        or ``decay_steps <= warmup_steps`` with ``decay_includes_warmup``.

    References
    ----------
    .. [1] P. Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet
       in 1 Hour", arXiv:1706.02677, 2017.
    .. [2] I. Loshchilov and F. Hutter, "SGDR: Stochastic Gradient Descent
       with Warm Restarts", ICLR 2017, arXiv:1608.03983.
    .. [3] optax 0.2.8, ``warmup_cosine_decay_schedule`` in
       ``optax/schedules/_schedule.py``.
    .. [4] Keras 3.15, ``CosineDecay`` (``warmup_target``, ``warmup_steps``) in
       ``keras/src/optimizers/schedules/learning_rate_schedule.py``.

    Examples
    --------
    >>> from lrcourse.schedules import warmup_cosine
    >>> warmup_cosine(0.1, warmup_steps=5, decay_steps=15)([0, 5, 10, 15, 20])
    array([0.  , 0.1 , 0.05, 0.  , 0.  ])
    >>> s = warmup_cosine(0.1, warmup_steps=5, decay_steps=10, decay_includes_warmup=False)
    >>> s([0, 5, 10, 15])
    array([0.  , 0.1 , 0.05, 0.  ])
    """
    peak_lr = check_real("peak_lr", peak_lr, ge=0)
    warmup_steps = check_real("warmup_steps", warmup_steps, ge=0)
    decay_steps = check_real("decay_steps", decay_steps, gt=0)
    lr0 = check_real("lr0", lr0, ge=0)
    alpha, end_lr = _floor_args(alpha, end_lr, "peak_lr")
    exponent = check_real("exponent", exponent, gt=0)
    decay_includes_warmup = check_bool("decay_includes_warmup", decay_includes_warmup)
    span = decay_steps - warmup_steps if decay_includes_warmup else decay_steps
    if not span > 0:
        raise ValueError(
            "Argument `decay_steps` must be > warmup_steps when decay_includes_warmup=True. "
            f"Received: decay_steps={decay_steps!r}, warmup_steps={warmup_steps!r}"
        )

    def fn(t):
        if warmup_steps > 0:
            warm = (peak_lr - lr0) * (t / warmup_steps) + lr0
        else:
            warm = t
        tau = np.minimum(np.maximum(t - warmup_steps, 0.0), span)
        c = _half_cos(tau / span)
        if exponent != 1.0:
            c = c**exponent
        decay = _floored(peak_lr, alpha, end_lr, c)
        return np.where(t < warmup_steps, warm, decay)

    return Schedule(
        "warmup_cosine",
        {
            "peak_lr": peak_lr,
            "warmup_steps": warmup_steps,
            "decay_steps": decay_steps,
            "lr0": lr0,
            "alpha": alpha,
            "end_lr": end_lr,
            "exponent": exponent,
            "decay_includes_warmup": decay_includes_warmup,
        },
        fn,
    )


def inverse_sqrt(peak_lr, *, warmup_steps):
    r"""Inverse square root with linear warmup (the Transformer schedule).

    Counting steps from one, :math:`s = t + 1`:

    .. math:: \eta_t = \eta_{peak} \min\!\left(\frac{s}{W},\ \sqrt{\frac{W}{s}}\right)

    Vaswani et al. (2017) write :math:`d^{-1/2}\min(s^{-1/2}, s W^{-3/2})`,
    which is this with :math:`\eta_{peak} = (d W)^{-1/2}`.

    Parameters
    ----------
    peak_lr : float
        :math:`\eta_{peak}` > 0, the rate at :math:`s = W`.
    warmup_steps : float
        :math:`W` > 0.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number.
    ValueError
        If ``peak_lr`` or ``warmup_steps`` is not finite or not > 0.

    References
    ----------
    .. [1] A. Vaswani et al., "Attention Is All You Need", NeurIPS 2017,
       arXiv:1706.03762, section 5.3, equation (3).

    Examples
    --------
    >>> from lrcourse.schedules import inverse_sqrt
    >>> inverse_sqrt(0.01, warmup_steps=4)([0, 3, 15])
    array([0.0025, 0.01  , 0.005 ])
    """
    peak_lr = check_real("peak_lr", peak_lr, gt=0)
    warmup_steps = check_real("warmup_steps", warmup_steps, gt=0)

    def fn(t):
        s = t + 1.0
        return peak_lr * np.minimum(s / warmup_steps, np.sqrt(warmup_steps / s))

    return Schedule("inverse_sqrt", {"peak_lr": peak_lr, "warmup_steps": warmup_steps}, fn)


_WSD_SHAPES = ("linear", "cosine", "sqrt")


def warmup_stable_decay(
    peak_lr,
    *,
    warmup_steps,
    stable_steps,
    decay_steps,
    lr0=0.0,
    end_lr=0.0,
    decay_shape="linear",
):
    r"""Warmup-stable-decay (WSD): warm up, hold the peak, then cool down.

    With :math:`W, S, D` the three lengths and :math:`r = \min(\max(t - W -
    S, 0), D)/D` the progress of the cool-down,

    .. math::

        \eta_t = \begin{cases}
          \eta_0 + (\eta_{peak} - \eta_0)\, t/W & t < W\\
          \eta_{peak} & W \le t < W + S\\
          \eta_{end} + (\eta_{peak} - \eta_{end})\, g(r) & t \ge W + S
        \end{cases}

    with :math:`g(r) = 1 - r` (linear), :math:`\tfrac12(1 + \cos\pi r)`
    (cosine) or :math:`1 - \sqrt r` ("1-sqrt", Hägele et al. 2024). Used for
    MiniCPM (Hu et al. 2024): the long stable phase can be extended and
    branched from without knowing the total length in advance.

    Parameters
    ----------
    peak_lr : float
        :math:`\eta_{peak}` > 0.
    warmup_steps, stable_steps : float
        :math:`W, S` >= 0.
    decay_steps : float
        :math:`D` > 0.
    lr0 : float, default 0.0
        :math:`\eta_0` >= 0, the rate at step 0.
    end_lr : float, default 0.0
        :math:`\eta_{end}` >= 0, the rate at the end of the cool-down.
    decay_shape : {"linear", "cosine", "sqrt"}

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number.
    ValueError
        If ``peak_lr`` or ``decay_steps`` is not finite or not > 0, another
        length or rate is negative or not finite, or ``decay_shape`` is
        unknown.

    References
    ----------
    .. [1] S. Hu et al., "MiniCPM: Unveiling the Potential of Small Language
       Models with Scalable Training Strategies", arXiv:2404.06395, 2024.
    .. [2] A. Hägele et al., "Scaling Laws and Compute-Optimal Training Beyond
       Fixed Training Durations", NeurIPS 2024, arXiv:2405.18392.

    Examples
    --------
    >>> from lrcourse.schedules import warmup_stable_decay
    >>> s = warmup_stable_decay(0.1, warmup_steps=2, stable_steps=3, decay_steps=4)
    >>> s([0, 1, 2, 4, 5, 7, 9, 20])
    array([0.  , 0.05, 0.1 , 0.1 , 0.1 , 0.05, 0.  , 0.  ])
    """
    peak_lr = check_real("peak_lr", peak_lr, gt=0)
    warmup_steps = check_real("warmup_steps", warmup_steps, ge=0)
    stable_steps = check_real("stable_steps", stable_steps, ge=0)
    decay_steps = check_real("decay_steps", decay_steps, gt=0)
    lr0 = check_real("lr0", lr0, ge=0)
    end_lr = check_real("end_lr", end_lr, ge=0)
    decay_shape = check_choice("decay_shape", decay_shape, _WSD_SHAPES)
    decay_start = warmup_steps + stable_steps

    def fn(t):
        r = np.minimum(np.maximum(t - decay_start, 0.0), decay_steps) / decay_steps
        if decay_shape == "linear":
            g = 1.0 - r
        elif decay_shape == "cosine":
            g = _half_cos(r)
        else:
            g = 1.0 - np.sqrt(r)
        out = end_lr + (peak_lr - end_lr) * g
        if warmup_steps > 0:
            warm = lr0 + (peak_lr - lr0) * (t / warmup_steps)
            out = np.where(t < warmup_steps, warm, out)
        return out

    return Schedule(
        "warmup_stable_decay",
        {
            "peak_lr": peak_lr,
            "warmup_steps": warmup_steps,
            "stable_steps": stable_steps,
            "decay_steps": decay_steps,
            "lr0": lr0,
            "end_lr": end_lr,
            "decay_shape": decay_shape,
        },
        fn,
    )
