"""Chapter 8, AdaGrad and RMSProp: the valley lab, the noisy-valley runs, exercises, corners.

:func:`adaptive_run` is one loop for the three ways of computing the
per-coordinate scale :math:`\\sigma` (root-sum-square, root-mean-square,
moving average), with the framework switches (:math:`\\epsilon` inside or
outside the root, the accumulator start). The tests check it step for step
against :func:`lrcourse.optim.adagrad` and :func:`lrcourse.optim.rmsprop`,
which reproduce PyTorch and Keras.
"""

from __future__ import annotations

import itertools

import numpy as np

from .. import compat, landscapes, optim
from .. import schedules as S
from .._validation import check_bool, check_choice, check_int, check_real
from ..corner import Corner, OptimizerCall, Tab
from ..exercises._core import Hint
from ..explorers import Choice, Explorer, Layout, Readout, Slider, grid, new_figure
from ._chapter import Chapter

__all__ = [
    "CHAPTER", "CORNER_CALLS", "LAB_GRID", "LANDSCAPES", "SCHEDULES", "SIGMA_FORMS",
    "adaptive_run", "first_step", "lab_run", "lab_schedule", "noisy_valley_losses",
    "optimizer_corner", "valley_lab",
]

CHAPTER = Chapter(8, "adagrad_rmsprop", "AdaGrad and RMSProp")

#: ``value -> display name`` of the three forms of sigma.
SIGMA_FORMS = {
    "sum": "root-sum-square (AdaGrad)",
    "mean": "root-mean-square (lecture form)",
    "ema": "moving average, ρ (RMSProp)",
}
#: ``value -> display name`` of the lab's learning-rate schedules.
SCHEDULES = {"constant": "constant", "inv_sqrt": "η/√(t+1)", "cosine": "cosine to 0"}
#: ``value -> display name`` of the lab's landscapes.
LANDSCAPES = {"valley": "valley: curvatures 0.01 and 100",
              "rippled": "the article's function (1-D)"}

#: The elongated quadratic f = (0.01 x1² + 100 x2²)/2, its start and rate.
VALLEY = landscapes.quadratic(1e4, scale=0.01)
VALLEY_X0 = (10.0, 1.0)
VALLEY_LR = 0.3
#: Gradient noise of the lab's valley runs (round-off size: it lets unstable steps show).
LAB_NOISE = 1e-6
#: The article's function, its start (as in the article) and the lab's rate.
RIPPLED = landscapes.rippled_bowl()
RIPPLED_X0 = (-20.0,)
RIPPLED_LR = 1.0
#: The global minimiser of the article's function (docs_notes/optim_facts.md, fact 1).
RIPPLED_XSTAR = -2.9345
LAB_STEPS = 1000
EVERY = 4  # the lab draws every 4th step


def lab_schedule(name, lr, steps=LAB_STEPS):
    r"""The learning rate ``name`` of :data:`SCHEDULES` as an lrcourse schedule.

    ``"constant"``: :math:`\eta_t = \eta`; ``"inv_sqrt"``:
    :math:`\eta_t = \eta/\sqrt{t+1}`; ``"cosine"``: cosine annealing from
    :math:`\eta` to 0 over ``steps`` steps.

    Examples
    --------
    >>> from lrcourse.chapters.ch08_adagrad_rmsprop import lab_schedule
    >>> float(lab_schedule("inv_sqrt", 0.1)(3))
    0.05
    """
    check_choice("schedule", name, list(SCHEDULES))
    lr = check_real("lr", lr, gt=0)
    steps = check_int("steps", steps, ge=1)
    if name == "constant":
        return S.constant(lr)
    if name == "inv_sqrt":
        return S.inverse_sqrt(lr, warmup_steps=1)
    return S.cosine_decay(lr, decay_steps=steps)


