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
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .. import compat, optim
from .. import schedules as S
from .._validation import check_choice, check_int, check_real
from ..corner import Call, Corner, Expr, Tab
from ..exercises._core import Hint
from ..explorers import Choice, Explorer, Layout, Readout, Slider, grid, new_figure
from ..plotting import window_means
from ._chapter import Chapter

__all__ = [
    "CHAPTER", "DECAY_FAMILIES", "FRAMEWORKS", "LAB_FAMILIES", "Spelling", "decay_in",
    "decay_vs_noise", "lab_schedule", "noise_floor", "noisy_descent", "schedule_plotter",
]

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


# -- explorers ----------------------------------------------------------------------------

LR0 = 0.1
HORIZON = 60  # steps shown: 0 .. HORIZON - 1
ZOOM = 3  # the zoom panel shows t = T - ZOOM .. T + ZOOM
#: Families whose rate is gamma-like (larger decay_rate keeps more) or k-like (decays faster).
_K_FAMILIES = ("natural_exp", "inverse_time")
_BLUE, _RED, _GREY = "#1f5fa8", "#b03a2e", "#555555"


def _rate_label(family: str) -> str:
    """The decay_rate slider's label: γ (kept; larger decays slower) or k (larger decays faster)."""
    if family == "constant":
        return "γ or k (no effect on a constant rate)"
    if family in _K_FAMILIES:
        return "k (larger decays faster)"
    if family == "piecewise":
        return "γ (factor kept at each boundary; larger decays slower)"
    return "γ (factor kept per T steps; larger decays slower)"


def _steps_label(family: str) -> str:
    """The decay_steps slider's label: what T means for this family."""
    return {
        "constant": "T (no effect on a constant rate)",
        "piecewise": "T (boundaries at T and 3T)",
        "multistep": "T (boundaries at T, 2T and 4T)",
        "step": "T (steps between drops)",
    }.get(family, "T (steps per unit of decay)")


def _formula(family: str, lr0: float, g: float, T: int) -> str:
    """The schedule as a formula with the numbers filled in (plain text)."""
    e = f"{lr0:g}"
    return {
        "constant": f"η_t = {e}",
        "piecewise": f"η_t = {e} · {g:g}^j, j = number of boundaries {T}, {3 * T} passed",
        "multistep": f"η_t = {e} · {g:g}^j, j = number of boundaries {T}, {2 * T}, {4 * T} passed",
        "step": f"η_t = {e} · {g:g}^⌊t/{T}⌋",
        "exponential": f"η_t = {e} · {g:g}^(t/{T})",
        "natural_exp": f"η_t = {e} · e^(−{g:g}·t/{T})",
        "inverse_time": f"η_t = {e} / (1 + {g:g}·t/{T})",
    }[family]



