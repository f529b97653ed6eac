"""Chapter 6, warmup and modern schedules: its computations, explorer, exercises and corners.

The chapter's training experiment (Adam with and without warmup on a deep
ReLU network), the RAdam variance term, the linear scaling rule, the
Transformer peak, and a schedule composer whose framework code is generated
by :func:`lrcourse.compat.port` from one PyTorch ``SequentialLR`` call.
"""

from __future__ import annotations

import math

import numpy as np

from .. import compat
from .. import schedules as S
from .._validation import check_choice, check_int, check_real
from ..corner import Call, Corner, Expr, Tab
from ..exercises._core import Hint
from ..explorers import Choice, Explorer, Layout, Readout, Slider, new_figure
from ._chapter import Chapter

__all__ = [
    "CHAPTER", "MAIN_BLOCKS", "composed_call", "linear_scaling", "radam_rho",
    "schedule_composer", "schedule_free_runs", "transformer_peak", "warmup_runs",
]

CHAPTER = Chapter(6, "warmup_modern", "Warmup and modern schedules")

SOURCES = ("keras_lr_schedule", "torch_lr_scheduler", "optax_schedules")


# -- computations ---------------------------------------------------------------------------


def radam_rho(t, *, beta2=0.999):
    r"""RAdam's :math:`\rho_t`, the length of the simple moving average that Adam's
    second moment approximates at update :math:`t` (counted from 1).

    .. math::

        \rho_\infty = \frac{2}{1-\beta_2} - 1, \qquad
        \rho_t = \rho_\infty - \frac{2 t \beta_2^t}{1 - \beta_2^t}

    The variance of the adaptive rate is finite only for :math:`\rho_t > 4`.

    Parameters
    ----------
    t : int or array_like of int
        Update number(s), >= 1.
    beta2 : float, default 0.999
        :math:`\beta_2` in (0, 1).

    Returns
    -------
    float or numpy.ndarray

    Raises
    ------
    ValueError
        If ``beta2`` is not in (0, 1) or a ``t`` is < 1.

    References
    ----------
    .. [1] L. Liu et al., "On the Variance of the Adaptive Learning Rate and
       Beyond", ICLR 2020, arXiv:1908.03265, eq. (4) and Algorithm 2.

    Examples
    --------
    >>> from lrcourse.chapters.ch06_warmup_modern import radam_rho
    >>> round(radam_rho(1), 6), round(float(radam_rho(10**6)), 1)
    (1.0, 1999.0)
    """
    b2 = check_real("beta2", beta2, gt=0, lt=1)
    arr = np.asarray(t, dtype=float)
    if arr.size == 0 or not np.all(np.isfinite(arr)) or np.any(arr < 1):
        raise ValueError(f"Argument `t` must hold update numbers >= 1. Received: t={t!r}")
    rho_inf = 2.0 / (1.0 - b2) - 1.0
    with np.errstate(over="ignore", under="ignore"):
        bt = b2**arr
        out = rho_inf - 2.0 * arr * bt / (1.0 - bt)
    return float(out) if np.ndim(t) == 0 else out


def linear_scaling(batch_size, *, base_lr=0.1, base_batch=256):
    r"""Goyal et al.'s linear scaling rule: :math:`\eta = \eta_{base}\, B / B_{base}`.

    Parameters
    ----------
    batch_size : int
        :math:`B` >= 1.
    base_lr : float, default 0.1
        The rate that works at ``base_batch`` (> 0).
    base_batch : int, default 256
        :math:`B_{base}` >= 1.

    Returns
    -------
    float

    Raises
    ------
    ValueError, TypeError
        For a bad argument (the message names it).

    References
    ----------
    .. [1] P. Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet
       in 1 Hour", arXiv:1706.02677, 2017, §2.1 and §5.1 (0.1 · kn/256).

    Examples
    --------
    >>> from lrcourse.chapters.ch06_warmup_modern import linear_scaling
    >>> linear_scaling(8192)
    3.2
    """
    b = check_int("batch_size", batch_size, ge=1)
    lr = check_real("base_lr", base_lr, gt=0)
    b0 = check_int("base_batch", base_batch, ge=1)
    return lr * b / b0


