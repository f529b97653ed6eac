"""Argument checks shared by every public factory in lrcourse.

Every message names the argument, states the rule and shows the value
received, in the style of Keras 3::

    Argument `decay_steps` must be > 0. Received: decay_steps=0

Bad types raise ``TypeError``; values of the right type that break a rule
raise ``ValueError``. Nothing here ever falls back silently.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import numpy as np

__all__ = [
    "check_bool",
    "check_choice",
    "check_int",
    "check_real",
    "check_real_sequence",
    "as_steps",
    "check_step_array",
]


def _fail(name: str, rule: str, value: object, exc: type[Exception] = ValueError) -> None:
    raise exc(f"Argument `{name}` must be {rule}. Received: {name}={value!r}")


def check_real(
    name: str,
    value: object,
    *,
    gt: float | None = None,
    ge: float | None = None,
    lt: float | None = None,
    le: float | None = None,
) -> float:
    """Return ``value`` as a finite float, checking the given bounds.

    Raises ``TypeError`` for a non-number (booleans included) and
    ``ValueError`` for NaN, infinity or a broken bound.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        _fail(name, "a real number", value, TypeError)
    x = float(value)
    if not math.isfinite(x):
        _fail(name, "a finite number", value)
    if gt is not None and not x > gt:
        _fail(name, f"> {gt:g}", value)
    if ge is not None and not x >= ge:
        _fail(name, f">= {ge:g}", value)
    if lt is not None and not x < lt:
        _fail(name, f"< {lt:g}", value)
    if le is not None and not x <= le:
        _fail(name, f"<= {le:g}", value)
    return x


def check_int(name: str, value: object, *, ge: int | None = None, gt: int | None = None) -> int:
    """Return ``value`` as an int; floats such as ``10.0`` are refused."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        _fail(name, "an integer", value, TypeError)
    n = int(value)
    if ge is not None and n < ge:
        _fail(name, f">= {ge}", value)
    if gt is not None and n <= gt:
        _fail(name, f"> {gt}", value)
    return n


def check_bool(name: str, value: object) -> bool:
    """Return ``value`` if it is a bool (``True``/``False``), else raise."""
    if not isinstance(value, bool | np.bool_):
        _fail(name, "True or False", value, TypeError)
    return bool(value)


def check_choice(name: str, value: object, choices: Sequence[object]) -> object:
    """Return ``value`` if it is one of ``choices``, else raise ``ValueError``."""
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        _fail(name, f"one of {listed}", value)
    return value


def check_real_sequence(
    name: str,
    value: object,
    *,
    min_len: int = 0,
    increasing: bool = False,
    ge: float | None = None,
    gt: float | None = None,
) -> tuple[float, ...]:
    """Return a sequence of finite reals as a tuple of floats.

    ``increasing=True`` demands strictly increasing entries.
    """
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
        _fail(name, "a list of numbers", value, TypeError)
    items = list(value)
    if len(items) < min_len:
        _fail(name, f"a list of at least {min_len} number{'s' if min_len != 1 else ''}", value)
    out = []
    for i, item in enumerate(items):
        if isinstance(item, bool | np.bool_) or not isinstance(item, numbers.Real):
            _fail(name, "a list of real numbers", value, TypeError)
        x = float(item)
        if not math.isfinite(x):
            _fail(name, "a list of finite numbers", value)
        if ge is not None and x < ge:
            _fail(name, f"a list of numbers >= {ge:g} (entry {i} is {x:g})", value)
        if gt is not None and x <= gt:
            _fail(name, f"a list of numbers > {gt:g} (entry {i} is {x:g})", value)
        out.append(x)
    if increasing:
        for i in range(1, len(out)):
            if not out[i] > out[i - 1]:
                _fail(
                    name,
                    f"strictly increasing (entry {i}, {out[i]:g}, is not above "
                    f"entry {i - 1}, {out[i - 1]:g})",
                    value,
                )
    return tuple(out)


_INF_BITS = np.array(np.inf).view(np.uint64)[()]


def as_steps(step: object, name: str = "step") -> tuple[np.ndarray, bool]:
    """Validate a step counter and return ``(float64 array, is_scalar)``.

    Accepts a non-negative int or float, or an array-like of them. Steps may
    be fractional (PyTorch's warm restarts and per-epoch counting use them).
    """
    if isinstance(step, bool | np.bool_):
        _fail(name, "a number or an array of numbers, not a bool", step, TypeError)
    if isinstance(step, numbers.Real):
        x = float(step)
        if not x >= 0 or x == math.inf:
            _fail(name, "a finite number >= 0", step)
        return np.array(x), True
    arr = check_step_array(np.asarray(step), name, step)
    return arr.astype(np.float64, copy=False), arr.ndim == 0


def check_step_array(arr: np.ndarray, name: str = "step", given: object = None) -> np.ndarray:
    """Validate an array of steps; integer arrays come back unconverted.

    Float arrays come back as float64 (a copy only if they were of another
    float type). Integer arrays keep their dtype, so that a caller can
    convert them piece by piece; every integer converts exactly to the
    float64 that :func:`as_steps` gives. ``given`` is what the user passed
    (shown in the message of a ``TypeError``; default ``arr``).
    """
    if arr.dtype.kind in "iu":
        if arr.dtype.kind == "i" and arr.size and arr.min() < 0:
            raise ValueError(
                f"Argument `{name}` must be >= 0. Received: an array whose "
                f"smallest entry is {arr.min()}"
            )
        return arr
    if arr.dtype.kind != "f":
        _fail(name, "an int, a float or an array of them", arr if given is None else given,
              TypeError)
    arr = arr.astype(np.float64, copy=False)
    # One pass over the data: read as unsigned 64-bit integers, every finite
    # float >= +0.0 lies below the bit pattern of +inf, while negatives (sign
    # bit set), inf and NaN lie at or above it. Only when that check fails do
    # we look closer (for -0.0, which is fine, and for a precise message).
    if arr.size and arr.view(np.uint64).max() >= _INF_BITS:
        lo = arr.min()  # NaN propagates through min
        if not lo >= 0:
            raise ValueError(
                f"Argument `{name}` must be >= 0 and not NaN. Received: an array "
                f"whose smallest entry is {lo}"
            )
        if arr.max() == math.inf:
            raise ValueError(
                f"Argument `{name}` must be finite. Received: an array containing inf"
            )
    return arr
