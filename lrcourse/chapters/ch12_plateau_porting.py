"""Chapter 12, validation-driven and custom schedules, and porting: explorers, exercises, corners.

Two parts. First, the rate that reacts to a validation loss
(``ReduceLROnPlateau`` in PyTorch and Keras, reproduced by
:class:`lrcourse.schedules.ReduceOnPlateau` through :mod:`lrcourse.compat`):
:func:`plateau_trace` replays a list of validation losses epoch by epoch and
says what each framework decides, :func:`plateau_descent` trains a noisy toy
problem with either rule over several seeds, and :func:`plateau_simulator`
shows both frameworks' decisions side by side. Second, custom and chained
schedules, and porting a schedule from one framework to another with
:func:`lrcourse.compat.port` (:func:`port_checker`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.lines import Line2D

from .. import compat
from .._validation import check_choice, check_int, check_real
from ..compat import port
from ..corner import Call, Corner, Expr, Tab
from ..exercises._core import Hint
from ..explorers import Choice, Explorer, Layout, Readout, Slider, grid, new_figure
from ._chapter import Chapter
from .ch02_step_exponential import CURVATURES, X0

__all__ = [
    "CHAPTER", "CURVES", "KERAS3_HISTORY", "PORT_SOURCES", "PlateauDescent", "PlateauTrace",
    "chaining_calls", "custom_schedule", "plateau_descent", "plateau_trace", "port_checker",
    "plateau_simulator", "port_table", "simulator_params", "validation_curve",
]

CHAPTER = Chapter(12, "plateau_porting", "Validation-driven and custom schedules, and porting")

#: Framework sources cited under the corners of this chapter.
SOURCES = ("torch_lr_scheduler", "keras_reduce_lr_on_plateau", "keras_lr_schedule",
           "optax_schedules", "optax_join")

_BLUE, _RED, _GREY, _GREEN = "#1f5fa8", "#b03a2e", "#555555", "#2e7d32"
_NAMES = {"torch": "PyTorch", "keras": "Keras"}


# -- replaying a plateau rule ----------------------------------------------------------------


@dataclass(frozen=True)
class PlateauTrace:
    """What one framework's ``ReduceLROnPlateau`` decides, epoch by epoch.

    Attributes
    ----------
    lr : numpy.ndarray
        The rate after each epoch's scheduler step (used by the next epoch).
    cuts : tuple of int
        The epochs (counted from 1) after which the rate was lowered.
    marks : tuple of str
        One mark per epoch: ``"+"`` an improvement, a digit the number of bad
        epochs counted so far, ``"↓"`` a reduction, ``"c"`` a bad epoch not
        counted (cooldown) and ``"="`` a bad epoch at the lowest rate.
    call : str
        The framework code of the policy.
    """

    lr: np.ndarray
    cuts: tuple
    marks: tuple
    call: str

    @property
    def first_cut(self) -> int | None:
        """The first epoch (from 1) after which the rate was lowered, or None."""
        return self.cuts[0] if self.cuts else None

    def marks_text(self) -> str:
        """The marks as one line, e.g. ``"+ + 1 2 ↓ 1"``."""
        return " ".join(self.marks)


def _policy_code(framework, lr0, params) -> str:
    args = ", ".join(f"{k}={v!r}" for k, v in params.items())
    if framework == "torch":
        return (f"optimizer = torch.optim.SGD(params, lr={lr0!r})\n"
                f"scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, {args})")
    return f'keras.callbacks.ReduceLROnPlateau(monitor="val_loss", {args})'


def plateau_trace(losses, framework, *, lr0=0.1, **params):
    r"""Replay validation losses through PyTorch's or Keras's ``ReduceLROnPlateau``.

    The policy is built by :func:`lrcourse.compat.from_torch` or
    :func:`~lrcourse.compat.from_keras` with the framework's own parameter
    names, and fed one loss per epoch. PyTorch lowers the rate when the
    number of bad epochs in a row exceeds ``patience``; Keras when it
    reaches ``patience``: one epoch earlier.

    Parameters
    ----------
    losses : sequence of float
        The validation loss of epochs 1, 2, ... (finite numbers).
    framework : {"torch", "keras"}
    lr0 : float
        The optimiser's rate before the first epoch, > 0.
    **params
        The framework's arguments: ``factor``, ``patience``, ``cooldown``,
        ``min_lr``, and ``threshold``/``threshold_mode`` (PyTorch) or
        ``min_delta`` (Keras).

    Returns
    -------
    PlateauTrace

    Raises
    ------
    ValueError, TypeError
        For an unknown framework, a bad loss or a bad parameter (the message
        names it, in the framework's words).

    References
    ----------
    .. [1] PyTorch 2.13, ``ReduceLROnPlateau`` in ``torch/optim/lr_scheduler.py``.
    .. [2] Keras 3.15, ``keras/src/callbacks/reduce_lr_on_plateau.py``.

    Examples
    --------
    >>> from lrcourse.chapters.ch12_plateau_porting import plateau_trace
    >>> losses = [3.0, 2.0, 2.0, 2.0, 2.0]
    >>> plateau_trace(losses, "torch", lr0=1.0, patience=1, factor=0.5).cuts
    (4,)
    >>> plateau_trace(losses, "keras", lr0=1.0, patience=1, factor=0.5).cuts
    (3, 4, 5)
    """
    check_choice("framework", framework, ("torch", "keras"))
    if isinstance(losses, str) or not hasattr(losses, "__len__") or len(losses) == 0:
        raise ValueError(
            f"Argument `losses` must be a non-empty list of numbers. Received: losses={losses!r}"
        )
    build = compat.from_torch if framework == "torch" else compat.from_keras
    policy = build("ReduceLROnPlateau", lr=lr0, **params)
    cooldown = params.get("cooldown", 0)
    lr, cuts, marks = [], [], []
    for epoch, loss in enumerate(losses, start=1):
        before, best = policy.lr, policy.best
        after = policy.step(loss)
        lr.append(after)
        if after < before:
            cuts.append(epoch)
            marks.append("↓")
        elif policy.best != best:
            marks.append("+")
        elif policy.num_bad_epochs > 0:
            marks.append(str(policy.num_bad_epochs))
        elif cooldown and cuts and epoch - cuts[-1] <= cooldown:
            marks.append("c")
        else:
            marks.append("=")
    return PlateauTrace(np.array(lr), tuple(cuts), tuple(marks), _policy_code(framework, lr0, params))


# -- validation-loss curves for the simulator -------------------------------------------------

#: ``value -> display name`` of the validation-loss shapes of :func:`validation_curve`.
CURVES = {
    "plateau": "Sudden plateau",
    "crawl": "Slow crawl (tiny gains)",
    "noisy": "Noisy plateau",
    "overfit": "Overfitting (loss rises)",
}
EPOCHS = 30
#: Gain per epoch of the "crawl" curve: above Keras's default min_delta, below
#: PyTorch's default relative threshold (1e-4 of a loss near 5 is 5e-4).
CRAWL_GAIN = 1.2e-4
NOISE = 0.004
RISE = 0.02


def validation_curve(shape, *, onset=12, epochs=EPOCHS):
    r"""A made-up validation loss for epochs :math:`e = 1, \dots, E`.

    Until the onset :math:`e_0` the loss falls as
    :math:`L_e = 5 + 3 e^{-(e-1)/3}`. After it:

    - ``"plateau"``: :math:`L_e = L_{e_0}`;
    - ``"crawl"``: :math:`L_e = L_{e_0} - 1.2\cdot10^{-4}(e - e_0)`, a gain
      per epoch larger than Keras's default ``min_delta`` (:math:`10^{-4}`)
      but far smaller than PyTorch's default relative threshold
      (:math:`10^{-4} L \approx 5\cdot10^{-4}`);
    - ``"noisy"``: :math:`L_e = L_{e_0}(1 + 0.004\,\xi_e)` with fixed
      Gaussian :math:`\xi_e` (seed 12);
    - ``"overfit"``: :math:`L_e = L_{e_0} + 0.02(e - e_0)`.

    Parameters
    ----------
    shape : {"plateau", "crawl", "noisy", "overfit"}
    onset : int
        :math:`e_0`, 1 <= onset <= epochs.
    epochs : int
        :math:`E` >= 1.

    Returns
    -------
    numpy.ndarray
        ``epochs`` losses, epoch 1 first.

    Examples
    --------
    >>> from lrcourse.chapters.ch12_plateau_porting import validation_curve
    >>> validation_curve("plateau", onset=3, epochs=5).round(3)
    array([8.  , 7.15, 6.54, 6.54, 6.54])
    """
    check_choice("shape", shape, list(CURVES))
    epochs = check_int("epochs", epochs, ge=1)
    onset = check_int("onset", onset, ge=1)
    if onset > epochs:
        raise ValueError(f"Argument `onset` must be <= epochs = {epochs}. Received: onset={onset!r}")
    e = np.arange(1, epochs + 1)
    base = 5.0 + 3.0 * np.exp(-(np.minimum(e, onset) - 1) / 3.0)
    after = np.maximum(e - onset, 0)
    if shape == "crawl":
        return base - CRAWL_GAIN * after
    if shape == "noisy":
        xi = np.random.default_rng(12).standard_normal(epochs)
        return np.where(after > 0, base * (1 + NOISE * xi), base)
    if shape == "overfit":
        return base + RISE * after
    return base


# -- what a plateau rule does to an optimisation ----------------------------------------------


@dataclass(frozen=True)
class PlateauDescent:
    """Result of :func:`plateau_descent`.

    Attributes
    ----------
    loss : numpy.ndarray, shape (seeds, epochs * steps_per_epoch + 1)
        The loss :math:`f(x_k)` of every seed at every update.
    lr : numpy.ndarray, shape (seeds, epochs)
        The rate used during each epoch.
    cuts : tuple of tuple of int
        Per seed, the epochs (from 1) after which the rate was lowered.
    """

    loss: np.ndarray
    lr: np.ndarray
    cuts: tuple

    def first_cuts(self) -> list:
        """The first cut of every seed (None for a seed without a cut)."""
        return [c[0] if c else None for c in self.cuts]


def plateau_descent(framework=None, *, lr0=0.4, epochs=40, steps_per_epoch=25, seeds=8,
                    noise=1.0, seed=0, **params):
    r"""Noisy gradient descent whose rate is lowered by a plateau rule, over several seeds.

    The problem is chapter 2's bowl,
    :math:`f(x) = \tfrac12(0.05\,x_1^2 + x_2^2)` from :math:`x_0 = (6, 6)`,
    with Gaussian gradient noise of standard deviation :math:`\sigma`
    (:func:`lrcourse.chapters.ch02_step_exponential.noisy_descent`). An
    epoch is ``steps_per_epoch`` updates; after each epoch the loss
    :math:`f(x)` (without noise: the toy's "validation loss") is given to
    the seed's own plateau policy, whose rate is used in the next epoch.
    Every framework gets the same noise for the same ``seed``.

    Parameters
    ----------
    framework : {"torch", "keras"} or None
        The plateau rule; None keeps the rate constant.
    lr0 : float
        Starting rate, > 0.
    epochs, steps_per_epoch, seeds : int
        >= 1.
    noise : float
        :math:`\sigma \ge 0`.
    seed : int
        Seed >= 0 of the noise.
    **params
        Arguments of the framework's ``ReduceLROnPlateau`` (see :func:`plateau_trace`).

    Returns
    -------
    PlateauDescent

    Raises
    ------
    ValueError, TypeError
        For a bad argument.

    Examples
    --------
    >>> from lrcourse.chapters.ch12_plateau_porting import plateau_descent
    >>> run = plateau_descent("torch", patience=3, factor=0.5, threshold_mode="abs", epochs=20)
    >>> run.loss.shape, run.lr.shape
    ((8, 501), (8, 20))
    """
    if framework is not None:
        check_choice("framework", framework, ("torch", "keras"))
    lr0 = check_real("lr0", lr0, gt=0)
    epochs = check_int("epochs", epochs, ge=1)
    per = check_int("steps_per_epoch", steps_per_epoch, ge=1)
    seeds = check_int("seeds", seeds, ge=1)
    noise = check_real("noise", noise, ge=0)
    seed = check_int("seed", seed, ge=0)
    build = {"torch": compat.from_torch, "keras": compat.from_keras}.get(framework)
    policies = [build("ReduceLROnPlateau", lr=lr0, **params) for _ in range(seeds)] if build else []
    lam = np.asarray(CURVATURES)
    xi = noise * np.random.default_rng(seed).standard_normal((epochs * per, seeds, lam.size))
    x = np.tile(np.asarray(X0, dtype=float), (seeds, 1))
    loss = np.empty((seeds, epochs * per + 1))
    loss[:, 0] = 0.5 * (x * x) @ lam
    eta = np.full(seeds, lr0)
    rates = np.empty((seeds, epochs))
    cuts = [[] for _ in range(seeds)]
    with np.errstate(all="ignore"):
        for ep in range(epochs):
            rates[:, ep] = eta
            for j in range(per):
                k = ep * per + j
                x = x - eta[:, None] * (lam * x + xi[k])
                loss[:, k + 1] = 0.5 * (x * x) @ lam
            for s, policy in enumerate(policies):
                new = policy.step(float(loss[s, (ep + 1) * per]))
                if new < eta[s]:
                    cuts[s].append(ep + 1)
                eta[s] = new
    return PlateauDescent(loss, rates, tuple(tuple(c) for c in cuts))


# -- explorer: the plateau simulator -------------------------------------------------------------

LR0 = 0.1
MIN_LR = 1e-3
#: ``value -> (PyTorch threshold, PyTorch threshold_mode, Keras min_delta)``.
THRESHOLDS = {
    "1e-4 rel": (1e-4, "rel", 1e-4),
    "1e-2 rel": (1e-2, "rel", 1e-2),
    "1e-4 abs": (1e-4, "abs", 1e-4),
    "1e-2 abs": (1e-2, "abs", 1e-2),
}


def simulator_params(values) -> dict:
    """The PyTorch and Keras arguments of :func:`plateau_simulator` for control ``values``."""
    theta, mode, delta = THRESHOLDS[values["threshold"]]
    common = {"factor": values["factor"], "patience": values["patience"],
              "cooldown": values["cooldown"], "min_lr": MIN_LR}
    return {"torch": {**common, "threshold": theta, "threshold_mode": mode},
            "keras": {**common, "min_delta": delta}}


def _cuts_text(trace) -> str:
    return ", ".join(map(str, trace.cuts)) if trace.cuts else "none"


def _verdict(traces, patience) -> str:
    t, k = traces["torch"].first_cut, traces["keras"].first_cut
    if t is None and k is None:
        return "Neither framework lowers the rate in 30 epochs."
    if t is None or k is None:
        who, other = ("PyTorch", "Keras") if k is None else ("Keras", "PyTorch")
        return (f"Only {who} lowers the rate: the two frameworks count a different "
                f"set of epochs as improvements (the threshold), so {other} keeps waiting.")
    if k == t - 1:
        return (f"Keras cuts after epoch {k}, PyTorch one epoch later (after {t}): Keras "
                f"reduces at bad epoch number {patience} in a row (= patience), PyTorch at "
                f"number {patience + 1} (more than patience).")
    if k == t:
        return f"Both cut first after epoch {t}."
    first = "Keras" if k < t else "PyTorch"
    return (f"{first} cuts first (after epoch {min(t, k)}; the other after {max(t, k)}): "
            "the patience rule and the threshold both differ.")


@CHAPTER.explorer
def plateau_simulator(curve="plateau", onset=16, patience=2, factor=0.5, threshold="1e-4 rel",
                      cooldown=0):
    r"""Plateau simulator: PyTorch's and Keras's ``ReduceLROnPlateau`` on the same losses.

    The top panel is a validation loss of 30 epochs from
    :func:`validation_curve`; the bottom panel is the rate after each epoch
    (log scale, from :math:`\eta_0 = 0.1`, floor ``min_lr`` = 0.001) as
    PyTorch (blue, solid, triangles at the cuts) and Keras (red, dashed,
    squares at the cuts) decide it, from :func:`plateau_trace`. The
    readouts give both calls, the epochs of the cuts and, epoch by epoch,
    the bad-epoch counter of each framework, which shows the off-by-one.

    Controls: ``curve`` (4 shapes), ``onset`` (:math:`e_0`, where the
    progress stops: 8, 12, 16, 20), ``patience`` (0, 1, 2, 3, 5),
    ``factor`` (:math:`f`: 0.1, 0.5), ``threshold`` (PyTorch's
    :math:`\theta` and mode; Keras's ``min_delta`` :math:`\delta` is the same
    number, always absolute) and ``cooldown`` (0, 2): 1280 combinations.

    Returns
    -------
    Explorer
    """
    controls = [
        Choice("curve", "validation loss", [(v, k) for k, v in CURVES.items()], curve),
        Slider("onset", "e₀ (epoch where progress stops)", 8, 20, [8, 12, 16, 20], onset,
               step=1, integer=True),
        Slider("patience", "patience", 0, 5, [0, 1, 2, 3, 5], patience, step=1, integer=True),
        Choice("factor", "f (factor)", [("0.1", 0.1), ("0.5", 0.5)], factor),
        Choice("threshold", "θ (PyTorch) / δ = min_delta (Keras, always abs)",
               [(k, k) for k in THRESHOLDS], threshold),
        Choice("cooldown", "cooldown", [("0", 0), ("2", 2)], cooldown),
    ]
    fig = new_figure((6.6, 4.5))
    arrange = grid(2, 1, heights=[1, 1.25])
    ax_loss = fig.add_subplot()
    ax_lr = fig.add_subplot()
    arrange(fig)
    e = np.arange(1, EPOCHS + 1)
    (loss_line,) = ax_loss.plot(e, np.full(EPOCHS, 3.0), "o-", ms=3, lw=1.4, color=_GREY)
    ax_loss.set_xlim(0, EPOCHS + 0.5)
    ax_loss.set_ylim(4.8, 8.2)
    ax_loss.set_ylabel("validation loss")
    ax_loss.set_title("validation loss $L_e$ of epoch $e$", fontsize=10)
    ax_loss.grid(alpha=0.3)
    ax_loss.tick_params(labelbottom=False)

    xs = np.arange(0, EPOCHS + 1)  # x = 0: the rate before epoch 1
    (torch_line,) = ax_lr.plot(xs, np.full(xs.size, LR0), lw=2.4, color=_BLUE,
                               drawstyle="steps-post")
    (keras_line,) = ax_lr.plot(xs, np.full(xs.size, LR0), lw=1.6, ls="--", color=_RED,
                               drawstyle="steps-post")
    (torch_cuts,) = ax_lr.plot([], [], "v", ms=8, color=_BLUE, ls="none")
    (keras_cuts,) = ax_lr.plot([], [], "s", ms=10, mfc="none", mec=_RED, mew=1.6, ls="none")
    ax_lr.axhline(MIN_LR, color=_GREY, lw=1, ls=":")
    ax_lr.set_yscale("log")
    ax_lr.set_ylim(5e-4, 0.25)
    ax_lr.set_xlim(0, EPOCHS + 0.5)
    ax_lr.set_xlabel("epoch $e$ (rate after its scheduler step)")
    ax_lr.set_ylabel("learning rate")
    ax_lr.grid(alpha=0.3)
    ax_loss.legend([Line2D([], [], lw=2.4, color=_BLUE, marker="v", ms=7),
                    Line2D([], [], lw=1.6, ls="--", color=_RED, marker="s", ms=8, mfc="none",
                           mec=_RED),
                    Line2D([], [], lw=1, ls=":", color=_GREY)],
                   ["PyTorch (▼ cut)", "Keras (□ cut)", "min_lr = 0.001"],
                   loc="upper right", fontsize=9, framealpha=0.95)

    drawn = {}

    def compute(v):
        key = tuple(sorted(v.items()))
        if drawn.get("key") != key:
            losses = validation_curve(v["curve"], onset=v["onset"])
            p = simulator_params(v)
            traces = {fw: plateau_trace(losses, fw, lr0=LR0, **p[fw]) for fw in ("torch", "keras")}
            drawn.update(key=key, losses=losses, traces=traces)
        return drawn

    def draw(v):
        d = compute(v)
        loss_line.set_ydata(d["losses"])
        for fw, line, marks in (("torch", torch_line, torch_cuts),
                                ("keras", keras_line, keras_cuts)):
            tr = d["traces"][fw]
            line.set_ydata(np.r_[LR0, tr.lr])
            cut = np.asarray(tr.cuts, dtype=float)
            marks.set_data(cut, tr.lr[cut.astype(int) - 1] if cut.size else cut)

    def describe(v):
        d = compute(v)
        tr = d["traces"]
        return (f"Two charts over {EPOCHS} epochs. Top: the validation loss ({CURVES[v['curve']]}, "
                f"progress stops at epoch {v['onset']}). Bottom: the learning rate from {LR0:g}, "
                f"log scale; PyTorch cuts after epochs {_cuts_text(tr['torch'])}, Keras after "
                f"epochs {_cuts_text(tr['keras'])}.")

    def readout(v):
        d = compute(v)
        tr = d["traces"]
        return [
            Readout("PyTorch", tr["torch"].call, code=True),
            Readout("Keras", tr["keras"].call, code=True),
            Readout("PyTorch cuts after epochs", _cuts_text(tr["torch"])),
            Readout("Keras cuts after epochs", _cuts_text(tr["keras"])),
            Readout("PyTorch, epoch by epoch (+ better, n bad epochs, ↓ cut, c cooldown)",
                    tr["torch"].marks_text()),
            Readout("Keras, epoch by epoch", tr["keras"].marks_text()),
            Readout("what happened", _verdict(tr, v["patience"])),
        ]

    return Explorer(
        "plateau_simulator", "Plateau simulator: PyTorch and Keras side by side", controls, fig,
        draw, describe, animated=[loss_line, torch_line, keras_line, torch_cuts, keras_cuts],
        readout=readout,
        layouts=[Layout((6.6, 4.5), arrange), Layout((3.4, 5.0), grid(2, 1, heights=[1, 1.25]))],
    )


# -- porting ------------------------------------------------------------------------------------

#: ``value -> (label, source call)`` of the port checker: each shows one divergence.
PORT_SOURCES = {
    "piecewise": ("Keras piecewise, boundaries [30, 60] (boundary inclusivity)",
                  Call("keras", "PiecewiseConstantDecay",
                       {"boundaries": [30, 60], "values": [0.1, 0.01, 0.001]})),
    "multistep": ("PyTorch MultiStepLR, milestones [30, 60] (boundary inclusivity)",
                  Call("torch", "MultiStepLR", {"lr": 0.1, "milestones": [30, 60], "gamma": 0.1})),
    "torch_cosine": ("PyTorch CosineAnnealingLR, eta_min = 0.005 (floor; past T_max)",
                     Call("torch", "CosineAnnealingLR", {"lr": 0.1, "T_max": 60, "eta_min": 0.005})),
    "keras_cosine": ("Keras CosineDecay, alpha = 0.05 (alpha vs eta_min; clamping)",
                     Call("keras", "CosineDecay",
                          {"initial_learning_rate": 0.1, "decay_steps": 60, "alpha": 0.05})),
    "optax_warmup": ("optax warmup + cosine (warmup inside decay_steps)",
                     Call("optax", "warmup_cosine_decay_schedule",
                          {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 15,
                           "decay_steps": 75, "end_value": 0.005})),
    "sequential": ("PyTorch SequentialLR: LinearLR then CosineAnnealingLR (chaining)",
                   Call("torch", "SequentialLR",
                        {"lr": 0.1, "schedulers": [("LinearLR", {"start_factor": 0.1,
                                                                 "total_iters": 15}),
                                                   ("CosineAnnealingLR", {"T_max": 60,
                                                                          "eta_min": 0.005})],
                         "milestones": [15]})),
    "restarts": ("Keras CosineDecayRestarts, m_mul = 0.5 (restart peaks)",
                 Call("keras", "CosineDecayRestarts",
                      {"initial_learning_rate": 0.1, "first_decay_steps": 20, "t_mul": 2.0,
                       "m_mul": 0.5})),
    "inverse_time": ("TF1 inverse_time_decay (no native port: fallback)",
                     Call("tf", "inverse_time_decay",
                          {"learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5})),
    "natural_exp": ("TF1 natural_exp_decay (dropped by Keras 3)",
                    Call("tf", "natural_exp_decay",
                         {"learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.3})),
}
#: ``value -> display name`` of the target frameworks.
TARGETS = {"torch": "PyTorch", "keras": "Keras 3", "optax": "optax", "tf": "TensorFlow 1.x"}
PORT_STEPS = range(151)
_STAIRCASE = ("piecewise", "multistep")

_PORTS: dict = {}


def _port(source, target):
    """:func:`lrcourse.compat.port` of a :data:`PORT_SOURCES` entry, computed once."""
    key = (source, target)
    if key not in _PORTS:
        _PORTS[key] = port(PORT_SOURCES[source][1], target, steps=PORT_STEPS)
    return _PORTS[key]


def port_table(targets=("torch", "keras", "optax")):
    """For every source of :data:`PORT_SOURCES`: is the port to each target exact?

    Returns
    -------
    list of dict
        One row per source: ``source`` (the key), ``code``, and per target a
        string: ``"exact"``, ``"differs from step k"``, ``"no native call"``,
        each followed by ``" (+ exact fallback)"`` when lrcourse writes one.

    Examples
    --------
    >>> from lrcourse.chapters.ch12_plateau_porting import port_table
    >>> port_table(("torch",))[0]["torch"]
    'exact'
    """
    rows = []
    for key, (_, call) in PORT_SOURCES.items():
        row = {"source": key, "code": call.code}
        for to in targets:
            p = _port(key, to)
            if p.identical:
                text = "exact"
            elif p.target is None:
                text = "no native call"
            else:
                text = f"differs from step {p.first_difference}"
            if p.fallback is not None:
                text += " (+ exact fallback)"
            row[to] = text
        rows.append(row)
    return rows


def _verdict_text(p) -> str:
    span = f"steps 0..{PORT_STEPS.stop - 1}"
    if p.target is None:
        text = f"No native call in this framework. {p.note}"
    elif p.identical:
        text = f"Identical at every one of {span}."
    else:
        text = (f"Differs from step {p.first_difference} on (largest difference "
                f"{p.max_difference:.3g} over {span}). {p.note}")
    if p.fallback is not None:
        text += " lrcourse wrote an exact fallback from the formula (below)."
    elif not p.identical:
        text += " No exact fallback: lrcourse has no formula to write for this schedule."
    return text


@CHAPTER.explorer
def port_checker(source="torch_cosine", target="keras"):
    r"""Port checker: a schedule, its closest call in another framework, and where they differ.

    Built on :func:`lrcourse.compat.port` over steps 0 to 150. The top
    panel shows the source schedule (blue, solid) and the proposed native
    call of the target framework (red, dashed), with a dotted line and a
    ring at the first step where they differ. The bottom panel shows the
    absolute difference. The readouts give both calls, the verdict and,
    when no native call is exact, the exact fallback that lrcourse writes
    from the formula (a ``LambdaLR``, a Keras ``LearningRateSchedule``
    subclass or an optax function).

    Controls: ``source`` (9 schedules, each showing one divergence) and
    ``target`` (4 frameworks): 36 combinations, all ported once.

    Returns
    -------
    Explorer
    """
    controls = [
        Choice("source", "source schedule", [(v[0], k) for k, v in PORT_SOURCES.items()], source),
        Choice("target", "port to", [(v, k) for k, v in TARGETS.items()], target),
    ]
    fig = new_figure((6.6, 4.2))
    arrange = grid(2, 1, heights=[1.6, 1])
    ax = fig.add_subplot()
    ax_d = fig.add_subplot()
    arrange(fig)
    t = np.asarray(PORT_STEPS, dtype=float)
    (src_line,) = ax.plot(t, np.zeros(t.size), lw=2.6, color=_BLUE)
    (tgt_line,) = ax.plot(t, np.zeros(t.size), lw=1.6, ls="--", color=_RED)
    (ring,) = ax.plot([0], [0], "o", ms=12, mfc="none", mec="black", mew=1.6)
    (vline,) = ax.plot([0, 0], [0, 0.11], ls=":", lw=1.3, color="black")
    (diff_line,) = ax_d.plot(t, np.zeros(t.size), lw=1.6, color=_RED)
    (dvline,) = ax_d.plot([0, 0], [0, 0.1], ls=":", lw=1.3, color="black")
    ax.set_xlim(0, t[-1])
    ax.set_ylim(0, 0.11)
    ax.set_ylabel("learning rate")
    ax.set_title("source (solid) and proposed port (dashed)", fontsize=10)
    ax.grid(alpha=0.3)
    ax.tick_params(labelbottom=False)
    # The legend sits in the difference panel, whose left part is empty for every source.
    ax_d.legend([Line2D([], [], lw=2.6, color=_BLUE), Line2D([], [], lw=1.6, ls="--", color=_RED),
                 Line2D([], [], ls="none", marker="o", mfc="none", mec="black", ms=9)],
                ["source", "proposed native call", "first difference"],
                loc="upper left", fontsize=8, framealpha=0.95)
    ax_d.set_xlim(0, t[-1])
    ax_d.set_ylim(0, 0.1)
    ax_d.set_xlabel("step $t$")
    ax_d.set_ylabel("|difference|")
    ax_d.grid(alpha=0.3)

    def draw(v):
        p = _port(v["source"], v["target"])
        src = np.asarray(PORT_SOURCES[v["source"]][1].schedule(t), dtype=float)
        style = "steps-post" if v["source"] in _STAIRCASE else "default"
        src_line.set_ydata(src)
        src_line.set_drawstyle(style)
        has = p.target is not None
        tgt_line.set_visible(has)
        diff_line.set_visible(has)
        if has:
            tgt = np.asarray(p.target.schedule(t), dtype=float)
            tgt_line.set_ydata(tgt)
            tgt_line.set_drawstyle(style)
            diff_line.set_ydata(np.abs(tgt - src))
        differs = has and not p.identical
        for a in (ring, vline, dvline):
            a.set_visible(differs)
        if differs:
            k = float(p.first_difference)
            ring.set_data([k], [src[int(k)]])
            vline.set_xdata([k, k])
            dvline.set_xdata([k, k])

    def describe(v):
        p = _port(v["source"], v["target"])
        return (f"Learning rate over steps 0 to {PORT_STEPS.stop - 1} of "
                f"{PORT_SOURCES[v['source']][0]}, and its port to {TARGETS[v['target']]}: "
                f"{_verdict_text(p)}")

    def readout(v):
        p = _port(v["source"], v["target"])
        return [
            Readout("source", PORT_SOURCES[v["source"]][1].code, code=True),
            Readout(f"proposed {TARGETS[v['target']]} call",
                    p.target.code if p.target is not None else "(none)", code=True),
            Readout("verdict", _verdict_text(p)),
            Readout("exact fallback", p.fallback or "", code=True),
        ]

    return Explorer(
        "port_checker", "Port checker: one schedule in two frameworks", controls, fig, draw,
        describe, animated=[src_line, tgt_line, ring, vline, diff_line, dvline], readout=readout,
        layouts=[Layout((6.6, 4.2), arrange), Layout((3.4, 4.6), grid(2, 1, heights=[1.6, 1]))],
    )


# -- custom and chained schedules --------------------------------------------------------------

#: The custom schedule of the chapter: warm up over W steps, then halve every T steps, smoothly.
CUSTOM = {"lr0": 0.1, "warmup": 5, "half_life": 20}


def custom_schedule(lr0=0.1, *, warmup=5, half_life=20):
    r"""The chapter's custom schedule, as an lrcourse schedule.

    .. math:: \eta_t = \eta_0 \min\Bigl(1, \frac{t+1}{W}\Bigr)\, 2^{-t/H}

    a linear warmup over :math:`W` steps multiplied by an exponential decay
    with half-life :math:`H` steps. It is PyTorch's
    ``LambdaLR(lr_lambda=lambda t: min(1.0, (t + 1) / W) * 0.5 ** (t / H))``
    through :func:`lrcourse.compat.from_torch`.

    Examples
    --------
    >>> from lrcourse.chapters.ch12_plateau_porting import custom_schedule
    >>> custom_schedule()([0, 4, 20]).round(4)
    array([0.02  , 0.0871, 0.05  ])
    """
    return _custom_call(lr0, warmup, half_life).schedule


def _custom_call(lr0=0.1, warmup=5, half_life=20):
    lr0 = check_real("lr0", lr0, gt=0)
    warmup = check_int("warmup", warmup, ge=1)
    half_life = check_real("half_life", half_life, gt=0)
    return Call("torch", "LambdaLR", {
        "lr": lr0, "lr_lambda": Expr(f"lambda t: min(1.0, (t + 1) / {warmup}) "
                                     f"* 0.5 ** (t / {half_life!r})")})


def _custom_keras_code(lr0, warmup, half_life) -> str:
    return (
        "class WarmupHalving(keras.optimizers.schedules.LearningRateSchedule):\n"
        f"    def __init__(self, lr0={lr0!r}, warmup={warmup}, half_life={half_life!r}):\n"
        "        self.lr0, self.warmup, self.half_life = lr0, warmup, half_life\n\n"
        "    def __call__(self, step):\n"
        '        t = keras.ops.cast(step, "float32")\n'
        "        ramp = keras.ops.minimum(1.0, (t + 1) / self.warmup)\n"
        "        return self.lr0 * ramp * 0.5 ** (t / self.half_life)\n\n"
        "    def get_config(self):  # needed to save and load the model\n"
        '        return {"lr0": self.lr0, "warmup": self.warmup, "half_life": self.half_life}\n\n'
        "optimizer = keras.optimizers.SGD(learning_rate=WarmupHalving())"
    )


def _custom_optax_code(lr0, warmup, half_life) -> str:
    return (
        "def schedule(count):\n"
        f"    ramp = jnp.minimum(1.0, (count + 1) / {warmup})\n"
        f"    return {lr0!r} * ramp * 0.5 ** (count / {half_life!r})\n\n"
        "optimizer = optax.sgd(learning_rate=schedule)"
    )


@CHAPTER.corner("custom")
def custom_corner(lr0=0.1, warmup=5, half_life=20):
    """The custom schedule of :func:`custom_schedule` in PyTorch, Keras 3 and optax."""
    return Corner("a custom schedule", [
        Tab("PyTorch", [_custom_call(lr0, warmup, half_life)],
            "`LambdaLR` multiplies the optimizer's `lr` by your function of the number of "
            "`scheduler.step()` calls. PyTorch calls it with one Python `int` at a time."),
        Tab("Keras 3", code=_custom_keras_code(lr0, warmup, half_life),
            note="Subclass `LearningRateSchedule`: Keras calls it with the optimizer's step "
                 "counter, a tensor. Use `keras.ops`, not Python `if` or `math`, so that it "
                 "works on every backend."),
        Tab("optax", code=_custom_optax_code(lr0, warmup, half_life),
            note="Any function of the update count is an optax schedule. Use `jnp` so that "
                 "it works under `jax.jit`."),
    ], SOURCES[:4])


def chaining_calls(lr0=0.1, *, start_factor=0.1, warmup=10, total=100, eta_min=0.001):
    r"""One warmup-then-cosine schedule written in each framework, as :class:`Call` objects.

    A linear warmup from :math:`\eta_0 f_s` to :math:`\eta_0` over
    :math:`W` steps, then a cosine from :math:`\eta_0` down to
    :math:`\eta_{min}` over the remaining :math:`N - W` steps:

    - PyTorch: ``SequentialLR`` of ``LinearLR`` and ``CosineAnnealingLR(T_max=N-W)``,
      milestone :math:`W`;
    - Keras 3: ``CosineDecay`` with ``warmup_steps=W`` and
      ``decay_steps=N-W`` (the warmup is *not* counted in ``decay_steps``);
    - optax: ``join_schedules`` of ``linear_schedule`` and
      ``cosine_decay_schedule``, boundary :math:`W`, and
      ``warmup_cosine_decay_schedule`` with ``decay_steps=N`` (the warmup
      *is* counted).

    Returns
    -------
    dict
        ``name -> Call``: keys ``"torch"``, ``"keras"``, ``"optax_join"``, ``"optax_warmup"``.

    Examples
    --------
    >>> from lrcourse.chapters.ch12_plateau_porting import chaining_calls
    >>> calls = chaining_calls()
    >>> [round(float(c.schedule(10)), 6) for c in calls.values()]
    [0.1, 0.1, 0.1, 0.1]
    """
    lr0 = check_real("lr0", lr0, gt=0)
    warmup = check_int("warmup", warmup, ge=1)
    total = check_int("total", total, ge=warmup + 1)
    start = lr0 * check_real("start_factor", start_factor, gt=0, le=1)
    eta_min = check_real("eta_min", eta_min, ge=0)
    decay = total - warmup
    return {
        "torch": Call("torch", "SequentialLR", {
            "lr": lr0,
            "schedulers": [("LinearLR", {"start_factor": start_factor, "total_iters": warmup}),
                           ("CosineAnnealingLR", {"T_max": decay, "eta_min": eta_min})],
            "milestones": [warmup]}),
        "keras": Call("keras", "CosineDecay", {
            "initial_learning_rate": start, "decay_steps": decay, "alpha": eta_min / lr0,
            "warmup_target": lr0, "warmup_steps": warmup}),
        "optax_join": Call("optax", "join_schedules", {
            "schedules": [("linear_schedule", {"init_value": start, "end_value": lr0,
                                               "transition_steps": warmup}),
                          ("cosine_decay_schedule", {"init_value": lr0, "decay_steps": decay,
                                                     "alpha": eta_min / lr0})],
            "boundaries": [warmup]}),
        "optax_warmup": Call("optax", "warmup_cosine_decay_schedule", {
            "init_value": start, "peak_value": lr0, "warmup_steps": warmup,
            "decay_steps": total, "end_value": eta_min}),
    }


@CHAPTER.corner("chaining")
def chaining_corner(lr0=0.1, start_factor=0.1, warmup=10, total=100, eta_min=0.001):
    """Warmup then cosine, chained in PyTorch, Keras 3 and optax (:func:`chaining_calls`)."""
    c = chaining_calls(lr0, start_factor=start_factor, warmup=warmup, total=total,
                       eta_min=eta_min)
    return Corner("warmup, then cosine", [
        Tab("PyTorch", [c["torch"]],
            f"At the milestone (step {warmup}) `SequentialLR` restarts the next scheduler at "
            f"its own step 0: the cosine starts at its peak. `T_max` counts only the cosine "
            f"steps."),
        Tab("Keras 3", [c["keras"]],
            f"`decay_steps` counts the steps **after** the warmup: {total - warmup}, "
            f"not {total}. `alpha` is the floor as a fraction of `warmup_target`."),
        Tab("optax", [c["optax_join"], c["optax_warmup"]],
            f"`join_schedules` gives each piece its own clock, like `SequentialLR`. "
            f"`warmup_cosine_decay_schedule` counts the warmup **inside** `decay_steps`: "
            f"{total}, not {total - warmup}."),
    ], SOURCES[:4] + ("optax_join",))


@CHAPTER.corner("plateau")
def plateau_corner(factor=0.5, patience=2, min_lr=1e-3):
    """``ReduceLROnPlateau`` in PyTorch and Keras 3, and what optax offers."""
    torch_code = (
        "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
        "scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(\n"
        f"    optimizer, mode=\"min\", factor={factor!r}, patience={patience}, threshold=1e-4,\n"
        f"    threshold_mode=\"rel\", cooldown=0, min_lr={min_lr!r})\n"
        "for epoch in range(epochs):\n"
        "    train_one_epoch(model, optimizer)\n"
        "    val_loss = validate(model)\n"
        "    scheduler.step(val_loss)  # the metric is required"
    )
    keras_code = (
        "reduce_lr = keras.callbacks.ReduceLROnPlateau(\n"
        f"    monitor=\"val_loss\", factor={factor!r}, patience={patience}, min_delta=1e-4,\n"
        f"    cooldown=0, min_lr={min_lr!r})\n"
        "model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss=loss)\n"
        "model.fit(x, y, validation_data=(x_val, y_val), epochs=epochs, callbacks=[reduce_lr])"
    )
    return Corner("reduce the rate on a plateau", [
        Tab("PyTorch", code=torch_code,
            note=f"Cuts when more than `patience` = {patience} epochs in a row were not better: "
                 f"at bad epoch number {patience + 1}. `threshold` is relative by default."),
        Tab("Keras 3", code=keras_code,
            note=f"Cuts at the `patience`-th bad epoch in a row ({patience}), one epoch before "
                 "PyTorch. `min_delta` is absolute. Without validation data there is no "
                 "`val_loss`: Keras only warns and never reduces the rate."),
        Tab("optax", code=(
            "# optax has no scheduler that reads a metric. Keep a plain Python policy\n"
            "# and pass its rate in with optax.inject_hyperparams:\n"
            "optimizer = optax.inject_hyperparams(optax.sgd)(learning_rate=0.1)\n"
            "opt_state = optimizer.init(params)\n"
            "# after each epoch:\n"
            "opt_state.hyperparams[\"learning_rate\"] = policy.step(val_loss)"),
            note="`policy` can be `lrcourse.schedules.ReduceOnPlateau(0.1, rule=\"torch\", "
                 "...)`, which reproduces either framework's rule. optax also has "
                 "`optax.contrib.reduce_on_plateau`, a transformation that scales the updates "
                 "with its own `rtol`/`atol` rule; lrcourse does not reproduce that one."),
    ], ("torch_lr_scheduler", "keras_reduce_lr_on_plateau"))


# -- the TF1 -> Keras 3 history --------------------------------------------------------------------

#: The nine TF1 schedules (``tf.compat.v1.train``), their Keras 2 class in TF 2.x, and Keras 3.
KERAS3_HISTORY = (
    ("exponential_decay", "tf.keras.optimizers.schedules.ExponentialDecay", "ExponentialDecay"),
    ("piecewise_constant", "tf.keras.optimizers.schedules.PiecewiseConstantDecay",
     "PiecewiseConstantDecay"),
    ("polynomial_decay", "tf.keras.optimizers.schedules.PolynomialDecay", "PolynomialDecay"),
    ("natural_exp_decay", "(none: ExponentialDecay with decay_rate = exp(-k))", None),
    ("inverse_time_decay", "tf.keras.optimizers.schedules.InverseTimeDecay", "InverseTimeDecay"),
    ("cosine_decay", "tf.keras.experimental.CosineDecay", "CosineDecay"),
    ("cosine_decay_restarts", "tf.keras.experimental.CosineDecayRestarts",
     "CosineDecayRestarts"),
    ("linear_cosine_decay", "tf.keras.experimental.LinearCosineDecay", None),
    ("noisy_linear_cosine_decay", "tf.keras.experimental.NoisyLinearCosineDecay", None),
)


# -- exercises ----------------------------------------------------------------------------------

_EX_LOSSES = [1.0, 0.9, 0.9, 0.9, 0.9]
_EX_PLATEAU = {"factor": 0.1, "patience": 2}


def _first_cuts(losses, **params):
    return [float(plateau_trace(losses, fw, lr0=1.0, **params).first_cut)
            for fw in ("torch", "keras")]


CHAPTER.exercise(
    id="ch12-plateau-first-cut",
    title="A plateau decision in each framework",
    answer="list of 2 integers: the epoch (counted from 1) after which PyTorch, then Keras, first "
           "lowers the rate, for validation losses [1.0, 0.9, 0.9, 0.9, 0.9], patience = 2, "
           "factor = 0.1, lr0 = 1 and the other arguments at their defaults",
    kind="sequence",
    step_label="framework (PyTorch, Keras) number",
    first_step=1,
    reference=lambda: _first_cuts(_EX_LOSSES, **_EX_PLATEAU),
    hints=(
        Hint(lambda: [4.0, 5.0],
             "You swapped the two: Keras cuts when the bad-epoch count REACHES patience, "
             "PyTorch when it EXCEEDS patience, so Keras is the earlier one."),
        Hint(lambda: [4.0, 4.0],
             "Both cuts at the same epoch: PyTorch needs more than patience bad epochs "
             "(3 here), Keras exactly patience (2)."),
        Hint(lambda: [5.0, 5.0],
             "Both cuts at the same epoch: Keras cuts at the patience-th bad epoch (2 here), "
             "one epoch before PyTorch."),
        Hint(lambda: [4.0, 3.0],
             "You counted the epochs from 0. Here the first epoch is epoch 1, as in Keras's "
             "message 'Epoch 4: ReduceLROnPlateau reducing learning rate'."),
    ),
)

_EX_REL_LOSSES = [100.0, 99.0, 98.996, 98.992, 98.988, 98.984, 98.98, 98.976]
_EX_REL_PARAMS = {"factor": 0.5, "patience": 1}


CHAPTER.exercise(
    id="ch12-relative-threshold",
    title="A relative threshold",
    answer="list of 8 floats: the rate after each of 8 epochs of PyTorch "
           "ReduceLROnPlateau(factor=0.5, patience=1) on SGD(lr=1.0), defaults otherwise "
           "(threshold=1e-4, threshold_mode='rel'), for validation losses "
           "[100.0, 99.0, 98.996, 98.992, 98.988, 98.984, 98.98, 98.976]",
    kind="sequence",
    step_label="epoch",
    first_step=1,
    reference=lambda: plateau_trace(_EX_REL_LOSSES, "torch", lr0=1.0, **_EX_REL_PARAMS).lr,
    hints=(
        Hint(lambda: plateau_trace(_EX_REL_LOSSES, "torch", lr0=1.0, threshold_mode="abs",
                                   **_EX_REL_PARAMS).lr,
             "You used an absolute threshold (a gain of 0.004 > 1e-4 counts as better). The "
             "default is relative: a loss counts as better only if it is below "
             "best * (1 - 1e-4), about 0.0099 below a best near 99."),
        Hint(lambda: plateau_trace(_EX_REL_LOSSES, "keras", lr0=1.0, **_EX_REL_PARAMS).lr,
             "These are Keras's rates (min_delta = 1e-4, absolute, and a cut at the "
             "patience-th bad epoch). The question is about PyTorch."),
    ),
)

_EX_TF = {"boundaries": [1000, 2500, 4000], "values": [0.5, 0.05, 0.005, 0.0005]}


def _milestones_for(tf_call, steps=5000) -> list[float]:
    t = np.arange(1, steps + 1)
    lr = tf_call.schedule(np.arange(0, steps + 1))
    return [float(s) for s in t[lr[1:] != lr[:-1]]]


CHAPTER.exercise(
    id="ch12-port-milestones",
    title="Keras boundaries to PyTorch milestones",
    answer="list of 3 integers: the milestones of PyTorch MultiStepLR(lr=0.5, gamma=0.1), "
           "stepped once per optimiser step, that give the rate of Keras "
           "PiecewiseConstantDecay(boundaries=[1000, 2500, 4000], "
           "values=[0.5, 0.05, 0.005, 0.0005]) at every step",
    kind="sequence",
    step_label="milestone",
    first_step=1,
    reference=lambda: _milestones_for(Call("keras", "PiecewiseConstantDecay", _EX_TF)),
    hints=(
        Hint(lambda: [1000.0, 2500.0, 4000.0],
             "Those are the Keras boundaries. Keras keeps the old value AT a boundary; "
             "PyTorch switches AT a milestone. Each milestone is one step later."),
        Hint(lambda: [999.0, 2499.0, 3999.0],
             "Wrong direction: Keras changes the rate one step AFTER its boundary, so each "
             "milestone is one step later, not earlier."),
    ),
)

_EX_COS = {"lr": 0.1, "T_max": 100, "eta_min": 1e-4}


def _cosine_to_keras() -> list[float]:
    p = port(Call("torch", "CosineAnnealingLR", _EX_COS), "keras", steps=101)
    assert p.identical
    params = p.target.values
    return [float(params["decay_steps"]), float(params["alpha"])]


CHAPTER.exercise(
    id="ch12-cosine-to-keras",
    title="CosineAnnealingLR to Keras",
    answer="list of 2 floats: decay_steps and alpha of keras.optimizers.schedules.CosineDecay("
           "initial_learning_rate=0.1, decay_steps=..., alpha=...) that gives the rate of PyTorch "
           "CosineAnnealingLR(T_max=100, eta_min=1e-4) on SGD(lr=0.1) at steps 0 to 100",
    kind="sequence",
    step_label="parameter (decay_steps, alpha) number",
    first_step=1,
    reference=_cosine_to_keras,
    hints=(
        Hint(lambda: [100.0, 1e-4],
             "alpha is the floor as a FRACTION of initial_learning_rate: "
             "alpha = eta_min / lr = 1e-4 / 0.1."),
        Hint(lambda: [60.0, 0.05],
             "Those are the numbers of the chapter's example (T_max = 60, eta_min = 0.005). "
             "Here T_max = 100 and eta_min = 1e-4."),
        Hint(lambda: [101.0, 0.001],
             "decay_steps is T_max itself: both reach the floor at step 100."),
    ),
)

_EX_SEQ = Call("torch", "SequentialLR", {
    "lr": 1.0,
    "schedulers": [("LinearLR", {"start_factor": 0.2, "total_iters": 4}),
                   ("ExponentialLR", {"gamma": 0.5})],
    "milestones": [4]})


CHAPTER.exercise(
    id="ch12-sequential-milestone",
    title="SequentialLR at its milestone",
    answer="list of 4 floats: the rate at steps 3, 4, 5 and 6 of PyTorch SequentialLR("
           "schedulers=[LinearLR(start_factor=0.2, total_iters=4), ExponentialLR(gamma=0.5)], "
           "milestones=[4]) on SGD(lr=1.0)",
    kind="sequence",
    positions=(3.0, 4.0, 5.0, 6.0),
    reference=lambda: _EX_SEQ.schedule([3, 4, 5, 6]),
    hints=(
        Hint(lambda: [0.8, 1.0 * 0.5**4, 1.0 * 0.5**5, 1.0 * 0.5**6],
             "At the milestone the exponential starts at ITS step 0 (rate 1.0), not at "
             "step 4 of the whole run."),
        Hint(lambda: [0.8, 0.8, 0.4, 0.2],
             "SequentialLR does not continue from the last warmup value: the next "
             "scheduler restarts from the optimizer's initial rate, 1.0."),
        Hint(lambda: [0.8, 0.5, 0.25, 0.125],
             "You applied gamma once too often: AT the milestone the exponential is at its "
             "own step 0, so the rate is 1.0; then 0.5 and 0.25."),
    ),
)