def transformer_peak(d_model, warmup_steps):
    r"""The peak of the Transformer schedule, :math:`(d\,W)^{-1/2}`.

    Vaswani et al. (2017, eq. 3): :math:`\eta_s = d^{-1/2}\min(s^{-1/2}, s\,W^{-3/2})`
    with :math:`s` counted from 1; both terms meet at :math:`s = W`.

    Parameters
    ----------
    d_model : int
        :math:`d` >= 1.
    warmup_steps : int
        :math:`W` >= 1.

    Returns
    -------
    float

    Raises
    ------
    ValueError, TypeError
        For a bad argument (the message names it).

    References
    ----------
    .. [1] A. Vaswani et al., "Attention Is All You Need", NeurIPS 2017, §5.3.

    Examples
    --------
    >>> from lrcourse.chapters.ch06_warmup_modern import transformer_peak
    >>> round(transformer_peak(512, 4000), 7)
    0.0006988
    """
    d = check_int("d_model", d_model, ge=1)
    w = check_int("warmup_steps", warmup_steps, ge=1)
    return (d * w) ** -0.5


def warmup_runs(*, lr=0.05, warmup_steps=40, seeds=5, steps=60, depth=6, width=32):
    """Train a deep ReLU network with Adam, with and without linear warmup.

    The network is ``MLP((2,) + (width,) * depth + (2,))`` with ReLU and He
    initialisation (seed = the run's seed), on ``two_moons(100, noise=0.1,
    seed=0)``, full batch, cross-entropy, Adam with PyTorch's defaults.

    Parameters
    ----------
    lr : float, default 0.05
        The peak rate :math:`\\eta_{peak}` > 0.
    warmup_steps : int, default 40
        :math:`W` >= 1 of :func:`lrcourse.schedules.linear_warmup`.
    seeds : int, default 5
        Number of seeds (0 .. seeds-1), >= 1.
    steps : int, default 60
        Updates per run, >= 2.
    depth, width : int
        Hidden layers and units per layer, >= 1.

    Returns
    -------
    dict
        ``{"no warmup": losses, "linear warmup": losses}``, each an array of
        shape ``(seeds, steps)``: the loss before each update.

    Raises
    ------
    ValueError, TypeError
        For a bad argument (the message names it).

    References
    ----------
    .. [1] L. Liu et al., "On the Variance of the Adaptive Learning Rate and
       Beyond", ICLR 2020, arXiv:1908.03265.
    """
    from ..nn import MLP, train, two_moons
    from ..optim import adam

    lr = check_real("lr", lr, gt=0)
    warmup_steps = check_int("warmup_steps", warmup_steps, ge=1)
    seeds = check_int("seeds", seeds, ge=1)
    steps = check_int("steps", steps, ge=2)
    depth = check_int("depth", depth, ge=1)
    width = check_int("width", width, ge=1)
    X, y = two_moons(100, noise=0.1, seed=0)
    sizes = (2,) + (width,) * depth + (2,)
    rates = {"no warmup": lr, "linear warmup": S.linear_warmup(lr, warmup_steps=warmup_steps)}
    out = {}
    for label, rate in rates.items():
        rows = []
        for seed in range(seeds):
            net = MLP(sizes, activation="relu", init="he", seed=seed)
            res = train(net, adam(rate), X, y, steps=steps, seed=seed)
            loss = np.full(steps, np.inf)
            loss[: len(res.loss)] = res.loss
            rows.append(loss)
        out[label] = np.array(rows)
    return out


