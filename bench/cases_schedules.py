"""Benchmark cases for lrcourse schedules.

``CASES``: ``(label, lrcourse_schedule, bare_numpy_fn)``: ``bare_numpy_fn(steps)``
is the same formula written as a bare NumPy expression over a float64 array
(no validation, no Schedule object), the speed floor a schedule is compared to.

``TORCH_CASES``: ``(torch_label, lrcourse_label, make)`` where ``make()``
returns a function ``run(n)`` that steps a fresh PyTorch scheduler ``n``
times and returns the ``n`` learning rates, and ``lrcourse_label`` names the
``CASES`` entry it is compared with. Empty when torch cannot be imported.
"""

from __future__ import annotations

import math

import numpy as np

import lrcourse.schedules as S

PI = math.pi


def _half_cos(x):
    return 0.5 * (1.0 + np.cos(PI * x))


CASES = [
    ("constant", S.constant(0.1), lambda t: np.full_like(t, 0.1)),
    (
        "piecewise_constant",
        S.piecewise_constant([1e5, 3e5, 6e5], values=[0.1, 0.05, 0.01, 0.001]),
        lambda t: np.asarray([0.1, 0.05, 0.01, 0.001])[
            np.searchsorted(np.asarray([1e5, 3e5, 6e5]), t, side="right")
        ],
    ),
    (
        "step_decay",
        S.step_decay(0.1, decay_rate=0.5, decay_steps=1000),
        lambda t: 0.1 * 0.5 ** np.floor(t / 1000),
    ),
    (
        "multistep_decay",
        S.multistep_decay(0.1, boundaries=[3e5, 8e5], decay_rate=0.1),
        lambda t: np.asarray([0.1, 0.01, 0.001])[
            np.searchsorted(np.asarray([3e5, 8e5]), t, side="right")
        ],
    ),
    (
        "exponential_decay",
        S.exponential_decay(0.1, decay_rate=0.96, decay_steps=1000),
        lambda t: 0.1 * 0.96 ** (t / 1000),
    ),
    (
        "exponential_decay(staircase)",
        S.exponential_decay(0.1, decay_rate=0.96, decay_steps=1000, staircase=True),
        lambda t: 0.1 * 0.96 ** np.floor(t / 1000),
    ),
    (
        "natural_exp_decay",
        S.natural_exp_decay(0.1, decay_rate=0.5, decay_steps=1000),
        lambda t: 0.1 * np.exp(-0.5 * (t / 1000)),
    ),
    (
        "inverse_time_decay",
        S.inverse_time_decay(0.1, decay_rate=0.5, decay_steps=1000),
        lambda t: 0.1 / (1.0 + 0.5 * (t / 1000)),
    ),
    (
        "polynomial_decay",
        S.polynomial_decay(0.1, decay_steps=5e5, end_lr=1e-4, power=2.0),
        lambda t: (0.1 - 1e-4) * (1 - np.minimum(t, 5e5) / 5e5) ** 2.0 + 1e-4,
    ),
    (
        "polynomial_decay(cycle)",
        S.polynomial_decay(0.1, decay_steps=1e5, end_lr=1e-4, power=2.0, cycle=True),
        lambda t: (0.1 - 1e-4) * (1 - t / (1e5 * np.maximum(np.ceil(t / 1e5), 1.0))) ** 2.0
        + 1e-4,
    ),
    (
        "cosine_decay",
        S.cosine_decay(0.1, decay_steps=5e5, alpha=0.01),
        lambda t: 0.1 * (0.99 * _half_cos(np.minimum(t, 5e5) / 5e5) + 0.01),
    ),
    (
        "cosine_restarts(m=1)",
        S.cosine_restarts(0.1, first_period=1e4),
        lambda t: 0.1 * _half_cos(t / 1e4 - np.floor(t / 1e4)),
    ),
    (
        "cosine_restarts(m=2)",
        S.cosine_restarts(0.1, first_period=1e4, period_mult=2.0, peak_mult=0.8),
        None,  # filled below
    ),
    (
        "linear_cosine_decay",
        S.linear_cosine_decay(0.1, decay_steps=5e5, num_periods=3.0),
        lambda t: 0.1
        * (
            ((5e5 - np.minimum(t, 5e5)) / 5e5) * _half_cos(2.0 * 3.0 * (np.minimum(t, 5e5) / 5e5))
            + 0.001
        ),
    ),
    (
        "cyclic(triangular)",
        S.cyclic(0.001, peak_lr=0.1, step_size_up=2000),
        lambda t: 0.001
        + (0.1 - 0.001) * (1.0 - np.abs(t / 2000 - 2 * np.floor(1 + t / 4000) + 1)),
    ),
    (
        "one_cycle",
        S.one_cycle(1.0, total_steps=1_000_000),
        None,  # filled below
    ),
    (
        "linear_warmup",
        S.linear_warmup(0.1, warmup_steps=1e4),
        lambda t: 0.1 * (np.minimum(t, 1e4) / 1e4),
    ),
    (
        "warmup_cosine",
        S.warmup_cosine(0.1, warmup_steps=1e4, decay_steps=1e6),
        lambda t: np.where(
            t < 1e4, 0.1 * (t / 1e4), 0.1 * _half_cos(np.minimum(t - 1e4, 990000.0) / 990000.0)
        ),
    ),
    (
        "inverse_sqrt",
        S.inverse_sqrt(0.001, warmup_steps=4000),
        lambda t: 0.001 * np.minimum((t + 1) / 4000, np.sqrt(4000 / (t + 1))),
    ),
    (
        "warmup_stable_decay",
        S.warmup_stable_decay(0.1, warmup_steps=1e4, stable_steps=7e5, decay_steps=2e5),
        lambda t: np.where(
            t < 1e4, 0.1 * (t / 1e4), 0.1 * (1 - np.clip(t - 7.1e5, 0, 2e5) / 2e5)
        ),
    ),
    (
        "join(warmup, exponential)",
        S.join(
            [
                S.linear_warmup(0.1, warmup_steps=1e4),
                S.exponential_decay(0.1, decay_rate=0.5, decay_steps=1e5),
            ],
            boundaries=[1e4],
        ),
        lambda t: np.where(
            t < 1e4, 0.1 * (t / 1e4), 0.1 * 0.5 ** (np.maximum(t - 1e4, 0) / 1e5)
        ),
    ),
]


