"""Every bad input raises, naming the argument, the rule and the value received."""

from __future__ import annotations

import re

import numpy as np
import pytest

import lrcourse.schedules as S
from lrcourse import compat

T, V = TypeError, ValueError

BAD = [
    # (factory, args, kwargs, exception, message pattern)
    (S.constant, (0,), {}, V, r"`lr0` must be > 0\. Received: lr0=0"),
    (S.constant, ("0.1",), {}, T, r"`lr0` must be a real number"),
    (S.constant, (float("nan"),), {}, V, r"`lr0` must be a finite number"),
    (S.constant, (True,), {}, T, r"`lr0` must be a real number"),
    (S.piecewise_constant, ([10],), {"values": [0.1]}, V, r"one more entry than `boundaries`"),
    (
        S.piecewise_constant,
        ([10, 5],),
        {"values": [1, 2, 3]},
        V,
        r"`boundaries` must be strictly incr",
    ),
    (
        S.piecewise_constant,
        ([-1],),
        {"values": [1, 2]},
        V,
        r"`boundaries` must be a list of numbers >= 0",
    ),
    (
        S.piecewise_constant,
        ([1],),
        {"values": [1, -2]},
        V,
        r"`values` must be a list of numbers >= 0",
    ),
    (
        S.piecewise_constant,
        ("10",),
        {"values": [1, 2]},
        T,
        r"`boundaries` must be a list of numbers",
    ),
    (
        S.piecewise_constant,
        ([1],),
        {"values": [1, 2], "switch_at_boundary": 1},
        T,
        r"`switch_at_boundary` must be True or False",
    ),
    (
        S.step_decay,
        (0.1,),
        {"decay_rate": 0.5, "decay_steps": 0},
        V,
        r"`decay_steps` must be >= 1\. Received: decay_steps=0",
    ),
    (
        S.step_decay,
        (0.1,),
        {"decay_rate": 0.5, "decay_steps": 2.5},
        T,
        r"`decay_steps` must be an integer",
    ),
    (S.step_decay, (0.1,), {"decay_rate": 0, "decay_steps": 10}, V, r"`decay_rate` must be > 0"),
    (
        S.multistep_decay,
        (0.1,),
        {"boundaries": [5, 3], "decay_rate": 0.5},
        V,
        r"`boundaries` must be sorted",
    ),
    (
        S.multistep_decay,
        (0.1,),
        {"boundaries": [5], "decay_rate": -0.5},
        V,
        r"`decay_rate` must be > 0",
    ),
    (
        S.exponential_decay,
        (0.1,),
        {"decay_rate": 0.9, "decay_steps": 0},
        V,
        r"`decay_steps` must be > 0\. Received: decay_s",
    ),
    (
        S.exponential_decay,
        (0.1,),
        {"decay_rate": 0.9, "staircase": "yes"},
        T,
        r"`staircase` must be True",
    ),
    (
        S.exponential_decay,
        (0.1,),
        {"decay_rate": 0.9, "begin_step": -1},
        V,
        r"`begin_step` must be >= 0",
    ),
    (
        S.exponential_decay,
        (0.1,),
        {"decay_rate": 0.9, "end_lr": 0},
        V,
        r"`end_lr` must be > 0\. Received: end_lr=0",
    ),
    (S.natural_exp_decay, (0.1,), {"decay_rate": -1}, V, r"`decay_rate` must be >= 0"),
    (
        S.inverse_time_decay,
        (0.1,),
        {"decay_rate": 0.5, "decay_steps": -2},
        V,
        r"`decay_steps` must be > 0",
    ),
    (
        S.per_epoch,
        (lambda t: t,),
        {"steps_per_epoch": 3},
        T,
        r"`schedule` must be an lrcourse Schedule",
    ),
    (
        S.per_epoch,
        (S.constant(0.1),),
        {"steps_per_epoch": 0},
        V,
        r"`steps_per_epoch` must be >= 1",
    ),
    (S.polynomial_decay, (0.1,), {"decay_steps": 0}, V, r"`decay_steps` must be > 0"),
    (
        S.polynomial_decay,
        (0.1,),
        {"decay_steps": 10, "end_lr": -0.1},
        V,
        r"`end_lr` must be >= 0",
    ),
    (S.polynomial_decay, (0.1,), {"decay_steps": 10, "power": 0}, V, r"`power` must be > 0"),
    (
        S.polynomial_decay,
        (0.1,),
        {"decay_steps": 10, "cycle": None},
        T,
        r"`cycle` must be True or False",
    ),
    (S.polynomial_decay, (-0.1,), {"decay_steps": 10}, V, r"`lr0` must be >= 0"),
    (S.cosine_decay, (0.1,), {"decay_steps": 0}, V, r"`decay_steps` must be > 0"),
    (S.cosine_decay, (0.1,), {"decay_steps": 10, "alpha": 1.5}, V, r"`alpha` must be <= 1"),
    (
        S.cosine_decay,
        (0.1,),
        {"decay_steps": 10, "alpha": 0.1, "end_lr": 0.01},
        V,
        r"`alpha` and `end_lr` must not both be given \(alpha is the floor as a fraction of lr0",
    ),
    (S.cosine_decay, (0.1,), {"decay_steps": 10, "end_lr": -1}, V, r"`end_lr` must be >= 0"),
    (S.cosine_decay, (0.1,), {"decay_steps": 10, "exponent": 0}, V, r"`exponent` must be > 0"),
    (
        S.cosine_decay,
        (0.1,),
        {"decay_steps": 10, "clamp": 0},
        T,
        r"`clamp` must be True or False",
    ),
    (S.cosine_restarts, (0.1,), {"first_period": 0}, V, r"`first_period` must be > 0"),
    (
        S.cosine_restarts,
        (0.1,),
        {"first_period": 10, "period_mult": 0.5},
        V,
        r"`period_mult` must be >= 1",
    ),
    (
        S.cosine_restarts,
        (0.1,),
        {"first_period": 10, "peak_mult": 0},
        V,
        r"`peak_mult` must be > 0",
    ),
    (
        S.cosine_restarts,
        (0.1,),
        {"first_period": 10, "end_lr": -1},
        V,
        r"`end_lr` must be >= 0",
    ),
    (
        S.linear_cosine_decay,
        (0.1,),
        {"decay_steps": 10, "num_periods": -1},
        V,
        r"`num_periods` must be >= 0",
    ),
    (S.linear_cosine_decay, (0.1,), {"decay_steps": 10, "beta": -0.1}, V, r"`beta` must be >= 0"),
    (
        S.linear_cosine_decay,
        (0.1,),
        {"decay_steps": 10, "alpha": -0.1},
        V,
        r"`alpha` must be >= 0",
    ),
    (
        S.noisy_linear_cosine_decay,
        (0.1,),
        {"decay_steps": 10, "seed": -1},
        V,
        r"`seed` must be >= 0",
    ),
    (
        S.noisy_linear_cosine_decay,
        (0.1,),
        {"decay_steps": 10, "seed": 1.5},
        T,
        r"`seed` must be an integer",
    ),
    (
        S.noisy_linear_cosine_decay,
        (0.1,),
        {"decay_steps": 10, "initial_variance": -1},
        V,
        r"`initial_variance` must be >= 0",
    ),
    (
        S.noisy_linear_cosine_decay,
        (0.1,),
        {"decay_steps": 10, "variance_decay": -1},
        V,
        r"`variance_decay` must be >= 0",
    ),
    (S.cyclic, (0.1,), {"peak_lr": 1.0, "step_size_up": 0}, V, r"`step_size_up` must be > 0"),
    (
        S.cyclic,
        (0.1,),
        {"peak_lr": 1.0, "step_size_up": 4, "step_size_down": -1},
        V,
        r"`step_size_down` must be >= 0",
    ),
    (
        S.cyclic,
        (0.1,),
        {"peak_lr": 1.0, "step_size_up": 4, "mode": "triangle"},
        V,
        r"`mode` must be one of 'triangular'",
    ),
    (
        S.cyclic,
        (0.1,),
        {"peak_lr": 1.0, "step_size_up": 4, "gamma": 1.5},
        V,
        r"`gamma` must be <= 1",
    ),
    (
        S.cyclic,
        (-0.1,),
        {"peak_lr": 1.0, "step_size_up": 4},
        V,
        r"`lr0` must be >= 0\. Received: lr0=-0.1",
    ),
    (
        S.cyclic,
        (0.1,),
        {"peak_lr": -1.0, "step_size_up": 4},
        V,
        r"`peak_lr` must be >= 0\. Received: peak_lr=-1.0",
    ),
    (
        S.cyclic_momentum,
        (0.8,),
        {"max_momentum": 1.5, "step_size_up": 4},
        V,
        r"`max_momentum` must be <= 1",
    ),
    (S.one_cycle, (1.0,), {"total_steps": 0}, V, r"`total_steps` must be >= 1"),
    (S.one_cycle, (0.0,), {"total_steps": 10}, V, r"`peak_lr` must be > 0"),
    (
        S.one_cycle,
        (1.0,),
        {"total_steps": 100, "pct_start": 1.0},
        V,
        r"`pct_start` must be < 1",
    ),
    (
        S.one_cycle,
        (1.0,),
        {"total_steps": 10, "pct_start": 0.1},
        V,
        r"every phase a positive length",
    ),
    (
        S.one_cycle,
        (1.0,),
        {"total_steps": 100, "anneal": "cosine"},
        V,
        r"`anneal` must be one of 'cos'",
    ),
    (
        S.one_cycle,
        (1.0,),
        {"total_steps": 100, "div_factor": 0},
        V,
        r"`div_factor` must be > 0",
    ),
    (
        S.one_cycle,
        (1.0,),
        {"total_steps": 100, "three_phase": "no"},
        T,
        r"`three_phase` must be True",
    ),
    (
        S.one_cycle_momentum,
        (0.85,),
        {"max_momentum": 0.95, "total_steps": 100, "pct_start": 0},
        V,
        r"`pct_start` must be > 0",
    ),
    (S.linear_warmup, (0.1,), {"warmup_steps": 0}, V, r"`warmup_steps` must be > 0"),
    (
        S.linear_warmup,
        (0.1,),
        {"warmup_steps": 5, "lr0": -1},
        V,
        r"`lr0` must be >= 0\. Received: lr0=-1",
    ),
    (
        S.linear_warmup,
        (-0.1,),
        {"warmup_steps": 5},
        V,
        r"`peak_lr` must be >= 0\. Received: peak_lr=-0.1",
    ),
    (S.exponential_warmup, (0.1,), {"warmup_steps": 5, "lr0": 0}, V, r"`lr0` must be > 0"),
    (
        S.warmup_cosine,
        (0.1,),
        {"warmup_steps": 10, "decay_steps": 10},
        V,
        r"`decay_steps` must be > warmup_steps",
    ),
    (
        S.warmup_cosine,
        (0.1,),
        {"warmup_steps": -1, "decay_steps": 10},
        V,
        r"`warmup_steps` must be >= 0",
    ),
    (
        S.warmup_cosine,
        (0.1,),
        {"warmup_steps": 1, "decay_steps": 10, "alpha": 0.1, "end_lr": 0.0},
        V,
        r"`alpha` and `end_lr` must not both be given \(alpha is the floor as a fraction of peak",
    ),
    (
        S.warmup_cosine,
        (0.1,),
        {"warmup_steps": 1, "decay_steps": 10, "decay_includes_warmup": 1},
        T,
        r"`decay_includes_warmup` must be True or False",
    ),
    (S.inverse_sqrt, (0.0,), {"warmup_steps": 10}, V, r"`peak_lr` must be > 0"),
    (S.inverse_sqrt, (0.1,), {"warmup_steps": 0}, V, r"`warmup_steps` must be > 0"),
    (
        S.warmup_stable_decay,
        (0.1,),
        {"warmup_steps": 1, "stable_steps": 1, "decay_steps": 0},
        V,
        r"`decay_steps` must be > 0",
    ),
    (
        S.warmup_stable_decay,
        (0.1,),
        {"warmup_steps": 1, "stable_steps": -1, "decay_steps": 1},
        V,
        r"`stable_steps` must be >= 0",
    ),
    (
        S.warmup_stable_decay,
        (0.1,),
        {"warmup_steps": 1, "stable_steps": 1, "decay_steps": 1, "end_lr": -1},
        V,
        r"`end_lr` must be >= 0",
    ),
    (
        S.warmup_stable_decay,
        (0.1,),
        {"warmup_steps": 1, "stable_steps": 1, "decay_steps": 1, "decay_shape": "exp"},
        V,
        r"`decay_shape` must be one of",
    ),
    (
        S.join,
        (S.constant(0.1),),
        {"boundaries": []},
        T,
        r"`schedules` must be a list of lrcourse Schedules",
    ),
    (S.join, ([],), {"boundaries": []}, V, r"`schedules` must hold at least one"),
    (S.join, ([S.constant(0.1), "x"],), {"boundaries": [5]}, T, r"entry 1 is str"),
    (
        S.join,
        ([S.constant(0.1), S.constant(0.2)],),
        {"boundaries": []},
        V,
        r"one entry fewer",
    ),
    (S.join, ([S.constant(0.1), S.constant(0.2)],), {"boundaries": [0]}, V, r"numbers > 0"),
    (
        S.piecewise_interpolate,
        ([5, 3],),
        {"values": [1, 2, 3]},
        V,
        r"`boundaries` must be sorted",
    ),
    (
        S.piecewise_interpolate,
        ([5],),
        {"values": [1]},
        V,
        r"one more entry than `boundaries`",
    ),
    (
        S.piecewise_interpolate,
        ([5],),
        {"values": [1, 2], "interpolation": "cubic"},
        V,
        r"`interpolation` must be one of",
    ),
    (S.multiplier_schedule, (0.1,), {"multiplier": 3}, T, r"`multiplier` must be callable"),
    (S.ReduceOnPlateau, (0.1,), {"rule": "tf"}, V, r"`rule` must be one of 'torch', 'keras'"),
    (S.ReduceOnPlateau, (0.1,), {"factor": 1.0}, V, r"`factor` must be < 1"),
    (S.ReduceOnPlateau, (0.1,), {"patience": -1}, V, r"`patience` must be >= 0"),
    (S.ReduceOnPlateau, (0.1,), {"mode": "up"}, V, r"`mode` must be one of 'min', 'max'"),
    (S.ReduceOnPlateau, (0.1,), {"threshold_mode": "pct"}, V, r"`threshold_mode` must be one"),
    (
        S.ReduceOnPlateau,
        (0.1,),
        {"rule": "keras", "threshold_mode": "rel"},
        V,
        r"`threshold_mode` must be 'abs' with rule='keras'",
    ),
    (S.ReduceOnPlateau, (0.1,), {"cooldown": 1.5}, T, r"`cooldown` must be an integer"),
    (S.ReduceOnPlateau, (0.1,), {"min_lr": -1}, V, r"`min_lr` must be >= 0"),
    (S.ReduceOnPlateau, (0.1,), {"eps": -1}, V, r"`eps` must be >= 0"),
    (S.ReduceOnPlateau, (0,), {}, V, r"`lr0` must be > 0\. Received: lr0=0"),
]