def adaptive_run(grad, x0, *, lr, form="sum", rho=0.9, eps=1e-10, eps_inside_sqrt=False,
                 initial_accumulator=0.0, steps=100, noise=0.0, seed=0):
    r"""Run AdaGrad-like updates with the scale :math:`\sigma` in one of three forms.

    With :math:`g_k` the gradient at step :math:`k = 0, 1, \dots` and
    :math:`G_{-1}` the accumulator start:

    .. math::

        \text{sum:}\ G_k = G_{k-1} + g_k^2,\ s_k = G_k; \quad
        \text{mean:}\ s_k = G_k / (k+1); \quad
        \text{ema:}\ s_k = \rho\, s_{k-1} + (1-\rho)\, g_k^2

    then :math:`\sigma_k = \sqrt{s_k} + \epsilon` (or :math:`\sqrt{s_k + \epsilon}`
    with ``eps_inside_sqrt``) and :math:`x_{k+1} = x_k - \eta_k g_k / \sigma_k`,
    coordinate by coordinate.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` for ``x`` of shape ``(n, d)``, returning the same shape.
    x0 : array_like, shape (d,) or (n, d)
        Start(s); ``n`` runs are done at once.
    lr : float or Schedule
        :math:`\eta_k` (update ``k`` uses ``lr(k)``).
    form : {"sum", "mean", "ema"}
    rho : float
        :math:`\rho`, 0 <= rho < 1 (only for ``"ema"``).
    eps : float
        :math:`\epsilon \ge 0`.
    eps_inside_sqrt : bool
    initial_accumulator : float
        :math:`G_{-1}` (or :math:`s_{-1}`) >= 0.
    steps : int
        Number of updates, >= 1.
    noise : float
        Standard deviation >= 0 of Gaussian noise added to every gradient.
    seed : int
        Seed >= 0 of the noise (``numpy.random.default_rng``).

    Returns
    -------
    dict
        ``x``: iterates, shape ``(steps + 1, n, d)``; ``rate``: the effective
        rates :math:`\eta_k/\sigma_k`, shape ``(steps, n, d)``; ``grad``: the
        gradients used, shape ``(steps, n, d)``.

    Raises
    ------
    TypeError, ValueError
        For a bad argument (the message names it).

    Examples
    --------
    AdaGrad's first step is :math:`\eta\, g/|g|` whatever the size of :math:`g`:

    >>> from lrcourse.chapters.ch08_adagrad_rmsprop import adaptive_run
    >>> r = adaptive_run(lambda x: 2 * x, [3.0], lr=0.5, steps=1)
    >>> round(float(r["x"][1, 0, 0]), 9)
    2.5
    """
    check_choice("form", form, list(SIGMA_FORMS))
    rho = check_real("rho", rho, ge=0, lt=1)
    eps = check_real("eps", eps, ge=0)
    inside = check_bool("eps_inside_sqrt", eps_inside_sqrt)
    acc0 = check_real("initial_accumulator", initial_accumulator, ge=0)
    steps = check_int("steps", steps, ge=1)
    noise = check_real("noise", noise, ge=0)
    seed = check_int("seed", seed, ge=0)
    optim.gd(lr)  # validates lr with the package's usual messages
    eta = (np.asarray(lr(np.arange(steps)), dtype=np.float64) if callable(lr)
           else np.full(steps, float(lr)))
    x = np.atleast_2d(np.asarray(x0, dtype=np.float64)).copy()
    xs = np.empty((steps + 1, *x.shape))
    rates = np.empty((steps, *x.shape))
    grads = np.empty((steps, *x.shape))
    xs[0] = x
    acc = np.full_like(x, acc0)
    xi = noise * np.random.default_rng(seed).standard_normal((steps, *x.shape)) if noise else None
    with np.errstate(all="ignore"):
        for k in range(steps):
            g = np.asarray(grad(x), dtype=np.float64)
            if xi is not None:
                g = g + xi[k]
            if form == "ema":
                acc = rho * acc + (1 - rho) * (g * g)
                s = acc
            else:
                acc = acc + g * g
                s = acc if form == "sum" else acc / (k + 1)
            sigma = np.sqrt(s + eps) if inside else np.sqrt(s) + eps
            rates[k] = eta[k] / sigma
            grads[k] = g
            x = x - rates[k] * g
            xs[k + 1] = x
    return {"x": xs, "rate": rates, "grad": grads}


def first_step(optimizer, g=1.0):
    """The size of the first step of ``optimizer`` from 0 under the constant gradient ``g``.

    Examples
    --------
    >>> from lrcourse import optim
    >>> from lrcourse.chapters.ch08_adagrad_rmsprop import first_step
    >>> round(first_step(optim.adagrad(0.1), g=5.0), 9)
    0.1
    """
    g = check_real("g", g)
    x = optim.run(optimizer, lambda x: np.full_like(x, g), x0=[0.0], steps=1).x
    return float(abs(x[1, 0]))


