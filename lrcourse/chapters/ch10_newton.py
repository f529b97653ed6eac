"""Chapter 10: Newton's method and regularised Newton.

The computations behind the chapter: the local quadratic model, Newton and
damped Newton runs on the article's function (:func:`lrcourse.landscapes.rippled_bowl`),
the article's :math:`\\alpha` sweep, end points over many starting points, the
cost of a Newton step in :math:`n` dimensions, the figures, the exercises and
the explorer ``newton_lab``.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg

from .. import landscapes, optim
from .._validation import check_int, check_real
from ..corner import Corner, Tab
from ..exercises._core import Hint
from ..explorers import Explorer, Layout, Readout, Slider, grid, new_figure
from ..plotting import BookFigure
from ._chapter import Chapter

__all__ = [
    "CHAPTER", "ARTICLE_ALPHAS", "d1", "d2", "model", "newton_path", "end_points",
    "classify", "alpha_sweep", "min_curvature", "alpha_needed", "negative_intervals",
    "newton_cost", "saddle_run",
    "model_figure", "end_points_figure", "newton_lab", "newton_corner",
]

CHAPTER = Chapter(10, "newton", "Newton's method and regularised Newton")

#: The article's sweep of the damping: alpha = 20 * 1.2**-i, i = 0..71.
ARTICLE_ALPHAS = 20.0 * 1.2 ** -np.arange(72.0)

_BLUE, _ORANGE, _GREEN, _RED, _GREY = "#1f5fa8", "#c25400", "#2a7d2a", "#b2182b", "#666666"


def d1(x):
    r"""The article's :math:`f'(x) = 0.045x - \sin x + \cos 3x - \sin 5x + \cos 7x` (vectorised).

    Examples
    --------
    >>> from lrcourse.chapters.ch10_newton import d1
    >>> print(f"{d1(-20.0):.4f}")
    -1.6436
    """
    x = np.asarray(x, dtype=float)
    return 0.045 * x - np.sin(x) + np.cos(3 * x) - np.sin(5 * x) + np.cos(7 * x)


def d2(x):
    r"""The article's :math:`f''(x) = 0.045 - \cos x - 3\sin 3x - 5\cos 5x - 7\sin 7x` (vectorised).

    This is the second derivative that the article's code calls as ``ddf``
    but never defines.

    Examples
    --------
    >>> from lrcourse.chapters.ch10_newton import d2
    >>> print(f"{d2(0.0):.3f}")
    -5.955
    """
    x = np.asarray(x, dtype=float)
    return 0.045 - np.cos(x) - 3 * np.sin(3 * x) - 5 * np.cos(5 * x) - 7 * np.sin(7 * x)


def model(xk, x, alpha=0.0):
    r"""The local quadratic model of the article's :math:`f` at :math:`x_k`, damped by :math:`\alpha`.

    .. math:: m_k(x) = f(x_k) + f'(x_k)(x - x_k) + \tfrac12 (f''(x_k) + \alpha)(x - x_k)^2

    Its stationary point is the (damped) Newton step
    :math:`x_k - f'(x_k)/(f''(x_k) + \alpha)`.

    Parameters
    ----------
    xk : float
        The iterate :math:`x_k`.
    x : array_like
        Points where the model is evaluated.
    alpha : float
        :math:`\alpha \ge 0`.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> from lrcourse.chapters.ch10_newton import model
    >>> print(f"{float(model(-20.0, -20.0)):.4f}")
    9.5421
    """
    xk = check_real("xk", xk)
    alpha = check_real("alpha", alpha, ge=0)
    f0 = float(landscapes.rippled_bowl().f(xk))
    dx = np.asarray(x, dtype=float) - xk
    return f0 + float(d1(xk)) * dx + 0.5 * (float(d2(xk)) + alpha) * dx ** 2


def newton_path(x0=-20.0, alpha=0.0, steps=1000):
    r"""Iterates of (damped) Newton on the article's function, from :func:`lrcourse.optim.run`.

    .. math:: x_{k+1} = x_k - \frac{f'(x_k)}{f''(x_k) + \alpha}

    Parameters
    ----------
    x0 : float
        Starting point.
    alpha : float
        Damping :math:`\alpha \ge 0` (0 is plain Newton).
    steps : int
        Number of updates, >= 0.

    Returns
    -------
    numpy.ndarray
        :math:`x_0, \dots, x_{\text{steps}}`.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, ch. 3.

    Examples
    --------
    >>> from lrcourse.chapters.ch10_newton import newton_path
    >>> print(f"{newton_path(-20.0, steps=5)[-1]:.4f}")
    -18.7229
    """
    x0 = check_real("x0", x0)
    alpha = check_real("alpha", alpha, ge=0)
    steps = check_int("steps", steps, ge=0)
    traj = optim.run(optim.newton(alpha=alpha), landscapes.rippled_bowl(), x0=x0, steps=steps)
    return traj.x[:, 0]


def _fast_path(x0, alpha, steps):
    """:func:`newton_path` with the ``math`` module, for the explorer (the tests check they agree)."""
    x = float(x0)
    out = [x]
    for _ in range(steps):
        c = (0.045 - math.cos(x) - 3 * math.sin(3 * x) - 5 * math.cos(5 * x)
             - 7 * math.sin(7 * x) + alpha)
        g = 0.045 * x - math.sin(x) + math.cos(3 * x) - math.sin(5 * x) + math.cos(7 * x)
        x = x - g / c if c != 0 else math.copysign(math.inf, -g)
        if not math.isfinite(x):
            out.extend([x] * (steps + 1 - len(out)))
            break
        out.append(x)
    return np.array(out)


def end_points(x0s, alpha=0.0, steps=1000):
    r"""Where (damped) Newton ends from many starting points at once (vectorised).

    The same update as :func:`newton_path` (the tests check that they agree),
    computed for a whole array of starting points.

    Parameters
    ----------
    x0s : array_like
        Starting points.
    alpha : float
        :math:`\alpha \ge 0`.
    steps : int
        Number of updates, >= 1.

    Returns
    -------
    x_end, moved : numpy.ndarray
        The last iterates and the size of the last step :math:`|x_{K} - x_{K-1}|`.

    Examples
    --------
    >>> from lrcourse.chapters.ch10_newton import end_points
    >>> x, moved = end_points([-20.0])
    >>> print(f"{x[0]:.4f}")
    -18.7229
    """
    alpha = check_real("alpha", alpha, ge=0)
    steps = check_int("steps", steps, ge=1)
    x = np.array(x0s, dtype=float).ravel()
    if x.size == 0 or not np.all(np.isfinite(x)):
        raise ValueError(f"Argument `x0s` must be a non-empty array of finite numbers, got {x0s!r}.")
    prev = x
    with np.errstate(all="ignore"):
        for _ in range(steps):
            prev, x = x, x - d1(x) / (d2(x) + alpha)
    return x, np.abs(x - prev)


def classify(x_end, moved, tol=1e-9):
    """The kind of point where a run ended: ``"minimum"``, ``"maximum"`` or ``"no limit"``.

    A run has converged when its last step moved less than ``tol`` and
    :math:`|f'| < 10^{-8}` there; the sign of :math:`f''` then gives the kind.

    Parameters
    ----------
    x_end, moved : array_like
        From :func:`end_points`.
    tol : float
        Largest last step counted as converged, > 0.

    Returns
    -------
    numpy.ndarray of str

    Examples
    --------
    >>> from lrcourse.chapters.ch10_newton import classify, end_points
    >>> print(classify(*end_points([-20.0]))[0])
    maximum
    """
    tol = check_real("tol", tol, gt=0)
    x_end = np.asarray(x_end, dtype=float)
    moved = np.asarray(moved, dtype=float)
    with np.errstate(all="ignore"):
        ok = (moved < tol) & (np.abs(d1(x_end)) < 1e-8)
        kind = np.where(d2(x_end) > 0, "minimum", "maximum")
    return np.where(ok, kind, "no limit")


def alpha_sweep(alphas=ARTICLE_ALPHAS, x0=-20.0, steps=1000):
    r"""The article's sweep: regularised Newton from :math:`x_0` for each :math:`\alpha`.

    Each run is a :func:`newton_path` (that is, :func:`lrcourse.optim.run`).

    Parameters
    ----------
    alphas : array_like
        The damping values; default :data:`ARTICLE_ALPHAS` (:math:`20 \cdot 1.2^{-i}`, i = 0..71).
    x0 : float
    steps : int

    Returns
    -------
    dict
        ``alpha``, ``x_end`` and ``kind`` (as in :func:`classify`), arrays of one entry per alpha.
    """
    alphas = np.asarray(alphas, dtype=float).ravel()
    ends, moved = [], []
    for a in alphas:
        path = newton_path(x0, float(a), steps)
        ends.append(path[-1])
        moved.append(abs(path[-1] - path[-2]) if steps else 0.0)
    ends, moved = np.array(ends), np.array(moved)
    return {"alpha": alphas, "x_end": ends, "kind": classify(ends, moved)}


def min_curvature(lo=-20.0, hi=20.0, n=400_001):
    r"""The smallest :math:`f''` on ``[lo, hi]`` and where it is (grid, then refined).

    :math:`f'' + \alpha > 0` everywhere in the window exactly when
    :math:`\alpha > -\min f''`.

    Returns
    -------
    x_min, f2_min : float

    Examples
    --------
    >>> from lrcourse.chapters.ch10_newton import min_curvature
    >>> x, v = min_curvature()
    >>> print(f"{v:.3f}")
    -12.264
    """
    lo, hi = check_real("lo", lo), check_real("hi", hi)
    if not lo < hi:
        raise ValueError(f"Arguments `lo` < `hi` required, got lo={lo!r}, hi={hi!r}.")
    xs = np.linspace(lo, hi, check_int("n", n, ge=3))
    i = int(np.argmin(d2(xs)))
    h = xs[1] - xs[0]
    a, b = max(lo, xs[i] - h), min(hi, xs[i] + h)
    for _ in range(100):  # golden-section refinement of the grid minimum
        c, d = b - 0.618 * (b - a), a + 0.618 * (b - a)
        if d2(c) < d2(d):
            b = d
        else:
            a = c
    x = 0.5 * (a + b)
    return float(x), float(d2(x))


@functools.lru_cache(maxsize=8)
def alpha_needed(lo=-20.0, hi=20.0):
    r"""The damping above which :math:`f''(x) + \alpha > 0` on all of ``[lo, hi]``.

    It is :math:`-\min f''` over the window (:func:`min_curvature`). The
    explorer ``newton_lab`` shows it; the chapter's window gives about 12.264.

    Returns
    -------
    float

    Examples
    --------
    >>> from lrcourse.chapters.ch10_newton import alpha_needed
    >>> print(f"{alpha_needed():.3f}")
    12.264
    """
    return -min_curvature(lo, hi)[1]


def negative_intervals(alpha, lo=-20.0, hi=20.0, n=2001):
    r"""The intervals of ``[lo, hi]`` where :math:`f''(x) + \alpha < 0`.

    There the local quadratic model opens downwards, and a Newton step goes
    to the top of the parabola. The ends are the zero crossings of
    :math:`f'' + \alpha`, interpolated linearly between the ``n`` grid points.

    Parameters
    ----------
    alpha : float
        :math:`\alpha \ge 0`.
    lo, hi : float
        The window, ``lo < hi``.
    n : int
        Grid points, >= 3.

    Returns
    -------
    numpy.ndarray, shape (k, 2)
        One row ``(start, end)`` per interval, from left to right (``k = 0``
        when :math:`f'' + \alpha \ge 0` on the whole grid).

    Examples
    --------
    >>> from lrcourse.chapters.ch10_newton import negative_intervals
    >>> len(negative_intervals(13.0))
    0
    >>> print(negative_intervals(12.0, -20.0, -10.0).round(3))
    [[-18.698 -18.627]
     [-12.415 -12.344]]
    """
    alpha = check_real("alpha", alpha, ge=0)
    lo, hi = check_real("lo", lo), check_real("hi", hi)
    if not lo < hi:
        raise ValueError(f"Arguments `lo` < `hi` required, got lo={lo!r}, hi={hi!r}.")
    xs = np.linspace(lo, hi, check_int("n", n, ge=3))
    return _intervals_below_zero(xs, d2(xs) + alpha)


def _intervals_below_zero(xs, c):
    """Where ``c < 0`` on the grid ``xs``, with linearly interpolated ends."""
    neg = c < 0
    if not neg.any():
        return np.empty((0, 2))
    edges = np.diff(neg.astype(np.int8))
    starts = list(np.nonzero(edges == 1)[0] + 1)
    ends = list(np.nonzero(edges == -1)[0])
    if neg[0]:
        starts.insert(0, 0)
    if neg[-1]:
        ends.append(len(xs) - 1)

    def cross(i, j):  # zero of the line through (xs[i], c[i]) and (xs[j], c[j])
        return xs[i] + (xs[j] - xs[i]) * c[i] / (c[i] - c[j])

    out = [(cross(i - 1, i) if i > 0 else xs[0], cross(j, j + 1) if j < len(xs) - 1 else xs[-1])
           for i, j in zip(starts, ends, strict=True)]
    return np.array(out, dtype=float)


def newton_cost(n):
    r"""Memory and work of one Newton step with a dense Hessian in :math:`n` dimensions.

    The Hessian has :math:`n^2` entries (8 bytes each in float64). Solving
    :math:`(H + \alpha I)d = g` by a Cholesky factorisation costs about
    :math:`n^3/3` multiply-adds (Nocedal and Wright 2006, appendix A;
    Golub and Van Loan).

    Parameters
    ----------
    n : int
        Number of parameters, >= 1.

    Returns
    -------
    dict
        ``entries`` (:math:`n^2`), ``bytes`` (:math:`8n^2`), ``flops`` (:math:`n^3/3`).

    Examples
    --------
    >>> from lrcourse.chapters.ch10_newton import newton_cost
    >>> newton_cost(10**6)["entries"]
    1000000000000
    """
    n = check_int("n", n, ge=1)
    return {"entries": n * n, "bytes": 8 * n * n, "flops": n ** 3 / 3}


def saddle_run(x0=(1.0, 0.3), steps=300):
    r"""Plain Newton and gradient descent on :func:`lrcourse.landscapes.saddle`.

    The landscape is :math:`f(x, y) = x^2/2 + y^4/4 - y^2/2`, with a saddle
    point at (0, 0) and minima at :math:`(0, \pm 1)`. From a point with
    :math:`|y| < 1/\sqrt 3` (where the curvature along :math:`y` is negative),
    Newton goes to the saddle point; gradient descent (rate 0.1) goes to a minimum.

    Returns
    -------
    newton_x, gd_x : numpy.ndarray
        The iterates of each method, shape ``(steps + 1, 2)``.

    Examples
    --------
    >>> from lrcourse.chapters.ch10_newton import saddle_run
    >>> nx, gx = saddle_run()
    >>> print(abs(nx[-1]).max() < 1e-12, round(float(gx[-1, 1]), 6))
    True 1.0
    """
    steps = check_int("steps", steps, ge=1)
    land = landscapes.saddle()
    x0 = np.asarray(x0, dtype=float)
    nx = optim.run(optim.newton(), land, x0=x0, steps=steps).x
    gx = optim.run(optim.gd(0.1), land, x0=x0, steps=steps).x
    return nx, gx


# -- figures ----------------------------------------------------------------------------------


def _book_figure(figsize, alt):
    fig = BookFigure(figsize=figsize, alt=alt, layout="constrained", facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def model_figure(x0=-20.0, alpha=0.0, iterates=3):
    """The article's function with the local quadratic model drawn at each of the first iterates.

    Returns
    -------
    BookFigure
    """
    iterates = check_int("iterates", iterates, ge=1)
    land = landscapes.rippled_bowl()
    path = newton_path(x0, alpha, iterates)
    xs = np.linspace(-21.0, -15.0, 600)
    fig = _book_figure((5.4, 4.0), "")  # legend under the axes: readable on a phone
    ax = fig.add_subplot()
    ax.plot(xs, land.f(xs[:, None]), color="black", lw=1.6, label="f(x)")
    styles = ["--", ":", "-."]
    colours = [_BLUE, _ORANGE, _GREEN]
    for k in range(iterates):
        xk = path[k]
        near = np.linspace(xk - 1.2, xk + 1.2, 200)
        # the models at x_1 and x_2 nearly coincide: a wide dotted line under a thin one
        ax.plot(near, model(xk, near, alpha), styles[k % 3], color=colours[k % 3],
                lw=[1.5, 3.2, 1.3][k % 3], label=f"model at x_{k} = {xk:.3f}")
        ax.plot([xk], [land.f(xk)], "o", color=colours[k % 3], ms=5)
    ax.plot([path[-1]], [land.f(path[-1])], "x", color=_RED, ms=9, mew=2,
            label=f"x_{iterates} = {path[-1]:.4f}")
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(4, 12)
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.grid(alpha=0.3)
    fig.legend(loc="outside lower center", ncol=2, fontsize=10, handletextpad=0.4,
               columnspacing=1.2, frameon=False)
    fig.alt = (f"The article's function between x = -21 and -15 with the local quadratic model of "
               f"Newton's method drawn at the first {iterates} iterates from x0 = {x0:g}. The first "
               f"model opens downwards, and the iterates climb to the local maximum at "
               f"x = {path[-1]:.4f}.")
    return fig


def end_points_figure(x0s, alphas=(0.0, 13.0)):
    """Where (damped) Newton ends against where it starts, one panel row of points per alpha.

    Parameters
    ----------
    x0s : array_like
        Starting points.
    alphas : sequence of float
        One set of points per value (at most 3).

    Returns
    -------
    BookFigure
    """
    alphas = [check_real("alphas", a, ge=0) for a in alphas]
    if not 1 <= len(alphas) <= 3:
        raise ValueError(f"Argument `alphas` must hold 1 to 3 values, got {len(alphas)}.")
    x0s = np.asarray(x0s, dtype=float)
    # 5.4 in wide, text 10 pt, legend under the axes: a phone shows the figure at about
    # 350 px, and its text stays at 9 CSS px or more (as plot_schedules does).
    fig = _book_figure((5.4, 4.6), "")
    ax = fig.add_subplot()
    (diag,) = ax.plot([-20, 20], [-20, 20], color=_GREY, lw=0.8, ls=":", label="end = start")
    markers = [("o", _RED), ("s", _BLUE), ("^", _GREEN)]
    parts, handles = [], []
    for (mk, col), a in zip(markers[:len(alphas)], alphas, strict=True):
        x, moved = end_points(x0s, a)
        kind = classify(x, moved)
        name = "plain Newton" if a == 0 else f"α = {a:g}"
        for k, filled in (("minimum", True), ("maximum", False)):
            sel = kind == k
            (h,) = ax.plot(x0s[sel], np.clip(x[sel], -25, 25), mk, ms=4 if a == 0 else 3,
                           mfc=col if filled else "none", mec=col, ls="none",
                           zorder=4 if a == 0 else 3, label=f"{name}: {k} ({sel.mean():.0%})")
            handles.append(h)
        parts.append(f"{name}: {np.mean(kind == 'maximum'):.0%} of the starts end at a local maximum")
    ax.set_xlim(-20.5, 20.5)
    ax.set_ylim(-25, 25)
    ax.set_xlabel("start x₀")
    ax.set_ylabel("end after 1000 steps (clipped)")
    ax.grid(alpha=0.3)
    # column by column: the first alpha and the diagonal, then the others
    order = [*handles[:2], diag, *handles[2:]]
    fig.legend(handles=order, loc="outside lower center", ncol=2, fontsize=10,
               handletextpad=0.4, columnspacing=1.2, frameon=False)
    fig.alt = ("End point against start point for Newton's method on the article's function, for "
               f"{x0s.size} starts between {x0s.min():g} and {x0s.max():g}. Filled markers end at a "
               "local minimum, open markers at a local maximum. " + "; ".join(parts) + ".")
    return fig


# -- framework corner -------------------------------------------------------------------------

_TORCH_CODE = """\
import torch

def f(x):
    return ((0.15 * x) ** 2 + torch.cos(x) + torch.sin(3 * x) / 3
            + torch.cos(5 * x) / 5 + torch.sin(7 * x) / 7).sum()

x, alpha = torch.tensor([-20.0], dtype=torch.float64), 0.0
for k in range(1000):
    g = torch.autograd.functional.jacobian(f, x)  # gradient, shape (n,)
    H = torch.autograd.functional.hessian(f, x)   # n x n: n**2 numbers
    x = x - torch.linalg.solve(H + alpha * torch.eye(x.numel(), dtype=x.dtype), g)
print(x)  # tensor([-18.7229]): a local maximum"""

_JAX_CODE = """\
import jax, jax.numpy as jnp
jax.config.update("jax_enable_x64", True)

def f(x):
    return ((0.15 * x) ** 2 + jnp.cos(x) + jnp.sin(3 * x) / 3
            + jnp.cos(5 * x) / 5 + jnp.sin(7 * x) / 7).sum()

x, alpha = jnp.array([-20.0]), 0.0
for k in range(1000):
    g, H = jax.grad(f)(x), jax.hessian(f)(x)
    x = x - jnp.linalg.solve(H + alpha * jnp.eye(x.size), g)
print(x)  # [-18.7229]: a local maximum"""

_LRCOURSE_CODE = """\
from lrcourse import landscapes, optim

traj = optim.run(optim.newton(alpha=0.0), landscapes.rippled_bowl(), x0=-20.0, steps=1000)
print(traj.x[-1])  # [-18.7229]: a local maximum"""


@CHAPTER.corner("newton")
def newton_corner():
    """A Newton step in PyTorch, JAX and lrcourse: no framework ships it as an optimiser."""
    return Corner("Newton's method", [
        Tab("PyTorch", code=_TORCH_CODE,
            note="`torch.optim` has no Newton optimiser (its `LBFGS` is quasi-Newton). "
                 "`torch.autograd.functional.hessian` builds the full $n \\times n$ Hessian."),
        Tab("JAX", code=_JAX_CODE,
            note="`jax.hessian` also builds the full matrix; optax has no Newton optimiser."),
        Tab("lrcourse", code=_LRCOURSE_CODE,
            note="`optim.newton(alpha=...)` is damped Newton; `alpha=0` is plain Newton."),
    ], ())


# -- exercises --------------------------------------------------------------------------------

_LOCAL_MAX = -10.46252  # the plain-Newton end point from -10 (checked in the tests)


def _f2_at_max():
    return float(d2(newton_path(-10.0, 0.0, 50)[-1]))


CHAPTER.exercise(
    id="ch10-f2-at-max",
    title="f'' at the point where plain Newton ends",
    answer="float: f''(x) at the end point of plain Newton from x0 = -10 (about x = -10.4625)",
    kind="number",
    reference=_f2_at_max,
    hints=(Hint(lambda: -_f2_at_max(), "Check the sign: at a local maximum f'' is negative."),
           Hint(lambda: float(0.045 + math.cos(_LOCAL_MAX) + 3 * math.sin(3 * _LOCAL_MAX)
                              + 5 * math.cos(5 * _LOCAL_MAX) + 7 * math.sin(7 * _LOCAL_MAX)),
                "The derivative of -sin(kx) is -k cos(kx), and of cos(kx) is -k sin(kx): "
                "f'' = 0.045 - cos x - 3 sin 3x - 5 cos 5x - 7 sin 7x.")),
)

CHAPTER.exercise(
    id="ch10-alpha-positive",
    title="The damping that makes f'' + α positive everywhere",
    answer="float: the smallest α with f''(x) + α >= 0 for all x in [-17, -13] (that is, -min f'')",
    kind="number",
    reference=lambda: -min_curvature(-17.0, -13.0)[1],
    hints=(Hint(lambda: min_curvature(-17.0, -13.0)[1],
                "α must cancel the most negative f'': use -min f''."),
           Hint(lambda: -min_curvature()[1], "That is the α for the whole window [-20, 20]; "
                "this exercise asks for [-17, -13] only."),),
)

CHAPTER.exercise(
    id="ch10-quadratic-step",
    title="One Newton step on a quadratic",
    answer="list of 2 floats: x_1 after one plain Newton step on f(x) = 2(x - 3)^2 + 1, "
           "then x_1 after one damped step with α = 4, both from x_0 = 1",
    kind="sequence",
    reference=lambda: [1.0 - (4.0 * (1.0 - 3.0)) / 4.0, 1.0 - (4.0 * (1.0 - 3.0)) / (4.0 + 4.0)],
    hints=(Hint(lambda: [3.0, 3.0], "The damped step divides by f'' + α = 4 + 4 = 8, so it "
                                    "goes only half way."),
           Hint(lambda: [2.0, 1.5], "f'' of 2(x - 3)^2 is 4, not 2."),),
)

CHAPTER.exercise(
    id="ch10-damped-limit",
    title="The damped step for a large α",
    answer="list of 3 floats: the damped step f'(x_0)/(f''(x_0) + α) at x_0 = -10 on the article's "
           "function for α = 100, 1000 and 10000, each multiplied by α",
    kind="sequence",
    reference=lambda: [a * float(d1(-10.0) / (d2(-10.0) + a)) for a in (100.0, 1000.0, 10000.0)],
    hints=(Hint(lambda: [float(d1(-10.0) / (d2(-10.0) + a)) for a in (100.0, 1000.0, 10000.0)],
                "Multiply each step by its α: the products tend to f'(x_0)."),),
)


# -- explorer ---------------------------------------------------------------------------------

_ALPHA_GRID = [0.01, 0.1, 0.25, 1.0, 3.0, 12.0, 13.0, 50.0]
_X0_GRID = [float(v) for v in range(-20, 21, 2)]
_SHOW = 12  # iterates drawn


def _signed_parts(xs, c):
    """``c`` on ``xs`` with its zero crossings added, split by sign.

    Returns ``x, up, down``: ``up`` is ``c`` where ``c >= 0`` and ``down``
    where ``c <= 0`` (NaN elsewhere); both are 0 at the crossings (linear
    interpolation), so the two lines meet exactly on the zero line.
    """
    i = np.nonzero(np.signbit(c[:-1]) != np.signbit(c[1:]))[0]
    xc = xs[i] + (xs[i + 1] - xs[i]) * c[i] / (c[i] - c[i + 1])
    x = np.insert(xs, i + 1, xc)
    y = np.insert(c, i + 1, 0.0)
    return x, np.where(y >= 0, y, np.nan), np.where(y <= 0, y, np.nan)


def _dips(x, down):
    """One polygon per run of finite ``down`` values, closed along the zero line.

    ``x, down`` come from :func:`_signed_parts`; the polygons are the areas
    between :math:`f'' + \\alpha < 0` and 0 (for ``PolyCollection.set_verts``).
    """
    ok = np.isfinite(down)
    edges = np.diff(np.r_[0, ok.astype(np.int8), 0])
    polys = []
    for i, j in zip(np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0], strict=True):
        if j - i >= 2:
            seg = np.column_stack([x[i:j], down[i:j]])
            polys.append(np.vstack([seg, [[x[j - 1], 0.0], [x[i], 0.0]]]))
    return polys


