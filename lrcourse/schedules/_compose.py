"""Building schedules from others: joining in sequence, interpolating between
knots, and scaling a base rate by a multiplier function."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .._validation import check_choice, check_real, check_real_sequence
from ._base import Schedule

__all__ = ["join", "multiplier_schedule", "piecewise_interpolate"]


def join(schedules, *, boundaries):
    r"""Run schedules one after another, each on its own clock.

    With boundaries :math:`b_1 < \dots < b_n` (and :math:`b_0 = 0`),

    .. math:: \eta_t = s_i(t - b_i) \quad\text{for } b_i \le t < b_{i+1}

    so each piece starts at its own step 0: a warmup of :math:`W` steps
    followed by a cosine decay starts the cosine at its peak at step
    :math:`W` (optax ``join_schedules``; PyTorch ``SequentialLR``).

    Each piece is evaluated only on the steps of its own window,
    :math:`0 \le t - b_i < b_{i+1} - b_i`. A piece that is undefined or
    overflows outside its window (a one-cycle schedule past its
    ``total_steps``, a growth schedule far in the future) therefore never
    affects the joined schedule; only the active piece can make a step fail.

    Parameters
    ----------
    schedules : sequence of Schedule
        At least one.
    boundaries : sequence of float
        Strictly increasing steps > 0, one fewer than ``schedules``.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If ``schedules`` is not a list or tuple of lrcourse schedules, or
        ``boundaries`` is not a list of numbers.
    ValueError
        If ``schedules`` is empty, the boundaries are not finite, not > 0 or
        not strictly increasing, or there is not exactly one boundary fewer
        than schedules. When evaluated, if the active piece has no finite
        rate at a requested step.

    References
    ----------
    .. [1] optax 0.2.8, ``join_schedules`` in ``optax/schedules/_join.py``
       (which evaluates every piece on every step).
    .. [2] PyTorch 2.13, ``SequentialLR`` in ``torch/optim/lr_scheduler.py``.

    Examples
    --------
    >>> from lrcourse.schedules import join, linear_warmup, exponential_decay
    >>> s = join([linear_warmup(0.1, warmup_steps=5), exponential_decay(0.1, decay_rate=0.5)],
    ...          boundaries=[5])
    >>> s([0, 4, 5, 6, 7])
    array([0.   , 0.08 , 0.1  , 0.05 , 0.025])
    """
    if isinstance(schedules, Schedule) or not isinstance(schedules, list | tuple):
        raise TypeError(
            "Argument `schedules` must be a list of lrcourse Schedules. "
            f"Received: schedules={schedules!r}"
        )
    if not schedules:
        raise ValueError("Argument `schedules` must hold at least one Schedule. Received: []")
    for i, s in enumerate(schedules):
        if not isinstance(s, Schedule):
            raise TypeError(
                f"Argument `schedules` must be a list of lrcourse Schedules (entry {i} is "
                f"{type(s).__name__}). Received: schedules={schedules!r}"
            )
    boundaries = check_real_sequence("boundaries", boundaries, increasing=True, gt=0)
    if len(boundaries) != len(schedules) - 1:
        raise ValueError(
            "Argument `boundaries` must have exactly one entry fewer than `schedules` "
            f"({len(schedules)} - 1 = {len(schedules) - 1}). Received: "
            f"boundaries={list(boundaries)!r} ({len(boundaries)} entries)"
        )
    fns = [s._fn for s in schedules]
    starts = (0.0, *boundaries)
    edges = np.asarray(boundaries, dtype=np.float64)

    def fn(t):
        if len(fns) == 1:
            return fns[0](t)
        flat = t.reshape(-1)
        n = flat.size
        out = np.empty(n, dtype=np.float64)
        if n < 2 or (flat[1:] >= flat[:-1]).all():
            # Sorted steps (the usual case, e.g. an arange): each window is a slice.
            # Piece i is active on [b_i, b_{i+1}): its slice starts at the first t >= b_i.
            cuts = (*np.searchsorted(flat, edges, side="left").tolist(), n)
            lo = 0
            for i, (f, hi) in enumerate(zip(fns, cuts, strict=True)):
                if hi > lo:
                    local = flat[lo:hi] - starts[i] if i else flat[lo:hi]
                    if hi - lo == n:
                        return np.asarray(f(local), dtype=np.float64).reshape(t.shape)
                    out[lo:hi] = f(local)
                lo = hi
            return out.reshape(t.shape)
        piece = np.searchsorted(edges, flat, side="right")  # t == b_i belongs to piece i
        for i, f in enumerate(fns):
            inside = piece == i
            if inside.any():
                local = flat[inside] - starts[i] if i else flat[inside]
                out[inside] = f(local)
        return out.reshape(t.shape)

    return Schedule("join", {"schedules": tuple(schedules), "boundaries": boundaries}, fn)


def piecewise_interpolate(boundaries, *, values, interpolation="linear"):
    r"""Interpolate between values given at knots, then hold the last one.

    Knots :math:`b_0 = 0 \le b_1 \le \dots \le b_n` carry values
    :math:`v_0, \dots, v_n`. On :math:`[b_i, b_{i+1})`, with
    :math:`\rho = (t - b_i)/\max(b_{i+1} - b_i, 1)`,

    .. math::

        \eta_t = v_i + (v_{i+1} - v_i)\rho \ \text{(linear)}
        \quad\text{or}\quad
        v_{i+1} + \frac{v_i - v_{i+1}}{2}(\cos\pi\rho + 1)\ \text{(cosine)},

    and :math:`\eta_t = v_n` for :math:`t \ge b_n` (optax
    ``piecewise_interpolate_schedule``; a knot listed twice makes a jump).

    Parameters
    ----------
    boundaries : sequence of float
        Non-decreasing knots :math:`b_1, \dots, b_n` >= 0 (:math:`b_0 = 0` is implied).
    values : sequence of float
        :math:`v_0, \dots, v_n` >= 0, one more than ``boundaries``.
    interpolation : {"linear", "cosine"}

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If ``boundaries`` or ``values`` is not a list of real numbers.
    ValueError
        If a knot or value is negative or not finite, the knots are not
        sorted, ``len(values) != len(boundaries) + 1``, or ``interpolation``
        is unknown.

    References
    ----------
    .. [1] optax 0.2.8, ``piecewise_interpolate_schedule`` in
       ``optax/schedules/_schedule.py``.

    Examples
    --------
    >>> from lrcourse.schedules import piecewise_interpolate
    >>> piecewise_interpolate([10, 20], values=[0.0, 1.0, 0.5])([0, 5, 10, 15, 30])
    array([0.  , 0.5 , 1.  , 0.75, 0.5 ])
    """
    boundaries = check_real_sequence("boundaries", boundaries, ge=0)
    for i in range(1, len(boundaries)):
        if boundaries[i] < boundaries[i - 1]:
            raise ValueError(
                f"Argument `boundaries` must be sorted: entry {i}, {boundaries[i]:g}, is "
                f"below entry {i - 1}, {boundaries[i - 1]:g}. "
                f"Received: boundaries={list(boundaries)!r}"
            )
    values = check_real_sequence("values", values, min_len=1, ge=0)
    if len(values) != len(boundaries) + 1:
        raise ValueError(
            "Argument `values` must have exactly one more entry than `boundaries` "
            f"({len(boundaries)} + 1 = {len(boundaries) + 1}). Received: "
            f"boundaries={list(boundaries)!r}, values={list(values)!r} ({len(values)} entries)"
        )
    interpolation = check_choice("interpolation", interpolation, ("linear", "cosine"))
    knots = np.asarray((0.0,) + boundaries)
    v = np.asarray(values)
    lo, hi = knots[:-1], knots[1:]
    size = np.maximum(hi - lo, 1.0)
    start, end = v[:-1], v[1:]

    def fn(t):
        out = np.where(t >= knots[-1], v[-1], 0.0)
        for i in range(len(lo)):  # over knots, never over steps
            inside = (lo[i] <= t) & (t < hi[i])
            pct = (t - lo[i]) / size[i]
            if interpolation == "linear":
                val = (end[i] - start[i]) * pct + start[i]
            else:
                val = end[i] + (start[i] - end[i]) / 2.0 * (np.cos(math.pi * pct) + 1)
            out = np.where(inside, val, out)
        return out

    return Schedule(
        "piecewise_interpolate",
        {"boundaries": boundaries, "values": values, "interpolation": interpolation},
        fn,
    )


def multiplier_schedule(lr0, *, multiplier):
    r"""A base rate times a multiplier function of the step (PyTorch ``LambdaLR``).

    .. math:: \eta_t = \eta_0\, \lambda(t)

    Parameters
    ----------
    lr0 : float
        :math:`\eta_0` > 0.
    multiplier : callable or Schedule
        :math:`\lambda`. It is called once with the whole float64 array of
        steps, so write it with NumPy-friendly operations
        (``lambda k: 0.95 ** k`` works; a Python ``if`` on ``k`` does not).
        It must return finite numbers >= 0 of the same shape.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If ``lr0`` is not a real number or ``multiplier`` is not callable.
        When evaluated, if the multiplier cannot take an array of steps.
    ValueError
        If ``lr0`` is not finite or not > 0. When evaluated, if the
        multiplier returns the wrong shape, NaN, infinity or a negative
        number.

    References
    ----------
    .. [1] PyTorch 2.13, ``LambdaLR`` in ``torch/optim/lr_scheduler.py``.

    Examples
    --------
    >>> from lrcourse.schedules import multiplier_schedule
    >>> multiplier_schedule(0.1, multiplier=lambda k: 0.5 ** k)([0, 1, 2])
    array([0.1  , 0.05 , 0.025])
    """
    lr0 = check_real("lr0", lr0, gt=0)
    if not isinstance(multiplier, Callable):
        raise TypeError(
            f"Argument `multiplier` must be callable. Received: multiplier={multiplier!r}"
        )
    inner = multiplier._fn if isinstance(multiplier, Schedule) else multiplier

    def fn(t):
        try:
            m = np.asarray(inner(t), dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                "Argument `multiplier` must accept a NumPy array of steps and work "
                "elementwise (no Python `if` on the step). Calling it raised "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        if m.shape != t.shape:
            m = np.broadcast_to(m, t.shape) if m.ndim == 0 else m
        if m.shape != t.shape:
            raise ValueError(
                f"Argument `multiplier` must return one value per step (shape {t.shape}). "
                f"Received: an array of shape {m.shape}"
            )
        if m.size and not (np.isfinite(m).all() and m.min() >= 0):
            raise ValueError(
                "Argument `multiplier` must return finite numbers >= 0. Received: values "
                f"from {np.nanmin(m) if not np.isnan(m).all() else m.min()} including "
                "NaN, inf or a negative number"
            )
        return lr0 * m

    return Schedule("multiplier_schedule", {"lr0": lr0, "multiplier": multiplier}, fn)