def noisy_valley_losses(form, schedule, *, lr=0.1, rho=0.9, seeds=8, steps=2000, noise=1.0):
    r"""Loss of ``seeds`` runs on the valley with noisy gradients.

    The valley is :data:`VALLEY`, :math:`f = (0.01\,x_1^2 + 100\,x_2^2)/2`,
    from :data:`VALLEY_X0`; every gradient gets Gaussian noise of standard
    deviation ``noise`` (seed ``i`` for run ``i``, so every optimiser sees
    the same noise). PyTorch's :math:`\epsilon = 10^{-10}` outside the root
    and accumulator start 0.

    Returns
    -------
    numpy.ndarray, shape (seeds, steps + 1)

    Examples
    --------
    >>> from lrcourse.chapters.ch08_adagrad_rmsprop import noisy_valley_losses
    >>> noisy_valley_losses("sum", "constant", seeds=2, steps=5).shape
    (2, 6)
    """
    seeds = check_int("seeds", seeds, ge=1)
    sched = lab_schedule(schedule, lr, steps)
    out = []
    for s in range(seeds):
        r = adaptive_run(VALLEY.grad, VALLEY_X0, lr=sched, form=form, rho=rho, steps=steps,
                         noise=noise, seed=s)
        out.append(VALLEY.f(r["x"][:, 0, :]))
    return np.array(out)


# -- framework corner ------------------------------------------------------------------

#: The corner, one entry per tab: ``label -> [(call, lrcourse optimiser it equals), ...]``.
#: Every framework default that matters here (the accumulator start, ε and where
#: it goes, ρ) is written out in the code. The tests build each call's optimiser
#: from the code shown, compare it with the lrcourse expression in the tab's note,
#: and check each translation against the stored PyTorch and Keras trajectories
#: (``tests/fixtures/optim_reference.json``).
CORNER_CALLS = {
    "PyTorch": [
        (OptimizerCall("torch", "Adagrad", {"lr": 0.1, "initial_accumulator_value": 0.0,
                                            "eps": 1e-10}),
         "optim.adagrad(0.1, eps=1e-10, initial_accumulator=0.0)"),
        (OptimizerCall("torch", "RMSprop", {"lr": 0.01, "alpha": 0.99, "eps": 1e-8}),
         "optim.rmsprop(0.01, rho=0.99, eps=1e-8)"),
    ],
    "Keras": [
        (OptimizerCall("keras", "Adagrad", {"learning_rate": 0.1,
                                            "initial_accumulator_value": 0.1, "epsilon": 1e-7}),
         "optim.adagrad(0.1, eps=1e-7, eps_inside_sqrt=True, initial_accumulator=0.1)"),
        (OptimizerCall("keras", "RMSprop", {"learning_rate": 0.01, "rho": 0.9, "epsilon": 1e-7}),
         "optim.rmsprop(0.01, rho=0.9, eps=1e-7, eps_inside_sqrt=True)"),
    ],
    "optax": [
        (OptimizerCall("optax", "adagrad", {"learning_rate": 0.1,
                                            "initial_accumulator_value": 0.1, "eps": 1e-7}),
         "optim.adagrad(0.1, eps=1e-7, eps_inside_sqrt=True, initial_accumulator=0.1)"),
        (OptimizerCall("optax", "rmsprop", {"learning_rate": 0.01, "decay": 0.9, "eps": 1e-8}),
         "optim.rmsprop(0.01, rho=0.9, eps=1e-8, eps_inside_sqrt=True)"),
    ],
}

_CORNER_NOTES = {
    "PyTorch": "The values written out are the defaults. AdaGrad starts its sum at 0 "
               "(`initial_accumulator_value`) and adds `eps=1e-10` outside the root; RMSprop "
               "calls ρ `alpha` (0.99) and adds `eps=1e-8` outside the root.",
    "Keras": "The values written out are the defaults. Adagrad starts its sum at "
             "`initial_accumulator_value=0.1` and adds `epsilon=1e-7` inside the root; RMSprop "
             "calls ρ `rho` (0.9) and adds `epsilon=1e-7` inside the root.",
    "optax": "The values written out are the defaults (optax has no default rate). `adagrad` "
             "starts at 0.1 and adds `eps=1e-7` inside the root, as Keras does; `rmsprop` "
             "calls ρ `decay` (0.9) and adds `eps=1e-8` inside the root (`eps_in_sqrt=True`). "
             "JAX computes in float32 unless you enable float64.",
}


