"""Write tests/fixtures/compat_edge_reference.json: what the frameworks really do at the edges.

Run with a reference environment (NOT a project dependency)::

    python3 -m venv /tmp/refenv && /tmp/refenv/bin/pip install torch==2.13.0 optax numpy
    /tmp/refenv/bin/python scripts/reference/make_compat_edge_fixtures.py

Each case is a configuration that the framework *accepts* although the
native lrcourse API refuses it (optax falling back to a constant, PyTorch's
``ConstantLR`` with ``total_iters=0``, momentum bounds above 1, a scalar-only
``LambdaLR``), with the values the framework gives. ``lrcourse.compat`` must
reproduce them and emit a ``FrameworkBehaviourWarning`` where the behaviour
is surprising (``"warns": true``). Cases where the framework *raises* are
recorded with ``"raises"`` (the exception's type name) so that the tests can
check that compat refuses them too.

PyTorch values are ``optimizer.param_groups[0][key]`` after ``k`` calls of
``scheduler.step()`` (``optimizer.step()`` first, as PyTorch asks). optax
runs with ``jax_enable_x64`` and int64 counts.
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "compat_edge_reference.json"
STEPS = list(range(24))


def torch_case(name, params, key="lr", warns=True, lr=0.1, lambda_src=None):
    import torch
    from torch.optim import lr_scheduler

    p = [torch.nn.Parameter(torch.zeros(1))]
    opt = torch.optim.SGD(p, lr=lr, momentum=0.9)
    kw = dict(params)
    if lambda_src is not None:
        kw["lr_lambda"] = eval(lambda_src, {"math": math})  # the script's own literal source
    case = {"library": "torch", "name": name, "params": params, "lr": lr, "key": key,
            "steps": STEPS, "warns": warns}
    if lambda_src is not None:
        case["lambda"] = lambda_src
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sched = getattr(lr_scheduler, name)(opt, **kw)
            values = []
            for _ in STEPS:
                values.append(float(opt.param_groups[0][key]))
                opt.step()
                sched.step()
    except Exception as exc:  # noqa: BLE001 - the type is what is recorded
        case["raises"] = type(exc).__name__
        return case
    case["values"] = values
    return case


def optax_case(name, params, warns=True):
    import jax
    import optax

    jax.config.update("jax_enable_x64", True)
    case = {"library": "optax", "name": name, "params": params, "steps": STEPS, "warns": warns}
    kw = dict(params)
    if "boundaries_and_scales" in kw:
        kw["boundaries_and_scales"] = {int(k): v for k, v in kw["boundaries_and_scales"].items()}
    sched = getattr(optax, name)(**kw)
    counts = np.asarray(STEPS, dtype=np.int64)
    case["values"] = [float(v) for v in np.broadcast_to(np.asarray(sched(counts)), counts.shape)]
    return case


def main() -> None:
    import optax
    import torch

    cases = [
        # optax: constant fallbacks (a log message only), begin clamped to 0.
        optax_case("exponential_decay", {"init_value": 0.1, "transition_steps": 0,
                                         "decay_rate": 0.5}),
        optax_case("exponential_decay", {"init_value": 0.1, "transition_steps": -3,
                                         "decay_rate": 0.5}),
        optax_case("exponential_decay", {"init_value": 0.1, "transition_steps": 10,
                                         "decay_rate": 0.0}),
        optax_case("exponential_decay", {"init_value": 0.1, "transition_steps": 4,
                                         "decay_rate": 0.5, "transition_begin": -5}),
        optax_case("polynomial_schedule", {"init_value": 0.1, "end_value": 0.01, "power": 2,
                                           "transition_steps": 0}),
        optax_case("polynomial_schedule", {"init_value": 0.1, "end_value": 0.01, "power": 2,
                                           "transition_steps": 5, "transition_begin": -3}),
        optax_case("linear_schedule", {"init_value": 0.01, "end_value": 0.1,
                                       "transition_steps": 0}),
        optax_case("warmup_constant_schedule", {"init_value": 0.01, "peak_value": 0.1,
                                                "warmup_steps": 0}),
        optax_case("warmup_exponential_decay_schedule", {"init_value": 0.0, "peak_value": 0.1,
                                                         "warmup_steps": 0, "transition_steps": 5,
                                                         "decay_rate": 0.5}, warns=False),
        # optax: values the native API refuses.
        optax_case("piecewise_constant_schedule", {"init_value": -0.1,
                                                   "boundaries_and_scales": {"5": 0.5, "9": 0.1}}),
        optax_case("piecewise_constant_schedule", {"init_value": 0.0,
                                                   "boundaries_and_scales": {"5": 0.5}}),
        optax_case("warmup_cosine_decay_schedule", {"init_value": 0.0, "peak_value": 0.1,
                                                    "warmup_steps": 4, "decay_steps": 20,
                                                    "end_value": -0.01}),
        optax_case("warmup_cosine_decay_schedule", {"init_value": 0.0, "peak_value": 0.1,
                                                    "warmup_steps": 4, "decay_steps": 20,
                                                    "end_value": 0.2}),
        # PyTorch: accepted configurations.
        torch_case("ConstantLR", {"factor": 0.5, "total_iters": 0}),
        torch_case("LinearLR", {"start_factor": 0.25, "total_iters": 0}),
        torch_case("PolynomialLR", {"total_iters": 0, "power": 2.0}),
        torch_case("CyclicLR", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4,
                                "base_momentum": 0.9, "max_momentum": 1.5}, key="momentum"),
        torch_case("CyclicLR", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4,
                                "base_momentum": 0.9, "max_momentum": 1.5}, warns=False),
        torch_case("OneCycleLR", {"max_lr": 0.1, "total_steps": 30, "max_momentum": 1.5},
                   key="momentum"),
        torch_case("OneCycleLR", {"max_lr": 0.1, "total_steps": 30, "base_momentum": 0.9,
                                  "max_momentum": 1.2, "three_phase": True}, key="momentum"),
        torch_case("LambdaLR", {}, warns=False, lambda_src="lambda e: min(1.0, (e + 1) / 5)"),
        torch_case("LambdaLR", {}, warns=False, lambda_src="lambda e: 1.0 if e < 7 else 0.1"),
        torch_case("LambdaLR", {}, warns=False, lambda_src="lambda e: math.exp(-0.1 * e)"),
        # PyTorch: rejected configurations (it fails, so compat must refuse).
        torch_case("StepLR", {"step_size": 0}),
        torch_case("CosineAnnealingLR", {"T_max": 0}),
        torch_case("ConstantLR", {"factor": 0.0, "total_iters": 2}),
    ]
    OUT.write_text(json.dumps({
        "versions": {"torch": torch.__version__, "optax": optax.__version__,
                     "python": sys.version.split()[0]},
        "cases": cases,
    }, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
