"""Chapter 7: exercises' right answers, the two momentum forms, stability, the article's sweep."""

from __future__ import annotations

import ast
import math

import numpy as np
import pytest

from lrcourse import compat, exercises, optim
from lrcourse import schedules as S
from lrcourse.chapters import ch07_momentum as ch
from lrcourse.landscapes import rippled_bowl


def _article_grad(x):
    # f'(x) of the source article, written out (not from lrcourse)
    return 9 / 200 * x - math.sin(x) + math.cos(3 * x) - math.sin(5 * x) + math.cos(7 * x)


def _article_run(m, v0, lr=0.002, x=-20.0, steps=1000):
    # The article's loop: v = m*v - lr*df(x); x += v
    v = v0
    for _ in range(steps):
        v = m * v - lr * _article_grad(x)
        x += v
    return x


def _constant_gradient_x6(form):
    # f(x) = x, x0 = 0, mu = 0.9, lr 0.1 for updates 0..2 and 0.05 after
    x, buf = 0.0, 0.0
    for k in range(6):
        lr = 0.1 if k < 3 else 0.05
        if form == "torch":
            buf = 0.9 * buf + 1.0
            x -= lr * buf
        else:
            buf = 0.9 * buf - lr * 1.0
            x += buf
    return x


#: Known-right answers, from closed forms and plain-Python loops (not from lrcourse).
RIGHT = {
    # 2(1 + mu)/a with f = 2 x^2 = a x^2 / 2, a = 4 (the chapter prints mu = 0.9's 0.95)
    "ch07-largest-stable-rate": 2 * (1 + 0.7) / 4,
    # v = mu v - lr g  ->  |v| = lr g / (1 - mu)
    "ch07-effective-rate": 0.01 * 2 / (1 - 0.95),
    # sum_{k>=0} mu^(k+1) = mu / (1 - mu)
    "ch07-kick-displacement": 0.8 / 0.2,
    "ch07-article-ends": [_article_run(0.9, 1.0, x=-10.0), _article_run(0.9, 0.0, x=-10.0)],
    "ch07-port-rate-drop": [_constant_gradient_x6("keras"), _constant_gradient_x6("torch")],
}


def test_right_answers_are_what_the_chapter_says():
    assert RIGHT["ch07-largest-stable-rate"] == pytest.approx(0.85)
    assert "mu = 0.9" in exercises.check("ch07-largest-stable-rate", 0.95).message
    assert RIGHT["ch07-kick-displacement"] == pytest.approx(4.0)
    assert "0.9375" in exercises.check("ch07-kick-displacement", 15.0).message  # the chapter's value
    assert _article_run(0.9375, 1.0) == pytest.approx(-2.9345, abs=1e-4)  # the chapter's table
    assert _article_run(0.9375, 0.0) == pytest.approx(-19.2271, abs=1e-4)
    assert RIGHT["ch07-article-ends"] == pytest.approx([-2.1448, -9.1944], abs=1e-4)
    keras, torch = RIGHT["ch07-port-rate-drop"]
    assert torch > keras  # PyTorch slows down at once: it ends closer to 0


# -- the two forms -------------------------------------------------------------------------

LAND = rippled_bowl()


@pytest.mark.parametrize("form", ["torch", "keras"])
@pytest.mark.parametrize("drop_at", [None, 0, 7, 120])
def test_heavy_ball_matches_lrcourse_optim(form, drop_at):
    lr = 0.01 if drop_at is None else S.piecewise_constant([drop_at], values=[0.01, 0.005],
                                                           switch_at_boundary=True)
    run = ch.heavy_ball(LAND.grad, -20.0, lr=0.01, momentum=0.9, steps=300, drop_at=drop_at)
    ref = optim.run(optim.momentum(lr, momentum=0.9, form=form), LAND, x0=-20.0, steps=300)
    row = 0 if form == "torch" else 1
    np.testing.assert_allclose(run["x"][row, :, 0], ref.x[:, 0], rtol=1e-12, atol=1e-12)


def test_heavy_ball_with_initial_velocity_matches_the_variant():
    run = ch.heavy_ball(LAND.grad, -20.0, lr=0.002, momentum=0.9375, steps=1000, v0=1.0)
    ref = optim.run(optim.momentum_with_initial_velocity(0.002, momentum=0.9375), LAND,
                    x0=-20.0, steps=1000)
    np.testing.assert_allclose(run["x"][1, :, 0], ref.x[:, 0], rtol=1e-12, atol=1e-12)
    # The PyTorch form with b_{-1} = -v0/lr takes the same steps while the rate is constant.
    np.testing.assert_allclose(run["x"][0], run["x"][1], rtol=1e-9, atol=1e-9)


