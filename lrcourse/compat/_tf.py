"""TensorFlow ``tf.compat.v1.train`` decay functions, as lrcourse schedules.

Reference: TensorFlow 2.21 ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``
(the ``tf.compat.v1.train.*_decay`` functions). The value of the returned
schedule at ``step`` is the TensorFlow function's value with
``global_step=step``, computed in float64 (TensorFlow itself computes the
cosine family in float32, see ``scripts/reference/make_schedule_fixtures.py``).
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers

import numpy as np

from .. import schedules as S
from ._accepted import Odd, accepted, is_real, or_accepted
from ._registry import Registry
from ._warnings import framework_warning

TF = Registry("TensorFlow (tf.compat.v1.train)")

_LR = {"lr0": "learning_rate"}


# ------------------------------------------------ values the native API refuses
# TensorFlow's and Keras's own formulas (legacy_learning_rate_decay.py and
# keras/src/optimizers/schedules/learning_rate_schedule.py), used only when
# the native factory refuses a value that the framework accepts.
_KINDS = {
    "learning_rate": "rate",
    "initial_learning_rate": "rate",
    "warmup_target": "rate",
    "end_learning_rate": "end",
    "decay_steps": "steps",
    "first_decay_steps": "steps",
    "warmup_steps": "steps",
    "decay_rate": "factor",
    "m_mul": "factor",
    "staircase": "bool",
    "cycle": "bool",
    "power": "positive",
    "t_mul": "positive",
    "alpha": "floor",
    "beta": "floor",
    "num_periods": "floor",
    "variance_decay": "floor",
    "initial_variance": "floor",
    # optax
    "value": "rate",
    "init_value": "start",
    "peak_value": "rate",
    "end_value": "end",
    "transition_steps": "steps",
    "exponent": "positive",
    "pct_start": "pct",
    "pct_final": "pct",
    "boundaries_and_scales": "scales",
}


def tf_accepted(framework: str, name: str, params: dict, formula):
    """``formula(t, **params)`` as a schedule, with a note for each surprising value."""
    odd = Odd(f"{framework}'s {name}")
    for key, value in params.items():
        kind = _KINDS.get(key)
        if kind is None:
            continue
        if kind == "bool":
            odd.truth(key, value)
            continue
        if kind == "scales":
            if isinstance(value, dict) and any(is_real(b) and b < 0 for b in value):
                odd(key, value, f"{framework} applies the scale of a boundary below 0 from "
                    "step 0 on.")
            continue
        if key == "end_value" and value is None:
            continue
        if not is_real(value):
            return None
        if framework == "Keras" and key in ("decay_steps", "first_decay_steps") and value <= 0:
            return None  # Keras 3 refuses these in its constructors
        if kind == "rate" and key == "initial_learning_rate" and params.get("warmup_target") is not None:
            if value < 0:  # a warmup from 0 is usual
                odd.rate(key, value)
        elif kind == "rate":
            odd.rate(key, value)
        elif kind == "start" and (value < 0 or (value == 0 and name == "exponential_decay")):
            # A warmup from 0 is usual; a decay from 0 is not.
            odd.rate(key, value)
        elif kind == "end" and (value < 0 or (value == 0 and "decay_rate" in params)):
            odd(key, value, f"{framework} uses it in its formula as it is: the rate ends at "
                "or below 0, or is clipped at it.")
        elif kind == "steps" and (value < (0 if key == "warmup_steps" else 1)
                                  or not float(value).is_integer()):
            odd(key, value, f"it is documented as a positive int; {framework} uses it in its "
                "formula as it is.")
        elif kind == "pct" and (value < 0 or value > 1 or (
                key == "pct_final" and value < params.get("pct_start", 0))):
            odd(key, value, f"{framework} places its knot at int({key} * transition_steps) "
                "as it is.")
        elif kind == "factor":
            odd.factor(key, value, "as the steps go on")
        elif kind == "positive" and value <= 0:
            odd(key, value, f"{framework} uses it in its formula as it is"
                + (" (x ** 0 is 1, so the rate does not decay)." if key == "power" and value == 0
                   else "."))
        elif kind == "floor" and value < 0:
            odd(key, value, f"{framework} uses it in its formula as it is.")
    if framework == "optax" and "value" in params and "init_value" not in params:
        odd.framework = "optax's constant_schedule"
    return accepted(f"{framework}.{name}", params, lambda t: formula(t, **params), odd)


def with_formula(framework: str, name: str, formula):
    """Decorator: the native translator, or ``formula`` when it refuses a value the framework takes."""

    def deco(translator):
        sig = inspect.signature(translator)

        @functools.wraps(translator)
        def wrapper(*args, **kwargs):
            bound = sig.bind(*args, **kwargs)
            bound.apply_defaults()
            params = {k: v for k, v in bound.arguments.items() if k not in ("name", "seed")}
            return or_accepted(lambda: translator(*args, **kwargs),
                               lambda: tf_accepted(framework, name, params, formula))

        return wrapper

    return deco


def _p(t, decay_steps, staircase):
    p = t / decay_steps
    return np.floor(p) if staircase else p


def f_exponential(t, learning_rate, decay_steps, decay_rate, staircase=False, **_):
    return learning_rate * np.power(float(decay_rate), _p(t, decay_steps, staircase))


def f_natural_exp(t, learning_rate, decay_steps, decay_rate, staircase=False, **_):
    return learning_rate * np.power(math.exp(-decay_rate), _p(t, decay_steps, staircase))


def f_inverse_time(t, learning_rate, decay_steps, decay_rate, staircase=False, **_):
    return learning_rate / (1 + decay_rate * _p(t, decay_steps, staircase))


def f_polynomial(t, learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
                 cycle=False, **_):
    if cycle:
        steps = decay_steps * np.where(t == 0, 1.0, np.ceil(t / decay_steps))
    else:
        steps, t = decay_steps, np.minimum(t, decay_steps)
    frac = 1 - t / steps
    return (learning_rate - end_learning_rate) * np.power(frac, float(power)) + end_learning_rate


def f_cosine(t, learning_rate, decay_steps, alpha=0.0, **_):
    t = np.minimum(t, decay_steps)
    cosine = 0.5 * (1.0 + np.cos(np.pi * t / decay_steps))
    return learning_rate * ((1 - alpha) * cosine + alpha)


def f_cosine_restarts(t, learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0,
                      **_):
    frac = t / first_decay_steps
    if t_mul == 1.0:
        i = np.floor(frac)
        frac = frac - i
    else:
        i = np.floor(np.log(1.0 - frac * (1.0 - t_mul)) / np.log(t_mul))
        done = (1.0 - t_mul**i) / (1.0 - t_mul)
        frac = (frac - done) / t_mul**i
    cosine = 0.5 * np.power(float(m_mul), i) * (1.0 + np.cos(np.pi * frac))
    return learning_rate * ((1 - alpha) * cosine + alpha)


def f_linear_cosine(t, learning_rate, decay_steps, num_periods=0.5, alpha=0.0, beta=0.001, **_):
    t = np.minimum(t, decay_steps)
    linear = (decay_steps - t) / decay_steps
    cosine = 0.5 * (1.0 + np.cos(np.pi * 2.0 * num_periods * t / decay_steps))
    return learning_rate * ((alpha + linear) * cosine + beta)


def f_noisy_linear_cosine(t, learning_rate, decay_steps, initial_variance=1.0,
                          variance_decay=0.55, num_periods=0.5, alpha=0.0, beta=0.001, **_):
    """Without noise only: TensorFlow draws the noise from its own generator."""
    clipped = np.minimum(t, decay_steps)
    std = np.sqrt(initial_variance / (1.0 + clipped) ** variance_decay)
    if np.any(std[np.isfinite(std)] != 0):
        raise ValueError("the noise of this configuration is drawn by the native schedule only")
    linear = (decay_steps - clipped) / decay_steps + 0.0 * std  # NaN where TF's variance is NaN
    cosine = 0.5 * (1.0 + np.cos(np.pi * 2.0 * num_periods * clipped / decay_steps))
    return learning_rate * ((alpha + linear) * cosine + beta)


@TF.register("exponential_decay", _LR)
@with_formula("TensorFlow", "exponential_decay", f_exponential)
def _exponential_decay(learning_rate, decay_steps, decay_rate, staircase=False, name=None):
    return S.exponential_decay(
        learning_rate, decay_rate=decay_rate, decay_steps=decay_steps, staircase=staircase
    )


def _number_kinds(items):
    """``{"int", "float"}`` kinds of the plain numbers in ``items`` (bools and others: none)."""
    kinds = set()
    for x in items:
        if isinstance(x, bool | np.bool_) or not isinstance(x, numbers.Real):
            return set()
        kinds.add("int" if isinstance(x, numbers.Integral) else "float")
    return kinds


def tf_piecewise_constant(library, boundaries, values):
    """TensorFlow's and Keras's piecewise constant decay, as they treat their lists.

    Both turn each list into tensors, so ints and floats cannot be mixed in
    ``values`` (TensorFlow: "Values must have elements all with the same
    dtype"; Keras fails when it multiplies them); TensorFlow also refuses
    mixed ``boundaries``. Both accept boundaries below 0 (they only matter
    for negative steps, which lrcourse does not evaluate, so they are dropped
    with the values before them) and repeated boundaries (the value between
    two equal boundaries is never used; it is dropped, with a warning).
    Unsorted boundaries are refused here: TensorFlow fails between them;
    Keras adds up the values of the overlapping intervals, which
    ``from_keras`` reproduces with its own formula.
    """
    if isinstance(values, list | tuple) and _number_kinds(values) == {"int", "float"}:
        raise ValueError(
            f"Argument `values` must be all ints or all floats: {library} makes one tensor of "
            f"them and refuses a mix. Received: values={values!r}"
        )
    if (library == "TensorFlow" and isinstance(boundaries, list | tuple)
            and _number_kinds(boundaries) == {"int", "float"}):
        raise ValueError(
            "Argument `boundaries` must be all ints or all floats: TensorFlow compares them "
            f"with the step in one dtype and refuses a mix. Received: boundaries={boundaries!r}"
        )
    b, v = boundaries, values
    if (isinstance(b, list | tuple) and isinstance(v, list | tuple) and len(v) == len(b) + 1
            and _number_kinds(b) and all(math.isfinite(x) for x in b)
            and all(x <= y for x, y in zip(b, b[1:], strict=False))):
        # The value right after b[i] (until the next boundary) is v[i + 1].
        start, pairs = v[0], [(b[i], v[i + 1]) for i in range(len(b))]
        empty = [i for i in range(len(b) - 1) if b[i] == b[i + 1]]
        if empty:
            framework_warning(
                f"{library} accepts the repeated boundary in boundaries={list(b)!r}: "
                f"values[{empty[0] + 1}]={v[empty[0] + 1]!r} is never used."
            )
        pairs = [p for i, p in enumerate(pairs) if i not in empty]
        while pairs and pairs[0][0] < 0:
            start = pairs.pop(0)[1]
        b, v = [p[0] for p in pairs], [start] + [p[1] for p in pairs]
    # x <= b[0] -> v[0]; b[i] < x <= b[i+1] -> v[i+1]: the old value holds at a boundary.
    return S.piecewise_constant(b, values=v, switch_at_boundary=False)


@TF.register("piecewise_constant")
def _piecewise_constant(boundaries, values, name=None):
    return tf_piecewise_constant("TensorFlow", boundaries, values)


@TF.register("natural_exp_decay", _LR)
@with_formula("TensorFlow", "natural_exp_decay", f_natural_exp)
def _natural_exp_decay(learning_rate, decay_steps, decay_rate, staircase=False, name=None):
    return S.natural_exp_decay(
        learning_rate, decay_rate=decay_rate, decay_steps=decay_steps, staircase=staircase
    )


@TF.register("inverse_time_decay", _LR)
@with_formula("TensorFlow", "inverse_time_decay", f_inverse_time)
def _inverse_time_decay(learning_rate, decay_steps, decay_rate, staircase=False, name=None):
    return S.inverse_time_decay(
        learning_rate, decay_rate=decay_rate, decay_steps=decay_steps, staircase=staircase
    )


@TF.register("polynomial_decay", {**_LR, "end_lr": "end_learning_rate"})
@with_formula("TensorFlow", "polynomial_decay", f_polynomial)
def _polynomial_decay(
    learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False, name=None
):
    return S.polynomial_decay(
        learning_rate,
        decay_steps=decay_steps,
        end_lr=end_learning_rate,
        power=power,
        cycle=cycle,
    )


@TF.register("cosine_decay", _LR)
@with_formula("TensorFlow", "cosine_decay", f_cosine)
def _cosine_decay(learning_rate, decay_steps, alpha=0.0, name=None):
    return S.cosine_decay(learning_rate, decay_steps=decay_steps, alpha=alpha)


@TF.register(
    "cosine_decay_restarts",
    {**_LR, "first_period": "first_decay_steps", "period_mult": "t_mul", "peak_mult": "m_mul"},
)
@with_formula("TensorFlow", "cosine_decay_restarts", f_cosine_restarts)
def _cosine_decay_restarts(
    learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0, name=None
):
    return S.cosine_restarts(
        learning_rate,
        first_period=first_decay_steps,
        period_mult=t_mul,
        peak_mult=m_mul,
        alpha=alpha,
    )


@TF.register("linear_cosine_decay", _LR)
@with_formula("TensorFlow", "linear_cosine_decay", f_linear_cosine)
def _linear_cosine_decay(
    learning_rate, decay_steps, num_periods=0.5, alpha=0.0, beta=0.001, name=None
):
    return S.linear_cosine_decay(
        learning_rate, decay_steps=decay_steps, num_periods=num_periods, alpha=alpha, beta=beta
    )


@TF.register("noisy_linear_cosine_decay", _LR)
@with_formula("TensorFlow", "noisy_linear_cosine_decay", f_noisy_linear_cosine)
def _noisy_linear_cosine_decay(
    learning_rate,
    decay_steps,
    initial_variance=1.0,
    variance_decay=0.55,
    num_periods=0.5,
    alpha=0.0,
    beta=0.001,
    name=None,
    seed=0,
):
    # TensorFlow draws its noise from its own generator: lrcourse reproduces the
    # noise-free part exactly and the noise's distribution, reproducibly per seed.
    return S.noisy_linear_cosine_decay(
        learning_rate,
        decay_steps=decay_steps,
        initial_variance=initial_variance,
        variance_decay=variance_decay,
        num_periods=num_periods,
        alpha=alpha,
        beta=beta,
        seed=seed,
    )

