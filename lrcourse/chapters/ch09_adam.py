"""Chapter 9: Adam and friends, with a bug hunt.

The chapter's computations: Adam's moments step by step (correct and the
source article's version that stores its corrected moments), the article's
learning-rate sweep, the ε / ε̂ factor, RAdam's ρ_t, and Adam + L2 against
AdamW on a noisy quadratic. The notebook ``book/ch09_adam.ipynb`` only calls
these functions.
"""

from __future__ import annotations

import numpy as np

from .. import landscapes, optim
from .._validation import check_int, check_real
from ..corner import Corner, OptimizerCall, Tab
from ..exercises._core import Hint
from ..explorers import Choice, Explorer, Layout, Readout, Slider, grid, new_figure
from ._chapter import Chapter

__all__ = [
    "ARTICLE_LRS",
    "CHAPTER",
    "CORNER_CALLS",
    "adam_corner",
    "adam_bug_lab",
    "article_sweep",
    "data_loss",
    "decay_comparison",
    "decay_left",
    "eps_hat_factor",
    "first_rectified_step",
    "moment_history",
    "radam_rectifier",
    "radam_rho",
    "step_sizes",
    "radam_rho_inf",
]

CHAPTER = Chapter(9, "adam", "Adam and friends, with a bug hunt")

#: The first ten learning rates of the source article's Adam sweep, 2·1.2^-i.
ARTICLE_LRS = 2.0 * 1.2 ** -np.arange(10)

_VARIANTS = ("article", "fixed")


def _optimizer(variant, lr, beta1, beta2):
    if variant not in _VARIANTS:
        raise ValueError(f"Argument `variant` must be one of {_VARIANTS}; got {variant!r}")
    if variant == "article":
        return optim.adam_compounded_bias_correction(lr, beta1=beta1, beta2=beta2)
    return optim.adam(lr, beta1=beta1, beta2=beta2)


def moment_history(variant, lr, *, beta1=0.9, beta2=0.999, steps=1000, x0=-20.0):
    r"""Adam on the article's function, with its second moment recorded at every step.

    ``variant="article"`` is the source article's Adam, which stores its
    bias-corrected moments (:func:`lrcourse.optim.adam_compounded_bias_correction`);
    ``variant="fixed"`` is Adam as in Kingma & Ba, Algorithm 1
    (:func:`lrcourse.optim.adam`). For the fixed version the recorded
    second moment is the corrected copy :math:`\hat v_t = v_t/(1-\beta_2^t)`
    used in the step, so the two columns compare like with like.

    Parameters
    ----------
    variant : {"article", "fixed"}
    lr : float
        :math:`\eta > 0`.
    beta1, beta2 : float
        :math:`\beta_1, \beta_2` in [0, 1).
    steps : int
        Number of updates, >= 1.
    x0 : float
        Start point (the article's -20).

    Returns
    -------
    dict
        ``x`` (steps + 1 iterates), ``r`` (steps values of the second moment
        used in step t = 1..steps; ``inf`` once it overflows) and ``step``
        (the steps' sizes :math:`|x_t - x_{t-1}|`).

    Examples
    --------
    >>> from lrcourse.chapters.ch09_adam import moment_history
    >>> h = moment_history("article", 2.0, steps=3)
    >>> [f"{r:.4g}" for r in h["r"]]
    ['2.702', '1350', '4.501e+05']
    """
    lr = check_real("lr", lr, gt=0)
    steps = check_int("steps", steps, ge=1)
    opt = _optimizer(variant, lr, beta1, beta2)
    land = landscapes.rippled_bowl()
    state = opt.init([float(x0)])
    xs = np.empty(steps + 1)
    rs = np.empty(steps)
    xs[0] = state.x[0]
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps):
            state = opt.update(state, land.grad(state.x), k)
            xs[k + 1] = state.x[0]
            r = state.slots[1][0]
            rs[k] = r if variant == "article" else r / (1 - beta2 ** (k + 1))
    return {"x": xs, "r": rs, "step": np.abs(np.diff(xs))}


