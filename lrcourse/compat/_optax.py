"""optax schedules, as lrcourse schedules.

Reference: optax 0.2.8 ``optax/schedules/_schedule.py`` and ``_join.py``. The value
of the returned schedule at ``step`` is ``optax_schedule(step)`` computed in
float64 (optax with ``jax_enable_x64`` and int64 counts).

Where optax logs a message and silently falls back (a non-positive
``transition_steps`` gives a constant schedule, a negative
``transition_begin`` becomes 0, a zero ``decay_rate`` gives a constant),
lrcourse does the same and emits a
:class:`~lrcourse.compat.FrameworkBehaviourWarning` that says so. Values
that optax computes without complaint but that the native API refuses (a
negative ``init_value`` of a piecewise constant schedule, a negative
``end_value`` of a warmup cosine) are reproduced too, with that warning.
"""

from __future__ import annotations

import numbers

import numpy as np

from .. import schedules as S
from .._validation import check_choice, check_int, check_real
from ._registry import Registry
from ._warnings import framework_schedule, framework_warning

OPTAX = Registry("optax")


def _scales(boundaries_and_scales):
    """Sorted ``(boundaries, scales)`` from optax's ``{step: scale}`` dict."""
    if boundaries_and_scales is None:
        return [], []
    if not isinstance(boundaries_and_scales, dict):
        raise TypeError(
            "Argument `boundaries_and_scales` must be a dict {step: scale} or None. "
            f"Received: boundaries_and_scales={boundaries_and_scales!r}"
        )
    items = sorted(boundaries_and_scales.items())
    bounds = [check_int("boundaries_and_scales", b, ge=0) for b, _ in items]
    scales = [check_real("boundaries_and_scales", s, ge=0) for _, s in items]
    return bounds, scales


def _cumulative(init_value, scales):
    values = [init_value]
    for s in scales:
        values.append(values[-1] * s)
    return values


def _constant_fallback(schedule, init_value, argument, value):
    """optax's ``lambda count: init_value`` fallback, with the warning it deserves."""
    init = check_real("init_value", init_value)
    framework_warning(
        f"optax's {schedule} treats {argument}={value!r} as a constant schedule: "
        f"the rate stays at init_value={init_value!r} at every step."
    )
    if init > 0:
        return S.constant(init)
    # optax returns init_value whatever it is (a warmup from 0 stays at 0); the
    # native constant() wants a rate > 0.
    return framework_schedule(
        f"optax.{schedule}", {"init_value": init}, lambda t: np.full(np.shape(t), init)
    )


def _begin(transition_begin):
    """optax replaces a negative ``transition_begin`` by 0 (with a log message)."""
    begin = check_real("transition_begin", transition_begin)
    if begin < 0:
        framework_warning(
            f"optax treats transition_begin={transition_begin!r} as 0: "
            "the decay starts at step 0."
        )
        return 0.0
    return begin


_EXP = {
    "lr0": "init_value",
    "decay_steps": "transition_steps",
    "begin_step": "transition_begin",
    "end_lr": "end_value",
}


@OPTAX.register("constant_schedule", {"lr0": "value"})
def _constant_schedule(value):
    return S.constant(value)


@OPTAX.register("exponential_decay", _EXP)
def _exponential_decay(
    init_value, transition_steps, decay_rate, transition_begin=0, staircase=False, end_value=None
):
    # optax turns transition_steps <= 0 or decay_rate == 0 into a constant, and a
    # negative transition_begin into 0, with only a log message.
    if check_real("transition_steps", transition_steps) <= 0:
        return _constant_fallback("exponential_decay", init_value, "transition_steps",
                                  transition_steps)
    if check_real("decay_rate", decay_rate) == 0:
        return _constant_fallback("exponential_decay", init_value, "decay_rate", decay_rate)
    transition_begin = _begin(transition_begin)
    return S.exponential_decay(
        init_value,
        decay_rate=decay_rate,
        decay_steps=transition_steps,
        staircase=staircase,
        begin_step=transition_begin,
        end_lr=end_value,
    )


@OPTAX.register("piecewise_constant_schedule")
def _piecewise_constant_schedule(init_value, boundaries_and_scales=None):
    init_value = check_real("init_value", init_value)
    bounds, scales = _scales(boundaries_and_scales)
    # optax: indicator max(0, sign(b - count)) -> the scale applies from count == b on.
    if init_value > 0:
        return S.piecewise_constant(
            bounds, values=_cumulative(init_value, scales), switch_at_boundary=True
        )
    # optax multiplies whatever init_value it is given; the native API wants a
    # rate > 0, so the shape is built at init 1 and scaled.
    framework_warning(
        f"optax's piecewise_constant_schedule accepts init_value={init_value!r}: "
        f"every value of the schedule is {'negative' if init_value < 0 else 'zero'}."
    )
    unit = S.piecewise_constant(bounds, values=_cumulative(1.0, scales), switch_at_boundary=True)
    return framework_schedule(
        "optax.piecewise_constant_schedule",
        {"init_value": init_value, "boundaries_and_scales": dict(zip(bounds, scales, strict=True))},
        lambda t: init_value * unit._fn(t),
    )