def schedule_free_runs(*, lr=0.1, stops=(100, 200, 400, 800), seeds=12, beta=0.9,
                       noise=1.0, x0=(2.0, 2.0)):
    r"""Schedule-free SGD against a constant rate and cosine decay, for several stopping times.

    Each seed is a :func:`lrcourse.landscapes.noisy_quadratic` (condition
    number 10, 2-D, gradient noise ``noise``, seed = the run's seed) started
    at ``x0``. One run of plain SGD with the constant rate ``lr`` and one run
    of :func:`lrcourse.optim.schedule_free_sgd` (``lr``, ``beta``, evaluated
    at its average :math:`x_t`) last ``max(stops)`` steps and are read at
    every stopping time :math:`T`. Cosine decay must know :math:`T`, so it is
    run once per stopping time, with ``cosine_decay(lr, decay_steps=T)``.

    Parameters
    ----------
    lr : float, default 0.1
        :math:`\eta` > 0, the same for the three methods.
    stops : sequence of int, default (100, 200, 400, 800)
        Stopping times :math:`T` >= 1, increasing.
    seeds : int, default 12
        Number of seeds (0 .. seeds-1), >= 1.
    beta : float, default 0.9
        Schedule-free :math:`\beta`, 0 < beta < 1.
    noise : float, default 1.0
        Standard deviation of the gradient noise, >= 0.
    x0 : sequence of 2 floats, default (2.0, 2.0)
        Start.

    Returns
    -------
    dict
        ``"curves"``: ``{"constant rate": a, "cosine, T = <max>": b,
        "schedule-free (at x)": c}``, each of shape ``(seeds, max(stops) + 1)``,
        the loss at each step (for ``plotting.plot_losses``); ``"final"``:
        ``{T: {"constant rate": l, "cosine planned for T": l,
        "schedule-free": l}}`` with ``l`` the loss of each seed at step
        :math:`T`, shape ``(seeds,)``.

    Raises
    ------
    TypeError, ValueError
        For a bad argument (the message names it).
    """
    from ..landscapes import noisy_quadratic
    from ..optim import gd, run, schedule_free_sgd

    lr = check_real("lr", lr, gt=0)
    seeds = check_int("seeds", seeds, ge=1)
    stops = [check_int("stops", T, ge=1) for T in stops]
    if not stops or any(b <= a for a, b in zip(stops, stops[1:], strict=False)):
        raise ValueError(f"Argument `stops` must be increasing step counts. Received: stops={stops!r}")
    last = stops[-1]
    sf_opt = schedule_free_sgd(lr, beta=beta)
    lands = [noisy_quadratic(condition_number=10.0, dim=2, noise=noise, seed=s)
             for s in range(seeds)]
    const = np.array([run(gd(lr), land, x0=list(x0), steps=last).loss for land in lands])
    free = np.array([run(sf_opt, land, x0=list(x0), steps=last).loss_eval for land in lands])
    final, cos_last = {}, None
    for T in stops:
        cos = np.array([run(gd(S.cosine_decay(lr, decay_steps=T)), land, x0=list(x0),
                            steps=T).loss for land in lands])
        final[T] = {"constant rate": const[:, T], "cosine planned for T": cos[:, T],
                    "schedule-free": free[:, T]}
        cos_last = cos
    curves = {"constant rate": const, f"cosine, T = {last}": cos_last,
              "schedule-free (at x)": free}
    return {"curves": curves, "final": final}


# -- the composer's framework call ------------------------------------------------------------

#: ``value -> display name`` of the main blocks of the composer.
MAIN_BLOCKS = {
    "cosine": "cosine to η_end",
    "wsd": "stable, then linear decay (WSD)",
    "linear": "linear to η_end",
}
PEAK, END = 0.1, 0.001


def composed_call(warmup_steps, main, total_steps, *, decay_fraction=0.2,
                  peak_lr=PEAK, end_lr=END):
    """The composer's schedule as one PyTorch call (a ``SequentialLR`` when it has blocks).

    Blocks: a linear warmup ``LinearLR(start_factor=0.01)`` over ``warmup_steps``
    (none if 0), then the main block up to ``total_steps``: ``CosineAnnealingLR``
    to ``end_lr``, ``LinearLR`` to ``end_lr``, or (``"wsd"``) a ``ConstantLR``
    with ``factor=1`` followed by a ``LinearLR`` over the last
    ``round(decay_fraction * total_steps)`` steps.

    Parameters
    ----------
    warmup_steps : int
        :math:`W` >= 0.
    main : {"cosine", "wsd", "linear"}
    total_steps : int
        :math:`T` > ``warmup_steps`` (with WSD, > W + the decay length).
    decay_fraction : float, default 0.2
        WSD only: the cool-down's share of :math:`T`, in (0, 1).
    peak_lr, end_lr : float
        :math:`\\eta_{peak} > 0` and :math:`0 < \\eta_{end} <= \\eta_{peak}`.

    Returns
    -------
    lrcourse.corner.Call

    Raises
    ------
    ValueError, TypeError
        For a bad argument (the message names it).

    Examples
    --------
    >>> from lrcourse.chapters.ch06_warmup_modern import composed_call
    >>> call = composed_call(10, "cosine", 100)
    >>> call.schedule([0, 10, 100]).round(5).tolist()
    [0.001, 0.1, 0.001]
    """
    w = check_int("warmup_steps", warmup_steps, ge=0)
    main = check_choice("main", main, tuple(MAIN_BLOCKS))
    t = check_int("total_steps", total_steps, ge=2)
    f = check_real("decay_fraction", decay_fraction, gt=0, lt=1)
    peak = check_real("peak_lr", peak_lr, gt=0)
    end = check_real("end_lr", end_lr, gt=0, le=peak)
    if t <= w:
        raise ValueError(
            f"Argument `total_steps` must be > warmup_steps ({w}). Received: total_steps={t}"
        )
    ratio = float(f"{end / peak:.12g}")
    blocks, cuts = [], []
    if w > 0:
        blocks.append(("LinearLR", {"start_factor": 0.01, "end_factor": 1.0, "total_iters": w}))
        cuts.append(w)
    rest = t - w
    if main == "cosine":
        blocks.append(("CosineAnnealingLR", {"T_max": rest, "eta_min": end}))
    elif main == "linear":
        blocks.append(("LinearLR", {"start_factor": 1.0, "end_factor": ratio,
                                    "total_iters": rest}))
    else:
        d = round(f * t)
        if not 1 <= d < rest:
            raise ValueError(
                "Argument `decay_fraction` must leave a stable phase: 1 <= round(decay_fraction "
                f"* total_steps) < total_steps - warmup_steps ({rest}). Received: "
                f"decay_fraction={decay_fraction!r}"
            )
        blocks.append(("ConstantLR", {"factor": 1.0, "total_iters": rest - d}))
        cuts.append(w + rest - d)
        blocks.append(("LinearLR", {"start_factor": 1.0, "end_factor": ratio, "total_iters": d}))
    if len(blocks) == 1:
        name, params = blocks[0]
        return Call("torch", name, {"lr": peak, **params})
    return Call("torch", "SequentialLR", {"lr": peak, "schedulers": blocks, "milestones": cuts})


