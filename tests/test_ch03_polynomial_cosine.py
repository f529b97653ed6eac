"""Chapter 3: exercises' right answers, restart peaks, cumulative rates, corners, runs."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from strategies import schedules

from lrcourse import schedules as S
from lrcourse.chapters import ch03_polynomial_cosine as ch

T = np.arange(300)


def _cos_torch(t, lr=0.1, eta_min=0.001, t_max=50):
    """PyTorch CosineAnnealingLR, closed form from its documentation (no clamp)."""
    return eta_min + 0.5 * (lr - eta_min) * (1 + math.cos(math.pi * t / t_max))


def _tf_poly_cycle(t, lr0=0.1, d=100, end=0.001, p=1.0):
    """TF polynomial_decay with cycle=True, as its docstring writes it."""
    d_c = d * max(math.ceil(t / d), 1)
    return (lr0 - end) * (1 - t / d_c) ** p + end


#: Known-right answers, from closed-form formulas (not from lrcourse).
RIGHT = {
    # eta_min + (lr - eta_min) (1 + cos(pi t / T_max)) / 2, epochs 0..9
    "ch03-cosine-list": [_cos_torch(t) for t in range(10)],
    # 0.1 (1 - t/50)^2, epochs 0..9
    "ch03-polynomial-list": [0.1 * (1 - t / 50) ** 2 for t in range(10)],
    # decay_steps * ceil(t / decay_steps) as the period
    "ch03-cycle-restarts": [_tf_poly_cycle(t) for t in (100, 101, 200, 201, 300, 301)],
    # PyTorch keeps following the cosine after T_max
    "ch03-torch-past-horizon": [_cos_torch(t, eta_min=0.002, t_max=40) for t in (40, 50, 60, 80)],
    # sum_{t<100} 0.05 (1 + cos(pi t / 100)) / 100 = (5 + 0.05 * 1) / 100: the cosines of
    # t and 100 - t cancel, cos(0) = 1 and cos(pi/2) = 0 are left.
    "ch03-equal-cumulative": 0.0505,
}


def test_the_source_exercise_values_of_the_course_plan():
    """The course plan lists the article's answers (epochs 0-9, 6 digits)."""
    cos = [0.1, 0.099902, 0.099610, 0.099123, 0.098445, 0.097577, 0.096524, 0.095289,
           0.093877, 0.092294]
    poly = [0.1, 0.09604, 0.09216, 0.08836, 0.08464, 0.081, 0.07744, 0.07396, 0.07056, 0.06724]
    np.testing.assert_allclose(ch.CHAPTER.exercises["ch03-cosine-list"].reference(), cos,
                               atol=5e-7)
    np.testing.assert_allclose(ch.CHAPTER.exercises["ch03-polynomial-list"].reference(), poly,
                               atol=5e-7)


def test_equal_cumulative_answer_by_direct_summation():
    total = sum(0.05 * (1 + math.cos(math.pi * t / 100)) for t in range(100))
    assert total / 100 == pytest.approx(RIGHT["ch03-equal-cumulative"], rel=1e-12)


# -- restart peaks of polynomial cycle=True --------------------------------------------------


@pytest.mark.parametrize("power", [0.5, 1.0, 2.0])
def test_restart_peaks_are_the_limits_just_after_each_multiple(power):
    lr0, end, d = 0.1, 0.002, 1000
    sched = S.polynomial_decay(lr0, decay_steps=d, end_lr=end, power=power, cycle=True)
    peaks = ch.restart_peaks(lr0, decay_steps=d, end_lr=end, power=power, cycles=4)
    for k in range(1, 4):
        assert sched(k * d) == pytest.approx(end, abs=1e-15)  # exactly the end rate
        # just after k*d the rate is close to the peak (period (k+1) d)
        assert sched(k * d + 1e-6) == pytest.approx(peaks[k], rel=1e-6)
        assert peaks[k] < peaks[k - 1]
    assert peaks[0] == lr0


def test_restart_peaks_closed_form():
    np.testing.assert_allclose(
        ch.restart_peaks(0.1, decay_steps=10, end_lr=0.0001, power=1.0, cycles=3),
        [0.1, 0.0999 / 2 + 0.0001, 0.0999 / 3 + 0.0001], rtol=1e-13)


@pytest.mark.parametrize(
    ("kwargs", "exc", "pattern"),
    [
        ({"cycles": 0}, ValueError, "Argument `cycles` must be >= 1"),
        ({"power": 0}, ValueError, "Argument `power` must be > 0"),
        ({"end_lr": -1}, ValueError, "Argument `end_lr` must be >= 0"),
        ({"decay_steps": 0}, ValueError, "Argument `decay_steps` must be > 0"),
    ],
)
def test_restart_peaks_bad_arguments(kwargs, exc, pattern):
    args = {"decay_steps": 10, "end_lr": 0.0, "power": 1.0, "cycles": 3, **kwargs}
    with pytest.raises(exc, match=pattern):
        ch.restart_peaks(0.1, **args)


