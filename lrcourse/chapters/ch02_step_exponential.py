"""Chapter 2, step-wise and exponential decay: its explorer, exercises and framework corners.

The framework spellings of the six chapter-2 schedules are built from
:class:`~lrcourse.corner.Call` objects, so the code in the book's
"Framework corner" boxes, the curves of the explorer and the values checked
by the tests all come from the same ``(framework, name, params)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from .. import compat
from .. import schedules as S
from .._validation import check_choice, check_int, check_real
from ..corner import Call, Corner, Expr, Tab
from ..exercises._core import Hint
from ..explorers import Choice, Explorer, Slider
from ..explorers._base import DPI
from ._chapter import Chapter

__all__ = ["CHAPTER", "DECAY_FAMILIES", "FRAMEWORKS", "Spelling", "decay_in", "schedule_plotter"]

CHAPTER = Chapter(2, "step_exponential", "Step-wise and exponential decay")

#: The framework sources cited under every corner of this chapter.
SOURCES = ("tf_lr_decay", "keras_lr_schedule", "torch_lr_scheduler", "optax_schedules")

#: ``value -> display name`` of the chapter-2 families.
DECAY_FAMILIES = {
    "piecewise": "Piecewise constant",
    "step": "Step (= staircase exponential)",
    "multistep": "Multi-step",
    "exponential": "Exponential (smooth)",
    "natural_exp": "Natural exponential",
    "inverse_time": "Inverse time",
}
#: Families whose rate jumps (drawn as steps); the others are smooth (drawn as lines).
STAIRCASE_FAMILIES = ("piecewise", "step", "multistep")
#: ``value -> display name`` of the frameworks in the explorer.
FRAMEWORKS = {"tf": "TensorFlow / Keras", "torch": "PyTorch", "optax": "optax"}


def _r(x: float) -> float:
    """Round to 12 significant digits: the value a reader would type."""
    return float(f"{x:.12g}")


@dataclass(frozen=True)
class Spelling:
    """A framework's spelling of a chapter-2 schedule.

    Attributes
    ----------
    call : Call
        The framework call; ``call.schedule`` is the lrcourse schedule equal to
        the framework's, and ``call.code`` is the code a learner writes.
    boundaries : tuple of float
        Steps where the rate jumps (empty for smooth schedules).
    note : str
        What is special about this framework's version ('' if nothing).
    """

    call: Call
    boundaries: tuple = ()
    note: str = ""

    @property
    def schedule(self):
        return self.call.schedule

    @property
    def code(self) -> str:
        return self.call.code


def decay_in(family, framework, *, lr0=0.1, decay_rate=0.8, decay_steps=10):
    r"""The chapter-2 schedule ``family`` as ``framework`` computes it.

    The piecewise and multi-step families use boundaries at :math:`T, 3T`
    and :math:`T, 2T, 4T` with values :math:`\eta_0\gamma^j`, so that all
    three frameworks can express them.

    Parameters
    ----------
    family : str
        One of :data:`DECAY_FAMILIES`.
    framework : {"tf", "torch", "optax"}
    lr0 : float
        :math:`\eta_0 > 0`.
    decay_rate : float
        :math:`\gamma` (the factor kept per :math:`T` steps), or :math:`k`
        for natural-exponential and inverse-time decay; > 0.
    decay_steps : int
        :math:`T \ge 1`.

    Returns
    -------
    Spelling

    Raises
    ------
    ValueError
        For an unknown ``family`` or ``framework``, or a parameter out of range.
    TypeError
        For a parameter of the wrong type.

    Examples
    --------
    >>> from lrcourse.chapters.ch02_step_exponential import decay_in
    >>> tf = decay_in("piecewise", "tf", decay_steps=10)
    >>> torch = decay_in("piecewise", "torch", decay_steps=10)
    >>> float(tf.schedule(10)), round(float(torch.schedule(10)), 12)
    (0.1, 0.08)
    """
    check_choice("family", family, list(DECAY_FAMILIES))
    check_choice("framework", framework, list(FRAMEWORKS))
    lr0 = _r(check_real("lr0", lr0, gt=0))
    g = _r(check_real("decay_rate", decay_rate, gt=0))
    T = check_int("decay_steps", decay_steps, ge=1)

    if family in ("piecewise", "multistep"):
        bounds = [T, 3 * T] if family == "piecewise" else [T, 2 * T, 4 * T]
        values = [_r(lr0 * g**j) for j in range(len(bounds) + 1)]
        if framework == "tf":
            call = Call("tf", "piecewise_constant", {"boundaries": bounds, "values": values})
            note = "TF/Keras keep the old value AT each boundary; the new one starts one step later."
        elif framework == "torch":
            call = Call("torch", "MultiStepLR", {"lr": lr0, "milestones": bounds, "gamma": g})
            note = "PyTorch switches AT the boundary (milestone)."
        else:
            call = Call("optax", "piecewise_constant_schedule",
                        {"init_value": lr0, "boundaries_and_scales": {b: g for b in bounds}})
            note = "optax switches AT the boundary."
        return Spelling(call, tuple(float(b) for b in bounds), note)

    if family == "step":
        if framework == "tf":
            call = Call("tf", "exponential_decay", {"learning_rate": lr0, "decay_steps": T,
                                                    "decay_rate": g, "staircase": True})
        elif framework == "torch":
            call = Call("torch", "StepLR", {"lr": lr0, "step_size": T, "gamma": g})
        else:
            call = Call("optax", "exponential_decay", {"init_value": lr0, "transition_steps": T,
                                                       "decay_rate": g, "staircase": True})
        return Spelling(call, tuple(float(b) for b in range(T, 8 * T, T)))

    if family in ("exponential", "natural_exp"):
        name = "exponential_decay" if family == "exponential" else "natural_exp_decay"
        if framework == "tf":
            call = Call("tf", name, {"learning_rate": lr0, "decay_steps": T, "decay_rate": g})
            return Spelling(call)
        if framework == "torch":
            gamma = (Expr(f"{g!r} ** (1 / {T})") if family == "exponential"
                     else Expr(f"math.exp(-{g!r} / {T})"))
            call = Call("torch", "ExponentialLR", {"lr": lr0, "gamma": gamma})
            return Spelling(call, note="PyTorch decays once per .step(): gamma per step.")
        rate = g if family == "exponential" else Expr(f"math.exp(-{g!r})")
        call = Call("optax", "exponential_decay",
                    {"init_value": lr0, "transition_steps": T, "decay_rate": rate})
        return Spelling(call)

    # inverse time: only TF has a class; PyTorch multiplies lr by any function.
    if framework == "tf":
        call = Call("tf", "inverse_time_decay", {"learning_rate": lr0, "decay_steps": T,
                                                 "decay_rate": g})
        return Spelling(call)
    lam = Expr(f"lambda t: 1 / (1 + {g!r} * t / {T})")
    if framework == "torch":
        call = Call("torch", "LambdaLR", {"lr": lr0, "lr_lambda": lam})
        return Spelling(call, note="PyTorch has no inverse-time class: LambdaLR multiplies lr "
                                   "by your function.")
    # optax has no inverse-time schedule; a Keras schedule with the same formula
    # stands in for the computed values, and the tab shows the plain function.
    call = Call("keras", "InverseTimeDecay",
                {"initial_learning_rate": lr0, "decay_steps": T, "decay_rate": g})
    return Spelling(call, note="optax has no inverse-time schedule: any function of the step "
                               "count is a schedule.")


# -- framework corners ---------------------------------------------------------------


@CHAPTER.corner("piecewise")
def piecewise_corner(boundaries=(10, 20), values=(0.1, 0.05, 0.01)):
    """Piecewise constant in TF 1.x, Keras 3, PyTorch and optax."""
    b, v = list(boundaries), list(values)
    pw = {"boundaries": b, "values": v}
    factors = [_r(v[i + 1] / v[i]) for i in range(len(b))]
    lam = Expr("lambda t: " + " * ".join(f"{f!r} ** (t >= {x})"
                                          for f, x in zip(factors, b, strict=True)))
    return Corner("piecewise constant", [
        Tab("TensorFlow / Keras", [Call("tf", "piecewise_constant", pw),
                                   Call("keras", "PiecewiseConstantDecay", pw)],
            f"For $b_{{j}} < t \\le b_{{j+1}}$ the rate is $v_{{j}}$ (with $b_0 = -\\infty$ "
            f"and $b_{{n+1}} = +\\infty$): "
            f"the old value still holds at step {b[0]}."),
        Tab("PyTorch", [Call("torch", "LambdaLR", {"lr": v[0], "lr_lambda": lam})],
            "No class takes a list of values: `LambdaLR` multiplies `lr` by your function of "
            f"the step count. This one switches AT each boundary, so step {b[0]} already has "
            f"the new value."),
        Tab("optax", [Call("optax", "piecewise_constant_schedule",
                           {"init_value": v[0],
                            "boundaries_and_scales": dict(zip(b, factors, strict=True))})],
            "The dictionary holds *scales*: the rate is multiplied by each one at its boundary, "
            "switching AT it."),
    ], SOURCES)


@CHAPTER.corner("step")
def step_corner(lr0=0.1, decay_rate=0.5, decay_steps=10):
    """Step decay in TF 1.x, Keras 3, PyTorch and optax."""
    return Corner("step decay", [
        Tab("TensorFlow / Keras", [
            Call("tf", "exponential_decay", {"learning_rate": lr0, "decay_steps": decay_steps,
                                             "decay_rate": decay_rate, "staircase": True}),
            Call("keras", "ExponentialDecay", {"initial_learning_rate": lr0,
                                               "decay_steps": decay_steps,
                                               "decay_rate": decay_rate, "staircase": True})],
            "TF has no separate step decay: it is staircase exponential decay."),
        Tab("PyTorch", [Call("torch", "StepLR", {"lr": lr0, "step_size": decay_steps,
                                                 "gamma": decay_rate})],
            "`step_size` is $T$ and `gamma` is $\\gamma$; $T$ counts calls of `scheduler.step()`."),
        Tab("optax", [Call("optax", "exponential_decay",
                           {"init_value": lr0, "transition_steps": decay_steps,
                            "decay_rate": decay_rate, "staircase": True})]),
    ], SOURCES)


@CHAPTER.corner("multistep")
def multistep_corner(lr0=0.1, boundaries=(32_000, 48_000), decay_rate=0.1):
    """Multi-step decay in TF 1.x, Keras 3, PyTorch and optax."""
    b = list(boundaries)
    values = [_r(lr0 * decay_rate**j) for j in range(len(b) + 1)]
    shifted = [x + 1 for x in b]
    return Corner("multi-step decay", [
        Tab("TensorFlow / Keras", [
            Call("tf", "piecewise_constant", {"boundaries": b, "values": values}),
            Call("keras", "PiecewiseConstantDecay", {"boundaries": b, "values": values})],
            f"The old value holds at each boundary: the rate changes at steps "
            f"{', '.join(map(str, shifted))}."),
        Tab("PyTorch", [Call("torch", "MultiStepLR", {"lr": lr0, "milestones": b,
                                                      "gamma": decay_rate})],
            "Switches AT each milestone. A milestone listed twice applies `gamma` twice."),
        Tab("optax", [Call("optax", "piecewise_constant_schedule",
                           {"init_value": lr0, "boundaries_and_scales": {x: decay_rate for x in b}})],
            "Switches AT each boundary."),
    ], SOURCES)


@CHAPTER.corner("exponential")
def exponential_corner(lr0=0.1, decay_rate=0.96, decay_steps=1000):
    """Smooth exponential decay in TF 1.x, Keras 3, PyTorch and optax."""
    return Corner("exponential decay", [
        Tab("TensorFlow / Keras", [
            Call("tf", "exponential_decay", {"learning_rate": lr0, "decay_steps": decay_steps,
                                             "decay_rate": decay_rate}),
            Call("keras", "ExponentialDecay", {"initial_learning_rate": lr0,
                                               "decay_steps": decay_steps,
                                               "decay_rate": decay_rate})]),
        Tab("PyTorch", [Call("torch", "ExponentialLR",
                             {"lr": lr0, "gamma": Expr(f"{decay_rate!r} ** (1 / {decay_steps})")})],
            f"`ExponentialLR` multiplies by `gamma` at **every** `scheduler.step()`: to keep "
            f"{decay_rate:g} every {decay_steps} steps, take the {decay_steps}-th root."),
        Tab("optax", [Call("optax", "exponential_decay",
                           {"init_value": lr0, "transition_steps": decay_steps,
                            "decay_rate": decay_rate})],
            "optax adds `transition_begin` (a delay) and `end_value` (a floor or a ceiling)."),
    ], SOURCES)


@CHAPTER.corner("natural_exp")
def natural_exp_corner(lr0=0.1, decay_rate=0.5, decay_steps=10):
    """Natural-exponential decay in TF 1.x, Keras 3, PyTorch and optax."""
    k, T = decay_rate, decay_steps
    return Corner("natural-exponential decay", [
        Tab("TensorFlow / Keras", [
            Call("tf", "natural_exp_decay", {"learning_rate": lr0, "decay_steps": T,
                                             "decay_rate": k}),
            Call("keras", "ExponentialDecay", {"initial_learning_rate": lr0, "decay_steps": T,
                                               "decay_rate": Expr(f"math.exp(-{k!r})")})],
            "Keras 3 has no natural-exponential class: exponential decay with "
            "`decay_rate = exp(-k)` is the same schedule."),
        Tab("PyTorch", [Call("torch", "ExponentialLR",
                             {"lr": lr0, "gamma": Expr(f"math.exp(-{k!r} / {T})")})],
            "One factor per `scheduler.step()`: $e^{-k/T}$."),
        Tab("optax", [Call("optax", "exponential_decay",
                           {"init_value": lr0, "transition_steps": T,
                            "decay_rate": Expr(f"math.exp(-{k!r})")})]),
    ], SOURCES)


@CHAPTER.corner("inverse_time")
def inverse_time_corner(lr0=0.1, decay_rate=0.5, decay_steps=10):
    """Inverse-time decay in TF 1.x, Keras 3, PyTorch and optax."""
    k, T = decay_rate, decay_steps
    text = f"lambda t: 1 / (1 + {k!r} * t / {T})"
    return Corner("inverse-time decay", [
        Tab("TensorFlow / Keras", [
            Call("tf", "inverse_time_decay", {"learning_rate": lr0, "decay_steps": T,
                                              "decay_rate": k}),
            Call("keras", "InverseTimeDecay", {"initial_learning_rate": lr0, "decay_steps": T,
                                               "decay_rate": k})]),
        Tab("PyTorch", [Call("torch", "LambdaLR", {"lr": lr0, "lr_lambda": Expr(text)})],
            "No built-in class: `LambdaLR` multiplies the initial rate by your function of "
            "the step count."),
        Tab("optax", code=f"schedule = lambda count: {lr0!r} / (1 + {k!r} * count / {T})",
            note="optax has no inverse-time schedule; any function of the step count is a "
                 "schedule."),
    ], SOURCES)


# -- exercises --------------------------------------------------------------------------

# The source article's step-decay exercise: lr0 = 0.1, halve every 10 epochs.
CHAPTER.exercise(
    id="ch02-step-decay-list",
    title="Step decay: the first 30 learning rates",
    answer="list of 30 floats: the learning rate of epochs 0, 1, ..., 29 for "
           "lr0 = 0.1, decay_rate = 0.5, decay_steps = 10 (PyTorch StepLR(step_size=10, gamma=0.5))",
    kind="sequence",
    step_label="epoch",
    reference=lambda: S.step_decay(0.1, decay_rate=0.5, decay_steps=10)(np.arange(30)),
    hints=(
        Hint(lambda: S.exponential_decay(0.1, decay_rate=0.5, decay_steps=10)(np.arange(30)),
             "These are smooth exponential values: step decay needs the floor, "
             "lr0 * decay_rate ** floor(epoch / decay_steps)."),
        Hint(lambda: S.step_decay(0.1, decay_rate=0.5, decay_steps=1)(np.arange(30)),
             "You halved the rate every epoch: the drop happens every decay_steps = 10 epochs."),
    ),
)

# The source article's exponential exercise: lr0 = 0.1, factor 0.95 per epoch.
CHAPTER.exercise(
    id="ch02-exponential-list",
    title="Exponential decay: the first 10 learning rates",
    answer="list of 10 floats: the learning rate of epochs 0..9 for lr0 = 0.1, "
           "decay_rate = 0.95 per epoch (PyTorch ExponentialLR(gamma=0.95))",
    kind="sequence",
    step_label="epoch",
    reference=lambda: S.exponential_decay(0.1, decay_rate=0.95)(np.arange(10)),
    hints=(
        Hint(lambda: 0.1 * 0.05 ** np.arange(10),
             "You multiplied by 0.05 = 1 - 0.95: decay_rate is the factor that is kept, "
             "so a rate closer to 1 decays more slowly."),
        Hint(lambda: 0.1 * (1 - 0.95 * np.arange(10)),
             "That is a linear formula; exponential decay multiplies by 0.95 each epoch."),
    ),
)

CHAPTER.exercise(
    id="ch02-natural-exp-at-step",
    title="Natural-exponential decay at one step",
    answer="float: tf.compat.v1.train.natural_exp_decay(0.1, global_step=25, decay_steps=10, "
           "decay_rate=0.5), with staircase=False",
    kind="number",
    reference=lambda: compat.from_tf(
        "natural_exp_decay", learning_rate=0.1, decay_steps=10, decay_rate=0.5)(25),
    hints=(
        Hint(lambda: compat.from_tf("natural_exp_decay", learning_rate=0.1, decay_steps=10,
                                    decay_rate=0.5, staircase=True)(25),
             "That is the staircase value (floor(25/10) = 2); here staircase=False, "
             "so the exponent is 25/10 = 2.5."),
        Hint(lambda: 0.1 * 0.5 ** 2.5,
             "You used 0.5 as the base (exponential decay); natural-exponential decay "
             "uses exp(-decay_rate * t / T)."),
        Hint(lambda: 0.1 * np.exp(-0.5 * 25),
             "You forgot to divide the step by decay_steps = 10."),
    ),
)

_TF_PW = {"boundaries": [100, 200], "values": [0.1, 0.05, 0.01]}
_PW_STEPS = np.array([99, 100, 101, 199, 200, 201])

CHAPTER.exercise(
    id="ch02-tf-piecewise-boundaries",
    title="TensorFlow piecewise constant at and after each boundary",
    answer="list of 6 floats: tf.compat.v1.train.piecewise_constant with boundaries "
           "[100, 200] and values [0.1, 0.05, 0.01] at global steps 99, 100, 101, 199, 200, 201",
    kind="sequence",
    positions=tuple(float(t) for t in _PW_STEPS),
    reference=lambda: compat.from_tf("piecewise_constant", **_TF_PW)(_PW_STEPS),
    hints=(
        Hint(lambda: S.piecewise_constant(_TF_PW["boundaries"], values=_TF_PW["values"],
                                          switch_at_boundary=True)(_PW_STEPS),
             "These are PyTorch/optax values: they switch AT the boundary. TensorFlow's "
             "intervals are right-inclusive, so the old value still holds at steps 100 and 200."),
    ),
)

_PORT = {"boundaries": [30_000, 40_000], "values": [0.1, 0.01, 0.001]}


def _milestones_matching_tf() -> list[float]:
    """The PyTorch milestones that reproduce the TF schedule: where its value changes."""
    t = np.arange(1, 50_001)
    tf = compat.from_tf("piecewise_constant", **_PORT)
    changed = t[tf(t) != tf(t - 1)]
    torch = compat.from_torch("MultiStepLR", lr=0.1, milestones=[int(c) for c in changed],
                              gamma=0.1)
    assert np.allclose(torch(np.arange(50_001)), tf(np.arange(50_001)), rtol=1e-12)
    return [float(c) for c in changed]


CHAPTER.exercise(
    id="ch02-port-boundaries",
    title="Port TensorFlow boundaries to PyTorch milestones",
    answer="list of 2 integers: the milestones of PyTorch MultiStepLR(lr=0.1, gamma=0.1) that "
           "give the same rate at every step as tf.compat.v1.train.piecewise_constant with "
           "boundaries [30000, 40000] and values [0.1, 0.01, 0.001]",
    kind="sequence",
    step_label="milestone",
    first_step=1,
    reference=_milestones_matching_tf,
    hints=(
        Hint(lambda: [30_000.0, 40_000.0],
             "Those are the TF boundaries. PyTorch switches AT a milestone, while TF keeps "
             "the old value at its boundary: each PyTorch milestone must come one step later."),
        Hint(lambda: [29_999.0, 39_999.0],
             "You moved the milestones the wrong way: TF changes the rate one step AFTER its "
             "boundary, so the milestones are one step later, not earlier."),
    ),
)

CHAPTER.exercise(
    id="ch02-per-epoch-counting",
    title="Per-step vs per-epoch counting",
    answer="list of 16 floats: the learning rate of optimiser steps (batches) 0..15 when "
           "StepLR(step_size=3, gamma=0.1) on lr=0.2 is stepped once per epoch and an epoch "
           "has 2 batches",
    kind="sequence",
    reference=lambda: S.per_epoch(
        compat.from_torch("StepLR", lr=0.2, step_size=3, gamma=0.1), steps_per_epoch=2
    )(np.arange(16)),
    hints=(
        Hint(lambda: compat.from_torch("StepLR", lr=0.2, step_size=3, gamma=0.1)(np.arange(16)),
             "You stepped the scheduler after every batch; here it steps once per epoch, "
             "so each value lasts 2 batches."),
        Hint(lambda: S.per_epoch(compat.from_torch("StepLR", lr=0.2, step_size=3, gamma=0.1),
                                 steps_per_epoch=3)(np.arange(16)),
             "Each epoch has 2 batches, not 3: batch i belongs to epoch floor(i / 2)."),
    ),
)


# -- explorer -----------------------------------------------------------------------------

LR0 = 0.1
HORIZON = 60  # steps shown: 0 .. HORIZON - 1


@CHAPTER.explorer
def schedule_plotter(family="piecewise", framework="tf", decay_rate=0.8, decay_steps=10):
    r"""Schedule plotter with a framework toggle (chapter 2).

    Plots :math:`\eta_t` for :math:`t = 0, \dots, 59` with
    :math:`\eta_0 = 0.1`, as the chosen framework computes it (through
    :func:`decay_in`), and prints the framework call and
    the values around the first boundary, where TF/Keras and
    PyTorch/optax disagree.

    Controls: ``family`` (schedule), ``framework``, ``decay_rate``
    (:math:`\gamma`, or :math:`k` for natural-exponential and inverse-time
    decay) and ``decay_steps`` (:math:`T`). Static grid:
    6 families x 3 frameworks x ``decay_rate`` in {0.5, 0.8, 0.95} x
    ``decay_steps`` in {5, 10}.

    Returns
    -------
    Explorer
    """
    controls = [
        Choice("family", "schedule", [(v, k) for k, v in DECAY_FAMILIES.items()], family),
        Choice("framework", "framework", [(v, k) for k, v in FRAMEWORKS.items()], framework),
        Slider("decay_rate", "decay_rate γ (k)", 0.05, 1.0, [0.5, 0.8, 0.95], decay_rate,
               step=0.05),
        Slider("decay_steps", "decay_steps T", 1, 30, [5, 10], decay_steps, step=1,
               integer=True),
    ]
    fig = Figure(figsize=(7.5, 4.0), dpi=DPI)
    fig.subplots_adjust(left=0.1, right=0.98, top=0.9, bottom=0.13)
    ax = fig.add_subplot()
    steps = np.arange(HORIZON)
    (line,) = ax.plot(steps, np.zeros(HORIZON), "o-", ms=3.5, lw=1.2, color="#1f5fa8",
                      drawstyle="steps-post", label="learning rate")
    vlines = [ax.axvline(0, color="#b03a2e", lw=0.8, ls=":", visible=False) for _ in range(8)]
    ax.set_xlim(-1, HORIZON)
    ax.set_ylim(0, LR0 * 1.08)
    ax.set_xlabel("step t (0-based)")
    ax.set_ylabel("learning rate η_t")
    ax.grid(alpha=0.3)
    code_text = ax.set_title("", loc="left", fontsize=8.5, family="monospace")
    info = ax.text(0.99, 0.96, "", transform=ax.transAxes, ha="right", va="top", fontsize=9,
                   bbox={"boxstyle": "round", "fc": "white", "ec": "#c9d3e0"})

    drawn = {}  # what the last draw computed, for describe()

    def draw(v):
        sp = decay_in(v["family"], v["framework"], lr0=LR0, decay_rate=v["decay_rate"],
                      decay_steps=v["decay_steps"])
        lr = sp.schedule(steps)
        drawn.update(values=dict(v), spelling=sp, lr=lr)
        line.set_ydata(lr)
        for i, vl in enumerate(vlines):
            if i < len(sp.boundaries) and sp.boundaries[i] < HORIZON:
                vl.set_xdata([sp.boundaries[i], sp.boundaries[i]])
                vl.set_visible(True)
            else:
                vl.set_visible(False)
        code_text.set_text(_wrap(sp.code))
        lines = [f"at t = {HORIZON - 1}: η = {lr[-1]:.4g}"]
        if sp.boundaries:
            b = int(sp.boundaries[0])
            lines.insert(
                0, f"at the first boundary, t = {b}: η = {lr[b]:.4g};  at t = {b + 1}: η = {lr[b + 1]:.4g}"
            )
        if sp.note:
            lines.append(sp.note)
        info.set_text("\n".join(lines))

    def describe(v):
        if drawn.get("values") != v:  # Explorer.describe follows an update; be safe anyway
            draw(v)
        sp, lr = drawn["spelling"], drawn["lr"]
        return (f"{DECAY_FAMILIES[v['family']]} schedule in {FRAMEWORKS[v['framework']]}: "
                f"{sp.code}; rate {lr[0]:.4g} at step 0, {lr[10]:.4g} at step 10, "
                f"{lr[-1]:.4g} at step {HORIZON - 1}.")

    return Explorer("schedule_plotter", "Step-wise and exponential decay, per framework",
                    controls, fig, draw, describe, animated=[line, *vlines, code_text, info])


def _wrap(code: str, width: int = 88) -> str:
    if len(code) <= width:
        return code
    cut = code.rfind(", ", 0, width)
    return code[: cut + 1] + "\n    " + code[cut + 2:]
