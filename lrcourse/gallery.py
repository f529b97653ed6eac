r"""All schedules at a glance: one entry per schedule of :mod:`lrcourse.schedules`.

Each :class:`Entry` holds a representative instance of one schedule (built by
evaluating its lrcourse code, so the code shown is the schedule drawn), its
formula in the symbols of the notation page, the framework calls
that give the same curve (:class:`lrcourse.corner.Call`, evaluated by
:mod:`lrcourse.compat`, so every framework name shown is one that
``compat`` accepts) and the chapter that teaches it.

:func:`figure` draws an entry's small figure and :func:`page` renders the
whole gallery: MyST Markdown (a responsive grid of cards) in the book, plain
HTML in Jupyter and Colab.

Examples
--------
>>> from lrcourse import gallery
>>> entry = gallery.entry("step_decay")
>>> entry.schedule([0, 14, 15])
array([0.1 , 0.1 , 0.05])
>>> [call.name for call in entry.calls]
['exponential_decay', 'ExponentialDecay', 'StepLR', 'exponential_decay']
"""

from __future__ import annotations

import base64
import html
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from . import compat, schedules
from .corner import Call, Expr
from .plotting import BookFigure, is_staircase, plot_schedules

__all__ = [
    "CHAPTERS",
    "ENTRIES",
    "Entry",
    "LABELS",
    "Page",
    "chapter_link",
    "entry",
    "figure",
    "framework_schedule",
    "page",
    "toc_chapters",
]

#: Chapter number -> its subject, used when the chapter is not in the book yet.
CHAPTERS = {
    1: "what the learning rate does",
    2: "step-wise and exponential decay",
    3: "polynomial and cosine annealing",
    4: "warm restarts and cyclical rates",
    5: "range test and one-cycle",
    6: "warmup and modern schedules",
    12: "plateau and custom schedules, porting",
}

#: Size of a gallery figure in inches (shown at 100 CSS px per inch).
FIGSIZE = (3.0, 1.85)

_NAMESPACE = {name: getattr(schedules, name) for name in schedules.__all__}
_NAMESPACE["math"] = math


@dataclass(frozen=True)
class Entry:
    """One schedule of the gallery.

    Parameters
    ----------
    key : str
        The schedule's name in :mod:`lrcourse.schedules`.
    title : str
        Its name in plain English.
    code : str
        lrcourse code that builds the representative instance (evaluated
        with the names of :mod:`lrcourse.schedules` and ``math``).
    formula : tuple of str
        The formula in LaTeX, in the symbols of ``book/notation.md``, as
        short lines (each fits a phone's column); helper symbols such as
        :math:`c_t` or :math:`\tau` are defined in an earlier line.
    summary : str
        One or two plain sentences on what the schedule does.
    chapter : int
        Number of the chapter that teaches it (a key of :data:`CHAPTERS`).
    steps : int
        Steps ``0 .. steps - 1`` are drawn (epochs for a plateau policy).
    calls : sequence of Call
        Framework calls that give this schedule, one or more per framework
        that has it (none for a framework without it).
    notes : mapping
        ``framework -> short note`` shown after its names (what to set, or
        how the framework differs).
    inexact : frozenset of str
        Frameworks whose calls differ from the instance on the steps drawn
        (the note says how); all other calls are equal to it.
    quantity : {"rate", "momentum"}
        What the schedule gives.
    metrics : tuple of float
        For a plateau policy: the validation loss of each epoch.
    """

    key: str
    title: str
    code: str
    formula: tuple
    summary: str
    chapter: int
    steps: int
    calls: Sequence[Call] = ()
    notes: Mapping[str, str] = field(default_factory=dict)
    inexact: frozenset = frozenset()
    quantity: str = "rate"
    metrics: tuple = ()

    @property
    def latex(self) -> str:
        """The formula's lines as one LaTeX expression (``gathered`` if more than one)."""
        if len(self.formula) == 1:
            return self.formula[0]
        return r"\begin{gathered}" + r" \\ ".join(self.formula) + r"\end{gathered}"

    @property
    def schedule(self):
        """The representative instance: ``code`` evaluated."""
        return eval(self.code, dict(_NAMESPACE))  # noqa: S307  (text written in this module)

    def curve(self):
        """A callable ``steps -> values`` to draw: the schedule, or a plateau policy's rates."""
        sch = self.schedule
        if not self.metrics:
            return sch
        rates = sch.run(self.metrics)

        def by_epoch(t):
            idx = np.minimum(np.floor(np.asarray(t, dtype=float)).astype(int), len(rates) - 1)
            return rates[idx]

        return by_epoch

    def names(self, framework: str) -> list[str]:
        """This framework's names for the schedule (from its calls), without repeats."""
        found = []
        for call in self.calls:
            if call.framework == framework and call.name not in found:
                found.append(call.name)
        return found


