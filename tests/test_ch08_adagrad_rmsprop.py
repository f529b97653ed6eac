"""Chapter 8: exercises' right answers, the three forms of sigma, the lab and the corner."""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_corner_optimizers import check_optimizer_tab

from lrcourse import exercises, optim
from lrcourse.chapters import ch08_adagrad_rmsprop as ch

#: Known-right answers, from the closed-form formulas (not from lrcourse).
RIGHT = {
    # AdaGrad, g = 2: sigma_k = 2 sqrt(k + 1), step = 0.1 / sqrt(k + 1)
    "ch08-adagrad-constant-gradient": [0.1 / math.sqrt(k) for k in (1, 2, 3, 4)],
    # RMSProp without bias correction: s_t = (1 - 0.9^t) g^2
    "ch08-rmsprop-step-ratio": [1 / math.sqrt(1 - 0.9**t) for t in (1, 2, 3)],
    # Keras RMSprop: var - lr g / sqrt(0.1 g^2 + 1e-7), g = 10
    "ch08-keras-rmsprop-one-step": 10 - 0.1 * 10 / math.sqrt(10 + 1e-7),
    # Keras Adagrad: start 0.1, eps inside the root
    "ch08-keras-adagrad-first-step": 1 - 0.1 / math.sqrt(1.1 + 1e-7),
}


def test_right_covers_every_exercise():
    assert set(RIGHT) == set(ch.CHAPTER.exercises)


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_right_answers_pass(ex_id):
    assert exercises.check(ex_id, RIGHT[ex_id]).passed


def test_hint_for_the_mean_form():
    msg = exercises.check("ch08-adagrad-constant-gradient", [0.1] * 4).message
    assert "MEAN" in msg


def test_hint_for_bias_correction():
    msg = exercises.check("ch08-rmsprop-step-ratio", [1.0, 1.0, 1.0]).message
    assert "bias" in msg


QUAD = ch.VALLEY


@pytest.mark.parametrize(("eps", "inside", "acc0"), [(1e-10, False, 0.0), (1e-7, True, 0.1),
                                             (1e-3, False, 1.0)])
def test_sum_form_is_lrcourse_adagrad(eps, inside, acc0):
    a = ch.adaptive_run(QUAD.grad, ch.VALLEY_X0, lr=0.3, form="sum", eps=eps,
                        eps_inside_sqrt=inside, initial_accumulator=acc0, steps=300)
    b = optim.run(optim.adagrad(0.3, eps=eps, eps_inside_sqrt=inside, initial_accumulator=acc0),
                  QUAD.grad, x0=ch.VALLEY_X0, steps=300)
    np.testing.assert_allclose(a["x"][:, 0, :], b.x, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize(("rho", "eps", "inside"), [(0.9, 1e-8, False), (0.99, 1e-7, True),
                                            (0.5, 1e-3, False)])
def test_ema_form_is_lrcourse_rmsprop(rho, eps, inside):
    a = ch.adaptive_run(QUAD.grad, ch.VALLEY_X0, lr=0.3, form="ema", rho=rho, eps=eps,
                        eps_inside_sqrt=inside, steps=300)
    b = optim.run(optim.rmsprop(0.3, rho=rho, eps=eps, eps_inside_sqrt=inside),
                  QUAD.grad, x0=ch.VALLEY_X0, steps=300)
    np.testing.assert_allclose(a["x"][:, 0, :], b.x, rtol=1e-12, atol=1e-300)


def test_mean_form_with_inv_sqrt_rate_is_adagrad():
    mean = ch.adaptive_run(QUAD.grad, ch.VALLEY_X0, lr=ch.lab_schedule("inv_sqrt", 0.3),
                           form="mean", eps=0.0, steps=200)
    total = ch.adaptive_run(QUAD.grad, ch.VALLEY_X0, lr=0.3, form="sum", eps=0.0, steps=200)
    np.testing.assert_allclose(mean["x"], total["x"], rtol=1e-12, atol=1e-300)


def test_mean_form_by_hand():
    # constant gradient 2: s_k = 4 for every k, step = lr * 2 / 2 = lr
    r = ch.adaptive_run(lambda x: np.full_like(x, 2.0), [0.0], lr=0.1, form="mean", eps=0.0,
                        steps=5)
    np.testing.assert_allclose(np.diff(r["x"][:, 0, 0]), -0.1, rtol=1e-14)


def test_noise_is_seeded():
    a = ch.adaptive_run(QUAD.grad, ch.VALLEY_X0, lr=0.1, steps=5, noise=1.0, seed=3)
    b = ch.adaptive_run(QUAD.grad, ch.VALLEY_X0, lr=0.1, steps=5, noise=1.0, seed=3)
    np.testing.assert_array_equal(a["x"], b["x"])
    np.testing.assert_allclose(a["grad"][0] - QUAD.grad(np.atleast_2d(ch.VALLEY_X0)),
                                  np.random.default_rng(3).standard_normal((5, 1, 2))[0], rtol=1e-12)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"form": "root"}, "form"), ({"rho": 1.0}, "rho"), ({"eps": -1.0}, "eps"),
    ({"initial_accumulator": -0.1}, "initial_accumulator"), ({"steps": 0}, "steps"),
    ({"lr": -1.0}, "lr"), ({"noise": -1.0}, "noise"), ({"eps_inside_sqrt": 1}, "eps_inside_sqrt"),
])
def test_adaptive_run_rejects_bad_input(kwargs, match):
    args = {"lr": 0.1, **kwargs}
    with pytest.raises((TypeError, ValueError), match=match):
        ch.adaptive_run(QUAD.grad, ch.VALLEY_X0, **args)