def test_forms_agree_until_the_rate_drops_then_differ():
    run = ch.heavy_ball(lambda x: np.ones_like(x), 0.0, lr=0.1, momentum=0.9, steps=20,
                        drop_at=10)
    s = run["step"][:, :, 0]
    np.testing.assert_allclose(s[0, :10], s[1, :10], rtol=1e-13)
    assert np.all(np.abs(s[0, 10:]) < np.abs(s[1, 10:]))  # PyTorch: the whole buffer slows
    # PyTorch halves the step at once (the same buffer times a halved rate) ...
    b9 = sum(0.9**j for j in range(10))
    assert s[0, 10] == pytest.approx(-0.05 * (0.9 * b9 + 1))
    # ... Keras keeps the old steps in its velocity.
    assert s[1, 10] == pytest.approx(0.9 * s[1, 9] - 0.05)


def test_lab_pair_is_heavy_ball():
    valley = ch.valley()
    for args in [(0.01, 0.9, 1.0, 200), (0.05, 0.984375, 0.0, 50), (0.002, 0.0, 1.0, 1000)]:
        lr, mu, v0, n = args
        for name, land, x0 in (("article", LAND, [-20.0]), ("valley", valley, [-8.0, 1.0])):
            a = ch.lab_pair(name, lr=lr, momentum=mu, v0=v0, drop_at=n)
            b = ch.heavy_ball(land.grad, x0, lr=lr, momentum=mu, steps=1000, v0=v0,
                              drop_at=None if n >= 1000 else n)
            np.testing.assert_allclose(a["x"], b["x"], rtol=1e-12, atol=1e-12)
            np.testing.assert_allclose(a["step"], b["step"], rtol=1e-12, atol=1e-12)


def test_lab_pair_marks_a_divergence_with_nan():
    run = ch.lab_pair("valley", lr=0.05, momentum=0.0, v0=1.0, drop_at=1000, steps=50)
    assert np.all(np.isfinite(run["x"]))  # at the limit: x2 flips sign, |x2| stays
    big = ch.heavy_ball(lambda x: 40.0 * x, [1.0], lr=0.2, momentum=0.0, steps=400)
    assert not np.all(np.isfinite(big["x"]))


# -- stability and the effective rate --------------------------------------------------------


@pytest.mark.parametrize("mu", [0.0, 0.5, 0.9, 0.99])
@pytest.mark.parametrize("a", [0.5, 4.0, 40.0])
def test_stability_limit_is_2_1_plus_mu_over_a(a, mu):
    lo, hi = 0.0, 10.0 / a
    for _ in range(60):  # bisection on "spectral radius < 1"
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if ch.spectral_radius(mid, a, mu) < 1 - 1e-12 else (lo, mid)
    assert lo == pytest.approx(2 * (1 + mu) / a, rel=1e-6)
    assert ch.largest_stable_lr(a, mu) == pytest.approx(2 * (1 + mu) / a)


@pytest.mark.parametrize("mu", [0.0, 0.5, 0.9])
def test_nesterov_limit_by_bisection_and_by_running_lrcourse(mu):
    a = 40.0
    lo, hi = 0.0, 10.0 / a
    for _ in range(60):
        mid = (lo + hi) / 2
        ok = ch.spectral_radius(mid, a, mu, nesterov=True) < 1 - 1e-12
        lo, hi = (mid, hi) if ok else (lo, mid)
    limit = ch.largest_stable_lr(a, mu, nesterov=True)
    assert lo == pytest.approx(limit, rel=1e-6)
    for form in ("torch", "keras"):
        below = optim.run(optim.nesterov(0.97 * limit, momentum=mu, form=form),
                          lambda x: a * x, x0=[1.0], steps=3000)
        above = optim.run(optim.nesterov(1.03 * limit, momentum=mu, form=form),
                          lambda x: a * x, x0=[1.0], steps=3000)
        assert abs(below.final[0]) < 1e-3
        assert above.diverged or abs(above.final[0]) > 1e3


def test_steady_step_is_reached_under_a_constant_gradient():
    run = ch.heavy_ball(lambda x: 2.0 * np.ones_like(x), 0.0, lr=0.01, momentum=0.95, steps=2000)
    np.testing.assert_allclose(run["step"][:, -1, 0], ch.steady_step(0.01, 0.95, 2.0), rtol=1e-9)


def test_kick_displacement_is_mu_over_one_minus_mu():
    run = ch.heavy_ball(lambda x: np.zeros_like(x), 0.0, lr=0.002, momentum=0.9375, steps=2000,
                        v0=1.0)
    assert run["x"][1, -1, 0] == pytest.approx(15.0, rel=1e-9)
    assert ch.kick_displacement(1.0, 0.9375) == 15.0


# -- the article's sweep ---------------------------------------------------------------------