def article_sweep(variant, *, beta2=0.999, steps=1000):
    """The article's sweep: Adam from x0 = -20 for each of :data:`ARTICLE_LRS`.

    Parameters
    ----------
    variant : {"article", "fixed"}
    beta2 : float
        0.999 (the article's first sweep) or 0.9 (its "fix").
    steps : int
        Number of updates (the article's 1000).

    Returns
    -------
    dict
        ``end`` (end points, one per rate), ``overflow_at`` (the update at
        which a floating-point overflow happened, or -1) and ``max_abs_x``
        (the largest ``|x|`` of each run).
    """
    land = landscapes.rippled_bowl()
    end, over, far = [], [], []
    for lr in ARTICLE_LRS:
        with np.errstate(over="ignore", invalid="ignore"):
            traj = optim.run(_optimizer(variant, lr, 0.9, beta2), land, x0=-20.0, steps=steps)
        end.append(traj.x[-1, 0])
        over.append(-1 if traj.fp_error_at is None else traj.fp_error_at)
        far.append(np.max(np.abs(traj.x[:, 0])))
    return {"end": np.array(end), "overflow_at": np.array(over), "max_abs_x": np.array(far)}


def eps_hat_factor(t, beta2=0.999):
    r"""The factor :math:`\sqrt{1-\beta_2^t}` with which Keras's ε̂ equals PyTorch's ε.

    PyTorch divides by :math:`\sqrt{\hat v_t} + \epsilon`; Keras and
    TensorFlow fold the corrections into the rate and divide by
    :math:`\sqrt{v_t} + \hat\epsilon`. The two updates are equal when
    :math:`\hat\epsilon = \epsilon\sqrt{1-\beta_2^t}`.

    Examples
    --------
    >>> from lrcourse.chapters.ch09_adam import eps_hat_factor
    >>> print(f"{eps_hat_factor(1):.5f}")
    0.03162
    """
    b2 = check_real("beta2", beta2, ge=0, lt=1)
    t = np.asarray(t, dtype=float)
    if np.any(t < 1):
        raise ValueError(f"Argument `t` must be >= 1 (steps count from 1); got {t.min()!r}")
    return np.sqrt(1 - b2**t)


def radam_rho_inf(beta2=0.999):
    r""":math:`\rho_\infty = 2/(1-\beta_2) - 1` (Liu et al. 2020, eq. 5)."""
    b2 = check_real("beta2", beta2, gt=0, lt=1)
    return 2 / (1 - b2) - 1


def radam_rho(t, beta2=0.999):
    r""":math:`\rho_t = \rho_\infty - 2t\beta_2^t/(1-\beta_2^t)`, the length of RAdam's SMA at step t >= 1."""
    b2 = check_real("beta2", beta2, gt=0, lt=1)
    t = np.asarray(t, dtype=float)
    if np.any(t < 1):
        raise ValueError(f"Argument `t` must be >= 1 (steps count from 1); got {t.min()!r}")
    return radam_rho_inf(b2) - 2 * t * b2**t / (1 - b2**t)


def radam_rectifier(t, beta2=0.999):
    r"""RAdam's rectification factor :math:`q_t`, 0 while :math:`\rho_t \le 5`.

    Liu et al. (2020) call it :math:`r_t`; the chapter writes :math:`q_t`
    because :math:`r` is the article's second moment.

    .. math:: q_t = \sqrt{\frac{(\rho_t-4)(\rho_t-2)\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\rho_t}}
    """
    rho = radam_rho(t, beta2)
    rinf = radam_rho_inf(beta2)
    safe = np.where(rho > 5, rho, 5.0)
    q = np.sqrt((safe - 4) * (safe - 2) * rinf / ((rinf - 4) * (rinf - 2) * safe))
    return np.where(rho > 5, q, 0.0)


def step_sizes(optimizer, grads):
    """The sizes |x_t - x_{t-1}| of the updates an optimiser makes for a given gradient sequence.

    Parameters
    ----------
    optimizer : lrcourse.optim.Optimizer
    grads : sequence of float
        The gradient fed at update 0, 1, ... (one coordinate, independent of x).

    Returns
    -------
    numpy.ndarray
        One step size per gradient.

    Examples
    --------
    >>> from lrcourse import optim
    >>> from lrcourse.chapters.ch09_adam import step_sizes
    >>> step_sizes(optim.adam(0.1), [5.0, 5.0]).round(6)
    array([0.1, 0.1])
    """
    g = np.asarray(grads, dtype=float)
    if g.ndim != 1 or g.size == 0:
        raise ValueError(f"Argument `grads` must be a non-empty 1-D sequence; got shape {g.shape}")
    state = optimizer.init([0.0])
    out = np.empty(g.size)
    for k, gk in enumerate(g):
        new = optimizer.update(state, np.array([gk]), k)
        out[k] = abs(new.x[0] - state.x[0])
        state = new
    return out


