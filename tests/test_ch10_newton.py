"""Chapter 10: Newton's method: right answers, the article's sweep, end points, explorer."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lrcourse import exercises, landscapes, optim
from lrcourse.chapters import ch10_newton as ch


def _f1(x):
    return 0.045 * x - math.sin(x) + math.cos(3 * x) - math.sin(5 * x) + math.cos(7 * x)


def _f2(x):
    return 0.045 - math.cos(x) - 3 * math.sin(3 * x) - 5 * math.cos(5 * x) - 7 * math.sin(7 * x)


def _f3(x):
    return math.sin(x) - 9 * math.cos(3 * x) + 25 * math.sin(5 * x) - 49 * math.cos(7 * x)


def _f4(x):
    return math.cos(x) + 27 * math.sin(3 * x) + 125 * math.cos(5 * x) + 343 * math.sin(7 * x)


def _plain_newton(x, alpha=0.0, steps=1000):
    for _ in range(steps):
        x = x - _f1(x) / (_f2(x) + alpha)
    return x


def _min_f2(lo=-20.0, hi=20.0):
    """Most negative f'' on [lo, hi]: a 0.01 grid, then Newton on f''' = 0 (math module)."""
    best = min((lo + 0.01 * i for i in range(round((hi - lo) / 0.01) + 1)), key=_f2)
    x = best
    for _ in range(50):
        x -= _f3(x) / _f4(x)
    return _f2(x)


_XMAX = _plain_newton(-20.0)  # the chapter's run
_XEND10 = _plain_newton(-10.0)  # the exercise's run

#: Known-right answers, from plain-Python formulas (not from lrcourse).
RIGHT = {
    "ch10-f2-at-max": _f2(_XEND10),                  # about -3.06: a local maximum
    "ch10-alpha-positive": -_min_f2(-17.0, -13.0),  # about 10.850
    # f = 2(x-3)^2 + 1: f'(1) = -8, f'' = 4: plain step to 3, damped: 1 + 8/8 = 2
    "ch10-quadratic-step": [3.0, 2.0],
    "ch10-damped-limit": [a * _f1(-10.0) / (_f2(-10.0) + a) for a in (100.0, 1000.0, 10000.0)],
}


def test_right_covers_every_exercise():
    assert set(RIGHT) == set(ch.CHAPTER.exercises)


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_right_answers_pass(ex_id):
    assert exercises.check(ex_id, RIGHT[ex_id]).passed


def test_hints_for_usual_mistakes():
    assert "negative" in exercises.check("ch10-f2-at-max", -RIGHT["ch10-f2-at-max"]).message
    assert "half way" in exercises.check("ch10-quadratic-step", [3.0, 3.0]).message
    assert "-min f''" in exercises.check("ch10-alpha-positive", _min_f2(-17.0, -13.0)).message


def test_known_values():
    assert _XMAX == pytest.approx(-18.7229, abs=5e-5)
    assert _XEND10 == pytest.approx(-10.4625, abs=5e-5)
    assert -3.1 < RIGHT["ch10-f2-at-max"] < -3.0
    assert RIGHT["ch10-alpha-positive"] == pytest.approx(10.850, abs=5e-4)
    assert -_min_f2() == pytest.approx(12.264, abs=5e-4)  # the whole window, shown in the chapter
    assert RIGHT["ch10-damped-limit"][-1] == pytest.approx(_f1(-10.0), rel=1e-3)


def test_derivatives_match_the_landscape():
    land = landscapes.rippled_bowl()
    xs = np.linspace(-20, 20, 101)
    np.testing.assert_allclose(ch.d1(xs), land.grad(xs[:, None])[:, 0], rtol=1e-12, atol=1e-12)
    for x in xs[::10]:
        assert float(ch.d2(x)) == pytest.approx(float(land.hess(np.array([x]))[0, 0]), abs=1e-12)
        assert float(ch.d2(x)) == pytest.approx(_f2(x), abs=1e-12)


def test_model_matches_f_to_second_order():
    land = landscapes.rippled_bowl()
    for xk in (-20.0, -3.0, 7.5):
        h = 1e-3
        err = abs(float(ch.model(xk, xk + h)) - float(land.f(xk + h)))
        assert err < 3 * h ** 3 * 60  # third derivative of f is bounded by 1 + 9 + 25 + 49 < 90


def test_newton_path_matches_plain_python():
    path = ch.newton_path(-20.0, 0.0, 1000)
    assert path[-1] == pytest.approx(_XMAX, abs=1e-12)
    assert abs(path[3] - _XMAX) < 1e-7  # converges in 3 iterations


def test_fast_path_matches_newton_path():
    for x0 in (-20.0, -7.3, 0.5, 12.0):
        for alpha in (0.0, 0.01, 0.25, 13.0, 50.0):
            np.testing.assert_allclose(ch._fast_path(x0, alpha, 200), ch.newton_path(x0, alpha, 200),
                                       rtol=1e-12, atol=1e-12)


def test_end_points_match_optim_run():
    x0s = np.array([-20.0, -13.3, -2.0, 0.5, 9.9, 17.0])
    for alpha in (0.0, 0.3, 13.0):
        ends, _ = ch.end_points(x0s, alpha, steps=300)
        for x0, e in zip(x0s, ends, strict=True):
            ref = optim.run(optim.newton(alpha=alpha), landscapes.rippled_bowl(), x0=x0,
                            steps=300).x[-1, 0]
            assert e == pytest.approx(ref, abs=1e-9)


def test_article_sweep_matches_the_course_plan():
    s = ch.alpha_sweep()
    a, x, kind = s["alpha"], s["x_end"], s["kind"]
    big = a >= 0.36
    assert big.sum() == 23 and np.allclose(x[big], -19.2271, atol=1e-4) and (kind[big] == "minimum").all()
    small = a <= 0.175
    assert small.sum() == 46 and np.allclose(x[small], -18.7229, atol=1e-4)
    assert (kind[small] == "maximum").all()
    assert x[23] == pytest.approx(-20.8988, abs=1e-4) and kind[23] == "minimum"
    assert x[24] == pytest.approx(-16.8745, abs=1e-4) and kind[24] == "maximum"
    assert x[25] == pytest.approx(13.2682, abs=1e-4) and kind[25] == "minimum"
    for i in (0, 24, 40):
        assert x[i] == pytest.approx(_plain_newton(-20.0, a[i]), abs=1e-9)


def test_min_curvature():
    x, v = ch.min_curvature()
    assert v == pytest.approx(_min_f2(), abs=1e-9)
    with pytest.raises(ValueError, match="`lo` < `hi`"):
        ch.min_curvature(1.0, 0.0)


def test_cost_and_saddle():
    c = ch.newton_cost(10 ** 6)
    assert c["entries"] == 10 ** 12 and c["bytes"] == 8 * 10 ** 12
    assert c["flops"] == pytest.approx(1e18 / 3)
    nx, gx = ch.saddle_run()
    assert np.abs(nx[-1]).max() < 1e-12  # Newton: the saddle point (0, 0)
    assert gx[-1] == pytest.approx([0.0, 1.0], abs=1e-6)  # gradient descent: the minimum (0, 1)


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="alpha"):
        ch.newton_path(-20.0, alpha=-1.0)
    with pytest.raises(ValueError, match="x0s"):
        ch.end_points([])
    with pytest.raises(ValueError, match="steps"):
        ch.end_points([1.0], steps=0)
    with pytest.raises(ValueError, match="alphas"):
        ch.end_points_figure([0.0], alphas=(0, 1, 2, 3))


def test_figures_have_alt_text():
    fig = ch.model_figure()
    assert "local maximum" in fig.alt
    fig = ch.end_points_figure(np.linspace(-20, 20, 41))
    assert "plain Newton" in fig.alt


def test_corner_lrcourse_tab_runs():
    tab = [t for t in ch.newton_corner().tabs if t.label == "lrcourse"][0]
    ns = {}
    exec(tab.code, ns)  # noqa: S102 - the corner's own code
    assert ns["traj"].x[-1, 0] == pytest.approx(_XMAX, abs=1e-9)


def test_corner_torch_tab_runs():
    torch = pytest.importorskip("torch")
    tab = [t for t in ch.newton_corner().tabs if t.label == "PyTorch"][0]
    ns = {}
    exec(tab.code.replace("range(1000)", "range(20)"), ns)  # noqa: S102
    assert float(ns["x"][0]) == pytest.approx(_XMAX, abs=1e-9)
    assert torch is not None


def test_explorer_draws_for_every_grid_value():
    explorer = ch.newton_lab()
    for alpha in explorer.controls["alpha"]:
        for x0 in (-20.0, 0.0, 20.0):
            explorer.update(alpha=alpha, x0=x0)
            assert "α = " in explorer.describe()
    explorer.update(alpha=0.01, x0=-20.0)
    assert "-18.7229 (maximum)" in explorer.describe()
    explorer.update(alpha=13.0, x0=-20.0)
    assert "positive on all of [-20, 20]" in explorer.describe()


# -- the sign of f'' + alpha, shaded (issue 10) ------------------------------------------------


def _negative_runs(alpha, lo=-20.0, hi=20.0, h=1e-3):
    """Intervals where f'' + alpha < 0, from a fine grid and bisection (math module only)."""
    def g(x):
        return _f2(x) + alpha

    def root(a, b):
        for _ in range(60):
            m = 0.5 * (a + b)
            if (g(a) < 0) == (g(m) < 0):
                a = m
            else:
                b = m
        return 0.5 * (a + b)

    n = round((hi - lo) / h)
    xs = [lo + i * h for i in range(n + 1)]
    runs, start = [], (lo if g(lo) < 0 else None)
    for a, b in zip(xs, xs[1:], strict=False):
        if (g(a) < 0) != (g(b) < 0):
            x = root(a, b)
            if g(b) < 0:
                start = x
            else:
                runs.append((start, x))
                start = None
    if start is not None:
        runs.append((start, hi))
    return runs


def test_alpha_needed_is_minus_the_smallest_curvature():
    assert ch.alpha_needed() == pytest.approx(-_min_f2(), abs=1e-9)
    assert ch.alpha_needed(-17.0, -13.0) == pytest.approx(RIGHT["ch10-alpha-positive"], abs=1e-9)
    a = ch.alpha_needed()
    assert _negative_runs(a + 1e-6) == [] and len(_negative_runs(a - 1e-3)) > 0


@pytest.mark.parametrize("alpha", [0.0, 1.0, 12.0])
def test_negative_intervals_match_an_independent_computation(alpha):
    got = ch.negative_intervals(alpha, n=40001)
    ref = np.array(_negative_runs(alpha))
    assert got.shape == ref.shape
    np.testing.assert_allclose(got, ref, atol=1e-5)
    assert len(ch.negative_intervals(13.0)) == 0
    with pytest.raises(ValueError, match="alpha"):
        ch.negative_intervals(-1.0)


def test_explorer_shades_where_the_model_opens_downwards():
    from matplotlib.collections import PolyCollection

    ex = ch.newton_lab()
    polys = [a for a in ex._animated if isinstance(a, PolyCollection)]
    band, neg_fill = polys
    readout = {r.label: r.text for r in ex.readout()}
    assert readout["α needed for f'' + α > 0 on [-20, 20]"] == f"> {-_min_f2():.3f} (= −min f'')"
    for alpha in (1.0, 12.0):
        ex.update(alpha=alpha, x0=-20.0)
        ref = _negative_runs(alpha)
        strips = band.get_paths()
        assert len(strips) == len(ref) > 0
        for path, (a, b) in zip(strips, ref, strict=True):
            xs = path.vertices[:, 0]
            assert xs.min() == pytest.approx(a, abs=0.01) and xs.max() == pytest.approx(b, abs=0.01)
        dips = neg_fill.get_paths()
        assert len(dips) == len(ref) if alpha == 1.0 else len(dips) <= len(ref)
        lowest = min(p.vertices[:, 1].min() for p in dips)
        assert lowest == pytest.approx(_min_f2() + alpha, abs=0.05)
        assert max(p.vertices[:, 1].max() for p in dips) == 0.0
        assert f"on {len(ref)} intervals" in {r.label: r.text for r in ex.readout()}["f'' + α < 0"]
    ex.update(alpha=13.0)
    assert band.get_paths() == [] or all(len(p.vertices) == 0 for p in band.get_paths())
    assert {r.label: r.text for r in ex.readout()}["f'' + α < 0"] == "nowhere in [-20, 20]"
    # colour and style tell the two signs apart, with or without colour vision
    pos_line, neg_line = [a for a in ex._animated if a.axes is band.axes.figure.axes[1]
                          and not isinstance(a, PolyCollection)]
    assert pos_line.get_linestyle() != neg_line.get_linestyle()
    assert neg_fill.get_alpha() > 0 and neg_fill.get_facecolor()[0][0] > 0.5  # red
