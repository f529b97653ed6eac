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

import math
import numbers

import numpy as np

from .. import schedules as S
from .._validation import check_choice, check_int, check_real
from ._accepted import Odd, accepted, is_real, or_accepted
from ._registry import Registry
from ._tf import with_formula
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


# ------------------------------------------------ values the native API refuses
# optax's own formulas (optax/schedules/_schedule.py, _join.py), in float64; used
# only when the native factory refuses a value that optax accepts.
def _full(t, value):
    return np.full(np.shape(t), float(value))


def o_constant(t, value):
    return _full(t, value)


def o_exponential(t, init_value, transition_steps, decay_rate, transition_begin=0,
                  staircase=False, end_value=None):
    if transition_steps <= 0 or decay_rate == 0:
        return _full(t, init_value)
    begin = max(transition_begin, 0)
    count = t - begin
    p = count / transition_steps
    if staircase:
        p = np.floor(p)
    out = np.where(count <= 0, init_value, init_value * np.power(float(decay_rate), p))
    if end_value is not None:
        out = (np.maximum if decay_rate < 1.0 else np.minimum)(out, end_value)
    return out


def o_polynomial(t, init_value, end_value, power, transition_steps, transition_begin=0):
    if transition_steps <= 0:
        return _full(t, init_value)
    count = np.clip(t - max(transition_begin, 0), 0, transition_steps)
    frac = 1 - count / transition_steps
    return (init_value - end_value) * np.power(frac, float(power)) + end_value


def o_linear(t, init_value, end_value, transition_steps, transition_begin=0):
    return o_polynomial(t, init_value, end_value, 1, transition_steps, transition_begin)


def o_cosine(t, init_value, decay_steps, alpha=0.0, exponent=1.0):
    if not decay_steps > 0:
        raise ValueError("optax refuses decay_steps <= 0")
    count = np.minimum(t, float(decay_steps))
    cosine = 0.5 * (1 + np.cos(np.pi * count / decay_steps))
    return init_value * ((1 - alpha) * np.power(cosine, float(exponent)) + alpha)


def o_join(t, pieces, boundaries):
    out = pieces[0](t)
    for boundary, piece in zip(boundaries, pieces[1:], strict=False):
        out = np.where(t < boundary, out, piece(t - boundary))
    return out


def o_warmup_cosine(t, init_value, peak_value, warmup_steps, decay_steps, end_value=0.0,
                    exponent=1.0):
    alpha = 0.0 if peak_value == 0.0 else end_value / peak_value
    return o_join(t, [lambda u: o_linear(u, init_value, peak_value, warmup_steps),
                      lambda u: o_cosine(u, peak_value, decay_steps - warmup_steps, alpha,
                                         exponent)], [warmup_steps])


def o_warmup_exponential(t, init_value, peak_value, warmup_steps, transition_steps, decay_rate,
                         transition_begin=0, staircase=False, end_value=None):
    return o_join(t, [lambda u: o_linear(u, init_value, peak_value, warmup_steps),
                      lambda u: o_exponential(u, peak_value, transition_steps, decay_rate,
                                              transition_begin, staircase, end_value)],
                  [warmup_steps])


def o_warmup_constant(t, init_value, peak_value, warmup_steps):
    return o_linear(t, init_value, peak_value, warmup_steps)


def _optax_scales(boundaries_and_scales):
    if not isinstance(boundaries_and_scales, dict | None):
        raise TypeError("optax wants a dict")
    if not boundaries_and_scales:
        return (), ()
    items = sorted(boundaries_and_scales.items())
    if not all(is_real(b) and is_real(s) and s >= 0.0 for b, s in items):
        raise ValueError("optax refuses these scales")
    return tuple(float(b) for b, _ in items), tuple(float(s) for _, s in items)


def o_piecewise_constant(t, init_value, boundaries_and_scales=None):
    bounds, scales = _optax_scales(boundaries_and_scales)
    out = _full(t, init_value)
    for threshold, scale in zip(bounds, scales, strict=True):
        indicator = np.maximum(0.0, np.sign(threshold - t))
        out = out * indicator + (1 - indicator) * scale * out
    return out


def o_piecewise_interpolate(t, interpolate_type, init_value, boundaries_and_scales=None):
    bounds, scales = _optax_scales(boundaries_and_scales)
    b = np.asarray((0.0, *bounds))
    v = np.cumprod(np.asarray((float(init_value), *scales)))
    size = np.maximum(b[1:] - b[:-1], 1)
    t = np.asarray(t, dtype=np.float64)[..., None]
    inside = (b[:-1] <= t) & (t < b[1:])
    pct = (t - b[:-1]) / size
    if interpolate_type == "linear":
        vals = (v[1:] - v[:-1]) * pct + v[:-1]
    else:
        vals = v[1:] + (v[:-1] - v[1:]) / 2.0 * (np.cos(np.pi * pct) + 1.0)
    return np.sum(np.where(inside, vals, 0.0), axis=-1) + (b[-1] <= t[..., 0]) * v[-1]