@CHAPTER.corner("adagrad_rmsprop")
def optimizer_corner():
    """AdaGrad and RMSProp in PyTorch, Keras and optax, with their defaults spelled out."""
    tabs = []
    for label, pairs in CORNER_CALLS.items():
        same = "; ".join(f"`{lc}`" for _, lc in pairs)
        tabs.append(Tab(label, [call for call, _ in pairs],
                        note=f"{_CORNER_NOTES[label]} In lrcourse: {same}."))
    return Corner("AdaGrad and RMSProp", tabs, ("torch_adagrad", "torch_rmsprop",
                                                "keras_adagrad", "keras_rmsprop",
                                                "optax_adaptive"))


# -- exercises --------------------------------------------------------------------------


def _steps_under_constant_gradient(opt, g=2.0, n=4):
    traj = optim.run(opt, lambda x: np.full_like(x, g), x0=[0.0], steps=n)
    return np.abs(np.diff(traj.x[:, 0]))


CHAPTER.exercise(
    id="ch08-adagrad-constant-gradient",
    title="AdaGrad step sizes under a constant gradient",
    answer="list of 4 floats: the sizes |x_{k+1} - x_k| of the first four AdaGrad steps "
           "(sum of squares, start 0, eps = 0) with a constant gradient g = 2 and lr = 0.1",
    kind="sequence",
    step_label="update",
    reference=lambda: _steps_under_constant_gradient(optim.adagrad(0.1, eps=0.0)),
    hints=(
        Hint(lambda: [0.1] * 4,
             "Every step is 0.1: that is the root-MEAN-square form (or RMSProp with bias "
             "correction). AdaGrad sums the squares, so sigma grows like 2 * sqrt(k)."),
        Hint(lambda: [0.1 / k for k in range(1, 5)],
             "You divided by k: sigma is the square ROOT of the sum 4k, so the step is "
             "0.1 / sqrt(k)."),
        Hint(lambda: [0.2 / np.sqrt(k) for k in range(1, 5)],
             "You multiplied by g = 2 without dividing by sigma = 2 * sqrt(k): the step is "
             "lr * g / sigma."),
    ),
)

CHAPTER.exercise(
    id="ch08-rmsprop-step-ratio",
    title="RMSProp without bias correction: step / lr",
    answer="list of 3 floats: |step| / lr of the first three RMSProp steps (rho = 0.9, "
           "start 0, eps = 0, no bias correction) under a constant gradient",
    kind="sequence",
    step_label="update",
    first_step=1,
    reference=lambda: _steps_under_constant_gradient(optim.rmsprop(1.0, rho=0.9, eps=0.0), n=3),
    hints=(
        Hint(lambda: [1.0, 1.0, 1.0],
             "Those are the ratios WITH bias correction (as in Adam). Without it, "
             "s_t = (1 - 0.9^t) g^2, so the ratio is 1 / sqrt(1 - 0.9^t)."),
        Hint(lambda: [1 / (1 - 0.9**t) for t in (1, 2, 3)],
             "You forgot the square root: sigma is sqrt(s_t)."),
        Hint(lambda: [1 / np.sqrt(0.9**t) for t in (1, 2, 3)],
             "s_t = (1 - 0.9^t) g^2, not 0.9^t g^2: the new gradient gets the weight 1 - rho."),
    ),
)

CHAPTER.exercise(
    id="ch08-keras-rmsprop-one-step",
    title="One step of Keras RMSprop",
    answer="float: the variable after one step of keras.optimizers.RMSprop(learning_rate=0.1) "
           "from var = 10 with loss = var^2 / 2 (defaults rho = 0.9, epsilon = 1e-7)",
    kind="number",
    reference=lambda: optim.run(compat.optimizer_from_keras("RMSprop", learning_rate=0.1),
                                lambda x: x, x0=[10.0], steps=1).x[1, 0],
    hints=(
        Hint(lambda: 10 - 0.1 * 10 / np.sqrt(0.01 * 100),
             "You used PyTorch's default rho = 0.99; Keras's default rho is 0.9."),
        Hint(lambda: 10 - 0.1 * 10 / np.sqrt(100),
             "You used s = g^2; the first moving average is (1 - rho) g^2 = 0.1 * 100."),
        Hint(lambda: 9.0,
             "That is plain gradient descent: RMSProp divides the gradient by sqrt(s)."),
    ),
)