# -- cumulative rate (lrcourse.schedules.cumulative_rate) -----------------------------------


def test_cumulative_rate_is_the_running_sum():
    sched = S.cosine_decay(0.1, decay_steps=50)
    out = S.cumulative_rate(sched, steps=80)
    assert out.shape == (81,) and out[0] == 0
    np.testing.assert_allclose(out[1:], np.cumsum([sched(t) for t in range(80)]), rtol=1e-13)
    np.testing.assert_allclose(S.cumulative_rate(0.2, steps=5), 0.2 * np.arange(6), rtol=1e-15)


def test_linear_and_cosine_travel_the_same_distance_p2_less():
    """Over T steps: linear and cosine both about lr0*T/2; power 2 about lr0*T/3."""
    n = 1000
    lin = S.cumulative_rate(S.polynomial_decay(1.0, decay_steps=n), steps=n)[-1]
    cos = S.cumulative_rate(S.cosine_decay(1.0, decay_steps=n), steps=n)[-1]
    p2 = S.cumulative_rate(S.polynomial_decay(1.0, decay_steps=n, power=2.0), steps=n)[-1]
    assert lin == pytest.approx(n / 2, rel=2e-3) and cos == pytest.approx(n / 2, rel=2e-3)
    assert p2 == pytest.approx(n / 3, rel=2e-3)


@settings(max_examples=40, deadline=None)
@given(schedules())
def test_cumulative_rate_property_every_schedule(drawn_and_max):
    drawn, max_step = drawn_and_max
    n = 60 if max_step is None else int(min(60, max_step))
    sched = drawn.schedule
    out = S.cumulative_rate(sched, steps=n)
    np.testing.assert_allclose(np.diff(out), sched(np.arange(n)), rtol=1e-9, atol=1e-15)
    assert out[0] == 0
    if drawn.lo >= 0:  # rates >= 0 (noisy linear cosine can go below 0): S never falls
        assert np.all(np.diff(out) >= 0)


@pytest.mark.parametrize(
    ("steps", "exc", "pattern"),
    [(-1, ValueError, r"`steps` must be >= 0"), (2.5, TypeError, r"`steps` must be an integer")],
)
def test_cumulative_rate_bad_steps(steps, exc, pattern):
    with pytest.raises(exc, match=pattern):
        S.cumulative_rate(0.1, steps=steps)


# -- runs on the noisy bowl -----------------------------------------------------------------


def test_sgd_runs_shape_start_and_determinism():
    a = ch.sgd_runs(0.1, steps=50, seeds=3)
    b = ch.sgd_runs(0.1, steps=50, seeds=3)
    assert a.shape == (3, 51)
    np.testing.assert_array_equal(a, b)
    assert a[:, 0] == pytest.approx(0.5 * (0.05 * 36 + 36))


def test_sgd_runs_without_noise_is_plain_gradient_descent():
    loss = ch.sgd_runs(0.1, steps=30, seeds=2, noise=0.0)
    k = np.arange(31)
    x1, x2 = 6 * (1 - 0.1 * 0.05) ** k, 6 * (1 - 0.1) ** k
    np.testing.assert_allclose(loss[0], 0.5 * (0.05 * x1**2 + x2**2), rtol=1e-12)
    np.testing.assert_array_equal(loss[0], loss[1])


def test_expected_loss_matches_the_mean_of_many_seeds():
    sched = S.cosine_decay(0.2, decay_steps=200)
    runs = ch.sgd_runs(sched, steps=200, seeds=400)
    exp = ch.expected_loss(sched, steps=200)
    # the standard error of a mean of 400 seeds is a few per cent of the loss
    np.testing.assert_allclose(runs.mean(axis=0)[::20], exp[::20], rtol=0.12)


def test_expected_loss_of_a_constant_rate_tends_to_the_noise_floor():
    lr, lam = 0.1, np.array(ch.CURVATURES)
    floor = float(np.sum(lr / (2 * (2 - lr * lam))))
    assert ch.expected_loss(lr, steps=20_000)[-1] == pytest.approx(floor, rel=1e-9)


@pytest.mark.parametrize(
    ("call", "exc", "pattern"),
    [
        (lambda: ch.sgd_runs(0.1, steps=0), ValueError, "Argument `steps` must be >= 1"),
        (lambda: ch.sgd_runs(0.1, steps=5, seeds=0), ValueError, "Argument `seeds` must be >= 1"),
        (lambda: ch.sgd_runs(0.1, steps=5, noise=-1), ValueError, "Argument `noise` must be >= 0"),
        (lambda: ch.sgd_runs(-0.1, steps=5), ValueError, "lr"),
        (lambda: ch.expected_loss(0.1, steps=0), ValueError, "Argument `steps` must be >= 1"),
        (lambda: ch.expected_loss("fast", steps=3), TypeError, "lr"),
    ],
)
def test_run_bad_arguments(call, exc, pattern):
    with pytest.raises(exc, match=pattern):
        call()


# -- framework corners --------------------------------------------------------------------

