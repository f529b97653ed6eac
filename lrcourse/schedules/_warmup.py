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


def linear_warmup(peak_value, warmup_steps, *, init_value=0.0):
    r"""Linear warmup from :math:`\eta_{init}` to :math:`\eta_{peak}`, then constant.

    .. math:: \eta_t = \eta_{init} + (\eta_{peak} - \eta_{init}) \min(t, W)/W

    (optax ``warmup_constant_schedule``; PyTorch ``LinearLR`` with
    ``end_factor=1``.)

    Parameters
    ----------
    peak_value : float
        :math:`\eta_{peak}` >= 0.
    warmup_steps : float
        :math:`W` > 0.
    init_value : float, default 0.0
        :math:`\eta_{init}` >= 0.

    Returns
    -------
    Schedule

    Examples
    --------
    >>> from lrcourse.schedules import linear_warmup
    >>> linear_warmup(0.1, 4)([0, 1, 4, 10])
    array([0.   , 0.025, 0.1  , 0.1  ])
    """
    peak_value = check_real("peak_value", peak_value, ge=0)
    warmup_steps = check_real("warmup_steps", warmup_steps, gt=0)
    init_value = check_real("init_value", init_value, ge=0)

    span = peak_value - init_value

    def fn(t):
        out = np.minimum(t, warmup_steps)  # a new array: safe to update in place
        out /= warmup_steps
        out *= span
        out += init_value
        return out

    return Schedule(
        "linear_warmup",
        {"peak_value": peak_value, "warmup_steps": warmup_steps, "init_value": init_value},
        fn,
    )


def exponential_warmup(peak_value, warmup_steps, *, init_value):
    r"""Exponential (geometric) warmup from :math:`\eta_{init}` to :math:`\eta_{peak}`.

    .. math:: \eta_t = \eta_{init}\,(\eta_{peak}/\eta_{init})^{\min(t, W)/W}

    The rate is multiplied by the same factor every step, so on a log axis
    the warmup is a straight line.

    Parameters
    ----------
    peak_value : float
        :math:`\eta_{peak}` > 0.
    warmup_steps : float
        :math:`W` > 0.
    init_value : float
        :math:`\eta_{init}` > 0 (a geometric warmup cannot start at 0).

    Returns
    -------
    Schedule

    Examples
    --------
    >>> from lrcourse.schedules import exponential_warmup
    >>> exponential_warmup(0.1, 2, init_value=0.001)([0, 1, 2, 3])
    array([0.001, 0.01 , 0.1  , 0.1  ])
    """
    peak_value = check_real("peak_value", peak_value, gt=0)
    warmup_steps = check_real("warmup_steps", warmup_steps, gt=0)
    init_value = check_real("init_value", init_value, gt=0)
    ratio = peak_value / init_value

    def fn(t):
        return init_value * ratio ** (np.minimum(t, warmup_steps) / warmup_steps)

    return Schedule(
        "exponential_warmup",
        {"peak_value": peak_value, "warmup_steps": warmup_steps, "init_value": init_value},
        fn,
    )


def warmup_cosine(
    peak_value,
    warmup_steps,
    decay_steps,
    *,
    init_value=0.0,
    alpha=None,
    end_value=None,
    exponent=1.0,
    decay_includes_warmup=True,
):
    r"""Linear warmup to :math:`\eta_{peak}`, then cosine decay to a floor.

    .. math::

        \eta_t = \begin{cases}
          \eta_{init} + (\eta_{peak} - \eta_{init})\, t / W & t < W \\
          \text{cosine from } \eta_{peak} \text{ over } D \text{ steps, at } t - W & t \ge W
        \end{cases}

    where the cosine part is :func:`cosine_decay` (clamped) and :math:`D =
    T - W` if ``decay_includes_warmup`` (optax: ``decay_steps`` counts the
    warmup) or :math:`D = T` (Keras ``CosineDecay(warmup_steps=...)``:
    ``decay_steps`` counts after the warmup).

    Parameters
    ----------
    peak_value : float
        :math:`\eta_{peak}` >= 0.
    warmup_steps : float
        :math:`W` >= 0.
    decay_steps : float
        :math:`T` > 0 (with ``decay_includes_warmup``, :math:`T > W`).
    init_value : float, default 0.0
        :math:`\eta_{init}` >= 0.
    alpha, end_value : float, optional
        The floor, as in :func:`cosine_decay` (relative to :math:`\eta_{peak}`).
    exponent : float, default 1.0
        As in :func:`cosine_decay`.
    decay_includes_warmup : bool, default True

    Returns
    -------
    Schedule

    Examples
    --------
    >>> from lrcourse.schedules import warmup_cosine
    >>> warmup_cosine(0.1, 5, 15)([0, 5, 10, 15, 20])
    array([0.  , 0.1 , 0.05, 0.  , 0.  ])
    >>> warmup_cosine(0.1, 5, 10, decay_includes_warmup=False)([0, 5, 10, 15])
    array([0.  , 0.1 , 0.05, 0.  ])
    """
    peak_value = check_real("peak_value", peak_value, ge=0)
    warmup_steps = check_real("warmup_steps", warmup_steps, ge=0)
    decay_steps = check_real("decay_steps", decay_steps, gt=0)
    init_value = check_real("init_value", init_value, ge=0)
    alpha, end_value = _floor_args(peak_value, alpha, end_value)
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
            warm = (peak_value - init_value) * (t / warmup_steps) + init_value
        else:
            warm = t
        tau = np.minimum(np.maximum(t - warmup_steps, 0.0), span)
        c = _half_cos(tau / span)
        if exponent != 1.0:
            c = c**exponent
        decay = _floored(peak_value, alpha, end_value, c)
        return np.where(t < warmup_steps, warm, decay)

    return Schedule(
        "warmup_cosine",
        {
            "peak_value": peak_value,
            "warmup_steps": warmup_steps,
            "decay_steps": decay_steps,
            "init_value": init_value,
            "alpha": alpha,
            "end_value": end_value,
            "exponent": exponent,
            "decay_includes_warmup": decay_includes_warmup,
        },
        fn,
    )


