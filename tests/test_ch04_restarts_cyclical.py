"""Chapter 4: exercises' right answers, the negative-rate probability, corners."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lrcourse import compat
from lrcourse import schedules as S
from lrcourse.chapters import ch04_restarts_cyclical as ch


def _sgdr(x, peak, floor):
    """One SGDR period at fraction x of its length (closed form)."""
    return floor + (peak - floor) * 0.5 * (1 + math.cos(math.pi * x))


def _smith(t, halve=False, lo=0.001, hi=0.006, u=2000):
    """Smith (2017) section 3.1 by hand; triangular2 halves the height each cycle."""
    k = math.floor(1 + t / (2 * u))
    x = abs(t / u - 2 * k + 1)
    return lo + (hi - lo) * max(0.0, 1 - x) / (2 ** (k - 1) if halve else 1)


#: Known-right answers, from the closed-form formulas (not from lrcourse).
RIGHT = {
    # TF: periods 10, 20, 40 start at 0, 10, 30, 70; peak i is (1 - alpha) * 0.6**i + alpha
    "ch04-tf-restarts": [0.8 * 0.5 * (1 + math.cos(math.pi * 0.9)) + 0.2,
                         0.8 * 0.6 + 0.2, 0.8 * 0.36 + 0.2, 0.8 * 0.216 + 0.2],
    # PyTorch: periods 10, 20, 40 epochs; eta_min = 0.05 is a rate; lr = 0.5
    "ch04-torch-restarts": [_sgdr(0.5, 0.5, 0.05), 0.5, _sgdr(0.25, 0.5, 0.05), 0.5,
                            _sgdr(0.5, 0.5, 0.05)],
    # Smith (2017) section 3.1 by hand: half-cycle 2000, bounds 0.001 .. 0.006
    "ch04-triangular": [_smith(t) for t in (500, 2500, 3500, 6000, 9000)],
    # triangular2: height 0.005 / 2**(k - 1) above 0.001 in cycle k of 4000 iterations
    "ch04-triangular2": [_smith(t, halve=True) for t in (2500, 4500, 6500, 11000)],
    # rate at step 0 = lr0 (1 + eps + 0.001), eps ~ N(0, 0.5): P = Phi(-1.001 / sqrt(0.5))
    "ch04-negative-rate": 0.5 * math.erfc(1.001 / math.sqrt(2.0) / math.sqrt(0.5)),
    # cos(pi t / T) = 1 first again at t = 2T, with T = 60 (the chapter shows T = 100)
    "ch04-article-period": 120.0,
}

T = np.arange(2000)


def test_smith_formula_equals_cyclic_for_every_mode_boundary():
    lit = ch.smith_triangular(T, base_lr=0.001, max_lr=0.006, stepsize=100)
    lib = S.cyclic(0.001, peak_lr=0.006, step_size_up=100)(T)
    np.testing.assert_allclose(lit, lib, rtol=1e-12)
    assert ch.smith_triangular(100, base_lr=0.0, max_lr=1.0, stepsize=100) == 1.0


def test_article_formula_has_period_two_t():
    f = ch.article_formula(0.3, period=50)
    np.testing.assert_allclose(f(T[:900] + 100), f(T[:900]), atol=1e-15)
    assert f(50) == 0.0 and f(100) == pytest.approx(0.3)
    # it is PyTorch's CosineAnnealingLR without a floor
    torch = compat.from_torch("CosineAnnealingLR", lr=0.3, T_max=50, eta_min=0.0)
    np.testing.assert_allclose(f(T), torch(T), atol=1e-15)


def test_negative_rate_probability_against_monte_carlo():
    # An independent draw of the TF formula with NumPy's generator.
    rng = np.random.default_rng(7)
    T_ = 1000.0
    for t in (0, 10, 300, 900):
        lin = (T_ - t) / T_
        c = 0.5 * (1 + math.cos(math.pi * t / T_))
        sd = math.sqrt(1.0 / (1 + t) ** 0.55)
        eps = sd * rng.standard_normal(200_000)
        frac = np.mean((lin + eps) * c + 0.001 < 0)
        p = ch.negative_rate_probability(t, decay_steps=T_)
        assert abs(frac - p) < 5 * math.sqrt(p * (1 - p) / 200_000) + 1e-6


def test_negative_rate_probability_edge_cases():
    p = ch.negative_rate_probability(np.arange(0, 1001, 100), decay_steps=1000,
                                     initial_variance=0.0)
    assert np.all(p == 0.0)
    assert ch.negative_rate_probability(1000, decay_steps=1000) == 0.0  # c = 0: rate = beta
    assert ch.negative_rate_probability(5000, decay_steps=1000) == 0.0  # clamped at T
    # num_periods = 1: past half the horizon the cosine factor is below 1/2, never negative.
    q = ch.negative_rate_probability(np.arange(0, 1000, 50), decay_steps=1000, num_periods=1.0)
    assert np.all((q >= 0) & (q <= 1))
    # num_periods = 1.5: the cosine factor is 0 at tau / T = 1/3, where the rate is beta
    assert ch.negative_rate_probability(100, decay_steps=300, num_periods=1.5) == 0.0
    assert ch.negative_rate_probability(150, decay_steps=300, num_periods=1.5) > 0.0


def test_sampled_fraction_uses_the_schedule():
    frac = ch.sampled_negative_fraction(0, seeds=600, decay_steps=1000)
    p = ch.negative_rate_probability(0, decay_steps=1000)
    assert abs(frac - p) < 5 * math.sqrt(p * (1 - p) / 600)


@pytest.mark.parametrize(
    ("call", "exc", "pattern"),
    [
        (lambda: ch.negative_rate_probability(-1, decay_steps=10), ValueError,
         "Argument `step` must be finite and >= 0"),
        (lambda: ch.negative_rate_probability(0, decay_steps=0), ValueError,
         "Argument `decay_steps` must be > 0"),
        (lambda: ch.negative_rate_probability(0, decay_steps=10, initial_variance=-1),
         ValueError, "Argument `initial_variance` must be >= 0"),
        (lambda: ch.smith_triangular(1, base_lr=0.1, max_lr=1.0, stepsize=0), ValueError,
         "Argument `stepsize` must be > 0"),
        (lambda: ch.smith_triangular(-5, base_lr=0.1, max_lr=1.0, stepsize=2), ValueError,
         "Argument `iteration` must be finite and >= 0"),
        (lambda: ch.article_formula(0.1, period=-1), ValueError, "Argument `period` must be > 0"),
        (lambda: ch.restart_runs(0.1, seeds=0), ValueError, "Argument `seeds` must be >= 1"),
    ],
)
def test_bad_arguments(call, exc, pattern):
    with pytest.raises(exc, match=pattern):
        call()


def test_restart_runs_same_noise_for_every_schedule():
    a = ch.restart_runs(0.5, steps=20, seeds=3)
    b = ch.restart_runs(S.constant(0.5), steps=20, seeds=3)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (3, 21)
    assert not np.allclose(a[0], a[1])  # the seeds differ


# -- framework corners --------------------------------------------------------------------

def test_corners_registered():
    assert set(ch.CHAPTER.corners) == {"sgdr", "clr"}


def test_sgdr_corner_frameworks_agree():
    corner = ch.sgdr_corner(lr0=0.1, first_period=100, period_mult=2, alpha=0.01)
    t = np.arange(700)  # optax's pieces cover 100 + 200 + 400 steps
    ref = corner.calls()[0].schedule(t)
    for c in corner.calls()[1:]:
        np.testing.assert_allclose(c.schedule(t), ref, rtol=1e-12, atol=1e-15, err_msg=c.code)
    assert ref[100] == 0.1 and ref[300] == 0.1


def test_clr_corner_calls_and_code_agree():
    corner = ch.clr_corner(base_lr=0.001, max_lr=0.006, stepsize=2000, cycles=2)
    t = np.arange(0, 8001, 7)
    torch, optax = (c.schedule(t) for c in corner.calls())
    np.testing.assert_allclose(optax, torch, rtol=1e-12)
    namespace = {}
    exec(corner.tabs[2].text, namespace)  # noqa: S102  (code generated by lrcourse)
    fn = namespace["triangular"]
    np.testing.assert_allclose([fn(int(s)) for s in t], torch, rtol=1e-12)


def test_comparator_tf_and_torch_agree_without_m_mul():
    ex = ch.cycle_comparator(peak_mult=1.0)
    lines = ex.figure.axes[0].get_lines()
    tf, torch = lines[2].get_ydata(), lines[3].get_ydata()
    np.testing.assert_allclose(tf, torch, rtol=1e-12)
    ex.update(peak_mult=0.5)
    assert not np.allclose(lines[2].get_ydata(), lines[3].get_ydata())
