"""Chapter 9, Adam and friends: the module's computations, its explorer and its exercises.

``RIGHT`` holds a known-right answer for every exercise, computed here by
hand or with plain Python, independently of lrcourse.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_corner_optimizers import check_optimizer_tab

from lrcourse import exercises
from lrcourse.chapters import ch09_adam as ch


def _fprime(x):
    # the article's function f = (0.15x)^2 + cos x + sin 3x/3 + cos 5x/5 + sin 7x/7
    return 0.045 * x - math.sin(x) + math.cos(3 * x) - math.sin(5 * x) + math.cos(7 * x)


def _article_r_overflow_step(lr=2.0, b1=0.9, b2=0.999):
    x, s, r = -20.0, 0.0, 0.0
    for t in range(1, 2000):
        g = _fprime(x)
        s = (b1 * s + (1 - b1) * g) / (1 - b1**t)
        try:
            r = (b2 * r + (1 - b2) * g * g) / (1 - b2**t)
        except OverflowError:
            return t
        if math.isinf(r):
            return t
        x -= lr * s / (math.sqrt(r) + 1e-8)
    return None


RIGHT = {
    "ch09-first-adam-step": -20.0 + 0.1 * 1.0,  # f'(-20) < 0, step lr·sign(g) to the right
    "ch09-eps-hat-ratio": math.sqrt(1 - 0.999**5),
    "ch09-radam-rho": [199.0, 5],  # beta2 = 0.99: rho_4 = 3.975, rho_5 = 4.960 > 4 (paper)
    "ch09-overflow-step": float(_article_r_overflow_step(b2=0.9995)),
}


def test_right_covers_every_exercise():
    assert set(RIGHT) == set(ch.CHAPTER.exercises)


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_right_answers_pass(ex_id):
    assert exercises.check(ex_id, RIGHT[ex_id]).passed


def test_overflow_step_is_328():
    assert RIGHT["ch09-overflow-step"] == 224
    assert _article_r_overflow_step() == 328  # the lab's setting, beta2 = 0.999


def test_hints_for_the_usual_mistakes():
    assert "223 counts the updates from 0" in exercises.check("ch09-overflow-step", 223).message
    assert "forgot the - 1" in exercises.check("ch09-radam-rho", [200.0, 5]).message


def test_first_gradient_is_negative():
    assert _fprime(-20.0) < 0


def test_moment_history_matches_plain_python():
    h = ch.moment_history("article", 2.0, steps=5)
    x, s, r = -20.0, 0.0, 0.0
    for t in range(1, 6):
        g = _fprime(x)
        s = (0.9 * s + 0.1 * g) / (1 - 0.9**t)
        r = (0.999 * r + 0.001 * g * g) / (1 - 0.999**t)
        x -= 2.0 * s / (math.sqrt(r) + 1e-8)
        assert h["r"][t - 1] == pytest.approx(r, rel=1e-12)
        assert h["x"][t] == pytest.approx(x, rel=1e-12)


def test_fixed_history_records_corrected_moment():
    h = ch.moment_history("fixed", 2.0, steps=1)
    assert h["r"][0] == pytest.approx(_fprime(-20.0) ** 2, rel=1e-12)
    assert h["step"][0] == pytest.approx(2.0, rel=1e-7)


def test_sweep_facts():
    bug = ch.article_sweep("article")
    assert np.all(bug["overflow_at"] == 327)
    fixed = ch.article_sweep("fixed")
    assert np.all(fixed["overflow_at"] == -1) and np.all(fixed["max_abs_x"] <= 20.0 + 1e-12)
    fix09 = ch.article_sweep("article", beta2=0.9)
    assert np.all(fix09["max_abs_x"] > 700)


def test_eps_hat_factor_makes_frameworks_equal():
    from lrcourse import optim
    torch_like = optim.adam(0.1, eps=1e-3)
    for t in (1, 2, 10):
        keras_like = optim.adam(0.1, eps=1e-3 * float(ch.eps_hat_factor(t)), eps_hat=True)
        state = torch_like.init([1e-4])
        for k in range(t - 1):
            state = torch_like.update(state, 2 * state.x, k)
        a = torch_like.update(state, 2 * state.x, t - 1).x[0]
        b = keras_like.update(state, 2 * state.x, t - 1).x[0]
        assert a == pytest.approx(b, rel=1e-12)
        plain = optim.adam(0.1, eps=1e-3, eps_hat=True).update(state, 2 * state.x, t - 1).x[0]
        assert plain != pytest.approx(a, rel=1e-6)


def test_radam_rho_values():
    assert ch.radam_rho([1], 0.999)[0] == pytest.approx(1.0)
    assert ch.radam_rho([5], 0.999)[0] < 5 < ch.radam_rho([6], 0.999)[0]


def test_bad_arguments_name_the_argument():
    with pytest.raises(ValueError, match="variant"):
        ch.moment_history("wrong", 1.0)
    with pytest.raises(ValueError, match="`t` must be >= 1"):
        ch.eps_hat_factor(0)
    with pytest.raises(ValueError, match="lr"):
        ch.moment_history("fixed", -1.0)


def test_decay_comparison_shows_the_difference():
    runs = ch.decay_comparison(seeds=3, steps=2000)
    x1_l2 = runs["adam_l2"][:, -500:, 0].mean(axis=1)
    x1_w = runs["adamw"][:, -500:, 0].mean(axis=1)
    assert x1_l2.min() > x1_w.max()


def test_explorer_draws_for_every_grid_value():
    ex = ch.adam_bug_lab()
    for variant in ex.controls["variant"]:
        for lr in ex.controls["lr"]:
            ex.update(variant=variant, lr=lr)
            assert "η = " in ex.describe()
    ex.update(variant="article", beta2=0.999, lr=ex.controls["lr"][-1])
    assert "step 328" in ex.describe()


# -- framework corner ---------------------------------------------------------------------


@pytest.mark.parametrize("label", list(ch.CORNER_CALLS))
def test_every_corner_tab_is_checked(label):
    from lrcourse import landscapes

    tab = next(t for t in ch.adam_corner().tabs if t.label == label)
    # Keras rounds its betas and weight decay to float32: the plain lrcourse call in
    # the note agrees to about 7 digits (compat.optimizer_from_keras is exact).
    check_optimizer_tab(tab, ch.CORNER_CALLS[label], landscapes.rippled_bowl(), [-20.0],
                        steps=300, rtol=1e-6 if label == "Keras" else 1e-12)


def test_corner_defaults_differ_as_the_chapter_says():
    eps = {label: pairs[0][0].optimizer.params["eps"] for label, pairs in ch.CORNER_CALLS.items()}
    assert eps == {"PyTorch": 1e-8, "Keras": 1e-7, "optax": 1e-8}
    hat = {label: pairs[0][0].optimizer.params["eps_hat"]
           for label, pairs in ch.CORNER_CALLS.items()}
    assert hat == {"PyTorch": False, "Keras": True, "optax": False}
    wd = {label: (pairs[1][0].optimizer.params["weight_decay"],
                  pairs[1][0].optimizer.params["decoupled_weight_decay"])
          for label, pairs in ch.CORNER_CALLS.items()}
    assert wd == {"PyTorch": (0.01, True), "Keras": (pytest.approx(0.004, rel=1e-7), True),
                  "optax": (1e-4, True)}


def test_decay_left_is_the_closed_form():
    left = ch.decay_left(10_000)
    for label, (wd, frac) in left.items():
        if label == "Keras":  # Keras casts weight_decay to float32
            wd = float(np.float32(wd))
        assert frac == pytest.approx((1 - 0.001 * wd) ** 10_000, rel=1e-9), label
    assert left["PyTorch"][1] < left["Keras"][1] < left["optax"][1]
    with pytest.raises(ValueError, match="`x0` must be non-zero"):
        ch.decay_left(10, x0=0.0)
