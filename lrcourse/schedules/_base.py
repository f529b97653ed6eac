"""The :class:`Schedule` type: a frozen, vectorised map from step to rate."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

import numpy as np

from .._validation import as_steps, check_step_array

__all__ = ["Schedule"]

#: Step arrays longer than this are evaluated in pieces of this many steps
#: (128 KiB of float64 each), see :meth:`Schedule.__call__`.
CHUNK = 16384


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
    constant : float, optional
        The rate, when it is the same at every step (:func:`constant`). A
        long array of steps is then checked and the output filled with it,
        without converting the steps or calling ``fn``.
    int_steps : bool, default False
        True if ``fn`` takes an integer array of steps as it is, with the
        same values as for its float64 conversion, and allocates no more
        than its output: it only compares the steps with float64 boundaries
        (:func:`piecewise_constant`), or its first operation with a float
        converts them and the rest works in place (:func:`linear_warmup`).
        A long array of steps is then passed to ``fn`` whole, in one call.

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

    A NumPy array of more than ``CHUNK`` (16384) steps is checked first
    (one pass over it, as for any input), then evaluated in
    pieces of ``CHUNK`` steps written into one output array; an integer
    array is converted to float64 piece by piece. ``fn`` is elementwise, so
    the values are the same bits as one call on the whole array; only the
    temporaries are smaller. They stay in the CPU cache, and the memory
    allocator does not hand whole pages back to the system and take them
    again (with page faults) on every call, which otherwise costs more than
    the formula itself for a short formula on 10^5 steps. If a piece
    raises, the whole array is evaluated in one call, so that errors are
    the same as before.

    References
    ----------
    .. [1] optax 0.2.8, the ``Schedule`` type (a function of the step count)
       in ``optax/_src/base.py``.
    .. [2] Keras 3.15, ``LearningRateSchedule`` in
       ``keras/src/optimizers/schedules/learning_rate_schedule.py``.
    """

    __slots__ = ("_constant", "_fn", "_int_steps", "_name", "_params")

    def __init__(
        self,
        name: str,
        params: Mapping[str, object],
        fn: Callable,
        *,
        constant: float | None = None,
        int_steps: bool = False,
    ) -> None:
        self._name = name
        self._params = MappingProxyType(dict(params))
        self._constant = constant
        self._int_steps = int_steps
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
        if isinstance(step, np.ndarray) and step.size > CHUNK and step.dtype.kind in "iuf":
            steps = check_step_array(step)
            if self._constant is not None:
                return np.full(steps.shape, self._constant, dtype=np.float64)
            if self._int_steps:  # no temporaries to keep small: one call
                return self._evaluate(steps, False)
            return self._evaluate_in_pieces(steps)
        steps, scalar = as_steps(step)
        return self._evaluate(steps, scalar)

    def _evaluate(self, steps, scalar):
        """The general path: ``fn`` on the whole validated float64 array."""
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

    def _evaluate_in_pieces(self, steps):
        """The fast path for long arrays: ``fn`` on pieces of ``CHUNK`` steps.

        ``steps`` is validated; integer arrays are converted piece by piece.
        """
        flat = steps.reshape(-1)
        n = flat.size
        convert = flat.dtype != np.float64
        out = np.empty(n, dtype=np.float64)
        fn = self._fn
        try:
            with np.errstate(over="raise", invalid="raise"):
                for lo in range(0, n, CHUNK):
                    piece = flat[lo : lo + CHUNK]
                    out[lo : lo + CHUNK] = fn(piece.astype(np.float64) if convert else piece)
        except Exception:
            # Raise exactly what one call on the whole array raises (a message
            # that quotes the largest step, for example).
            return self._evaluate(steps.astype(np.float64, copy=False), False)
        return out.reshape(steps.shape)

    def __setattr__(self, key, value):
        if hasattr(self, "_fn"):
            raise AttributeError("Schedule objects are immutable")
        object.__setattr__(self, key, value)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._params.items())
        return f"{self._name}({args})"
