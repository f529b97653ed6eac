"""Step-wise and exponential decay (chapter 2 of the course).

Every factory validates its arguments and returns a :class:`Schedule`.
Steps are counted from 0: ``schedule(0)`` is the rate of the first update.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_bool, check_int, check_real, check_real_sequence
from ._base import Schedule

__all__ = [
    "constant",
    "piecewise_constant",
    "step_decay",
    "multistep_decay",
    "exponential_decay",
    "natural_exp_decay",
    "inverse_time_decay",
    "per_epoch",
]


def constant(lr0):
    r"""Constant learning rate.

    .. math:: \eta_t = \eta_0

    Parameters
    ----------
    lr0 : float
        The learning rate :math:`\eta_0`, > 0.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If ``lr0`` is not a real number.
    ValueError
        If ``lr0`` is not finite or not > 0.

    References
    ----------
    .. [1] optax 0.2.8, ``constant_schedule`` in ``optax/schedules/_schedule.py``.

    Examples
    --------
    >>> from lrcourse.schedules import constant
    >>> constant(0.1)([0, 5, 10])
    array([0.1, 0.1, 0.1])
    """
    lr0 = check_real("lr0", lr0, gt=0)

    def fn(t):
        return np.full_like(t, lr0)

    return Schedule("constant", {"lr0": lr0}, fn, constant=lr0)


def piecewise_constant(boundaries, *, values, switch_at_boundary=True):
    r"""Piecewise constant learning rate.

    With boundaries :math:`b_1 < \dots < b_n` and values
    :math:`v_0, \dots, v_n`, the rate is :math:`v_i` on the *i*-th interval.

    .. math::

        \eta_t = v_{i(t)}, \qquad
        i(t) = \begin{cases}
            \#\{j : b_j \le t\} & \text{switch at the boundary (PyTorch, optax)}\\
            \#\{j : b_j < t\} & \text{old value holds at the boundary (TF, Keras)}
        \end{cases}

    Parameters
    ----------
    boundaries : sequence of float
        Strictly increasing steps :math:`b_j`, each >= 0.
    values : sequence of float
        Rates :math:`v_i`, one more than ``boundaries``, each >= 0.
    switch_at_boundary : bool, default True
        ``True``: step :math:`b_j` already uses the new value (PyTorch
        ``MultiStepLR``, optax). ``False``: the old value still holds *at*
        :math:`b_j` and the new one starts at :math:`b_j + 1` (TensorFlow
        ``piecewise_constant``, Keras ``PiecewiseConstantDecay``).

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If ``boundaries`` or ``values`` is not a list of real numbers, or
        ``switch_at_boundary`` is not a bool.
    ValueError
        If ``len(values) != len(boundaries) + 1``, the boundaries are not
        strictly increasing or negative, or a value is negative or not finite.

    References
    ----------
    .. [1] TensorFlow 2.21, ``piecewise_constant`` in
       ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``.
    .. [2] Keras 3.15, ``PiecewiseConstantDecay`` in
       ``keras/src/optimizers/schedules/learning_rate_schedule.py``.
    .. [3] PyTorch 2.13, ``MultiStepLR`` in ``torch/optim/lr_scheduler.py``.
    .. [4] optax 0.2.8, ``piecewise_constant_schedule`` in ``optax/schedules/_schedule.py``.

    Examples
    --------
    >>> from lrcourse.schedules import piecewise_constant
    >>> tf_style = piecewise_constant(
    ...     [10, 20], values=[0.1, 0.01, 0.001], switch_at_boundary=False
    ... )
    >>> tf_style([9, 10, 11, 20, 21])
    array([0.1  , 0.1  , 0.01 , 0.01 , 0.001])
    >>> piecewise_constant([10, 20], values=[0.1, 0.01, 0.001])([9, 10, 11, 20, 21])
    array([0.1  , 0.01 , 0.01 , 0.001, 0.001])
    """
    boundaries = check_real_sequence("boundaries", boundaries, increasing=True, ge=0)
    values = check_real_sequence("values", values, min_len=1, ge=0)
    switch_at_boundary = check_bool("switch_at_boundary", switch_at_boundary)
    if len(values) != len(boundaries) + 1:
        raise ValueError(
            "Argument `values` must have exactly one more entry than `boundaries` "
            f"({len(boundaries)} + 1 = {len(boundaries) + 1}). Received: "
            f"boundaries={list(boundaries)!r}, values={list(values)!r} ({len(values)} entries)"
        )
    b = np.asarray(boundaries, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)
    fn = _lookup(b, v, switch_at_boundary)

    return Schedule(
        "piecewise_constant",
        {"boundaries": boundaries, "values": values, "switch_at_boundary": switch_at_boundary},
        fn,
        int_steps=True,
    )


#: Up to this many boundaries, :func:`_lookup` compares instead of searching.
_FEW_BOUNDARIES = 4


def _lookup(b, v, switch_at_boundary):
    r"""``fn(t) = v[i(t)]`` with :math:`i(t) = \#\{j : b_j \le t\}` (or :math:`b_j < t`).

    ``b`` is sorted (repeats allowed) and ``v`` has one more entry. With a
    few boundaries, one comparison per boundary is cheaper than a binary
    search per step (``np.searchsorted``); both pick the same entry of ``v``.
    """
    if len(b) > _FEW_BOUNDARIES:
        side = "right" if switch_at_boundary else "left"

        def fn(t):
            return v[np.searchsorted(b, t, side=side)]

        return fn
    past = np.greater_equal if switch_at_boundary else np.greater

    def fn(t):
        if not len(b):
            return np.full(t.shape, v[0])
        out = np.where(past(t, b[0]), v[1], v[0])
        # Later boundaries overwrite: the last one passed gives the value.
        for j in range(1, len(b)):
            np.copyto(out, v[j + 1], where=past(t, b[j]))
        return out

    return fn


def step_decay(lr0, *, decay_rate, decay_steps):
    r"""Step decay: multiply the rate by ``decay_rate`` every ``decay_steps``.

    .. math:: \eta_t = \eta_0 \, \gamma^{\lfloor t / T \rfloor}

    The floor is what makes the steps; without it this is
    :func:`exponential_decay` (a smooth curve).

    Parameters
    ----------
    lr0 : float
        Initial learning rate :math:`\eta_0`, > 0.
    decay_rate : float
        Factor :math:`\gamma` applied at each drop, > 0 (below 1 decays, above 1 grows).
        (PyTorch ``StepLR(gamma=...)``.)
    decay_steps : int
        Length :math:`T` of each constant stretch, >= 1 (PyTorch
        ``step_size``).

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If ``lr0`` or ``decay_rate`` is not a real number, or ``decay_steps``
        is not an integer (``10.0`` is refused).
    ValueError
        If ``lr0`` or ``decay_rate`` is not finite or not > 0, or
        ``decay_steps`` < 1.

    References
    ----------
    .. [1] PyTorch 2.13, ``StepLR`` in ``torch/optim/lr_scheduler.py``.
    .. [2] PyTorch examples, ImageNet training script ``imagenet/main.py``
       (``StepLR(step_size=30, gamma=0.1)``, stepped once per epoch),
       https://github.com/pytorch/examples.

    Examples
    --------
    >>> from lrcourse.schedules import step_decay
    >>> step_decay(0.1, decay_rate=0.5, decay_steps=10)([0, 9, 10, 19, 20])
    array([0.1  , 0.1  , 0.05 , 0.05 , 0.025])
    """
    lr0 = check_real("lr0", lr0, gt=0)
    decay_rate = check_real("decay_rate", decay_rate, gt=0)
    decay_steps = check_int("decay_steps", decay_steps, ge=1)

    def fn(t):
        return lr0 * decay_rate ** np.floor(t / decay_steps)

    return Schedule(
        "step_decay", {"lr0": lr0, "decay_rate": decay_rate, "decay_steps": decay_steps}, fn
    )


def multistep_decay(lr0, *, boundaries, decay_rate, switch_at_boundary=True):
    r"""Multi-step decay: multiply by ``decay_rate`` at each listed boundary.

    .. math:: \eta_t = \eta_0 \, \gamma^{\#\{j : b_j \le t\}}

    (with ``switch_at_boundary=False``, the count is of :math:`b_j < t`).

    Parameters
    ----------
    lr0 : float
        Initial learning rate :math:`\eta_0`, > 0.
    boundaries : sequence of float
        Sorted steps :math:`b_j` >= 0 (PyTorch ``milestones``). A boundary
        listed twice applies the factor twice, like PyTorch's ``Counter``.
    decay_rate : float
        Factor :math:`\gamma` > 0 (PyTorch ``gamma``).
    switch_at_boundary : bool, default True
        As in :func:`piecewise_constant`; PyTorch ``MultiStepLR`` switches at
        the boundary.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If an argument has the wrong type (``boundaries`` must be a list of
        numbers, ``switch_at_boundary`` a bool).
    ValueError
        If ``lr0`` or ``decay_rate`` is not finite or not > 0, or the
        boundaries are negative, not finite or not sorted.

    References
    ----------
    .. [1] K. He, X. Zhang, S. Ren and J. Sun, "Deep Residual Learning for
       Image Recognition", CVPR 2016, arXiv:1512.03385 (the rate divided by
       10 at 32k and 48k iterations).
    .. [2] PyTorch 2.13, ``MultiStepLR`` in ``torch/optim/lr_scheduler.py``.

    Examples
    --------
    >>> from lrcourse.schedules import multistep_decay
    >>> multistep_decay(0.1, boundaries=[30, 80], decay_rate=0.1)([29, 30, 79, 80])
    array([0.1  , 0.01 , 0.01 , 0.001])
    """
    lr0 = check_real("lr0", lr0, gt=0)
    boundaries = check_real_sequence("boundaries", boundaries, ge=0)
    for i in range(1, len(boundaries)):
        if boundaries[i] < boundaries[i - 1]:
            raise ValueError(
                "Argument `boundaries` must be sorted (repeats allowed): entry "
                f"{i}, {boundaries[i]:g}, is below entry {i - 1}, {boundaries[i - 1]:g}. "
                f"Received: boundaries={list(boundaries)!r}"
            )
    decay_rate = check_real("decay_rate", decay_rate, gt=0)
    switch_at_boundary = check_bool("switch_at_boundary", switch_at_boundary)
    b = np.asarray(boundaries, dtype=np.float64)
    # lr0 * gamma**k for k = 0..n, computed once: a lookup per step afterwards.
    levels = lr0 * decay_rate ** np.arange(len(b) + 1, dtype=np.float64)
    fn = _lookup(b, levels, switch_at_boundary)

    return Schedule(
        "multistep_decay",
        {
            "lr0": lr0,
            "boundaries": boundaries,
            "decay_rate": decay_rate,
            "switch_at_boundary": switch_at_boundary,
        },
        fn,
        int_steps=True,
    )


def _exponent(t, decay_steps, staircase):
    p = t / decay_steps
    return np.floor(p) if staircase else p


def exponential_decay(
    lr0, *, decay_rate, decay_steps=1, staircase=False, begin_step=0, end_lr=None
):
    r"""Exponential decay.

    .. math::

        \eta_t = \eta_0 \, \gamma^{p}, \qquad
        p = t / T \ \text{(smooth)} \quad\text{or}\quad
        p = \lfloor t / T \rfloor \ \text{(staircase)}

    A ``decay_rate`` closer to 1 decays *more slowly*: after :math:`T`
    steps the rate is multiplied by :math:`\gamma`.

    With optax's options, the clock starts at :math:`t_0` (``begin_step``;
    :math:`\eta_t = \eta_0` for :math:`t \le t_0`, and :math:`t - t_0`
    replaces :math:`t`) and the rate is clipped at :math:`\eta_{end}`
    (``end_lr``): :math:`\max(\eta_t, \eta_{end})` when
    :math:`\gamma < 1`, :math:`\min(\eta_t, \eta_{end})` otherwise.

    Parameters
    ----------
    lr0 : float
        Initial learning rate :math:`\eta_0`, > 0.
    decay_rate : float
        The factor :math:`\gamma` per ``decay_steps``, > 0 (below 1 decays,
        above 1 grows).
    decay_steps : float, default 1
        :math:`T` > 0.
    staircase : bool, default False
        Floor :math:`t/T` so the rate drops in steps.
    begin_step : float, default 0
        :math:`t_0` >= 0: hold :math:`\eta_0` until this step.
    end_lr : float or None, default None
        :math:`\eta_{end}` > 0: a floor (:math:`\gamma < 1`) or a ceiling
        (:math:`\gamma \ge 1`) for the rate.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number or ``staircase`` is not a bool.
    ValueError
        If ``lr0``, ``decay_rate``, ``decay_steps`` or ``end_lr`` is not
        finite or not > 0, or ``begin_step`` < 0. When evaluated, if a growth
        schedule (``decay_rate > 1``) overflows at the requested steps.

    References
    ----------
    .. [1] TensorFlow 2.21, ``exponential_decay`` in
       ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``.
    .. [2] Keras 3.15, ``ExponentialDecay`` in
       ``keras/src/optimizers/schedules/learning_rate_schedule.py``.
    .. [3] PyTorch 2.13, ``ExponentialLR`` in ``torch/optim/lr_scheduler.py``
       (``decay_steps=1``).
    .. [4] optax 0.2.8, ``exponential_decay`` in ``optax/schedules/_schedule.py``
       (``transition_begin``, ``end_value``).

    Examples
    --------
    >>> from lrcourse.schedules import exponential_decay
    >>> exponential_decay(0.1, decay_rate=0.95)([0, 1, 2])
    array([0.1   , 0.095 , 0.09025])
    >>> exponential_decay(0.1, decay_rate=0.5, decay_steps=10, staircase=True)([0, 9, 10])
    array([0.1 , 0.1 , 0.05])
    >>> s = exponential_decay(0.1, decay_rate=0.5, decay_steps=10, begin_step=5, end_lr=0.04)
    >>> s([0, 5, 15, 25])
    array([0.1 , 0.1 , 0.05, 0.04])
    """
    lr0 = check_real("lr0", lr0, gt=0)
    decay_rate = check_real("decay_rate", decay_rate, gt=0)
    decay_steps = check_real("decay_steps", decay_steps, gt=0)
    staircase = check_bool("staircase", staircase)
    begin_step = check_real("begin_step", begin_step, ge=0)
    if end_lr is not None:
        end_lr = check_real("end_lr", end_lr, gt=0)
    clip = np.maximum if decay_rate < 1.0 else np.minimum

    def fn(t):
        if begin_step == 0 and end_lr is None:
            return lr0 * decay_rate ** _exponent(t, decay_steps, staircase)
        tb = t - begin_step
        out = np.where(
            tb <= 0,
            lr0,
            lr0 * decay_rate ** _exponent(np.maximum(tb, 0.0), decay_steps, staircase),
        )
        if end_lr is not None:
            out = clip(out, end_lr)
        return out

    return Schedule(
        "exponential_decay",
        {
            "lr0": lr0,
            "decay_rate": decay_rate,
            "decay_steps": decay_steps,
            "staircase": staircase,
            "begin_step": begin_step,
            "end_lr": end_lr,
        },
        fn,
    )


def natural_exp_decay(lr0, *, decay_rate, decay_steps=1, staircase=False):
    r"""Natural-exponential decay.

    .. math:: \eta_t = \eta_0 \, e^{-k p}, \qquad p = t/T \text{ or } \lfloor t/T \rfloor

    This is :func:`exponential_decay` with :math:`\gamma = e^{-k}`: it is not
    inherently faster, its speed is set by :math:`k`.

    Careful: here ``decay_rate`` is the rate constant :math:`k`, and a
    *larger* value decays *faster*; in :func:`exponential_decay` it is the
    factor :math:`\gamma`, and a larger value decays more slowly. The same
    0.96 gives :math:`\gamma = 0.96` there but :math:`\gamma = e^{-0.96}
    \approx 0.38` here.

    Parameters
    ----------
    lr0 : float
        Initial learning rate :math:`\eta_0`, > 0.
    decay_rate : float
        :math:`k` >= 0.
    decay_steps : float, default 1
        :math:`T` > 0.
    staircase : bool, default False
        Floor :math:`t/T`.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number or ``staircase`` is not a bool.
    ValueError
        If ``lr0`` or ``decay_steps`` is not finite or not > 0, or
        ``decay_rate`` < 0.

    References
    ----------
    .. [1] TensorFlow 2.21, ``natural_exp_decay`` in
       ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``.

    Examples
    --------
    >>> from lrcourse.schedules import natural_exp_decay
    >>> print(f"{natural_exp_decay(0.1, decay_rate=0.5, decay_steps=10)(20):.6f}")
    0.036788
    """
    lr0 = check_real("lr0", lr0, gt=0)
    decay_rate = check_real("decay_rate", decay_rate, ge=0)
    decay_steps = check_real("decay_steps", decay_steps, gt=0)
    staircase = check_bool("staircase", staircase)

    def fn(t):
        return lr0 * np.exp(-decay_rate * _exponent(t, decay_steps, staircase))

    return Schedule(
        "natural_exp_decay",
        {
            "lr0": lr0,
            "decay_rate": decay_rate,
            "decay_steps": decay_steps,
            "staircase": staircase,
        },
        fn,
    )


def inverse_time_decay(lr0, *, decay_rate, decay_steps=1, staircase=False):
    r"""Inverse-time decay.

    .. math:: \eta_t = \frac{\eta_0}{1 + k\,p}, \qquad p = t/T \text{ or } \lfloor t/T \rfloor

    It decays like :math:`1/t`: much more slowly than any exponential. As in
    :func:`natural_exp_decay`, ``decay_rate`` is a rate constant :math:`k`
    (larger decays faster).

    Parameters
    ----------
    lr0 : float
        Initial learning rate :math:`\eta_0`, > 0.
    decay_rate : float
        :math:`k` >= 0.
    decay_steps : float, default 1
        :math:`T` > 0.
    staircase : bool, default False
        Floor :math:`t/T`.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number or ``staircase`` is not a bool.
    ValueError
        If ``lr0`` or ``decay_steps`` is not finite or not > 0, or
        ``decay_rate`` < 0.

    References
    ----------
    .. [1] H. Robbins and S. Monro, "A Stochastic Approximation Method",
       Annals of Mathematical Statistics 22(3), 1951 (step sizes of order
       :math:`1/t`).
    .. [2] TensorFlow 2.21, ``inverse_time_decay`` in
       ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``.
    .. [3] Keras 3.15, ``InverseTimeDecay`` in
       ``keras/src/optimizers/schedules/learning_rate_schedule.py``.

    Examples
    --------
    >>> from lrcourse.schedules import inverse_time_decay
    >>> inverse_time_decay(0.1, decay_rate=0.5, decay_steps=10)([0, 10, 20])
    array([0.1       , 0.06666667, 0.05      ])
    """
    lr0 = check_real("lr0", lr0, gt=0)
    decay_rate = check_real("decay_rate", decay_rate, ge=0)
    decay_steps = check_real("decay_steps", decay_steps, gt=0)
    staircase = check_bool("staircase", staircase)

    def fn(t):
        return lr0 / (1.0 + decay_rate * _exponent(t, decay_steps, staircase))

    return Schedule(
        "inverse_time_decay",
        {
            "lr0": lr0,
            "decay_rate": decay_rate,
            "decay_steps": decay_steps,
            "staircase": staircase,
        },
        fn,
    )


def per_epoch(schedule, *, steps_per_epoch):
    r"""Count a schedule in epochs while training counts optimiser steps.

    .. math:: \eta_i = s\bigl(\lfloor i / B \rfloor\bigr)

    where :math:`i` is the optimiser step (batch) and :math:`B` the number of
    steps per epoch. This is what a PyTorch scheduler stepped once per epoch
    does, while TensorFlow's ``global_step`` counts batches.

    Parameters
    ----------
    schedule : Schedule
        A schedule whose argument is the epoch.
    steps_per_epoch : int
        :math:`B` >= 1.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If ``schedule`` is not an lrcourse :class:`Schedule` or
        ``steps_per_epoch`` is not an integer.
    ValueError
        If ``steps_per_epoch`` < 1.

    References
    ----------
    .. [1] PyTorch 2.13, ``LRScheduler.step`` in ``torch/optim/lr_scheduler.py``
       (one call per epoch in the documented training loop).
    .. [2] TensorFlow 2.21, ``global_step`` of the functions in
       ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``
       (one increment per optimiser step).

    Examples
    --------
    >>> from lrcourse.schedules import per_epoch, step_decay
    >>> s = step_decay(0.1, decay_rate=0.5, decay_steps=2)
    >>> per_epoch(s, steps_per_epoch=3)([0, 5, 6, 11, 12])
    array([0.1  , 0.1  , 0.05 , 0.05 , 0.025])
    """
    if not isinstance(schedule, Schedule):
        raise TypeError(
            f"Argument `schedule` must be an lrcourse Schedule. Received: schedule={schedule!r}"
        )
    steps_per_epoch = check_int("steps_per_epoch", steps_per_epoch, ge=1)
    inner = schedule._fn

    def fn(t):
        return inner(np.floor(t / steps_per_epoch))

    return Schedule("per_epoch", {"schedule": schedule, "steps_per_epoch": steps_per_epoch}, fn)
