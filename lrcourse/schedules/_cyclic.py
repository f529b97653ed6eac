"""Smith's cyclical learning rates and the one-cycle policy (with momentum)."""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_bool, check_choice, check_int, check_real
from ._base import Schedule

__all__ = ["cyclic", "cyclic_momentum", "one_cycle", "one_cycle_momentum"]

_MODES = ("triangular", "triangular2", "exp_range")


def _cyclic_shape(t, step_size_up, step_size_down, mode, gamma):
    """Return ``(scale_factor * scale, )``: the height in [0, 1] of the cycle at t."""
    total = step_size_up + step_size_down
    ratio = step_size_up / total
    cycle = np.floor(1 + t / total)
    x = 1.0 + t / total - cycle
    if ratio == 1.0:
        up = x / ratio
        down = up
    else:
        up = x / ratio
        down = (x - 1) / (ratio - 1)
    factor = np.where(x <= ratio, up, down)
    if mode == "triangular":
        scale = 1.0
    elif mode == "triangular2":
        scale = np.exp2(1.0 - cycle)  # = 1 / 2**(k-1), exactly, without overflow
    else:
        scale = gamma**t
    return factor, scale


def _check_cyclic(step_size_up, step_size_down, mode, gamma):
    step_size_up = check_real("step_size_up", step_size_up, gt=0)
    if step_size_down is None:
        step_size_down = step_size_up
    else:
        step_size_down = check_real("step_size_down", step_size_down, ge=0)
    mode = check_choice("mode", mode, _MODES)
    gamma = check_real("gamma", gamma, gt=0, le=1)
    return step_size_up, step_size_down, mode, gamma


def cyclic(lr0, *, peak_lr, step_size_up, step_size_down=None, mode="triangular", gamma=1.0):
    r"""Smith's cyclical learning rate (CLR): between two bounds, up and down.

    A cycle lasts :math:`u + d` steps: :math:`u` steps up from the lower
    bound :math:`\eta_0` (the rate at step 0) to the peak
    :math:`\eta_{peak}`, :math:`d` steps back down.
    With :math:`k = \lfloor 1 + t/(u+d) \rfloor` (the cycle, from 1) and
    :math:`x = 1 + t/(u+d) - k \in [0, 1)`,

    .. math::

        h_t = \begin{cases} x / r & x \le r \\ (x - 1)/(r - 1) & x > r \end{cases},
        \quad r = \frac{u}{u+d},\qquad
        \eta_t = \eta_0 + (\eta_{peak} - \eta_0)\, h_t\, s

    with :math:`s = 1` (``triangular``), :math:`s = 2^{-(k-1)}`
    (``triangular2``: the height halves every cycle) or :math:`s = \gamma^t`
    (``exp_range``). This is PyTorch's ``CyclicLR`` (its ``base_lr`` is
    ``lr0``, its ``max_lr`` is ``peak_lr``); Smith (2017) calls :math:`u`
    the *stepsize* (a half cycle when :math:`u = d`).

    Parameters
    ----------
    lr0 : float
        Lower bound :math:`\eta_0` >= 0, the rate at step 0 and at the end
        of every cycle.
    peak_lr : float
        Upper bound :math:`\eta_{peak}` >= 0, reached after :math:`u` steps
        (``triangular``; scaled down by the other modes).
    step_size_up : float
        :math:`u` > 0.
    step_size_down : float, optional
        :math:`d` >= 0; default :math:`u`.
    mode : {"triangular", "triangular2", "exp_range"}
    gamma : float, default 1.0
        :math:`\gamma` in (0, 1], used by ``exp_range``.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number.
    ValueError
        If ``lr0``, ``peak_lr`` or ``step_size_down`` is negative,
        ``step_size_up`` is not > 0, ``gamma`` is outside (0, 1], ``mode``
        is not one of the three modes, or a number is not finite.

    References
    ----------
    .. [1] L. N. Smith, "Cyclical Learning Rates for Training Neural
       Networks", WACV 2017, arXiv:1506.01186.
    .. [2] PyTorch 2.13, ``CyclicLR`` in ``torch/optim/lr_scheduler.py``.

    Examples
    --------
    >>> from lrcourse.schedules import cyclic
    >>> cyclic(0.001, peak_lr=0.006, step_size_up=4)([0, 2, 4, 6, 8])
    array([0.001 , 0.0035, 0.006 , 0.0035, 0.001 ])
    >>> cyclic(0.0, peak_lr=1.0, step_size_up=2, mode="triangular2")([2, 6, 10])
    array([1.  , 0.5 , 0.25])
    """
    lr0 = check_real("lr0", lr0, ge=0)
    peak_lr = check_real("peak_lr", peak_lr, ge=0)
    up, down, mode, gamma = _check_cyclic(step_size_up, step_size_down, mode, gamma)

    def fn(t):
        factor, scale = _cyclic_shape(t, up, down, mode, gamma)
        return lr0 + (peak_lr - lr0) * factor * scale

    return Schedule(
        "cyclic",
        {
            "lr0": lr0,
            "peak_lr": peak_lr,
            "step_size_up": up,
            "step_size_down": down,
            "mode": mode,
            "gamma": gamma,
        },
        fn,
    )