def o_linear_onecycle(t, transition_steps, peak_value, pct_start=0.3, pct_final=0.85,
                      div_factor=25.0, final_div_factor=1e4):
    if transition_steps <= 0:
        raise ValueError("optax refuses transition_steps <= 0")
    knots = {int(pct_start * transition_steps): div_factor,
             int(pct_final * transition_steps): 1.0 / div_factor,
             transition_steps: 1.0 / final_div_factor}
    return o_piecewise_interpolate(t, "linear", peak_value / div_factor, knots)


def o_cosine_onecycle(t, transition_steps, peak_value, pct_start=0.3, div_factor=25.0,
                      final_div_factor=1e4):
    if transition_steps <= 0:
        raise ValueError("optax refuses transition_steps <= 0")
    knots = {int(pct_start * transition_steps): div_factor,
             int(transition_steps): 1.0 / (div_factor * final_div_factor)}
    return o_piecewise_interpolate(t, "cosine", peak_value / div_factor, knots)


@OPTAX.register("constant_schedule", {"lr0": "value"})
@with_formula("optax", "constant_schedule", o_constant)
def _constant_schedule(value):
    return S.constant(value)


@OPTAX.register("exponential_decay", _EXP)
@with_formula("optax", "exponential_decay", o_exponential)
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
@with_formula("optax", "piecewise_constant_schedule", o_piecewise_constant)
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
@with_formula("optax", "polynomial_schedule", o_polynomial)
def _polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0):
    return _polynomial(
        "polynomial_schedule", init_value, end_value, power, transition_steps, transition_begin
    )


@OPTAX.register("linear_schedule", _EXP)
@with_formula("optax", "linear_schedule", o_linear)
def _linear_schedule(init_value, end_value, transition_steps, transition_begin=0):
    return _polynomial(
        "linear_schedule", init_value, end_value, 1.0, transition_steps, transition_begin
    )


@OPTAX.register("cosine_decay_schedule", {"lr0": "init_value"})
@with_formula("optax", "cosine_decay_schedule", o_cosine)
def _cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0):
    return S.cosine_decay(init_value, decay_steps=decay_steps, alpha=alpha, exponent=exponent)


@OPTAX.register("warmup_cosine_decay_schedule", {"lr0": "init_value", "peak_lr": "peak_value"})
@with_formula("optax", "warmup_cosine_decay_schedule", o_warmup_cosine)
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
@with_formula("optax", "warmup_exponential_decay_schedule", o_warmup_exponential)
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
    decay = _exponential_decay.__wrapped__(
        peak_value, transition_steps, decay_rate, transition_begin, staircase, end_value
    )
    if warmup_steps == 0:
        # optax joins at boundary 0: the decay from step 0, no warmup.
        return decay
    warm = _linear_schedule.__wrapped__(init_value, peak_value, warmup_steps)
    return S.join([warm, decay], boundaries=[warmup_steps])


@OPTAX.register("warmup_constant_schedule", {"lr0": "init_value", "end_lr": "peak_value"})
@with_formula("optax", "warmup_constant_schedule", o_warmup_constant)
def _warmup_constant_schedule(init_value, peak_value, warmup_steps):
    # optax: linear_schedule(init_value, peak_value, transition_steps=warmup_steps),
    # so warmup_steps <= 0 stays at init_value and never reaches peak_value.
    if check_real("warmup_steps", warmup_steps) <= 0:
        return _constant_fallback("warmup_constant_schedule", init_value, "warmup_steps",
                                  warmup_steps)
    return _linear_schedule.__wrapped__(init_value, peak_value, warmup_steps)


def _interpolate(kind, init_value, boundaries_and_scales):
    init_value = check_real("init_value", init_value, ge=0)
    bounds, scales = _scales(boundaries_and_scales)
    values = list(np.cumprod(np.asarray([init_value, *scales], dtype=np.float64)))
    return S.piecewise_interpolate(bounds, values=[float(v) for v in values], interpolation=kind)


@OPTAX.register("piecewise_interpolate_schedule")
@with_formula("optax", "piecewise_interpolate_schedule", o_piecewise_interpolate)
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
@with_formula("optax", "linear_onecycle_schedule", o_linear_onecycle)
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
@with_formula("optax", "cosine_onecycle_schedule", o_cosine_onecycle)
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

    def fallback():
        # optax: zip(boundaries, schedules[1:]) -- extra schedules are never used; a
        # boundary <= 0 or NaN switches at step 0 (no comparison with NaN is true).
        if not (isinstance(schedules, list | tuple) and schedules
                and all(isinstance(p, S.Schedule) for p in schedules)
                and isinstance(boundaries, list | tuple)
                and all(is_real(b) for b in boundaries)):
            return None
        odd = Odd("optax's join_schedules")
        if len(boundaries) < len(schedules) - 1:
            odd("boundaries", boundaries, f"optax pairs them with the schedules after the "
                f"first; the last {len(schedules) - 1 - len(boundaries)} schedule(s) are never "
                "used.")
        elif any(b <= 0 or math.isnan(b) for b in boundaries):
            odd("boundaries", boundaries, "optax switches to the next schedule at step 0 for "
                "a boundary <= 0 or NaN, and calls it at step - boundary.")
        pieces = [p._fn for p in schedules]
        return accepted("optax.join_schedules", dict(schedules=schedules, boundaries=boundaries),
                        lambda t: o_join(t, pieces, boundaries), odd)

    return or_accepted(lambda: S.join(schedules, boundaries=boundaries), fallback)

