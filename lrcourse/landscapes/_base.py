"""The :class:`Landscape` type: a loss function with exact derivatives."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

import numpy as np

from .._validation import check_int

__all__ = ["Landscape"]


def _frozen(a, dim):
    a = np.array(a, dtype=np.float64).reshape(-1, dim)
    a.setflags(write=False)
    return a


class Landscape:
    """A loss landscape in ``dim`` dimensions with exact gradient and Hessian.

    ``f``, ``grad`` and ``hess`` take points of shape ``(..., dim)`` (a grid
    for a contour plot is fine; there is no Python loop) and return shapes
    ``(...)``, ``(..., dim)`` and ``(..., dim, dim)``. A 1-D landscape also
    accepts a plain number (``f`` then returns a float). An array of numbers
    is never guessed to be a set of 1-D points: give it a trailing axis of
    length 1 (``xs[:, None]``).

    Attributes
    ----------
    name : str
        Name of the factory that built it.
    params : mapping
        Its validated arguments.
    dim : int
        Number of coordinates.
    window : tuple of (float, float)
        A good plotting range for each coordinate.
    ylim : tuple of (float, float) or None
        A good range for the loss axis (1-D landscapes).
    minimisers : numpy.ndarray, shape (m, dim)
        Global minimisers.
    local_minima, local_maxima, saddle_points : numpy.ndarray, shape (m, dim)
        Other stationary points where known (inside ``window``), sorted.
    """

    __slots__ = (
        "_f",
        "_fast",
        "_grad",
        "_hess",
        "_oracle",
        "dim",
        "local_maxima",
        "local_minima",
        "minimisers",
        "name",
        "params",
        "saddle_points",
        "window",
        "ylim",
    )

    def __init__(
        self,
        name: str,
        params: Mapping[str, object],
        dim: int,
        f: Callable,
        grad: Callable,
        hess: Callable,
        *,
        window,
        minimisers,
        local_minima=(),
        local_maxima=(),
        saddle_points=(),
        ylim=None,
        oracle: Callable | None = None,
        fast: tuple[Callable, Callable] | None = None,
    ) -> None:
        s = object.__setattr__
        s(self, "name", name)
        s(self, "params", MappingProxyType(dict(params)))
        s(self, "dim", dim)
        s(self, "_f", f)
        s(self, "_grad", grad)
        s(self, "_hess", hess)
        s(self, "_oracle", oracle)
        s(self, "_fast", fast)
        s(self, "window", tuple((float(a), float(b)) for a, b in window))
        s(self, "ylim", None if ylim is None else (float(ylim[0]), float(ylim[1])))
        s(self, "minimisers", _frozen(minimisers, dim))
        s(self, "local_minima", _frozen(local_minima, dim))
        s(self, "local_maxima", _frozen(local_maxima, dim))
        s(self, "saddle_points", _frozen(saddle_points, dim))

    def _points(self, x):
        scalar = False
        try:
            x = np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError):
            raise TypeError(
                f"Argument `x` must be an array of points of shape (..., {self.dim}). "
                f"Received: x={x!r}"
            ) from None
        if x.ndim == 0 and self.dim == 1:
            x, scalar = x.reshape(1), True
        if x.ndim == 0 or x.shape[-1] != self.dim:
            raise ValueError(
                f"Argument `x` must have shape (..., {self.dim}) for the {self.dim}-D "
                f"landscape {self.name}. Received: x with shape {x.shape}"
            )
        return x, scalar

    def f(self, x):
        """Loss at points ``x`` of shape ``(..., dim)``: shape ``(...)``."""
        x, scalar = self._points(x)
        out = self._f(x)
        return float(out) if scalar else out

    def grad(self, x):
        """Gradient at points ``x``: shape ``(..., dim)``."""
        x, _ = self._points(x)
        return self._grad(x)

    def hess(self, x):
        """Hessian at points ``x``: shape ``(..., dim, dim)``."""
        x, _ = self._points(x)
        return self._hess(x)

    def gradient_oracle(self):
        """The gradient function used by :func:`lrcourse.optim.run`.

        The exact gradient (without argument checks, for speed); for a noisy
        landscape a fresh, seeded noisy gradient, so that every run sees the
        same noise.
        """
        if self._oracle is not None:
            return self._oracle()
        return self._grad if self._fast is None else self._fast[0]

    def hessian_oracle(self):
        """The Hessian function used by :func:`lrcourse.optim.run` (no argument checks)."""
        return self._hess if self._fast is None else self._fast[1]

    def grid(self, n=201):
        """Points covering ``window``: shape ``(n, 1)`` in 1-D, ``(n, n, 2)`` in 2-D.

        In 2-D, ``grid[i, j]`` is the point ``(xs[j], ys[i])`` (``meshgrid``
        order, ready for ``contour(X, Y, f(grid))``).
        """
        n = check_int("n", n, ge=2)
        axes = [np.linspace(a, b, n) for a, b in self.window]
        if self.dim == 1:
            return axes[0][:, None]
        return np.stack(np.meshgrid(*axes), axis=-1)

    def __setattr__(self, key, value):
        raise AttributeError("Landscape objects are immutable")

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.name}({args})"