@CHAPTER.explorer
def schedule_plotter(family="piecewise", framework="tf", decay_rate=0.8, decay_steps=10):
    r"""Schedule plotter with a framework toggle (chapter 2).

    Plots :math:`\eta_t` for :math:`t = 0, \dots, 59` with
    :math:`\eta_0 = 0.1`, as the chosen framework computes it (through
    :func:`decay_in`); staircase families are drawn as steps with their
    boundaries dotted, smooth ones as lines. A second panel zooms on
    :math:`t = T-3, \dots, T+3`, where the first boundary of every staircase
    family sits: TensorFlow/Keras keep the old rate at :math:`t = T`,
    PyTorch and optax switch at it. Under the figure: the framework code,
    the rates at the first boundary, the formula with its numbers, and what
    the framework does differently.

    Controls: ``family`` (schedule), ``framework``, ``decay_rate`` (shown as
    :math:`\gamma`, the factor kept, for the piecewise, step, multi-step and
    exponential families, and as :math:`k`, which decays faster when larger,
    for natural-exponential and inverse-time decay) and ``decay_steps``
    (:math:`T`; its label says where the boundaries are). Static grid:
    6 families x 3 frameworks x 5 values of ``decay_rate`` x 6 of
    ``decay_steps`` (540 combinations).

    Returns
    -------
    Explorer
    """
    controls = [
        Choice("family", "schedule", [(v, k) for k, v in DECAY_FAMILIES.items()], family),
        Choice("framework", "framework", [(v, k) for k, v in FRAMEWORKS.items()], framework),
        Slider("decay_rate", lambda v: _rate_label(v["family"]), 0.05, 1.0,
               [0.2, 0.4, 0.6, 0.8, 0.95], decay_rate, step=0.05),
        Slider("decay_steps", lambda v: _steps_label(v["family"]), ZOOM, 30,
               [4, 6, 8, 10, 12, 15], decay_steps, step=1, integer=True),
    ]
    fig = new_figure((6.6, 3.4))
    wide = grid(1, 2, widths=[2.4, 1])
    ax = fig.add_subplot()
    zoom = fig.add_subplot()
    wide(fig)
    steps = np.arange(HORIZON)
    (line,) = ax.plot(steps, np.zeros(HORIZON), "o-", ms=3, lw=1.6, color=_BLUE)
    vlines = [ax.axvline(0, color=_RED, lw=1.2, ls=":", visible=False) for _ in range(15)]
    ax.set_xlim(-1, HORIZON)
    ax.set_ylim(0, LR0 * 1.08)
    ax.set_xlabel("step $t$ (0-based)")
    ax.set_ylabel(r"learning rate $\eta_t$")
    ax.set_title(rf"$\eta_t$ for $t = 0 \ldots {HORIZON - 1}$, $\eta_0 = {LR0:g}$", fontsize=10)
    ax.grid(alpha=0.3)

    rel = np.arange(-ZOOM, ZOOM + 1)
    (zline,) = zoom.plot(rel, np.zeros(rel.size), "o-", ms=6, lw=1.8, color=_BLUE)
    (at_b,) = zoom.plot([0], [0], "o", ms=13, mfc="none", mec=_RED, mew=1.8, visible=False)
    zvline = zoom.axvline(0, color=_RED, lw=1.2, ls=":", visible=False)
    ztext = zoom.text(0.5, 0.05, "", transform=zoom.transAxes, ha="center", va="bottom",
                      fontsize=10, color=_RED)
    zoom.set_xlim(-ZOOM - 0.6, ZOOM + 0.6)
    zoom.set_ylim(0, LR0 * 1.08)
    zoom.set_xticks([-2, 0, 2], ["T−2", "T", "T+2"])
    zoom.set_xticks(rel, minor=True)
    zoom.set_title("zoom: $t$ around $T$", fontsize=10)
    zoom.grid(alpha=0.3)
    zoom.tick_params(labelleft=False)

    drawn = {}  # what the last draw computed, for describe() and readout()

    def draw(v):
        sp = decay_in(v["family"], v["framework"], lr0=LR0, decay_rate=v["decay_rate"],
                      decay_steps=v["decay_steps"])
        lr = sp.schedule(steps)
        T = v["decay_steps"]
        zlr = sp.schedule(T + rel)
        drawn.update(values=dict(v), spelling=sp, lr=lr, zlr=zlr)
        style = "steps-post" if v["family"] in STAIRCASE_FAMILIES else "default"
        for artist in (line, zline):
            artist.set_drawstyle(style)
        line.set_ydata(lr)
        zline.set_ydata(zlr)
        shown = [b for b in sp.boundaries if b < HORIZON]
        for i, vl in enumerate(vlines):
            vl.set_visible(i < len(shown))
            if i < len(shown):
                vl.set_xdata([shown[i], shown[i]])
        staircase = bool(sp.boundaries)
        at_b.set_visible(staircase)
        zvline.set_visible(staircase)
        at_b.set_ydata([zlr[ZOOM]])
        if staircase:
            kept = np.isclose(zlr[ZOOM], zlr[ZOOM - 1], rtol=1e-12, atol=0)
            ztext.set_text(f"t = T = {T}:\n{'old' if kept else 'new'} rate")
        else:
            ztext.set_text("smooth:\nno boundary")

    def describe(v):
        if drawn.get("values") != v:
            draw(v)
        sp, lr = drawn["spelling"], drawn["lr"]
        kind = "steps" if v["family"] in STAIRCASE_FAMILIES else "a smooth line"
        return (f"{DECAY_FAMILIES[v['family']]} schedule in {FRAMEWORKS[v['framework']]}, drawn "
                f"as {kind}: {sp.code}; rate {lr[0]:.4g} at step 0, {lr[10]:.4g} at step 10, "
                f"{lr[-1]:.4g} at step {HORIZON - 1}.")

    def readout(v):
        if drawn.get("values") != v:
            draw(v)
        sp, lr = drawn["spelling"], drawn["lr"]
        T, g = v["decay_steps"], v["decay_rate"]
        boundary = ""
        if sp.boundaries:
            b = int(sp.boundaries[0])
            kept = lr[b] == lr[b - 1]
            boundary = (f"t = {b}: η = {lr[b]:.4g} ({'old rate kept' if kept else 'new rate already'}"
                        f"); t = {b + 1}: η = {lr[b + 1]:.4g}")
        return [
            Readout(f"{FRAMEWORKS[v['framework']]} code", sp.code, code=True),
            Readout("formula", _formula(v["family"], LR0, g, T)),
            Readout("at the first boundary", boundary),
            Readout(f"rate at t = {HORIZON - 1}", f"{lr[-1]:.4g}"),
            Readout("note", sp.note),
        ]

    return Explorer(
        "schedule_plotter", "Step-wise and exponential decay, per framework", controls, fig,
        draw, describe, animated=[line, *vlines, zline, zvline, at_b, ztext], readout=readout,
        layouts=[Layout((6.6, 3.4), wide),
                 Layout((3.4, 5.2), grid(2, 1, heights=[1.6, 1]))],
    )


