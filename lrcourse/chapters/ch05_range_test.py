"""Chapter 5: choosing the learning rate with a range test, and the one-cycle policy.

The computations of the chapter: a learning-rate range test on the small
network of :mod:`lrcourse.nn`, the loss smoothing and the automatic
suggestions of fastai's ``lr_find`` and of pytorch-lr-finder (reproduced
from their source), fastai's ``fit_one_cycle`` schedule next to PyTorch's
``OneCycleLR``, training runs over several seeds, the chapter's exercises,
its framework corner and its explorer. Runs are cached, so the notebook and
the explorer share them.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from .. import nn, optim
from .. import schedules as S
from .._validation import check_choice, check_int, check_real
from ..corner import Call, Corner, Tab
from ..exercises._core import Hint
from ..explorers import Choice, Explorer, Layout, Readout, Slider, grid, new_figure
from ..schedules import Schedule
from ._chapter import Chapter

__all__ = [
    "CHAPTER",
    "SCHEDULES",
    "compare_schedules",
    "divergence_threshold",
    "fastai_one_cycle",
    "fastai_one_cycle_momentum",
    "fastai_suggestions",
    "lr_finder_steepest",
    "plot_range_test",
    "range_test",
    "smooth_losses",
    "stop_at_divergence",
    "sweep",
    "train_runs",
]

CHAPTER = Chapter(5, "range_test", "Choosing the learning rate: range test and one-cycle")

#: The network and data of the chapter: 2-32-32-2, ReLU, He initialisation,
#: two moons (256 training points, 256 held-out points), batches of 32.
SIZES = (2, 32, 32, 2)
N_TRAIN = 256
BATCH = 32
MOMENTUM = 0.9


def _data():
    X, y = nn.two_moons(N_TRAIN, noise=0.2, seed=0)
    Xt, yt = nn.two_moons(N_TRAIN, noise=0.2, seed=1)
    return X, y, Xt, yt


# -- the range test --------------------------------------------------------------------


def sweep(kind, *, lr_min, lr_max, num_iter):
    r"""The rate of a range test at iteration :math:`k = 0, \dots, n-1`.

    .. math::

        \eta_k = \eta_{min} + \frac{k}{n-1}(\eta_{max} - \eta_{min})\ \text{(linear)},
        \qquad
        \eta_k = \eta_{min}\Bigl(\frac{\eta_{max}}{\eta_{min}}\Bigr)^{k/(n-1)}\ \text{(exp)}.

    These are pytorch-lr-finder's ``LinearLR`` and ``ExponentialLR`` (the
    last iteration uses exactly :math:`\eta_{max}`). fastai's ``lr_find``
    uses :math:`k/n` instead of :math:`k/(n-1)`, so it never reaches
    ``end_lr``.

    Parameters
    ----------
    kind : {"linear", "exp"}
    lr_min, lr_max : float
        :math:`0 < \eta_{min} < \eta_{max}`.
    num_iter : int
        :math:`n \ge 2`.

    Returns
    -------
    Schedule

    Examples
    --------
    >>> from lrcourse.chapters.ch05_range_test import sweep
    >>> sweep("exp", lr_min=1e-3, lr_max=1.0, num_iter=4)([0, 1, 2, 3]).round(6)
    array([0.001, 0.01 , 0.1  , 1.   ])
    """
    kind = check_choice("kind", kind, ("linear", "exp"))
    lr_min = check_real("lr_min", lr_min, gt=0)
    lr_max = check_real("lr_max", lr_max, gt=0)
    if lr_max <= lr_min:
        raise ValueError(f"Argument `lr_max` must be > lr_min ({lr_min!r}). "
                         f"Received: lr_max={lr_max!r}")
    num_iter = check_int("num_iter", num_iter, ge=2)
    if kind == "exp":
        return S.exponential_decay(lr_min, decay_rate=lr_max / lr_min, decay_steps=num_iter - 1)
    return S.piecewise_interpolate([num_iter - 1], values=[lr_min, lr_max])


@lru_cache(maxsize=64)
def _range_test(seed, kind, lr_min, lr_max, num_iter, pretrain_steps):
    X, y, _, _ = _data()
    net = nn.MLP(SIZES, activation="relu", init="he", seed=seed)
    if pretrain_steps:
        net = nn.train(net, optim.momentum(0.05, momentum=MOMENTUM), X, y,
                       steps=pretrain_steps, batch_size=BATCH, seed=seed + 1000).model
    s = sweep(kind, lr_min=lr_min, lr_max=lr_max, num_iter=num_iter)
    res = nn.train(net, optim.momentum(s, momentum=MOMENTUM), X, y, steps=num_iter,
                   batch_size=BATCH, seed=seed)
    lr = s(np.arange(num_iter))
    loss = np.full(num_iter, np.inf)
    stop = num_iter if res.diverged_at is None else res.diverged_at
    loss[:stop] = res.loss[:stop]
    lr.setflags(write=False)
    loss.setflags(write=False)
    return lr, loss


def range_test(seed=0, *, kind="exp", lr_min=1e-4, lr_max=10.0, num_iter=100, pretrain_steps=0):
    r"""A learning-rate range test of the chapter's network.

    Trains the 2-32-32-2 ReLU network on two moons with momentum SGD
    (:math:`\mu = 0.9`, batches of 32) for ``num_iter`` steps while the rate
    grows as in :func:`sweep`, and records the loss of each batch (before
    its update). Smith's test, with a linear sweep :cite:`smith2017cyclical`;
    the exponential sweep is the default of fastai and pytorch-lr-finder.

    Parameters
    ----------
    seed : int
        Seed of the initial weights and of the batch order.
    kind : {"linear", "exp"}
    lr_min, lr_max : float
        First and last rate.
    num_iter : int
        Number of iterations, >= 2.
    pretrain_steps : int
        Train first for this many steps at a constant rate 0.05 (a "fine-tuned"
        model whose loss is already low).

    Returns
    -------
    lr, loss : numpy.ndarray
        Read-only arrays of length ``num_iter``. After a divergence (a loss
        that is not finite) the loss is ``inf``.

    Examples
    --------
    >>> from lrcourse.chapters.ch05_range_test import range_test
    >>> lr, loss = range_test(0, num_iter=20)
    >>> lr.shape, loss.shape, float(lr[0]), float(lr[-1])
    ((20,), (20,), 0.0001, 10.0)
    """
    seed = check_int("seed", seed, ge=0)
    pretrain_steps = check_int("pretrain_steps", pretrain_steps, ge=0)
    sweep(kind, lr_min=lr_min, lr_max=lr_max, num_iter=num_iter)  # validates
    return _range_test(seed, kind, float(lr_min), float(lr_max), int(num_iter), pretrain_steps)


def smooth_losses(loss, *, beta=0.98, debias=True):
    r"""Exponential smoothing of a range test's losses, as fastai or pytorch-lr-finder do it.

    With ``debias=True`` (fastai's ``AvgSmoothLoss``): :math:`v_k = \beta
    v_{k-1} + (1-\beta) L_k`, :math:`v_{-1} = 0`, and the smoothed loss is
    :math:`v_k / (1 - \beta^{k+1})`. With ``debias=False``
    (pytorch-lr-finder, ``smooth_f`` :math:`= 1-\beta`): :math:`s_0 = L_0`,
    :math:`s_k = (1-\beta) L_k + \beta s_{k-1}`.

    Parameters
    ----------
    loss : array_like
        The raw losses :math:`L_k`.
    beta : float
        :math:`0 \le \beta < 1` (fastai 0.98; pytorch-lr-finder 0.95).
    debias : bool

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> from lrcourse.chapters.ch05_range_test import smooth_losses
    >>> smooth_losses([1.0, 3.0], beta=0.5, debias=False)
    array([1., 2.])
    >>> smooth_losses([1.0, 3.0], beta=0.5).round(4)
    array([1.    , 2.3333])
    """
    beta = check_real("beta", beta, ge=0, lt=1)
    x = np.asarray(loss, dtype=float)
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"Argument `loss` must be a non-empty 1-D array. Received shape {x.shape}")
    out = np.empty_like(x)
    v = 0.0 if debias else x[0]
    for k, xk in enumerate(x):
        if debias:
            v = beta * v + (1 - beta) * xk
            out[k] = v / (1 - beta ** (k + 1))
        else:
            v = xk if k == 0 else (1 - beta) * xk + beta * v
            out[k] = v
    return out


def stop_at_divergence(lr, smoothed, *, factor):
    r"""Cut a range test where the smoothed loss passes ``factor`` times the best so far.

    fastai stops when the smoothed loss exceeds 4 times the best (``stop_div``);
    pytorch-lr-finder at 5 times (``diverge_th``). Both keep the iteration
    that stopped the test.

    Returns
    -------
    lr, smoothed : numpy.ndarray
        The arrays up to and including the stopping iteration.
    """
    factor = check_real("factor", factor, gt=1)
    lr = np.asarray(lr, dtype=float)
    sm = np.asarray(smoothed, dtype=float)
    best = np.minimum.accumulate(sm)
    over = np.nonzero(~(sm <= factor * best))[0]
    end = len(sm) if over.size == 0 else over[0] + 1
    return lr[:end], sm[:end]


def _valley(lrs, losses):
    n = len(losses)
    max_start = max_end = 0
    lds = [1] * n
    for i in range(1, n):
        for j in range(i):
            if losses[i] < losses[j] and lds[i] < lds[j] + 1:
                lds[i] = lds[j] + 1
            if lds[max_end] < lds[i]:
                max_end = i
                max_start = max_end - lds[max_end]
    sections = (max_end - max_start) / 3
    return float(lrs[max_start + int(sections) + int(sections / 2)])


def _slide(lrs, losses, lr_diff=15, thresh=0.005):
    grad = np.gradient(losses)
    r, left = -1, -1 - lr_diff
    found = lrs[left]
    while left >= -len(losses) and abs(grad[r] - grad[left]) > thresh:
        found = lrs[left]
        r -= 1
        left -= 1
    return float(found)


def fastai_suggestions(lr, smoothed, *, num_it):
    r"""fastai ``lr_find``'s four suggestions, computed on a recorded curve.

    As ``Learner.lr_find`` does: drop the first ``num_it // 10`` and the last
    5 points (and any point from the first NaN on), then apply

    - ``valley``: the longest decreasing run of the curve (a longest
      decreasing subsequence); the point 1/3 + 1/6 of the way along it;
    - ``slide``: walk left from the end until the slopes (``np.gradient``,
      per point) 15 points apart differ by at most 0.005;
    - ``minimum``: the rate of the lowest loss, divided by 10;
    - ``steep``: the rate where the loss falls fastest per unit of
      :math:`\log\eta`.

    Parameters
    ----------
    lr, smoothed : array_like
        The recorded rates and smoothed losses (after :func:`stop_at_divergence`).
    num_it : int
        The ``num_it`` of the test (it sets how much is skipped at the start).

    Returns
    -------
    dict
        ``{"valley", "slide", "minimum", "steep"} -> rate``.

    Raises
    ------
    ValueError
        If fewer than 17 points remain after the trimming (``slide`` needs 16).

    References
    ----------
    .. [1] fastai 2.7, ``fastai/callback/schedule.py`` (``lr_find``, ``valley``,
       ``slide``, ``minimum``, ``steep``).
    """
    num_it = check_int("num_it", num_it, ge=1)
    lrs = np.asarray(lr, dtype=float)[num_it // 10:-5]
    losses = np.asarray(smoothed, dtype=float)[num_it // 10:-5]
    nan = np.nonzero(np.isnan(losses))[0]
    if nan.size:
        lrs, losses = lrs[:nan[0]], losses[:nan[0]]
    if len(losses) < 17:
        raise ValueError(
            "The curve is too short for fastai's suggestions: it needs at least 17 points "
            f"after dropping the first num_it // 10 and the last 5. Received {len(losses)}")
    grads = (losses[1:] - losses[:-1]) / (np.log(lrs[1:]) - np.log(lrs[:-1]))
    return {
        "valley": _valley(lrs, losses),
        "slide": _slide(lrs, losses),
        "minimum": float(lrs[np.argmin(losses)]) / 10,
        "steep": float(lrs[np.argmin(grads)]),
    }


def lr_finder_steepest(lr, smoothed, *, skip_start=10, skip_end=5):
    r"""pytorch-lr-finder's suggestion: the steepest point of the trimmed curve.

    ``LRFinder.plot(suggest_lr=True)`` drops ``skip_start`` points at the
    start and ``skip_end`` at the end, then takes the rate at
    ``np.gradient(losses).argmin()``: the slope **per point**, not per unit
    of :math:`\log\eta` as fastai's ``steep``.

    Returns
    -------
    float

    References
    ----------
    .. [1] D. Silva, pytorch-lr-finder 0.2, ``torch_lr_finder/lr_finder.py``
       (``LRFinder.plot``).
    """
    skip_start = check_int("skip_start", skip_start, ge=0)
    skip_end = check_int("skip_end", skip_end, ge=0)
    lrs = np.asarray(lr, dtype=float)
    losses = np.asarray(smoothed, dtype=float)
    end = len(losses) - skip_end
    lrs, losses = lrs[skip_start:end], losses[skip_start:end]
    if len(losses) < 2:
        raise ValueError(f"The trimmed curve needs at least 2 points. Received {len(losses)}")
    return float(lrs[np.argmin(np.gradient(losses))])


def divergence_threshold(curvature):
    r"""The rate above which gradient descent on :math:`a x^2/2` diverges: :math:`2/a`.

    The update is :math:`x_{t+1} = (1 - \eta a) x_t`; it shrinks while
    :math:`|1 - \eta a| < 1`.

    Examples
    --------
    >>> from lrcourse.chapters.ch05_range_test import divergence_threshold
    >>> divergence_threshold(4.0)
    0.5
    """
    return 2.0 / check_real("curvature", curvature, gt=0)


def plot_range_test(curves, *, marks=None, title="", ylim=None, figsize=(5.4, 3.4)):
    r"""Loss against the rate on a logarithmic axis, for one or more range tests.

    Parameters
    ----------
    curves : mapping
        ``label -> (lr, loss)``; each label gets its own colour and line style.
    marks : mapping, optional
        ``label -> rate``, drawn as vertical lines (a suggestion, a pick).
    title : str
    ylim : (float, float), optional
    figsize : (float, float)

    Returns
    -------
    lrcourse.plotting.BookFigure
        Its alt text gives, for each curve, the rate of its lowest loss, and each mark.
    """
    from ..plotting import _COLORS, _STYLES, DISPLAY_DPI, BookFigure

    if not curves:
        raise ValueError("Argument `curves` must hold at least one (lr, loss) pair. Received {}")
    marks = dict(marks or {})
    parts = []
    for label, (lr, loss) in curves.items():
        loss = np.asarray(loss, dtype=float)
        finite = np.isfinite(loss)
        best = float(np.asarray(lr)[finite][np.argmin(loss[finite])]) if finite.any() else math.nan
        parts.append(f"{label}: lowest loss at rate {best:.3g}")
    parts += [f"{label} at {rate:.3g}" for label, rate in marks.items()]
    fig = BookFigure(figsize=figsize, dpi=DISPLAY_DPI, layout="constrained",
                     alt="Loss against learning rate (log axis). " + "; ".join(parts) + ".")
    ax = fig.add_subplot()
    for i, (label, (lr, loss)) in enumerate(curves.items()):
        ax.plot(lr, loss, _STYLES[i % len(_STYLES)], color=_COLORS[i % len(_COLORS)], lw=1.4,
                label=label)
    mark_styles = ("--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3)))
    mark_colors = ("#d62728", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")
    for i, (label, rate) in enumerate(marks.items()):
        ax.axvline(rate, color=mark_colors[i % 5], ls=mark_styles[i % 5], lw=1.3,
                   label=f"{label}: {rate:.2g}")
    ax.set_xscale("log")
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_xlabel("learning rate η (log scale)")
    ax.set_ylabel("loss")
    ax.grid(alpha=0.3)
    if title:
        ax.set_title(title)
    fig.legend(loc="outside lower center", ncols=2, frameon=False, fontsize=8)
    return fig


# -- fastai's one-cycle ------------------------------------------------------------------


def _combined_cos(pct, start, middle, end):
    def fn(t, n):
        pos = np.asarray(t, dtype=float) / n

        def cos_anneal(a, b, p):
            return a + (1 + np.cos(np.pi * (1 - p))) * (b - a) / 2

        first = cos_anneal(start, middle, pos / pct)
        second = cos_anneal(middle, end, (pos - pct) / (1 - pct))
        return np.where(pos < pct, first, second)
    return fn


def fastai_one_cycle(peak_lr, *, total_steps, pct_start=0.25, div=25.0, div_final=1e5):
    r"""The rate of fastai's ``fit_one_cycle(lr_max=peak_lr)``, per optimiser step.

    fastai evaluates ``combined_cos(pct_start, lr_max/div, lr_max,
    lr_max/div_final)`` at the position :math:`\rho = t/N` (step :math:`t`
    of :math:`N`): two cosine halves, from :math:`\eta_{peak}/D` up to
    :math:`\eta_{peak}` at :math:`\rho = p`, then down towards
    :math:`\eta_{peak}/D_{final}` at :math:`\rho = 1`, which the last step
    never reaches. Note that the final rate is :math:`\eta_{peak}/D_{final}`,
    not :math:`\eta_{peak}/(D F)` as in PyTorch.

    Parameters
    ----------
    peak_lr : float
    total_steps : int
        :math:`N \ge 1`.
    pct_start : float
        :math:`p` in (0, 1).
    div, div_final : float
        > 0.

    Returns
    -------
    Schedule

    References
    ----------
    .. [1] fastai 2.7, ``fastai/callback/schedule.py`` (``fit_one_cycle``,
       ``combined_cos``, ``SchedCos``).

    Examples
    --------
    >>> from lrcourse.chapters.ch05_range_test import fastai_one_cycle
    >>> fastai_one_cycle(0.01, total_steps=100)([0, 25]).round(6)
    array([0.0004, 0.01  ])
    """
    peak_lr = check_real("peak_lr", peak_lr, gt=0)
    n = check_int("total_steps", total_steps, ge=1)
    pct = check_real("pct_start", pct_start, gt=0, lt=1)
    div = check_real("div", div, gt=0)
    div_final = check_real("div_final", div_final, gt=0)
    fn = _combined_cos(pct, peak_lr / div, peak_lr, peak_lr / div_final)
    return Schedule("fastai_one_cycle", {"peak_lr": peak_lr, "total_steps": n, "pct_start": pct,
                                         "div": div, "div_final": div_final},
                    lambda t: fn(t, n))


def fastai_one_cycle_momentum(*, total_steps, pct_start=0.25, moms=(0.95, 0.85, 0.95)):
    r"""fastai's momentum in ``fit_one_cycle``: ``combined_cos(pct_start, *moms)``.

    Returns
    -------
    Schedule
    """
    n = check_int("total_steps", total_steps, ge=1)
    pct = check_real("pct_start", pct_start, gt=0, lt=1)
    if len(moms) != 3:
        raise ValueError(f"Argument `moms` must have 3 values. Received: moms={moms!r}")
    fn = _combined_cos(pct, *(float(m) for m in moms))
    return Schedule("fastai_one_cycle_momentum", {"total_steps": n, "pct_start": pct,
                                                  "moms": tuple(moms)}, lambda t: fn(t, n))


# -- training over several seeds ---------------------------------------------------------

#: The schedules compared on the network (all with momentum SGD, N = 120 steps).
SCHEDULES = ("constant", "step", "cyclical", "one_cycle")
STEPS = 120


def _schedule(name, peak_lr, steps, anneal="cos"):
    if name == "constant":
        return S.constant(peak_lr / 3), MOMENTUM
    if name == "step":
        return S.multistep_decay(peak_lr / 3, boundaries=[steps // 2, 3 * steps // 4],
                                 decay_rate=0.1), MOMENTUM
    if name == "cyclical":
        return S.cyclic(peak_lr / 4, peak_lr=peak_lr, step_size_up=steps // 6), MOMENTUM
    lr = S.one_cycle(peak_lr, total_steps=steps, anneal=anneal)
    mom = S.one_cycle_momentum(0.85, max_momentum=0.95, total_steps=steps, anneal=anneal)
    return lr, mom


@lru_cache(maxsize=128)
def _train(name, peak_lr, seed, steps, anneal):
    X, y, Xt, yt = _data()
    lr, mom = _schedule(name, peak_lr, steps, anneal)
    net = nn.MLP(SIZES, activation="relu", init="he", seed=seed)
    res = nn.train(net, optim.momentum(lr, momentum=mom), X, y, steps=steps,
                   batch_size=BATCH, seed=seed)
    train_loss, _ = res.model.loss_and_grads(X, y)
    test_loss, _ = res.model.loss_and_grads(Xt, yt)
    curve = np.append(res.loss, train_loss)
    if res.diverged:
        curve[res.diverged_at:] = np.nan
    curve.setflags(write=False)
    return curve, float(train_loss), float(test_loss), float(res.model.accuracy(Xt, yt))


def train_runs(name, peak_lr=0.3, *, seeds=4, steps=STEPS, anneal="cos"):
    r"""Train the chapter's network with one schedule over several seeds.

    Schedules (:math:`\eta_{peak}` = ``peak_lr``): ``"constant"``
    :math:`\eta_{peak}/3`; ``"step"``: :math:`\eta_{peak}/3`, times 0.1 at
    :math:`N/2` and :math:`3N/4`; ``"cyclical"``: Smith's triangular cycle
    between :math:`\eta_{peak}/4` and :math:`\eta_{peak}`, half-cycle
    :math:`N/6`; ``"one_cycle"``: PyTorch ``OneCycleLR`` defaults with its
    momentum cycling 0.95 → 0.85 → 0.95. The others use momentum 0.9.

    Returns
    -------
    dict
        ``loss``: array (seeds, steps + 1), the batch loss of each step and
        the full training loss at the end; ``train``, ``test``, ``accuracy``:
        arrays (seeds,) of the final full training loss, held-out loss and
        held-out accuracy.
    """
    name = check_choice("name", name, SCHEDULES)
    peak_lr = check_real("peak_lr", peak_lr, gt=0)
    seeds = check_int("seeds", seeds, ge=1)
    steps = check_int("steps", steps, ge=8)
    anneal = check_choice("anneal", anneal, ("cos", "linear"))
    rows = [_train(name, peak_lr, s, steps, anneal) for s in range(seeds)]
    return {
        "loss": np.array([r[0] for r in rows]),
        "train": np.array([r[1] for r in rows]),
        "test": np.array([r[2] for r in rows]),
        "accuracy": np.array([r[3] for r in rows]),
    }


def compare_schedules(peak_lr=0.3, *, seeds=4, steps=STEPS):
    """:func:`train_runs` for every schedule of :data:`SCHEDULES`: ``name -> runs``."""
    return {name: train_runs(name, peak_lr, seeds=seeds, steps=steps) for name in SCHEDULES}


# -- framework corner --------------------------------------------------------------------


@CHAPTER.corner("one_cycle")
def one_cycle_corner(peak_lr=0.3, total_steps=300):
    """One-cycle with PyTorch's defaults in PyTorch and optax, and fastai's call."""
    return Corner("one-cycle", [
        Tab("PyTorch", [Call("torch", "OneCycleLR", {"max_lr": peak_lr,
                                                     "total_steps": total_steps})],
            "Defaults: `pct_start=0.3`, `div_factor=25`, `final_div_factor=1e4`, "
            "`anneal_strategy='cos'`, and momentum cycled from 0.95 down to 0.85 and back."),
        Tab("optax", [Call("optax", "cosine_onecycle_schedule",
                           {"transition_steps": total_steps, "peak_value": peak_lr})],
            "optax counts the phases differently from PyTorch (see the chapter)."),
        Tab("fastai", code=f"learn.fit_one_cycle(n_epoch, lr_max={peak_lr!r})",
            note="Defaults: `div=25`, `div_final=1e5`, `pct_start=0.25`, "
                 "`moms=(0.95, 0.85, 0.95)`; the schedule runs over all the epochs."),
    ], ("torch_lr_scheduler", "optax_schedules", "fastai_schedule"))


# -- exercises ----------------------------------------------------------------------------

CHAPTER.exercise(
    id="ch05-onecycle-torch",
    title="OneCycleLR with its defaults",
    answer="list of 3 floats: OneCycleLR(max_lr=0.1, total_steps=100) at steps 0, 29 and 99",
    kind="sequence",
    reference=lambda: S.one_cycle(0.1, total_steps=100)([0, 29, 99]),
    hints=(Hint(lambda: [0.004, 0.1, 4e-6],
                "The final rate is max_lr / (div_factor * final_div_factor) = 0.1 / (25 * 1e4); "
                "you used final_div_factor = 1e3."),
           Hint(lambda: [0.004, 0.1, 0.1 / 1e5],
                "0.1 / 1e5 is fastai's div_final; PyTorch divides by div_factor * "
                "final_div_factor = 25 * 1e4.")),
)

CHAPTER.exercise(
    id="ch05-fastai-onecycle",
    title="fastai's fit_one_cycle at three steps",
    answer="list of 3 floats: fit_one_cycle(lr_max=0.02) over 200 steps, rates at steps 10, 50, "
           "100",
    kind="sequence",
    reference=lambda: fastai_one_cycle(0.02, total_steps=200)([10, 50, 100]),
    hints=(Hint(lambda: [0.0008 + 0.2 * (0.02 - 0.0008), 0.02, 0.02 + (2e-7 - 0.02) / 3],
                "Both halves are cosines, not straight lines: one fifth of the way up the "
                "rate has risen (1 - cos(π/5)) / 2 of the way, and one third of the way down "
                "it has fallen (1 - cos(π/3)) / 2 = 1/4 of the way."),
           Hint(lambda: fastai_one_cycle(0.01, total_steps=100)([10, 50, 100]),
                "That is lr_max = 0.01 over 100 steps, the chapter's example; here lr_max = 0.02 "
                "over 200 steps."),),
)

CHAPTER.exercise(
    id="ch05-quadratic-threshold",
    title="Where a range test on a quadratic blows up",
    answer="float: the rate above which gradient descent on f(x) = 3 x^2 makes the loss grow",
    kind="number",
    reference=lambda: divergence_threshold(6.0),
    hints=(Hint(lambda: 2.0 / 3.0, "That is 2/a for a = 3; f = 3 x^2 = a x^2 / 2 has a = 6."),
           Hint(lambda: 1.0 / 6.0, "1/6 = 1/a is the fastest rate (one step to the minimum); the "
                                   "loss still falls up to 2/a."),
           Hint(lambda: 0.5, "0.5 is the limit for f = 2 x^2 (a = 4), chapter 1's example; "
                             "here f = 3 x^2.")),
)

CHAPTER.exercise(
    id="ch05-smith-bounds",
    title="Bounds from a range test",
    answer="list of 2 floats: [base_lr, max_lr] when the largest rate that still converges is "
           "0.02 and base_lr = max_lr / 4",
    kind="sequence",
    reference=lambda: [0.02 / 4, 0.02],
    hints=(Hint(lambda: [0.02, 0.08], "max_lr is the largest rate that converges, 0.02; "
                                      "base_lr is smaller."),),
)

CHAPTER.exercise(
    id="ch05-exp-sweep",
    title="The rates of fastai's lr_find",
    answer="list of 3 floats: lr_find(start_lr=1e-7, end_lr=10, num_it=100), iterations 0, 50, 99",
    kind="sequence",
    reference=lambda: 1e-7 * (10 / 1e-7) ** (np.array([0, 50, 99]) / 100),
    hints=(Hint(lambda: sweep("exp", lr_min=1e-7, lr_max=10, num_iter=100)([0, 50, 99]),
                "That is pytorch-lr-finder's k/(n-1); fastai's position is k/n, so the last "
                "iteration does not reach end_lr."),),
)


# -- explorer -----------------------------------------------------------------------------

_EXPLORER_SEEDS = 3
_PICKS = [0.1, 0.3, 1.0, 3.0]


@CHAPTER.explorer
def range_test_to_one_cycle(peak_lr=0.3, anneal="cos"):
    r"""A range test picks :math:`\eta_{peak}`; a one-cycle run trains with it.

    Left: the smoothed range test (exponential sweep, 3 seeds) with the
    picked :math:`\eta_{peak}` and the start rate :math:`\eta_{peak}/D`
    (:math:`D = 25`). Right: the training loss of a one-cycle run with that
    peak (PyTorch defaults, cos or linear annealing), median and range over
    3 seeds, next to a constant rate :math:`\eta_{peak}/3`. Runs are cached.

    Returns
    -------
    Explorer
    """
    controls = [
        Slider("peak_lr", "η_peak", 0.1, 3.0, _PICKS, peak_lr, log=True),
        Choice("anneal", "annealing", [("cos", "cos"), ("linear", "linear")], anneal),
    ]
    fig = new_figure((6.6, 3.0))
    ax_rt, ax_tr = fig.subplots(1, 2)
    for seed in range(_EXPLORER_SEEDS):
        lr, loss = range_test(seed)
        sm = smooth_losses(np.where(np.isfinite(loss), loss, np.nan))
        ax_rt.plot(lr, sm, color=("#1f5fa8", "#6a3d9a", "#33a02c")[seed],
                   ls=("-", "--", ":")[seed], lw=1.2)
    ax_rt.set_xscale("log")
    ax_rt.set_ylim(0, 2.5)
    ax_rt.set_xlim(1e-4, 10)
    ax_rt.set_xlabel("learning rate η (log)")
    ax_rt.set_ylabel("smoothed loss")
    ax_rt.set_title("range test (3 seeds)", fontsize=9)
    ax_rt.grid(alpha=0.3)
    pick = ax_rt.axvline(peak_lr, color="#d62728", lw=1.5)
    start = ax_rt.axvline(peak_lr / 25, color="#d62728", lw=1.2, ls="--")
    t = np.arange(STEPS + 1)
    (med,) = ax_tr.plot(t, np.ones_like(t, dtype=float), color="#d62728", lw=1.6,
                        label="one-cycle, median")
    (lo,) = ax_tr.plot(t, np.ones_like(t, dtype=float), color="#e8845c", lw=0.9, ls="--",
                       label="one-cycle, lowest seed")
    (hi,) = ax_tr.plot(t, np.ones_like(t, dtype=float), color="#b5179e", lw=0.9, ls="-.",
                       label="one-cycle, highest seed")
    (const,) = ax_tr.plot(t, np.ones_like(t, dtype=float), color="#555555", lw=1.2, ls=":",
                          label="constant η_peak/3, median")
    ax_tr.set_yscale("log")
    ax_tr.set_ylim(2e-2, 3.0)
    ax_tr.set_xlim(0, STEPS)
    ax_tr.set_xlabel("step t")
    ax_tr.set_ylabel("training loss (window 10)")
    ax_tr.grid(alpha=0.3)
    ax_tr.legend(fontsize=8, loc="upper right")
    def _smooth(curves):
        k = 10
        kernel = np.ones(k) / k
        padded = np.concatenate([np.repeat(curves[:, :1], k - 1, axis=1), curves], axis=1)
        return np.array([np.convolve(c, kernel, mode="valid") for c in padded])

    cache = {}

    def _runs(v):
        key = (v["peak_lr"], v["anneal"])
        if key not in cache:
            oc = train_runs("one_cycle", v["peak_lr"], seeds=_EXPLORER_SEEDS, anneal=v["anneal"])
            co = train_runs("constant", v["peak_lr"], seeds=_EXPLORER_SEEDS)
            sm = np.clip(_smooth(np.nan_to_num(oc["loss"], nan=10.0)), 1e-3, 10)
            sc = np.clip(_smooth(np.nan_to_num(co["loss"], nan=10.0)), 1e-3, 10)
            ys = (np.median(sm, axis=0), sm.min(axis=0), sm.max(axis=0), np.median(sc, axis=0))
            cache[key] = (oc, co, ys)
        return cache[key]

    def draw(v):
        _, _, ys = _runs(v)
        for line, y in zip((med, lo, hi, const), ys, strict=True):
            line.set_ydata(y)
        pick.set_xdata([v["peak_lr"], v["peak_lr"]])
        start.set_xdata([v["peak_lr"] / 25, v["peak_lr"] / 25])

    def describe(v):
        oc, co, _ = _runs(v)
        return (f"Range test with η_peak = {v['peak_lr']:g} marked; one-cycle ({v['anneal']}) "
                f"ends at a median training loss of {np.median(oc['train']):.3g} over 3 seeds, "
                f"a constant rate η_peak/3 at {np.median(co['train']):.3g}.")

    def readout(v):
        oc, co, _ = _runs(v)
        return [
            Readout("one-cycle: final training loss (median, min–max)",
                    f"{np.median(oc['train']):.3g} ({oc['train'].min():.3g}–"
                    f"{oc['train'].max():.3g})"),
            Readout("constant η_peak/3: final training loss (median)",
                    f"{np.median(co['train']):.3g}"),
            Readout("PyTorch", f"OneCycleLR(optimizer, max_lr={v['peak_lr']:g}, "
                               f"total_steps={STEPS}, anneal_strategy={v['anneal']!r})", True),
        ]

    layouts = [Layout((6.6, 3.0), grid(1, 2)), Layout((3.4, 5.4), grid(2, 1))]
    return Explorer("range_test_to_one_cycle", "From a range test to a one-cycle run",
                    controls, fig, draw, describe, animated=[med, lo, hi, const, pick, start],
                    readout=readout, layouts=layouts)