def cyclic_momentum(
    base_momentum,
    *,
    max_momentum,
    step_size_up,
    step_size_down=None,
    mode="triangular",
    gamma=1.0,
):
    r"""The momentum that goes with :func:`cyclic`: high when the rate is low.

    .. math:: \mu_t = \mu_{hi} - (\mu_{hi} - \mu_{lo})\, h_t\, s

    with :math:`h_t, s` as in :func:`cyclic` (PyTorch ``CyclicLR`` with
    ``cycle_momentum=True``).

    Parameters
    ----------
    base_momentum : float
        :math:`\mu_{lo}` in [0, 1].
    max_momentum : float
        :math:`\mu_{hi}` in [0, 1].
    step_size_up, step_size_down, mode, gamma
        As in :func:`cyclic`.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number.
    ValueError
        If a momentum bound is outside [0, 1], or the cycle arguments break
        the rules of :func:`cyclic`.

    References
    ----------
    .. [1] L. N. Smith, "A disciplined approach to neural network
       hyper-parameters: Part 1 -- learning rate, batch size, momentum, and
       weight decay", arXiv:1803.09820, 2018.
    .. [2] PyTorch 2.13, ``CyclicLR`` (``cycle_momentum=True``) in
       ``torch/optim/lr_scheduler.py``.

    Examples
    --------
    >>> from lrcourse.schedules import cyclic_momentum
    >>> cyclic_momentum(0.8, max_momentum=0.9, step_size_up=4)([0, 4, 8])
    array([0.9, 0.8, 0.9])
    """
    base_momentum = check_real("base_momentum", base_momentum, ge=0, le=1)
    max_momentum = check_real("max_momentum", max_momentum, ge=0, le=1)
    up, down, mode, gamma = _check_cyclic(step_size_up, step_size_down, mode, gamma)

    def fn(t):
        factor, scale = _cyclic_shape(t, up, down, mode, gamma)
        return max_momentum - (max_momentum - base_momentum) * factor * scale

    return Schedule(
        "cyclic_momentum",
        {
            "base_momentum": base_momentum,
            "max_momentum": max_momentum,
            "step_size_up": up,
            "step_size_down": down,
            "mode": mode,
            "gamma": gamma,
        },
        fn,
    )


def _one_cycle_phases(total_steps, pct_start, three_phase):
    """Phase end steps, as PyTorch ``OneCycleLR`` places them."""
    if three_phase:
        ends = [
            float(pct_start * total_steps) - 1,
            float(2 * pct_start * total_steps) - 2,
            float(total_steps - 1),
        ]
    else:
        ends = [float(pct_start * total_steps) - 1, float(total_steps - 1)]
    starts = [0.0] + ends[:-1]
    for i, (a, b) in enumerate(zip(starts, ends, strict=True)):
        if not b > a:
            raise ValueError(
                f"Arguments `total_steps` and `pct_start` must give every phase a positive "
                f"length: phase {i + 1} runs from step {a:g} to step {b:g}. Received: "
                f"total_steps={total_steps!r}, pct_start={pct_start!r}"
            )
    return np.asarray(starts), np.asarray(ends)