CHAPTER.exercise(
    id="ch08-keras-adagrad-first-step",
    title="The first AdaGrad step in Keras and in PyTorch",
    answer="float: x_1 after one step of keras.optimizers.Adagrad(learning_rate=0.1) with its "
           "defaults, from x_0 = 1 on f(x) = x^2 / 2",
    kind="number",
    reference=lambda: optim.run(compat.optimizer_from_keras("Adagrad", learning_rate=0.1),
                                lambda x: x, x0=[1.0], steps=1).x[1, 0],
    hints=(
        Hint(lambda: 0.9,
             "That is PyTorch's value (start 0, so the first step is lr * sign(g)). Keras "
             "starts the sum at 0.1: sigma = sqrt(0.1 + 1 + 1e-7)."),
        Hint(lambda: 1 - 0.1 / (np.sqrt(1.1) + 1e-7),
             "Close: Keras puts epsilon INSIDE the root. The difference is tiny here, but "
             "check the formula."),
    ),
)


# -- explorer: the valley lab ----------------------------------------------------------

_BLUE, _RED, _GREY = "#1f5fa8", "#b03a2e", "#555555"
_FLOOR = 1e-12
_LAB_CACHE: dict[tuple, dict] = {}


#: The lab's control grid (the explorer's grid values, in this order).
LAB_GRID = {
    "form": tuple(SIGMA_FORMS), "rho": (0.5, 0.8, 0.9, 0.99), "eps": (1e-7, 1e-3),
    "inside": (False, True), "acc0": (0.0, 0.1, 1.0), "schedule": tuple(SCHEDULES),
}
_GRID_RUNS: dict[str, dict] = {}


def _grid_runs(land):
    """Every configuration of :data:`LAB_GRID` on ``land``, run at once (one batched loop).

    The update is :func:`adaptive_run`'s, written for an array of
    configurations; the tests check that every row equals its own
    :func:`adaptive_run`.
    """
    if land in _GRID_RUNS:
        return _GRID_RUNS[land]
    combos = list(itertools.product(*LAB_GRID.values()))
    n = len(combos)
    form = np.array([c[0] for c in combos])
    rho = np.array([c[1] for c in combos])[:, None]
    eps = np.array([c[2] for c in combos])[:, None]
    inside = np.array([c[3] for c in combos])[:, None]
    acc0 = np.array([c[4] for c in combos])[:, None]
    lr0 = VALLEY_LR if land == "valley" else RIPPLED_LR
    etas = {name: np.asarray(lab_schedule(name, lr0)(np.arange(LAB_STEPS)), dtype=np.float64)
            for name in SCHEDULES}
    eta = np.array([etas[c[5]] for c in combos]).T[:, :, None]  # (steps, n, 1)
    if land == "valley":
        grad, x0, noise = VALLEY.grad, VALLEY_X0, LAB_NOISE
    else:
        grad, x0, noise = RIPPLED.grad, RIPPLED_X0, 0.0
    d = len(x0)
    x = np.tile(np.asarray(x0, dtype=np.float64), (n, 1))
    xs = np.empty((LAB_STEPS + 1, n, d))
    rates = np.empty((LAB_STEPS, n, d))
    xs[0] = x
    xi = (noise * np.random.default_rng(0).standard_normal((LAB_STEPS, 1, d)) if noise
          else None)
    is_mean, is_ema = ((form == f)[:, None] for f in ("mean", "ema"))
    acc = np.broadcast_to(acc0, (n, d)).copy()
    with np.errstate(all="ignore"):
        for k in range(LAB_STEPS):
            g = grad(x)
            if xi is not None:
                g = g + xi[k]
            gg = g * g
            acc = np.where(is_ema, rho * acc + (1 - rho) * gg, acc + gg)
            s_k = np.where(is_mean, acc / (k + 1), acc)
            sigma = np.where(inside, np.sqrt(s_k + eps), np.sqrt(s_k) + eps)
            rates[k] = eta[k] / sigma
            x = x - rates[k] * g
            xs[k + 1] = x
    _GRID_RUNS[land] = {"index": {c: i for i, c in enumerate(combos)}, "x": xs, "rate": rates}
    return _GRID_RUNS[land]