_PORTS: dict = {}


def _ports(call, total_steps):
    key = (call.code, total_steps)
    if key not in _PORTS:
        steps = range(total_steps + 1)
        _PORTS[key] = {to: compat.port(call, to, steps=steps) for to in ("keras", "optax")}
    return _PORTS[key]


def _port_text(p):
    if p.identical:
        return p.target.code + "\n# identical to the PyTorch call at every step (rounding)"
    if p.fallback:
        return p.fallback + "\n# no native call matches: exact code written from the formula"
    return f"# {p.note}"


# -- framework corners -------------------------------------------------------------------------


@CHAPTER.corner("warmup_cosine")
def warmup_cosine_corner(peak_lr=0.1, warmup_steps=10, decay_steps=90):
    """Warmup + cosine in Keras 3, optax and PyTorch, for the same curve.

    Keras ``CosineDecay(decay_steps=D, warmup_steps=W)`` decays over ``D``
    steps *after* the warmup; optax ``warmup_cosine_decay_schedule`` takes the
    total ``W + D``; PyTorch chains ``LinearLR`` and ``CosineAnnealingLR``.
    """
    w, d = warmup_steps, decay_steps
    return Corner("warmup + cosine", [
        Tab("Keras", [Call("keras", "CosineDecay", {
            "initial_learning_rate": 0.0, "decay_steps": d, "warmup_target": peak_lr,
            "warmup_steps": w})],
            f"`decay_steps={d}` counts the steps after the warmup: the rate reaches its "
            f"floor at step {w + d}."),
        Tab("optax", [Call("optax", "warmup_cosine_decay_schedule", {
            "init_value": 0.0, "peak_value": peak_lr, "warmup_steps": w,
            "decay_steps": w + d})],
            f"`decay_steps={w + d}` includes the {w} warmup steps."),
        Tab("PyTorch", [Call("torch", "SequentialLR", {
            "lr": peak_lr,
            "schedulers": [("LinearLR", {"start_factor": 0.01, "total_iters": w}),
                           ("CosineAnnealingLR", {"T_max": d})],
            "milestones": [w]})],
            "PyTorch's `LinearLR` cannot start at 0 (`start_factor` must be > 0), so this "
            "warmup starts at 1% of the peak; after step "
            f"{w} the curves are the same."),
    ], SOURCES)


@CHAPTER.corner("inverse_sqrt")
def inverse_sqrt_corner(d_model=512, warmup_steps=4000):
    """The Transformer schedule: a LambdaLR in PyTorch, a callable in optax and Keras."""
    d, w = d_model, warmup_steps
    lam = f"lambda k: {d} ** -0.5 * min((k + 1) ** -0.5, (k + 1) * {w} ** -1.5)"
    return Corner("the Transformer's inverse square root", [
        Tab("PyTorch", [Call("torch", "LambdaLR", {"lr": 1.0, "lr_lambda": Expr(lam)})],
            "With `lr=1.0` the lambda gives the rate itself; `k + 1` counts from 1 as the "
            "paper does."),
        Tab("optax", code=f"schedule = lambda count: {d} ** -0.5 * jnp.minimum(\n"
            f"    (count + 1) ** -0.5, (count + 1) * {w} ** -1.5)",
            note="optax has no built-in inverse square root; any function of the step is a "
            "schedule."),
        Tab("Keras", code="class Noam(keras.optimizers.schedules.LearningRateSchedule):\n"
            "    def __call__(self, step):\n"
            "        s = keras.ops.cast(step + 1, 'float32')\n"
            f"        return {d} ** -0.5 * keras.ops.minimum(s ** -0.5, s * {w} ** -1.5)",
            note="Keras 3 has no built-in inverse square root either."),
    ], SOURCES)