def _polynomial(schedule, init_value, end_value, power, transition_steps, transition_begin):
    if check_real("transition_steps", transition_steps) <= 0:
        return _constant_fallback(schedule, init_value, "transition_steps", transition_steps)
    return S.polynomial_decay(
        init_value,
        decay_steps=transition_steps,
        end_lr=end_value,
        power=power,
        begin_step=_begin(transition_begin),
    )


@OPTAX.register("polynomial_schedule", _EXP)
def _polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0):
    return _polynomial(
        "polynomial_schedule", init_value, end_value, power, transition_steps, transition_begin
    )


@OPTAX.register("linear_schedule", _EXP)
def _linear_schedule(init_value, end_value, transition_steps, transition_begin=0):
    return _polynomial(
        "linear_schedule", init_value, end_value, 1.0, transition_steps, transition_begin
    )


@OPTAX.register("cosine_decay_schedule", {"lr0": "init_value"})
def _cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0):
    return S.cosine_decay(init_value, decay_steps=decay_steps, alpha=alpha, exponent=exponent)


@OPTAX.register("warmup_cosine_decay_schedule", {"lr0": "init_value", "peak_lr": "peak_value"})
def _warmup_cosine_decay_schedule(
    init_value, peak_value, warmup_steps, decay_steps, end_value=0.0, exponent=1.0
):
    peak = check_real("peak_value", peak_value, ge=0)
    end = check_real("end_value", end_value)
    # optax: alpha = end_value / peak_value; decay_steps counts the warmup.
    alpha = 0.0 if peak == 0.0 else end / peak
    if 0.0 <= end <= peak:
        return S.warmup_cosine(
            peak,
            warmup_steps=warmup_steps,
            decay_steps=decay_steps,
            lr0=init_value,
            alpha=alpha,
            exponent=exponent,
            decay_includes_warmup=True,
        )
    # optax computes peak * ((1 - alpha) * c**exponent + alpha) for any alpha: an
    # end_value below 0 ends on a negative rate, one above the peak rises to it.
    # The native API refuses both, so the shape is built with alpha = 0 and shifted.
    framework_warning(
        f"optax's warmup_cosine_decay_schedule accepts end_value={end_value!r} with "
        f"peak_value={peak_value!r}: the cosine "
        + ("ends on a negative rate." if end < 0 else "rises from the peak to end_value.")
    )
    shape = S.warmup_cosine(
        peak,
        warmup_steps=warmup_steps,
        decay_steps=decay_steps,
        lr0=init_value,
        alpha=0.0,
        exponent=exponent,
        decay_includes_warmup=True,
    )
    warmup = shape.params["warmup_steps"]

    def fn(t):
        base = shape._fn(t)
        return np.where(t < warmup, base, (1.0 - alpha) * base + alpha * peak)

    params = dict(init_value=init_value, peak_value=peak_value, warmup_steps=warmup_steps,
                  decay_steps=decay_steps, end_value=end_value, exponent=exponent)
    return framework_schedule("optax.warmup_cosine_decay_schedule", params, fn)


@OPTAX.register(
    "warmup_exponential_decay_schedule",
    {"decay_steps": "transition_steps", "begin_step": "transition_begin", "end_lr": "end_value"},
)
def _warmup_exponential_decay_schedule(
    init_value,
    peak_value,
    warmup_steps,
    transition_steps,
    decay_rate,
    transition_begin=0,
    staircase=False,
    end_value=None,
):
    # The two pieces see these values under other names: check them here.
    init_value = check_real("init_value", init_value, ge=0)
    peak_value = check_real("peak_value", peak_value, gt=0)
    warmup_steps = check_real("warmup_steps", warmup_steps, ge=0)
    decay = _exponential_decay(
        peak_value, transition_steps, decay_rate, transition_begin, staircase, end_value
    )
    if warmup_steps == 0:
        # optax joins at boundary 0: the decay from step 0, no warmup.
        return decay
    warm = _linear_schedule(init_value, peak_value, warmup_steps)
    return S.join([warm, decay], boundaries=[warmup_steps])


