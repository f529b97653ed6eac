"""compat.port: the closest call in another framework, and exactly how close it is.

Every port that `port` calls identical is checked against the values the
source framework itself gave (tests/fixtures/schedules_reference.json), and
ported back. Known differences are reported at the right step.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest

from lrcourse import compat
from lrcourse.compat import port
from lrcourse.corner import Call

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "schedules_reference.json").read_text())
TARGETS = ("tf", "keras", "torch", "optax")


def _call(case) -> Call:
    params = dict(case["params"])
    if "boundaries_and_scales" in params and params["boundaries_and_scales"] is not None:
        params["boundaries_and_scales"] = {int(k): v for k, v in params["boundaries_and_scales"].items()}
    if case["name"] in ("SequentialLR", "join_schedules"):
        key = "schedulers" if case["name"] == "SequentialLR" else "schedules"
        params[key] = [(n, p) for n, p in params[key]]
    return Call(case["library"], case["name"], params)


CASES = [
    c for c in FIXTURE
    if c.get("kind") is None and c.get("dtype") is None and "momentum" not in c
    and c["name"] not in ("LambdaLR", "noisy_linear_cosine_decay")
]


def _ports(case):
    steps = [int(s) for s in case["steps"] if float(s).is_integer()]
    rng = range(0, max(steps) + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", compat.FrameworkBehaviourWarning)
        return {to: port(_call(case), to, steps=rng) for to in TARGETS if to != case["library"]}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['library']}.{c['name']}")
def test_identical_ports_give_the_source_frameworks_own_values(case):
    steps = np.asarray(case["steps"], dtype=float)
    keep = steps == np.floor(steps)
    want = np.asarray(case["values"])[keep]
    for to, result in _ports(case).items():
        if result.identical:
            got = result.target.schedule(steps[keep])
            np.testing.assert_allclose(got, want, rtol=1e-11, atol=1e-15, err_msg=f"-> {to}")
            back = port(result.target, case["library"], steps=result.steps)
            assert back.identical, (to, back.report())
        else:
            assert result.first_difference in result.steps
            assert result.target is not None or result.note
        if result.fallback is not None:
            compile(result.fallback, "<fallback>", "exec")


# Ports that must be exact, and the ones that differ, where and why.
EXACT = [
    ("torch:StepLR(lr=0.1, step_size=30, gamma=0.5)", ("tf", "keras", "optax")),
    ("torch:MultiStepLR(lr=0.1, milestones=[30, 80], gamma=0.1)", ("tf", "keras", "optax")),
    ("tf:piecewise_constant(boundaries=[10, 20], values=[0.1, 0.01, 0.001])",
     ("keras", "torch", "optax")),
    ("tf:piecewise_constant(boundaries=[10, 20], values=[0.1, 0.05, 0.01])", ("keras", "optax")),
    ("keras:ExponentialDecay(0.1, 1000, 0.96)", ("tf", "torch", "optax")),
    ("keras:ExponentialDecay(0.1, 1000, 0.96, staircase=True)", ("tf", "torch", "optax")),
    ("keras:PolynomialDecay(0.1, 100, end_learning_rate=0.0, power=2.0)", ("tf", "torch", "optax")),
    ("keras:PolynomialDecay(0.1, 100, end_learning_rate=0.01)", ("tf", "torch", "optax")),
    ("keras:CosineDecay(0.1, 1000, alpha=0.01)", ("tf", "torch", "optax")),
    ("torch:CosineAnnealingWarmRestarts(lr=0.1, T_0=10, T_mult=2, eta_min=0.001)",
     ("tf", "keras")),
    ("keras:CosineDecayRestarts(0.1, 10, t_mul=2.0, m_mul=0.5)", ("tf", "optax")),
    ("optax:warmup_cosine_decay_schedule(0.001, 0.1, 10, 100, 0.001)", ("keras",)),
    ("keras:CosineDecay(0.001, 90, alpha=0.01, warmup_target=0.1, warmup_steps=10)", ("optax",)),
    ("torch:SequentialLR(lr=0.1, schedulers=[('LinearLR', {'start_factor': 0.1, "
     "'total_iters': 5}), ('ExponentialLR', {'gamma': 0.9})], milestones=[5])", ("optax",)),
    ("optax:join_schedules(schedules=[('linear_schedule', {'init_value': 0.01, 'end_value': 0.1, "
     "'transition_steps': 5}), ('cosine_decay_schedule', {'init_value': 0.1, 'decay_steps': 20})], "
     "boundaries=[5])", ("keras",)),
]


@pytest.mark.parametrize(("source", "targets"), EXACT)
def test_shared_schedules_port_exactly_and_back(source, targets):
    for to in targets:
        result = port(source, to)
        assert result.identical, result.report()
        assert result.fallback is None
        back = port(result.target, source.split(":")[0], steps=result.steps)
        assert back.identical, back.report()


DIFFER = [
    # PyTorch's cosine rises again after T_max; TF/Keras/optax clamp at the floor.
    ("torch:CosineAnnealingLR(lr=0.1, T_max=100, eta_min=0.001)", "keras", 101),
    ("keras:CosineDecay(0.1, 100)", "torch", 101),
    # optax's one-cycle knots sit one step away from PyTorch's phase ends.
    ("torch:OneCycleLR(max_lr=0.1, total_steps=100)", "optax", 1),
]


@pytest.mark.parametrize(("source", "to", "first"), DIFFER)
def test_known_differences_are_reported_at_their_first_step(source, to, first):
    result = port(source, to)
    assert not result.identical
    assert result.first_difference == first
    assert result.max_difference > 0
    assert f"differs from step {first}" in result.report()


@pytest.mark.parametrize(
    ("source", "to"),
    [
        ("torch:CosineAnnealingLR(lr=0.1, T_max=100, eta_min=0.001)", "keras"),
        ("torch:CosineAnnealingLR(lr=0.1, T_max=100, eta_min=0.001)", "optax"),
        ("keras:CosineDecay(0.1, 100)", "torch"),
        ("tf:inverse_time_decay(0.1, 10, 0.5)", "torch"),
        ("tf:piecewise_constant(boundaries=[10, 20], values=[0.1, 0.05, 0.01])", "torch"),
        ("tf:inverse_time_decay(0.1, 10, 0.5)", "optax"),
        ("optax:join_schedules(schedules=[('linear_schedule', {'init_value': 0.01, "
         "'end_value': 0.1, 'transition_steps': 5}), ('cosine_decay_schedule', "
         "{'init_value': 0.1, 'decay_steps': 20})], boundaries=[5])", "torch"),
    ],
)
def test_exact_fallback_is_offered_where_no_native_call_is_exact(source, to):
    result = port(source, to)
    assert not result.identical
    assert result.fallback is not None, result.report()
    assert "exact over steps" in result.report()


def test_the_report_shows_both_calls_as_framework_code():
    text = port("keras:CosineDecay(0.1, 1000, alpha=0.01)", "torch", steps=1500).report()
    assert "keras.optimizers.schedules.CosineDecay(" in text
    assert "torch.optim.lr_scheduler." in text
    assert "differs from step 1001" in text or "identical over" in text


def test_nested_pieces_are_written_as_calls():
    result = port("torch:SequentialLR(lr=0.1, schedulers=[('LinearLR', {'start_factor': 0.1, "
                  "'total_iters': 5}), ('ExponentialLR', {'gamma': 0.9})], milestones=[5])",
                  "optax")
    code = result.target.code
    assert "schedules=[optax.polynomial_schedule(" in code and "optax.exponential_decay(" in code
    src = result.source.code
    assert "torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)" in src


def test_bad_targets_and_sources_are_refused():
    with pytest.raises(ValueError, match=r"Argument `to` must be one of"):
        port("torch:StepLR(lr=0.1, step_size=3)", "jax")
    with pytest.raises(ValueError, match=r"`step_size` must be >= 1"):
        port("torch:StepLR(lr=0.1, step_size=0)", "keras")
    with pytest.raises(TypeError, match=r"Argument `source` must be a string"):
        port(42, "keras")