# -- exercises ----------------------------------------------------------------------------------

CHAPTER.exercise(
    id="ch06-transformer-peak",
    title="The big Transformer: its peak and step 9000",
    answer="list of 2 floats: the peak rate and the rate at s = 9000, for d_model = 1024, "
           "warmup_steps = 4000 (s counted from 1, as in the paper)",
    kind="sequence",
    reference=lambda: [transformer_peak(1024, 4000),
                       float(S.inverse_sqrt(transformer_peak(1024, 4000),
                                            warmup_steps=4000)(9000 - 1))],
    hints=(
        Hint(lambda: [1024**-0.5 * 4000**-0.5, 1024**-0.5 * 9000 * 4000**-1.5],
             "At s = 9000 you used the warmup term s·W^(-3/2); after the peak the smaller "
             "term is s^(-1/2)."),
        Hint(lambda: [512**-0.5 * 4000**-0.5, 512**-0.5 * 16000**-0.5],
             "Those are the chapter's values for d = 512 and s = 16000; this exercise has "
             "d = 1024 and s = 9000."),
        Hint(lambda: [512**-0.5 * 4000**-0.5, 512**-0.5 * 9000**-0.5],
             "You used d = 512, the base model; the big model has d = 1024."),
    ),
)

CHAPTER.exercise(
    id="ch06-linear-scaling",
    title="The linear scaling rule",
    answer="float: the learning rate for batch size 2048 with eta = 0.1 * B / 256",
    kind="number",
    reference=lambda: linear_scaling(2048),
    hints=(Hint(lambda: 0.1 * math.sqrt(2048 / 256),
                "That is the square-root rule; Goyal et al. scale linearly."),
           Hint(lambda: linear_scaling(8192),
                "That is the rate for batch size 8192, the paper's; here B = 2048.")),
)

CHAPTER.exercise(
    id="ch06-keras-cosine-warmup",
    title="Keras CosineDecay with warmup",
    answer="list of 2 floats: keras.optimizers.schedules.CosineDecay(0.0, decay_steps=90, "
           "warmup_target=0.1, warmup_steps=10) at steps 5 and 55",
    kind="sequence",
    reference=lambda: compat.from_keras("CosineDecay", initial_learning_rate=0.0,
                                        decay_steps=90, warmup_target=0.1,
                                        warmup_steps=10)([5, 55]).tolist(),
    hints=(Hint(lambda: compat.from_optax("warmup_cosine_decay_schedule", init_value=0.0,
                                          peak_value=0.1, warmup_steps=10,
                                          decay_steps=90)([5, 55]).tolist(),
                "You counted the warmup inside decay_steps, as optax does. In Keras the "
                "cosine runs for 90 steps after the warmup."),),
)

CHAPTER.exercise(
    id="ch06-wsd-multipliers",
    title="WSD multipliers",
    answer="list of 3 floats: the multiplier eta_t / eta_peak at steps 50, 500 and 950 for "
           "warmup 100 steps from 0, stable to step 900, linear decay to 0 at step 1000",
    kind="sequence",
    reference=lambda: S.warmup_stable_decay(1.0, warmup_steps=100, stable_steps=800,
                                            decay_steps=100)([50, 500, 950]).tolist(),
    hints=(Hint(lambda: [0.5, 1.0, 0.05],
                "At step 950 the cool-down is half done: 1 - 50/100."),),
)

CHAPTER.exercise(
    id="ch06-exp-half-life",
    title="Exponential decay by half-life",
    answer="float: the multiplier 50 steps into an exponential decay whose half-life is 25 steps",
    kind="number",
    reference=lambda: float(S.exponential_decay(1.0, decay_rate=0.5, decay_steps=25)(50)),
    hints=(Hint(lambda: 0.5, "Two half-lives halve twice."),),
)


# -- explorer ------------------------------------------------------------------------------------

