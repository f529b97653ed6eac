"""Chapter 1, what the learning rate does: its computations, figures, explorer and exercises.

Gradient descent :math:`x_{t+1} = x_t - \\eta f'(x_t)` on three kinds of
function: the quadratic :math:`f = a x^2/2` (the stability limit
:math:`\\eta < 2/a`), an elongated 2-D quadratic (one rate cannot suit both
axes) and the rippled 1-D function of a published comparison of optimisers
(:func:`lrcourse.landscapes.rippled_bowl`, 27 local minima).
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.lines import Line2D

from .. import optim
from .._validation import check_choice, check_int, check_real
from ..corner import Call, Corner, Tab
from ..exercises._core import Hint
from ..explorers import Choice, Explorer, Layout, Readout, Slider, grid, new_figure
from ..landscapes import cliff, quadratic, rippled_bowl
from ..plotting import BookFigure
from ._chapter import Chapter

__all__ = [
    "ARTICLE_RATES", "CHAPTER", "FUNCTIONS", "ascent_gap", "end_points", "gd_path",
    "gd_quadratic", "local_limits", "nearest_minimum", "optimiser_lab", "plot_cliff",
    "plot_end_vs_lr", "plot_quadratic_regimes", "plot_rippled", "plot_valley",
    "quadratic_factor", "spread_over_starts", "sweep_article", "valley_run",
]

CHAPTER = Chapter(1, "what_lr_does", "What the learning rate does")

#: The learning rates of the article's gradient-descent sweep: 16 * 2^-i, i = 0..9.
ARTICLE_RATES = tuple(16.0 * 2.0**-i for i in range(10))
#: Start and length of the article's runs.
ARTICLE_X0, ARTICLE_STEPS = -20.0, 1000
#: Curvature of the bowl under the ripples: (0.15 x)^2 = a x^2 / 2 with a = 0.045.
BOWL_A = 0.045
#: ``value -> display name`` of the explorer's functions.
FUNCTIONS = {
    "rippled": "the article's f (bowl + ripples)",
    "bowl": "the bowl alone, 0.0225 x² (a = 0.045)",
}

_COLORS = ["#1f5fa8", "#b03a2e", "#2e8b57", "#8e44ad", "#d35400", "#555555"]
_STYLES = ["-", "--", ":", "-."]
_MARKS = ["o", "s", "^", "D", "v"]


def _landscape(function):
    check_choice("function", function, list(FUNCTIONS))
    if function == "rippled":
        return rippled_bowl()
    return _bowl()


@functools.cache
def _bowl():
    return quadratic(1.0, dim=1, scale=BOWL_A)


# -- gradient descent on a quadratic --------------------------------------------------------


def quadratic_factor(lr, curvature):
    r"""The factor :math:`1 - \eta a` by which gradient descent multiplies :math:`x` on
    :math:`f = a x^2/2`.

    Examples
    --------
    >>> from lrcourse.chapters.ch01_what_lr_does import quadratic_factor
    >>> round(quadratic_factor(0.3, 4.0), 12)
    -0.2
    """
    lr = check_real("lr", lr, ge=0)
    a = check_real("curvature", curvature, gt=0)
    return 1.0 - lr * a


def gd_quadratic(lr, *, curvature=1.0, x0=1.0, steps=20):
    r"""Gradient descent on :math:`f(x) = a x^2/2` with a constant rate: the iterates.

    .. math:: x_{t+1} = x_t - \eta\, a\, x_t = (1 - \eta a)\, x_t,
              \qquad x_t = (1 - \eta a)^t x_0

    Runs :func:`lrcourse.optim.gd` on
    :func:`lrcourse.landscapes.quadratic` with one curvature :math:`a`.

    Parameters
    ----------
    lr : float
        :math:`\eta \ge 0`.
    curvature : float
        :math:`a > 0`.
    x0 : float
        The start :math:`x_0`.
    steps : int
        Number of updates, >= 0.

    Returns
    -------
    numpy.ndarray
        :math:`x_0, \dots, x_{\text{steps}}` (inf or nan after a divergence).

    Raises
    ------
    ValueError, TypeError
        For a bad argument (the message names it).

    Examples
    --------
    >>> from lrcourse.chapters.ch01_what_lr_does import gd_quadratic
    >>> gd_quadratic(0.3, curvature=4.0, x0=1.0, steps=3).round(12)
    array([ 1.   , -0.2  ,  0.04 , -0.008])
    """
    a = check_real("curvature", curvature, gt=0)
    x0 = check_real("x0", x0)
    land = quadratic(1.0, dim=1, scale=a)
    return optim.run(optim.gd(lr), land, x0=x0, steps=steps).x[:, 0].copy()


def plot_quadratic_regimes(curvature=1.0, rates=(0.3, 1.0, 1.6, 2.0, 2.1), *, x0=1.0,
                           steps=12):
    r"""The iterates :math:`x_t` of gradient descent on :math:`a x^2/2` for several rates.

    Returns
    -------
    BookFigure
    """
    a = check_real("curvature", curvature, gt=0)
    steps = check_int("steps", steps, ge=1)
    fig = BookFigure(figsize=(5.4, 3.6), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    t = np.arange(steps + 1)
    parts = []
    for i, lr in enumerate(rates):
        x = gd_quadratic(lr, curvature=a, x0=x0, steps=steps)
        q = quadratic_factor(lr, a)
        ax.plot(t, x, _STYLES[i % 4], marker=_MARKS[i % 5], ms=4, lw=1.5,
                color=_COLORS[i % 6], label=f"η = {lr:g}: factor 1 − ηa = {q:+.2g}")
        parts.append(f"η = {lr:g}: x_{steps} = {x[-1]:.3g}")
    ax.axhline(0, color="#333333", lw=0.8)
    ax.set_ylim(-3.2, 3.2)
    ax.set_xlabel("step t")
    ax.set_ylabel("iterate $x_t$ (clipped to ±3)")
    ax.set_title(f"Gradient descent on $f = a x^2/2$, $a = {a:g}$, $x_0 = {x0:g}$",
                 fontsize=10)
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=1, frameon=False, fontsize=9)
    fig.alt = (f"Iterates of gradient descent on f = a x²/2 with a = {a:g} from x0 = {x0:g} "
               f"for {len(rates)} rates; " + "; ".join(parts) + ".")
    return fig


# -- ill-conditioning in 2-D -----------------------------------------------------------------


def valley_run(lr, *, condition_number=10.0, x0=(-2.5, 1.0), steps=40):
    r"""Gradient descent on the 2-D quadratic :math:`\tfrac12(\lambda_1 x_1^2 + \lambda_2 x_2^2)`.

    The curvatures are :math:`\lambda_1 = 1` and :math:`\lambda_2 = \kappa`
    (``condition_number``), from :func:`lrcourse.landscapes.quadratic`.
    Each coordinate is multiplied by its own factor :math:`1 - \eta\lambda_i`
    per step.

    Returns
    -------
    Trajectory
        Of :func:`lrcourse.optim.run`; ``.x`` has shape ``(steps + 1, 2)``.

    Examples
    --------
    >>> from lrcourse.chapters.ch01_what_lr_does import valley_run
    >>> valley_run(0.1, steps=1).x.round(12)
    array([[-2.5 ,  1.  ],
           [-2.25,  0.  ]])
    """
    land = quadratic(condition_number, dim=2)
    return optim.run(optim.gd(lr), land, x0=list(x0), steps=steps)


def plot_valley(rates=(0.1, 0.19), *, condition_number=10.0, x0=(-2.5, 1.0), steps=40):
    r"""Contours of the elongated quadratic with the paths of gradient descent.

    Returns
    -------
    BookFigure
    """
    land = quadratic(condition_number, dim=2)
    fig = BookFigure(figsize=(5.4, 3.9), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    g = land.grid(161)
    ax.contour(g[..., 0], g[..., 1], land.f(g), levels=np.geomspace(0.02, 20, 9),
               colors="#999999", linewidths=0.8)
    parts = []
    for i, lr in enumerate(rates):
        x = valley_run(lr, condition_number=condition_number, x0=x0, steps=steps).x
        ax.plot(x[:, 0], x[:, 1], _STYLES[i % 4], marker=_MARKS[i % 5], ms=3.5, lw=1.4,
                color=_COLORS[i % 6],
                label=f"η = {lr:g}: factors {1 - lr:.2g} (x₁), {1 - lr * condition_number:.2g} (x₂)")
        parts.append(f"η = {lr:g} ends at ({x[-1, 0]:.3g}, {x[-1, 1]:.3g})")
    ax.plot([0], [0], "*", ms=11, color="#222222", label="minimum")
    ax.set_aspect("equal")
    ax.set_xlim(-3, 3)
    ax.set_ylim(-1.6, 1.6)
    ax.set_xlabel("$x_1$ (curvature 1)")
    ax.set_ylabel(f"$x_2$ (curvature {condition_number:g})")
    ax.set_title(f"{steps} steps of gradient descent, condition number {condition_number:g}",
                 fontsize=10)
    fig.legend(loc="outside lower center", ncols=1, frameon=False, fontsize=9)
    fig.alt = (f"Contour lines of f = (x1² + {condition_number:g} x2²)/2 and the paths of "
               f"{steps} gradient-descent steps from ({x0[0]:g}, {x0[1]:g}): "
               + "; ".join(parts) + ".")
    return fig


# -- the article's rippled function ----------------------------------------------------------


def nearest_minimum(x):
    r"""The local minimum of the rippled function nearest to ``x`` (in [-20, 20]).

    Returns
    -------
    (int, float)
        Its index among the 27 local minima, counted from the left (0-based), and
        its position.

    Examples
    --------
    >>> from lrcourse.chapters.ch01_what_lr_does import nearest_minimum
    >>> i, m = nearest_minimum(-19.0)
    >>> i, round(m, 4)
    (0, -19.2271)
    """
    x = check_real("x", x)
    mins = rippled_bowl().local_minima[:, 0]
    i = int(np.argmin(np.abs(mins - x)))
    return i, float(mins[i])


def local_limits():
    r"""At every local minimum :math:`x^*` of the rippled function: :math:`f''(x^*)` and
    the local stability limit :math:`2/f''(x^*)`.

    Near a minimum :math:`f` is close to the quadratic
    :math:`f(x^*) + \tfrac12 f''(x^*)(x - x^*)^2`, so gradient descent can
    settle at :math:`x^*` only if :math:`\eta < 2/f''(x^*)`.

    Returns
    -------
    dict
        ``minima``, ``curvature`` and ``limit``: arrays of 27 values, left to right.

    Examples
    --------
    >>> from lrcourse.chapters.ch01_what_lr_does import local_limits
    >>> round(float(local_limits()["limit"][0]), 4)
    0.2968
    """
    land = rippled_bowl()
    mins = land.local_minima
    h = land.hess(mins)[:, 0, 0]
    return {"minima": mins[:, 0].copy(), "curvature": h, "limit": 2.0 / h}


def gd_path(function, lr, x0, steps=ARTICLE_STEPS):
    r"""Gradient descent on one of :data:`FUNCTIONS`: the iterates and the loss.

    Runs :func:`lrcourse.optim.run` with :func:`lrcourse.optim.gd`, so the
    article's sweep is reproduced exactly.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        :math:`x_0 \dots x_{\text{steps}}` and :math:`f(x_0) \dots`.

    Examples
    --------
    >>> from lrcourse.chapters.ch01_what_lr_does import gd_path
    >>> x, loss = gd_path("rippled", 0.25, -20.0)
    >>> round(float(x[-1]), 5), round(float(loss[-1]), 4)
    (-19.22706, 8.8149)
    """
    steps = check_int("steps", steps, ge=0)
    x0 = check_real("x0", x0)
    traj = optim.run(optim.gd(lr), _landscape(function), x0=x0, steps=steps)
    return traj.x[:, 0].copy(), np.asarray(traj.loss).copy()


def _settled(x, window=100, tol=1e-9):
    """True if the last ``window`` iterates differ by less than ``tol``."""
    tail = x[-window:]
    return bool(np.all(np.isfinite(tail)) and np.ptp(tail) < tol)


def sweep_article(rates=ARTICLE_RATES, *, x0=ARTICLE_X0, steps=ARTICLE_STEPS):
    r"""The article's sweep: gradient descent on the rippled function from ``x0`` for each rate.

    Returns
    -------
    list of dict
        Per rate: ``lr``, ``end`` (:math:`x_{\text{steps}}`), ``f_end``,
        ``spread`` (max - min of the last 100 iterates), ``settled``
        (spread below 1e-9), ``nearest`` (the nearest local minimum) and
        ``nearest_index`` (0-based, from the left), ``global``
        (ends within 0.1 of the global minimiser).

    Examples
    --------
    >>> from lrcourse.chapters.ch01_what_lr_does import sweep_article
    >>> rows = sweep_article()
    >>> [r["settled"] for r in rows]
    [False, False, False, False, False, False, True, True, True, True]
    """
    best = float(rippled_bowl().minimisers[0, 0])
    rows = []
    for lr in rates:
        x, loss = gd_path("rippled", lr, x0, steps)
        i, m = nearest_minimum(float(x[-1]))
        rows.append({"lr": float(lr), "end": float(x[-1]), "f_end": float(loss[-1]),
                     "spread": float(np.ptp(x[-100:])), "settled": _settled(x),
                     "nearest": m, "nearest_index": i,
                     "global": bool(abs(x[-1] - best) < 0.1)})
    return rows


def end_points(rates, x0, *, steps=ARTICLE_STEPS):
    r"""Gradient descent on the rippled function for many rates and starts at once.

    .. math:: x_{t+1} = x_t - \eta\, f'(x_t)

    for every pair (rate, start) of the broadcast arrays, in one NumPy loop
    (the tests check it against :func:`lrcourse.optim.run`).

    Parameters
    ----------
    rates : array_like
        Learning rates > 0.
    x0 : array_like
        Starts, broadcast against ``rates``.
    steps : int
        Number of updates >= 1.

    Returns
    -------
    numpy.ndarray, shape (steps + 1, *broadcast shape)
        The iterates.

    Examples
    --------
    >>> from lrcourse.chapters.ch01_what_lr_does import end_points
    >>> end_points([0.25, 0.125], -20.0)[-1].round(4)
    array([-19.2271, -19.2271])
    """
    rates = np.asarray(rates, dtype=np.float64)
    if not np.all(np.isfinite(rates) & (rates > 0)):
        raise ValueError(f"Argument `rates` must hold finite rates > 0. Received: rates={rates!r}")
    x = np.asarray(x0, dtype=np.float64)
    if not np.all(np.isfinite(x)):
        raise ValueError(f"Argument `x0` must hold finite numbers. Received: x0={x!r}")
    steps = check_int("steps", steps, ge=1)
    x, rates = np.broadcast_arrays(x, rates)
    grad = rippled_bowl().grad
    out = np.empty((steps + 1, *x.shape))
    out[0] = x
    for t in range(steps):
        out[t + 1] = out[t] - rates * grad(out[t][..., None])[..., 0]
    return out


def ascent_gap(x):
    r""":math:`f(x) - f(x^*)`: how far above the global minimum the rippled function is at ``x``."""
    land = rippled_bowl()
    x = np.asarray(x, dtype=np.float64)
    return land.f(x[..., None]) - land.f(land.minimisers[0])


def spread_over_starts(rates=(0.03125, 0.25, 2.0), *, starts=64, seed=0,
                       steps=ARTICLE_STEPS):
    r"""Gradient descent from many random starts: the loss gap of every run.

    The starts are drawn uniformly from [-20, 20] with
    ``numpy.random.default_rng(seed)``; every rate gets the same starts.

    Returns
    -------
    dict
        ``label -> array (starts, steps + 1)`` of :func:`ascent_gap` along each run,
        and the starts under the key ``"x0"``.

    Examples
    --------
    >>> from lrcourse.chapters.ch01_what_lr_does import spread_over_starts
    >>> runs = spread_over_starts((0.25,), starts=4, steps=10)
    >>> runs["η = 0.25"].shape
    (4, 11)
    """
    starts = check_int("starts", starts, ge=1)
    seed = check_int("seed", seed, ge=0)
    x0 = np.random.default_rng(seed).uniform(-20.0, 20.0, starts)
    out = {"x0": x0}
    for lr in rates:
        x = end_points(lr, x0, steps=steps)
        out[f"η = {lr:g}"] = ascent_gap(x).T
    return out


def plot_rippled(rows=None):
    r"""The article's function with its local minima and where the article's sweep ends.

    Parameters
    ----------
    rows : list of dict, optional
        From :func:`sweep_article` (computed if not given).

    Returns
    -------
    BookFigure
    """
    land = rippled_bowl()
    rows = sweep_article() if rows is None else rows
    xs = np.linspace(-20, 20, 2001)
    fig = BookFigure(figsize=(5.4, 3.8), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.plot(xs, land.f(xs[:, None]), "-", lw=1.3, color="#555555", label="f(x)")
    mins = land.local_minima[:, 0]
    ax.plot(mins, land.f(land.local_minima), "o", ms=4, mfc="white", mec="#555555",
            label=f"the {len(mins)} local minima")
    best = land.minimisers[0]
    ax.plot(best, [land.f(best)], "*", ms=13, color="#2e8b57", label="global minimum")
    ax.plot([ARTICLE_X0], [land.f(ARTICLE_X0)], "s", ms=6, color="#222222",
            label="start x₀ = −20")
    settled = [r for r in rows if r["settled"]]
    moving = [r for r in rows if not r["settled"]]
    if settled:
        ax.plot([r["end"] for r in settled], [r["f_end"] for r in settled], "D", ms=8,
                mfc="none", mec=_COLORS[0], mew=1.6,
                label="end, settled: η = " + ", ".join(f"{r['lr']:g}" for r in settled))
    if moving:
        ax.plot([r["end"] for r in moving], [r["f_end"] for r in moving], "^", ms=7,
                color=_COLORS[1],
                label="end, still moving: η = " + ", ".join(f"{r['lr']:g}" for r in moving))
    ax.set_xlim(-20, 20)
    ax.set_ylim(-2, 10)
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=1, frameon=False, fontsize=9)
    fig.alt = (f"The article's function on [-20, 20] with its {len(mins)} local minima; the "
               f"global minimum at x = {best[0]:.4f}; gradient descent from -20 for 1000 steps "
               "ends at " + "; ".join(f"x = {r['end']:.3g} for η = {r['lr']:g}" for r in rows)
               + ".")
    return fig


def plot_end_vs_lr(n=400, *, x0=ARTICLE_X0, steps=ARTICLE_STEPS, lo=0.01, hi=16.0):
    r"""Where gradient descent on the rippled function is after ``steps`` steps, for
    ``n`` rates spaced evenly on a log scale.

    Returns
    -------
    BookFigure
    """
    n = check_int("n", n, ge=2)
    rates = np.geomspace(lo, hi, n)
    x = end_points(rates, x0, steps=steps)
    end = x[-1]
    settled = np.ptp(x[-100:], axis=0) < 1e-9
    fig = BookFigure(figsize=(5.4, 3.6), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    best = float(rippled_bowl().minimisers[0, 0])
    ax.axhline(best, color="#2e8b57", lw=1.4, ls="--", label=f"global minimum, x = {best:.2f}")
    ax.plot(rates[settled], end[settled], "o", ms=3, color=_COLORS[0],
            label=f"settled ({int(settled.sum())} rates)")
    ax.plot(rates[~settled], end[~settled], "^", ms=3, color=_COLORS[1],
            label=f"still moving after {steps} steps ({int((~settled).sum())} rates)")
    ax.set_xscale("log")
    ax.set_ylim(-21, 21)
    ax.set_xlabel("learning rate η (log scale)")
    ax.set_ylabel(f"$x_{{{steps}}}$")
    ax.set_title(f"Gradient descent from x₀ = {x0:g}: where it is after {steps} steps",
                 fontsize=10)
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=1, frameon=False, fontsize=9)
    near = np.abs(end - best) < 0.1
    fig.alt = (f"Position after {steps} steps against the learning rate for {n} rates from "
               f"{lo:g} to {hi:g}: {int(settled.sum())} runs settle, {int(near.sum())} end "
               f"within 0.1 of the global minimum at {best:.2f}.")
    return fig


def plot_cliff(lr=1.0, *, x0=-4.0, steps=12):
    r"""Gradient descent near a cliff (:func:`lrcourse.landscapes.cliff`): one huge
    gradient throws the iterate far past the minimum.

    Returns
    -------
    BookFigure
    """
    land = cliff()
    traj = optim.run(optim.gd(lr), land, x0=x0, steps=steps)
    x = traj.x[:, 0]
    xs = np.linspace(-6, 14, 1601)
    fig = BookFigure(figsize=(5.4, 3.4), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.plot(xs, land.f(xs[:, None]), "-", lw=1.4, color="#555555", label="f(x): a bowl with a cliff")
    ax.plot(x, traj.loss, "--", marker="o", ms=4, lw=1.2, color=_COLORS[1],
            label=f"gradient descent, η = {lr:g}, from x₀ = {x0:g}")
    jump = int(np.argmax(np.abs(np.diff(x))))
    ax.annotate(f"step {jump}: f′ = {land.grad(x[jump])[0]:.3g},\nthe iterate jumps "
                f"{x[jump + 1] - x[jump]:.3g}", xy=(x[jump + 1], traj.loss[jump + 1]),
                xytext=(1.2, 11.3), fontsize=9, arrowprops={"arrowstyle": "->", "lw": 0.8})
    ax.set_xlim(-6, 14)
    ax.set_ylim(-0.5, 13)
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncols=1, frameon=False, fontsize=9)
    fig.alt = (f"A bowl whose minimum is at x = 3, with a cliff at x = 0. Gradient descent with "
               f"η = {lr:g} from {x0:g} reaches the edge, where the slope is steep, and jumps "
               f"from {x[jump]:.3g} to {x[jump + 1]:.3g}, far past the minimum, then walks back.")
    return fig


# -- framework corner ----------------------------------------------------------------------


@CHAPTER.corner("sgd")
def sgd_corner(lr=0.25):
    """Plain gradient descent with a constant rate in Keras 3, PyTorch and optax."""
    return Corner("plain gradient descent with a constant rate", [
        Tab("Keras", code=f"optimizer = keras.optimizers.SGD(learning_rate={lr!r})",
            note="`SGD` without momentum is plain gradient descent; a float "
                 "`learning_rate` is a constant rate."),
        Tab("PyTorch", [Call("torch", "ConstantLR", {"lr": lr, "factor": 1.0})],
            "The optimizer is `torch.optim.SGD(params, lr=...)`; without a scheduler the "
            "rate stays constant, which is what `ConstantLR` with `factor=1.0` shows."),
        Tab("optax", [Call("optax", "constant_schedule", {"value": lr})],
            "`optax.sgd(learning_rate)` takes a float or a schedule such as this one."),
    ], ("keras_lr_schedule", "torch_lr_scheduler", "optax_schedules"))


# -- exercises -------------------------------------------------------------------------------


def _art_f(x, deg=False):
    land = rippled_bowl()
    if deg:  # the usual calculator mistake: sines and cosines of degrees
        r = np.deg2rad(x)
        f = (0.15 * x) ** 2 + np.cos(r) + np.sin(3 * r) / 3 + np.cos(5 * r) / 5 + np.sin(7 * r) / 7
        d = 0.045 * x - np.sin(r) + np.cos(3 * r) - np.sin(5 * r) + np.cos(7 * r)
        return [float(f), float(d)]
    return [land.f(x), float(land.grad(x)[0])]


CHAPTER.exercise(
    id="ch01-three-steps",
    title="Three steps on a quadratic",
    answer="float: x_3 for gradient descent on f(x) = 2 x^2 with lr = 0.3 and x_0 = 1",
    kind="number",
    reference=lambda: gd_quadratic(0.3, curvature=4.0, x0=1.0, steps=3)[3],
    hints=(
        Hint(lambda: 0.4**3, "You used a = 2: but f = 2x² = a x²/2 means a = 4, so f′(x) = 4x "
                             "and the factor per step is 1 − 0.3·4 = −0.2."),
        Hint(lambda: 2.2**3, "You added the gradient: gradient descent subtracts it, "
                             "x ← x − η f′(x)."),
        Hint(lambda: 0.04, "That is x_2: x_3 needs one more step."),
        Hint(lambda: 0.008, "Check the sign: the factor −0.2 is negative, so x changes sign "
                            "at every step."),
    ),
)

CHAPTER.exercise(
    id="ch01-stable-limit",
    title="The largest stable learning rate",
    answer="float: the learning rate above which gradient descent on f(x) = a x^2 / 2 with "
           "a = 5 diverges",
    kind="number",
    reference=lambda: 2.0 / 5.0,
    hints=(
        Hint(lambda: 0.2, "1/a = 0.2 is the rate that reaches the minimum in one step. Larger "
                          "rates over-shoot but still converge while |1 − ηa| < 1."),
        Hint(lambda: 0.5, "That is 2/a for a = 4, the chapter's example: here a = 5."),
        Hint(lambda: 10.0, "The limit is 2/a, not 2a: a larger curvature needs a smaller rate."),
    ),
)

CHAPTER.exercise(
    id="ch01-f-at-minus-20",
    title="The article's function and its derivative at the start",
    answer="list of 2 floats: [f(-20), f'(-20)] for "
           "f(x) = (0.15x)^2 + cos x + sin(3x)/3 + cos(5x)/5 + sin(7x)/7",
    kind="sequence",
    reference=lambda: _art_f(-20.0),
    step_label="entry",
    first_step=1,
    hints=(
        Hint(lambda: [_art_f(-20.0)[0], -_art_f(-20.0)[1]],
             "Check the sign of f′: the derivative of cos(kx) is −k sin(kx), and "
             "the derivative of sin(kx)/k is cos(kx)."),
        Hint(lambda: _art_f(-20.0, deg=True),
             "Your calculator works in degrees: the sines and cosines take radians."),
        Hint(lambda: [_art_f(-20.0)[0] - 0.0225 * 400 + 0.15 * 400,
                      _art_f(-20.0)[1] - 0.045 * -20 + 0.3 * -20],
             "(0.15x)² = 0.0225x², not 0.15x²: square the 0.15 too."),
    ),
)

CHAPTER.exercise(
    id="ch01-gd-end",
    title="Where gradient descent ends",
    answer="float: x after 1000 steps of gradient descent with lr = 0.25 from x_0 = -7 on "
           "the article's function",
    kind="number",
    reference=lambda: gd_path("rippled", 0.25, -7.0, ARTICLE_STEPS)[0][-1],
    hints=(
        Hint(lambda: float(rippled_bowl().minimisers[0, 0]),
             "That is the global minimum. Gradient descent only goes downhill from where it "
             "starts: run the 1000 steps."),
        Hint(lambda: -7.0, "That is the start: did the loop update x?"),
        Hint(lambda: gd_path("rippled", 0.25, 7.0, ARTICLE_STEPS)[0][-1],
             "You started at +7: the start is x₀ = −7."),
        Hint(lambda: gd_path("rippled", 0.25, ARTICLE_X0, ARTICLE_STEPS)[0][-1],
             "That is the end of the article's run from x₀ = −20; this exercise starts at −7."),
        Hint(lambda: gd_path("rippled", 0.25, -5.0, ARTICLE_STEPS)[0][-1],
             "That is where the run from x₀ = −5 ends (the explorer's start nearest to −7); "
             "this exercise starts at −7, in the basin of another local minimum."),
    ),
)

CHAPTER.exercise(
    id="ch01-valley-rate",
    title="One rate for two curvatures",
    answer="float: the constant rate that makes both factors |1 − η λ1| and |1 − η λ2| "
           "equal, for the curvatures λ1 = 1 and λ2 = 20",
    kind="number",
    reference=lambda: 2.0 / (1.0 + 20.0),
    hints=(
        Hint(lambda: 0.05, "η = 1/λ2 = 0.05 solves the steep axis in one step, but then the flat "
                           "axis keeps 0.95 per step while the steep one keeps 0."),
        Hint(lambda: 0.1, "η = 2/λ2 = 0.1 is the stability limit: the steep axis would "
                          "bounce forever."),
        Hint(lambda: 1.0, "η = 1/λ1 solves the flat axis but makes the steep axis diverge "
                          "(factor 1 − 20 = −19)."),
        Hint(lambda: 2.0 / 11.0, "2/11 is the rate for λ2 = 10, the chapter's valley; here "
                                 "λ2 = 20."),
    ),
)


# -- explorer: the 1-D optimiser lab ---------------------------------------------------------

LAB_RATES = [2.0**k for k in range(-10, 7)]  # 0.000977 ... 64: the article's 16 ... 1/32 inside
LAB_X0 = [-20.0, -12.0, -5.0, 2.0, 9.0, 16.0]
LAB_STEPS = [1, 3, 10, 30, 100, 300, 1000]
_BLUE, _RED, _GREEN, _GREY = "#1f5fa8", "#b03a2e", "#2e8b57", "#555555"


@functools.lru_cache(maxsize=512)
def _lab_run(function, lr, x0):
    x, loss = gd_path(function, lr, x0, LAB_STEPS[-1])
    with np.errstate(all="ignore"):
        step = np.abs(np.diff(x))
        # A diverged run leaves the figure: points beyond 10^6 are gaps, not huge numbers.
        far = ~(np.abs(x) < 1e6)
        x[far], loss[far] = np.nan, np.nan
        step[far[1:] | far[:-1]] = np.nan
    x.setflags(write=False)
    loss.setflags(write=False)
    step.setflags(write=False)
    return x, loss, step


# The lab's layouts: f on the left, loss and step size stacked on the right;
# on a phone, all three stacked.
_ARRANGE_WIDE = grid(2, 2, widths=[1.35, 1], cells=[(slice(None), 0), (0, 1), (1, 1)])
_ARRANGE_NARROW = grid(3, 1, heights=[1.3, 1, 1])


def _verdict(function, lr, x, n):
    """One sentence: converged, still moving or diverged after n steps."""
    big = ~(np.abs(x[: n + 1]) < 1e6)  # inf and nan count as big
    if big.any():
        return f"diverged: |x| is above 10⁶ from step {int(np.argmax(big))} on"
    tail = x[max(0, n - 20): n + 1]
    if n >= 20 and np.ptp(tail) < 1e-9:
        return "converged: x no longer moves"
    return f"still moving: the last 20 steps span {np.ptp(tail):.3g} in x"


def _where(function, x_end):
    if not abs(x_end) < 1e6:
        return "off the chart: |x| passed 10⁶, the run diverged"
    if function == "bowl":
        return f"x = {x_end:.5g}; the only minimum is at 0 (2/a = {2 / BOWL_A:.3g})"
    if not -20.5 <= x_end <= 20.5:
        return f"x = {x_end:.5g}, outside the window [−20, 20]"
    i, m = nearest_minimum(float(x_end))
    lim = local_limits()
    h = lim["curvature"][i]
    return (f"x = {x_end:.5g}; nearest local minimum {m:.4f} (number {i + 1} of 27 from the "
            f"left), where f″ = {h:.3g}: η must be < 2/f″ = {2 / h:.3g} to settle there")


@CHAPTER.explorer
def optimiser_lab(function="rippled", lr=0.25, x0=-20.0, steps=1000):
    r"""The 1-D optimiser lab: gradient descent on the article's function or its bowl.

    Controls: ``function`` (the article's rippled function, or the bowl
    :math:`0.0225x^2 = a x^2/2` with :math:`a = 0.045` under its ripples),
    ``lr`` (:math:`\eta`, 17 values :math:`2^{-10} \dots 2^6` on a log
    scale, which include the article's sweep :math:`16 \cdot 2^{-i}`),
    ``x0`` (:math:`x_0`) and ``steps`` (the iterations shown, up to 1000;
    it reveals more of the same run). Panels: the iterates on :math:`f`,
    the loss :math:`f(x_t)` against the step, and the step size
    :math:`|x_{t+1} - x_t|` against the step (log scales).

    Returns
    -------
    Explorer
    """
    controls = [
        Choice("function", "f", [(v, k) for k, v in FUNCTIONS.items()], function),
        Slider("lr", "η", LAB_RATES[0], LAB_RATES[-1], LAB_RATES, lr, log=True,
               fmt=lambda v: f"{v:.3g}"),
        Slider("x0", "x₀", -20.0, 20.0, LAB_X0, x0, step=0.5),
        Slider("steps", "steps", 1, LAB_STEPS[-1], LAB_STEPS, steps, integer=True,
               reveals=True),
    ]
    fig = new_figure((6.6, 4.2))
    ax_f = fig.add_subplot()
    ax_loss = fig.add_subplot()
    ax_step = fig.add_subplot()
    _ARRANGE_WIDE(fig)
    xs = np.linspace(-20, 20, 801)
    (curve,) = ax_f.plot(xs, np.zeros_like(xs), "-", lw=1.2, color=_GREY)
    (path,) = ax_f.plot([], [], "-", marker="o", ms=2.5, lw=0.7, color=_BLUE)
    (start,) = ax_f.plot([], [], "s", ms=6, color="#222222")
    (end,) = ax_f.plot([], [], "D", ms=8, mfc="none", mec=_RED, mew=1.8)
    (best,) = ax_f.plot([], [], "^", ms=8, color=_GREEN)
    ax_f.set_xlim(-20, 20)
    # Headroom: the legend sits above f (f <= 10 on [-20, 20]). The loss panel has the same
    # limits, so the static page stores the path's f values and the loss curve once.
    ax_f.set_ylim(-2, 13)
    ax_f.set_xlabel("x")
    ax_f.set_title("iterates on f(x)", fontsize=10)
    ax_f.grid(alpha=0.3)
    ax_f.legend([Line2D([], [], color=_GREY), Line2D([], [], marker="o", ms=2.5, lw=0.7,
                                                       color=_BLUE),
                 Line2D([], [], ls="", marker="s", color="#222222"),
                 Line2D([], [], ls="", marker="D", mfc="none", mec=_RED, mew=1.8),
                 Line2D([], [], ls="", marker="^", color=_GREEN)],
                ["f", "path", "start", "end", "global min"], loc="upper center", ncols=3,
                fontsize=8.5, framealpha=0.9, handlelength=1.2, columnspacing=0.8)

    t_all = np.arange(LAB_STEPS[-1] + 1)
    (loss_line,) = ax_loss.plot([], [], "-", lw=1.2, color=_BLUE)
    (level,) = ax_loss.plot([0, LAB_STEPS[-1]], [0, 0], "--", lw=1.2, color=_GREEN)
    ax_loss.set_xscale("symlog", linthresh=1, linscale=0.4)
    ax_loss.set_xlim(0, LAB_STEPS[-1])
    ax_loss.set_ylim(-2, 13)
    ax_loss.set_title(r"loss $f(x_t)$", fontsize=10)
    ax_loss.grid(alpha=0.3)

    (step_line,) = ax_step.plot([], [], "-", lw=1.2, color=_RED)
    ax_step.set_xscale("symlog", linthresh=1, linscale=0.4)
    ax_step.set_yscale("log")
    ax_step.set_xlim(0, LAB_STEPS[-1])
    ax_step.set_ylim(1e-6, 1e2)
    ax_step.set_xlabel("step t (log scale)")
    ax_step.set_title(r"step size $|x_{t+1} - x_t|$", fontsize=10)
    ax_step.grid(alpha=0.3)

    curves = {}
    for key in FUNCTIONS:
        land = _landscape(key)
        curves[key] = (land.f(xs[:, None]), float(land.minimisers[0, 0]),
                       float(land.f(land.minimisers[0])))
    drawn = {}

    def compute(v):
        key = (v["function"], v["lr"], v["x0"])
        x, loss, step = _lab_run(*key)
        return x, loss, step

    def draw(v):
        x, loss, step = compute(v)
        n = v["steps"]
        fy, bx, by = curves[v["function"]]
        curve.set_ydata(fy)
        best.set_data([bx], [by])
        path.set_data(x[: n + 1], loss[: n + 1])
        path.set_marker("o" if n <= 100 else "None")  # 1000 markers hide the path and cost time
        start.set_data([x[0]], [loss[0]])
        end.set_data([x[n]], [loss[n]])
        loss_line.set_data(t_all[: n + 1], loss[: n + 1])
        level.set_ydata([by, by])
        step_line.set_data(t_all[:n], step[:n])
        drawn["values"] = dict(v)

    def describe(v):
        x, loss, step = compute(v)
        n = v["steps"]
        return (f"Gradient descent with η = {v['lr']:.3g} on {FUNCTIONS[v['function']]} from "
                f"x0 = {v['x0']:g}, {n} steps: x_{n} = {x[n]:.4g}, f = {loss[n]:.4g}; "
                f"{_verdict(v['function'], v['lr'], x, n)}.")

    def readout(v):
        x, loss, step = compute(v)
        n = v["steps"]
        last = step[n - 1] if n >= 1 else float("nan")
        return [
            Readout("update", f"x ← x − η f′(x) with η = {v['lr']:.4g}"),
            Readout(f"after {n} steps", _where(v["function"], x[n])),
            Readout("loss and last step",
                    f"f(x_{n}) = {loss[n]:.4g}; |x_{n} − x_{n - 1}| = {last:.3g}"
                    if np.isfinite(loss[n]) else "off the chart (diverged)"),
            Readout("verdict", _verdict(v["function"], v["lr"], x, n)),
        ]

    return Explorer(
        "optimiser_lab", "The 1-D optimiser lab", controls, fig, draw, describe,
        animated=[curve, path, start, end, best, loss_line, level, step_line], readout=readout,
        layouts=[Layout((6.6, 4.2), _ARRANGE_WIDE), Layout((3.4, 6.8), _ARRANGE_NARROW)],
    )
