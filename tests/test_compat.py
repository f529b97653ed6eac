"""Behaviour of the ``from_*`` translators beyond the fixture values.

The numbers themselves are checked against the real frameworks in
test_schedules_reference.py; here: the API, and relations the book relies on.
"""

from __future__ import annotations

import numpy as np
import pytest

import lrcourse.schedules as S
from lrcourse import compat

EXPECTED_NAMES = {
    "tf": {
        "exponential_decay",
        "piecewise_constant",
        "polynomial_decay",
        "natural_exp_decay",
        "inverse_time_decay",
        "cosine_decay",
        "cosine_decay_restarts",
        "linear_cosine_decay",
        "noisy_linear_cosine_decay",
    },
    "keras": {
        "ExponentialDecay",
        "PiecewiseConstantDecay",
        "PolynomialDecay",
        "InverseTimeDecay",
        "CosineDecay",
        "CosineDecayRestarts",
        "ReduceLROnPlateau",
    },
    "torch": {
        "StepLR",
        "MultiStepLR",
        "ExponentialLR",
        "CosineAnnealingLR",
        "CosineAnnealingWarmRestarts",
        "CyclicLR",
        "OneCycleLR",
        "LinearLR",
        "ConstantLR",
        "PolynomialLR",
        "LambdaLR",
        "SequentialLR",
        "ReduceLROnPlateau",
    },
    "optax": {
        "constant_schedule",
        "exponential_decay",
        "piecewise_constant_schedule",
        "polynomial_schedule",
        "linear_schedule",
        "cosine_decay_schedule",
        "warmup_cosine_decay_schedule",
        "warmup_exponential_decay_schedule",
        "warmup_constant_schedule",
        "linear_onecycle_schedule",
        "cosine_onecycle_schedule",
        "piecewise_interpolate_schedule",
        "sgdr_schedule",
        "join_schedules",
    },
}


def test_names_are_the_documented_set():
    got = {lib: set(v) for lib, v in compat.names().items()}
    assert got == EXPECTED_NAMES


def test_results_are_float64_and_schedules():
    s = compat.from_optax("cosine_decay_schedule", init_value=0.1, decay_steps=10)
    assert isinstance(s, S.Schedule)
    assert s(np.arange(5, dtype=np.int32)).dtype == np.float64
    assert type(s(3)) is float


def test_boundary_inclusivity_differs_between_frameworks():
    b, v = [10, 20], [0.1, 0.01, 0.001]
    tf = compat.from_tf("piecewise_constant", boundaries=b, values=v)
    keras = compat.from_keras("PiecewiseConstantDecay", boundaries=b, values=v)
    optax = compat.from_optax(
        "piecewise_constant_schedule", init_value=0.1, boundaries_and_scales={10: 0.1, 20: 0.1}
    )
    torch = compat.from_torch("MultiStepLR", lr=0.1, milestones=[10, 20], gamma=0.1)
    assert tf(10) == keras(10) == v[0]  # old value holds at the boundary
    assert torch(10) == pytest.approx(v[1])
    assert optax(10) == pytest.approx(v[1])


def test_cosine_past_the_horizon():
    tf = compat.from_tf("cosine_decay", learning_rate=0.1, decay_steps=10)
    torch = compat.from_torch("CosineAnnealingLR", lr=0.1, T_max=10)
    assert tf(20) == tf(10)  # clamped at the floor
    assert torch(20) == pytest.approx(0.1, rel=1e-15)  # a full period later: back at the top
    assert torch(15) == pytest.approx(torch(5), rel=1e-14)


def test_polynomial_cycle_restarts_lower():
    s = compat.from_tf(
        "polynomial_decay",
        learning_rate=0.1,
        decay_steps=10,
        end_learning_rate=0.0,
        power=1.0,
        cycle=True,
    )
    # just after restart k the peak is (lr0 - end) / (k + 1)^p + end (see the docstring)
    assert s([10, 20, 30]).tolist() == [0.0, 0.0, 0.0]
    assert s(10.0 + 1e-9) == pytest.approx(0.1 / 2, rel=1e-8)
    assert s(20.0 + 1e-9) == pytest.approx(0.1 / 3, rel=1e-8)


def test_restart_defaults_differ():
    tf = compat.from_tf("cosine_decay_restarts", learning_rate=0.1, first_decay_steps=10)
    torch = compat.from_torch("CosineAnnealingWarmRestarts", lr=0.1, T_0=10)
    assert tf(10) == torch(10) == 0.1  # both restart at 10
    assert torch(20) == 0.1
    assert tf(20) != 0.1
    assert tf(30) == pytest.approx(0.1)