def inverse_sqrt(peak_value, warmup_steps):
    r"""Inverse square root with linear warmup (the Transformer schedule).

    Counting steps from one, :math:`s = t + 1`:

    .. math:: \eta_t = \eta_{peak} \min\!\left(\frac{s}{W},\ \sqrt{\frac{W}{s}}\right)

    Vaswani et al. (2017) write :math:`d^{-1/2}\min(s^{-1/2}, s W^{-3/2})`,
    which is this with :math:`\eta_{peak} = (d W)^{-1/2}`.

    Parameters
    ----------
    peak_value : float
        :math:`\eta_{peak}` > 0, the rate at :math:`s = W`.
    warmup_steps : float
        :math:`W` > 0.

    Returns
    -------
    Schedule

    Examples
    --------
    >>> from lrcourse.schedules import inverse_sqrt
    >>> inverse_sqrt(0.01, 4)([0, 3, 15])
    array([0.0025, 0.01  , 0.005 ])
    """
    peak_value = check_real("peak_value", peak_value, gt=0)
    warmup_steps = check_real("warmup_steps", warmup_steps, gt=0)

    def fn(t):
        s = t + 1.0
        return peak_value * np.minimum(s / warmup_steps, np.sqrt(warmup_steps / s))

    return Schedule("inverse_sqrt", {"peak_value": peak_value, "warmup_steps": warmup_steps}, fn)


_WSD_SHAPES = ("linear", "cosine", "sqrt")


def warmup_stable_decay(
    peak_value,
    warmup_steps,
    stable_steps,
    decay_steps,
    *,
    init_value=0.0,
    end_value=0.0,
    decay_shape="linear",
):
    r"""Warmup-stable-decay (WSD): warm up, hold the peak, then cool down.

    With :math:`W, S, D` the three lengths and :math:`r = \min(\max(t - W -
    S, 0), D)/D` the progress of the cool-down,

    .. math::

        \eta_t = \begin{cases}
          \eta_{init} + (\eta_{peak} - \eta_{init})\, t/W & t < W\\
          \eta_{peak} & W \le t < W + S\\
          \eta_{end} + (\eta_{peak} - \eta_{end})\, g(r) & t \ge W + S
        \end{cases}

    with :math:`g(r) = 1 - r` (linear), :math:`\tfrac12(1 + \cos\pi r)`
    (cosine) or :math:`1 - \sqrt r` ("1-sqrt", Hägele et al. 2024). Used for
    MiniCPM (Hu et al. 2024): the long stable phase can be extended and
    branched from without knowing the total length in advance.

    Parameters
    ----------
    peak_value : float
        :math:`\eta_{peak}` > 0.
    warmup_steps, stable_steps : float
        :math:`W, S` >= 0.
    decay_steps : float
        :math:`D` > 0.
    init_value, end_value : float, default 0.0
        :math:`\eta_{init}, \eta_{end}` >= 0.
    decay_shape : {"linear", "cosine", "sqrt"}

    Returns
    -------
    Schedule

    Examples
    --------
    >>> from lrcourse.schedules import warmup_stable_decay
    >>> warmup_stable_decay(0.1, 2, 3, 4)([0, 1, 2, 4, 5, 7, 9, 20])
    array([0.  , 0.05, 0.1 , 0.1 , 0.1 , 0.05, 0.  , 0.  ])
    """
    peak_value = check_real("peak_value", peak_value, gt=0)
    warmup_steps = check_real("warmup_steps", warmup_steps, ge=0)
    stable_steps = check_real("stable_steps", stable_steps, ge=0)
    decay_steps = check_real("decay_steps", decay_steps, gt=0)
    init_value = check_real("init_value", init_value, ge=0)
    end_value = check_real("end_value", end_value, ge=0)
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
        out = end_value + (peak_value - end_value) * g
        if warmup_steps > 0:
            warm = init_value + (peak_value - init_value) * (t / warmup_steps)
            out = np.where(t < warmup_steps, warm, out)
        return out

    return Schedule(
        "warmup_stable_decay",
        {
            "peak_value": peak_value,
            "warmup_steps": warmup_steps,
            "stable_steps": stable_steps,
            "decay_steps": decay_steps,
            "init_value": init_value,
            "end_value": end_value,
            "decay_shape": decay_shape,
        },
        fn,
    )
