"""Chapter 1: exercises' right answers, gradient descent on quadratics and on the article's function."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lrcourse import exercises, optim
from lrcourse.chapters import ch01_what_lr_does as ch
from lrcourse.landscapes import rippled_bowl


def df(x):
    """f' of the article's function, written out with the math module (not lrcourse)."""
    return 0.045 * x - math.sin(x) + math.cos(3 * x) - math.sin(5 * x) + math.cos(7 * x)


def f(x):
    return ((0.15 * x) ** 2 + math.cos(x) + math.sin(3 * x) / 3 + math.cos(5 * x) / 5
            + math.sin(7 * x) / 7)


def loop_gd(lr, x0=-20.0, steps=1000):
    """The article's loop: x = x - lr * df(x)."""
    x = x0
    for _ in range(steps):
        x = x - lr * df(x)
    return x


#: Known-right answers, from the closed forms and plain loops (not from lrcourse).
RIGHT = {
    # f = 2x^2 = a x^2 / 2 with a = 4: x_3 = (1 - 0.3 * 4)^3 * 1
    "ch01-three-steps": (1 - 0.3 * 4) ** 3,
    # |1 - lr a| < 1  <=>  lr < 2 / a
    "ch01-stable-limit": 2 / 5,
    "ch01-f-at-minus-20": [f(-20.0), df(-20.0)],
    "ch01-gd-end": loop_gd(0.25, x0=-7.0),
    # |1 - eta| = |1 - 20 eta| with opposite signs: eta = 2 / 21
    "ch01-valley-rate": 2 / 21,
}


def test_right_covers_every_exercise():
    assert set(RIGHT) == set(ch.CHAPTER.exercises)


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_right_answers_pass(ex_id):
    assert exercises.check(ex_id, RIGHT[ex_id]).passed


def test_right_values_are_the_documented_ones():
    assert RIGHT["ch01-three-steps"] == pytest.approx(-0.008)
    assert RIGHT["ch01-f-at-minus-20"] == pytest.approx([9.5421, -1.6436], abs=1e-4)
    assert RIGHT["ch01-gd-end"] == pytest.approx(-6.7602, abs=1e-4)
    assert loop_gd(0.25) == pytest.approx(-19.2271, abs=1e-4)  # the article's run, in the chapter


@pytest.mark.parametrize(
    ("ex_id", "answer", "words"),
    [
        ("ch01-three-steps", 0.064, "a = 4"),
        ("ch01-three-steps", 2.2**3, "subtracts"),
        ("ch01-three-steps", 0.04, "x_2"),
        ("ch01-three-steps", 0.008, "sign"),
        ("ch01-stable-limit", 0.2, "one step"),
        ("ch01-stable-limit", 0.5, "chapter's example"),
        ("ch01-stable-limit", 10.0, "not 2a"),
        ("ch01-f-at-minus-20", [f(-20.0), -df(-20.0)], "sign of f′"),
        ("ch01-f-at-minus-20", [f(-20.0) - 9 + 60, df(-20.0) + 0.9 - 6.0], "0.0225"),
        ("ch01-gd-end", -2.93447, "global minimum"),
        ("ch01-gd-end", -7.0, "start"),
        ("ch01-gd-end", loop_gd(0.25, x0=-5.0), "explorer"),
        ("ch01-valley-rate", 0.05, "0.95 per step"),
        ("ch01-valley-rate", 0.1, "stability limit"),
    ],
)
def test_hints_recognise_the_usual_mistakes(ex_id, answer, words):
    result = exercises.check(ex_id, answer)
    assert not result.passed
    assert words in result.message, result.message


def test_degrees_hint():
    r = math.radians(-20.0)
    wrong = [(0.15 * -20) ** 2 + math.cos(r) + math.sin(3 * r) / 3 + math.cos(5 * r) / 5
             + math.sin(7 * r) / 7,
             0.045 * -20 - math.sin(r) + math.cos(3 * r) - math.sin(5 * r) + math.cos(7 * r)]
    assert "degrees" in exercises.check("ch01-f-at-minus-20", wrong).message


def test_two_numbers_exercise_names_the_wrong_entry():
    msg = exercises.check("ch01-f-at-minus-20", [f(-20.0), 0.0]).message
    assert "entry 2" in msg


# -- gradient descent on quadratics ----------------------------------------------------------


@pytest.mark.parametrize("lr", [0.1, 0.3, 0.5, 0.9])
def test_gd_quadratic_is_the_closed_form(lr):
    x = ch.gd_quadratic(lr, curvature=2.0, x0=3.0, steps=15)
    np.testing.assert_allclose(x, 3.0 * (1 - 2.0 * lr) ** np.arange(16), rtol=1e-12, atol=1e-15)


def test_stability_limit_is_two_over_a():
    for a in (0.5, 4.0, 10.0):
        assert abs(ch.gd_quadratic(0.999 * 2 / a, curvature=a, steps=20000)[-1]) < 1e-6
        assert abs(ch.gd_quadratic(1.001 * 2 / a, curvature=a, steps=20000)[-1]) > 1e6


