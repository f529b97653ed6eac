"""The :class:`Optimizer` type and the handling of scheduled hyperparameters.

An optimiser is a frozen object with explicit state::

    state = opt.init(x0)                 # OptState(x, t=0, slots)
    state = opt.update(state, g, k)      # one update with gradient g at step k

``k`` is the 0-based update index: update ``k`` uses ``lr(k)`` (and
``momentum(k)`` / ``beta1(k)`` when those are schedules). Nothing is ever
mutated: ``update`` returns a new state.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import NamedTuple

import numpy as np

from .._validation import check_bool, check_int, check_real
from ..schedules import Schedule

__all__ = ["OptState", "Optimizer"]


class OptState(NamedTuple):
    """State of an optimiser between two updates.

    Attributes
    ----------
    x : numpy.ndarray
        Current parameters (float64, the shape of ``x0``).
    t : int
        Number of updates done so far.
    slots : tuple of numpy.ndarray
        The optimiser's own buffers (velocity, accumulators, ...), named by
        ``Optimizer.slot_names``.
    """

    x: np.ndarray
    t: int
    slots: tuple


def _is_rate_callable(value: object) -> bool:
    return isinstance(value, Schedule) or (
        callable(value) and not isinstance(value, numbers.Number)
    )


def hyper(name, value, *, ge=None, gt=None, lt=None, le=None):
    """Validate a hyperparameter that may be a float or a schedule.

    A float is checked against the bounds now; a :class:`Schedule` (or any
    callable ``step -> float``) is checked against them for every step when
    the optimiser runs.
    """
    if isinstance(value, _ScheduledHyper):
        value = value.fn
    if _is_rate_callable(value):
        return _ScheduledHyper(name, value, ge=ge, gt=gt, lt=lt, le=le)
    return check_real(name, value, ge=ge, gt=gt, lt=lt, le=le)


class _ScheduledHyper:
    """A schedule attached to a hyperparameter, with the bounds it must obey."""

    __slots__ = ("bounds", "fn", "name")

    def __init__(self, name, fn, **bounds):
        self.name = name
        self.fn = fn
        self.bounds = {k: v for k, v in bounds.items() if v is not None}

    def values(self, start: int, stop: int) -> np.ndarray:
        """Values for steps ``start .. stop-1`` as a float64 array, checked."""
        if isinstance(self.fn, Schedule):
            vals = self.fn(np.arange(start, stop, dtype=np.float64))
        else:
            out = []
            for k in range(start, stop):
                v = self.fn(k)
                if isinstance(v, bool | np.bool_) or not isinstance(
                    v, numbers.Real | np.ndarray
                ):
                    raise TypeError(
                        f"The schedule given as `{self.name}` must return a real number. "
                        f"Received: {self.name}({k})={v!r}"
                    )
                out.append(float(v))
            vals = np.asarray(out, dtype=np.float64)
        vals = np.asarray(vals, dtype=np.float64).reshape(stop - start)
        bad = ~np.isfinite(vals)
        for rule, bound in self.bounds.items():
            op = {"ge": np.less, "gt": np.less_equal, "lt": np.greater_equal,
                  "le": np.greater}[rule]
            bad |= op(vals, bound)
        if bad.any():
            i = int(np.argmax(bad))
            rules = " and ".join(
                f"{ {'ge': '>=', 'gt': '>', 'lt': '<', 'le': '<='}[r]} {b:g}"
                for r, b in self.bounds.items()
            )
            rule_text = f"finite{' and ' + rules if rules else ''}"
            raise ValueError(
                f"The schedule given as `{self.name}` must give values that are "
                f"{rule_text}. Received: {self.name}({start + i})={float(vals[i])!r}"
            )
        return vals

    def __repr__(self):
        return repr(self.fn)


class Optimizer:
    """An optimiser: a frozen description of an update rule.

    Instances are built by the factory functions of :mod:`lrcourse.optim`,
    which validate every argument. Use :meth:`init` and :meth:`update` to
    step by hand, or :func:`lrcourse.optim.run` for a whole trajectory.

    Attributes
    ----------
    name : str
        Name of the factory that built the optimiser.
    params : mapping
        The validated arguments (floats, or schedules for ``lr`` and, where
        allowed, ``momentum`` / ``beta1``).
    slot_names : tuple of str
        Names of the buffers in ``OptState.slots``.
    needs_hessian : bool
        True for Newton's method: :meth:`update` then needs ``hess=``.
    eval_point : callable or None
        ``eval_point(x, slots)``: the point where the model is evaluated, when
        it is not ``x`` (schedule-free SGD); None for the others.

    Raises
    ------
    TypeError
        From :meth:`init`, if ``x0`` is not numeric; from :meth:`update`, if
        ``state`` is not an :class:`OptState`.
    ValueError
        From :meth:`init`, if ``x0`` is empty or not finite; from
        :meth:`update`, if ``g`` or ``hess`` has the wrong shape, ``hess`` is
        missing for Newton's method, or a scheduled hyperparameter breaks its
        rule at step ``k``.
    AttributeError
        On any attempt to set an attribute: optimisers are immutable.

    References
    ----------
    .. [1] optax 0.2.8, ``GradientTransformation`` (``init`` and ``update``,
       state passed explicitly) in ``optax/_src/base.py``.
    """

    __slots__ = (
        "_decoupled",
        "_hyper_names",
        "_init_slots",
        "_name",
        "_params",
        "_step",
        "_wd",
        "eval_point",
        "needs_hessian",
        "slot_names",
    )

    def __init__(
        self,
        name: str,
        params: Mapping[str, object],
        *,
        hyper_names: tuple[str, ...],
        slot_names: tuple[str, ...],
        init_slots: Callable,
        step: Callable,
        needs_hessian: bool = False,
        weight_decay: float = 0.0,
        decoupled: bool = False,
        eval_point: Callable | None = None,
    ) -> None:
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_params", MappingProxyType(dict(params)))
        object.__setattr__(self, "_hyper_names", hyper_names)
        object.__setattr__(self, "slot_names", slot_names)
        object.__setattr__(self, "_init_slots", init_slots)
        object.__setattr__(self, "_step", step)
        object.__setattr__(self, "needs_hessian", needs_hessian)
        object.__setattr__(self, "_wd", weight_decay)
        object.__setattr__(self, "_decoupled", decoupled)
        object.__setattr__(self, "eval_point", eval_point)

    # -- public API -------------------------------------------------------
    @property
    def name(self) -> str:
        """Name of the factory that built this optimiser."""
        return self._name

    @property
    def params(self) -> Mapping[str, object]:
        """Read-only view of the validated parameters."""
        return self._params

    def init(self, x0) -> OptState:
        """Initial state at ``x0`` (copied to a float64 array)."""
        x = _as_params(x0)
        return OptState(x, 0, self._init_slots(x))

    def eval_params(self, state: OptState) -> np.ndarray:
        """The point where the model is evaluated: ``state.x`` for most optimisers.

        Schedule-free SGD takes gradients at one point and evaluates the
        model at another (an average); this returns the second.
        """
        if not isinstance(state, OptState):
            raise TypeError(
                f"Argument `state` must be an OptState from init() or update(). "
                f"Received: state={state!r}"
            )
        if self.eval_point is None:
            return state.x
        return self.eval_point(state.x, state.slots)

    def hyper_values(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Values of ``lr`` (and any scheduled hyperparameter) for steps ``start..stop-1``."""
        return {
            n: self._hyper_array(n, start, stop) for n in self._hyper_names
        }

    def update(self, state: OptState, g, k: int | None = None, *, hess=None) -> OptState:
        """Return the state after one update with gradient ``g``.

        Parameters
        ----------
        state : OptState
            From :meth:`init` or a previous :meth:`update`.
        g : array_like
            Gradient at ``state.x`` (same shape).
        k : int, optional
            0-based index of this update, used to evaluate schedules.
            Default: ``state.t``.
        hess : array_like, optional
            Hessian at ``state.x``, shape ``(n, n)`` with ``n = x.size``
            (Newton's method only).
        """
        if not isinstance(state, OptState):
            raise TypeError(
                f"Argument `state` must be an OptState from init() or update(). "
                f"Received: state={state!r}"
            )
        k = state.t if k is None else check_int("k", k, ge=0)
        g = np.asarray(g, dtype=np.float64)
        if g.shape != state.x.shape:
            raise ValueError(
                f"Argument `g` must have the shape of the parameters {state.x.shape}. "
                f"Received: g with shape {g.shape}"
            )
        if self.needs_hessian:
            if hess is None:
                raise ValueError(
                    f"Argument `hess` must be given: {self._name} uses the Hessian. "
                    "Received: hess=None"
                )
            hess = _check_hess(np.asarray(hess, dtype=np.float64), state.x.size)
        hp = tuple(float(self._hyper_array(n, k, k + 1)[0]) for n in self._hyper_names)
        with np.errstate(all="ignore"):
            x, slots = self._advance(state.x, g, hess, state.slots, state.t + 1, hp)
        return OptState(x, state.t + 1, slots)

    # -- internals --------------------------------------------------------
    def _hyper_array(self, name, start, stop):
        v = self._params[name]
        if isinstance(v, _ScheduledHyper):
            return v.values(start, stop)
        return np.full(stop - start, v)

    def _advance(self, x, g, h, slots, t, hp):
        wd = self._wd
        if wd:
            if self._decoupled:
                x = x * (1.0 - hp[0] * wd)
            else:
                g = g + wd * x
        return self._step(x, g, h, slots, t, hp)

    def __setattr__(self, key, value):
        raise AttributeError("Optimizer objects are immutable")

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._params.items())
        return f"{self._name}({args})"


def _as_params(x0) -> np.ndarray:
    if isinstance(x0, bool | np.bool_):
        raise TypeError(
            f"Argument `x0` must be a number or an array of numbers. Received: x0={x0!r}"
        )
    try:
        x = np.array(x0, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"Argument `x0` must be a number or an array of numbers. Received: x0={x0!r}"
        ) from None
    if x.ndim == 0:
        x = x.reshape(1)
    if x.size == 0:
        raise ValueError(f"Argument `x0` must have at least one entry. Received: x0={x0!r}")
    if not np.all(np.isfinite(x)):
        raise ValueError(f"Argument `x0` must be finite. Received: x0={x0!r}")
    return x


def _check_hess(h: np.ndarray, n: int) -> np.ndarray:
    if h.size == n * n:
        return h.reshape(n, n)
    raise ValueError(
        f"Argument `hess` must have shape ({n}, {n}). Received: hess with shape {h.shape}"
    )


def weight_decay_args(weight_decay, decoupled_weight_decay):
    """Validate the shared weight-decay arguments."""
    wd = check_real("weight_decay", weight_decay, ge=0)
    dec = check_bool("decoupled_weight_decay", decoupled_weight_decay)
    return wd, dec
