"""Keras 3 ``keras.optimizers.schedules`` classes, as lrcourse schedules.

Reference: Keras 3.15 ``keras/src/optimizers/schedules/learning_rate_schedule.py``
and ``keras/src/callbacks/reduce_lr_on_plateau.py``. The value of the
returned schedule at ``step`` is ``KerasSchedule(...)(step)`` computed in
float64 (Keras computes in float32 unless its arguments are float64).
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .. import schedules as S
from .._validation import check_real
from ._accepted import AcceptedPlateau, Odd, accepted, is_real, or_accepted
from ._registry import Registry
from ._tf import (
    f_cosine,
    f_cosine_restarts,
    f_exponential,
    f_inverse_time,
    f_polynomial,
    tf_piecewise_constant,
    with_formula,
)
from ._warnings import framework_warning

KERAS = Registry("Keras (keras.optimizers.schedules)")


def _from_initial(formula):
    """A TensorFlow formula with Keras's ``initial_learning_rate`` name."""
    return lambda t, initial_learning_rate, **kw: formula(t, initial_learning_rate, **kw)


def f_cosine_warmup(t, initial_learning_rate, decay_steps, alpha=0.0, warmup_target=None,
                    warmup_steps=0, **_):
    """Keras 3 CosineDecay, with its linear warmup when ``warmup_target`` is set."""
    if warmup_target is None:
        return f_cosine(t, initial_learning_rate, decay_steps, alpha)
    t = np.minimum(t, decay_steps + warmup_steps)
    warm = (warmup_target - initial_learning_rate) * (t / warmup_steps) + initial_learning_rate
    done = (t - warmup_steps) / decay_steps
    decayed = warmup_target * ((1 - alpha) * 0.5 * (1.0 + np.cos(np.pi * done)) + alpha)
    return np.where(t < warmup_steps, warm, decayed)


def f_piecewise_sum(t, boundaries, values, **_):
    """Keras 3 PiecewiseConstantDecay: the sum of each value times its interval's indicator."""
    b, v = [float(x) for x in boundaries], [float(x) for x in values]
    out = (t <= b[0]) * v[0] + (t > b[-1]) * v[-1]
    for low, high, value in zip(b[:-1], b[1:], v[1:-1], strict=True):
        out = out + ((t > low) & (t <= high)) * value
    return out

_LR = {"lr0": "initial_learning_rate"}


@KERAS.register("ExponentialDecay", _LR)
@with_formula("Keras", "ExponentialDecay", _from_initial(f_exponential))
def _exponential_decay(initial_learning_rate, decay_steps, decay_rate, staircase=False, name=None):
    return S.exponential_decay(
        initial_learning_rate, decay_rate=decay_rate, decay_steps=decay_steps, staircase=staircase
    )


@KERAS.register("PiecewiseConstantDecay")
def _piecewise_constant(boundaries, values, name=None):
    def fallback():
        # Unsorted boundaries: Keras adds up the values of the intervals a step falls in.
        b, v = boundaries, values
        if not (isinstance(b, list | tuple) and isinstance(v, list | tuple) and b
                and len(v) == len(b) + 1 and all(is_real(x) and math.isfinite(x) for x in b)
                and all(is_real(x) for x in v)):
            return None
        if all(x <= y for x, y in zip(b, b[1:], strict=False)):
            return None
        odd = Odd("Keras's PiecewiseConstantDecay")
        odd("boundaries", b, "they are not sorted, and Keras adds up the values of all the "
            "intervals (low, high] that contain the step, so some steps get a sum of values "
            "and others 0.")
        return accepted("keras.PiecewiseConstantDecay", dict(boundaries=b, values=v),
                        lambda t: f_piecewise_sum(t, b, v), odd)

    return or_accepted(lambda: tf_piecewise_constant("Keras", boundaries, values), fallback)


@KERAS.register("InverseTimeDecay", _LR)
@with_formula("Keras", "InverseTimeDecay", _from_initial(f_inverse_time))
def _inverse_time_decay(
    initial_learning_rate, decay_steps, decay_rate, staircase=False, name=None
):
    return S.inverse_time_decay(
        initial_learning_rate, decay_rate=decay_rate, decay_steps=decay_steps, staircase=staircase
    )


