"""The :class:`Schedule` type: a frozen, vectorised map from step to rate."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

import numpy as np

from .._validation import as_steps

__all__ = ["Schedule"]


class Schedule:
    """A learning-rate schedule: a pure function ``step -> learning rate``.

    Instances are made by the factory functions of :mod:`lrcourse.schedules`
    (which validate every argument); they hold no mutable state, so calling
    one never changes it.

    Parameters
    ----------
    name : str
        Name of the factory that made the schedule.
    params : mapping
        The validated arguments, shown by ``repr`` and kept for explorers and
        exercise checkers.
    fn : callable
        Maps a float64 array of non-negative steps to a float64 array of
        learning rates of the same shape, elementwise (no Python loop over
        steps).

    Raises
    ------
    TypeError
        When called, if the step is a bool, a string or an array of another
        kind than numbers.
    ValueError
        When called, if a step is negative, NaN or infinite, or if the
        schedule has no finite rate at a requested step (a growth schedule
        that overflows, for example).
    AttributeError
        On any attempt to set an attribute: schedules are immutable.

    Notes
    -----
    Calling a schedule with an ``int`` or ``float`` returns a Python
    ``float``; calling it with an array-like returns a float64 array of the
    same shape.

    References
    ----------
    .. [1] optax 0.2.8, the ``Schedule`` type (a function of the step count)
       in ``optax/_src/base.py``.
    .. [2] Keras 3.15, ``LearningRateSchedule`` in
       ``keras/src/optimizers/schedules/learning_rate_schedule.py``.
    """

    __slots__ = ("_fn", "_name", "_params")

    def __init__(self, name: str, params: Mapping[str, object], fn: Callable) -> None:
        self._name = name
        self._params = MappingProxyType(dict(params))
        self._fn = fn

    @property
    def name(self) -> str:
        """Name of the factory that built this schedule."""
        return self._name

    @property
    def params(self) -> Mapping[str, object]:
        """Read-only view of the validated parameters."""
        return self._params

    def __call__(self, step):
        steps, scalar = as_steps(step)
        # A rate that overflows (a growth schedule far past its range) or is
        # undefined must not pass on quietly as inf or NaN.
        try:
            with np.errstate(over="raise", invalid="raise"):
                out = self._fn(steps)
        except FloatingPointError as exc:
            raise ValueError(
                f"{self._name} has no finite learning rate for the requested steps "
                f"({exc}); largest step requested: {float(np.max(steps)):g}"
            ) from None
        if scalar:
            return float(out)
        return np.asarray(out, dtype=np.float64)

    def __setattr__(self, key, value):
        if hasattr(self, "_fn"):
            raise AttributeError("Schedule objects are immutable")
        object.__setattr__(self, key, value)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._params.items())
        return f"{self._name}({args})"
