"""Chapter 2's "what decay does to noisy gradient descent": the computation behind the explorer.

The expected floor of a constant rate is exact for this linear problem
(stationary variance of an AR(1) process), so the runs are checked against
it; the two lessons of the explorer (decay lowers the loss below the floor,
decay that is too fast stops progress above it) are checked on the same
settings the explorer offers.
"""

from __future__ import annotations

import numpy as np
import pytest

from lrcourse import optim
from lrcourse import schedules as S
from lrcourse.chapters.ch02_step_exponential import (
    CURVATURES,
    LAB_FAMILIES,
    X0,
    lab_schedule,
    noise_floor,
    noisy_descent,
)


def final(loss, last=50):
    """Median over the seeds of each seed's mean loss over the last steps."""
    return float(np.median(loss[:, -last:].mean(axis=1)))


def test_shape_start_and_determinism():
    a = noisy_descent(0.4, steps=100, seeds=8)
    assert a.shape == (8, 101)
    start = 0.5 * np.sum(np.asarray(CURVATURES) * np.asarray(X0) ** 2)
    assert np.allclose(a[:, 0], start)
    assert np.array_equal(a, noisy_descent(0.4, steps=100, seeds=8))
    assert not np.array_equal(a, noisy_descent(0.4, steps=100, seeds=8, seed=1))
    assert len({row.tobytes() for row in a}) == 8  # every seed is its own run


def test_same_seed_same_noise_for_every_schedule():
    """Without noise and with it, two schedules that agree up to a step agree up to it."""
    a = noisy_descent(S.step_decay(0.4, decay_rate=0.5, decay_steps=50), steps=80)
    b = noisy_descent(0.4, steps=80)
    assert np.array_equal(a[:, :51], b[:, :51])
    assert not np.array_equal(a[:, 52:], b[:, 52:])


def test_without_noise_the_loss_falls_monotonically():
    loss = noisy_descent(0.4, steps=300, seeds=2, noise=0.0)
    assert np.all(np.diff(loss, axis=1) <= 0)
    assert np.array_equal(loss[0], loss[1])


@pytest.mark.parametrize("lr", [0.1, 0.4, 1.6])
def test_a_constant_rate_settles_at_its_noise_floor(lr):
    loss = noisy_descent(lr, steps=3000, seeds=64)
    # Past the transient, the mean loss over seeds and steps is the stationary expectation.
    got = float(loss[:, 1000:].mean())
    assert got == pytest.approx(noise_floor(lr), rel=0.1)


def test_noise_floor_formula():
    lam = np.asarray(CURVATURES)
    assert noise_floor(0.4) == pytest.approx(np.sum(0.4 / (2 * (2 - 0.4 * lam))))
    assert noise_floor(0.2, noise=2.0) == pytest.approx(4 * noise_floor(0.2))
    assert noise_floor(2.0) == np.inf
    with pytest.raises(ValueError, match="`lr`"):
        noise_floor(-1.0)


def test_decay_lowers_the_loss_below_the_floor():
    constant = final(noisy_descent(0.4))
    decayed = final(noisy_descent(lab_schedule("step", 0.4, decay_rate=0.5, decay_steps=100)))
    assert constant == pytest.approx(noise_floor(0.4), rel=0.3)
    assert decayed < 0.2 * noise_floor(0.4)


def test_decay_that_is_too_fast_stops_progress_above_the_floor():
    fast = final(noisy_descent(lab_schedule("step", 0.4, decay_rate=0.1, decay_steps=10)))
    assert fast > 2 * noise_floor(0.4)


def test_a_diverging_rate_gives_non_finite_losses():
    loss = noisy_descent(2.5, steps=2000, seeds=2)
    assert not np.isfinite(loss[:, -1]).any()


@pytest.mark.parametrize("family", list(LAB_FAMILIES))
def test_lab_schedules_are_the_chapter_formulas(family):
    t = np.arange(0, 600, 7, dtype=float)
    got = lab_schedule(family, 0.4, decay_rate=0.5, decay_steps=50)(t)
    want = {
        "constant": 0.4 + 0 * t,
        "step": 0.4 * 0.5 ** np.floor(t / 50),
        "multistep": 0.4 * 0.5 ** ((t >= 50).astype(int) + (t >= 100) + (t >= 200)),
        "exponential": 0.4 * 0.5 ** (t / 50),
        "natural_exp": 0.4 * np.exp(-0.5 * t / 50),
        "inverse_time": 0.4 / (1 + 0.5 * t / 50),
    }[family]
    assert np.allclose(got, want, rtol=1e-12)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="`family`"):
        lab_schedule("cosine", 0.1, decay_rate=0.5, decay_steps=10)
    with pytest.raises(ValueError, match="`steps`"):
        noisy_descent(0.1, steps=0)
    with pytest.raises(ValueError, match="`seeds`"):
        noisy_descent(0.1, seeds=0)
    with pytest.raises(ValueError, match="`noise`"):
        noisy_descent(0.1, noise=-1)
    with pytest.raises((TypeError, ValueError), match="`seed`"):
        noisy_descent(0.1, seed=-1)


@pytest.mark.parametrize("lr", [0.4, lab_schedule("step", 0.4, decay_rate=0.5, decay_steps=100),
                                1.6, 2.5])
def test_noisy_descent_is_gradient_descent_step_for_step(lr):
    steps, seeds = 300, 4
    lam = np.asarray(CURVATURES)
    xi = np.random.default_rng(3).standard_normal((steps, seeds, lam.size))
    calls = iter(range(steps))
    traj = optim.run(optim.gd(lr), lambda x: x * lam + xi[next(calls)],
                     x0=np.tile(X0, (seeds, 1)), steps=steps)
    x = traj.x.reshape(steps + 1, seeds, lam.size)
    with np.errstate(all="ignore"):
        expected = 0.5 * np.einsum("ksi,i,ksi->sk", x, lam, x)
    np.testing.assert_allclose(noisy_descent(lr, steps=steps, seeds=seeds, seed=3), expected,
                               rtol=1e-12)
