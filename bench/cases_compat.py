"""Benchmark cases for the schedules that :mod:`lrcourse.compat` builds.

``cases(n)`` gives one :class:`Case` per schedule name registered for
TensorFlow, Keras, PyTorch (rates and momenta) and optax, for ``n`` steps.
Each case holds the framework's own parameters and ``bare(t)``: that
framework's formula for the same parameters written as a bare NumPy
expression (no validation, no Schedule object, no compat layer), the speed
floor the compat schedule is compared to. compat computes in float64 for
every framework, so the bare expressions do too. ``t`` is the step array as
a user passes it: ``np.arange(n)`` (integers) or the same as float64.

Lengths (decay steps, periods, warmups) are fractions of ``n``, so both
sizes run through every phase of a schedule; the two cases of the issue
(``ExponentialLR`` with gamma 0.9999, ``StepLR`` with step_size 1000 and
gamma 0.5) keep the issue's numbers.

``NOT_FUNCTIONS_OF_STEP`` lists the registered names that do not build a
function of the step (``ReduceLROnPlateau`` reacts to the losses it is fed),
so there is nothing to evaluate over a step array. ``tests/test_bench_compat.py``
checks that every registered name is in exactly one of the two.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lrcourse import compat
from lrcourse.compat._torch import TORCH_MOMENTUM

PI = math.pi

#: ``library -> build function``; "torch.momentum" is the momentum registry
#: behind :func:`lrcourse.compat.momentum_from_torch`.
BUILDERS = {
    "tf": compat.from_tf,
    "keras": compat.from_keras,
    "torch": compat.from_torch,
    "torch.momentum": compat.momentum_from_torch,
    "optax": compat.from_optax,
}

NOT_FUNCTIONS_OF_STEP = {("keras", "ReduceLROnPlateau"), ("torch", "ReduceLROnPlateau")}


def registered() -> set[tuple[str, str]]:
    """Every ``(library, name)`` that the compat registries accept."""
    out = {(lib, name) for lib, names in compat.names().items() for name in names}
    out |= {("torch.momentum", name) for name in TORCH_MOMENTUM.names()}
    return out


@dataclass(frozen=True)
class Case:
    library: str
    name: str
    params: dict
    bare: Callable[[np.ndarray], np.ndarray]
    #: False when the bare expression draws other random numbers (TF's noise).
    same_values: bool = True

    @property
    def label(self) -> str:
        return f"{self.library}.{self.name}"

    def build(self):
        return BUILDERS[self.library](self.name, **self.params)


def _half_cos(x):
    return 0.5 * (1.0 + np.cos(PI * x))


def _lookup(boundaries, values, side):
    b = np.asarray(boundaries, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)
    return lambda t: v[np.searchsorted(b, t, side=side)]


def _restarts_tf(lr, first, t_mul, m_mul, alpha):
    # TF 2.21 cosine_decay_restarts (legacy) / Keras CosineDecayRestarts.
    def bare(t):
        frac = t / first
        if t_mul == 1.0:
            i = np.floor(frac)
            frac = frac - i
        else:
            i = np.floor(np.log(1.0 - frac * (1.0 - t_mul)) / math.log(t_mul))
            total = (1.0 - t_mul**i) / (1.0 - t_mul)
            frac = (frac - total) / t_mul**i
        cos = 0.5 * m_mul**i * (1.0 + np.cos(PI * frac))
        return lr * ((1.0 - alpha) * cos + alpha)

    return bare


def _interpolate_bare(knots, values, kind):
    # optax piecewise_interpolate_schedule, interval found by a lookup.
    k = np.asarray(knots, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)

    def bare(t):
        i = np.minimum(np.searchsorted(k, t, side="right") - 1, len(k) - 2)
        pct = (t - k[i]) / (k[i + 1] - k[i])
        a, b = v[i], v[i + 1]
        if kind == "linear":
            return (b - a) * pct + a
        return b + (a - b) / 2.0 * (np.cos(PI * pct) + 1.0)

    return bare


def _optax_onecycle(n, peak, kind, pct_start=0.3, pct_final=0.85, div=25.0, fdiv=1e4):
    if kind == "linear":
        knots = [0, int(pct_start * n), int(pct_final * n), n]
        values = [peak / div, peak, peak / div, peak / div / fdiv]
    else:
        knots = [0, int(pct_start * n), n]
        values = [peak / div, peak, peak / (div * fdiv)]
    return _interpolate_bare(knots, values, kind)


def cases(n: int) -> list[Case]:
    """One case per compat schedule name, for ``n`` steps (``n`` >= 1000)."""
    half, tenth, twentieth = n // 2, n // 10, n // 20
    third, thirtieth = n // 3, n // 30

    def torch_one_cycle(lo_hi, momentum=False):
        up_end, end = 0.3 * n - 1, n - 1.0
        start, top, fin = lo_hi

        def bare(t):
            up = top + (start - top) / 2 * (np.cos(PI * t / up_end) + 1)
            down = fin + (top - fin) / 2 * (np.cos(PI * (t - up_end) / (end - up_end)) + 1)
            return np.where(t <= up_end, up, down)

        return bare

    def torch_cyclic(t, base, top, up, triangular2):
        total = 2.0 * up
        cycle = np.floor(1 + t / total)
        x = 1.0 + t / total - cycle
        factor = np.where(x <= 0.5, x / 0.5, (x - 1) / (0.5 - 1))
        scale = 1 / 2.0 ** (cycle - 1) if triangular2 else 1.0
        return base, top, factor * scale

    def cyclic_lr(t):
        base, top, f = torch_cyclic(t, 0.001, 0.1, twentieth, True)
        return base + (top - base) * f

    def cyclic_momentum(t):
        base, top, f = torch_cyclic(t, 0.8, 0.9, twentieth, True)
        return top - (top - base) * f

    def warm_restarts(t):
        # PyTorch CosineAnnealingWarmRestarts.step(epoch), vectorised.
        t0, m = float(twentieth), 2.0
        i = np.floor(np.log(t / t0 * (m - 1) + 1) / math.log(m))
        t_cur = t - t0 * (m**i - 1) / (m - 1)
        t_i = t0 * m**i
        return 1e-4 + (0.1 - 1e-4) * (1 + np.cos(PI * t_cur / t_i)) / 2

    def sgdr(t):
        piece = np.minimum(np.floor(t / third), 2.0)
        local = t - piece * third
        d = third - thirtieth
        warm = 0.1 * (local / thirtieth)
        cos = 0.1 * ((1 - 1e-3) * _half_cos(np.minimum(local - thirtieth, d) / d) + 1e-3)
        return np.where(local < thirtieth, warm, cos)

    out = [
        # --- TensorFlow tf.compat.v1.train ---
        Case("tf", "exponential_decay",
             dict(learning_rate=0.1, decay_steps=1000, decay_rate=0.96),
             lambda t: 0.1 * 0.96 ** (t / 1000)),
        Case("tf", "piecewise_constant",
             dict(boundaries=[tenth, 3 * tenth, 6 * tenth], values=[0.1, 0.05, 0.01, 0.001]),
             _lookup([tenth, 3 * tenth, 6 * tenth], [0.1, 0.05, 0.01, 0.001], "left")),
        Case("tf", "natural_exp_decay",
             dict(learning_rate=0.1, decay_steps=1000, decay_rate=0.5),
             lambda t: 0.1 * np.exp(-0.5 * (t / 1000))),
        Case("tf", "inverse_time_decay",
             dict(learning_rate=0.1, decay_steps=1000, decay_rate=0.5),
             lambda t: 0.1 / (1 + 0.5 * (t / 1000))),
        Case("tf", "polynomial_decay",
             dict(learning_rate=0.1, decay_steps=half, end_learning_rate=1e-4, power=2.0),
             lambda t: (0.1 - 1e-4) * (1 - np.minimum(t, half) / half) ** 2.0 + 1e-4),
        Case("tf", "cosine_decay",
             dict(learning_rate=0.1, decay_steps=half, alpha=0.01),
             lambda t: 0.1 * ((1 - 0.01) * _half_cos(np.minimum(t, half) / half) + 0.01)),
        Case("tf", "cosine_decay_restarts",
             dict(learning_rate=0.1, first_decay_steps=twentieth, t_mul=2.0, m_mul=0.9),
             _restarts_tf(0.1, twentieth, 2.0, 0.9, 0.0)),
        Case("tf", "linear_cosine_decay",
             dict(learning_rate=0.1, decay_steps=half, num_periods=3.0),
             lambda t: 0.1 * (((half - np.minimum(t, half)) / half)
                              * _half_cos(2 * 3.0 * (np.minimum(t, half) / half)) + 0.001)),
        Case("tf", "noisy_linear_cosine_decay",
             dict(learning_rate=0.1, decay_steps=half, num_periods=3.0),
             # TF draws its noise from its generator: a NumPy generator here.
             lambda t: 0.1 * ((np.maximum(half - t, 0) / half
                               + np.sqrt(1.0 / (1 + np.minimum(t, half)) ** 0.55)
                               * np.random.default_rng(0).standard_normal(t.shape))
                              * _half_cos(2 * 3.0 * (np.minimum(t, half) / half)) + 0.001),
             same_values=False),
        # --- Keras 3 keras.optimizers.schedules ---
        Case("keras", "ExponentialDecay",
             dict(initial_learning_rate=0.1, decay_steps=1000, decay_rate=0.96, staircase=True),
             lambda t: 0.1 * 0.96 ** np.floor(t / 1000)),
        Case("keras", "PiecewiseConstantDecay",
             dict(boundaries=[tenth, 3 * tenth], values=[0.1, 0.01, 0.001]),
             _lookup([tenth, 3 * tenth], [0.1, 0.01, 0.001], "left")),
        Case("keras", "InverseTimeDecay",
             dict(initial_learning_rate=0.1, decay_steps=1000, decay_rate=0.5, staircase=True),
             lambda t: 0.1 / (1 + 0.5 * np.floor(t / 1000))),
        Case("keras", "PolynomialDecay",
             dict(initial_learning_rate=0.1, decay_steps=tenth, end_learning_rate=1e-4,
                  power=2.0, cycle=True),
             lambda t: (0.1 - 1e-4)
             * (1 - t / (tenth * np.where(t == 0, 1.0, np.ceil(t / tenth)))) ** 2.0 + 1e-4),
        Case("keras", "CosineDecay",
             dict(initial_learning_rate=0.0, decay_steps=n - tenth, alpha=0.01,
                  warmup_target=0.1, warmup_steps=tenth),
             lambda t: np.where(
                 t < tenth, 0.0 + (t / tenth) * (0.1 - 0.0),
                 0.1 * ((1 - 0.01) * _half_cos(np.minimum(t - tenth, n - tenth) / (n - tenth))
                        + 0.01))),
        Case("keras", "CosineDecayRestarts",
             dict(initial_learning_rate=0.1, first_decay_steps=twentieth, t_mul=1.0,
                  m_mul=0.8, alpha=0.01),
             _restarts_tf(0.1, twentieth, 1.0, 0.8, 0.01)),
        # --- PyTorch torch.optim.lr_scheduler (closed forms) ---
        Case("torch", "StepLR", dict(lr=0.1, step_size=1000, gamma=0.5),
             lambda t: 0.1 * 0.5 ** (t // 1000)),
        Case("torch", "MultiStepLR", dict(lr=0.1, milestones=[3 * tenth, 8 * tenth], gamma=0.1),
             lambda t: 0.1 * 0.1 ** np.searchsorted([3 * tenth, 8 * tenth], t, side="right")),
        Case("torch", "ExponentialLR", dict(lr=0.1, gamma=0.9999),
             lambda t: 0.1 * 0.9999**t),
        Case("torch", "CosineAnnealingLR", dict(lr=0.1, T_max=half, eta_min=1e-4),
             lambda t: 1e-4 + (0.1 - 1e-4) * (1 + np.cos(PI * t / half)) / 2),
        Case("torch", "CosineAnnealingWarmRestarts",
             dict(lr=0.1, T_0=twentieth, T_mult=2, eta_min=1e-4), warm_restarts),
        Case("torch", "CyclicLR",
             dict(base_lr=0.001, max_lr=0.1, step_size_up=twentieth, mode="triangular2"),
             cyclic_lr),
        Case("torch", "OneCycleLR", dict(max_lr=1.0, total_steps=n),
             torch_one_cycle((1.0 / 25, 1.0, 1.0 / 25 / 1e4))),
        Case("torch", "LinearLR", dict(lr=0.1, start_factor=0.1, total_iters=tenth),
             lambda t: 0.1 * (0.1 + (1.0 - 0.1) * np.minimum(t, tenth) / tenth)),
        Case("torch", "ConstantLR", dict(lr=0.1, factor=0.5, total_iters=tenth),
             lambda t: np.where(t < tenth, 0.1 * 0.5, 0.1)),
        Case("torch", "PolynomialLR", dict(lr=0.1, total_iters=half, power=2.0),
             lambda t: 0.1 * (1.0 - np.minimum(t, half) / half) ** 2.0),
        Case("torch", "LambdaLR", dict(lr=0.1, lr_lambda=lambda k: 0.95 ** (k / 1000)),
             lambda t: 0.1 * 0.95 ** (t / 1000)),
        Case("torch", "SequentialLR",
             dict(lr=0.1, schedulers=[("LinearLR", {"start_factor": 0.01, "total_iters": tenth}),
                                      ("ExponentialLR", {"gamma": 0.9999})],
                  milestones=[tenth]),
             lambda t: np.where(t < tenth, 0.1 * (0.01 + 0.99 * (t / tenth)),
                                0.1 * 0.9999 ** (t - tenth))),
        Case("torch.momentum", "CyclicLR",
             dict(base_lr=0.001, max_lr=0.1, step_size_up=twentieth, mode="triangular2"),
             cyclic_momentum),
        Case("torch.momentum", "OneCycleLR", dict(max_lr=1.0, total_steps=n),
             torch_one_cycle((0.95, 0.85, 0.95))),
        # --- optax (float64: jax_enable_x64) ---
        Case("optax", "constant_schedule", dict(value=0.1),
             lambda t: np.full(t.shape, 0.1)),
        Case("optax", "exponential_decay",
             dict(init_value=0.1, transition_steps=1000, decay_rate=0.96,
                  transition_begin=tenth, end_value=0.01),
             lambda t: np.maximum(np.where(t - tenth <= 0, 0.1,
                                           0.1 * 0.96 ** ((t - tenth) / 1000)), 0.01)),
        Case("optax", "piecewise_constant_schedule",
             dict(init_value=0.1, boundaries_and_scales={tenth: 0.5, half: 0.1}),
             _lookup([tenth, half], [0.1, 0.05, 0.005], "right")),
        Case("optax", "polynomial_schedule",
             dict(init_value=0.1, end_value=1e-4, power=2.0, transition_steps=half,
                  transition_begin=tenth),
             lambda t: (0.1 - 1e-4) * (1 - np.clip(t - tenth, 0, half) / half) ** 2.0 + 1e-4),
        Case("optax", "linear_schedule",
             dict(init_value=0.0, end_value=0.1, transition_steps=tenth),
             lambda t: (0.0 - 0.1) * (1 - np.clip(t, 0, tenth) / tenth) + 0.1),
        Case("optax", "cosine_decay_schedule",
             dict(init_value=0.1, decay_steps=half, alpha=0.01),
             lambda t: 0.1 * ((1 - 0.01) * _half_cos(np.minimum(t, half) / half) + 0.01)),
        Case("optax", "warmup_cosine_decay_schedule",
             dict(init_value=0.0, peak_value=0.1, warmup_steps=tenth, decay_steps=n,
                  end_value=1e-4),
             lambda t: np.where(
                 t < tenth, 0.1 * (t / tenth),
                 0.1 * ((1 - 1e-3) * _half_cos(np.minimum(t - tenth, n - tenth) / (n - tenth))
                        + 1e-3))),
        Case("optax", "warmup_exponential_decay_schedule",
             dict(init_value=0.0, peak_value=0.1, warmup_steps=tenth, transition_steps=1000,
                  decay_rate=0.96),
             lambda t: np.where(t < tenth, 0.1 * (t / tenth),
                                0.1 * 0.96 ** ((t - tenth) / 1000))),
        Case("optax", "warmup_constant_schedule",
             dict(init_value=0.0, peak_value=0.1, warmup_steps=tenth),
             # optax: linear_schedule(init_value, peak_value, warmup_steps).
             lambda t: (0.0 - 0.1) * (1 - np.clip(t, 0, tenth) / tenth) + 0.1),
        Case("optax", "piecewise_interpolate_schedule",
             dict(interpolate_type="cosine", init_value=0.1,
                  boundaries_and_scales={tenth: 2.0, half: 0.1}),
             _interpolate_bare([0, tenth, half, n], [0.1, 0.2, 0.02, 0.02], "cosine")),
        Case("optax", "linear_onecycle_schedule", dict(transition_steps=n, peak_value=0.1),
             _optax_onecycle(n, 0.1, "linear")),
        Case("optax", "cosine_onecycle_schedule", dict(transition_steps=n, peak_value=0.1),
             _optax_onecycle(n, 0.1, "cosine")),
        Case("optax", "sgdr_schedule",
             dict(cosine_kwargs=[dict(init_value=0.0, peak_value=0.1, warmup_steps=thirtieth,
                                      decay_steps=third, end_value=1e-4)] * 3),
             sgdr),
        Case("optax", "join_schedules",
             dict(schedules=[("linear_schedule", dict(init_value=0.0, end_value=0.1,
                                                      transition_steps=tenth)),
                             ("exponential_decay", dict(init_value=0.1, transition_steps=1000,
                                                        decay_rate=0.96))],
                  boundaries=[tenth]),
             lambda t: np.where(t < tenth, 0.1 * (np.minimum(t, tenth) / tenth),
                                0.1 * 0.96 ** ((t - tenth) / 1000))),
    ]
    return out