@OPTAX.register("warmup_constant_schedule", {"lr0": "init_value", "end_lr": "peak_value"})
def _warmup_constant_schedule(init_value, peak_value, warmup_steps):
    # optax: linear_schedule(init_value, peak_value, transition_steps=warmup_steps),
    # so warmup_steps <= 0 stays at init_value and never reaches peak_value.
    if check_real("warmup_steps", warmup_steps) <= 0:
        return _constant_fallback("warmup_constant_schedule", init_value, "warmup_steps",
                                  warmup_steps)
    return _linear_schedule(init_value, peak_value, warmup_steps)


def _interpolate(kind, init_value, boundaries_and_scales):
    init_value = check_real("init_value", init_value, ge=0)
    bounds, scales = _scales(boundaries_and_scales)
    values = list(np.cumprod(np.asarray([init_value, *scales], dtype=np.float64)))
    return S.piecewise_interpolate(bounds, values=[float(v) for v in values], interpolation=kind)


@OPTAX.register("piecewise_interpolate_schedule")
def _piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales=None):
    kind = check_choice("interpolate_type", interpolate_type, ("linear", "cosine"))
    return _interpolate(kind, init_value, boundaries_and_scales)


def _check_onecycle(transition_steps, peak_value, pct_start, div_factor, final_div_factor):
    transition_steps = check_int("transition_steps", transition_steps, ge=1)
    peak_value = check_real("peak_value", peak_value, gt=0)
    pct_start = check_real("pct_start", pct_start, ge=0, le=1)
    div_factor = check_real("div_factor", div_factor, gt=0)
    final_div_factor = check_real("final_div_factor", final_div_factor, gt=0)
    return transition_steps, peak_value, pct_start, div_factor, final_div_factor


@OPTAX.register("linear_onecycle_schedule")
def _linear_onecycle_schedule(
    transition_steps,
    peak_value,
    pct_start=0.3,
    pct_final=0.85,
    div_factor=25.0,
    final_div_factor=1e4,
):
    n, peak, pct_start, div, fdiv = _check_onecycle(
        transition_steps, peak_value, pct_start, div_factor, final_div_factor
    )
    pct_final = check_real("pct_final", pct_final, ge=pct_start, le=1)
    knots = {int(pct_start * n): div, int(pct_final * n): 1.0 / div, n: 1.0 / fdiv}
    if len(knots) != 3:
        raise ValueError(
            "Arguments `pct_start`, `pct_final` and `transition_steps` must give three distinct "
            f"knots (optax would silently drop one). Received: pct_start={pct_start!r}, "
            f"pct_final={pct_final!r}, transition_steps={n!r}"
        )
    return _interpolate("linear", peak / div, knots)


@OPTAX.register("cosine_onecycle_schedule")
def _cosine_onecycle_schedule(
    transition_steps, peak_value, pct_start=0.3, div_factor=25.0, final_div_factor=1e4
):
    n, peak, pct_start, div, fdiv = _check_onecycle(
        transition_steps, peak_value, pct_start, div_factor, final_div_factor
    )
    knots = {int(pct_start * n): div, n: 1.0 / (div * fdiv)}
    if len(knots) != 2:
        raise ValueError(
            "Arguments `pct_start` and `transition_steps` must give two distinct knots. "
            f"Received: pct_start={pct_start!r}, transition_steps={n!r}"
        )
    return _interpolate("cosine", peak / div, knots)


@OPTAX.register("sgdr_schedule")
def _sgdr_schedule(cosine_kwargs):
    if isinstance(cosine_kwargs, dict) or not isinstance(cosine_kwargs, list | tuple):
        raise TypeError(
            "Argument `cosine_kwargs` must be a list of dicts of warmup_cosine_decay_schedule "
            f"arguments. Received: cosine_kwargs={cosine_kwargs!r}"
        )
    if not cosine_kwargs:
        raise ValueError("Argument `cosine_kwargs` must not be empty. Received: []")
    pieces, bounds, step = [], [], 0
    for i, kw in enumerate(cosine_kwargs):
        if not isinstance(kw, dict):
            raise TypeError(
                f"Argument `cosine_kwargs` must be a list of dicts (entry {i} is "
                f"{type(kw).__name__}). Received: cosine_kwargs={cosine_kwargs!r}"
            )
        pieces.append(OPTAX.build("warmup_cosine_decay_schedule", kw))
        decay_steps = kw["decay_steps"]
        if not isinstance(decay_steps, numbers.Real):
            raise TypeError(f"Argument `decay_steps` must be a number. Received: {decay_steps!r}")
        step += decay_steps
        bounds.append(step)
    return S.join(pieces, boundaries=bounds[:-1])


@OPTAX.register("join_schedules")
def _join_schedules(schedules, boundaries):
    if isinstance(schedules, list | tuple):
        schedules = [
            OPTAX.build(s[0], dict(s[1])) if isinstance(s, list | tuple) and len(s) == 2 else s
            for s in schedules
        ]
    return S.join(schedules, boundaries=boundaries)