def test_article_sweep_kick_not_momentum_gives_the_best_run():
    best = float(LAND.minimisers[0][0])
    kicked = ch.article_sweep(v0=1.0)
    plain = ch.article_sweep(v0=0.0)
    for got, m in zip(kicked, ch.ARTICLE_MOMENTA, strict=True):
        assert got == pytest.approx(_article_run(m, 1.0), abs=1e-6)
    assert kicked[4] == pytest.approx(best, abs=1e-3)  # m = 0.9375
    momenta = np.array(ch.ARTICLE_MOMENTA)
    assert np.allclose(plain[momenta <= 0.985], -19.2271, atol=1e-3)
    assert not np.any(np.abs(plain - best) < 0.1)


# -- the race --------------------------------------------------------------------------------


def test_race_runs_all_starts_at_once_like_single_runs():
    out = ch.race([-20.0, -3.0, 7.5], steps=200)
    assert len(out) == 7
    for label, opt in ch.race_optimizers().items():
        for i, x0 in enumerate([-20.0, -3.0, 7.5]):
            one = optim.run(opt, LAND, x0=x0, steps=200).final[0]
            assert out[label][i] == pytest.approx(one, rel=1e-12, abs=1e-12), label


def test_race_hyperparameters_are_visible_and_adjustable():
    labels = list(ch.race_optimizers(adam_lr=0.5, momentum=0.5))
    assert "Adam, lr = 0.5, β1 = 0.9, β2 = 0.999" in labels
    assert any("μ = 0.5" in k for k in labels)
    with pytest.raises(TypeError, match="Unknown hyperparameter `lr`"):
        ch.race_optimizers(lr=0.1)
    fig = ch.plot_race(np.linspace(-20, 20, 9), steps=50)
    assert "of 9 starts" in fig.alt


def test_noisy_runs_momentum_beats_gd_and_gd_at_the_effective_rate_diverges():
    gd = ch.noisy_runs(0.1, seeds=4, steps=400)
    hb = ch.noisy_runs(0.1, momentum=0.9, seeds=4, steps=400)
    fast = ch.noisy_runs(1.0, seeds=2, steps=400)
    assert np.median(hb[:, -100:].mean(axis=1)) < np.median(gd[:, -100:].mean(axis=1))
    assert not np.all(np.isfinite(fast[:, -1])) or np.all(fast[:, -1] > 1e6)


# -- helpers and errors ----------------------------------------------------------------------


def test_decimate_keeps_the_envelope():
    rng = np.random.default_rng(0)
    y = rng.standard_normal(1000)
    t = np.arange(1000.0)
    td, yd = ch.decimate(t, y)
    assert len(yd) == 400
    assert yd.max() == y.max() and yd.min() == y.min()
    assert np.all(np.diff(td) > 0)
    y[17] = np.nan
    assert np.isnan(ch.decimate(t, y)[1]).sum() == 2


@pytest.mark.parametrize(
    ("kwargs", "exc", "pattern"),
    [
        ({"lr": 0}, ValueError, "Argument `lr` must be > 0"),
        ({"momentum": 1.0}, ValueError, "Argument `momentum` must be < 1"),
        ({"steps": 0}, ValueError, "Argument `steps` must be >= 1"),
        ({"drop_at": -1}, ValueError, "Argument `drop_at` must be >= 0"),
        ({"drop_factor": 0}, ValueError, "Argument `drop_factor` must be > 0"),
        ({"x0": float("nan")}, ValueError, "Argument `x0` must be finite"),
    ],
)
def test_heavy_ball_bad_arguments(kwargs, exc, pattern):
    args = {"x0": 0.0, "lr": 0.1, "momentum": 0.9, "steps": 3, **kwargs}
    with pytest.raises(exc, match=pattern):
        ch.heavy_ball(lambda x: x, args.pop("x0"), **args)


# -- framework corner ------------------------------------------------------------------------


@pytest.mark.parametrize("nesterov", [False, True])
def test_corner_code_is_the_optimiser_lrcourse_runs(nesterov):
    corner = ch.momentum_corner(lr=0.01, momentum=0.9, nesterov=nesterov)
    torch_code, keras_code, optax_code = (tab.text for tab in corner.tabs)
    for code in (torch_code, keras_code, optax_code):
        ast.parse(code)
    call = ast.parse(torch_code).body[0].value
    torch_kw = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    call = ast.parse(keras_code).body[0].value
    keras_kw = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    t = optim.run(compat.optimizer_from_torch("SGD", **torch_kw), LAND, x0=-20.0, steps=200)
    k = optim.run(compat.optimizer_from_keras("SGD", **keras_kw), LAND, x0=-20.0, steps=200)
    ref = optim.run(optim.momentum(0.01, momentum=0.9, nesterov=nesterov), LAND, x0=-20.0,
                    steps=200)
    np.testing.assert_allclose(t.x, ref.x, rtol=1e-12)
    np.testing.assert_allclose(k.x, ref.x, rtol=1e-6)  # Keras rounds momentum to float32