@pytest.mark.parametrize(
    ("factory", "args", "kwargs", "exc", "match"),
    BAD,
    ids=[f"{b[0].__name__}-{i}" for i, b in enumerate(BAD)],
)
def test_bad_arguments_raise(factory, args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        factory(*args, **kwargs)


BAD_STEPS = [
    (-1, V, r"`step` must be a finite number >= 0"),
    (float("nan"), V, r"`step` must be a finite number >= 0"),
    (float("inf"), V, r"`step` must be a finite number >= 0"),
    (True, T, r"`step` must be a number or an array of numbers, not a bool"),
    ("3", T, r"`step` must be an int, a float or an array"),
    (np.array([1, -2]), V, r"`step` must be >= 0\. Received: an array whose smallest entry is -2"),
    (np.array([1.0, np.nan]), V, r"must be >= 0 and not NaN"),
    (np.array([1.0, np.inf]), V, r"must be finite\. Received: an array containing inf"),
]


@pytest.mark.parametrize(("step", "exc", "match"), BAD_STEPS)
@pytest.mark.parametrize(
    "schedule",
    [
        S.constant(0.1),
        S.cosine_decay(0.1, decay_steps=10),
        S.one_cycle(1.0, total_steps=100),
        S.join([S.constant(0.1), S.linear_warmup(0.1, warmup_steps=3)], boundaries=[4]),
    ],
    ids=["constant", "cosine", "one_cycle", "join"],
)
def test_bad_steps_raise(schedule, step, exc, match):
    with pytest.raises(exc, match=match):
        schedule(step)


def test_one_cycle_past_the_end_raises():
    s = S.one_cycle(1.0, total_steps=100)
    s(100)  # PyTorch allows step == total_steps
    with pytest.raises(V, match=r"`step` must be <= total_steps=100 .* Received: a step of 101"):
        s(101)
    with pytest.raises(V, match=r"total_steps=100"):
        S.one_cycle_momentum(0.85, max_momentum=0.95, total_steps=100)([0, 150])


@pytest.mark.parametrize(
    ("fn", "exc", "match"),
    [
        (lambda k: k if k < 3 else 0, T, r"`multiplier` must accept a NumPy array"),
        (lambda k: np.ones(3), V, r"one value per step \(shape \(5,\)\)"),
        (lambda k: -k, V, r"finite numbers >= 0"),
        (lambda k: k / 0.0 if False else np.log(k * 0 + 0.5) * np.inf, V, r"finite numbers"),
    ],
)
def test_multiplier_bad_returns(fn, exc, match):
    s = S.multiplier_schedule(0.1, multiplier=fn)
    with pytest.raises(exc, match=match), np.errstate(all="ignore"):
        s(np.arange(5))


@pytest.mark.parametrize(
    ("metric", "exc", "match"),
    [
        (float("nan"), V, r"`metric` must be finite"),
        (float("inf"), V, r"must be finite"),
        ("0.3", T, r"`metric` must be a real number"),
        (True, T, r"must be a real number"),
        (None, T, r"must be a real number"),
    ],
)
def test_plateau_bad_metric(metric, exc, match):
    with pytest.raises(exc, match=match):
        S.ReduceOnPlateau(0.1).step(metric)


def test_plateau_run_needs_a_fresh_policy():
    p = S.ReduceOnPlateau(0.1)
    p.step(1.0)
    with pytest.raises(RuntimeError, match=r"call it on a fresh ReduceOnPlateau"):
        p.run([1.0])


def test_schedule_is_immutable():
    s = S.constant(0.1)
    with pytest.raises(AttributeError, match="immutable"):
        s.extra = 1
    with pytest.raises(TypeError):
        s.params["lr0"] = 1.0


# ------------------------------------------------------------------ compat


COMPAT_BAD = [
    (
        compat.from_tf,
        "cosine_decay_v2",
        {},
        V,
        r"Unknown TensorFlow \(tf.compat.v1.train\) schedule 'cosine_decay_v2'\. Accepted names: "
        r"cosine_decay, ",
    ),
    (compat.from_tf, 3, {}, V, r"Unknown TensorFlow"),
    (
        compat.from_tf,
        "cosine_decay",
        {"learning_rate": 0.1, "decay_steps": 10, "eta_min": 0},
        T,
        r"got unknown parameter\(s\) 'eta_min'\. Accepted parameters: learning_rate, ",
    ),
    (
        compat.from_tf,
        "cosine_decay",
        {"learning_rate": 0.1},
        T,
        r"missing required parameter\(s\) 'decay_steps'",
    ),
    (
        compat.from_tf,
        "polynomial_decay",
        {"learning_rate": 0.1, "decay_steps": 0},
        V,
        r"`decay_steps` must be > 0",
    ),
    (
        compat.from_keras,
        "CosineDecay",
        {
            "initial_learning_rate": 0.1,
            "decay_steps": 10,
            "warmup_target": 0.2,
            "warmup_steps": -1,
        },
        V,
        r"`warmup_steps` must be >= 0",
    ),
    (compat.from_keras, "LinearCosineDecay", {}, V, r"Unknown Keras"),
    (
        compat.from_keras,
        "ReduceLROnPlateau",
        {"lr": 0.1, "monitor": "val_acc"},
        V,
        r"`mode` must be 'min' or 'max' when `monitor` is not a loss",
    ),
    (
        compat.from_keras,
        "ReduceLROnPlateau",
        {"lr": 0.1, "factor": 1.0},
        V,
        r"`factor` must be < 1\. Received: factor=1\.0$",
    ),
    (
        compat.from_keras,
        "ReduceLROnPlateau",
        {"lr": 0.1, "factor": 1.0},
        V,
        r"`factor` must be < 1",
    ),
    (
        compat.from_torch,
        "StepLR",
        {"lr": 0.1, "step_size": 10, "last_epoch": 5},
        V,
        r"`last_epoch` must be -1",
    ),
    (compat.from_torch, "StepLR", {"step_size": 10}, T, r"missing required parameter\(s\) 'lr'"),
    (
        compat.from_torch,
        "MultiStepLR",
        {"lr": 0.1, "milestones": 10},
        T,
        r"`milestones` must be a list of ints",
    ),
    (
        compat.from_torch,
        "MultiStepLR",
        {"lr": 0.1, "milestones": [2.5]},
        T,
        r"`milestones` must be an integer",
    ),
    (
        compat.from_torch,
        "CosineAnnealingWarmRestarts",
        {"lr": 0.1, "T_0": 10, "T_mult": 1.5},
        T,
        r"`T_mult` must be an integer",
    ),
    (
        compat.from_torch,
        "CosineAnnealingWarmRestarts",
        {"lr": 0.1, "T_0": 0},
        V,
        r"`T_0` must be >= 1",
    ),
    (
        compat.from_torch,
        "CyclicLR",
        {"base_lr": 0.1, "max_lr": 1.0, "scale_fn": 0.5},
        T,
        r"`scale_fn` must be a function of one number, or None\. Received: scale_fn=0\.5$",
    ),
    (
        compat.from_torch,
        "CyclicLR",
        {"base_lr": 0.1, "max_lr": 1.0, "step_size_up": 2.5},
        T,
        r"`step_size_up` must be an integer",
    ),
    (
        compat.from_torch,
        "CyclicLR",
        {"base_lr": 0.1, "max_lr": 1.0, "lr": -1},
        V,
        r"`lr` must be > 0",
    ),
    (
        compat.from_torch,
        "OneCycleLR",
        {"max_lr": 1.0},
        V,
        r"`total_steps`, or both `epochs` and `steps_per_epoch`, must be given",
    ),
    (
        compat.from_torch,
        "OneCycleLR",
        {"max_lr": 1.0, "epochs": 0, "steps_per_epoch": 3},
        V,
        r"`epochs` must be >= 1",
    ),
    (
        compat.from_torch,
        "OneCycleLR",
        {"max_lr": 1.0, "total_steps": 10, "pct_start": 0.05},
        V,
        r"every phase a positive length",
    ),
    (
        compat.from_torch,
        "LinearLR",
        {"lr": 0.1, "start_factor": 0},
        V,
        r"`start_factor` must be > 0",
    ),
    (
        compat.from_torch,
        "LinearLR",
        {"lr": 0.1, "end_factor": 1.5},
        V,
        r"`end_factor` must be <= 1",
    ),
    (compat.from_torch, "ConstantLR", {"lr": 0.1, "factor": 0}, V, r"`factor` must be > 0"),
    (
        compat.from_torch,
        "LambdaLR",
        {"lr": 0.1, "lr_lambda": 0.5},
        T,
        r"`lr_lambda` must be callable",
    ),
    (
        compat.from_torch,
        "LambdaLR",
        {"lr": 0.1, "lr_lambda": [abs, abs]},
        V,
        r"`lr_lambda` must be a single function",
    ),
    (
        compat.from_torch,
        "SequentialLR",
        {"lr": 0.1, "schedulers": "StepLR", "milestones": []},
        T,
        r"`schedulers` must be a non-empty list of \(name, params\) pairs",
    ),
    (
        compat.from_torch,
        "SequentialLR",
        {"lr": 0.1, "schedulers": [("StepLR",)], "milestones": []},
        T,
        r"entry 0 is",
    ),
    (
        compat.from_torch,
        "SequentialLR",
        {"lr": 0.1, "schedulers": [("ReduceLROnPlateau", {})], "milestones": []},
        V,
        r"must not contain ReduceLROnPlateau",
    ),
    (
        compat.from_torch,
        "SequentialLR",
        {
            "lr": 0.1,
            "schedulers": [("ExponentialLR", {"gamma": 0.5, "lr": 1.0})],
            "milestones": [],
        },
        V,
        r"must not set `lr`",
    ),
    (
        compat.from_torch,
        "SequentialLR",
        {
            "lr": 0.1,
            "schedulers": [("ExponentialLR", {"gamma": 0.5}), ("StepLR", {"step_size": 2})],
            "milestones": [],
        },
        V,
        r"Argument `milestones` must have exactly one entry fewer than `schedulers` "
        r"\(2 - 1 = 1\)\. Received: milestones=\[\]",
    ),
    (
        compat.from_torch,
        "SequentialLR",
        {
            "lr": 0.1,
            "schedulers": [("ExponentialLR", {"gamma": 0.5}), ("StepLR", {"step_size": 2})],
            "milestones": [0],
        },
        V,
        r"`milestones` must be >= 1",
    ),
    (
        compat.from_torch,
        "ReduceLROnPlateau",
        {"lr": 0.1, "min_lr": [0.0]},
        V,
        r"`min_lr` must be one number",
    ),
    (
        compat.from_torch,
        "ReduceLROnPlateau",
        {"lr": 0.1, "threshold_mode": "pct"},
        V,
        r"`threshold_mode` must be one of",
    ),
    (
        compat.momentum_from_torch,
        "StepLR",
        {"lr": 0.1, "step_size": 1},
        V,
        r"Unknown PyTorch \(torch.optim.lr_scheduler\) momentum scheduler 'StepLR'\. Accepted "
        r"names: CyclicLR, OneCycleLR",
    ),
    (
        compat.momentum_from_torch,
        "OneCycleLR",
        {"max_lr": 1.0, "total_steps": 100, "cycle_momentum": False},
        V,
        r"`cycle_momentum` must be True",
    ),
    (
        compat.momentum_from_torch,
        "CyclicLR",
        {"base_lr": 0.1, "max_lr": 1.0, "cycle_momentum": False},
        V,
        r"`cycle_momentum` must be True",
    ),
    (
        compat.from_optax,
        "piecewise_constant_schedule",
        {"init_value": 0.1, "boundaries_and_scales": [(1, 2)]},
        T,
        r"`boundaries_and_scales` must be a dict",
    ),
    (
        compat.from_optax,
        "piecewise_constant_schedule",
        {"init_value": 0.1, "boundaries_and_scales": {5: -1.0}},
        V,
        r"`boundaries_and_scales` must be >= 0",
    ),
    (
        compat.from_optax,
        "piecewise_interpolate_schedule",
        {"interpolate_type": "cubic", "init_value": 0.1},
        V,
        r"`interpolate_type` must be one of 'linear', 'cosine'",
    ),
    (
        compat.from_optax,
        "cosine_decay_schedule",
        {"init_value": 0.1, "decay_steps": 0},
        V,
        r"`decay_steps` must be > 0",
    ),
    (
        compat.from_optax,
        "warmup_cosine_decay_schedule",
        {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 10, "decay_steps": 5},
        V,
        r"`decay_steps` must be > warmup_steps",
    ),
    (
        compat.from_optax,
        "warmup_exponential_decay_schedule",
        {
            "init_value": 0.0,
            "peak_value": 0.1,
            "warmup_steps": -1,
            "transition_steps": 5,
            "decay_rate": 0.5,
        },
        V,
        r"`warmup_steps` must be >= 0",
    ),
    (
        compat.from_optax,
        "linear_onecycle_schedule",
        {"transition_steps": 0, "peak_value": 1.0},
        V,
        r"`transition_steps` must be >= 1",
    ),
    (
        compat.from_optax,
        "linear_onecycle_schedule",
        {"transition_steps": 10, "peak_value": 1.0, "pct_start": 0.5, "pct_final": 0.4},
        V,
        r"`pct_final` must be >= 0.5",
    ),
    (
        compat.from_optax,
        "linear_onecycle_schedule",
        {"transition_steps": 1, "peak_value": 1.0},
        V,
        r"three distinct knots",
    ),
    (
        compat.from_optax,
        "cosine_onecycle_schedule",
        {"transition_steps": 1, "peak_value": 1.0, "pct_start": 1.0},
        V,
        r"two distinct knots",
    ),
    (
        compat.from_optax,
        "sgdr_schedule",
        {"cosine_kwargs": {"decay_steps": 5}},
        T,
        r"`cosine_kwargs` must be a list of dicts",
    ),
    (
        compat.from_optax,
        "sgdr_schedule",
        {"cosine_kwargs": []},
        V,
        r"`cosine_kwargs` must not be empty",
    ),
    (compat.from_optax, "sgdr_schedule", {"cosine_kwargs": [3]}, T, r"entry 0 is int"),
    (
        compat.from_optax,
        "sgdr_schedule",
        {"cosine_kwargs": [{"init_value": 0.0}]},
        T,
        r"missing required parameter\(s\) 'peak_value', 'warmup_steps', 'decay_steps'",
    ),
    (
        compat.from_optax,
        "join_schedules",
        {"schedules": [0.1], "boundaries": []},
        T,
        r"entry 0 is float",
    ),
]


# A value that lrcourse refuses is reported under the framework's own name.
COMPAT_BAD += [
    (
        compat.from_tf,
        "exponential_decay",
        {"learning_rate": 0, "decay_steps": 10, "decay_rate": 0.5},
        V,
        r"Argument `learning_rate` must be > 0\. Received: learning_rate=0$",
    ),
    (
        compat.from_tf,
        "polynomial_decay",
        {"learning_rate": 0.1, "decay_steps": 10, "end_learning_rate": -1},
        V,
        r"`end_learning_rate` must be >= 0\. Received: end_learning_rate=-1$",
    ),
    (
        compat.from_keras,
        "CosineDecay",
        {"initial_learning_rate": -1, "decay_steps": 10},
        V,
        r"`initial_learning_rate` must be >= 0\. Received: initial_learning_rate=-1$",
    ),
    (
        compat.from_keras,
        "CosineDecay",
        {"initial_learning_rate": 0.0, "decay_steps": 10, "warmup_target": -1.0},
        V,
        r"`warmup_target` must be >= 0\. Received: warmup_target=-1.0$",
    ),
    (
        compat.from_keras,
        "CosineDecayRestarts",
        {"initial_learning_rate": 0.1, "first_decay_steps": 10, "t_mul": 0.5},
        V,
        r"`t_mul` must be >= 1\. Received: t_mul=0.5$",
    ),
    (
        compat.from_torch,
        "StepLR",
        {"lr": 0.1, "step_size": 0},
        V,
        r"`step_size` must be >= 1\. Received: step_size=0$",
    ),
    (
        compat.from_torch,
        "StepLR",
        {"lr": 0.1, "step_size": 3, "gamma": 0},
        V,
        r"`gamma` must be > 0\. Received: gamma=0$",
    ),
    (
        compat.from_torch,
        "CosineAnnealingLR",
        {"lr": 0.1, "T_max": 10, "eta_min": -1},
        V,
        r"`eta_min` must be >= 0\. Received: eta_min=-1$",
    ),
    (
        compat.from_torch,
        "CyclicLR",
        {"base_lr": -0.1, "max_lr": 1.0},
        V,
        r"`base_lr` must be >= 0\. Received: base_lr=-0.1$",
    ),
    (
        compat.momentum_from_torch,
        "CyclicLR",
        {"base_lr": 0.1, "max_lr": -1.0},
        V,
        r"`max_lr` must be >= 0\. Received: max_lr=-1.0$",
    ),
    (
        compat.from_torch,
        "OneCycleLR",
        {"max_lr": 1.0, "total_steps": 100, "anneal_strategy": "cosine"},
        V,
        r"`anneal_strategy` must be one of 'cos', 'linear'\. Received: anneal_strategy='cosine'$",
    ),
    (
        compat.from_torch,
        "ReduceLROnPlateau",
        {"lr": 0},
        V,
        r"Argument `lr` must be > 0\. Received: lr=0$",
    ),
    (
        compat.from_optax,
        "exponential_decay",
        {"init_value": 0.1, "transition_steps": 5, "decay_rate": 0.5, "end_value": 0},
        V,
        r"`end_value` must be > 0\. Received: end_value=0$",
    ),
    (
        compat.from_optax,
        "warmup_constant_schedule",
        {"init_value": -1, "peak_value": 0.1, "warmup_steps": 5},
        V,
        r"`init_value` must be >= 0\. Received: init_value=-1$",
    ),
    (
        compat.from_optax,
        "constant_schedule",
        {"value": 0},
        V,
        r"Argument `value` must be > 0\. Received: value=0$",
    ),
]


# Issue 13: the frameworks accept these (the sweep fixture of test_compat_suites.py
# has the same kinds of values with the frameworks' finite rates), so compat
# reproduces them with a FrameworkBehaviourWarning that names the argument.
_FRAMEWORK_ACCEPTS = [
    ("from_keras", "CosineDecay", "warmup_steps"),
    ("from_torch", "MultiStepLR", "milestones", "[2.5]"),
    ("from_torch", "CyclicLR", "step_size_up"),
    ("from_torch", "SequentialLR", "milestones", "[0]"),
    ("from_optax", "warmup_exponential_decay_schedule", "warmup_steps"),
    ("from_optax", "linear_onecycle_schedule", "pct_final"),
    ("from_tf", "exponential_decay", "learning_rate"),
    ("from_tf", "polynomial_decay", "end_learning_rate"),
    ("from_keras", "CosineDecay", "warmup_target"),
    ("from_torch", "StepLR", "gamma"),
    ("from_torch", "CosineAnnealingLR", "eta_min"),
    ("from_torch", "CyclicLR", "base_lr"),
    ("momentum_from_torch", "CyclicLR", "max_lr"),
    ("from_torch", "ReduceLROnPlateau", "lr"),
    ("from_optax", "exponential_decay", "end_value"),
    ("from_optax", "warmup_constant_schedule", "init_value"),
    ("from_optax", "constant_schedule", "value"),
]


def _accepted_key(case):
    fn, name, _, _, match = case
    found = re.search(r"`(\w+)`", match)
    arg = found.group(1) if found else None
    return (fn.__name__, name, arg)


def _listed(case):
    key = _accepted_key(case)
    typed = repr(case[2].get(key[2]))
    return any(k[:3] == key and (len(k) == 3 or k[3] == typed) for k in _FRAMEWORK_ACCEPTS)


COMPAT_ACCEPTED = [c for c in COMPAT_BAD if _listed(c)]
COMPAT_BAD = [c for c in COMPAT_BAD if not _listed(c)]


@pytest.mark.parametrize(
    ("fn", "name", "params", "exc", "match"),
    COMPAT_ACCEPTED,
    ids=[f"{b[0].__name__}-{b[1]}-{_accepted_key(b)[2]}" for b in COMPAT_ACCEPTED],
)
def test_compat_reproduces_what_the_framework_accepts_with_a_warning(
    fn, name, params, exc, match
):
    argument = _accepted_key((fn, name, params, exc, match))[2]
    with pytest.warns(compat.FrameworkBehaviourWarning, match=rf"\b{argument}="):
        built = fn(name, **params)
    if not hasattr(built, "step"):
        assert np.all(np.isfinite(built([0, 1, 2, 3])))


def test_every_framework_accepted_case_is_listed_once():
    assert len(COMPAT_ACCEPTED) == len(_FRAMEWORK_ACCEPTS)


@pytest.mark.parametrize(
    ("fn", "name", "params", "exc", "match"),
    COMPAT_BAD,
    ids=[f"{b[0].__name__}-{b[1]}-{i}" for i, b in enumerate(COMPAT_BAD)],
)
def test_compat_bad_input_raises(fn, name, params, exc, match):
    with pytest.raises(exc, match=match):
        fn(name, **params)