# -- explorer: what decay does to noisy gradient descent ----------------------------------

#: ``value -> display name`` of the families in :func:`decay_vs_noise`.
LAB_FAMILIES = {
    "constant": "Constant",
    "step": "Step",
    "multistep": "Multi-step",
    "exponential": "Exponential (smooth)",
    "natural_exp": "Natural exponential",
    "inverse_time": "Inverse time",
}
#: The bowl of :func:`noisy_descent`: curvatures (a slow and a fast direction) and start.
CURVATURES = (0.05, 1.0)
X0 = (6.0, 6.0)
LAB_STEPS = 600
LAB_SEEDS = 8
WINDOW = 10  # the loss is averaged over windows of this many steps before it is plotted


def lab_schedule(family, lr0, *, decay_rate, decay_steps):
    r"""The schedule ``family`` of :data:`LAB_FAMILIES` with these parameters.

    The multi-step family has boundaries :math:`T, 2T, 4T`; ``decay_rate``
    is :math:`\gamma` for step, multi-step and exponential decay and
    :math:`k` for natural-exponential and inverse-time decay. A constant
    schedule ignores both.

    Raises
    ------
    ValueError
        For an unknown family or a parameter out of range.

    Examples
    --------
    >>> from lrcourse.chapters.ch02_step_exponential import lab_schedule
    >>> float(lab_schedule("step", 0.4, decay_rate=0.5, decay_steps=100)(250))
    0.1
    """
    check_choice("family", family, list(LAB_FAMILIES))
    if family == "constant":
        return S.constant(lr0)
    T = decay_steps
    if family == "step":
        return S.step_decay(lr0, decay_rate=decay_rate, decay_steps=T)
    if family == "multistep":
        return S.multistep_decay(lr0, boundaries=[T, 2 * T, 4 * T], decay_rate=decay_rate)
    if family == "exponential":
        return S.exponential_decay(lr0, decay_rate=decay_rate, decay_steps=T)
    if family == "natural_exp":
        return S.natural_exp_decay(lr0, decay_rate=decay_rate, decay_steps=T)
    return S.inverse_time_decay(lr0, decay_rate=decay_rate, decay_steps=T)