def first_rectified_step(beta2=0.999, threshold=5.0):
    """The first step t with ρ_t > ``threshold`` (PyTorch's RAdam rectifies from there on)."""
    t = np.arange(1, 100_001)
    above = np.nonzero(radam_rho(t, beta2) > threshold)[0]
    if above.size == 0:
        raise ValueError(f"ρ_t never exceeds threshold = {threshold!r} for beta2 = {beta2!r}")
    return int(t[above[0]])


_A = np.array([100.0, 1.0])


def data_loss(x):
    r"""The data loss :math:`\tfrac12(100(x_1-1)^2 + (x_2-1)^2)` of iterates ``x`` (last axis 2)."""
    x = np.asarray(x, dtype=float)
    return 0.5 * np.sum(_A * (x - 1.0) ** 2, axis=-1)


def decay_comparison(*, seeds=5, steps=2000, lr=0.01, weight_decay=0.5, noise=1.0):
    r"""Adam + L2 against AdamW on a noisy quadratic with one large-gradient coordinate.

    The loss is :math:`f(x) = \tfrac12\,(100\,(x_1-1)^2 + (x_2-1)^2)` from
    :math:`x_0 = (0, 0)`; each gradient gets Gaussian noise of standard
    deviation ``noise`` per coordinate (one seed per run). Both optimisers
    use :math:`\lambda` = ``weight_decay``: Adam adds :math:`\lambda x` to
    the gradient (PyTorch ``Adam(weight_decay=λ)``), AdamW subtracts
    :math:`\eta\lambda x` from the weights (PyTorch ``AdamW``).

    Returns
    -------
    dict
        ``"adam_l2"``, ``"adamw"`` and ``"adam"`` (no decay), each an array of
        shape (seeds, steps + 1, 2): the iterates of every seed.
    """
    seeds = check_int("seeds", seeds, ge=1)
    steps = check_int("steps", steps, ge=1)
    a = _A
    out = {}
    makers = {
        "adam": lambda: optim.adam(lr),
        "adam_l2": lambda: optim.adam(lr, weight_decay=weight_decay),
        "adamw": lambda: optim.adam(lr, weight_decay=weight_decay, decoupled_weight_decay=True),
    }
    for name, make in makers.items():
        runs = []
        for seed in range(seeds):
            rng = np.random.default_rng(seed)
            noises = rng.normal(0.0, noise, size=(steps, 2))
            it = iter(noises)

            def grad(x, it=it):
                return a * (x - 1.0) + next(it)

            runs.append(optim.run(make(), grad, x0=[0.0, 0.0], steps=steps).x)
        out[name] = np.array(runs)
    return out


# -- framework corner ---------------------------------------------------------------------

#: The corner, one entry per tab: ``label -> [(call, lrcourse optimiser it equals), ...]``.
#: ε and the weight decay, the defaults that differ, are written out. The tests build
#: each call's optimiser from the code shown, compare it with the lrcourse expression
#: in the tab's note, and check each translation against the stored PyTorch and Keras
#: trajectories (``tests/fixtures/optim_reference.json``).
CORNER_CALLS = {
    "PyTorch": [
        (OptimizerCall("torch", "Adam", {"lr": 0.001, "eps": 1e-8, "weight_decay": 0.0}),
         "optim.adam(0.001, eps=1e-8)"),
        (OptimizerCall("torch", "AdamW", {"lr": 0.001, "eps": 1e-8, "weight_decay": 0.01}),
         "optim.adam(0.001, eps=1e-8, weight_decay=0.01, decoupled_weight_decay=True)"),
    ],
    "Keras": [
        (OptimizerCall("keras", "Adam", {"learning_rate": 0.001, "epsilon": 1e-7}),
         "optim.adam(0.001, eps=1e-7, eps_hat=True)"),
        (OptimizerCall("keras", "AdamW", {"learning_rate": 0.001, "weight_decay": 0.004,
                                          "epsilon": 1e-7}),
         "optim.adam(0.001, eps=1e-7, eps_hat=True, weight_decay=0.004, "
         "decoupled_weight_decay=True)"),
    ],
    "optax": [
        (OptimizerCall("optax", "adam", {"learning_rate": 0.001, "eps": 1e-8}),
         "optim.adam(0.001, eps=1e-8)"),
        (OptimizerCall("optax", "adamw", {"learning_rate": 0.001, "eps": 1e-8,
                                          "weight_decay": 1e-4}),
         "optim.adam(0.001, eps=1e-8, weight_decay=1e-4, decoupled_weight_decay=True)"),
    ],
}

