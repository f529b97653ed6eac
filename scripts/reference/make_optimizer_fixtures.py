"""Generate tests/fixtures/optim_reference.json from torch.optim and Keras 3.

Run with the reference environment (torch, keras and tensorflow are NOT
lrcourse dependencies)::

    /work/refenv/bin/python scripts/reference/make_optimizer_fixtures.py

Versions used for the committed file are stored in it ("versions").

How the references are made
---------------------------
* Each case runs one optimiser for ``STEPS`` updates on one landscape. The
  gradient is computed here in NumPy (formulas below, written in the same
  operation order as ``lrcourse.landscapes``) and handed to the framework as
  ``p.grad`` (PyTorch) or to ``apply_gradients`` (Keras), so the comparison
  isolates the optimiser's update rule from autodiff round-off.
* PyTorch: float64 tensors, ``foreach=False`` (the single-tensor code path,
  which is also what CPU tensors use by default). A scheduler, when present,
  is stepped after every ``opt.step()``; the rate and momentum used by each
  update are recorded from ``param_groups`` before the update.
* Keras 3 with the TensorFlow backend, float64 variables and
  ``keras.config.set_floatx("float64")``. Without the latter the optimiser
  stores a float learning rate in a float32 variable (0.1 becomes
  0.10000000149011612) and trajectories differ from float64 arithmetic at
  about 1e-8 relative: a float32 issue, not a semantic one. The optimiser's
  slot variables take the dtype of the parameter variable, so they are
  float64 in any case (asserted below).
* Even then Keras rounds some hyperparameters to float32: ``ops.cast(0.9,
  "float64")`` goes through a float32 tensor. This hits SGD's ``momentum``,
  every ``weight_decay`` and the betas inside Adam's bias corrections
  (``rho``, ``epsilon`` and the moment updates stay exact). That is real
  Keras behaviour, so the references keep it and
  ``lrcourse.compat.optimizer_from_keras`` reproduces it.
* Keras schedules compute in the dtype of their first argument (float32 for
  a Python float); they are given np.float64 arguments here.
* Rows 0, STRIDE, 2*STRIDE, ..., STEPS of each trajectory are stored (row 0
  is x0), as repr-exact floats.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402

STEPS = 100
STRIDE = 4
OUT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "optim_reference.json"


# ---------------------------------------------------------------- landscapes
def grad_rippled_bowl(x):
    v = float(x[0])
    return np.array(
        [0.045 * v - math.sin(v) + math.cos(3 * v) - math.sin(5 * v) + math.cos(7 * v)]
    )


QUAD_A = np.diag([1.0, 20.0])  # quadratic(condition_number=20.0): curvatures 1 and 20


def grad_quadratic(x):
    return x @ QUAD_A


def grad_rosenbrock(p, a=1.0, b=100.0):
    x, y = p[..., 0], p[..., 1]
    r = y - x * x
    return np.stack([-2 * (a - x) - 4 * b * x * r, 2 * b * r], axis=-1)


LANDSCAPES = {
    # name: (gradient, x0, lrcourse spec)
    "rippled_bowl": (grad_rippled_bowl, [-20.0], {"factory": "rippled_bowl", "kwargs": {}}),
    "quadratic": (
        grad_quadratic,
        [2.0, 1.0],
        {"factory": "quadratic", "kwargs": {"condition_number": 20.0, "dim": 2}},
    ),
    "rosenbrock": (grad_rosenbrock, [-1.5, 2.0], {"factory": "rosenbrock", "kwargs": {}}),
}

# Learning rates per (family, landscape): stable, non-chaotic runs.
LR = {
    "sgd": {"rippled_bowl": 0.05, "quadratic": 0.05, "rosenbrock": 2e-4},
    "mom": {"rippled_bowl": 0.02, "quadratic": 0.02, "rosenbrock": 1e-4},
    "adagrad": {"rippled_bowl": 0.5, "quadratic": 0.5, "rosenbrock": 0.1},
    "rmsprop": {"rippled_bowl": 0.05, "quadratic": 0.05, "rosenbrock": 0.005},
    "adam": {"rippled_bowl": 0.1, "quadratic": 0.1, "rosenbrock": 0.02},
    "adadelta": {"rippled_bowl": 1.0, "quadratic": 1.0, "rosenbrock": 1.0},
}

# (library, class name, family, extra params)
TORCH_CASES = [
    ("SGD", "sgd", {}),
    ("SGD", "sgd", {"weight_decay": 0.1}),
    ("SGD", "mom", {"momentum": 0.9}),
    ("SGD", "mom", {"momentum": 0.9, "dampening": 0.5}),
    ("SGD", "mom", {"momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("Adagrad", "adagrad", {}),
    ("Adagrad", "adagrad", {"lr_decay": 0.01, "initial_accumulator_value": 0.1,
                            "eps": 1e-6, "weight_decay": 0.01}),
    ("RMSprop", "rmsprop", {}),
    ("RMSprop", "rmsprop", {"alpha": 0.9, "centered": True}),
    ("RMSprop", "rmsprop", {"momentum": 0.5}),
    ("RMSprop", "rmsprop", {"centered": True, "momentum": 0.5, "weight_decay": 0.01,
                            "eps": 1e-6}),
    ("Adam", "adam", {}),
    ("Adam", "adam", {"betas": [0.8, 0.9], "amsgrad": True}),
    ("Adam", "adam", {"weight_decay": 0.1}),
    ("AdamW", "adam", {}),
    ("AdamW", "adam", {"weight_decay": 0.1, "amsgrad": True}),
    ("Adadelta", "adadelta", {}),
    ("Adadelta", "adadelta", {"rho": 0.95, "eps": 1e-4, "weight_decay": 0.01}),
    ("RAdam", "adam", {}),
    ("RAdam", "adam", {"betas": [0.9, 0.99], "weight_decay": 0.1,
                       "decoupled_weight_decay": True}),
]

KERAS_CASES = [
    ("SGD", "sgd", {}),
    ("SGD", "mom", {"momentum": 0.9}),
    ("SGD", "mom", {"momentum": 0.9, "nesterov": True}),
    ("SGD", "mom", {"momentum": 0.9, "weight_decay": 0.1}),
    ("Adagrad", "adagrad", {}),
    ("Adagrad", "adagrad", {"initial_accumulator_value": 0.0, "epsilon": 1e-4}),
    ("RMSprop", "rmsprop", {}),
    ("RMSprop", "rmsprop", {"centered": True}),
    ("RMSprop", "rmsprop", {"momentum": 0.5, "rho": 0.95}),
    ("Adam", "adam", {}),
    ("Adam", "adam", {"amsgrad": True, "beta_2": 0.9, "epsilon": 1e-3}),
    ("AdamW", "adam", {}),
    ("AdamW", "adam", {"weight_decay": 0.1}),
]


def rows(traj):
    return [list(map(float, traj[i])) for i in range(0, STEPS + 1, STRIDE)]


# ------------------------------------------------------------------ PyTorch
def torch_run(name, params, grad, x0, scheduler=None):
    import torch

    p = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    kwargs = dict(params)
    if "betas" in kwargs:
        kwargs["betas"] = tuple(kwargs["betas"])
    opt = getattr(torch.optim, name)([p], foreach=False, **kwargs)
    sched = None
    if scheduler is not None:
        sname, skw = scheduler
        sched = getattr(torch.optim.lr_scheduler, sname)(opt, **skw)
    traj = [p.detach().numpy().copy()]
    lrs, moms = [], []
    for _ in range(STEPS):
        g = grad(p.detach().numpy().copy())
        p.grad = torch.tensor(g, dtype=torch.float64)
        group = opt.param_groups[0]
        lrs.append(float(group["lr"]))
        if "momentum" in group:
            moms.append(float(group["momentum"]))
        elif "betas" in group:
            moms.append(float(group["betas"][0]))
        opt.step()
        if sched is not None:
            sched.step()
        traj.append(p.detach().numpy().copy())
    return np.array(traj), lrs, moms


# -------------------------------------------------------------------- Keras
def keras_run(name, params, grad, x0, schedule=None):
    import keras

    keras.config.set_floatx("float64")
    kwargs = dict(params)
    if schedule is not None:
        sname, skw = schedule
        # Keras schedules compute in the dtype of their first argument:
        # float32 for a Python float (even with floatx float64). np.float64
        # arguments keep them in float64, the semantics lrcourse models.
        skw = {k: np.float64(v) if isinstance(v, float) else v for k, v in skw.items()}
        kwargs["learning_rate"] = getattr(keras.optimizers.schedules, sname)(**skw)
    opt = getattr(keras.optimizers, name)(**kwargs)
    var = keras.Variable(np.array(x0, dtype=np.float64), dtype="float64")
    opt.build([var])
    assert all(v.dtype == "float64" for v in opt.variables if "iteration" not in v.path), [
        (v.path, v.dtype) for v in opt.variables
    ]
    traj = [np.array(var.numpy())]
    lrs = []
    for _ in range(STEPS):
        g = grad(np.array(var.numpy()))
        lr_now = opt.learning_rate
        assert np.asarray(lr_now).dtype == np.float64, np.asarray(lr_now).dtype
        lrs.append(float(np.asarray(lr_now)))
        opt.apply_gradients([(keras.ops.convert_to_tensor(g, dtype="float64"), var)])
        traj.append(np.array(var.numpy()))
    assert var.dtype == "float64"
    return np.array(traj), lrs


def main():
    import keras
    import tensorflow as tf
    import torch

    cases = []
    for land, (grad, x0, spec) in LANDSCAPES.items():
        for name, fam, extra in TORCH_CASES:
            params = {"lr": LR[fam][land], **extra}
            traj, _, _ = torch_run(name, params, grad, x0)
            cases.append({"library": "torch", "name": name, "params": params,
                          "landscape": spec, "x0": x0, "x": rows(traj)})
        for name, fam, extra in KERAS_CASES:
            params = {"learning_rate": LR[fam][land], **extra}
            traj, _ = keras_run(name, params, grad, x0)
            cases.append({"library": "keras", "name": name, "params": params,
                          "landscape": spec, "x0": x0, "x": rows(traj)})

    # Runs with schedules attached (quadratic and rippled_bowl landscapes).
    sched_cases = [
        ("SGD", {"lr": 0.05, "momentum": 0.9}, ("StepLR", {"step_size": 20, "gamma": 0.5})),
        ("Adam", {"lr": 0.1}, ("StepLR", {"step_size": 30, "gamma": 0.3})),
        ("SGD", {"lr": 0.05, "momentum": 0.9},
         ("OneCycleLR", {"max_lr": 0.08, "total_steps": STEPS, "pct_start": 0.3,
                         "base_momentum": 0.85, "max_momentum": 0.95})),
        ("Adam", {"lr": 0.1},
         ("OneCycleLR", {"max_lr": 0.2, "total_steps": STEPS, "pct_start": 0.25,
                         "div_factor": 10.0, "final_div_factor": 100.0})),
        ("RMSprop", {"lr": 0.05, "momentum": 0.5},
         ("OneCycleLR", {"max_lr": 0.05, "total_steps": STEPS, "anneal_strategy": "linear",
                         "cycle_momentum": False})),
    ]
    for land in ("quadratic", "rippled_bowl"):
        grad, x0, spec = LANDSCAPES[land]
        for name, params, sched in sched_cases:
            traj, lrs, moms = torch_run(name, params, grad, x0, scheduler=sched)
            cases.append({"library": "torch", "name": name, "params": params,
                          "scheduler": {"name": sched[0], "params": sched[1]},
                          "landscape": spec, "x0": x0, "x": rows(traj),
                          "lr": lrs, "momentum": moms})
        keras_scheds = [
            ("SGD", {"momentum": 0.9},
             ("ExponentialDecay", {"initial_learning_rate": 0.05, "decay_steps": 10,
                                   "decay_rate": 0.5, "staircase": True})),
            ("Adam", {},
             ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 25,
                                   "decay_rate": 0.7, "staircase": False})),
        ]
        for name, params, sched in keras_scheds:
            traj, lrs = keras_run(name, params, grad, x0, schedule=sched)
            cases.append({"library": "keras", "name": name, "params": params,
                          "scheduler": {"name": sched[0], "params": sched[1]},
                          "landscape": spec, "x0": x0, "x": rows(traj), "lr": lrs})

    doc = {
        "generated_by": "scripts/reference/make_optimizer_fixtures.py",
        "versions": {"torch": torch.__version__, "keras": keras.__version__,
                     "tensorflow": tf.__version__, "numpy": np.__version__,
                     "python": sys.version.split()[0]},
        "steps": STEPS,
        "stride": STRIDE,
        "cases": cases,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    print(f"wrote {len(cases)} cases to {OUT} ({OUT.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