def noisy_descent(lr, *, steps=LAB_STEPS, seeds=LAB_SEEDS, noise=1.0, seed=0):
    r"""Gradient descent with noisy gradients on a 2-D quadratic, over several seeds.

    .. math::

        f(x) = \tfrac12 \sum_i \lambda_i x_i^2, \qquad
        x_{k+1} = x_k - \eta_k (\nabla f(x_k) + \sigma \xi_k), \qquad
        \xi_k \sim \mathcal N(0, I)

    with curvatures :math:`\lambda = (0.05, 1)` (a slow and a fast
    direction) from :math:`x_0 = (6, 6)`, :math:`f(x_0) = 18.9`. Every seed is
    one run; all are computed at once by :func:`lrcourse.optim.run` on an
    array of shape ``(seeds, 2)``, with the noise drawn from
    ``numpy.random.default_rng(seed)``, so the same ``seed`` gives every
    schedule the same noise.

    Parameters
    ----------
    lr : float or Schedule
        The learning rate :math:`\eta_k` (update ``k`` uses ``lr(k)``).
    steps : int
        Number of updates, >= 1.
    seeds : int
        Number of runs, >= 1.
    noise : float
        :math:`\sigma \ge 0`.
    seed : int
        Seed >= 0 of the noise.

    Returns
    -------
    numpy.ndarray, shape (seeds, steps + 1)
        The loss :math:`f(x_k)` of every run at every step (``inf`` or
        ``nan`` after a divergence).

    Raises
    ------
    TypeError, ValueError
        For a bad argument.

    Notes
    -----
    With a constant rate the loss settles at the noise floor of
    :func:`noise_floor`, proportional to :math:`\eta`; a decaying rate
    lowers it, and a rate that decays too fast stops the slow direction
    before it converges.

    Examples
    --------
    >>> from lrcourse.chapters.ch02_step_exponential import noisy_descent
    >>> loss = noisy_descent(0.4, steps=600)
    >>> loss.shape
    (8, 601)
    >>> round(float(loss[:, 0].mean()), 2)
    18.9
    """
    steps = check_int("steps", steps, ge=1)
    seeds = check_int("seeds", seeds, ge=1)
    noise = check_real("noise", noise, ge=0)
    seed = check_int("seed", seed, ge=0)
    optim.gd(lr)  # validates lr (a positive float or a schedule) with its usual messages
    lam = np.asarray(CURVATURES)
    xi = noise * np.random.default_rng(seed).standard_normal((steps, seeds, lam.size))
    eta = (np.asarray(lr(np.arange(steps)), dtype=np.float64) if callable(lr)
           else np.full(steps, float(lr)))
    # The update x <- x - eta_k (lam * x + xi_k) of lrcourse.optim.gd, written as
    # x_{k+1} = (1 - eta_k lam) x_k - eta_k xi_k for all seeds at once (the tests
    # check it against lrcourse.optim.run step for step).
    factor = 1.0 - eta[:, None] * lam[None, :]
    kick = eta[:, None, None] * xi
    x = np.empty((steps + 1, seeds, lam.size))
    x[0] = X0
    with np.errstate(all="ignore"):
        for k in range(steps):
            np.subtract(factor[k] * x[k], kick[k], out=x[k + 1])
        return 0.5 * np.einsum("ksi,i,ksi->sk", x, lam, x)


def noise_floor(lr, noise=1.0):
    r"""Expected loss that :func:`noisy_descent` settles at with a constant rate.

    .. math:: \mathbb E f_\infty = \sum_i \frac{\eta \sigma^2}{2 (2 - \eta\lambda_i)}

    (the stationary variance of each coordinate is
    :math:`\eta\sigma^2 / (\lambda_i (2 - \eta\lambda_i))`); infinite when
    :math:`\eta \ge 2/\lambda_{\max}`.

    Examples
    --------
    >>> from lrcourse.chapters.ch02_step_exponential import noise_floor
    >>> round(noise_floor(0.4), 4)
    0.226
    """
    lr = check_real("lr", lr, ge=0)
    noise = check_real("noise", noise, ge=0)
    lam = np.asarray(CURVATURES)
    if lr * lam.max() >= 2:
        return math.inf
    return float(np.sum(lr * noise**2 / (2 * (2 - lr * lam))))