_BAND = (-3.2, -2.4)  # the top panel's strip (data units) that marks f'' + alpha < 0


@CHAPTER.explorer
def newton_lab(alpha=0.01, x0=-20.0):
    r"""Damped Newton on the article's function: model, iterates, the sign of :math:`f''+\alpha`.

    Controls: ``alpha`` (:math:`\alpha`, log slider) and ``x0`` (:math:`x_0`).
    The top panel shows :math:`f`, the local quadratic model at :math:`x_0`,
    the first iterates and the end point after 200 steps; a red strip along
    its x-axis marks where :math:`f''(x) + \alpha < 0` (there the model opens
    downwards and the step climbs). The bottom panel shows
    :math:`f''(x) + \alpha`: a solid blue line where it is positive, a
    dashed red line over a shaded red area where it is negative. The readout
    gives the :math:`\alpha` above which no red is left (:func:`alpha_needed`).

    Returns
    -------
    Explorer
    """
    from matplotlib.legend import Legend
    from matplotlib.patches import Patch

    controls = [
        Slider("alpha", "α", 0.01, 50.0, _ALPHA_GRID, alpha, log=True),
        Slider("x0", "x₀", -20.0, 20.0, _X0_GRID, x0, step=0.5),
    ]
    land = landscapes.rippled_bowl()
    xs = np.linspace(-20.0, 20.0, 501)
    fx = land.f(xs[:, None])
    curv = d2(xs)
    xs_fine = np.linspace(-20.0, 20.0, 4001)  # for the ends of the red strips
    curv_fine = d2(xs_fine)
    needed = alpha_needed()
    fig = new_figure((6.6, 5.0))
    top = fig.add_subplot()
    bot = fig.add_subplot(sharex=top)
    top.tick_params(labelbottom=False)
    band = top.fill_between([], [], [], color=_RED, alpha=0.45, lw=0)
    top.plot(xs, fx, color="black", lw=1.2, label="f(x)")
    (parab,) = top.plot([], [], "--", color=_BLUE, lw=1.6, label="model at x₀")
    (path_line,) = top.plot([], [], "o:", color=_ORANGE, ms=3.5, lw=0.9, label="iterates")
    (end,) = top.plot([], [], "D", color=_GREEN, ms=7, mec="black", mew=0.8,
                      label="end (200 steps)")
    top.set_xlim(-20.5, 20.5)
    top.set_ylim(_BAND[0], 11)
    top.set_ylabel("f(x)")
    top.grid(alpha=0.3)
    bot.axhline(0, color=_GREY, lw=0.8)
    neg_fill = bot.fill_between([], [], [], color=_RED, alpha=0.45, lw=0)
    (pos,) = bot.plot([], [], color=_BLUE, lw=1.2)
    (neg,) = bot.plot([], [], "--", color=_RED, lw=1.2)
    handles, labels = top.get_legend_handles_labels()
    handles += [pos, (Patch(facecolor=_RED, alpha=0.45), neg)]
    labels += ["f'' + α ≥ 0", "f'' + α < 0 (red strip)"]
    legends = [Legend(top, handles, labels, loc="lower center", bbox_to_anchor=(0.5, 1.0),
                      ncol=ncol, fontsize=8, handlelength=2.2, columnspacing=1.0,
                      borderaxespad=0.3, frameon=False) for ncol in (3, 2)]
    for leg in legends:
        top.add_artist(leg)
        leg.set_clip_on(False)  # add_artist clips to the axes; the legend sits above them
    stacked = grid(2, 1, heights=[2.2, 1])

    def arrange(layout):
        def apply(figure):
            stacked(figure)
            for i, leg in enumerate(legends):
                leg.set_visible(i == layout)
        return apply

    bot.set_ylim(-15, 65)
    bot.set_xlabel("x")
    bot.set_ylabel("f''(x) + α")
    bot.grid(alpha=0.3)
    state = {}

    def compute(v):
        if state.get("values") == v:
            return state
        a, s = float(v["alpha"]), float(v["x0"])
        c = curv + a
        path = _fast_path(s, a, 200)
        near = np.linspace(s - 3, s + 3, 121)
        x_end, moved = path[-1], abs(path[-1] - path[-2])
        state.update(values=dict(v), c=c, path=path, near=near, m=model(s, near, a),
                     kind=str(classify([x_end], [moved])[0]),
                     neg=_intervals_below_zero(xs_fine, curv_fine + a))
        return state

    def draw(v):
        st = compute(v)
        c = st["c"]
        parab.set_data(st["near"], st["m"])
        p = st["path"][:_SHOW]
        inside = np.abs(p) <= 20.5
        path_line.set_data(p[inside], land.f(p[inside][:, None]) if inside.any() else [])
        xe = st["path"][-1]
        end.set_data([xe] if abs(xe) <= 20.5 else [], [float(land.f(xe))] if abs(xe) <= 20.5 else [])
        x, up, down = _signed_parts(xs, c)
        pos.set_data(x, up)
        neg.set_data(x, down)
        neg_fill.set_verts(_dips(x, down))
        y0, y1 = _BAND
        band.set_verts([np.array([[a, y0], [b, y0], [b, y1], [a, y1]]) for a, b in st["neg"]])

    def _negative_text(st):
        iv = st["neg"]
        if not len(iv):
            return "nowhere in [-20, 20]"
        length = float(np.sum(iv[:, 1] - iv[:, 0]))
        return f"on {len(iv)} intervals, {length:.3g} of the 40 units of [-20, 20]"

    def describe(v):
        st = compute(v)
        return (f"Damped Newton with α = {v['alpha']:g} from x₀ = {v['x0']:g} on the article's "
                f"function: after 200 steps x = {st['path'][-1]:.4f} ({st['kind']}). "
                + (f"f'' + α is negative {_negative_text(st)}, shaded red in both panels."
                   if len(st["neg"]) else
                   "f'' + α is positive on all of [-20, 20]: nothing is shaded red."))

    def readout(v):
        st = compute(v)
        s = float(v["x0"])
        c0 = float(d2(s)) + float(v["alpha"])
        return [
            Readout("f''(x₀) + α", f"{c0:.3g} (model opens {'up' if c0 > 0 else 'down'})"),
            Readout("first step −f'(x₀)/(f''(x₀) + α)", f"{st['path'][1] - s:.3g}"),
            Readout("end after 200 steps", f"x = {st['path'][-1]:.4f}, a {st['kind']}"
                    if st["kind"] != "no limit" else f"x = {st['path'][-1]:.4g}, no limit yet"),
            Readout("f'' + α < 0", _negative_text(st)),
            Readout("α needed for f'' + α > 0 on [-20, 20]", f"> {needed:.3f} (= −min f'')"),
        ]

    layouts = [Layout((6.6, 5.0), arrange(0)), Layout((3.4, 5.8), arrange(1))]
    return Explorer("newton_lab", "Damped Newton: model, iterates and the sign of f'' + α",
                    controls, fig, draw, describe,
                    animated=[band, parab, path_line, end, neg_fill, pos, neg],
                    readout=readout, layouts=layouts)