def _one_cycle_fn(knots, total_steps, pct_start, three_phase, anneal):
    starts, ends = _one_cycle_phases(total_steps, pct_start, three_phase)
    a = np.asarray(knots[:-1], dtype=np.float64)
    b = np.asarray(knots[1:], dtype=np.float64)
    # Per-phase constants, gathered once per step below; the arithmetic
    # runs in place to avoid 8 MB temporaries per 10^6 steps.
    span = ends - starts
    half = (a - b) / 2.0
    rise = b - a
    last = len(ends) - 1

    def fn(t):
        if t.size and t.max() > total_steps:
            raise ValueError(
                f"Argument `step` must be <= total_steps={total_steps} for a one-cycle "
                f"schedule (PyTorch raises past the end). Received: a step of {t.max():g}"
            )
        idx = np.minimum(np.searchsorted(ends, t, side="left"), last)
        out = np.subtract(t, starts[idx], out=np.empty_like(t))  # an array, even 0-d
        out /= span[idx]
        if anneal == "cos":  # end + (start - end) / 2 * (cos(pi * pct) + 1)
            out *= math.pi
            np.cos(out, out=out)
            out += 1
            out *= half[idx]
            out += b[idx]
        else:  # (end - start) * pct + start
            out *= rise[idx]
            out += a[idx]
        return out

    return fn


def _check_one_cycle(total_steps, pct_start, three_phase, anneal):
    total_steps = check_int("total_steps", total_steps, ge=1)
    pct_start = check_real("pct_start", pct_start, gt=0, lt=1)
    three_phase = check_bool("three_phase", three_phase)
    anneal = check_choice("anneal", anneal, ("cos", "linear"))
    return total_steps, pct_start, three_phase, anneal


def one_cycle(
    peak_lr,
    *,
    total_steps,
    pct_start=0.3,
    div_factor=25.0,
    final_div_factor=1e4,
    three_phase=False,
    anneal="cos",
):
    r"""Smith's one-cycle policy, exactly as PyTorch ``OneCycleLR`` steps it.

    Start at :math:`\eta_{peak}/D`, rise to :math:`\eta_{peak}` by step
    :math:`pN - 1`, then fall to :math:`\eta_{peak}/(D F)` at step
    :math:`N - 1`. With ``three_phase``, first fall back to
    :math:`\eta_{peak}/D` by step :math:`2pN - 2`, then anneal to
    :math:`\eta_{peak}/(DF)`. Within a phase from :math:`(s_a, v_a)` to
    :math:`(s_b, v_b)`, with :math:`\rho = (t - s_a)/(s_b - s_a)`,

    .. math::

        \eta_t = v_b + \frac{v_a - v_b}{2}\bigl(\cos \pi\rho + 1\bigr)
        \ \text{(cos)}\qquad\text{or}\qquad
        \eta_t = (v_b - v_a)\rho + v_a\ \text{(linear)}.

    Careful: step :math:`N` is still allowed (PyTorch extrapolates the last
    phase one step beyond its end), steps past :math:`N` raise, as in
    PyTorch.

    Parameters
    ----------
    peak_lr : float
        Peak :math:`\eta_{peak}` > 0.
    total_steps : int
        :math:`N` >= 1 (PyTorch ``total_steps`` or ``epochs * steps_per_epoch``).
    pct_start : float, default 0.3
        :math:`p` in (0, 1).
    div_factor : float, default 25.0
        :math:`D` > 0: the start rate is :math:`\eta_{peak}/D`.
    final_div_factor : float, default 1e4
        :math:`F` > 0: the final rate is :math:`\eta_{peak}/(DF)`.
    three_phase : bool, default False
    anneal : {"cos", "linear"}

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number, ``total_steps`` is not an integer
        or ``three_phase`` is not a bool.
    ValueError
        If ``peak_lr``, ``div_factor`` or ``final_div_factor`` is not finite
        or not > 0, ``total_steps`` < 1, ``pct_start`` is outside (0, 1), a
        phase would have no length, or ``anneal`` is unknown. When
        evaluated, for a step above :math:`N`.

    References
    ----------
    .. [1] L. N. Smith and N. Topin, "Super-Convergence: Very Fast Training of
       Neural Networks Using Large Learning Rates", arXiv:1708.07120, 2017.
    .. [2] L. N. Smith, "A disciplined approach to neural network
       hyper-parameters: Part 1", arXiv:1803.09820, 2018.
    .. [3] PyTorch 2.13, ``OneCycleLR`` in ``torch/optim/lr_scheduler.py``.

    Examples
    --------
    >>> from lrcourse.schedules import one_cycle
    >>> s = one_cycle(1.0, total_steps=10, pct_start=0.5, div_factor=10.0,
    ...               final_div_factor=10.0, anneal="linear")
    >>> s([0, 4, 9])
    array([0.1 , 1.  , 0.01])
    """
    peak_lr = check_real("peak_lr", peak_lr, gt=0)
    div_factor = check_real("div_factor", div_factor, gt=0)
    final_div_factor = check_real("final_div_factor", final_div_factor, gt=0)
    total_steps, pct_start, three_phase, anneal = _check_one_cycle(
        total_steps, pct_start, three_phase, anneal
    )
    initial = peak_lr / div_factor
    final = initial / final_div_factor
    knots = [initial, peak_lr, initial, final] if three_phase else [initial, peak_lr, final]
    fn = _one_cycle_fn(knots, total_steps, pct_start, three_phase, anneal)
    return Schedule(
        "one_cycle",
        {
            "peak_lr": peak_lr,
            "total_steps": total_steps,
            "pct_start": pct_start,
            "div_factor": div_factor,
            "final_div_factor": final_div_factor,
            "three_phase": three_phase,
            "anneal": anneal,
        },
        fn,
    )