BUDGET, EXTENDED = 1000, 1500


@CHAPTER.explorer
def schedule_composer(W=100, main="wsd", f_d=0.2, T=BUDGET):  # noqa: N803
    r"""Stack a warmup, a main block and a decay; see the Keras, optax and PyTorch code.

    Controls: ``W`` (warmup steps), ``main`` (the block after the warmup),
    ``f_d`` (the WSD cool-down's share of the budget) and ``T`` (the budget,
    1000 steps or extended to 1500). With ``T`` extended the dashed curve is
    the plan for 1000 steps: WSD follows it until its cool-down starts, while
    cosine and linear differ right after the warmup.

    Returns
    -------
    Explorer
    """
    controls = [
        Slider("W", "W (warmup steps)", 0, 200, [0, 50, 100, 200], W, step=50),
        Choice("main", "main block", [(v, k) for k, v in MAIN_BLOCKS.items()], main),
        Slider("f_d", lambda v: "f_d (WSD decay share)" if v["main"] == "wsd"
               else "f_d (WSD only)", 0.1, 0.4, [0.1, 0.2, 0.3, 0.4], f_d, step=0.1),
        Choice("T", "T (budget)", [("1000 steps", BUDGET), ("extended to 1500", EXTENDED)], T),
    ]
    fig = new_figure((6.6, 3.0))
    ax = fig.add_subplot()
    t = np.arange(EXTENDED + 1)
    (plan,) = ax.plot(t, np.full(t.shape, np.nan), color="#d95f02", ls="--", lw=1.6,
                      label="plan, T = 1000", zorder=3)  # dashed on top: both show
    (cur,) = ax.plot(t, np.zeros(t.shape), color="#1f5fa8", ls="-", lw=1.8,
                     label="schedule")  # short labels: the legend fits a phone's axes
    ax.set_xlim(0, EXTENDED)
    ax.set_ylim(0, 0.135)  # headroom above the peak 0.1 for the legend
    ax.set_xlabel("step t")
    ax.set_ylabel("learning rate η_t")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", ncol=2, fontsize="small")

    cache = {}  # the grid is small (96 combinations): keep every computed curve

    def _state(v):
        key = (int(v["W"]), v["main"], round(float(v["f_d"]), 6), int(v["T"]))
        if key not in cache:
            call = composed_call(key[0], key[1], key[3], decay_fraction=key[2])
            base = composed_call(key[0], key[1], BUDGET, decay_fraction=key[2])
            lr = np.where(t <= key[3], call.schedule(t), np.nan)
            lr0 = np.where(t <= BUDGET, base.schedule(t), np.nan)
            cache[key] = dict(call=call, lr=lr, plan=lr0)
        return cache[key]

    def draw(v):
        st = _state(v)
        cur.set_ydata(st["lr"])
        plan.set_ydata(st["plan"] if v["T"] == EXTENDED else np.full(t.shape, np.nan))

    def _same_until(st):
        a, b = st["lr"][: BUDGET + 1], st["plan"][: BUDGET + 1]
        diff = np.flatnonzero(~np.isclose(a, b, rtol=1e-12, atol=0))
        return int(diff[0]) if diff.size else None

    def describe(v):
        st = _state(v)
        text = (f"Learning rate against the step: warmup over {int(v['W'])} steps to 0.1, then "
                f"{MAIN_BLOCKS[v['main']]}, budget {int(v['T'])} steps.")
        if v["T"] == EXTENDED:
            k = _same_until(st)
            text += (f" The extended schedule leaves the 1000-step plan at step {k}."
                     if k is not None else " It follows the 1000-step plan to its end.")
        return text

    def readout(v):
        st = _state(v)
        ports = _ports(st["call"], int(v["T"]))
        items = [Readout("PyTorch (the source)", st["call"].code, code=True),
                 Readout("Keras 3 (from compat.port)", _port_text(ports["keras"]), code=True),
                 Readout("optax (from compat.port)", _port_text(ports["optax"]), code=True)]
        text = ""
        if v["T"] == EXTENDED:
            k = _same_until(st)
            text = (f"the extended schedule follows the plan up to step {k - 1} and differs "
                    f"from step {k}" if k is not None else "identical to the plan")
        items.append(Readout("extension", text))
        return items

    layouts = [Layout((6.6, 3.0)), Layout((3.4, 2.8))]
    return Explorer("schedule_composer", "Schedule composer", controls, fig, draw, describe,
                    animated=[cur, plan], readout=readout, layouts=layouts)
