"""Chapter 5: exercises' right answers, the range test, the suggestion rules, fastai's one-cycle."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lrcourse import exercises
from lrcourse.chapters import ch05_range_test as ch

#: Known-right answers, from the closed-form formulas (not from lrcourse).
RIGHT = {
    # OneCycleLR: max_lr/25 at 0, max_lr at pct_start*N - 1 = 29, max_lr/(25*1e4) at N - 1
    "ch05-onecycle-torch": [0.004, 0.1, 4e-7],
    # fastai SchedCos: a + (1 + cos(pi (1 - p))) (b - a) / 2 at position t/N;
    # step 50 is at 1/3 of the second phase (0.25 -> 1)
    # pct_start 0.25 of 200 steps: step 10 is at rho = 0.2 of the way up, step 100 at 1/3 down
    "ch05-fastai-onecycle": [0.0008 + (1 + math.cos(math.pi * 0.8)) / 2 * (0.02 - 0.0008), 0.02,
                             0.02 + (1 + math.cos(2 * math.pi / 3)) * (2e-7 - 0.02) / 2],
    # |1 - lr a| < 1 with f = 3 x^2 = a x^2 / 2, a = 6
    "ch05-quadratic-threshold": 2 / 6,
    "ch05-smith-bounds": [0.005, 0.02],
    # fastai SchedExp at position k / num_it
    "ch05-exp-sweep": [1e-7, 1e-3, 10**0.92],
}


def test_right_covers_every_exercise():
    assert set(RIGHT) == set(ch.CHAPTER.exercises)


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_right_answers_pass(ex_id):
    assert exercises.check(ex_id, RIGHT[ex_id]).passed


def test_hints_for_usual_mistakes():
    assert "25 * 1e4" in exercises.check("ch05-onecycle-torch", [0.004, 0.1, 1e-6]).message
    assert "a = 6" in exercises.check("ch05-quadratic-threshold", 2 / 3).message
    assert "chapter 1" in exercises.check("ch05-quadratic-threshold", 0.5).message
    assert "k/n" in exercises.check(
        "ch05-exp-sweep", [1e-7, 1e-7 * 1e8 ** (50 / 99), 10.0]).message


def test_sweeps_start_and_end_at_the_bounds():
    for kind in ("linear", "exp"):
        lr = ch.sweep(kind, lr_min=1e-3, lr_max=2.0, num_iter=50)(np.arange(50))
        assert lr[0] == pytest.approx(1e-3) and lr[-1] == pytest.approx(2.0)
        assert np.all(np.diff(lr) > 0)
    lr = ch.sweep("exp", lr_min=1e-3, lr_max=1.0, num_iter=4)(np.arange(4))
    np.testing.assert_allclose(lr, [1e-3, 1e-2, 1e-1, 1.0], rtol=1e-12)


def test_sweep_errors_name_the_argument():
    with pytest.raises(ValueError, match="`lr_max` must be > lr_min"):
        ch.sweep("exp", lr_min=1.0, lr_max=0.5, num_iter=10)
    with pytest.raises(ValueError, match="kind"):
        ch.sweep("log", lr_min=1e-3, lr_max=1.0, num_iter=10)


def test_smoothing_closed_forms():
    x = np.array([2.0, 4.0, 1.0])
    b = 0.9
    v1 = 0.1 * 2.0
    v2 = b * v1 + 0.1 * 4.0
    v3 = b * v2 + 0.1 * 1.0
    np.testing.assert_allclose(ch.smooth_losses(x, beta=b),
                               [v1 / (1 - b), v2 / (1 - b**2), v3 / (1 - b**3)], rtol=1e-12)
    s2 = 0.05 * 4.0 + 0.95 * 2.0
    np.testing.assert_allclose(ch.smooth_losses(x, beta=0.95, debias=False),
                               [2.0, s2, 0.05 * 1.0 + 0.95 * s2], rtol=1e-12)
    with pytest.raises(ValueError, match="`beta`"):
        ch.smooth_losses(x, beta=1.0)


def test_stop_at_divergence_keeps_the_stopping_point():
    lr = np.arange(6.0) + 1
    sm = np.array([1.0, 0.5, 0.4, 1.0, 2.1, 5.0])
    cut_lr, cut = ch.stop_at_divergence(lr, sm, factor=4)
    assert list(cut) == [1.0, 0.5, 0.4, 1.0, 2.1]  # 2.1 > 4 * 0.4 stops the test
    assert len(cut_lr) == 5


def _curve(n=100):
    lr = 1e-5 * (1e6) ** (np.arange(n) / (n - 1))
    u = np.log10(lr)  # -5 .. 1
    loss = 1.0 / (1 + np.exp(3 * (u + 2))) + 0.1 + np.where(u > -0.5, (u + 0.5) ** 2, 0.0)
    return lr, loss


def test_fastai_minimum_and_steep_on_a_known_curve():
    lr, loss = _curve()
    sug = ch.fastai_suggestions(lr, loss, num_it=100)
    keep = slice(10, -5)
    assert sug["minimum"] == pytest.approx(lr[keep][np.argmin(loss[keep])] / 10)
    # the logistic drop is steepest at log10(lr) = -2
    assert abs(math.log10(sug["steep"]) + 2) < 0.07
    assert lr[10] <= sug["valley"] <= lr[-6]


def test_valley_is_inside_the_longest_decreasing_run():
    lr = np.geomspace(1e-4, 1.0, 40)
    loss = np.concatenate([np.linspace(1.0, 0.2, 30), np.linspace(0.3, 2.0, 10)])
    sug = ch.fastai_suggestions(lr, loss, num_it=20)  # keeps points 2 .. 34
    # longest decreasing run: points 0..27 of the kept curve (length 28). fastai sets
    # max_start = max_end - length = -1 (one before the run), sections = 28 / 3,
    # so idx = -1 + 9 + 4 = 12
    assert sug["valley"] == pytest.approx(lr[2:-5][12])


def test_lr_finder_steepest_uses_the_slope_per_point():
    lr = np.geomspace(1e-4, 1.0, 30)
    loss = np.ones(30)
    loss[18:] = 0.5
    assert ch.lr_finder_steepest(lr, loss) in (lr[17], lr[18])
    with pytest.raises(ValueError, match="at least 2 points"):
        ch.lr_finder_steepest(lr[:12], loss[:12])


def test_suggestions_refuse_a_too_short_curve():
    lr, loss = _curve(20)
    with pytest.raises(ValueError, match="too short"):
        ch.fastai_suggestions(lr, loss, num_it=20)


def test_fastai_one_cycle_matches_its_formula():
    s = ch.fastai_one_cycle(0.01, total_steps=100)
    assert s(0) == pytest.approx(0.01 / 25)
    assert s(25) == pytest.approx(0.01)
    # last step: position 0.99, 0.74/0.75 of the way down the cosine
    p = 0.74 / 0.75
    assert s(99) == pytest.approx(0.01 + (1 + math.cos(math.pi * (1 - p))) * (1e-7 - 0.01) / 2)
    m = ch.fastai_one_cycle_momentum(total_steps=100)
    assert m(0) == pytest.approx(0.95) and m(25) == pytest.approx(0.85)
    with pytest.raises(ValueError, match="`pct_start`"):
        ch.fastai_one_cycle(0.01, total_steps=100, pct_start=1.0)


def test_divergence_threshold():
    assert ch.divergence_threshold(4.0) == 0.5
    with pytest.raises(ValueError, match="`curvature`"):
        ch.divergence_threshold(0.0)


def test_range_test_is_cached_and_readonly():
    lr, loss = ch.range_test(0, num_iter=20)
    assert lr.shape == loss.shape == (20,)
    assert ch.range_test(0, num_iter=20)[1] is loss
    with pytest.raises(ValueError, match="read-only"):
        loss[0] = 1.0


def test_train_runs_shapes_and_errors():
    r = ch.train_runs("constant", 0.3, seeds=2, steps=20)
    assert r["loss"].shape == (2, 21) and r["train"].shape == (2,)
    with pytest.raises(ValueError, match="`name`"):
        ch.train_runs("cosine")


def test_explorer_draws_for_every_pick():
    explorer = ch.range_test_to_one_cycle()
    explorer.update(peak_lr=0.1)
    assert "η_peak = 0.1" in explorer.describe()