def lab_run(land, form, rho, eps, inside, acc0, schedule):
    """The valley lab's run for these control values, summarised (cached).

    The values must be on the lab's grid (:data:`LAB_GRID`); the whole grid
    of a landscape is computed at the first call (about a second).

    Returns a dict: ``dist`` and ``rate`` (every 4th step, per coordinate),
    ``end``, ``loss`` (at the end), ``ptp`` (span of the last 100 iterates
    per coordinate), ``rate_end``, ``lr`` (the rate at step 0) and
    ``bursts`` (steps after step 300 where a coordinate that had come within
    1e-3 of the minimiser is farther than 1e-2 again).
    """
    check_choice("landscape", land, list(LANDSCAPES))
    key = (land, form, rho if form == "ema" else None, eps, inside, acc0, schedule)
    if key not in _LAB_CACHE:
        runs = _grid_runs(land)
        combo = (form, rho, eps, bool(inside), acc0, schedule)
        if combo not in runs["index"]:
            raise ValueError(f"The values {combo!r} are not on the lab's grid LAB_GRID "
                             f"(form, rho, eps, inside, acc0, schedule). Received: {combo!r}")
        i = runs["index"][combo]
        xs = runs["x"][:, i, :]
        rate = runs["rate"][:, i, :]
        if land == "valley":
            dist = np.abs(xs)
            loss = VALLEY.f(xs)
        else:
            dist = np.abs(xs - RIPPLED_XSTAR)
            loss = RIPPLED.f(xs)
        last = xs[-100:]
        _LAB_CACHE[key] = {
            "dist": np.clip(dist[::EVERY], _FLOOR, None),
            "rate": np.clip(rate[::EVERY], 1e-8, None),
            "end": xs[-1], "loss": float(loss[-1]),
            "ptp": last.max(axis=0) - last.min(axis=0),
            "rate_end": rate[-1],
            "lr": VALLEY_LR if land == "valley" else RIPPLED_LR,
            # late bursts: steps after step 300 where a coordinate that had come within
            # 1e-3 of the minimiser is again farther than 1e-2
            "bursts": int(np.sum(((dist > 1e-2) & (np.minimum.accumulate(dist, axis=0) < 1e-3))
                                 [300:].any(axis=1))),
        }
    return _LAB_CACHE[key]