_CORNER_NOTES = {
    "PyTorch": "The values written out are the defaults. `eps` is added to "
               "$\\sqrt{\\hat v_t}$. `Adam(weight_decay=λ)` is L2 (λx is added to the "
               "gradient, default 0); `AdamW` decouples it, default 0.01.",
    "Keras": "The values written out are the defaults. `epsilon` is the ε̂ of the efficient "
             "form, added to the uncorrected $\\sqrt{v_t}$. `AdamW` decouples the decay, "
             "default 0.004. Keras rounds the betas of the bias corrections and "
             "`weight_decay` to float32, so lrcourse's exact copy is "
             "`compat.optimizer_from_keras`; the plain call agrees to about 7 digits.",
    "optax": "The values written out are the defaults (optax has no default rate). `eps` is "
             "added to $\\sqrt{\\hat v_t}$, as in PyTorch (`eps_root=0` is inside the root). "
             "`adamw` decouples the decay, default 0.0001. JAX computes in float32 unless "
             "you enable float64.",
}


@CHAPTER.corner("adam")
def adam_corner():
    """Adam and AdamW in PyTorch, Keras and optax: ε placement and the decay defaults."""
    tabs = []
    for label, pairs in CORNER_CALLS.items():
        same = "; ".join(f"`{lc}`" for _, lc in pairs)
        tabs.append(Tab(label, [call for call, _ in pairs],
                        note=f"{_CORNER_NOTES[label]} In lrcourse: {same}."))
    return Corner("Adam and AdamW", tabs, ("torch_adam", "torch_adamw", "keras_adam",
                                           "keras_adamw", "optax_adaptive"))


def decay_left(steps=100_000, x0=1.0):
    r"""What the default AdamW decay leaves of a weight whose gradient is 0, per framework.

    Runs the ``AdamW`` call of each tab of :func:`adam_corner` (rate
    :math:`\eta = 10^{-3}`) for ``steps`` updates on a loss with zero
    gradient, so only the decoupled decay acts: each update multiplies the
    weight by :math:`1 - \eta\lambda`.

    Parameters
    ----------
    steps : int
        Number of updates, >= 1.
    x0 : float
        Start value of the weight, non-zero.

    Returns
    -------
    dict
        ``tab label -> (weight_decay, x_steps / x0)``.

    Examples
    --------
    >>> from lrcourse.chapters.ch09_adam import decay_left
    >>> {k: round(v[1], 4) for k, v in decay_left(1000).items()}
    {'PyTorch': 0.99, 'Keras': 0.996, 'optax': 0.9999}
    """
    steps = check_int("steps", steps, ge=1)
    x0 = check_real("x0", x0)
    if x0 == 0:
        raise ValueError("Argument `x0` must be non-zero (the result is a fraction of it). "
                         "Received: x0=0.0")
    out = {}
    for label, pairs in CORNER_CALLS.items():
        call = pairs[1][0]
        traj = optim.run(call.optimizer, lambda x: np.zeros_like(x), x0=[x0], steps=steps)
        out[label] = (float(call.values["weight_decay"]), float(traj.x[-1, 0] / x0))
    return out


# -- explorer -----------------------------------------------------------------------------

_STEPS = 1000
_EVERY = 4  # the explorer draws every 4th step: 251 points per curve
_BETA2 = (0.999, 0.9)