@KERAS.register("PolynomialDecay", {**_LR, "end_lr": "end_learning_rate"})
@with_formula("Keras", "PolynomialDecay", _from_initial(f_polynomial))
def _polynomial_decay(
    initial_learning_rate,
    decay_steps,
    end_learning_rate=0.0001,
    power=1.0,
    cycle=False,
    name=None,
):
    return S.polynomial_decay(
        initial_learning_rate,
        decay_steps=decay_steps,
        end_lr=end_learning_rate,
        power=power,
        cycle=cycle,
    )


@KERAS.register("CosineDecay", {**_LR, "peak_lr": "warmup_target"})
@with_formula("Keras", "CosineDecay", f_cosine_warmup)
def _cosine_decay(
    initial_learning_rate,
    decay_steps,
    alpha=0.0,
    name=None,
    warmup_target=None,
    warmup_steps=0,
):
    if warmup_target is None:
        return S.cosine_decay(initial_learning_rate, decay_steps=decay_steps, alpha=alpha)
    # Keras: decay_steps counts *after* the warmup; the floor is alpha * warmup_target.
    return S.warmup_cosine(
        warmup_target,
        warmup_steps=warmup_steps,
        decay_steps=decay_steps,
        lr0=initial_learning_rate,
        alpha=alpha,
        decay_includes_warmup=False,
    )


@KERAS.register(
    "CosineDecayRestarts",
    {**_LR, "first_period": "first_decay_steps", "period_mult": "t_mul", "peak_mult": "m_mul"},
)
@with_formula("Keras", "CosineDecayRestarts", _from_initial(f_cosine_restarts))
def _cosine_decay_restarts(
    initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0, name=None
):
    return S.cosine_restarts(
        initial_learning_rate,
        first_period=first_decay_steps,
        period_mult=t_mul,
        peak_mult=m_mul,
        alpha=alpha,
    )


@KERAS.register("ReduceLROnPlateau", {"lr0": "lr"})
def _reduce_lr_on_plateau(
    lr,
    monitor="val_loss",
    factor=0.1,
    patience=10,
    verbose=0,
    mode="auto",
    min_delta=1e-4,
    cooldown=0,
    min_lr=0.0,
):
    if not is_real(min_delta):
        check_real("min_delta", min_delta)
    if mode not in ("auto", "min", "max"):
        # keras/src/callbacks/monitor_callback.py: a warning, then mode "auto".
        framework_warning(
            f"Keras's ReduceLROnPlateau treats mode={mode!r} as 'auto': it warns that the "
            "mode is unknown and reads the direction from the monitored name."
        )
        mode = "auto"
    if mode == "auto":
        if not isinstance(monitor, str) or monitor.removeprefix("val_") != "loss":
            raise ValueError(
                "Argument `mode` must be 'min' or 'max' when `monitor` is not a loss: "
                "Keras reads the direction from the compiled model's metrics, which lrcourse "
                f"does not see. Received: mode='auto', monitor={monitor!r}"
            )
        mode = "min"
    values = dict(lr0=lr, factor=factor, patience=patience, threshold=abs(min_delta),
                  cooldown=cooldown, min_lr=min_lr, eps=0.0)

    def fallback():
        # Keras checks only factor < 1; a NaN factor makes its rate NaN (refused).
        if not all(is_real(v) for v in values.values()) or not factor < 1.0:
            return None
        odd = Odd("Keras's ReduceLROnPlateau")
        odd.rate("lr", lr)
        if factor < 0:
            odd("factor", factor, "a cut sets the rate to max(lr * factor, min_lr) with this "
                "factor as it is.")
        for name, value in (("patience", patience), ("cooldown", cooldown)):
            if not (isinstance(value, numbers.Integral) and value >= 0):
                odd(name, value, "it is documented as an int >= 0; Keras compares its epoch "
                    "counts with this value as it is.")
        if math.isnan(min_delta):
            odd("min_delta", min_delta, "no comparison with NaN is true, so no epoch counts "
                "as an improvement.")
        if math.isnan(min_lr) or min_lr < 0:
            odd("min_lr", min_lr, "a cut sets the rate to max(lr * factor, min_lr) with this "
                "floor as it is.")
        if not odd.args:
            return None
        odd.emit()
        return AcceptedPlateau("keras", mode, "abs", values)

    return or_accepted(
        lambda: S.ReduceOnPlateau(
            lr,
            rule="keras",
            mode=mode,
            factor=factor,
            patience=patience,
            threshold=abs(min_delta),
            threshold_mode="abs",
            cooldown=cooldown,
            min_lr=min_lr,
        ),
        fallback,
    )