def framework_schedule(entry: Entry, call: Call):
    """What ``call`` computes through :mod:`lrcourse.compat`, in the entry's quantity.

    A momentum entry's PyTorch call gives the momentum that the scheduler
    applies (:func:`lrcourse.compat.momentum_from_torch`).

    Examples
    --------
    >>> from lrcourse import gallery
    >>> e = gallery.entry("cyclic_momentum")
    >>> gallery.framework_schedule(e, e.calls[0])([0, 10])
    array([0.95, 0.85])
    """
    if entry.quantity == "momentum":
        return compat.momentum_from_torch(call.name, **call.values)
    return call.schedule


def _c(framework, name, **params):
    return Call(framework, name, params)


_STAIR_TF = {"tf": "with `staircase=True`", "keras": "with `staircase=True`",
             "optax": "with `staircase=True`"}
_OLD_AT_BOUNDARY = "the old value still holds *at* each boundary"

ENTRIES: tuple[Entry, ...] = (
    Entry(
        "constant", "Constant", "constant(0.1)",
        (
            r"\eta_t = \eta_0",
        ),
        "The same rate at every step: the baseline that every schedule improves on.",
        1, 50,
        calls=(_c("optax", "constant_schedule", value=0.1),),
        notes={"tf": "pass a float", "keras": "pass a float", "torch": "no scheduler"},
    ),
    Entry(
        "piecewise_constant", "Piecewise constant",
        "piecewise_constant([20, 35], values=[0.1, 0.04, 0.01])",
        (
            r"\eta_t = v_{i(t)}",
            r"i(t) = \#\{j : b_j \le t\}",
        ),
        "A list of values, each used until the next boundary.",
        2, 50,
        calls=(
            _c("tf", "piecewise_constant", boundaries=[20, 35], values=[0.1, 0.04, 0.01]),
            _c("keras", "PiecewiseConstantDecay", boundaries=[20, 35], values=[0.1, 0.04, 0.01]),
            _c("optax", "piecewise_constant_schedule", init_value=0.1,
               boundaries_and_scales={20: 0.4, 35: 0.25}),
        ),
        notes={"tf": _OLD_AT_BOUNDARY, "keras": _OLD_AT_BOUNDARY,
               "optax": "scales multiply the value",
               "torch": "`MultiStepLR` if each drop is by the same factor"},
        inexact=frozenset({"tf", "keras"}),
    ),
    Entry(
        "step_decay", "Step decay", "step_decay(0.1, decay_rate=0.5, decay_steps=15)",
        (
            r"\eta_t = \eta_0\,\gamma^{\lfloor t/T\rfloor}",
        ),
        "Multiply the rate by the same factor every T steps.",
        2, 50,
        calls=(
            _c("tf", "exponential_decay", learning_rate=0.1, decay_steps=15, decay_rate=0.5,
               staircase=True),
            _c("keras", "ExponentialDecay", initial_learning_rate=0.1, decay_steps=15,
               decay_rate=0.5, staircase=True),
            _c("torch", "StepLR", lr=0.1, step_size=15, gamma=0.5),
            _c("optax", "exponential_decay", init_value=0.1, transition_steps=15, decay_rate=0.5,
               staircase=True),
        ),
        notes=_STAIR_TF,
    ),
    Entry(
        "multistep_decay", "Multi-step decay",
        "multistep_decay(0.1, boundaries=[20, 35], decay_rate=0.2)",
        (
            r"\eta_t = \eta_0\,\gamma^{\#\{j:\,b_j\le t\}}",
        ),
        "Multiply the rate by the same factor at each listed step.",
        2, 50,
        calls=(
            _c("tf", "piecewise_constant", boundaries=[20, 35], values=[0.1, 0.02, 0.004]),
            _c("keras", "PiecewiseConstantDecay", boundaries=[20, 35], values=[0.1, 0.02, 0.004]),
            _c("torch", "MultiStepLR", lr=0.1, milestones=[20, 35], gamma=0.2),
            _c("optax", "piecewise_constant_schedule", init_value=0.1,
               boundaries_and_scales={20: 0.2, 35: 0.2}),
        ),
        notes={"tf": "values listed; " + _OLD_AT_BOUNDARY,
               "keras": "values listed; " + _OLD_AT_BOUNDARY},
        inexact=frozenset({"tf", "keras"}),
    ),
    Entry(
        "exponential_decay", "Exponential decay",
        "exponential_decay(0.1, decay_rate=0.5, decay_steps=15)",
        (
            r"\eta_t = \eta_0\,\gamma^{t/T}",
        ),
        "The rate shrinks by the factor γ over every T steps, a little at each step.",
        2, 50,
        calls=(
            _c("tf", "exponential_decay", learning_rate=0.1, decay_steps=15, decay_rate=0.5),
            _c("keras", "ExponentialDecay", initial_learning_rate=0.1, decay_steps=15,
               decay_rate=0.5),
            _c("torch", "ExponentialLR", lr=0.1, gamma=Expr("0.5 ** (1 / 15)")),
            _c("optax", "exponential_decay", init_value=0.1, transition_steps=15, decay_rate=0.5),
        ),
        notes={"torch": "γ per step: γ^(1/T)"},
    ),
    Entry(
        "natural_exp_decay", "Natural exponential decay",
        "natural_exp_decay(0.1, decay_rate=0.7, decay_steps=15)",
        (
            r"\eta_t = \eta_0\,e^{-k t/T}",
        ),
        "Exponential decay written with a rate constant k: it is γ = e^(−k).",
        2, 50,
        calls=(
            _c("tf", "natural_exp_decay", learning_rate=0.1, decay_steps=15, decay_rate=0.7),
            _c("keras", "ExponentialDecay", initial_learning_rate=0.1, decay_steps=15,
               decay_rate=Expr("math.exp(-0.7)")),
            _c("torch", "ExponentialLR", lr=0.1, gamma=Expr("math.exp(-0.7 / 15)")),
            _c("optax", "exponential_decay", init_value=0.1, transition_steps=15,
               decay_rate=Expr("math.exp(-0.7)")),
        ),
        notes={"keras": "with γ = e^(−k)", "torch": "with γ = e^(−k/T)",
               "optax": "with γ = e^(−k)"},
    ),
    Entry(
        "inverse_time_decay", "Inverse-time decay",
        "inverse_time_decay(0.1, decay_rate=0.5, decay_steps=5)",
        (
            r"\eta_t = \frac{\eta_0}{1 + k\,t/T}",
        ),
        "The rate falls like 1/t: fast at first, then very slowly.",
        2, 50,
        calls=(
            _c("tf", "inverse_time_decay", learning_rate=0.1, decay_steps=5, decay_rate=0.5),
            _c("keras", "InverseTimeDecay", initial_learning_rate=0.1, decay_steps=5,
               decay_rate=0.5),
            _c("torch", "LambdaLR", lr=0.1, lr_lambda=Expr("lambda t: 1 / (1 + 0.5 * t / 5)")),
        ),
        notes={"torch": "a multiplier function", "optax": "write the function"},
    ),
    Entry(
        "per_epoch", "Counted in epochs",
        "per_epoch(step_decay(0.1, decay_rate=0.5, decay_steps=2), steps_per_epoch=8)",
        (
            r"\eta_i = s(\lfloor i/B\rfloor)",
        ),
        "Any schedule s whose clock counts epochs of B steps: the rate changes only "
        "when an epoch ends.",
        2, 50,
        notes={"tf": "divide `global_step` by B", "keras": "divide the step by B",
               "torch": "call `scheduler.step()` once per epoch", "optax": "divide `count` by B"},
    ),
    Entry(
        "polynomial_decay", "Polynomial decay",
        "polynomial_decay(0.1, decay_steps=40, end_lr=0.0, power=2.0)",
        (
            r"\tau = \min(t, T)",
            r"\eta_t = \eta_{end} + (\eta_0 - \eta_{end})(1 - \tau/T)^p",
        ),
        "From η₀ down to the end rate in T steps along a power curve, then constant.",
        3, 50,
        calls=(
            _c("tf", "polynomial_decay", learning_rate=0.1, decay_steps=40,
               end_learning_rate=0.0, power=2.0),
            _c("keras", "PolynomialDecay", initial_learning_rate=0.1, decay_steps=40,
               end_learning_rate=0.0, power=2.0),
            _c("torch", "PolynomialLR", lr=0.1, total_iters=40, power=2.0),
            _c("optax", "polynomial_schedule", init_value=0.1, end_value=0.0, power=2.0,
               transition_steps=40),
        ),
        notes={"torch": "always ends at 0"},
    ),
    Entry(
        "cosine_decay", "Cosine decay", "cosine_decay(0.1, decay_steps=40, alpha=0.1)",
        (
            r"c_t = \tfrac12\big(1 + \cos(\pi \min(t,T)/T)\big)",
            r"\eta_t = \eta_0\big((1-\alpha)\,c_t + \alpha\big)",
        ),
        "Half a cosine wave from η₀ down to the floor αη₀ in T steps, then constant.",
        3, 50,
        calls=(
            _c("tf", "cosine_decay", learning_rate=0.1, decay_steps=40, alpha=0.1),
            _c("keras", "CosineDecay", initial_learning_rate=0.1, decay_steps=40, alpha=0.1),
            _c("torch", "CosineAnnealingLR", lr=0.1, T_max=40, eta_min=Expr("0.1 * 0.1")),
            _c("optax", "cosine_decay_schedule", init_value=0.1, decay_steps=40, alpha=0.1),
        ),
        notes={"torch": "floor as a rate; after `T_max` the rate rises again"},
        inexact=frozenset({"torch"}),
    ),
    Entry(
        "cosine_restarts", "Cosine with warm restarts (SGDR)",
        "cosine_restarts(0.1, first_period=10, period_mult=2.0)",
        (
            r"T_i = T_0\,m^i,\ \ S_i = T_0\frac{m^i - 1}{m - 1}",
            r"\text{period } i:\ S_i \le t < S_{i+1}",
            r"\eta_t = \eta_0\,\tfrac12\big(1 + \cos(\pi\,\tfrac{t - S_i}{T_i})\big)",
        ),
        "Cosine decays that restart at the peak; each period is m times longer.",
        4, 70,
        calls=(
            _c("tf", "cosine_decay_restarts", learning_rate=0.1, first_decay_steps=10,
               t_mul=2.0),
            _c("keras", "CosineDecayRestarts", initial_learning_rate=0.1, first_decay_steps=10,
               t_mul=2.0),
            _c("torch", "CosineAnnealingWarmRestarts", lr=0.1, T_0=10, T_mult=2),
            _c("optax", "sgdr_schedule", cosine_kwargs=[
                {"init_value": 0.1, "peak_value": 0.1, "warmup_steps": 0, "decay_steps": d,
                 "end_value": 0.0} for d in (10, 20, 40)]),
        ),
        notes={"optax": "one dict per period"},
    ),
    Entry(
        "linear_cosine_decay", "Linear cosine decay",
        "linear_cosine_decay(0.1, decay_steps=40, num_periods=2.0)",
        (
            r"\tau = \min(t, T),\ \ \ell_t = (T - \tau)/T",
            r"c_t = \tfrac12\big(1 + \cos(2\pi n\tau/T)\big)",
            r"\eta_t = \eta_0\big((\alpha + \ell_t)\,c_t + \beta\big)",
        ),
        "A cosine wave of n periods under a line that falls to zero (Bello et al. 2017).",
        4, 50,
        calls=(_c("tf", "linear_cosine_decay", learning_rate=0.1, decay_steps=40,
                  num_periods=2.0),),
        notes={"keras": "not in Keras 3"},
    ),
    Entry(
        "noisy_linear_cosine_decay", "Noisy linear cosine decay",
        "noisy_linear_cosine_decay(0.1, decay_steps=40, num_periods=2.0,"
        " initial_variance=0.01, seed=1)",
        (
            r"\tau,\ \ell_t,\ c_t \text{ as in linear cosine}",
            r"\varepsilon_t \sim \mathcal N\big(0,\ v_0/(1 + \tau)^d\big)",
            r"\eta_t = \eta_0\big((\alpha + \ell_t + \varepsilon_t)\,c_t + \beta\big)",
        ),
        "Linear cosine decay with random noise on the line. With TensorFlow's default "
        "variance the rate can be negative.",
        4, 50,
        calls=(_c("tf", "noisy_linear_cosine_decay", learning_rate=0.1, decay_steps=40,
                  num_periods=2.0, initial_variance=0.01, seed=1),),
        notes={"tf": "TensorFlow draws other noise", "keras": "not in Keras 3"},
    ),
    Entry(
        "cyclic", "Cyclical (triangular)",
        "cyclic(0.01, peak_lr=0.1, step_size_up=10)",
        (
            r"k = \lfloor 1 + t/(2u)\rfloor",
            r"h_t = \max(0,\ 1 - |t/u - 2k + 1|)",
            r"\eta_t = \eta_0 + (\eta_{peak} - \eta_0)\,h_t",
        ),
        "Up from η₀ to the peak in u steps, back down in u steps, again and again (Smith 2017).",
        4, 60,
        calls=(_c("torch", "CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=10),),
    ),
    Entry(
        "cyclic_momentum", "Cyclical momentum",
        "cyclic_momentum(0.85, max_momentum=0.95, step_size_up=10)",
        (
            r"h_t \text{ as in the cyclical rate}",
            r"\mu_t = \mu_{hi} - (\mu_{hi} - \mu_{lo})\,h_t",
        ),
        "The momentum that goes with a cyclical rate: low when the rate is high.",
        4, 60,
        calls=(_c("torch", "CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=10,
                  base_momentum=0.85, max_momentum=0.95),),
        notes={"torch": "`cycle_momentum=True` (the default)"},
        quantity="momentum",
    ),
    Entry(
        "one_cycle", "One-cycle", "one_cycle(0.1, total_steps=50)",
        (
            r"(s, v):\ (0, \tfrac{\eta_{peak}}{D}) \to (pN{-}1, \eta_{peak})",
            r"\to (N{-}1, \tfrac{\eta_{peak}}{DF})",
            r"\rho = \tfrac{t - s_a}{s_b - s_a}\ \text{ from } (s_a, v_a) \text{ to } (s_b, v_b)",
            r"\eta_t = v_b + \tfrac12(v_a - v_b)(1 + \cos\pi\rho)",
        ),
        "One rise to the peak in the first 30% of the steps (from the peak divided by D), "
        "then one long fall far below the start.",
        5, 50,
        calls=(
            _c("torch", "OneCycleLR", max_lr=0.1, total_steps=50),
            _c("optax", "cosine_onecycle_schedule", transition_steps=50, peak_value=0.1),
        ),
        notes={"optax": "its phases end at pN and N, one step later"},
        inexact=frozenset({"optax"}),
    ),
    Entry(
        "one_cycle_momentum", "One-cycle momentum",
        "one_cycle_momentum(0.85, max_momentum=0.95, total_steps=50)",
        (
            r"(s, v):\ (0, \mu_{hi}) \to (pN{-}1, \mu_{lo})",
            r"\to (N{-}1, \mu_{hi})",
            r"\rho = \tfrac{t - s_a}{s_b - s_a}\ \text{ from } (s_a, v_a) \text{ to } (s_b, v_b)",
            r"\mu_t = v_b + \tfrac12(v_a - v_b)(1 + \cos\pi\rho)",
        ),
        "The momentum of one-cycle: down while the rate rises, back up while it falls.",
        5, 50,
        calls=(_c("torch", "OneCycleLR", max_lr=0.1, total_steps=50, base_momentum=0.85,
                  max_momentum=0.95),),
        notes={"torch": "`cycle_momentum=True` (the default)"},
        quantity="momentum",
    ),
    Entry(
        "piecewise_interpolate", "Piecewise interpolation",
        "piecewise_interpolate([10, 40], values=[0.01, 0.1, 0.001])",
        (
            r"\rho = \frac{t - b_i}{b_{i+1} - b_i}\ \text{ for } b_i \le t < b_{i+1}",
            r"\eta_t = v_i + (v_{i+1} - v_i)\,\rho",
            r"\eta_t = v_n \text{ for } t \ge b_n,\ \ b_0 = 0",
        ),
        "Straight lines (or cosines) between values given at chosen steps.",
        5, 50,
        calls=(_c("optax", "piecewise_interpolate_schedule", interpolate_type="linear",
                  init_value=0.01, boundaries_and_scales={10: 10.0, 40: 0.01}),),
        notes={"optax": "scales multiply the value"},
    ),
    Entry(
        "linear_warmup", "Linear warmup", "linear_warmup(0.1, warmup_steps=10, lr0=0.01)",
        (
            r"\eta_t = \eta_0 + (\eta_{peak} - \eta_0)\,\frac{\min(t, W)}{W}",
        ),
        "A straight rise from η₀ to the peak in W steps, then constant.",
        6, 50,
        calls=(
            _c("torch", "LinearLR", lr=0.1, start_factor=0.1, total_iters=10),
            _c("optax", "warmup_constant_schedule", init_value=0.01, peak_value=0.1,
               warmup_steps=10),
            _c("optax", "linear_schedule", init_value=0.01, end_value=0.1, transition_steps=10),
        ),
        notes={"torch": "η₀ as a factor of the optimizer's `lr`"},
    ),
    Entry(
        "exponential_warmup", "Exponential warmup",
        "exponential_warmup(0.1, warmup_steps=10, lr0=0.001)",
        (
            r"\eta_t = \eta_0\,(\eta_{peak}/\eta_0)^{\min(t, W)/W}",
        ),
        "The rate is multiplied by the same factor at each step of the warmup: "
        "a straight line on a log axis.",
        6, 50,
    ),
    Entry(
        "warmup_cosine", "Warmup then cosine",
        "warmup_cosine(0.1, warmup_steps=10, decay_steps=50)",
        (
            r"t < W:\ \eta_t = \eta_0 + (\eta_{peak} - \eta_0)\tfrac{t}{W}",
            r"t \ge W:\ \tau = \min(t - W,\ T - W)",
            r"\eta_t = \eta_{peak}\,\tfrac12\big(1 + \cos(\pi\,\tfrac{\tau}{T - W})\big)",
        ),
        "A linear warmup to the peak, then a cosine decay to zero at step T.",
        6, 60,
        calls=(
            _c("keras", "CosineDecay", initial_learning_rate=0.0, decay_steps=40,
               warmup_target=0.1, warmup_steps=10),
            _c("optax", "warmup_cosine_decay_schedule", init_value=0.0, peak_value=0.1,
               warmup_steps=10, decay_steps=50),
        ),
        notes={"keras": "`decay_steps` counts after the warmup: T − W",
               "torch": "`SequentialLR` of `LinearLR` and `CosineAnnealingLR`"},
    ),
    Entry(
        "inverse_sqrt", "Inverse square root",
        "inverse_sqrt(0.1, warmup_steps=10)",
        (
            r"s = t + 1",
            r"\eta_t = \eta_{peak}\min\big(s/W,\ \sqrt{W/s}\big)",
        ),
        "A linear warmup, then a fall like 1/√t: the Transformer schedule (Vaswani et al. 2017).",
        6, 60,
        notes={"torch": "`LambdaLR`", "optax": "write the function"},
    ),
    Entry(
        "warmup_stable_decay", "Warmup-stable-decay (WSD)",
        "warmup_stable_decay(0.1, warmup_steps=5, stable_steps=30, decay_steps=15)",
        (
            r"t < W:\ \eta_t = \eta_0 + (\eta_{peak} - \eta_0)\tfrac{t}{W}",
            r"W \le t < W + S:\ \eta_t = \eta_{peak}",
            r"t \ge W + S:\ r = \min(\tfrac{t - W - S}{T}, 1)",
            r"\eta_t = \eta_{end} + (\eta_{peak} - \eta_{end})(1 - r)",
        ),
        "Warm up, hold the peak for a long time, then cool down quickly at the end.",
        6, 55,
        notes={"optax": "`join_schedules` of three pieces"},
    ),
    Entry(
        "join", "Joined schedules",
        "join([linear_warmup(0.1, warmup_steps=10, lr0=0.01),"
        " exponential_decay(0.1, decay_rate=0.5, decay_steps=10)], boundaries=[10])",
        (
            r"\eta_t = s_i(t - b_i)",
            r"\text{for } b_i \le t < b_{i+1},\ \ b_0 = 0",
        ),
        "Schedules one after another; each starts its own clock at its boundary.",
        12, 50,
        calls=(
            _c("torch", "SequentialLR", lr=0.1, schedulers=[
                ("LinearLR", {"start_factor": 0.1, "total_iters": 10}),
                ("ExponentialLR", {"gamma": 0.5 ** 0.1})], milestones=[10]),
            _c("optax", "join_schedules", schedules=[
                ("linear_schedule", {"init_value": 0.01, "end_value": 0.1,
                                     "transition_steps": 10}),
                ("exponential_decay", {"init_value": 0.1, "transition_steps": 10,
                                       "decay_rate": 0.5})], boundaries=[10]),
        ),
    ),
    Entry(
        "multiplier_schedule", "Multiplier function",
        "multiplier_schedule(0.1, multiplier=lambda t: (1 + t) ** -0.5)",
        (
            r"\eta_t = \eta_0\,\lambda(t)",
            r"\text{here } \lambda(t) = (1 + t)^{-1/2}",
        ),
        "Any function λ of the step times a base rate: the way to write your own schedule.",
        12, 50,
        calls=(_c("torch", "LambdaLR", lr=0.1, lr_lambda=Expr("lambda t: (1 + t) ** -0.5")),),
        notes={"keras": "subclass `LearningRateSchedule`", "optax": "any function of `count`"},
    ),
    Entry(
        "ReduceOnPlateau", "Reduce on plateau",
        "ReduceOnPlateau(0.1, patience=2, factor=0.5)",
        (
            r"\eta \leftarrow \max(f\,\eta,\ \eta_{min})",
            r"\text{when the loss has not improved}",
            r"\text{for more than } \textit{patience} \text{ epochs}",
        ),
        "Not a function of the step: the rate is cut when the validation loss stops "
        "improving. Drawn here for a loss that levels off.",
        12, 30,
        calls=(
            _c("keras", "ReduceLROnPlateau", lr=0.1, patience=2, factor=0.5),
            _c("torch", "ReduceLROnPlateau", lr=0.1, patience=2, factor=0.5),
        ),
        notes={"keras": "a callback; it cuts one epoch earlier"},
        inexact=frozenset({"keras"}),
        metrics=(1.0, 0.8, 0.7, 0.65, 0.63, 0.63, 0.63, 0.62, 0.62, 0.62, 0.61, 0.61, 0.6,
                 0.6, 0.6, 0.6, 0.6, 0.6, 0.59, 0.59, 0.59, 0.59, 0.59, 0.59, 0.59, 0.59,
                 0.59, 0.59, 0.59, 0.59),
    ),
)


def entry(key: str) -> Entry:
    """The entry of the schedule named ``key`` in :mod:`lrcourse.schedules`.

    Raises
    ------
    ValueError
        If no entry has that key.
    """
    for e in ENTRIES:
        if e.key == key:
            return e
    raise ValueError(
        f"Argument `key` must be a schedule of lrcourse.schedules that has a gallery entry "
        f"({', '.join(e.key for e in ENTRIES)}). Received: key={key!r}"
    )


def figure(item: Entry) -> BookFigure:
    """The small figure of one entry: its curve over the steps drawn.

    Built with :func:`lrcourse.plotting.plot_schedules`, so a schedule that
    is constant between integer steps is drawn as steps.

    Parameters
    ----------
    item : Entry

    Returns
    -------
    BookFigure
        ``FIGSIZE`` inches; its ``alt`` text names the schedule and gives
        its first, middle and last values.

    Raises
    ------
    TypeError
        If ``item`` is not an :class:`Entry`.

    Examples
    --------
    >>> from lrcourse import gallery
    >>> fig = gallery.figure(gallery.entry("step_decay"))
    >>> fig.alt.startswith("Step decay, drawn as steps:")
    True
    """
    if not isinstance(item, Entry):
        raise TypeError(f"Argument `item` must be a gallery Entry. Received: item={item!r}")
    curve = item.curve()
    unit = "epoch" if item.metrics else "step t"
    ylabel = "momentum μ" if item.quantity == "momentum" else "learning rate"
    fig = plot_schedules({item.title: curve}, item.steps, xlabel=unit, markers=False,
                         figsize=FIGSIZE)
    ax = fig.axes[0]
    # Every gallery figure has the same size and fonts: fixed margins instead of
    # the constrained layout, which would cost a second drawing of each figure.
    fig.set_layout_engine("none")
    ax.set_position([0.19, 0.25, 0.78, 0.71])
    ax.set_ylabel(ylabel, fontsize=8)
    ax.set_xlabel(unit, fontsize=8)
    ax.tick_params(labelsize=7.5)
    if item.quantity == "momentum":
        ax.set_ylim(0.8, 1.0)
    t = np.arange(item.steps, dtype=float)
    y = np.asarray(curve(t), dtype=float)
    mid = len(t) // 2
    shape = "drawn as steps" if is_staircase(curve, t) else "drawn as a line"
    what = "momentum" if item.quantity == "momentum" else "learning rate"
    fig.alt = (f"{item.title}, {shape}: the {what} against the {unit.split()[0]} from 0 to "
               f"{item.steps - 1}; {y[0]:.3g} at 0, {y[mid]:.3g} at {mid:g}, "
               f"{y[-1]:.3g} at {item.steps - 1}.")
    return fig


def toc_chapters(toc: str | Path | None = None) -> dict[int, str]:
    """Chapters listed in the book's table of contents: ``number -> docname``.

    Parameters
    ----------
    toc : str or Path, optional
        The ``_toc.yml`` file. By default the first that exists of
        ``../_toc.yml`` and ``./_toc.yml`` (from the working directory: a
        notebook of the book runs in ``book/``) and the one at the root of
        the repository that holds this package. If none exists (an
        installed package), no chapter is listed.

    Returns
    -------
    dict of int to str
        e.g. ``{2: "book/ch02_step_exponential"}``.
    """
    if toc is not None:
        candidates = [Path(toc)]
    else:  # the book being built (notebooks run in book/), else this repository's
        candidates = [Path.cwd().parent / "_toc.yml", Path.cwd() / "_toc.yml",
                      Path(__file__).resolve().parents[1] / "_toc.yml"]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        return {}
    text = path.read_text(encoding="utf-8")
    return {int(num): f"book/ch{num}_{slug}"
            for num, slug in re.findall(r"file:\s*book/ch(\d\d)_([a-z0-9_]+)", text)}


def chapter_link(number: int, toc: str | Path | None = None) -> str:
    """MyST text for "taught in": a link if the chapter is in the book, else its name.

    Parameters
    ----------
    number : int
        A key of :data:`CHAPTERS`.
    toc : str or Path, optional
        As in :func:`toc_chapters`.

    Returns
    -------
    str
        ``{doc}`Chapter 2, ... <ch02_step_exponential>``` when the chapter
        is in the table of contents, otherwise ``Chapter 6, ...`` as plain text.

    Raises
    ------
    ValueError
        If ``number`` is not a key of :data:`CHAPTERS`.

    Examples
    --------
    >>> from lrcourse.gallery import chapter_link
    >>> chapter_link(12, toc="/nonexistent/_toc.yml")
    'Chapter 12, plateau and custom schedules, porting'
    """
    if number not in CHAPTERS:
        raise ValueError(
            f"Argument `number` must be one of {sorted(CHAPTERS)}. Received: number={number!r}"
        )
    text = f"Chapter {number}, {CHAPTERS[number]}"
    doc = toc_chapters(toc).get(number)
    if doc is None:
        return text
    return f"{{doc}}`{text} <{doc.removeprefix('book/')}>`"


def _png_uri(fig: BookFigure) -> str:
    return "data:image/png;base64," + base64.b64encode(fig._png()).decode("ascii")


#: Short framework labels of the cards (the keys of :data:`lrcourse.corner.FRAMEWORKS`).
LABELS = {"tf": "TF1", "keras": "Keras 3", "torch": "PyTorch", "optax": "optax"}


def _names_md(item: Entry) -> list[str]:
    rows = [f"- lrcourse: `{item.code}`"]
    for key, label in LABELS.items():
        names = item.names(key)
        text = ", ".join(f"`{n}`" for n in names) if names else "—"
        note = item.notes.get(key)
        if note:
            text += f" ({note})"
        rows.append(f"- {label}: {text}")
    return rows


@dataclass(frozen=True)
class Page:
    """The rendered gallery: a grid of cards, one per entry.

    Displayed as the last expression of a cell, it renders as MyST Markdown
    (a sphinx-design grid) in the book and as HTML in Jupyter and Colab.

    Parameters
    ----------
    entries : sequence of Entry
    toc : str or Path, optional
        The table of contents that decides which chapters are links.
    """

    entries: Sequence[Entry]
    toc: str | Path | None = None

    @cached_property
    def _images(self) -> list[tuple[str, str]]:
        """``(data URI of the PNG, alt text)`` of each entry's figure, drawn once."""
        out = []
        for e in self.entries:
            fig = figure(e)
            out.append((_png_uri(fig), fig.alt))
        return out

    def _repr_markdown_(self) -> str:
        width = round(FIGSIZE[0] * 100)
        parts = ["::::{grid} 1 1 2 2", ":gutter: 3", ":class-container: lrc-gallery", ""]
        for e, (uri, alt) in zip(self.entries, self._images, strict=True):
            parts += [
                f":::{{grid-item-card}} {e.title}",
                ":class-card: lrc-gallery-card",
                "",
                # Raw HTML: Sphinx's image directive would wrap a scaled image in
                # a link to itself and so put the data URI in the page twice.
                f'<img src="{uri}" alt="{html.escape(alt)}" width="{width}" '
                'class="lrc-gallery-figure">',
                "",
                # \small: the longest line still fits a 290 px card (phone and 2 columns).
                f"$$\\small {e.latex}$$",
                "",
                e.summary,
                "",
                *_names_md(e),
                "",
                f"**Taught in** {chapter_link(e.chapter, self.toc)}.",
                ":::",
                "",
            ]
        parts.append("::::")
        return "\n".join(parts) + "\n"

    def _repr_html_(self) -> str:
        esc = html.escape
        cards = []
        for e, (uri, alt) in zip(self.entries, self._images, strict=True):
            rows = f"<li>lrcourse: <code>{esc(e.code)}</code></li>" + "".join(
                f"<li>{esc(label)}: "
                + (", ".join(f"<code>{esc(n)}</code>" for n in e.names(key)) or "—")
                + (f" ({esc(e.notes[key])})" if key in e.notes else "") + "</li>"
                for key, label in LABELS.items()
            )
            doc = toc_chapters(self.toc).get(e.chapter)
            taught = f"Chapter {e.chapter}, {CHAPTERS[e.chapter]}"
            if doc:
                taught = f'<a href="{esc(doc.removeprefix("book/"))}.ipynb">{esc(taught)}</a>'
            cards.append(
                '<div style="border:1px solid #ccc;border-radius:6px;padding:.5em .8em">'
                f"<h4>{esc(e.title)}</h4>"
                f'<img src="{uri}" alt="{esc(alt)}" '
                f'style="max-width:100%;width:{round(FIGSIZE[0] * 100)}px">'
                f"<p>\\[{esc(e.latex)}\\]</p><p>{esc(e.summary)}</p><ul>{rows}</ul>"
                f"<p>Taught in {taught}.</p></div>"
            )
        return ('<div style="display:grid;gap:1em;'
                'grid-template-columns:repeat(auto-fill,minmax(300px,1fr))">'
                + "".join(cards) + "</div>")

    def __repr__(self) -> str:
        return f"Gallery of {len(self.entries)} schedules: " + ", ".join(
            e.key for e in self.entries)


def page(toc: str | Path | None = None) -> Page:
    """The gallery of every entry, ready to display.

    Parameters
    ----------
    toc : str or Path, optional
        As in :func:`toc_chapters`.

    Returns
    -------
    Page

    Examples
    --------
    >>> from lrcourse import gallery
    >>> print(repr(gallery.page())[:41])
    Gallery of 26 schedules: constant, piecew
    """
    return Page(ENTRIES, toc)
