"""Chapter 11: vanishing and exploding gradients.

The chain-rule product, sigmoid's slope bound, per-layer gradient norms of
deep networks (:mod:`lrcourse.nn`) for each activation and initialisation,
batch normalisation, residual connections and gradient-norm clipping. The
notebook ``book/ch11_vanishing_exploding.ipynb`` only calls these functions.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .._validation import check_bool, check_choice, check_int, check_real
from ..corner import Corner, Tab
from ..exercises._core import Hint
from ..explorers import Choice, Explorer, Layout, Readout, Slider, grid, new_figure
from ..nn import MLP, clip_grad_norm, init_std, train, two_moons
from ..nn._activations import activate
from ..optim import gd
from ._chapter import Chapter

__all__ = [
    "CHAPTER",
    "chain_bound",
    "depth_probe",
    "layer_grad_norms",
    "norm_ratio_table",
    "sigmoid_slope_max",
    "train_deep",
]

CHAPTER = Chapter(11, "vanishing_exploding", "Vanishing and exploding gradients")

ACTIVATIONS = ("sigmoid", "tanh", "relu")
INITS = ("normal", "glorot", "he")
#: Width of every hidden layer, and batch size, of the depth probe.
WIDTH = 16
BATCH = 32
#: Seeds of the depth probe: every result is shown over these.
SEEDS = (0, 1, 2)


# -- the chapter's computations -----------------------------------------------------------


def sigmoid_slope_max(n_points=200_001, x_max=20.0):
    r"""The largest slope :math:`\max_x \sigma'(x)` of the sigmoid, on a grid.

    .. math:: \sigma'(x) = \sigma(x)\,(1 - \sigma(x)) \le \tfrac14,
       \quad\text{with equality at } x = 0

    Parameters
    ----------
    n_points : int
        Grid points on :math:`[-x_{\max}, x_{\max}]` (odd, so 0 is on the grid), >= 3.
    x_max : float
        Half-width of the grid, > 0.

    Returns
    -------
    (float, float)
        The largest slope and where it is reached.

    Examples
    --------
    >>> from lrcourse.chapters.ch11_vanishing_exploding import sigmoid_slope_max
    >>> sigmoid_slope_max()
    (0.25, 0.0)
    """
    n = check_int("n_points", n_points, ge=3)
    if n % 2 == 0:
        raise ValueError(f"Argument `n_points` must be odd (so that 0 is on the grid). "
                         f"Received: n_points={n}")
    xm = check_real("x_max", x_max, gt=0)
    x = np.linspace(-xm, xm, n)
    _, slope = activate("sigmoid", x, 0.0)
    k = int(np.argmax(slope))
    return float(slope[k]), float(x[k])


def chain_bound(n_layers, slope=0.25):
    r"""Upper bound :math:`s^n` on the product of :math:`n` activation slopes.

    With unit weights, the gradient that reaches layer 0 through :math:`n`
    sigmoid layers is a product of :math:`n` slopes, each at most
    :math:`s = 1/4`.

    Parameters
    ----------
    n_layers : int
        :math:`n` >= 0.
    slope : float
        :math:`s` > 0, the largest slope of one layer.

    Returns
    -------
    float

    Examples
    --------
    >>> from lrcourse.chapters.ch11_vanishing_exploding import chain_bound
    >>> f"{chain_bound(10):.3e}"
    '9.537e-07'
    """
    n = check_int("n_layers", n_layers, ge=0)
    s = check_real("slope", slope, gt=0)
    return float(s**n)


@lru_cache(maxsize=4096)
def _norms(depth, activation, init, gain, batch_norm, residual, seed):
    X, y = two_moons(BATCH, noise=0.1, seed=0)
    net = MLP((2,) + (WIDTH,) * depth + (2,), activation=activation, init=init, gain=gain,
              batch_norm=batch_norm, residual=residual, seed=seed)
    _, grads = net.loss_and_grads(X, y)
    n = net.layer_grad_norms(grads)
    n.setflags(write=False)
    return n


def layer_grad_norms(depth, activation, init, *, gain=1.0, batch_norm=False, residual=False,
                     seeds=SEEDS):
    r"""Per-layer gradient norms :math:`\|\partial\mathcal L/\partial W_l\|_F` of a fresh network.

    The network is ``MLP((2, 16, ..., 16, 2))`` with ``depth`` hidden layers
    of :data:`WIDTH` = 16 units, so :math:`L` = ``depth + 1`` weight matrices;
    the loss is the cross-entropy on :data:`BATCH` = 32 points of
    ``two_moons(32, noise=0.1, seed=0)``, before any training. Results are
    cached (one forward and backward pass per network).

    Parameters
    ----------
    depth : int
        Number of hidden layers, >= 1 (>= 2 with ``residual``).
    activation : {"sigmoid", "tanh", "relu"}
    init : {"normal", "glorot", "he"}
        ``"normal"`` is the naive :math:`\mathcal N(0, 1)`.
    gain : float
        Factor :math:`g` > 0 on the standard deviation of every weight.
    batch_norm, residual : bool
    seeds : sequence of int
        One network per seed.

    Returns
    -------
    numpy.ndarray, shape (len(seeds), depth + 1)
        Row :math:`s`, column :math:`l - 1`: the norm for layer :math:`l`.

    Raises
    ------
    TypeError, ValueError
        For a bad argument (the message names it).

    Examples
    --------
    >>> from lrcourse.chapters.ch11_vanishing_exploding import layer_grad_norms
    >>> layer_grad_norms(4, "relu", "he", seeds=(0, 1)).shape
    (2, 5)
    """
    depth = check_int("depth", depth, ge=1)
    activation = check_choice("activation", activation, ACTIVATIONS)
    init = check_choice("init", init, INITS)
    gain = check_real("gain", gain, gt=0)
    batch_norm = check_bool("batch_norm", batch_norm)
    residual = check_bool("residual", residual)
    if residual and depth < 2:
        raise ValueError("Argument `depth` must be >= 2 with residual=True (a residual connection "
                         f"joins two hidden layers). Received: depth={depth}")
    seeds = tuple(check_int("seeds", s, ge=0) for s in seeds)
    if not seeds:
        raise ValueError("Argument `seeds` must hold at least one seed. Received: seeds=()")
    return np.array([_norms(depth, activation, init, gain, batch_norm, residual, s)
                     for s in seeds])


def norm_ratio_table(depth=20, *, seeds=SEEDS, batch_norm=False, residual=False, gain=1.0):
    r"""The ratio :math:`\rho = \|\partial\mathcal L/\partial W_1\| / \|\partial\mathcal L/\partial W_L\|`
    for every activation and initialisation.

    :math:`\rho \ll 1`: the gradient vanishes on its way to the input;
    :math:`\rho \gg 1`: it explodes.

    Returns
    -------
    dict
        ``(activation, init) -> (median, min, max)`` of :math:`\rho` over the seeds.

    Examples
    --------
    >>> from lrcourse.chapters.ch11_vanishing_exploding import norm_ratio_table
    >>> t = norm_ratio_table(4, seeds=(0, 1))
    >>> len(t), t["relu", "he"][1] <= t["relu", "he"][0] <= t["relu", "he"][2]
    (9, True)
    """
    out = {}
    for act in ACTIVATIONS:
        for init in INITS:
            n = layer_grad_norms(depth, act, init, gain=gain, batch_norm=batch_norm,
                                 residual=residual, seeds=seeds)
            r = n[:, 0] / n[:, -1]
            out[act, init] = (float(np.median(r)), float(r.min()), float(r.max()))
    return out


def format_ratio_table(table):
    """The table of :func:`norm_ratio_table` as aligned text, 40 characters wide.

    Narrow enough for a phone's column (about 40 characters of output): a
    wider line wraps, and the browser may break a number like 5.79e-05 at
    its minus sign.

    >>> print(format_ratio_table({("sigmoid", "glorot"): (2.13e-10, 1.37e-10, 2.61e-10)}))
    φ       init    median ρ     min     max
    sigmoid glorot  2.13e-10 1.4e-10 2.6e-10
    """
    lines = [f"{'φ':<8}{'init':<7}{'median ρ':>9}{'min':>8}{'max':>8}"]
    for (act, init), (med, lo, hi) in table.items():
        lines.append(f"{act:<8}{init:<7}{med:9.2e}{lo:8.1e}{hi:8.1e}")
    return "\n".join(lines)


#: The networks trained in the chapter: label -> MLP keyword arguments.
TRAIN_CONFIGS = {
    "sigmoid, Glorot": dict(activation="sigmoid", init="glorot"),
    "sigmoid, Glorot, batch norm": dict(activation="sigmoid", init="glorot", batch_norm=True),
    "ReLU, He": dict(activation="relu", init="he"),
}


def train_deep(configs=None, *, depth=8, width=16, steps=200, lr=0.1, seeds=SEEDS):
    r"""Train deep networks with plain gradient descent on two moons, over several seeds.

    Each network is ``MLP((2, width, ..., width, 2))`` with ``depth`` hidden
    layers, trained for ``steps`` full-batch steps of ``gd(lr)`` on
    ``two_moons(64, noise=0.1, seed=0)``.

    Parameters
    ----------
    configs : mapping, optional
        ``label -> MLP keyword arguments``; default :data:`TRAIN_CONFIGS`.
    depth, width, steps : int
    lr : float
    seeds : sequence of int

    Returns
    -------
    losses : dict
        ``label -> array (seeds, steps)`` of the training loss (for
        :func:`lrcourse.plotting.plot_losses`).
    accuracy : dict
        ``label -> array (seeds,)``: training accuracy at the end.
    first_norm : dict
        ``label -> array (seeds,)``: :math:`\|\partial\mathcal L/\partial W_1\|` at step 0.
    """
    configs = TRAIN_CONFIGS if configs is None else configs
    depth = check_int("depth", depth, ge=1)
    width = check_int("width", width, ge=1)
    steps = check_int("steps", steps, ge=2)
    X, y = two_moons(64, noise=0.1, seed=0)
    losses, acc, first = {}, {}, {}
    for label, kw in configs.items():
        runs, a, f = [], [], []
        for s in seeds:
            net = MLP((2,) + (width,) * depth + (2,), seed=s, **kw)
            res = train(net, gd(lr), X, y, steps=steps)
            runs.append(res.loss)
            a.append(res.model.accuracy(X, y))
            f.append(res.grad_norms[0, 0])
        losses[label], acc[label], first[label] = np.array(runs), np.array(a), np.array(f)
    return losses, acc, first


# -- framework corner ----------------------------------------------------------------------


@CHAPTER.corner("clip_init")
def clip_init_corner(max_norm=1.0):
    """Initialisation and gradient-norm clipping in Keras 3, PyTorch and optax."""
    return Corner("initialisation and gradient clipping", [
        Tab("Keras", code=(
            'layer = keras.layers.Dense(256, activation="relu",\n'
            '                           kernel_initializer="he_normal")\n'
            f"optimizer = keras.optimizers.SGD(learning_rate=0.1, global_clipnorm={max_norm!r})"),
            note=("`glorot_uniform` is the Dense default. `global_clipnorm` clips the norm of all "
                  "gradients together, like `clip_grad_norm_`; `clipnorm` clips each variable "
                  "on its own.")),
        Tab("PyTorch", code=(
            "torch.nn.init.kaiming_normal_(layer.weight, nonlinearity=\"relu\")\n"
            "loss.backward()\n"
            f"total = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm={max_norm!r})\n"
            "optimizer.step()"),
            note=("`nn.Linear` starts from a uniform law with variance 1/(3 n_in), neither Glorot "
                  "nor He. `clip_grad_norm_` returns the norm *before* clipping.")),
        Tab("optax", code=(
            "optimizer = optax.chain(\n"
            f"    optax.clip_by_global_norm({max_norm!r}),\n"
            "    optax.sgd(learning_rate=0.1),\n"
            ")"),
            note="Flax's `nn.Dense` uses `lecun_normal` (variance 1/n_in) by default."),
    ], ("torch_clip_grad", "keras_optimizer_base", "optax_clipping"))


# -- exercises ----------------------------------------------------------------------------

CHAPTER.exercise(
    id="ch11-sigmoid-bound",
    title="The sigmoid bound through 6 layers",
    answer="float: the largest possible product of 6 sigmoid slopes σ'(z_l) (unit weights)",
    kind="number",
    reference=lambda: chain_bound(6, sigmoid_slope_max()[0]),
    hints=(
        Hint(lambda: 0.25**5, "You multiplied 5 slopes: 6 layers give 6 factors."),
        Hint(lambda: 1.5, "You added the slopes: the chain rule multiplies them."),
        Hint(lambda: 0.25, "That is one layer; raise it to the power 6."),
    ),
)

CHAPTER.exercise(
    id="ch11-init-variances",
    title="Glorot and He variances for a 256×256 layer",
    answer="list of 2 floats: [Glorot variance, He variance] of the weights of a 256×256 layer",
    kind="sequence",
    reference=lambda: [init_std("glorot", 256, 256) ** 2, init_std("he", 256, 256) ** 2],
    step_label="entry",
    first_step=1,  # "entry 1" is the first
    hints=(
        Hint(lambda: [init_std("glorot", 256, 256), init_std("he", 256, 256)],
             "These are standard deviations: square them to get variances."),
        Hint(lambda: [1 / 256, 1 / 256],
             "He's variance is 2/n_in, not 1/n_in (1/n_in is LeCun's)."),
        Hint(lambda: [2 / 256, 1 / 256], "The two are swapped: Glorot is 2/(n_in + n_out)."),
    ),
)


def _clip(g, max_norm=2.0):
    return clip_grad_norm([np.asarray(g, dtype=float)], max_norm)[0][0]


# The chapter clips (3, 4) and (0.3, 0.4) with max_norm = 1 above the exercises;
# the exercises ask for other gradients and max_norm = 2.
CHAPTER.exercise(
    id="ch11-clip-large",
    title="Clipping (5, 12) with max_norm 2",
    answer="list of 2 floats: clip_grad_norm applied to g = (5, 12) with max_norm = 2",
    kind="sequence",
    reference=lambda: _clip([5.0, 12.0]),
    step_label="entry",
    first_step=1,  # "entry 1" is the first
    hints=(
        Hint(lambda: [5.0, 12.0], "The norm of (5, 12) is 13 > 2, so clipping changes it."),
        Hint(lambda: [2.0, 2.0], "Clipping by norm scales the whole vector; it does not clip "
                                  "each entry to 2 (that is clipping by value)."),
        Hint(lambda: _clip([5.0, 12.0], 1.0), "Your gradient has norm 1: here max_norm = 2."),
        Hint(lambda: _clip([3.0, 4.0], 1.0), "That is the chapter's example, (3, 4) with "
                                              "max_norm = 1; here g = (5, 12) and max_norm = 2."),
    ),
)

CHAPTER.exercise(
    id="ch11-clip-small",
    title="Clipping (0.5, 1.2) with max_norm 2",
    answer="list of 2 floats: clip_grad_norm applied to g = (0.5, 1.2) with max_norm = 2",
    kind="sequence",
    reference=lambda: _clip([0.5, 1.2]),
    step_label="entry",
    first_step=1,  # "entry 1" is the first
    hints=(
        Hint(lambda: [0.5 * 2 / 1.3, 1.2 * 2 / 1.3],
             "You scaled the gradient up to norm 2. The clip coefficient is clamped at 1: "
             "clipping never enlarges a gradient."),
        Hint(lambda: [0.5 / 1.3, 1.2 / 1.3],
             "You scaled the gradient to norm 1. Its norm, 1.3, is below max_norm = 2, so "
             "clipping leaves it as it is."),
        Hint(lambda: [0.3, 0.4], "That is the chapter's example; here g = (0.5, 1.2)."),
    ),
)


# -- explorer -----------------------------------------------------------------------------

_COLOURS = {"before": "#1f5fa8", "after": "#c0392b"}
_YLIM = (1e-30, 1e30)
_MAX_DEPTH = 32


_ON_OFF = [("off", False), ("on", True)]


@CHAPTER.explorer
def depth_probe(depth=16, activation="sigmoid", init="glorot", gain=1.0, batch_norm=False,
                residual=False, max_norm=1.0):
    r"""Depth probe: per-layer gradient norms of a fresh deep network, and clipping.

    Controls: ``depth`` (hidden layers; :math:`L` = depth + 1 weight
    matrices), ``activation`` (:math:`\phi`), ``init``, ``gain`` (:math:`g`,
    the weight scale), ``batch_norm``, ``residual`` and ``max_norm``
    (:math:`\tau`). The left panel shows
    :math:`\|\partial\mathcal L/\partial W_l\|_F` for :math:`l = 1, \dots, L`
    on a log axis: the median over three seeds (solid) and the lowest and
    highest seed (dotted, triangles). The right panel shows the same norms after
    ``clip_grad_norm(grads, max_norm=τ)`` (median, dashed) and the line
    :math:`\tau`: clipping multiplies every layer by the same factor
    :math:`\le 1`, so the shape of the profile never changes.

    Returns
    -------
    Explorer
    """
    controls = [
        Slider("depth", "hidden layers", 2, _MAX_DEPTH, [4, 8, 16, 32], depth, integer=True,
               step=1),
        Choice("activation", "φ", [(a, a) for a in ACTIVATIONS], activation),
        Choice("init", "init", [("naive N(0, 1)", "normal"), ("Glorot", "glorot"), ("He", "he")],
               init),
        Slider("gain", "g (weight scale)", 0.25, 4.0, [0.5, 1.0, 2.0, 4.0], gain, log=True),
        Choice("batch_norm", "batch norm", _ON_OFF, batch_norm),
        Choice("residual", "residual", _ON_OFF, residual),
        Slider("max_norm", "τ (max_norm)", 1e-3, 100.0, [0.01, 0.1, 1.0, 10.0], max_norm,
               log=True),
    ]
    # Precompute every network of the control grid once (cached across builds), so
    # that an update only redraws: 4 depths x 3 activations x 3 inits x 4 gains x 2 x 2.
    for c_depth in controls[0].values:
        for c_act in ACTIVATIONS:
            for c_init in INITS:
                for c_gain in controls[3].values:
                    for c_bn in (False, True):
                        for c_res in (False, True):
                            layer_grad_norms(int(c_depth), c_act, c_init, gain=c_gain,
                                             batch_norm=c_bn, residual=c_res)
    fig = new_figure((6.6, 3.2))
    ax, axc = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    layers = np.arange(1, _MAX_DEPTH + 2)
    nan = np.full(layers.size, np.nan)
    (med,) = ax.plot(layers, nan, "o-", ms=3, color=_COLOURS["before"], label="median")
    (lo,) = ax.plot(layers, nan, ":v", ms=2.5, color=_COLOURS["before"], lw=1.0,
                    label="lowest seed")
    (hi,) = ax.plot(layers, nan, ":^", ms=2.5, color=_COLOURS["before"], lw=1.0,
                    label="highest seed")
    (cmed,) = axc.plot(layers, nan, "s--", ms=3, color=_COLOURS["after"], label="after clipping")
    (bmed,) = axc.plot(layers, nan, "-", color=_COLOURS["before"], lw=1.0, alpha=0.8,
                       zorder=3, label="before")
    tau = axc.axhline(1.0, color="#555555", lw=1.0, ls="-.", label="τ")
    for a, title in ((ax, "gradient norm per layer"), (axc, "clipping panel")):
        a.set_yscale("log")
        a.set_ylim(*_YLIM)
        a.set_xlim(0, _MAX_DEPTH + 2)
        a.set_xlabel("layer l (input → output)")
        a.set_title(title, fontsize="medium")
        a.grid(alpha=0.3)
    ax.set_ylabel(r"$\|\partial\mathcal{L}/\partial W_l\|$ (3 seeds)")
    ax.legend(loc="lower right", fontsize="small")
    axc.legend(loc="lower right", fontsize="small")
    drawn = {}

    def _compute(v):
        if drawn.get("values") == v:
            return drawn
        n = layer_grad_norms(int(v["depth"]), v["activation"], v["init"], gain=v["gain"],
                             batch_norm=v["batch_norm"], residual=v["residual"])
        clipped, totals = [], []
        for row in n:
            # The total norm of all weight gradients; clipping scales every layer by c.
            total = float(np.sqrt(np.sum(row**2)))
            c = min(1.0, v["max_norm"] / (total + 1e-6))
            clipped.append(row * c)
            totals.append(total)
        drawn.update(values=dict(v), n=n, clipped=np.array(clipped), totals=np.array(totals))
        return drawn

    def _show(line, y):
        full = np.full(layers.size, np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            full[: y.size] = np.clip(y, *_YLIM)
        line.set_ydata(full)

    def draw(v):
        d = _compute(v)
        n, c = d["n"], d["clipped"]
        _show(med, np.median(n, axis=0))
        _show(lo, n.min(axis=0))
        _show(hi, n.max(axis=0))
        _show(bmed, np.median(n, axis=0))
        _show(cmed, np.median(c, axis=0))
        tau.set_ydata([v["max_norm"], v["max_norm"]])

    def describe(v):
        d = _compute(v)
        m = np.median(d["n"], axis=0)
        return (f"Gradient norms of a network with {int(v['depth'])} hidden layers "
                f"({v['activation']}, {v['init']} init, g = {v['gain']:g}, batch norm "
                f"{'on' if v['batch_norm'] else 'off'}, residual "
                f"{'on' if v['residual'] else 'off'}): layer 1 {m[0]:.2g}, last layer "
                f"{m[-1]:.2g} (median of 3 seeds). After clipping at τ = {v['max_norm']:g} "
                "every layer is scaled by the same factor.")

    def readout(v):
        d = _compute(v)
        n = d["n"]
        r = n[:, 0] / n[:, -1]
        total = float(np.median(d["totals"]))
        c = min(1.0, v["max_norm"] / (total + 1e-6))
        return [
            Readout("ρ = ‖∂L/∂W_1‖ / ‖∂L/∂W_L‖ (median; min–max)",
                    f"{np.median(r):.2g} ({r.min():.2g} – {r.max():.2g})"),
            Readout("total norm ‖g‖ (median)", f"{total:.3g}"),
            Readout("clip factor min(1, τ/‖g‖)",
                    f"{c:.3g}" + (" (no change: clipping never enlarges)" if c >= 1 else "")),
        ]

    layouts = [Layout((6.6, 3.2), grid(1, 2, widths=[1.3, 1])),
               Layout((3.4, 5.6), grid(2, 1, heights=[1.25, 1]))]
    return Explorer("depth_probe", "Depth probe: per-layer gradient norms and clipping",
                    controls, fig, draw, describe,
                    animated=[med, lo, hi, cmed, bmed, tau], readout=readout, layouts=layouts)