def _restarts_bare(t):
    u = t / 1e4
    i = np.floor(np.log1p(u) / math.log(2.0))
    start = 2.0**i - 1.0
    return 0.1 * (0.5 * 0.8**i * (1.0 + np.cos(PI * ((u - start) / 2.0**i))))


def _one_cycle_bare(t):
    up_end, end = 0.3 * 1_000_000 - 1, 1_000_000 - 1.0
    lo, hi, fin = 1.0 / 25, 1.0, 1.0 / 25 / 1e4
    up = hi + (lo - hi) / 2 * (np.cos(PI * t / up_end) + 1)
    down = fin + (hi - fin) / 2 * (np.cos(PI * (t - up_end) / (end - up_end)) + 1)
    return np.where(t <= up_end, up, down)


CASES = [
    (label, sched, bare if bare is not None else {"cosine_restarts(m=2)": _restarts_bare,
                                                   "one_cycle": _one_cycle_bare}[label])
    for label, sched, bare in CASES
]


def _torch_cases():
    try:
        import torch
        from torch.optim import lr_scheduler as L
    except ImportError:
        return []

    def stepping(make_sched, momentum=0.0):
        def make():
            def run(n):
                p = torch.nn.Parameter(torch.zeros(1))
                opt = torch.optim.SGD([p], lr=0.1, momentum=momentum)
                sched = make_sched(opt)
                out = [opt.param_groups[0]["lr"]]
                for _ in range(n - 1):
                    opt.step()
                    sched.step()
                    out.append(opt.param_groups[0]["lr"])
                return out

            return run

        return make

    return [
        ("StepLR", "step_decay", stepping(lambda o: L.StepLR(o, 1000, 0.5))),
        ("ExponentialLR", "exponential_decay", stepping(lambda o: L.ExponentialLR(o, 0.999))),
        ("CosineAnnealingLR", "cosine_decay",
         stepping(lambda o: L.CosineAnnealingLR(o, 500_000))),
        ("OneCycleLR", "one_cycle",
         stepping(lambda o: L.OneCycleLR(o, 1.0, total_steps=10**6), 0.9)),
    ]


TORCH_CASES = _torch_cases()