def test_tf_noisy_is_reproducible_and_exact_without_noise():
    kw = dict(learning_rate=0.1, decay_steps=50)
    a = compat.from_tf("noisy_linear_cosine_decay", seed=3, **kw)
    b = compat.from_tf("noisy_linear_cosine_decay", seed=3, **kw)
    c = compat.from_tf("noisy_linear_cosine_decay", seed=4, **kw)
    steps = np.arange(60)
    np.testing.assert_array_equal(a(steps), b(steps))
    assert not np.array_equal(a(steps), c(steps))
    quiet = compat.from_tf("noisy_linear_cosine_decay", initial_variance=0.0, **kw)
    np.testing.assert_array_equal(quiet(steps), compat.from_tf("linear_cosine_decay", **kw)(steps))


def test_keras_warmup_counts_decay_after_warmup_optax_includes_it():
    keras = compat.from_keras(
        "CosineDecay",
        initial_learning_rate=0.0,
        decay_steps=20,
        warmup_target=0.1,
        warmup_steps=10,
    )
    optax = compat.from_optax(
        "warmup_cosine_decay_schedule",
        init_value=0.0,
        peak_value=0.1,
        warmup_steps=10,
        decay_steps=20,
    )
    assert keras(10) == optax(10) == 0.1
    assert optax(20) == 0.0
    assert keras(30) == 0.0
    assert keras(20) > 0


def test_plateau_patience_off_by_one():
    t = compat.from_torch("ReduceLROnPlateau", lr=0.1, patience=2, factor=0.5)
    k = compat.from_keras("ReduceLROnPlateau", lr=0.1, patience=2, factor=0.5)
    tl = [t.step(1.0) for _ in range(6)]
    kl = [k.step(1.0) for _ in range(6)]
    first_t = next(i for i, x in enumerate(tl) if x < 0.1)
    first_k = next(i for i, x in enumerate(kl) if x < 0.1)
    assert first_t == first_k + 1


def test_multistep_repeated_milestones_apply_twice():
    s = compat.from_torch("MultiStepLR", lr=1.0, milestones=[5, 5], gamma=0.5)
    assert s(5) == 0.25


def test_lambda_lr_accepts_a_schedule_as_multiplier():
    s = compat.from_torch("LambdaLR", lr=0.5, lr_lambda=S.exponential_decay(1.0, decay_rate=0.9))
    np.testing.assert_allclose(s([0, 1, 2]), 0.5 * 0.9 ** np.arange(3), rtol=1e-15)


def test_momentum_mirrors_lr():
    kw = dict(max_lr=1.0, total_steps=100)
    lr = compat.from_torch("OneCycleLR", **kw)
    mom = compat.momentum_from_torch("OneCycleLR", **kw)
    peak = int(np.argmax(lr(np.arange(101))))
    assert int(np.argmin(mom(np.arange(101)))) == peak


# ------------------------------------------------------------ public API
def test_compat_docstrings_speak_to_the_user_and_cite_sources():
    from api_checks import docstring_problems, module_docstring_problems

    for name in compat.__all__:
        no_raises = name in ("names", "FrameworkBehaviourWarning", "Port")
        sections = ("References",) if no_raises else ("Raises", "References")
        assert docstring_problems(getattr(compat, name), sections=sections) == [], name
    assert module_docstring_problems(compat) == []


def test_framework_names_are_reported_as_typed():
    with pytest.raises(ValueError, match=r"^Argument `step_size` must be >= 1\. Received: "
                       r"step_size=0$"):
        compat.from_torch("StepLR", lr=0.1, step_size=0)
    with pytest.raises(ValueError, match=r"^Argument `first_decay_steps` must be > 0\. Received: "
                       r"first_decay_steps=0$"):
        compat.from_tf("cosine_decay_restarts", learning_rate=0.1, first_decay_steps=0)
    with pytest.raises(ValueError, match=r"^Argument `learning_rate` must be a finite number\. "
                       r"Received: learning_rate=nan$"):
        compat.from_tf("exponential_decay", learning_rate=float("nan"), decay_steps=10,
                       decay_rate=0.5)
    with pytest.raises(ValueError, match=r"^Argument `T_max` must be > 0\. Received: T_max=0$"):
        compat.from_torch("CosineAnnealingLR", lr=0.1, T_max=0)
    # lrcourse's own factories name their own arguments.
    with pytest.raises(ValueError, match=r"^Argument `decay_steps` must be > 0"):
        S.cosine_decay(0.1, decay_steps=0)
