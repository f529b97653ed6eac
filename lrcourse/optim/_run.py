"""Run an optimiser for a number of steps and record its trajectory."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._validation import check_choice, check_int
from ._base import Optimizer, _as_params, _check_hess

__all__ = ["Trajectory", "run"]


@dataclass(frozen=True, eq=False)
class Trajectory:
    """The record of one run (read-only arrays).

    Attributes
    ----------
    x : numpy.ndarray, shape (steps + 1, dim)
        Iterates, flattened; row 0 is ``x0``, row ``k + 1`` the result of update ``k``.
    loss : numpy.ndarray or None, shape (steps + 1,)
        ``f`` at each row of ``x`` when the landscape knows ``f``; else None.
    lr : numpy.ndarray, shape (steps,)
        The learning rate used by each update.
    diverged_at : int or None
        Index of the first update whose result is not finite (``x[diverged_at + 1]``
        holds inf or NaN; so do all later rows). None if every iterate is finite.
    fp_error_at : int or None
        Index of the first update during which NumPy reported a
        floating-point overflow, invalid operation or division by zero, in the
        gradient or in the optimiser's state, even if the iterate stayed finite
        (the second moment of :func:`lrcourse.optim.adam_compounded_bias_correction`
        overflowing to inf is one). None if there was none.
    fp_error : str or None
        Its kind: ``"overflow"``, ``"invalid value"`` or ``"divide by zero"``.
    optimizer : str
        ``repr`` of the optimiser.
    x_eval : numpy.ndarray or None, shape (steps + 1, dim)
        For an optimiser that evaluates the model elsewhere than where it
        takes gradients (schedule-free SGD): that point after each update.
        None for the others (then ``x`` is the evaluation point).
    loss_eval : numpy.ndarray or None, shape (steps + 1,)
        ``f`` at each row of ``x_eval``, when both are known.
    """

    x: np.ndarray
    loss: np.ndarray | None
    lr: np.ndarray
    diverged_at: int | None = None
    fp_error_at: int | None = None
    fp_error: str | None = None
    optimizer: str = field(default="", repr=False)
    x_eval: np.ndarray | None = field(default=None, repr=False)
    loss_eval: np.ndarray | None = field(default=None, repr=False)

    @property
    def diverged(self) -> bool:
        """True if some iterate is inf or NaN."""
        return self.diverged_at is not None

    @property
    def final(self) -> np.ndarray:
        """The last iterate (a flat array of length ``dim``)."""
        return self.x[-1]

    @property
    def steps(self) -> int:
        """Number of updates."""
        return self.lr.shape[0]

    def __repr__(self) -> str:
        status = (
            f"diverged at update {self.diverged_at}" if self.diverged else "finite"
        )
        if self.fp_error_at is not None:
            status += f", {self.fp_error} at update {self.fp_error_at}"
        return (
            f"Trajectory({self.optimizer}, steps={self.steps}, dim={self.x.shape[1]}, "
            f"{status})"
        )


def run(optimizer, grad, x0, steps, *, hess=None, on_divergence="flag"):
    r"""Run ``steps`` updates of ``optimizer`` from ``x0``.

    .. math:: x_{k+1} = \mathrm{update}(x_k, \nabla f(x_k), k), \qquad k = 0, \dots, \text{steps}-1

    Parameters
    ----------
    optimizer : Optimizer
        From one of the factories of :mod:`lrcourse.optim`.
    grad : callable or landscape
        ``grad(x) -> array`` of the shape of ``x``, or a landscape from
        :mod:`lrcourse.landscapes` (then the loss is recorded and Newton gets
        its Hessian from it; a noisy landscape gives the same noise on every
        run).
    x0 : float or array_like
        Starting point (any shape; a float is a 1-D point).
    steps : int
        Number of updates, >= 0.
    hess : callable, optional
        ``hess(x) -> (n, n)`` array for Newton's method when ``grad`` is a
        plain function.
    on_divergence : {"flag", "raise"}, default "flag"
        ``"flag"``: an inf/NaN iterate is recorded in ``diverged_at`` (later
        rows are inf/NaN too) and the run completes. ``"raise"``: raise
        ``FloatingPointError`` naming the update.

    Returns
    -------
    Trajectory

    Raises
    ------
    TypeError, ValueError
        For a bad argument, a gradient of the wrong shape, or a Newton
        optimiser without a Hessian.
    FloatingPointError
        With ``on_divergence="raise"`` if an iterate becomes inf or NaN.

    Examples
    --------
    >>> from lrcourse.optim import gd, run
    >>> from lrcourse.landscapes import quadratic
    >>> traj = run(gd(0.5), quadratic(condition_number=1.0, dim=2), x0=[1.0, -2.0], steps=2)
    >>> traj.x
    array([[ 1.  , -2.  ],
           [ 0.5 , -1.  ],
           [ 0.25, -0.5 ]])
    >>> traj.loss
    array([2.5    , 0.625  , 0.15625])
    >>> run(gd(3.0), quadratic(condition_number=1.0, dim=1), x0=1.0, steps=2000).diverged_at
    1023
    """
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            "Argument `optimizer` must be an lrcourse Optimizer (e.g. lrcourse.optim.adam(0.1)). "
            f"Received: optimizer={optimizer!r}"
        )
    steps = check_int("steps", steps, ge=0)
    on_divergence = check_choice("on_divergence", on_divergence, ("flag", "raise"))
    x = _as_params(x0)
    f = None
    if hasattr(grad, "grad") and hasattr(grad, "f"):
        landscape = grad
        f = landscape.f
        if hess is None and optimizer.needs_hessian:
            hess = getattr(landscape, "hessian_oracle", lambda: landscape.hess)()
        oracle = getattr(landscape, "gradient_oracle", None)
        grad_fn = oracle() if oracle is not None else landscape.grad
    elif callable(grad):
        grad_fn = grad
    else:
        raise TypeError(
            "Argument `grad` must be a function grad(x) or a landscape. "
            f"Received: grad={grad!r}"
        )
    if optimizer.needs_hessian and hess is None:
        raise ValueError(
            f"Argument `hess` must be given: {optimizer.name} uses the Hessian "
            "(pass a landscape, or hess=). Received: hess=None"
        )
    if hess is not None and not callable(hess):
        raise TypeError(f"Argument `hess` must be a function hess(x). Received: hess={hess!r}")

    hypers = optimizer.hyper_values(0, steps)
    lrs = hypers[optimizer._hyper_names[0]]
    rows = list(zip(*(hypers[n].tolist() for n in optimizer._hyper_names), strict=True))
    shape, n = x.shape, x.size
    out = np.empty((steps + 1, n))
    out[0] = x.reshape(n)
    slots = optimizer._init_slots(x)
    eval_point = optimizer.eval_point
    out_eval = None
    if eval_point is not None:
        out_eval = np.empty((steps + 1, n))
        out_eval[0] = x.reshape(n)
    advance = optimizer._advance
    needs_h = optimizer.needs_hessian
    flat = shape == (n,)

    where = [0]
    first = []

    def on_fp_error(kind, flag):
        if not first:
            first.append((where[0], kind))

    with np.errstate(over="call", invalid="call", divide="call", under="ignore",
                     call=on_fp_error):
        for k in range(steps):
            where[0] = k
            g = grad_fn(x) if k else _call_grad(grad_fn, x)
            h = _check_hess(np.asarray(hess(x), dtype=np.float64), n) if needs_h else None
            x, slots = advance(x, g, h, slots, k + 1, rows[k])
            out[k + 1] = x if flat else x.reshape(n)
            if out_eval is not None:
                out_eval[k + 1] = np.reshape(eval_point(x, slots), n)

    finite_rows = np.isfinite(out).all(axis=1)
    diverged_at = None
    if not finite_rows.all():
        diverged_at = int(np.argmin(finite_rows)) - 1
        out[diverged_at + 1:][np.isfinite(out[diverged_at + 1:])] = np.nan
        if on_divergence == "raise":
            raise FloatingPointError(
                f"{optimizer!r} diverged: the iterate after update {diverged_at} is not finite"
            )
    if out_eval is not None and diverged_at is not None:
        out_eval[diverged_at + 1:] = np.nan
    loss = _losses(f, out, steps, shape)
    loss_eval = _losses(f, out_eval, steps, shape)
    out.setflags(write=False)
    if out_eval is not None:
        out_eval.setflags(write=False)
    lrs = np.array(lrs, dtype=np.float64)
    lrs.setflags(write=False)
    fp_at, fp_kind = first[0] if first else (None, None)
    return Trajectory(out, loss, lrs, diverged_at, fp_at, fp_kind, repr(optimizer),
                      out_eval, loss_eval)


def _losses(f, rows, steps, shape):
    if f is None or rows is None:
        return None
    with np.errstate(all="ignore"):
        loss = np.asarray(f(rows.reshape((steps + 1, *shape))), dtype=np.float64)
    loss = loss.reshape(steps + 1)
    loss.setflags(write=False)
    return loss


def _call_grad(grad_fn, x):
    g = grad_fn(x)
    g = np.asarray(g, dtype=np.float64) if not isinstance(g, np.ndarray) else g
    if g.shape != x.shape:
        raise ValueError(
            f"The gradient function must return an array of the shape of x {x.shape}. "
            f"Received: an array of shape {g.shape}"
        )
    if g.dtype.kind != "f":
        raise TypeError(
            f"The gradient function must return real floats. Received: dtype {g.dtype}"
        )
    return g