@CHAPTER.explorer
def valley_lab(landscape="valley", form="ema", rho=0.9, eps=1e-7, placement="outside",
               initial_accumulator=0.0, schedule="constant"):
    r"""The valley lab (chapter 8): the three forms of sigma on two landscapes.

    Runs :func:`adaptive_run` for 1000 steps on :data:`VALLEY`
    (:math:`\eta = 0.3` from (10, 1), gradient noise 1e-6) or on the article's function
    (:math:`\eta = 1` from -20), and draws, on log scales, the distance of
    each coordinate to the minimiser and each coordinate's effective rate
    :math:`\eta_t/\sigma_t`. Controls: the landscape, the form of
    :math:`\sigma`, :math:`\rho` (moving average only), :math:`\epsilon`
    and its placement, the accumulator start :math:`G_{-1}` and the
    schedule of :math:`\eta_t`. 2 x 3 x 4 x 2 x 2 x 3 x 3 = 864 combinations.

    Returns
    -------
    Explorer
    """
    controls = [
        Choice("landscape", "landscape", [(v, k) for k, v in LANDSCAPES.items()], landscape),
        Choice("form", "σ", [(v, k) for k, v in SIGMA_FORMS.items()], form),
        Slider("rho", lambda v: "ρ" if v["form"] == "ema" else "ρ (moving average only)",
               0.5, 0.999, [0.5, 0.8, 0.9, 0.99], rho, step=0.01),
        Choice("eps", "ε", [("1e-7", 1e-7), ("1e-3", 1e-3)], eps),
        Choice("placement", "ε placement", [("outside: √s + ε (PyTorch)", "outside"),
                                            ("inside: √(s + ε) (Keras)", "inside")], placement),
        Choice("initial_accumulator", "G₋₁ (accumulator start)",
               [("0 (PyTorch)", 0.0), ("0.1 (Keras AdaGrad)", 0.1), ("1", 1.0)],
               initial_accumulator),
        Choice("schedule", "η_k", [(v, k) for k, v in SCHEDULES.items()], schedule),
    ]
    fig = new_figure((6.6, 3.4))
    ax_d = fig.add_subplot()
    ax_r = fig.add_subplot()
    wide = grid(1, 2)
    wide(fig)
    t = np.arange(0, LAB_STEPS + 1, EVERY)
    tr = np.arange(0, LAB_STEPS, EVERY)
    (d1,) = ax_d.plot(t, np.ones(t.size), lw=1.6, color=_BLUE, ls="-")
    (d2,) = ax_d.plot(t, np.ones(t.size), lw=1.4, color=_RED, ls="--")
    ax_d.set_yscale("log")
    ax_d.set_ylim(1e-12, 1e3)
    ax_d.set_xlim(0, LAB_STEPS)
    ax_d.set_xlabel("step $k$")
    ax_d.set_title(r"distance $|x_{k,i} - x^*_i|$", fontsize=10)
    ax_d.grid(alpha=0.3)
    (r1,) = ax_r.plot(tr, np.ones(tr.size), lw=1.6, color=_BLUE, ls="-")
    (r2,) = ax_r.plot(tr, np.ones(tr.size), lw=1.4, color=_RED, ls="--")
    ax_r.set_yscale("log")
    ax_r.set_ylim(1e-4, 1e6)
    ax_r.set_xlim(0, LAB_STEPS)
    ax_r.set_xlabel("step $k$")
    ax_r.set_title(r"effective rate $\eta_k/\sigma_{k,i}$", fontsize=10)
    ax_r.grid(alpha=0.3)
    from matplotlib.lines import Line2D
    ax_r.legend([Line2D([], [], color=_BLUE, lw=1.6), Line2D([], [], color=_RED, lw=1.4, ls="--")],
                ["$x_1$: flat (article: $x$)", "$x_2$: steep (valley only)"],
                loc="lower right", fontsize=8, framealpha=0.95)
    drawn = {}

    def compute(v):
        return lab_run(v["landscape"], v["form"], v["rho"], v["eps"],
                        v["placement"] == "inside", v["initial_accumulator"], v["schedule"])

    def draw(v):
        d = compute(v)
        drawn.update(d=d, values=dict(v))
        d1.set_ydata(d["dist"][:, 0])
        r1.set_ydata(d["rate"][:, 0])
        two = d["dist"].shape[1] == 2
        d2.set_visible(two)
        r2.set_visible(two)
        if two:
            d2.set_ydata(d["dist"][:, 1])
            r2.set_ydata(d["rate"][:, 1])

    def verdict(v, d):
        if d["bursts"] and v["form"] == "mean":
            return (f"Late bursts: after step 300, in {d['bursts']} steps a coordinate was again "
                    "farther than 0.01 from the minimiser (sigma shrank, the step grew).")
        if d["ptp"].max() > 0.1 * d["lr"] * (1 if v["schedule"] == "constant" else 1e-9):
            return (f"No settling: the last 100 iterates span {d['ptp'].max():.3g} "
                    f"(η = {d['lr']:g}); the steps stay about η·sign(g).")
        if v["form"] == "sum" and d["dist"][-1, 0] > 1e-2:
            return "Premature decay: sigma only grows, the flat coordinate stalls far from 0."
        return "Settled: the last 100 iterates move less than 10 % of η."

    def describe(v):
        d = compute(v)
        return (f"Two log-scale charts over {LAB_STEPS} steps on the "
                f"{LANDSCAPES[v['landscape']]} with sigma as {SIGMA_FORMS[v['form']]} and a "
                f"{SCHEDULES[v['schedule']]} rate. Final distance of the flat coordinate "
                f"{d['dist'][-1, 0]:.3g}, final effective rate {d['rate_end'][0]:.3g}.")

    def readout(v):
        d = compute(v)
        return [
            Readout("end point", ", ".join(f"{e:.4g}" for e in d["end"])),
            Readout("loss at the end", f"{d['loss']:.4g}"),
            Readout("span of the last 100 iterates",
                    ", ".join(f"{p:.3g}" for p in d["ptp"]) + f" (η₀ = {d['lr']:g})"),
            Readout("what happened", verdict(v, d)),
        ]

    return Explorer(
        "valley_lab", "The valley lab: AdaGrad, the mean form and RMSProp", controls, fig, draw,
        describe, animated=[d1, d2, r1, r2], readout=readout,
        layouts=[Layout((6.6, 3.4), wide), Layout((3.4, 5.6), grid(2, 1))],
    )
