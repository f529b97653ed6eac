"""Chapter 7, momentum: heavy ball in two forms, Nesterov, stability, the article's kick.

The chapter's computations (:func:`heavy_ball`, :func:`spectral_radius`,
:func:`article_sweep`, :func:`race`, :func:`noisy_runs`), its figures
(:func:`plot_race`), its explorer (:func:`momentum_lab`), its exercises and
its framework corner. The notebook only calls them.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.lines import Line2D

from .. import optim
from .._validation import check_int, check_real
from ..corner import Corner, Tab
from ..exercises._core import Hint
from ..explorers import Choice, Explorer, Layout, Readout, Slider, grid, new_figure
from ..landscapes import noisy_quadratic, quadratic, rippled_bowl
from ..plotting import BookFigure
from ._chapter import Chapter

__all__ = [
    "ARTICLE_LR", "ARTICLE_MOMENTA", "ARTICLE_STEPS", "ARTICLE_X0", "CHAPTER", "RACE_DEFAULTS",
    "article_sweep", "decimate", "heavy_ball", "kick_displacement", "largest_stable_lr",
    "momentum_corner", "momentum_lab", "noisy_runs", "plot_race", "race", "race_optimizers",
    "spectral_radius", "steady_step", "updates_to_converge", "valley",
]

CHAPTER = Chapter(7, "momentum", "Momentum")

#: The source article's momentum sweep: lr = 0.002, m = 1 - 0.5**i for i = 0..9,
#: 1000 iterations from x0 = -20 on :func:`lrcourse.landscapes.rippled_bowl`.
ARTICLE_LR = 0.002
ARTICLE_MOMENTA = tuple(1 - 0.5**i for i in range(10))
ARTICLE_X0 = -20.0
ARTICLE_STEPS = 1000

_FORMS = ("torch", "keras")


# -- the two forms of heavy-ball momentum -------------------------------------------------


def heavy_ball(grad, x0, *, lr, momentum, steps, v0=0.0, drop_at=None, drop_factor=0.5):
    r"""Heavy-ball momentum in the PyTorch form and in the Keras form, side by side.

    PyTorch form (``torch.optim.SGD``) and Keras / Sutskever form
    (``keras.optimizers.SGD``), for update :math:`k = 0, 1, \dots`:

    .. math::

        \text{PyTorch: } b_k = \mu b_{k-1} + g_k,\quad x_{k+1} = x_k - \eta_k b_k;
        \qquad
        \text{Keras: } v_k = \mu v_{k-1} - \eta_k g_k,\quad x_{k+1} = x_k + v_k

    with :math:`g_k = \nabla f(x_k)`. The rate is :math:`\eta_k = \eta` before
    update ``drop_at`` and :math:`\eta\cdot` ``drop_factor`` from it on.

    The velocity starts at :math:`v_{-1} = v_0` in the Keras form. The PyTorch
    form gets the same first step: its buffer starts at
    :math:`b_{-1} = -v_0/\eta` (with :math:`v_0 = 0`, PyTorch's own start
    :math:`b_0 = g_0`).

    Parameters
    ----------
    grad : callable
        ``grad(x)`` for ``x`` of shape ``(2, dim)`` (one row per form),
        returning the same shape.
    x0 : float or array_like
        Start, a point of ``dim`` coordinates.
    lr : float
        :math:`\eta > 0`.
    momentum : float
        :math:`0 \le \mu < 1`.
    steps : int
        Number of updates >= 1.
    v0 : float, default 0
        Initial velocity (the source article used 1).
    drop_at : int, optional
        First update with the lowered rate (None: the rate stays constant).
    drop_factor : float, default 0.5
        The rate is multiplied by this from ``drop_at`` on (> 0).

    Returns
    -------
    dict
        ``"x"``: array ``(2, steps + 1, dim)`` of iterates (row 0 PyTorch,
        row 1 Keras); ``"step"``: array ``(2, steps, dim)`` of the steps
        :math:`x_{k+1} - x_k` (the Keras velocity :math:`v_k`, and
        :math:`-\eta_k b_k` in PyTorch); ``"lr"``: array ``(steps,)``. After a
        divergence the values are inf or NaN.

    Raises
    ------
    ValueError, TypeError
        For a bad argument (the message names it).

    References
    ----------
    .. [1] I. Sutskever, J. Martens, G. Dahl and G. Hinton, "On the importance
       of initialization and momentum in deep learning", ICML 2013.
    .. [2] PyTorch 2.13, ``SGD`` in ``torch/optim/sgd.py``; Keras 3.15, ``SGD``
       in ``keras/src/optimizers/sgd.py``.

    Examples
    --------
    A constant gradient 1, a rate 0.1 halved from update 2 on:

    >>> from lrcourse.chapters.ch07_momentum import heavy_ball
    >>> import numpy as np
    >>> run = heavy_ball(lambda x: np.ones_like(x), 0.0, lr=0.1, momentum=0.5, steps=3,
    ...                  drop_at=2)
    >>> run["step"][:, :, 0].round(4)
    array([[-0.1  , -0.15 , -0.0875],
           [-0.1  , -0.15 , -0.125 ]])
    """
    lr = check_real("lr", lr, gt=0)
    mu = check_real("momentum", momentum, ge=0, lt=1)
    steps = check_int("steps", steps, ge=1)
    v0 = check_real("v0", v0)
    drop_factor = check_real("drop_factor", drop_factor, gt=0)
    if drop_at is not None:
        drop_at = check_int("drop_at", drop_at, ge=0)
    x = np.array(x0, dtype=np.float64).reshape(-1)
    if not np.all(np.isfinite(x)):
        raise ValueError(f"Argument `x0` must be finite. Received: x0={x0!r}")
    eta = np.full(steps, lr)
    if drop_at is not None:
        eta[drop_at:] *= drop_factor
    # One loop for both forms: u_k = mu u_{k-1} + c_k g_k (the buffer b or the
    # velocity v) and the step s_k = d_k u_k, with c = (1, -eta_k), d = (-eta_k, 1).
    c = np.stack([np.ones(steps), -eta])[:, :, None]
    d = np.stack([-eta, np.ones(steps)])[:, :, None]
    dim = x.size
    xs = np.empty((2, steps + 1, dim))
    ss = np.empty((2, steps, dim))
    cur = np.repeat(x[None, :], 2, axis=0)
    u = np.array([np.full(dim, -v0 / lr), np.full(dim, v0)])
    xs[:, 0] = cur
    with np.errstate(all="ignore"):
        for k in range(steps):
            g = grad(cur)
            u = mu * u + c[:, k] * g
            s = d[:, k] * u
            cur = cur + s
            ss[:, k] = s
            xs[:, k + 1] = cur
    return {"x": xs, "step": ss, "lr": eta}


def steady_step(lr, momentum, gradient=1.0):
    r"""The step that heavy ball approaches under a constant gradient: :math:`-\eta g/(1-\mu)`.

    With a constant gradient :math:`g` both forms converge to
    :math:`v = \mu v - \eta g`, that is :math:`v = -\eta g/(1-\mu)`: momentum
    acts like gradient descent with the *effective rate* :math:`\eta/(1-\mu)`.

    Examples
    --------
    >>> from lrcourse.chapters.ch07_momentum import steady_step
    >>> round(steady_step(0.01, 0.9, gradient=2.0), 12)
    -0.2
    """
    lr = check_real("lr", lr, gt=0)
    mu = check_real("momentum", momentum, ge=0, lt=1)
    g = check_real("gradient", gradient)
    return -lr * g / (1 - mu)


def kick_displacement(v0, momentum):
    r"""How far an initial velocity :math:`v_0` carries the iterate with a zero gradient.

    With :math:`g = 0` the Keras form gives :math:`v_k = \mu^{k+1} v_0`, so the
    iterate moves by :math:`\sum_{k \ge 0} \mu^{k+1} v_0 = v_0\,\mu/(1-\mu)`.

    Examples
    --------
    >>> from lrcourse.chapters.ch07_momentum import kick_displacement
    >>> kick_displacement(1.0, 0.9375)
    15.0
    """
    v0 = check_real("v0", v0)
    mu = check_real("momentum", momentum, ge=0, lt=1)
    return v0 * mu / (1 - mu)


def spectral_radius(lr, curvature, momentum, *, nesterov=False):
    r"""Largest :math:`|\text{eigenvalue}|` of heavy ball (or Nesterov) on :math:`f(x) = a x^2/2`.

    On the quadratic, :math:`(x_{k+1}, x_k) = M (x_k, x_{k-1})` with, for heavy
    ball and for Nesterov momentum,

    .. math::

        M = \begin{pmatrix} 1 + \mu - \eta a & -\mu \\ 1 & 0 \end{pmatrix},
        \qquad
        M_\text{N} = \begin{pmatrix} (1 + \mu)(1 - \eta a) & -\mu (1 - \eta a) \\
        1 & 0 \end{pmatrix};

    the iterates shrink to 0 if and only if the spectral radius is below 1
    (the same matrix for both forms while the rate is constant).

    References
    ----------
    .. [1] G. Goh, "Why Momentum Really Works", Distill, 2017.

    Examples
    --------
    >>> from lrcourse.chapters.ch07_momentum import spectral_radius
    >>> round(spectral_radius(0.1, 1.0, 0.0), 12)
    0.9
    """
    lr = check_real("lr", lr, ge=0)
    a = check_real("curvature", curvature, gt=0)
    mu = check_real("momentum", momentum, ge=0, lt=1)
    if nesterov:
        r = 1 - lr * a
        m = np.array([[(1 + mu) * r, -mu * r], [1.0, 0.0]])
    else:
        m = np.array([[1 + mu - lr * a, -mu], [1.0, 0.0]])
    return float(np.max(np.abs(np.linalg.eigvals(m))))


def largest_stable_lr(curvature, momentum=0.0, *, nesterov=False):
    r"""The rate above which momentum diverges on :math:`a x^2/2`.

    Heavy ball: :math:`2(1+\mu)/a`. Nesterov: :math:`2(1+\mu)/((1+2\mu)\,a)`,
    smaller for every :math:`\mu > 0`. (Both follow from the eigenvalues of
    the matrices of :func:`spectral_radius`; the tests check them by bisection.)

    Examples
    --------
    >>> from lrcourse.chapters.ch07_momentum import largest_stable_lr
    >>> round(largest_stable_lr(4.0, 0.9), 12)
    0.95
    >>> round(largest_stable_lr(40.0, 0.5, nesterov=True), 12)
    0.0375
    """
    a = check_real("curvature", curvature, gt=0)
    mu = check_real("momentum", momentum, ge=0, lt=1)
    if nesterov:
        return 2 * (1 + mu) / ((1 + 2 * mu) * a)
    return 2 * (1 + mu) / a


# -- the source article's sweep ----------------------------------------------------------


def article_sweep(*, lr=ARTICLE_LR, momenta=ARTICLE_MOMENTA, v0=1.0, x0=ARTICLE_X0,
                  steps=ARTICLE_STEPS):
    r"""Where the article's momentum runs end on its function, for each :math:`\mu`.

    Runs :func:`lrcourse.optim.momentum_with_initial_velocity` (``v0 != 0``,
    the article's code) or :func:`lrcourse.optim.momentum` in the Keras form
    (``v0 = 0``, the article's text) on
    :func:`lrcourse.landscapes.rippled_bowl`.

    Returns
    -------
    numpy.ndarray
        The final :math:`x` of each run, in the order of ``momenta``.

    Examples
    --------
    >>> from lrcourse.chapters.ch07_momentum import article_sweep
    >>> article_sweep(momenta=[0.9375], v0=1.0).round(4)
    array([-2.9345])
    >>> article_sweep(momenta=[0.9375], v0=0.0).round(4)
    array([-19.2271])
    """
    v0 = check_real("v0", v0)
    land = rippled_bowl()
    out = []
    for m in momenta:
        opt = (optim.momentum_with_initial_velocity(lr, momentum=m, v0=v0) if v0
               else optim.momentum(lr, momentum=m, form="keras"))
        out.append(optim.run(opt, land, x0=x0, steps=steps).final[0])
    return np.array(out)


# -- the race on the article's function ------------------------------------------------

#: One setting from each of the article's sweeps (i is the sweep index): GD
#: lr = 16*2**-i (i = 7), momentum and Nesterov lr = 0.002 with m = 1 - 0.5**4
#: (the article's best), AdaGrad and RMSProp lr = 32*1.5**-i (i = 8),
#: RMSProp rho = 0.9, Adam lr = 2*1.2**-i (i = 10) with beta2 = 0.999.
RACE_DEFAULTS = {
    "sgd_lr": 16 * 2.0**-7,
    "momentum_lr": 0.002,
    "momentum": 0.9375,
    "nesterov_lr": 0.002,
    "adagrad_lr": 32 * 1.5**-8,
    "rmsprop_lr": 32 * 1.5**-8,
    "rho": 0.9,
    "adam_lr": 2 * 1.2**-10,
    "beta1": 0.9,
    "beta2": 0.999,
    "eps": 1e-8,
}


def race_optimizers(**hyper):
    """The six optimisers of the race, as ``label -> lrcourse Optimizer``.

    Keyword arguments override :data:`RACE_DEFAULTS`; the labels show every
    hyperparameter.

    Raises
    ------
    TypeError
        For an unknown hyperparameter name.
    """
    unknown = sorted(set(hyper) - set(RACE_DEFAULTS))
    if unknown:
        raise TypeError(f"Unknown hyperparameter `{unknown[0]}`. "
                        f"Accepted: {', '.join(RACE_DEFAULTS)}. Received: {unknown[0]}=...")
    h = {**RACE_DEFAULTS, **hyper}
    m = h["momentum"]
    return {
        f"SGD, lr = {h['sgd_lr']:.4g}": optim.gd(h["sgd_lr"]),
        f"momentum, lr = {h['momentum_lr']:.4g}, μ = {m:.4g}":
            optim.momentum(h["momentum_lr"], momentum=m, form="keras"),
        f"Nesterov, lr = {h['nesterov_lr']:.4g}, μ = {m:.4g}":
            optim.nesterov(h["nesterov_lr"], momentum=m, form="keras"),
        f"AdaGrad, lr = {h['adagrad_lr']:.4g}": optim.adagrad(h["adagrad_lr"], eps=h["eps"]),
        f"RMSProp, lr = {h['rmsprop_lr']:.4g}, ρ = {h['rho']:.4g}":
            optim.rmsprop(h["rmsprop_lr"], rho=h["rho"], eps=h["eps"]),
        f"Adam, lr = {h['adam_lr']:.4g}, β1 = {h['beta1']:.4g}, β2 = {h['beta2']:.4g}":
            optim.adam(h["adam_lr"], beta1=h["beta1"], beta2=h["beta2"], eps=h["eps"]),
    }


def race(x0s=None, *, steps=ARTICLE_STEPS, **hyper):
    r"""Run the six optimisers from many starting points on the article's function.

    Every optimiser here updates each coordinate on its own, so the runs from
    all starting points are computed at once, as one point with one
    coordinate per start.

    Parameters
    ----------
    x0s : array_like, optional
        Starting points (default: 81 points from -20 to 20).
    steps : int
        Updates per run (default 1000, as in the article).
    **hyper
        Hyperparameters, overriding :data:`RACE_DEFAULTS`.

    Returns
    -------
    dict
        ``label -> final x`` (an array like ``x0s``); ``"x0"`` holds the starts.

    Examples
    --------
    >>> from lrcourse.chapters.ch07_momentum import race
    >>> out = race([-20.0, 0.0], steps=10)
    >>> len(out), out["x0"].tolist()
    (7, [-20.0, 0.0])
    """
    x0s = np.linspace(-20, 20, 81) if x0s is None else np.array(x0s, dtype=np.float64).ravel()
    if x0s.size == 0 or not np.all(np.isfinite(x0s)):
        raise ValueError(f"Argument `x0s` must hold finite starting points. Received: x0s={x0s!r}")
    steps = check_int("steps", steps, ge=1)
    land = rippled_bowl()

    def grad(x):
        return land.grad(x[:, None])[:, 0]

    out = {"x0": x0s}
    for label, opt in race_optimizers(**hyper).items():
        out[label] = np.array(optim.run(opt, grad, x0=x0s, steps=steps).final)
    return out


def plot_race(x0s=None, *, steps=ARTICLE_STEPS, **hyper) -> BookFigure:
    """Final loss of each optimiser from each start on the article's function (a heat map).

    One row per optimiser (named in short; the alt text lists every
    hyperparameter, as :func:`race_optimizers` labels them), one column
    per starting point :math:`x_0`; the colour is :math:`f` at the end of the
    run. The alt text gives, per optimiser, how many starts end within 0.1 of
    the global minimiser.

    Parameters
    ----------
    x0s, steps, **hyper
        As in :func:`race`.

    Returns
    -------
    BookFigure
    """
    runs = race(x0s, steps=steps, **hyper)
    land = rippled_bowl()
    x0 = runs.pop("x0")
    best = float(land.minimisers[0][0])
    labels = list(runs)
    with np.errstate(all="ignore"):
        loss = np.array([land.f(np.asarray(runs[k])[:, None]) for k in labels])
    fig = BookFigure(figsize=(5.4, 3.6), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    edges = np.r_[x0[0] - (x0[1] - x0[0]) / 2 if x0.size > 1 else x0[0] - 0.5,
                  (x0[1:] + x0[:-1]) / 2 if x0.size > 1 else [],
                  x0[-1] + (x0[-1] - x0[-2]) / 2 if x0.size > 1 else x0[0] + 0.5]
    mesh = ax.pcolormesh(edges, np.arange(len(labels) + 1), np.clip(loss, -1.5, 10),
                         cmap="viridis", vmin=-1.5, vmax=10)
    # Short names keep the text readable on a phone; the labels with every
    # hyperparameter are in the alt text and in race_optimizers().
    ax.set_yticks(np.arange(len(labels)) + 0.5, [k.split(",")[0] for k in labels], fontsize=10)
    ax.invert_yaxis()
    ax.set_xlabel("starting point $x_0$")
    ax.set_title(f"$f$ after {steps} steps (global minimum {float(land.f([best])):.3f})",
                 fontsize=10)
    fig.colorbar(mesh, ax=ax, label="final $f(x)$", shrink=0.9)
    parts = []
    for label, row in zip(labels, np.asarray([runs[k] for k in labels]), strict=True):
        hits = int(np.sum(np.abs(row - best) < 0.1))
        parts.append(f"{label}: {hits} of {x0.size} starts end at the global minimiser")
    fig.alt = (f"Heat map of the final loss after {steps} steps, one row per optimiser, one "
               f"column per start from {x0[0]:g} to {x0[-1]:g}. " + "; ".join(parts) + ".")
    return fig


# -- momentum on a noisy quadratic, over seeds ------------------------------------------

#: The noisy valley of :func:`noisy_runs`: curvatures 0.01 and 2.5, start (6, 6).
NOISY_CURVATURES = (0.01, 2.5)
NOISY_X0 = (6.0, 6.0)


def noisy_runs(lr, *, momentum=0.0, form="torch", seeds=8, steps=400, noise=0.3):
    r"""Loss of heavy ball (or GD with ``momentum=0``) on a noisy valley, for several seeds.

    The valley is :func:`lrcourse.landscapes.noisy_quadratic` with curvatures
    :data:`NOISY_CURVATURES` (condition number 250) from :data:`NOISY_X0`;
    seed ``s`` of the gradient noise is run ``s``.

    Returns
    -------
    numpy.ndarray, shape (seeds, steps + 1)
        The loss (exact :math:`f`) at every step of every seed (inf or NaN
        after a divergence).

    Examples
    --------
    >>> from lrcourse.chapters.ch07_momentum import noisy_runs
    >>> noisy_runs(0.1, momentum=0.9, seeds=2, steps=5).shape
    (2, 6)
    """
    seeds = check_int("seeds", seeds, ge=1)
    steps = check_int("steps", steps, ge=1)
    lo, hi = NOISY_CURVATURES
    out = []
    for s in range(seeds):
        land = noisy_quadratic(hi / lo, 2, noise=noise, seed=s, scale=lo)
        opt = (optim.momentum(lr, momentum=momentum, form=form) if momentum
               else optim.gd(lr))
        out.append(optim.run(opt, land, x0=list(NOISY_X0), steps=steps).loss)
    return np.array(out)


# -- framework corner --------------------------------------------------------------------

SOURCES = ("torch_sgd", "keras_sgd", "optax_sgd")


def _corner_params(lr, momentum, nesterov):
    return {"lr": lr, "momentum": momentum, "nesterov": nesterov}


@CHAPTER.corner("momentum")
def momentum_corner(lr=0.01, momentum=0.9, nesterov=False):
    """Heavy ball (or Nesterov) momentum in PyTorch, Keras 3 and optax."""
    p = _corner_params(lr, momentum, nesterov)
    return Corner("SGD with momentum", [
        Tab("PyTorch", code=(f"optimizer = torch.optim.SGD(params, lr={p['lr']!r}, "
                             f"momentum={p['momentum']!r}, nesterov={p['nesterov']!r})"),
            note="The buffer holds gradients: $b_k = \\mu b_{k-1} + g_k$, "
                 "$x_{k+1} = x_k - \\eta_k b_k$. A new rate applies to the whole buffer at once."),
        Tab("Keras", code=(f"optimizer = keras.optimizers.SGD(learning_rate={p['lr']!r}, "
                           f"momentum={p['momentum']!r}, nesterov={p['nesterov']!r})"),
            note="The velocity holds steps: $v_k = \\mu v_{k-1} - \\eta_k g_k$, "
                 "$x_{k+1} = x_k + v_k$. Steps taken with the old rate fade out slowly."),
        Tab("optax", code=(f"optimizer = optax.sgd(learning_rate={p['lr']!r}, "
                           f"momentum={p['momentum']!r}, nesterov={p['nesterov']!r})"),
            note="`optax.trace` accumulates gradients and the rate scales the result: "
                 "the PyTorch form."),
    ], SOURCES)


# -- exercises ------------------------------------------------------------------------------


def _port_positions(form: str) -> float:
    """x_6 for a constant gradient 1, mu = 0.9, lr 0.1 halved from update 3 on."""
    run = heavy_ball(lambda x: np.ones_like(x), 0.0, lr=0.1, momentum=0.9, steps=6, drop_at=3)
    return float(run["x"][_FORMS.index(form), -1, 0])


CHAPTER.exercise(
    id="ch07-largest-stable-rate",
    title="The largest stable rate with momentum",
    answer="float: the learning rate above which heavy-ball momentum with mu = 0.7 diverges "
           "on f(x) = 2 x^2",
    kind="number",
    reference=lambda: largest_stable_lr(4.0, 0.7),
    hints=(
        Hint(lambda: 2 / 4.0, "That is the limit 2/a of plain gradient descent; momentum "
                              "raises it to 2(1 + mu)/a."),
        Hint(lambda: 2 * 1.7 / 2.0, "f = 2 x^2 is a x^2 / 2 with a = 4, not a = 2."),
        Hint(lambda: 1.7 / 4.0, "You dropped the factor 2: the limit is 2(1 + mu)/a."),
        Hint(lambda: 2 / (4.0 * 0.3), "2/(a(1 - mu)) is gradient descent's limit at the "
                                       "effective rate; the stability limit is 2(1 + mu)/a."),
        Hint(lambda: largest_stable_lr(4.0, 0.9),
             "That is the chapter's limit for mu = 0.9; here mu = 0.7."),
    ),
)

CHAPTER.exercise(
    id="ch07-effective-rate",
    title="The step under a constant gradient",
    answer="float: the size |x_{k+1} - x_k| that heavy-ball momentum approaches with a constant "
           "gradient g = 2, lr = 0.01 and mu = 0.95",
    kind="number",
    reference=lambda: abs(steady_step(0.01, 0.95, gradient=2.0)),
    hints=(
        Hint(lambda: 0.02, "That is the step of gradient descent, lr * g: the velocity keeps "
                           "growing until v = mu v - lr g."),
        Hint(lambda: 0.2, "You forgot the gradient g = 2: the step tends to lr * g / (1 - mu)."),
        Hint(lambda: 0.01 * 2 / 0.05 * 0.95, "v = mu v - lr g gives lr g / (1 - mu), "
                                             "with no extra factor mu."),
    ),
)

CHAPTER.exercise(
    id="ch07-kick-displacement",
    title="How far does an initial velocity carry the iterate?",
    answer="float: the total distance x_inf - x_0 covered with v_{-1} = 1, mu = 0.8 and a zero "
           "gradient, with v_k = mu v_{k-1} - lr g_k and x_{k+1} = x_k + v_k",
    kind="number",
    reference=lambda: kick_displacement(1.0, 0.8),
    hints=(
        Hint(lambda: 5.0, "1/(1 - mu) counts v_{-1} = 1 itself as a step; the first update "
                          "already multiplies it by mu, so the steps are mu, mu^2, ..."),
        Hint(lambda: kick_displacement(1.0, 0.9375),
             "That is the chapter's distance for mu = 0.9375; here mu = 0.8."),
        Hint(lambda: 1.0, "Without momentum the kick would move x by 1 at most; with mu the "
                          "steps mu^(k+1) add up to mu/(1 - mu)."),
    ),
)

CHAPTER.exercise(
    id="ch07-article-ends",
    title="Where the article's momentum ends from another start",
    answer="list of 2 floats: the final x after 1000 updates from x0 = -10 on the article's "
           "function with lr = 0.002 and mu = 0.9, first with v_{-1} = 1 (the article's "
           "code), then with v_{-1} = 0 (its text)",
    kind="sequence",
    step_label="entry",
    first_step=1,  # "entry 1" is the first
    reference=lambda: [article_sweep(momenta=[0.9], v0=1.0, x0=-10.0)[0],
                       article_sweep(momenta=[0.9], v0=0.0, x0=-10.0)[0]],
    hints=(
        Hint(lambda: [article_sweep(momenta=[0.9], v0=0.0, x0=-10.0)[0],
                      article_sweep(momenta=[0.9], v0=1.0, x0=-10.0)[0]],
             "Swapped: the run with v0 = 1 is the first entry."),
        Hint(lambda: [article_sweep(momenta=[0.9], v0=1.0)[0],
                      article_sweep(momenta=[0.9], v0=0.0)[0]],
             "Those runs start at -20, the article's start; this exercise starts at -10."),
    ),
)

CHAPTER.exercise(
    id="ch07-port-rate-drop",
    title="Porting momentum between Keras and PyTorch when the rate drops",
    answer="list of 2 floats: x_6 for f(x) = x (gradient 1), x_0 = 0, mu = 0.9, lr = 0.1 for "
           "updates 0, 1, 2 and 0.05 from update 3 on; first Keras SGD, then PyTorch SGD",
    kind="sequence",
    step_label="entry",
    first_step=1,  # "entry 1" is the first
    reference=lambda: [_port_positions("keras"), _port_positions("torch")],
    hints=(
        Hint(lambda: [_port_positions("torch"), _port_positions("keras")],
             "Swapped: PyTorch multiplies the whole buffer by the new rate, so it slows down at "
             "once and ends closer to 0 than Keras."),
        Hint(lambda: [heavy_ball(lambda x: np.ones_like(x), 0.0, lr=0.1, momentum=0.9,
                                 steps=6)["x"][0, -1, 0]] * 2,
             "These are the positions with a constant rate 0.1: the rate drops at update 3."),
        Hint(lambda: [heavy_ball(lambda x: np.ones_like(x), 0.0, lr=0.1, momentum=0.9, steps=6,
                                 drop_at=3)["x"][1, -1, 0]] * 2,
             "The two forms agree only while the rate is constant; after the drop PyTorch's "
             "steps are smaller."),
    ),
)


# -- explorer ------------------------------------------------------------------------------


def valley():
    """The 2-D valley of the explorer: :math:`f = (0.4 x_1^2 + 40 x_2^2)/2`, from (-8, 1)."""
    return quadratic(100.0, 2, scale=0.4)


VALLEY_X0 = (-8.0, 1.0)


def updates_to_converge(optimizer, *, tol=1e-3, steps=3000):
    r"""The first update count :math:`k` with :math:`\lVert x_k\rVert <` ``tol`` on :func:`valley`.

    Runs ``optimizer`` from :data:`VALLEY_X0` for ``steps`` updates; None if
    the run never gets that close (or diverges).

    Examples
    --------
    >>> from lrcourse import optim
    >>> from lrcourse.chapters.ch07_momentum import updates_to_converge
    >>> updates_to_converge(optim.momentum(0.01, momentum=0.9))
    145
    """
    tol = check_real("tol", tol, gt=0)
    x = optim.run(optimizer, valley(), x0=list(VALLEY_X0), steps=steps).x
    with np.errstate(invalid="ignore", over="ignore"):  # a diverged run: inf and nan, no warning
        inside = np.flatnonzero(np.linalg.norm(x, axis=1) < tol)
    return int(inside[0]) if inside.size else None
LAB_STEPS = 1000
NEVER = LAB_STEPS  # "halve the rate at step N" with N = 1000: no drop within the run
_BLUE, _RED, _GREY = "#1f5fa8", "#b03a2e", "#555555"
_DASH = (0, (4.0, 2.5))
BUCKET = 5  # min-max decimation: 2 points per 5 steps


def decimate(t, y, bucket=BUCKET):
    """Min-max decimation: per bucket of ``bucket`` values, the smallest and the largest, in order.

    A curve of :math:`n` points drawn a few pixels per bucket looks the same
    (its envelope is kept exactly) with :math:`2n/\\text{bucket}` points.
    NaN and inf are kept as gaps.

    Examples
    --------
    >>> import numpy as np
    >>> from lrcourse.chapters.ch07_momentum import decimate
    >>> t, y = decimate(np.arange(6.0), np.array([0., 3, 1, 2, 5, 4]), bucket=3)
    >>> t.tolist(), y.tolist()
    ([0.0, 1.0, 3.0, 4.0], [0.0, 3.0, 2.0, 5.0])
    """
    t = np.asarray(t, dtype=float)
    y = np.asarray(y, dtype=float)
    n = (len(y) // bucket) * bucket
    tb, yb = t[:n].reshape(-1, bucket), y[:n].reshape(-1, bucket)
    with np.errstate(all="ignore"):
        bad = ~np.isfinite(yb)
        lo = np.where(bad, np.inf, yb).argmin(axis=1)
        hi = np.where(bad, -np.inf, yb).argmax(axis=1)
    first, second = np.minimum(lo, hi), np.maximum(lo, hi)
    rows = np.arange(len(yb))
    tt = np.column_stack([tb[rows, first], tb[rows, second]]).ravel()
    yy = np.column_stack([yb[rows, first], yb[rows, second]]).ravel()
    gap = np.repeat(bad.any(axis=1), 2)
    yy[gap] = np.nan
    return np.r_[tt, t[n:]], np.r_[yy, y[n:]]


_LAB_CACHE: dict[tuple, dict] = {}


def _article_grad(x: float) -> float:
    """f'(x) of :func:`lrcourse.landscapes.rippled_bowl` on one float (the same operations)."""
    return 0.045 * x - math.sin(x) + math.cos(3 * x) - math.sin(5 * x) + math.cos(7 * x)


def lab_pair(landscape, *, lr, momentum, v0, drop_at, steps=1000):
    """:func:`heavy_ball` on the explorer's two landscapes, with plain floats (fast).

    ``landscape`` is ``"article"`` (from -20) or ``"valley"`` (:func:`valley`
    from (-8, 1)); ``drop_at >= steps`` means no drop. Returns what
    :func:`heavy_ball` returns (the tests check that the two agree).
    """
    eta = [lr if k < drop_at else lr * 0.5 for k in range(steps)]
    if landscape == "article":
        x0, grads = [ARTICLE_X0], (_article_grad,)
    else:
        x0 = list(VALLEY_X0)
        grads = (lambda x: 0.4 * x, lambda x: 40.0 * x)
    dim = len(x0)
    xs = np.empty((2, steps + 1, dim))
    ss = np.empty((2, steps, dim))
    for i in range(dim):
        gi = grads[i]
        xt = xk = x0[i]
        b, v = -v0 / lr, v0
        out_xt, out_xk, out_st, out_sk = [xt], [xk], [], []
        try:
            for k in range(steps):
                e = eta[k]
                b = momentum * b + gi(xt)
                st = -e * b
                v = momentum * v - e * gi(xk)
                xt += st
                xk += v
                out_st.append(st)
                out_sk.append(v)
                out_xt.append(xt)
                out_xk.append(xk)
        except (OverflowError, ValueError):  # diverged: the rest is NaN
            pass
        n = len(out_st)
        xs[:, :, i] = np.nan
        ss[:, :, i] = np.nan
        xs[0, : n + 1, i], xs[1, : n + 1, i] = out_xt, out_xk
        ss[0, :n, i], ss[1, :n, i] = out_st, out_sk
    return {"x": xs, "step": ss, "lr": np.array(eta)}


def _lab_run(landscape, lr, mu, v0, drop_at):
    key = (landscape, lr, mu, v0, drop_at)
    if key not in _LAB_CACHE:
        if len(_LAB_CACHE) > 4096:
            _LAB_CACHE.pop(next(iter(_LAB_CACHE)))
        _LAB_CACHE[key] = lab_pair(landscape, lr=lr, momentum=mu, v0=v0, drop_at=drop_at,
                                   steps=LAB_STEPS)
    return _LAB_CACHE[key]


def _fmt_end(x):
    x = np.asarray(x, dtype=float)
    if not np.all(np.isfinite(x)):
        return "diverged"
    return ", ".join(f"{v:.4g}" for v in x) if x.size > 1 else f"{x[0]:.4g}"


@CHAPTER.explorer
def momentum_lab(lr=0.002, momentum=0.9375, v0=1.0, drop_at=NEVER):
    r"""Heavy ball in its two forms on two landscapes, with a rate drop (chapter 7).

    Runs :func:`lab_pair` (that is, :func:`heavy_ball`) for 1000 updates on
    the article's function (from :math:`x_0 = -20`, top row) and on a 2-D
    valley :math:`f = (0.4x_1^2 + 40x_2^2)/2` (from :math:`(-8, 1)`, bottom
    row), in the PyTorch form (blue, solid) and the Keras form (red, dashed).
    Left: the trajectory (:math:`x_t` against :math:`t`; the path in the
    plane). Right: the velocity, as the step :math:`x_{t+1} - x_t` (the Keras
    velocity :math:`v_t`; on the valley its :math:`x_1` part). The two forms
    agree until the rate is halved at step :math:`N`, then differ.

    Controls: ``lr`` (:math:`\eta`), ``momentum`` (:math:`\mu`, the article's
    presets :math:`1 - 0.5^i`), ``v0`` (:math:`v_0` = 0 or 1) and ``drop_at``
    (:math:`N`; "never" = no drop). Static grid: 4 x 6 x 2 x 4 = 192
    combinations; curves against :math:`t` are drawn with :func:`decimate`.

    Returns
    -------
    Explorer
    """
    controls = [
        Slider("lr", "η", 0.001, 0.06, [0.002, 0.005, 0.01, 0.05], lr, log=True),
        Slider("momentum", "μ", 0.0, 0.99, [1 - 0.5**i for i in (0, 1, 2, 3, 4, 6)], momentum,
               step=0.005, fmt=lambda v: f"{v:.4g}"),
        Choice("v0", "v₀", [("0 (as defined)", 0.0), ("1 (the article's code)", 1.0)], v0),
        Slider("drop_at", "halve η at step N", 10, NEVER, [50, 200, 500, NEVER], drop_at,
               step=10, integer=True, fmt=lambda v: "never" if v >= NEVER else f"{v:g}"),
    ]
    fig = new_figure((6.6, 5.6))
    axes = [fig.add_subplot() for _ in range(4)]
    a_traj, a_vel, v_traj, v_vel = axes

    wide, stacked = grid(2, 2, widths=[1.1, 1]), grid(4, 1)
    wide(fig)
    land = rippled_bowl()
    best = float(land.minimisers[0][0])
    first = float(land.local_minima[np.argmin(np.abs(land.local_minima[:, 0] - ARTICLE_X0)), 0])
    a_traj.axhline(best, color=_GREY, lw=1.0, ls=":")
    a_traj.axhline(first, color=_GREY, lw=1.0, ls="-.")
    a_traj.text(LAB_STEPS * 0.98, best + 0.8, "global minimum", ha="right", fontsize=8,
                color=_GREY)
    a_traj.text(LAB_STEPS * 0.98, first + 0.8, "first basin", ha="right", fontsize=8,
                color=_GREY)
    a_traj.set_xlim(0, LAB_STEPS)
    a_traj.set_ylim(-21, 21)
    a_traj.set_xlabel("step $t$")
    a_traj.set_title("article's function: $x_t$", fontsize=10)
    g1, g2 = np.meshgrid(np.linspace(-11, 5, 161), np.linspace(-2.5, 2.5, 101))
    v_traj.contour(g1, g2, valley().f(np.stack([g1, g2], axis=-1)),
                   levels=[0.1, 0.5, 2, 5, 12, 25, 50], colors="#9aa5b1", linewidths=0.7)
    v_traj.plot([0], [0], "s", color=_GREY, ms=5)
    v_traj.set_xlim(-11, 5)
    v_traj.set_ylim(-2.5, 2.5)
    v_traj.set_xlabel("$x_1$ (flat direction)")
    v_traj.set_ylabel("$x_2$ (steep)")
    v_traj.set_title("2-D valley: path", fontsize=10)
    a_vel.set_title("article's function: step $x_{t+1} - x_t$", fontsize=10)
    v_vel.set_title("2-D valley: step along $x_1$", fontsize=10)
    for ax in (a_vel, v_vel):
        ax.axhline(0, color=_GREY, lw=0.8)
        ax.set_xlim(0, LAB_STEPS)
        ax.set_ylim(-1.1, 1.1)
        ax.set_xlabel("step $t$")
    for ax in axes:
        ax.grid(alpha=0.3)

    def pair(ax):
        return (ax.plot([], [], lw=1.5, color=_BLUE)[0],
                ax.plot([], [], lw=1.5, color=_RED, ls=_DASH)[0])

    curves = {"a_traj": pair(a_traj), "a_vel": pair(a_vel), "v_traj": pair(v_traj),
              "v_vel": pair(v_vel)}
    drops = [ax.axvline(0, color=_GREY, lw=1.0, ls="--", visible=False)
             for ax in (a_traj, a_vel, v_vel)]
    # The legend is background: proxies, not the animated artists.
    a_vel.legend([Line2D([], [], lw=1.5, color=_BLUE), Line2D([], [], lw=1.5, color=_RED,
                                                              ls=_DASH)],
                 ["PyTorch form", "Keras form"], loc="upper right", fontsize=8, framealpha=0.9)
    t = np.arange(LAB_STEPS)
    tx = np.arange(LAB_STEPS + 1)
    drawn = {}

    def compute(v):
        key = tuple(sorted(v.items()))
        if drawn.get("key") != key:
            args = (v["lr"], v["momentum"], v["v0"], v["drop_at"])
            drawn.update(key=key, article=_lab_run("article", *args),
                         valley=_lab_run("valley", *args))
        return drawn

    def draw(v):
        d = compute(v)
        art, val = d["article"], d["valley"]
        for row in (0, 1):
            curves["a_traj"][row].set_data(*decimate(tx, art["x"][row, :, 0]))
            curves["a_vel"][row].set_data(*decimate(t, art["step"][row, :, 0]))
            curves["v_traj"][row].set_data(val["x"][row, :, 0], val["x"][row, :, 1])
            curves["v_vel"][row].set_data(*decimate(t, val["step"][row, :, 0]))
        n = v["drop_at"]
        for line in drops:
            line.set_xdata([n, n])
            line.set_visible(n < NEVER)

    def describe(v):
        d = compute(v)
        drop = ("no rate drop" if v["drop_at"] >= NEVER
                else f"the rate halved at step {v['drop_at']}")
        return (f"Heavy-ball momentum, η = {v['lr']:g}, μ = {v['momentum']:.4g}, "
                f"v0 = {v['v0']:g}, {drop}, 1000 steps, PyTorch form (solid) and Keras form "
                f"(dashed). Article's function from x0 = -20: PyTorch form ends at "
                f"{_fmt_end(d['article']['x'][0, -1])}, Keras form at "
                f"{_fmt_end(d['article']['x'][1, -1])}. 2-D valley from (-8, 1): ends at "
                f"({_fmt_end(d['valley']['x'][0, -1])}) and "
                f"({_fmt_end(d['valley']['x'][1, -1])}).")

    def gap(run):
        with np.errstate(all="ignore"):
            g = float(np.max(np.abs(run["x"][0] - run["x"][1])))
        return ("diverged" if not np.isfinite(g) else
                "0 (identical)" if g == 0 else f"{g:.3g}")

    def readout(v):
        d = compute(v)
        mu, lr = v["momentum"], v["lr"]
        limit = largest_stable_lr(40.0, mu)
        return [
            Readout("article's function, end: PyTorch form | Keras form",
                    f"{_fmt_end(d['article']['x'][0, -1])} | "
                    f"{_fmt_end(d['article']['x'][1, -1])} (largest gap between the "
                    f"trajectories: {gap(d['article'])})"),
            Readout("valley, end: PyTorch form | Keras form",
                    f"({_fmt_end(d['valley']['x'][0, -1])}) | "
                    f"({_fmt_end(d['valley']['x'][1, -1])}) (largest gap: {gap(d['valley'])})"),
            Readout("effective rate η/(1 − μ)", f"{lr / (1 - mu):.4g}"),
            Readout("kick: v₀ alone travels v₀·μ/(1 − μ)",
                    f"{kick_displacement(v['v0'], mu):.4g}"),
            Readout("valley: stability limit 2(1 + μ)/a for a = 40",
                    f"{limit:.4g}; η = {lr:g} is "
                    f"{'below it (stable)' if lr < limit else 'NOT below it (no convergence)'}"),
        ]

    return Explorer(
        "momentum_lab", "Heavy-ball momentum: two forms, a rate drop and the initial velocity",
        controls, fig, draw, describe,
        animated=[*curves["a_traj"], *curves["a_vel"], *curves["v_traj"], *curves["v_vel"],
                  *drops],
        readout=readout,
        layouts=[Layout((6.6, 5.6), wide), Layout((3.4, 9.6), stacked)],
    )