def one_cycle_momentum(
    base_momentum, *, max_momentum, total_steps, pct_start=0.3, three_phase=False, anneal="cos"
):
    r"""The momentum that PyTorch ``OneCycleLR`` cycles against the rate.

    Momentum goes from :math:`\mu_{hi}` down to :math:`\mu_{lo}` while the
    rate rises, back up to :math:`\mu_{hi}` while it falls, and (three-phase)
    stays at :math:`\mu_{hi}` in the last phase; phases and interpolation as
    in :func:`one_cycle`.

    Parameters
    ----------
    base_momentum : float
        :math:`\mu_{lo}` in [0, 1].
    max_momentum : float
        :math:`\mu_{hi}` in [0, 1].
    total_steps, pct_start, three_phase, anneal
        As in :func:`one_cycle`.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number, ``total_steps`` is not an integer
        or ``three_phase`` is not a bool.
    ValueError
        If a momentum bound is outside [0, 1], or the phase arguments break
        the rules of :func:`one_cycle`. When evaluated, for a step above
        :math:`N`.

    References
    ----------
    .. [1] L. N. Smith, "A disciplined approach to neural network
       hyper-parameters: Part 1", arXiv:1803.09820, 2018.
    .. [2] PyTorch 2.13, ``OneCycleLR`` (``cycle_momentum=True``) in
       ``torch/optim/lr_scheduler.py``.

    Examples
    --------
    >>> from lrcourse.schedules import one_cycle_momentum
    >>> s = one_cycle_momentum(0.85, max_momentum=0.95, total_steps=10, pct_start=0.5,
    ...                        anneal="linear")
    >>> s([0, 4, 9])
    array([0.95, 0.85, 0.95])
    """
    base_momentum = check_real("base_momentum", base_momentum, ge=0, le=1)
    max_momentum = check_real("max_momentum", max_momentum, ge=0, le=1)
    total_steps, pct_start, three_phase, anneal = _check_one_cycle(
        total_steps, pct_start, three_phase, anneal
    )
    hi, lo = max_momentum, base_momentum
    knots = [hi, lo, hi, hi] if three_phase else [hi, lo, hi]
    fn = _one_cycle_fn(knots, total_steps, pct_start, three_phase, anneal)
    return Schedule(
        "one_cycle_momentum",
        {
            "base_momentum": base_momentum,
            "max_momentum": max_momentum,
            "total_steps": total_steps,
            "pct_start": pct_start,
            "three_phase": three_phase,
            "anneal": anneal,
        },
        fn,
    )