def _lab_grid():
    """All runs of the bug lab, computed once (40 runs of 1000 steps, well under a second)."""
    runs = {}
    for variant in _VARIANTS:
        for b2 in _BETA2:
            for lr in ARTICLE_LRS:
                runs[variant, b2, float(lr)] = moment_history(variant, float(lr), beta2=b2)
    return runs


_GRID = {}


@CHAPTER.explorer
def adam_bug_lab(variant="article", beta2=0.999, lr=float(ARTICLE_LRS[0])):
    r"""The bug lab: the second moment :math:`r_t` and the iterate :math:`x_t` of Adam.

    Controls: ``variant`` (the article's Adam, which stores its corrected
    moments, or the fixed Adam of Kingma & Ba), ``beta2`` (:math:`\beta_2`)
    and ``lr`` (:math:`\eta`, the first ten rates of the article's sweep).
    The left panel shows :math:`\log_{10} r_t` with the largest float64
    number (about 1.8e308) as a dashed line: the article's :math:`r_t` reaches it and
    becomes ``inf`` (the curve stops). The right panel shows :math:`x_t`.

    Returns
    -------
    Explorer
    """
    if not _GRID:
        _GRID.update(_lab_grid())
    lrs = [float(v) for v in ARTICLE_LRS[::-1]]
    controls = [
        Choice("variant", "Adam", [("the article's (stores corrected moments)", "article"),
                                   ("fixed (Kingma & Ba, Alg. 1)", "fixed")], variant),
        Choice("beta2", "β₂", [("0.999", 0.999), ("0.9", 0.9)], beta2),
        Slider("lr", "η", lrs[0], lrs[-1], lrs, float(lr), log=True, fmt=lambda v: f"{v:.3g}"),
    ]
    fig = new_figure((6.6, 3.0))
    ax_r, ax_x = fig.subplots(1, 2)
    t = np.arange(1, _STEPS + 1)[_EVERY - 1::_EVERY]
    (r_line,) = ax_r.plot(t, np.zeros_like(t, dtype=float), "-", color="#1f5fa8", lw=1.5,
                          label="log₁₀ r_t")
    ax_r.axhline(np.log10(np.finfo(float).max), color="#b2182b", ls="--", lw=1.0,
                 label="largest float64")
    ax_r.set_ylim(-10, 330)
    ax_r.set_xlim(0, _STEPS)
    ax_r.set_xlabel("step t")
    ax_r.set_ylabel("log₁₀ r_t (second moment)")
    ax_r.legend(loc="center right", fontsize="small")
    ax_r.grid(alpha=0.3)
    ts = np.arange(0, _STEPS + 1)[::_EVERY]
    (x_line,) = ax_x.plot(ts, np.zeros_like(ts, dtype=float), "-", color="#1b7837", lw=1.5)
    ax_x.axhline(-2.9345, color="#666666", ls=":", lw=1.0, label="global minimiser")
    ax_x.legend(loc="upper left", fontsize="small")
    ax_x.set_xlim(0, _STEPS)
    ax_x.set_ylim(-25, 25)
    ax_x.set_xlabel("step t")
    ax_x.set_ylabel("x_t (clipped to ±25)")
    ax_x.grid(alpha=0.3)

    def _run(v):
        return _GRID[v["variant"], float(v["beta2"]), float(v["lr"])]

    def draw(v):
        h = _run(v)
        r = h["r"][_EVERY - 1::_EVERY]
        with np.errstate(divide="ignore"):
            r_line.set_ydata(np.where(np.isfinite(r), np.log10(np.maximum(r, 1e-300)), np.nan))
        x_line.set_ydata(np.clip(h["x"][::_EVERY], -25, 25))

    def _overflow(h):
        bad = np.nonzero(~np.isfinite(h["r"]))[0]
        return int(bad[0]) + 1 if bad.size else None

    def describe(v):
        h = _run(v)
        over = _overflow(h)
        name = "the article's Adam" if v["variant"] == "article" else "fixed Adam"
        text = (f"{name} with β₂ = {v['beta2']:g} and η = {v['lr']:.3g}: "
                f"x ends at {h['x'][-1]:.4g}, the largest |x| is {np.max(np.abs(h['x'])):.4g}. ")
        if over:
            text += f"r_t overflows to inf at step {over}; the iterate is frozen from then on."
        else:
            text += f"r_t stays finite (largest {np.max(h['r']):.3g})."
        return text

    def readout(v):
        h = _run(v)
        over = _overflow(h)
        return [
            Readout("r_t becomes inf at step", str(over) if over else "never"),
            Readout("largest finite r_t", f"{np.max(h['r'][np.isfinite(h['r'])]):.3g}"),
            Readout("x_1000", f"{h['x'][-1]:.4g}"),
        ]

    layouts = [Layout((6.6, 3.0), grid(1, 2, widths=[1, 1])),
               Layout((3.4, 5.2), grid(2, 1, heights=[1, 1]))]
    return Explorer("adam_bug_lab", "The Adam bug lab: r_t and x_t", controls, fig, draw,
                    describe, animated=[r_line, x_line], readout=readout, layouts=layouts)


