"""Configurations a framework accepts but the native lrcourse API refuses.

Issue 13: if the framework accepts a configuration, compat gives its values.
The native :mod:`lrcourse.schedules` factories stay strict (a rate of 0, a
negative ``gamma`` or a step size of 2.5 is an error there), so each
translator first tries the native factory (the fast, common path) and, only
when that refuses, builds the framework's own formula here, with a
:class:`~lrcourse.compat.FrameworkBehaviourWarning` for each surprising
argument. When the framework's formula gives a rate that is not a finite
number, compat refuses the configuration (by the argument's name).

Nothing here runs for a configuration that the native API accepts.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

import numpy as np

from ..schedules import ReduceOnPlateau, Schedule
from ._warnings import framework_warning

__all__ = [
    "AcceptedPlateau",
    "Odd",
    "accepted",
    "or_accepted",
    "recursion",
    "is_real",
    "truth_note",
]

# Steps at which a fallback formula is tried once at construction: a formula
# that is not finite there is refused, with the native error.
_PROBE = np.arange(0.0, 64.0)


class Odd:
    """Collects the surprising arguments of one configuration and their notes."""

    def __init__(self, framework: str) -> None:
        self.framework = framework
        self.notes: list[str] = []
        self.args: dict[str, object] = {}

    def __call__(self, argument: str, value: object, what: str) -> None:
        self.args[argument] = value
        self.notes.append(f"{self.framework} accepts {argument}={value!r}: {what}")

    def rate(self, argument: str, value: object) -> None:
        """A zero or negative learning rate (or rate bound)."""
        if is_real(value) and value == 0:
            self(argument, value, "this rate is 0, so the parameters it scales do not move.")
        elif is_real(value) and value < 0:
            self(argument, value, "this rate is negative, so each step moves uphill.")

    def factor(self, argument: str, value: object, when: str = "at each decay") -> None:
        """A zero or negative multiplicative factor."""
        if is_real(value) and value == 0:
            self(argument, value, f"the rate becomes 0 {when} and stays 0.")
        elif is_real(value) and value < 0:
            self(argument, value, f"the rate changes sign {when}.")

    def truth(self, argument: str, value: object) -> None:
        """A truthy or falsy value that is not a bool."""
        if not isinstance(value, bool | np.bool_):
            self(argument, value, truth_note(value))

    def emit(self) -> None:
        for note in self.notes:
            framework_warning(note)


def truth_note(value: object) -> str:
    return (
        f"it is documented as a bool, and the framework uses its truth value, {bool(value)}."
    )


def is_real(value: object) -> bool:
    """A real number that is not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def accepted(
    name: str, params: dict, fn: Callable, odd: Odd, probe: np.ndarray = _PROBE
) -> Schedule | None:
    """The framework's formula ``fn`` as a Schedule, or ``None`` if it is not finite.

    ``fn`` maps a float64 array of steps to the framework's rates. It is
    tried on steps 0..63 first: if it fails there or its first rate is not
    finite, ``None`` is returned and the caller re-raises the native
    error (which names the argument). Otherwise the notes of ``odd`` are
    emitted as warnings. Each later call checks its rates too (this is not
    the path of any configuration the native API accepts).
    """
    try:
        with np.errstate(all="ignore"):
            got = np.asarray(fn(probe), dtype=np.float64)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, IndexError):
        return None
    # Not finite at the first step: refused now. Not finite at a later step
    # only (TensorFlow's inverse_time_decay with decay_rate=-1 divides by 0 at
    # one step): accepted, and the call that asks for that step is refused.
    if got.shape != probe.shape or not np.isfinite(got[0]):
        return None
    if not odd.args:  # pragma: no cover - a fallback always has a reason
        return None
    odd.emit()
    shown = ", ".join(f"{k}={v!r}" for k, v in odd.args.items())
    names = ", ".join(f"`{k}`" for k in odd.args)

    def checked(t):
        with np.errstate(all="ignore"):
            out = np.asarray(fn(t), dtype=np.float64)
        bad = ~np.isfinite(out)
        if np.any(bad):
            step = float(np.asarray(t, dtype=np.float64)[bad].flat[0])
            raise ValueError(
                f"Argument(s) {names}: {odd.framework} gives a rate that is not a finite "
                f"number at step {step:g} for this configuration. Received: {shown}"
            )
        return out

    return Schedule(name, params, checked)


def or_accepted(native: Callable, fallback: Callable):
    """``native()``; if it refuses, ``fallback()`` (``None``: re-raise the native error)."""
    try:
        return native()
    except (TypeError, ValueError):
        out = fallback()
        if out is None:
            raise
        return out


def recursion(first: float, next_lr: Callable[[int, float], float]) -> Callable:
    """Steps -> rate of a PyTorch scheduler stepped one at a time.

    ``first`` is the rate after construction and ``next_lr(k, lr)`` the rate
    after the ``k``-th ``scheduler.step()`` given the current one, exactly as
    the scheduler's chainable ``get_lr`` computes it in Python floats. A
    fractional step counts as the steps done before it (``floor``).
    """
    cache = [float(first)]

    def fn(t):
        k = np.floor(np.asarray(t, dtype=np.float64)).astype(np.int64)
        top = int(k.max()) if k.size else 0
        while len(cache) <= top:
            cache.append(float(next_lr(len(cache), cache[-1])))
        return np.asarray(cache, dtype=np.float64)[k]

    return fn


def py_mod_zero(k: int, size: object) -> bool:
    """``k % size == 0`` as Python computes it (``False`` for NaN)."""
    try:
        return k % size == 0
    except ZeroDivisionError:
        raise
    except TypeError:
        return False


def as_float(value: object) -> float:
    return float(value)


def isnan(value: object) -> bool:
    return is_real(value) and math.isnan(value)



class AcceptedPlateau(ReduceOnPlateau):
    """:class:`ReduceOnPlateau` with a framework's values that the native class refuses.

    The native class is built with valid stand-ins, then given the
    framework's own values: its ``step`` follows the framework's code line
    for line, so it decides as the framework does with these values too.
    """

    _STAND_IN = dict(lr0=0.1, factor=0.5, patience=0, threshold=0.0, cooldown=0, min_lr=0.0,
                     eps=0.0)

    def __init__(self, rule: str, mode: str, threshold_mode: str, values: dict) -> None:
        super().__init__(rule=rule, mode=mode, threshold_mode=threshold_mode, **self._STAND_IN)
        for key in self._STAND_IN:
            setattr(self, key, values[key])
        self.lr = self.lr0
        self._replay = (rule, mode, threshold_mode, dict(values))

    def run(self, metrics):
        """Rates after each of ``metrics``, from a fresh copy (this object is unchanged)."""
        if self.epoch != 0:
            self._initial_lr_error()
        twin = AcceptedPlateau(*self._replay)
        return np.array([twin.step(m) for m in metrics], dtype=np.float64)