#: Summaries of the runs already computed, keyed by the rate of every step
#: (shared by all instances: a reader, the book build and the tests revisit them).
_LAB_CACHE: dict[bytes, dict] = {}
_LAB_CACHE_SIZE = 2048


def _lab_runs(schedule, lr: np.ndarray) -> dict:
    """The windowed losses, their median and the final loss of :func:`noisy_descent`."""
    key = lr.tobytes()
    if key not in _LAB_CACHE:
        loss = noisy_descent(schedule)
        means = window_means(loss, WINDOW)[1]
        if len(_LAB_CACHE) >= _LAB_CACHE_SIZE:
            _LAB_CACHE.pop(next(iter(_LAB_CACHE)))
        _LAB_CACHE[key] = {"means": means,
                           "median": np.median(means, axis=0),
                           "final": float(np.median(loss[:, -50:].mean(axis=1)))}
    return _LAB_CACHE[key]


@CHAPTER.explorer
def decay_vs_noise(family="step", lr0=0.4, decay_rate=0.5, decay_steps=100):
    r"""What decay does to noisy gradient descent (chapter 2).

    Runs :func:`noisy_descent` (8 seeds, 600 steps) with the schedule
    :func:`lab_schedule` and plots the schedule and the loss, on log scales:
    the median over the seeds (averaged over 10-step windows) with a band
    from the lowest to the highest seed, and the noise floor of a constant
    rate :math:`\eta_0` (:func:`noise_floor`). A constant rate stalls at its
    floor; decay lowers the loss below it; a rate that decays too fast
    stops the slow direction before it converges, above the floor.

    Controls, 6 values each (1296 combinations): ``family``, ``lr0``
    (:math:`\eta_0`), ``decay_rate`` (:math:`\gamma` or :math:`k`, labelled
    by family) and ``decay_steps`` (:math:`T`).

    Returns
    -------
    Explorer
    """
    controls = [
        Choice("family", "schedule", [(v, k) for k, v in LAB_FAMILIES.items()], family),
        Slider("lr0", "η₀", 0.01, 1.9, [0.05, 0.1, 0.2, 0.4, 0.8, 1.6], lr0, log=True),
        Slider("decay_rate", lambda v: _rate_label(v["family"]), 0.05, 1.0,
               [0.1, 0.2, 0.35, 0.5, 0.7, 0.9], decay_rate, step=0.05),
        Slider("decay_steps", lambda v: _steps_label(v["family"]), 5, 600,
               [10, 25, 50, 100, 200, 400], decay_steps, step=5, integer=True),
    ]
    fig = new_figure((6.6, 3.5))
    wide = grid(1, 2, widths=[1, 1.35])
    ax_lr = fig.add_subplot()
    ax_loss = fig.add_subplot()
    wide(fig)
    t = np.arange(LAB_STEPS)
    centres = window_means(np.zeros((1, LAB_STEPS + 1)), WINDOW)[0]
    (rate,) = ax_lr.plot(t, np.ones(LAB_STEPS), lw=1.8, color=_BLUE)
    ax_lr.set_yscale("log")
    ax_lr.set_ylim(1e-4, 3)
    ax_lr.set_xlim(0, LAB_STEPS)
    ax_lr.set_xlabel("step $t$")
    ax_lr.set_title(r"learning rate $\eta_t$", fontsize=10)
    ax_lr.grid(alpha=0.3)

    band = ax_loss.fill_between(centres, np.ones_like(centres), np.ones_like(centres),
                                color=_BLUE, alpha=0.22, lw=0)
    (median,) = ax_loss.plot(centres, np.ones_like(centres), lw=2, color=_BLUE)
    (floor,) = ax_loss.plot([0, LAB_STEPS], [1, 1], ls="--", lw=1.5, color=_RED)
    ax_loss.set_yscale("log")
    ax_loss.set_ylim(3e-3, 200)
    ax_loss.set_xlim(0, LAB_STEPS)
    ax_loss.set_xlabel("step $t$")
    ax_loss.set_title("loss $f(x_t)$", fontsize=10)
    ax_loss.grid(alpha=0.3)
    # The legend is background: proxies, not the animated artists.
    ax_loss.legend(
        [Line2D([], [], lw=2, color=_BLUE), Patch(color=_BLUE, alpha=0.22, lw=0),
         Line2D([], [], ls="--", lw=1.5, color=_RED)],
        [f"median of {LAB_SEEDS} runs", "lowest to highest run", "floor of a constant η₀"],
        loc="upper right", fontsize=9, framealpha=0.95)

    drawn = {}

    def compute(v):
        key = tuple(sorted(v.items()))
        if drawn.get("key") != key:
            sched = lab_schedule(v["family"], v["lr0"], decay_rate=v["decay_rate"],
                                 decay_steps=v["decay_steps"])
            lr = np.asarray(sched(t), dtype=float)
            if drawn.get("lr") is None or not np.array_equal(lr, drawn["lr"]):
                # (a constant rate ignores decay_rate and T: the runs are the same)
                drawn.update(_lab_runs(sched, lr))
            drawn.update(key=key, lr=lr, floor=noise_floor(v["lr0"]))
        return drawn

    def draw(v):
        d = compute(v)
        rate.set_ydata(d["lr"])
        rate.set_drawstyle("steps-post" if v["family"] in STAIRCASE_FAMILIES else "default")
        lo, hi = d["means"].min(axis=0), d["means"].max(axis=0)
        band.set_verts([np.column_stack([np.r_[centres, centres[::-1]], np.r_[lo, hi[::-1]]])])
        median.set_ydata(d["median"])
        floor.set_ydata([d["floor"], d["floor"]])

    def verdict(v, d):
        end, flo = d["final"], d["floor"]
        if not np.isfinite(end):
            return "The runs diverged: η₀ is above 2/λmax = 2."
        if v["family"] == "constant":
            return "A constant rate stalls at its noise floor; a smaller η₀ lowers it but is slower."
        if end < 0.7 * flo:
            return (f"Decay lowered the final loss {flo / end:.1f}× below the floor of a constant "
                    f"η₀ = {v['lr0']:g}.")
        if end > 1.5 * flo:
            return ("The rate decayed too fast: progress stopped above the floor of a constant "
                    "rate, before the slow direction converged.")
        return "About the floor of a constant rate: the decay comes too late or is too weak."

    def describe(v):
        d = compute(v)
        return (f"Two log-scale charts over {LAB_STEPS} steps. Left: the {LAB_FAMILIES[v['family']]} "
                f"learning rate from {d['lr'][0]:.3g} to {d['lr'][-1]:.3g}. Right: the loss of "
                f"noisy gradient descent, median of {LAB_SEEDS} runs, from {d['median'][0]:.3g} "
                f"to {d['median'][-1]:.3g}; the noise floor of a constant rate "
                f"{v['lr0']:g} is {d['floor']:.3g}.")

    def readout(v):
        d = compute(v)
        return [
            Readout("schedule", _formula(v["family"], v["lr0"], v["decay_rate"],
                                         v["decay_steps"])),
            Readout(f"final loss (median of {LAB_SEEDS} runs, last 50 steps)",
                    f"{d['final']:.3g}; noise floor of a constant η₀ = {v['lr0']:g}: "
                    f"{d['floor']:.3g}"),
            Readout(f"rate at t = {LAB_STEPS - 1}", f"{d['lr'][-1]:.3g}"),
            Readout("what happened", verdict(v, d)),
        ]

    return Explorer(
        "decay_vs_noise", "What decay does to noisy gradient descent", controls, fig, draw,
        describe, animated=[rate, band, median, floor], readout=readout,
        layouts=[Layout((6.6, 3.5), wide), Layout((3.4, 5.4), grid(2, 1, heights=[1, 1.3]))],
    )