CORNERS = sorted(ch.CHAPTER.corners)


def test_corners_present():
    assert set(CORNERS) == {"polynomial", "cosine"}


@pytest.mark.parametrize("key", CORNERS)
def test_calls_in_one_tab_compute_the_same_schedule(key):
    for tab in ch.CHAPTER.corners[key]().tabs:
        values = [c.schedule(T) for c in tab.calls]
        for v in values[1:]:
            np.testing.assert_allclose(v, values[0], rtol=1e-12)


@pytest.mark.parametrize("end_lr", [0.0, 0.001])
def test_polynomial_corner_agrees_across_frameworks(end_lr):
    corner = ch.polynomial_corner(lr0=0.1, decay_steps=50, end_lr=end_lr, power=2.0)
    ref = (0.1 - end_lr) * (1 - np.minimum(T, 50) / 50) ** 2 + end_lr
    for c in corner.calls():
        np.testing.assert_allclose(c.schedule(T), ref, rtol=1e-12, atol=1e-15, err_msg=c.code)
    torch_tab = corner.tabs[1]
    if end_lr:  # no PyTorch class: the tab's code defines the LambdaLR factor; run it
        assert not torch_tab.calls
        namespace = {}
        exec(torch_tab.text.splitlines()[0], namespace)  # noqa: S102  (code generated by lrcourse)
        got = [0.1 * namespace["factor"](int(t)) for t in T]
        np.testing.assert_allclose(got, ref, rtol=1e-12, atol=1e-15)
    else:
        assert "PolynomialLR" in torch_tab.calls[0].code


def test_cosine_corner_agrees_up_to_the_horizon_and_differs_after():
    tf, keras, torch, optax = ch.cosine_corner(lr0=0.1, decay_steps=50, alpha=0.01).calls()
    ref = 0.001 + 0.099 * 0.5 * (1 + np.cos(np.pi * np.minimum(T, 50) / 50))
    for c in (tf, keras, optax):
        np.testing.assert_allclose(c.schedule(T), ref, rtol=1e-12, err_msg=c.code)
    up_to = T <= 50
    np.testing.assert_allclose(torch.schedule(T)[up_to], ref[up_to], rtol=1e-12)
    assert torch.schedule(100) == pytest.approx(0.1)  # back at lr after 2 T_max
    assert "eta_min=0.001" in torch.code and "alpha=0.01" in keras.code


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: ch.cosine_corner(alpha=2), "Argument `alpha` must be <= 1"),
        (lambda: ch.polynomial_corner(power=0), "Argument `power` must be > 0"),
        (lambda: ch.polynomial_corner(decay_steps=0), "Argument `decay_steps` must be >= 1"),
    ],
)
def test_corner_bad_arguments(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


# -- explorer ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def explorer():
    ex = ch.annealing_explorer()
    ex.update()
    return ex


def _ydata(ex, i):
    return np.asarray(ex._animated[i].get_ydata(), dtype=float)


def test_explorer_draws_the_framework_schedules(explorer):
    explorer.update(T=50, p=2.0, e=1.0, alpha=0.1, after="clamp")
    t = np.arange(ch.HORIZON)
    keras_poly = ch.compat.from_keras("PolynomialDecay", initial_learning_rate=0.1,
                                      decay_steps=50, end_learning_rate=0.01, power=2.0)
    keras_cos = ch.compat.from_keras("CosineDecay", initial_learning_rate=0.1, decay_steps=50,
                                     alpha=0.1)
    np.testing.assert_allclose(_ydata(explorer, 0), keras_poly(t), rtol=1e-12)
    np.testing.assert_allclose(_ydata(explorer, 1), keras_cos(t), rtol=1e-12)
    np.testing.assert_allclose(_ydata(explorer, 3), S.cumulative_rate(keras_poly, steps=len(t)),
                               rtol=1e-12)


def test_explorer_go_on_is_tf_cycle_and_pytorch(explorer):
    explorer.update(T=50, p=1.0, e=1.0, alpha=0.1, after="go_on")
    t = np.arange(ch.HORIZON)
    tf = ch.compat.from_tf("polynomial_decay", learning_rate=0.1, decay_steps=50,
                           end_learning_rate=0.01, power=1.0, cycle=True)
    torch = ch.compat.from_torch("CosineAnnealingLR", lr=0.1, T_max=50, eta_min=0.01)
    np.testing.assert_allclose(_ydata(explorer, 0), tf(t), rtol=1e-12)
    np.testing.assert_allclose(_ydata(explorer, 1), torch(t), rtol=1e-12)
    text = " ".join(r.text for r in explorer.readout())
    assert "CosineAnnealingLR" in text and "eta_min=0.01" in text and "cycle=True" in text
    assert "0.055" in text  # the first restart peak, (0.1 - 0.01)/2 + 0.01


def test_explorer_says_when_no_framework_has_the_curve(explorer):
    explorer.update(e=2.0, after="go_on")
    assert "no framework" in explorer.readout()[1].text
    explorer.update(e=1.0, after="clamp")
