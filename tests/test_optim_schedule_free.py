"""Schedule-free SGD against the authors' code and optax, and its contract."""

import json
from pathlib import Path

import numpy as np
import pytest

from lrcourse import schedules as S
from lrcourse.landscapes import quadratic
from lrcourse.optim import gd, run, schedule_free_sgd

DATA = json.loads((Path(__file__).parent / "fixtures" / "schedule_free_reference.json").read_text())
A = np.asarray(DATA["A"])


def _ours(params):
    names = {"momentum": "beta", "b1": "beta", "learning_rate": "lr"}
    kw = {names.get(k, k): v for k, v in params.items()}
    lr = kw.pop("lr")
    return run(schedule_free_sgd(lr, **kw), lambda x: A @ x, x0=DATA["x0"], steps=DATA["steps"])


AUTHORS = [c for c in DATA["cases"] if c["library"] == "schedulefree"]
OPTAX = [c for c in DATA["cases"] if c["library"] == "optax"]


@pytest.mark.parametrize("case", AUTHORS, ids=[str(c["params"]) for c in AUTHORS])
def test_matches_the_authors_code(case):
    traj = _ours(case["params"])
    np.testing.assert_allclose(traj.x, case["y"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(traj.x_eval, case["x"], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("case", OPTAX, ids=[str(c["params"]) for c in OPTAX])
def test_optax_agrees_without_warmup_and_counts_the_warmup_weight_one_step_ahead(case):
    traj = _ours(case["params"])
    if "warmup_steps" not in case["params"]:
        np.testing.assert_allclose(traj.x, case["y"], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(traj.x_eval, case["x"], rtol=1e-12, atol=1e-14)
    else:
        # The docstring's claim: optax moves z with lr * k / W (k from 0, so the first update
        # leaves z where it is) while the weight of the average uses lr * (k + 1) / W. The
        # authors (and lrcourse) use (k + 1) / W for both. Written out here as a plain loop:
        assert not np.allclose(traj.x, case["y"])
        w, lr = case["params"]["warmup_steps"], case["params"]["learning_rate"]
        beta = 0.9
        y = np.asarray(DATA["x0"], dtype=float)
        z, x, total, lr_max = y.copy(), y.copy(), 0.0, 0.0
        ys, xs = [y.copy()], [x.copy()]
        def warm(count):
            # optax's warmup_constant_schedule at its int32 step counter: float32 arithmetic,
            # (init - peak) * (1 - count / W) + peak
            f32 = np.float32
            frac = f32(1) - f32(min(count, w)) / f32(w)
            return float((f32(0) - f32(lr)) * frac + f32(lr))

        for k in range(DATA["steps"]):
            g = A @ y
            lr_max = max(lr_max, float(warm(k + 1)))
            total += lr_max ** 2
            c = lr_max ** 2 / total
            z = z - float(warm(k)) * g
            x = (1 - c) * x + c * z
            y = (1 - beta) * z + beta * x
            ys.append(y.copy())
            xs.append(x.copy())
        np.testing.assert_allclose(ys, case["y"], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(xs, case["x"], rtol=1e-12, atol=1e-14)


def test_with_a_constant_rate_the_average_is_the_mean_of_the_z_iterates():
    land = quadratic(condition_number=5.0, dim=2)
    opt = schedule_free_sgd(0.1, beta=0.7)
    state = opt.init([1.0, -1.0])
    zs = []
    for _ in range(25):
        state = opt.update(state, land.grad(state.x))
        zs.append(state.slots[0].copy())
    np.testing.assert_allclose(opt.eval_params(state), np.mean(zs, axis=0), rtol=1e-13)
    np.testing.assert_allclose(state.x, 0.3 * zs[-1] + 0.7 * np.mean(zs, axis=0), rtol=1e-13)


def test_a_schedule_rate_is_the_warmup_factor_times_the_schedule():
    plain = run(schedule_free_sgd(0.2, warmup_steps=4), lambda x: A @ x, x0=[1.0, 1.0], steps=9)
    sched = run(schedule_free_sgd(S.constant(0.2), warmup_steps=4), lambda x: A @ x,
                x0=[1.0, 1.0], steps=9)
    np.testing.assert_array_equal(plain.x, sched.x)
    np.testing.assert_array_equal(plain.x_eval, sched.x_eval)


def test_other_optimisers_evaluate_where_they_step():
    traj = run(gd(0.1), quadratic(dim=2), x0=[1.0, 1.0], steps=3)
    assert traj.x_eval is None and traj.loss_eval is None
    opt = gd(0.1)
    state = opt.init([1.0])
    assert opt.eval_params(state) is state.x


def test_loss_eval_is_the_loss_at_the_average():
    land = quadratic(condition_number=4.0, dim=2)
    traj = run(schedule_free_sgd(0.1), land, x0=[1.0, 2.0], steps=20)
    np.testing.assert_allclose(traj.loss_eval, land.f(traj.x_eval))
    assert traj.loss_eval.flags.writeable is False and traj.x_eval.flags.writeable is False


def test_a_diverged_run_has_nan_evaluation_points_after_divergence():
    traj = run(schedule_free_sgd(50.0), lambda x: 10 * x ** 3, x0=[1.0], steps=30)
    assert traj.diverged
    assert np.isnan(traj.x_eval[traj.diverged_at + 1:]).all()


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"lr": -0.1}, "lr"),
        ({"lr": 0.1, "beta": 0.0}, "beta"),
        ({"lr": 0.1, "beta": 1.0}, "beta"),
        ({"lr": 0.1, "beta": float("nan")}, "beta"),
        ({"lr": 0.1, "warmup_steps": -1}, "warmup_steps"),
        ({"lr": 0.1, "warmup_steps": 2.5}, "warmup_steps"),
        ({"lr": 0.1, "weight_lr_power": -1.0}, "weight_lr_power"),
        ({"lr": 0.1, "r": -0.5}, "r"),
        ({"lr": 0.1, "weight_decay": -1e-3}, "weight_decay"),
    ],
)
def test_bad_arguments_are_named(kwargs, name):
    lr = kwargs.pop("lr")
    with pytest.raises((TypeError, ValueError), match=f"`{name}`"):
        schedule_free_sgd(lr, **kwargs)


def test_eval_params_needs_a_state():
    with pytest.raises(TypeError, match="`state`"):
        schedule_free_sgd(0.1).eval_params([1.0])