def test_quadratic_errors_name_the_argument():
    with pytest.raises(ValueError, match="Argument `curvature` must be > 0"):
        ch.gd_quadratic(0.1, curvature=0.0)
    with pytest.raises(ValueError, match="Argument `lr` must be >= 0"):
        ch.quadratic_factor(-0.1, 1.0)


def test_valley_coordinates_have_their_own_factors():
    x = ch.valley_run(0.15, condition_number=10.0, x0=(1.0, 1.0), steps=5).x
    t = np.arange(6)
    np.testing.assert_allclose(x[:, 0], (1 - 0.15) ** t, rtol=1e-12)
    np.testing.assert_allclose(x[:, 1], (1 - 1.5) ** t, rtol=1e-12)


# -- the article's function and sweep ---------------------------------------------------------


@pytest.mark.parametrize("lr", ch.ARTICLE_RATES)
def test_sweep_reproduces_the_plain_loop_exactly(lr):
    x, _ = ch.gd_path("rippled", lr, -20.0)
    assert x[-1] == pytest.approx(loop_gd(lr), abs=1e-9)


def test_sweep_facts():
    rows = ch.sweep_article()
    assert [r["lr"] for r in rows] == [16 * 2.0**-i for i in range(10)]
    assert [r["settled"] for r in rows] == [False] * 6 + [True] * 4
    for r in rows[6:]:
        assert r["end"] == pytest.approx(-19.22706, abs=1e-5) and r["nearest_index"] == 0
    assert not any(r["global"] for r in rows)


def test_local_limit_of_the_first_minimum():
    lim = ch.local_limits()
    assert len(lim["minima"]) == 27
    h = 0.045 - math.cos(lim["minima"][0]) - 3 * math.sin(3 * lim["minima"][0]) \
        - 5 * math.cos(5 * lim["minima"][0]) - 7 * math.sin(7 * lim["minima"][0])
    assert lim["limit"][0] == pytest.approx(2 / h, rel=1e-12)
    assert 0.25 < lim["limit"][0] < 0.5
    assert np.all(lim["curvature"] > 0)


def test_nearest_minimum():
    assert ch.nearest_minimum(-19.5)[0] == 0
    i, m = ch.nearest_minimum(-2.9)
    assert m == pytest.approx(rippled_bowl().minimisers[0, 0])


def test_end_points_matches_optim_run():
    rates = np.array([0.03, 0.25, 0.7])
    x0 = np.array([-20.0, 3.0, 11.0])
    many = ch.end_points(rates, x0, steps=200)
    for i in range(3):
        one = optim.run(optim.gd(rates[i]), rippled_bowl(), x0=x0[i], steps=200).x[:, 0]
        np.testing.assert_allclose(many[:, i], one, rtol=1e-9, atol=1e-9)


def test_end_points_rejects_bad_rates():
    with pytest.raises(ValueError, match="Argument `rates` must hold finite rates > 0"):
        ch.end_points([0.1, -1.0], -20.0)
    with pytest.raises(ValueError, match="Argument `x0` must hold finite numbers"):
        ch.end_points(0.1, [np.nan])


def test_spread_over_starts_is_seeded():
    a = ch.spread_over_starts((0.25,), starts=5, steps=20, seed=3)
    b = ch.spread_over_starts((0.25,), starts=5, steps=20, seed=3)
    np.testing.assert_array_equal(a["x0"], b["x0"])
    assert a["η = 0.25"].shape == (5, 21) and np.all(a["η = 0.25"] >= -1e-12)


def test_figures_have_alt_text():
    for fig in (ch.plot_quadratic_regimes(), ch.plot_valley(), ch.plot_cliff(),
                ch.plot_end_vs_lr(20, steps=50)):
        assert len(fig.alt) > 40


# -- the explorer ------------------------------------------------------------------------------


def test_lab_grid_holds_the_article_sweep():
    ex = ch.optimiser_lab()
    assert set(ch.ARTICLE_RATES) <= set(ex.controls["lr"])
    assert -20.0 in ex.controls["x0"] and ex.controls["steps"][-1] == 1000


def test_lab_draws_the_run():
    ex = ch.optimiser_lab()
    ex.update(function="rippled", lr=0.25, x0=-20.0, steps=1000)
    assert "-19.227" in ex.readout()[1].text and "converged" in ex.readout()[3].text
    ex.update(function="bowl", lr=64.0)
    assert "diverged" in ex.readout()[3].text
    ex.update(function="bowl", lr=32.0)
    assert "converged" in ex.readout()[3].text
    ex.update(function="rippled", lr=32.0)
    assert "still moving" in ex.readout()[3].text


def test_sgd_corner_is_a_constant_rate():
    corner = ch.sgd_corner(lr=0.25)
    for call in corner.calls():
        np.testing.assert_allclose(call.schedule(np.arange(10)), 0.25)