# -- exercises ----------------------------------------------------------------------------

def _first_adam_x1():
    opt = optim.adam(0.1)
    land = landscapes.rippled_bowl()
    state = opt.init([-20.0])
    return float(opt.update(state, land.grad(state.x), 0).x[0])


CHAPTER.exercise(
    id="ch09-first-adam-step",
    title="The first Adam step",
    answer="float: x_1 of PyTorch Adam(lr=0.1) (default betas, eps) on the article's function from x_0 = -20",
    kind="number",
    reference=_first_adam_x1,
    hints=(Hint(lambda: -20.1, "You moved against the sign: f'(-20) is negative, so Adam "
                "steps to the right, by lr·sign(g)."),),
)

CHAPTER.exercise(
    id="ch09-eps-hat-ratio",
    title="ε̂ against ε after five steps",
    answer="float: the ratio ε̂/ε at t = 5 (β₂ = 0.999) that makes Keras's and PyTorch's Adam equal",
    kind="number",
    reference=lambda: float(eps_hat_factor(5, 0.999)),
    hints=(Hint(lambda: float(eps_hat_factor(1, 0.999)),
                "That is the ratio at t = 1, printed in the chapter. Use t = 5."),
           Hint(lambda: float(eps_hat_factor(10, 0.999)),
                "That is the ratio at t = 10, printed in the chapter. Use t = 5."),
           Hint(lambda: 1 - 0.999 ** 5, "That is 1 - β₂^t; the factor is its square root."),
           Hint(lambda: 1 - 0.999, "That is 1 - β₂ (t = 1, no square root). Use t = 5."),),
)

CHAPTER.exercise(
    id="ch09-radam-rho",
    title="RAdam's ρ_∞ and its first rectified step",
    answer=("list of 2 numbers: ρ_∞ for β₂ = 0.99, and the first step t (counting from 1) with "
            "ρ_t > 4, the threshold of the RAdam paper"),
    kind="sequence",
    reference=lambda: [radam_rho_inf(0.99), first_rectified_step(0.99, threshold=4.0)],
    hints=(Hint(lambda: [200.0, 5], "ρ_∞ = 2/(1 - β₂) - 1: you forgot the - 1."),
           Hint(lambda: [199.0, 4], "ρ_4 is just under 4 (3.975); the rule is ρ_t > 4."),
           Hint(lambda: [199.0, 6], "6 is the first step for PyTorch's threshold 5; the paper's "
                "threshold is 4."),),
)

CHAPTER.exercise(
    id="ch09-overflow-step",
    title="When does the article's r overflow?",
    answer=("integer: the first step t (counting from 1) at which the article's r becomes inf "
            "(β₂ = 0.9995, η = 2)"),
    kind="number",
    reference=lambda: int(np.nonzero(~np.isfinite(
        moment_history("article", 2.0, beta2=0.9995)["r"]))[0][0]) + 1,
    hints=(Hint(lambda: 223, "223 counts the updates from 0 (as `fp_error_at` does); "
                "the steps t count from 1."),
           Hint(lambda: 328, "328 is the overflow step for β₂ = 0.999, the lab's setting; "
                "this exercise uses β₂ = 0.9995."),),
)
