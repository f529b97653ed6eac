"""Write tests/fixtures/schedules_reference.json from the real frameworks.

Run with the reference environment (NOT a project dependency)::

    /work/refenv/bin/python scripts/reference/make_schedule_fixtures.py

It needs tensorflow-cpu 2.21, keras 3.15 (TensorFlow backend), torch 2.13
(CPU) and optax 0.2.8 with jax. Each case is a dict::

    {"library": "tf"|"keras"|"torch"|"optax", "name": ..., "params": {...},
     "steps": [...], "values": [...]}

plus ``"momentum"`` for PyTorch cyclic / one-cycle cases, and, for the
plateau policies, ``"metrics"`` (one per epoch) with ``"values"`` the learning
rate after each epoch.

Precision (how every value is kept in float64)
----------------------------------------------
* TensorFlow ``tf.compat.v1.train.*``: every float argument is passed as a
  ``tf.float64`` constant and ``global_step`` as a float64 tensor. A Python
  float would be converted to float32 *before* the cast to float64 (for
  example ``end_learning_rate=1e-4`` of ``polynomial_decay`` becomes
  9.99999974737875e-05), and ``natural_exp_decay`` computes ``exp(-k)`` in
  the dtype of ``decay_rate``.
* The TF cosine family (``cosine_decay``, ``cosine_decay_restarts``,
  ``linear_cosine_decay``, ``noisy_linear_cosine_decay``) multiplies by
  ``constant_op.constant(math.pi)``, a float32 tensor, so with a float64
  learning rate TensorFlow raises ``InvalidArgumentError``; it only runs in
  float32. To obtain float64 references from TensorFlow's own code, this
  script swaps, while it runs, the ``constant_op`` module seen by
  ``learning_rate_schedule`` for a shim whose ``constant(math.pi)`` is a
  float64 tensor, and (noisy variant) its ``random_ops`` for one whose
  ``random_normal`` takes the dtype of its ``stddev`` (the draw is
  float32 by default). Nothing else changes. Extra cases tagged
  ``"dtype": "float32"`` record TensorFlow's unmodified float32 output
  (compared with a float32 tolerance).
* Keras 3 (TensorFlow backend): ``keras.config.set_floatx("float64")`` and
  every float argument passed as ``np.float64``; without that the schedules
  compute in float32. The ReduceLROnPlateau optimizer variable is float64
  for the same reason (with the default float32 floatx, Keras rounds the
  learning rate to float32 after each reduction).
* PyTorch schedulers compute with Python floats (float64). Values are
  ``optimizer.param_groups[0]["lr"]`` after ``k`` calls of
  ``scheduler.step()``; ``optimizer.step()`` is called before each
  ``scheduler.step()`` as PyTorch asks.
* optax: ``jax_enable_x64`` on and int64 (or float64, for fractional steps)
  counts.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "schedules_reference.json"
CASES: list[dict] = []


def add(library, name, params, steps, values, **extra):
    values = [float(v) for v in values]
    assert all(math.isfinite(v) for v in values), (library, name, params)
    case = {
        "library": library,
        "name": name,
        "params": params,
        "steps": [float(s) if s != int(s) else int(s) for s in steps],
        "values": values,
    }
    case.update(extra)
    CASES.append(case)


def grid(n, *extra):
    return sorted(set(list(range(n)) + list(extra)))


# --------------------------------------------------------------------------- TF
def tf_cases():
    import tensorflow as tf
    from tensorflow.python.framework import constant_op as _real_constant_op
    from tensorflow.python.keras.optimizer_v2 import learning_rate_schedule as lrs

    v1 = tf.compat.v1.train
    f64 = lambda x: tf.constant(x, tf.float64)  # noqa: E731

    class _PiShim:
        """constant_op stand-in: math.pi becomes a float64 tensor."""

        def __getattr__(self, item):
            return getattr(_real_constant_op, item)

        @staticmethod
        def constant(value, *args, **kwargs):
            if value == math.pi and not args and not kwargs:
                return _real_constant_op.constant(value, dtype=tf.float64)
            return _real_constant_op.constant(value, *args, **kwargs)

    def run(name, params, steps, float_params=(), int_params=(), dtype="float64", **extra):
        fn = getattr(v1, name)
        vals = []
        for s in steps:
            kw = {}
            for k, v in params.items():
                if k in float_params and dtype == "float64":
                    kw[k] = f64(v)
                elif k in ("boundaries", "values") and dtype == "float64":
                    kw[k] = [f64(x) for x in v]
                else:
                    kw[k] = v
            gs = tf.constant(float(s), tf.float64 if dtype == "float64" else tf.float32)
            if name == "piecewise_constant":
                out = fn(gs, **kw)
            else:
                if dtype != "float64":
                    kw["learning_rate"] = tf.constant(params["learning_rate"], tf.float32)
                    gs = tf.constant(int(s), tf.int64) if float(s).is_integer() else gs
                out = fn(global_step=gs, **kw)
            out = out() if callable(out) else out
            assert out.dtype == (tf.float64 if dtype == "float64" else tf.float32), (
                name,
                out.dtype,
            )
            vals.append(float(out.numpy()))
        add(
            "tf",
            name,
            params,
            steps,
            vals,
            **({"dtype": dtype} if dtype != "float64" else {}),
            **extra,
        )

    lr_f = (
        "learning_rate",
        "decay_rate",
        "end_learning_rate",
        "power",
        "alpha",
        "beta",
        "t_mul",
        "m_mul",
        "num_periods",
        "initial_variance",
        "variance_decay",
    )
    st = grid(25, 30, 99, 100, 101, 1000, 2.5, 9.999)
    for staircase in (False, True):
        run(
            "exponential_decay",
            dict(learning_rate=0.1, decay_steps=10, decay_rate=0.96, staircase=staircase),
            st,
            lr_f,
        )
        run(
            "natural_exp_decay",
            dict(learning_rate=0.1, decay_steps=5, decay_rate=0.5, staircase=staircase),
            st,
            lr_f,
        )
        run(
            "inverse_time_decay",
            dict(learning_rate=0.1, decay_steps=10, decay_rate=0.5, staircase=staircase),
            st,
            lr_f,
        )
    run(
        "exponential_decay", dict(learning_rate=1.0, decay_steps=1, decay_rate=0.5), grid(40), lr_f
    )
    run(
        "exponential_decay",
        dict(learning_rate=0.01, decay_steps=3, decay_rate=1.5, staircase=True),
        grid(20),
        lr_f,
    )
    run(
        "natural_exp_decay", dict(learning_rate=2.0, decay_steps=1, decay_rate=0.1), grid(60), lr_f
    )
    run(
        "inverse_time_decay",
        dict(learning_rate=0.5, decay_steps=1, decay_rate=1.0),
        grid(60, 1e4),
        lr_f,
    )
    run(
        "piecewise_constant",
        dict(boundaries=[10.0, 20.0], values=[1.0, 0.5, 0.1]),
        grid(25, 9.5, 10.5, 19.999, 20.001, 100),
        lr_f,
    )
    run("piecewise_constant", dict(boundaries=[0.0], values=[0.3, 0.03]), [0, 0.5, 1, 2, 10], lr_f)
    run(
        "piecewise_constant",
        dict(boundaries=[5.0, 6.0, 7.0, 50.0], values=[0.4, 0.3, 0.2, 0.1, 0.0]),
        grid(60),
        lr_f,
    )

    if "--chapter2" in sys.argv:
        return
    # polynomial_decay: cycle on and off, power, restarts exactly at multiples.
    for cycle in (False, True):
        for power in (1.0, 2.0, 0.5):
            run(
                "polynomial_decay",
                dict(
                    learning_rate=0.1,
                    decay_steps=10,
                    end_learning_rate=1e-4,
                    power=power,
                    cycle=cycle,
                ),
                grid(45, 4.5, 10.000001, 100, 1001),
                lr_f,
            )
    run(
        "polynomial_decay",
        dict(learning_rate=0.1, decay_steps=50, end_learning_rate=0.0, power=2.0),
        grid(60),
        lr_f,
    )
    run(
        "polynomial_decay",
        dict(learning_rate=0.01, decay_steps=7, end_learning_rate=0.05, power=1.0, cycle=True),
        grid(30),
        lr_f,
    )

    class _RandomShim:
        """random_ops stand-in: the normal draw takes the dtype of its stddev."""

        def __getattr__(self, item):
            return getattr(_real_random_ops, item)

        @staticmethod
        def random_normal(shape, stddev, **kwargs):
            return _real_random_ops.random_normal(
                shape, stddev=stddev, dtype=stddev.dtype, **kwargs
            )

    from tensorflow.python.ops import random_ops as _real_random_ops

    real_constant_op, real_random_ops = lrs.constant_op, lrs.random_ops
    lrs.constant_op, lrs.random_ops = _PiShim(), _RandomShim()
    try:
        for alpha in (0.0, 0.01, 0.5):
            run(
                "cosine_decay",
                dict(learning_rate=0.1, decay_steps=50, alpha=alpha),
                grid(60, 12.5, 1000),
                lr_f,
            )
        run("cosine_decay", dict(learning_rate=1.0, decay_steps=7, alpha=0.1), grid(12), lr_f)
        for t_mul, m_mul, alpha in (
            (2.0, 1.0, 0.0),
            (1.0, 1.0, 0.0),
            (2.0, 0.5, 0.1),
            (1.5, 0.8, 0.05),
            (3.0, 1.0, 0.0),
            (1.0, 0.9, 0.2),
        ):
            run(
                "cosine_decay_restarts",
                dict(
                    learning_rate=0.1, first_decay_steps=10, t_mul=t_mul, m_mul=m_mul, alpha=alpha
                ),
                grid(80, 4.5, 9.5, 10.5, 29.75, 155, 700.25),
                lr_f,
            )
        run("cosine_decay_restarts", dict(learning_rate=0.05, first_decay_steps=4), grid(70), lr_f)
        for num_periods, alpha, beta in ((0.5, 0.0, 0.001), (2.0, 0.1, 0.0), (3.5, 0.0, 0.01)):
            run(
                "linear_cosine_decay",
                dict(
                    learning_rate=0.1,
                    decay_steps=40,
                    num_periods=num_periods,
                    alpha=alpha,
                    beta=beta,
                ),
                grid(50, 12.5, 1000),
                lr_f,
            )
        # Noise-free part: initial_variance=0 gives exactly zero noise.
        run(
            "noisy_linear_cosine_decay",
            dict(
                learning_rate=0.1,
                decay_steps=40,
                initial_variance=0.0,
                variance_decay=0.55,
                num_periods=0.5,
                alpha=0.0,
                beta=0.001,
            ),
            grid(50),
            lr_f,
        )
        run(
            "noisy_linear_cosine_decay",
            dict(
                learning_rate=0.1,
                decay_steps=30,
                initial_variance=0.0,
                num_periods=2.0,
                alpha=0.1,
                beta=0.0,
            ),
            grid(40),
            lr_f,
        )
    finally:
        lrs.constant_op, lrs.random_ops = real_constant_op, real_random_ops
    # Unmodified TensorFlow in float32, for the record (float32 tolerance).
    run(
        "cosine_decay",
        dict(learning_rate=0.1, decay_steps=50, alpha=0.01),
        grid(60),
        lr_f,
        dtype="float32",
    )
    run(
        "cosine_decay_restarts",
        dict(learning_rate=0.1, first_decay_steps=10),
        grid(80),
        lr_f,
        dtype="float32",
    )
    run(
        "linear_cosine_decay",
        dict(learning_rate=0.1, decay_steps=40),
        grid(50),
        lr_f,
        dtype="float32",
    )
    # Noisy linear cosine with noise: TF's own RNG; kept as samples (distribution checks only).
    samples = []
    for _ in range(4000):
        out = v1.noisy_linear_cosine_decay(
            tf.constant(0.1, tf.float32), tf.constant(0, tf.int64), 1000
        )
        samples.append(float((out() if callable(out) else out).numpy()))
    CASES.append(
        {
            "library": "tf",
            "name": "noisy_linear_cosine_decay",
            "kind": "samples",
            "params": {"learning_rate": 0.1, "decay_steps": 1000},
            "steps": [0],
            "samples": samples,
            "dtype": "float32",
        }
    )


# ------------------------------------------------------------------------ Keras
def keras_cases():
    import keras

    keras.config.set_floatx("float64")
    S = keras.optimizers.schedules
    f = np.float64

    def run(name, params, steps, float_params=(), **extra):
        kw = {k: (f(v) if k in float_params else v) for k, v in params.items()}
        if name == "PiecewiseConstantDecay":
            kw = {
                "boundaries": [f(b) for b in params["boundaries"]],
                "values": [f(v) for v in params["values"]],
            }
        sched = getattr(S, name)(**kw)
        vals = []
        for s in steps:
            out = sched(f(s))
            assert str(out.dtype) in ("float64", "<dtype: 'float64'>"), (name, out.dtype)
            vals.append(float(np.asarray(out)))
        add("keras", name, params, steps, vals, **extra)

    fl = (
        "initial_learning_rate",
        "decay_rate",
        "end_learning_rate",
        "power",
        "alpha",
        "t_mul",
        "m_mul",
        "warmup_target",
    )
    st = grid(25, 30, 99, 100, 101, 1000, 2.5, 9.999)
    for staircase in (False, True):
        run(
            "ExponentialDecay",
            dict(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.96, staircase=staircase),
            st,
            fl,
        )
        run(
            "InverseTimeDecay",
            dict(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5, staircase=staircase),
            st,
            fl,
        )
    run(
        "ExponentialDecay",
        dict(initial_learning_rate=1.0, decay_steps=2.5, decay_rate=0.3),
        grid(30),
        fl,
    )
    run(
        "InverseTimeDecay",
        dict(initial_learning_rate=2.0, decay_steps=1, decay_rate=0.25),
        grid(40, 1e5),
        fl,
    )
    run(
        "PiecewiseConstantDecay",
        dict(boundaries=[10.0, 20.0], values=[1.0, 0.5, 0.1]),
        grid(25, 9.5, 10.5, 20.001, 100),
        fl,
    )
    run("PiecewiseConstantDecay", dict(boundaries=[3.0], values=[0.2, 0.02]), grid(8), fl)

    if "--chapter2" in sys.argv:
        return
    for cycle in (False, True):
        for power in (1.0, 3.0):
            run(
                "PolynomialDecay",
                dict(
                    initial_learning_rate=0.1,
                    decay_steps=10,
                    end_learning_rate=1e-4,
                    power=power,
                    cycle=cycle,
                ),
                grid(45, 4.5, 1001),
                fl,
            )
    run(
        "PolynomialDecay",
        dict(initial_learning_rate=0.1, decay_steps=50, end_learning_rate=0.0, power=2.0),
        grid(60),
        fl,
    )
    for alpha in (0.0, 0.1):
        run(
            "CosineDecay",
            dict(initial_learning_rate=0.1, decay_steps=50, alpha=alpha),
            grid(60, 12.5, 1000),
            fl,
        )
    run(
        "CosineDecay",
        dict(
            initial_learning_rate=0.0,
            decay_steps=40,
            alpha=0.0,
            warmup_target=0.1,
            warmup_steps=10,
        ),
        grid(60, 2.5, 1000),
        fl,
    )
    run(
        "CosineDecay",
        dict(
            initial_learning_rate=0.01,
            decay_steps=20,
            alpha=0.05,
            warmup_target=0.2,
            warmup_steps=5,
        ),
        grid(35, 4.999),
        fl,
    )
    for t_mul, m_mul, alpha in (
        (2.0, 1.0, 0.0),
        (1.0, 1.0, 0.1),
        (2.0, 0.5, 0.1),
        (1.5, 0.8, 0.0),
    ):
        run(
            "CosineDecayRestarts",
            dict(
                initial_learning_rate=0.1,
                first_decay_steps=10,
                t_mul=t_mul,
                m_mul=m_mul,
                alpha=alpha,
            ),
            grid(80, 9.5, 29.75, 155),
            fl,
        )

    # ReduceLROnPlateau callback, driven epoch by epoch.
    from keras.callbacks import ReduceLROnPlateau

    def plateau(params, metrics, lr=0.1):
        opt = keras.optimizers.SGD(learning_rate=lr)
        assert str(opt.learning_rate.dtype) == "float64"

        class _Model:
            pass

        model = _Model()
        model.optimizer = opt
        cb = ReduceLROnPlateau(**params)
        cb._model = model
        cb.on_train_begin()
        lrs = []
        for epoch, m in enumerate(metrics):
            cb.on_epoch_end(epoch, {params.get("monitor", "val_loss"): float(m)})
            lrs.append(float(np.asarray(opt.learning_rate)))
        CASES.append(
            {
                "library": "keras",
                "name": "ReduceLROnPlateau",
                "kind": "plateau",
                "params": dict(params, lr=lr),
                "metrics": [float(m) for m in metrics],
                "values": lrs,
            }
        )

    for params, metrics in _plateau_scenarios("keras"):
        plateau(params, metrics)


def _plateau_scenarios(lib):
    rng = np.random.default_rng(20240611)
    flat = [1.0] * 30
    noisy = list(np.round(1.0 + 0.05 * rng.standard_normal(60).cumsum() * 0.1, 4))
    down_then_flat = [
        1.0,
        0.9,
        0.8,
        0.8,
        0.8,
        0.8,
        0.8,
        0.79999,
        0.8,
        0.8,
        0.8,
        0.8,
        0.8,
        0.7,
        0.7,
        0.7,
        0.7,
        0.7,
        0.7,
        0.7,
        0.7,
        0.7,
    ]
    rising = [0.1, 0.2, 0.3, 0.3, 0.3, 0.3, 0.3, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35]
    if lib == "keras":
        yield dict(monitor="val_loss", factor=0.5, patience=2), flat
        yield dict(monitor="val_loss", factor=0.5, patience=0), flat[:10]
        yield dict(monitor="val_loss", factor=0.1, patience=3, min_delta=0.0), down_then_flat
        yield (
            dict(
                monitor="val_loss", factor=0.5, patience=2, min_delta=0.05, cooldown=2, min_lr=0.01
            ),
            noisy,
        )
        yield dict(monitor="val_loss", factor=0.2, patience=1, cooldown=3, min_lr=0.003), flat
        yield dict(monitor="val_acc", mode="max", factor=0.5, patience=2, min_delta=0.01), rising
        yield dict(monitor="val_loss", mode="auto", factor=0.5, patience=1), down_then_flat
    else:
        yield dict(factor=0.5, patience=2), flat
        yield dict(factor=0.5, patience=0), flat[:10]
        yield dict(factor=0.1, patience=3, threshold=0.0), down_then_flat
        yield dict(factor=0.1, patience=3, threshold=1e-4, threshold_mode="rel"), down_then_flat
        yield (
            dict(
                factor=0.5,
                patience=2,
                threshold=0.05,
                threshold_mode="abs",
                cooldown=2,
                min_lr=0.01,
            ),
            noisy,
        )
        yield dict(factor=0.2, patience=1, cooldown=3, min_lr=0.003), flat
        yield dict(factor=0.5, patience=1, min_lr=0.09, eps=1e-8), flat[:8]
        yield dict(factor=0.5, patience=1, eps=0.02), flat[:12]
        yield dict(mode="max", factor=0.5, patience=2, threshold=0.01), rising
        yield (
            dict(mode="max", factor=0.5, patience=2, threshold=0.01, threshold_mode="abs"),
            rising,
        )


# ------------------------------------------------------------------------ torch
def torch_cases():
    import warnings

    import torch
    from torch.optim import lr_scheduler as L

    def make_opt(lr, momentum=0.0, adam=False):
        p = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
        if adam:
            return torch.optim.Adam([p], lr=lr)
        return torch.optim.SGD([p], lr=lr, momentum=momentum)

    def build(name, params, opt):
        kw = dict(params)
        kw.pop("lr", None)
        if name == "LambdaLR":
            kw["lr_lambda"] = eval(kw["lr_lambda"])  # noqa: S307 - strings written below
        if name == "SequentialLR":
            kw["schedulers"] = [build(n, dict(p), opt) for n, p in kw["schedulers"]]
        return getattr(L, name)(opt, **kw)

    def run(name, params, n, momentum=False, epochs=None):
        opt = make_opt(params.get("lr", 0.1), momentum=0.9 if momentum else 0.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # deprecation notice for step(epoch)
            sched = build(name, params, opt)
            lrs = [opt.param_groups[0]["lr"]]
            moms = [opt.param_groups[0]["momentum"]]
            steps = [0]
            if epochs is None:
                for k in range(1, n + 1):
                    opt.step()
                    sched.step()
                    lrs.append(opt.param_groups[0]["lr"])
                    moms.append(opt.param_groups[0]["momentum"])
                    steps.append(k)
            else:
                lrs, moms, steps = [], [], []
                for e in epochs:
                    opt.step()
                    sched.step(e)
                    lrs.append(opt.param_groups[0]["lr"])
                    steps.append(e)
        extra = {"momentum": [float(m) for m in moms]} if momentum else {}
        if epochs is not None:
            extra["stepping"] = "epoch_argument"
        add("torch", name, params, steps, lrs, **extra)

    run("StepLR", dict(lr=0.1, step_size=10, gamma=0.5), 35)
    run("StepLR", dict(lr=0.1, step_size=1), 20)
    run("StepLR", dict(lr=0.05, step_size=3, gamma=2.0), 20)
    run("MultiStepLR", dict(lr=0.1, milestones=[30, 80], gamma=0.1), 100)
    run("MultiStepLR", dict(lr=0.1, milestones=[5, 5, 12], gamma=0.5), 20)
    run("MultiStepLR", dict(lr=1.0, milestones=[10, 3], gamma=0.3), 15)
    run("MultiStepLR", dict(lr=1.0, milestones=[0, 4]), 8)
    run("ExponentialLR", dict(lr=0.1, gamma=0.95), 60)
    run("ExponentialLR", dict(lr=1.0, gamma=0.5), 40)
    if "--chapter2" in sys.argv:
        return

    for T, eta_min in ((10, 0.0), (50, 0.001), (7, 0.01), (100, 0.0)):
        run("CosineAnnealingLR", dict(lr=0.1, T_max=T, eta_min=eta_min), 5 * T + 3)
    for T0, Tm, eta in ((10, 1, 0.0), (10, 2, 0.001), (3, 3, 0.0), (5, 1, 0.01)):
        run("CosineAnnealingWarmRestarts", dict(lr=0.1, T_0=T0, T_mult=Tm, eta_min=eta), 150)
    # Fractional epochs passed to step(epoch), the documented per-batch use.
    run(
        "CosineAnnealingWarmRestarts",
        dict(lr=0.1, T_0=10, T_mult=2, eta_min=0.0),
        0,
        epochs=[0.0, 0.25, 4.5, 9.75, 10.0, 10.5, 29.9, 30.0, 30.25, 69.5, 70.0, 100.125],
    )
    run(
        "CosineAnnealingWarmRestarts",
        dict(lr=0.1, T_0=4, T_mult=1, eta_min=0.01),
        0,
        epochs=[0.0, 0.5, 3.99, 4.0, 4.5, 8.0, 13.25],
    )
    for mode, gamma in (("triangular", 1.0), ("triangular2", 1.0), ("exp_range", 0.99)):
        run(
            "CyclicLR",
            dict(lr=0.1, base_lr=0.001, max_lr=0.1, step_size_up=10, mode=mode, gamma=gamma),
            90,
            momentum=True,
        )
    run(
        "CyclicLR",
        dict(
            lr=0.1,
            base_lr=0.01,
            max_lr=0.05,
            step_size_up=4,
            step_size_down=12,
            base_momentum=0.7,
            max_momentum=0.95,
        ),
        70,
        momentum=True,
    )
    run(
        "CyclicLR",
        dict(
            lr=0.1, base_lr=0.01, max_lr=0.05, step_size_up=7, step_size_down=3, mode="triangular2"
        ),
        60,
        momentum=True,
    )
    run(
        "CyclicLR",
        dict(
            lr=0.1,
            base_lr=0.001,
            max_lr=0.006,
            step_size_up=5,
            mode="exp_range",
            gamma=0.9,
            cycle_momentum=False,
        ),
        40,
    )
    for three_phase in (False, True):
        for anneal in ("cos", "linear"):
            run(
                "OneCycleLR",
                dict(
                    lr=0.1,
                    max_lr=1.0,
                    total_steps=100,
                    anneal_strategy=anneal,
                    three_phase=three_phase,
                ),
                100,
                momentum=True,
            )
    run(
        "OneCycleLR",
        dict(
            lr=0.1,
            max_lr=0.5,
            epochs=4,
            steps_per_epoch=9,
            pct_start=0.25,
            div_factor=10.0,
            final_div_factor=100.0,
            base_momentum=0.8,
            max_momentum=0.9,
        ),
        36,
        momentum=True,
    )
    run(
        "OneCycleLR",
        dict(
            lr=0.1,
            max_lr=0.01,
            total_steps=17,
            pct_start=0.45,
            three_phase=True,
            anneal_strategy="linear",
        ),
        17,
        momentum=True,
    )
    run("LinearLR", dict(lr=0.1), 10)
    run("LinearLR", dict(lr=0.1, start_factor=0.1, end_factor=1.0, total_iters=20), 30)
    run("LinearLR", dict(lr=0.5, start_factor=1.0, end_factor=0.05, total_iters=7), 12)
    run("ConstantLR", dict(lr=0.1), 10)
    run("ConstantLR", dict(lr=0.1, factor=0.5, total_iters=4), 10)
    run("PolynomialLR", dict(lr=0.1), 10)
    run("PolynomialLR", dict(lr=0.1, total_iters=50, power=2.0), 60)
    run("PolynomialLR", dict(lr=0.2, total_iters=8, power=0.5), 12)
    run("LambdaLR", dict(lr=0.1, lr_lambda="lambda k: 0.95 ** k"), 30)
    run("LambdaLR", dict(lr=0.5, lr_lambda="lambda k: 1.0 / (1.0 + 0.1 * k)"), 30)
    run(
        "SequentialLR",
        dict(
            lr=0.1,
            schedulers=[
                ["LinearLR", {"start_factor": 0.1, "total_iters": 5}],
                ["ExponentialLR", {"gamma": 0.9}],
            ],
            milestones=[5],
        ),
        30,
    )
    run(
        "SequentialLR",
        dict(
            lr=0.1,
            schedulers=[
                ["ConstantLR", {"factor": 0.1, "total_iters": 2}],
                ["CosineAnnealingLR", {"T_max": 10}],
                ["StepLR", {"step_size": 3, "gamma": 0.5}],
            ],
            milestones=[3, 13],
        ),
        30,
    )
    run(
        "SequentialLR",
        dict(
            lr=0.2,
            schedulers=[
                ["LinearLR", {"start_factor": 0.5, "total_iters": 4}],
                ["PolynomialLR", {"total_iters": 6, "power": 2.0}],
                ["MultiStepLR", {"milestones": [2, 5]}],
            ],
            milestones=[4, 12],
        ),
        25,
    )

    def plateau(params, metrics, lr=0.1):
        opt = make_opt(lr)
        sched = L.ReduceLROnPlateau(opt, **params)
        lrs = []
        for m in metrics:
            sched.step(float(m))
            lrs.append(opt.param_groups[0]["lr"])
        CASES.append(
            {
                "library": "torch",
                "name": "ReduceLROnPlateau",
                "kind": "plateau",
                "params": dict(params, lr=lr),
                "metrics": [float(m) for m in metrics],
                "values": [float(v) for v in lrs],
            }
        )

    for params, metrics in _plateau_scenarios("torch"):
        plateau(params, metrics)


# ------------------------------------------------------------------------ optax
def optax_cases():
    import jax

    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    import optax

    def run(name, params, steps, build=None):
        sched = build() if build else getattr(optax, name)(**params)
        vals = []
        for s in steps:
            count = (
                jnp.asarray(int(s), dtype=jnp.int64)
                if float(s).is_integer()
                else jnp.asarray(float(s), dtype=jnp.float64)
            )
            out = jnp.asarray(sched(count))
            assert out.dtype == jnp.float64, (name, out.dtype)
            vals.append(float(out))
        add("optax", name, params, steps, vals)

    st = grid(40, 2.5, 100, 1000)
    run("constant_schedule", dict(value=0.1), [0, 1, 10, 1000])
    run("exponential_decay", dict(init_value=0.1, transition_steps=10, decay_rate=0.9), st)
    run(
        "exponential_decay",
        dict(init_value=0.1, transition_steps=10, decay_rate=0.9, staircase=True),
        st,
    )
    run(
        "exponential_decay",
        dict(init_value=0.1, transition_steps=5, decay_rate=0.5, transition_begin=7),
        st,
    )
    run(
        "exponential_decay",
        dict(
            init_value=0.1,
            transition_steps=5,
            decay_rate=0.5,
            transition_begin=3,
            staircase=True,
            end_value=0.01,
        ),
        st,
    )
    run(
        "exponential_decay",
        dict(init_value=0.01, transition_steps=4, decay_rate=1.5, end_value=0.1),
        st,
    )
    run(
        "piecewise_constant_schedule",
        dict(init_value=0.1, boundaries_and_scales={10: 0.5, 20: 0.1}),
        grid(30, 9.5, 10.5, 100),
    )
    run(
        "piecewise_constant_schedule",
        dict(init_value=1.0, boundaries_and_scales={5: 2.0}),
        grid(10),
    )
    run("piecewise_constant_schedule", dict(init_value=0.3), [0, 5, 100])
    if "--chapter2" in sys.argv:
        return
    for power in (1.0, 2.0, 0.5):
        run(
            "polynomial_schedule",
            dict(
                init_value=0.1,
                end_value=0.001,
                power=power,
                transition_steps=20,
                transition_begin=5,
            ),
            grid(40, 7.5),
        )
    run("linear_schedule", dict(init_value=0.0, end_value=0.1, transition_steps=10), grid(20))
    run(
        "linear_schedule",
        dict(init_value=0.1, end_value=0.01, transition_steps=30, transition_begin=10),
        grid(50),
    )
    for alpha, exponent in ((0.0, 1.0), (0.1, 1.0), (0.0, 2.0), (0.05, 0.5)):
        run(
            "cosine_decay_schedule",
            dict(init_value=0.1, decay_steps=50, alpha=alpha, exponent=exponent),
            grid(60, 12.5, 1000),
        )
    run(
        "warmup_cosine_decay_schedule",
        dict(init_value=0.0, peak_value=0.1, warmup_steps=10, decay_steps=50, end_value=0.001),
        grid(60, 2.5),
    )
    run(
        "warmup_cosine_decay_schedule",
        dict(
            init_value=0.01,
            peak_value=0.2,
            warmup_steps=5,
            decay_steps=25,
            end_value=0.0,
            exponent=2.0,
        ),
        grid(35),
    )
    run(
        "warmup_exponential_decay_schedule",
        dict(init_value=0.0, peak_value=0.1, warmup_steps=10, transition_steps=5, decay_rate=0.8),
        grid(50),
    )
    run(
        "warmup_exponential_decay_schedule",
        dict(
            init_value=0.01,
            peak_value=0.1,
            warmup_steps=4,
            transition_steps=3,
            decay_rate=0.5,
            transition_begin=2,
            staircase=True,
            end_value=0.02,
        ),
        grid(30),
    )
    run("warmup_constant_schedule", dict(init_value=0.0, peak_value=0.1, warmup_steps=8), grid(15))
    run("linear_onecycle_schedule", dict(transition_steps=100, peak_value=1.0), grid(110, 29.5))
    run(
        "linear_onecycle_schedule",
        dict(
            transition_steps=37,
            peak_value=0.5,
            pct_start=0.2,
            pct_final=0.7,
            div_factor=10.0,
            final_div_factor=100.0,
        ),
        grid(45),
    )
    run("cosine_onecycle_schedule", dict(transition_steps=100, peak_value=1.0), grid(110, 29.5))
    run(
        "cosine_onecycle_schedule",
        dict(
            transition_steps=23,
            peak_value=0.3,
            pct_start=0.4,
            div_factor=5.0,
            final_div_factor=50.0,
        ),
        grid(30),
    )
    for kind in ("linear", "cosine"):
        run(
            "piecewise_interpolate_schedule",
            dict(
                interpolate_type=kind,
                init_value=0.1,
                boundaries_and_scales={5: 2.0, 15: 0.1, 16: 1.0, 30: 0.5},
            ),
            grid(40, 7.5),
        )
    run(
        "piecewise_interpolate_schedule",
        dict(interpolate_type="linear", init_value=0.1, boundaries_and_scales={0: 3.0, 10: 0.5}),
        grid(15),
    )
    kwargs = [
        dict(init_value=0.0, peak_value=0.1, warmup_steps=5, decay_steps=20, end_value=0.001),
        dict(init_value=0.0, peak_value=0.05, warmup_steps=2, decay_steps=30, end_value=0.0),
        dict(init_value=0.01, peak_value=0.02, warmup_steps=0, decay_steps=10),
    ]
    run("sgdr_schedule", dict(cosine_kwargs=kwargs), grid(70))
    pieces = [
        ["linear_schedule", dict(init_value=0.0, end_value=0.1, transition_steps=10)],
        ["constant_schedule", dict(value=0.1)],
        ["cosine_decay_schedule", dict(init_value=0.1, decay_steps=30)],
    ]
    run(
        "join_schedules",
        dict(schedules=pieces, boundaries=[10, 25]),
        grid(70, 9.5, 10.5),
        build=lambda: optax.join_schedules([getattr(optax, n)(**p) for n, p in pieces], [10, 25]),
    )


def main():
    which = [a for a in sys.argv[1:] if not a.startswith("--")] or [
        "tf",
        "keras",
        "torch",
        "optax",
    ]
    for lib in which:
        {"tf": tf_cases, "keras": keras_cases, "torch": torch_cases, "optax": optax_cases}[lib]()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(CASES, indent=1) + "\n")
    counts = {}
    for c in CASES:
        counts[c["library"]] = counts.get(c["library"], 0) + 1
    print(f"wrote {len(CASES)} cases to {OUT}: {counts}")


if __name__ == "__main__":
    main()