def test_lab_schedule_values_and_errors():
    assert float(ch.lab_schedule("inv_sqrt", 0.3)(8)) == pytest.approx(0.1, rel=1e-14)
    assert float(ch.lab_schedule("cosine", 0.3)(1000)) == pytest.approx(0.0, abs=1e-15)
    with pytest.raises(ValueError, match="schedule"):
        ch.lab_schedule("step", 0.3)


def test_first_step_is_lr_in_pytorch_adagrad():
    assert ch.first_step(optim.adagrad(0.1), g=7.0) == pytest.approx(0.1, rel=1e-9)


def test_lab_shows_the_three_behaviours():
    sum_c = ch.lab_run("valley", "sum", 0.9, 1e-7, False, 0.0, "constant")
    mean_c = ch.lab_run("valley", "mean", 0.9, 1e-7, False, 0.0, "constant")
    mean_cos = ch.lab_run("valley", "mean", 0.9, 1e-7, False, 0.0, "cosine")
    ema_c = ch.lab_run("valley", "ema", 0.9, 1e-7, False, 0.0, "constant")
    assert sum_c["end"][0] > 0.2 and sum_c["bursts"] == 0
    assert mean_c["bursts"] > 50 and mean_cos["bursts"] == 0
    np.testing.assert_allclose(ema_c["ptp"], 0.3, rtol=0.02)


def test_lab_rejects_unknown_landscape():
    with pytest.raises(ValueError, match="landscape"):
        ch.lab_run("bowl", "sum", 0.9, 1e-7, False, 0.0, "constant")


def test_explorer_draws_every_form_and_landscape():
    ex = ch.valley_lab()
    for land in ex.controls["landscape"]:
        for form in ex.controls["form"]:
            ex.update(landscape=land, form=form)
            assert "steps on the" in ex.describe()
            assert len(ex.readout()) == 4


@pytest.mark.parametrize("label", list(ch.CORNER_CALLS))
def test_every_corner_tab_is_checked(label):
    corner = ch.optimizer_corner()
    tab = next(t for t in corner.tabs if t.label == label)
    check_optimizer_tab(tab, ch.CORNER_CALLS[label], QUAD.grad, ch.VALLEY_X0)


def test_corner_has_a_tab_per_framework():
    assert [t.label for t in ch.optimizer_corner().tabs] == ["PyTorch", "Keras", "optax"]


@pytest.mark.parametrize("land", ["valley", "rippled"])
def test_lab_grid_rows_equal_their_own_runs(land):
    grid = ch._grid_runs(land)
    lr0 = ch.VALLEY_LR if land == "valley" else ch.RIPPLED_LR
    for combo in [("sum", 0.5, 1e-7, False, 0.0, "constant"),
                  ("mean", 0.5, 1e-3, True, 0.1, "cosine"),
                  ("ema", 0.99, 1e-7, True, 1.0, "inv_sqrt"),
                  ("ema", 0.8, 1e-3, False, 0.0, "constant")]:
        form, rho, eps, inside, acc0, sched = combo
        if land == "valley":
            r = ch.adaptive_run(ch.VALLEY.grad, ch.VALLEY_X0, lr=ch.lab_schedule(sched, lr0),
                                form=form, rho=rho, eps=eps, eps_inside_sqrt=inside,
                                initial_accumulator=acc0, steps=ch.LAB_STEPS,
                                noise=ch.LAB_NOISE)
        else:
            r = ch.adaptive_run(ch.RIPPLED.grad, ch.RIPPLED_X0, lr=ch.lab_schedule(sched, lr0),
                                form=form, rho=rho, eps=eps, eps_inside_sqrt=inside,
                                initial_accumulator=acc0, steps=ch.LAB_STEPS)
        i = grid["index"][combo]
        np.testing.assert_allclose(grid["x"][:, i, :], r["x"][:, 0, :], rtol=1e-12, atol=1e-300)


def test_lab_run_rejects_values_off_the_grid():
    with pytest.raises(ValueError, match="LAB_GRID"):
        ch.lab_run("valley", "ema", 0.7, 1e-7, False, 0.0, "constant")
