"""Generate tests/fixtures/schedule_free_reference.json.

References for :func:`lrcourse.optim.schedule_free_sgd`, from

* the authors' ``SGDScheduleFree`` (package ``schedulefree`` 1.4.1, PyTorch,
  float64 tensors), for every option: warmup, ``r``, ``weight_lr_power``,
  ``weight_decay``, several ``momentum`` (lrcourse's ``beta``);
* optax's ``contrib.schedule_free_sgd`` (float64, ``jax_enable_x64``) for a
  constant rate, with and without a warmup (with a warmup optax counts the
  weight's rate one step ahead, so those runs are expected to differ from the
  authors' code: the test checks that it does).

Run with an environment that has torch 2.13.0, schedulefree 1.4.1 and optax
(none of them is a dependency of lrcourse)::

    python scripts/reference/make_schedule_free_fixtures.py

Each case runs 60 updates on a 2-D quadratic f(x) = x^T A x / 2 with a fixed
A (the gradient is computed here in NumPy and handed to the framework, so
only the update rule is compared). For each update it stores y (the
parameters the optimiser holds in train mode) and x (the evaluation point:
``optimizer.eval()`` for the authors' code, ``schedule_free_eval_params`` for
optax).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

STEPS = 60
OUT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "schedule_free_reference.json"
A = np.array([[3.0, 0.5], [0.5, 1.0]])
X0 = [1.5, -2.0]

AUTHORS_CASES = [
    {"lr": 0.1},
    {"lr": 0.3, "momentum": 0.5},
    {"lr": 0.1, "warmup_steps": 10},
    {"lr": 0.2, "warmup_steps": 5, "weight_lr_power": 0.0},
    {"lr": 0.05, "r": 1.0},
    {"lr": 0.1, "warmup_steps": 8, "r": 0.5, "weight_lr_power": 1.0},
    {"lr": 0.1, "weight_decay": 0.05},
    {"lr": 0.1, "momentum": 0.98, "warmup_steps": 3},
]
OPTAX_CASES = [
    {"learning_rate": 0.1},
    {"learning_rate": 0.3, "b1": 0.5},
    {"learning_rate": 0.1, "warmup_steps": 10},
]


def grad(x):
    return A @ x


def authors(params):
    import torch
    from schedulefree import SGDScheduleFree

    p = torch.nn.Parameter(torch.tensor(X0, dtype=torch.float64))
    opt = SGDScheduleFree([p], foreach=False, **params)
    ys, xs = [list(X0)], [list(X0)]
    opt.train()
    for _ in range(STEPS):
        p.grad = torch.tensor(grad(p.detach().numpy().copy()), dtype=torch.float64)
        opt.step()
        ys.append(p.detach().numpy().tolist())
        opt.eval()
        xs.append(p.detach().numpy().tolist())
        opt.train()
    return ys, xs


def optax_run(params):
    import jax

    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    import optax
    from optax.contrib import schedule_free_eval_params, schedule_free_sgd

    opt = schedule_free_sgd(**params)
    y = jnp.asarray(X0, dtype=jnp.float64)
    state = opt.init(y)
    ys, xs = [list(X0)], [list(X0)]
    for _ in range(STEPS):
        g = jnp.asarray(grad(np.asarray(y)), dtype=jnp.float64)
        updates, state = opt.update(g, state, y)
        y = optax.apply_updates(y, updates)
        ys.append(np.asarray(y).tolist())
        xs.append(np.asarray(schedule_free_eval_params(state, y)).tolist())
    return ys, xs


def main():
    from importlib import metadata

    import optax
    import torch

    cases = []
    for params in AUTHORS_CASES:
        ys, xs = authors(params)
        cases.append({"library": "schedulefree", "params": params, "y": ys, "x": xs})
    for params in OPTAX_CASES:
        ys, xs = optax_run(params)
        cases.append({"library": "optax", "params": params, "y": ys, "x": xs})
    data = {
        "versions": {"torch": torch.__version__, "schedulefree": metadata.version("schedulefree"),
                     "optax": optax.__version__},
        "A": A.tolist(), "x0": X0, "steps": STEPS, "cases": cases,
    }
    OUT.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
