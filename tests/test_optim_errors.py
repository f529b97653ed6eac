"""Bad hyperparameters raise clear errors (argument, rule, value received)."""

from __future__ import annotations

import numpy as np
import pytest

from lrcourse import optim as O
from lrcourse import schedules
from lrcourse.compat import optimizer_from_keras, optimizer_from_torch
from lrcourse.landscapes import quadratic, rippled_bowl

BAD = [
    # (callable, exception, message regex)
    (lambda: O.gd(-0.1), ValueError, r"Argument `lr` must be >= 0. Received: lr=-0.1"),
    (lambda: O.gd("0.1"), TypeError, r"Argument `lr` must be a real number"),
    (lambda: O.gd(float("nan")), ValueError, r"Argument `lr` must be a finite number"),
    (lambda: O.gd(0.1, weight_decay=-1.0), ValueError, r"`weight_decay` must be >= 0"),
    (lambda: O.gd(0.1, decoupled_weight_decay=1), TypeError,
     r"`decoupled_weight_decay` must be True or False"),
    (lambda: O.momentum(0.1, momentum=1.0), ValueError,
     r"`momentum` must be < 1. Received: momentum=1.0"),
    (lambda: O.momentum(0.1, momentum=-0.5), ValueError, r"`momentum` must be >= 0"),
    (lambda: O.momentum(0.1, form="tf"), ValueError,
     r"`form` must be one of 'torch', 'keras'"),
    (lambda: O.momentum(0.1, dampening=1.0), ValueError, r"`dampening` must be < 1"),
    (lambda: O.momentum(0.1, form="keras", dampening=0.1), ValueError,
     r"`dampening` must be 0 with form='keras'"),
    (lambda: O.momentum(0.1, nesterov=True, dampening=0.1), ValueError,
     r"`dampening` must be 0 with nesterov=True"),
    (lambda: O.momentum(0.1, nesterov="yes"), TypeError, r"`nesterov` must be True or False"),
    (lambda: O.nesterov(0.1, momentum=2.0), ValueError, r"`momentum` must be < 1"),
    (lambda: O.adagrad(0.1, eps=-1e-8), ValueError, r"`eps` must be >= 0"),
    (lambda: O.adagrad(0.1, initial_accumulator=-1.0), ValueError,
     r"`initial_accumulator` must be >= 0"),
    (lambda: O.adagrad(0.1, lr_decay=-0.1), ValueError, r"`lr_decay` must be >= 0"),
    (lambda: O.adagrad(0.1, eps_inside_sqrt=None), TypeError, r"`eps_inside_sqrt` must be True"),
    (lambda: O.rmsprop(0.1, rho=1.0), ValueError, r"`rho` must be < 1. Received: rho=1.0"),
    (lambda: O.rmsprop(0.1, centered=0), TypeError, r"`centered` must be True or False"),
    (lambda: O.rmsprop(0.1, momentum=1.5), ValueError, r"`momentum` must be < 1"),
    (lambda: O.rmsprop(0.1, momentum_form="tf"), ValueError, r"`momentum_form` must be one of"),
    (lambda: O.adadelta(rho=-0.1), ValueError, r"`rho` must be >= 0"),
    (lambda: O.adadelta(eps="small"), TypeError, r"`eps` must be a real number"),
    (lambda: O.adam(0.1, beta1=1.0), ValueError,
     r"Argument `beta1` must be < 1. Received: beta1=1.0"),
    (lambda: O.adam(0.1, beta2=1.0), ValueError,
     r"Argument `beta2` must be < 1. Received: beta2=1.0"),
    (lambda: O.adam(0.1, eps=-1.0), ValueError, r"`eps` must be >= 0"),
    (lambda: O.adam(0.1, amsgrad="no"), TypeError, r"`amsgrad` must be True or False"),
    (lambda: O.adam(0.1, eps_hat=1), TypeError, r"`eps_hat` must be True or False"),
    (lambda: O.amsgrad(-1.0), ValueError, r"`lr` must be >= 0"),
    (lambda: O.adamw(0.1, weight_decay=-0.01), ValueError, r"`weight_decay` must be >= 0"),
    (lambda: O.radam(0.1, beta2=1.2), ValueError, r"`beta2` must be < 1"),
    (lambda: O.newton(alpha=-1.0), ValueError, r"`alpha` must be >= 0"),
    (lambda: O.regularised_newton("a"), TypeError, r"`alpha` must be a real number"),
    (lambda: O.adam_compounded_bias_correction(0.1, beta2=1.0), ValueError,
     r"`beta2` must be < 1"),
    (lambda: O.momentum_with_initial_velocity(0.002, momentum=1.0), ValueError,
     r"`momentum` must be < 1"),
    (lambda: O.momentum_with_initial_velocity(0.002, momentum=0.5, v0=float("inf")), ValueError,
     r"`v0` must be a finite number"),
    # run()
    (lambda: O.run("adam", lambda x: x, 0.0, 10), TypeError, r"`optimizer` must be an lrcourse"),
    (lambda: O.run(O.gd(0.1), lambda x: x, 0.0, -1), ValueError, r"`steps` must be >= 0"),
    (lambda: O.run(O.gd(0.1), lambda x: x, 0.0, 2.0), TypeError, r"`steps` must be an integer"),
    (lambda: O.run(O.gd(0.1), 3, 0.0, 2), TypeError, r"`grad` must be a function"),
    (lambda: O.run(O.gd(0.1), lambda x: x, [np.nan], 2), ValueError, r"`x0` must be finite"),
    (lambda: O.run(O.gd(0.1), lambda x: x, [], 2), ValueError, r"`x0` must have at least one"),
    (lambda: O.run(O.gd(0.1), lambda x: x, True, 2), TypeError, r"`x0` must be a number"),
    (lambda: O.run(O.gd(0.1), lambda x: np.zeros(3), [1.0, 2.0], 2), ValueError,
     r"must return an array of the shape of x \(2,\)"),
    (lambda: O.run(O.newton(), lambda x: x, [1.0], 2), ValueError, r"`hess` must be given"),
    (lambda: O.run(O.gd(0.1), lambda x: x, 1.0, 2, on_divergence="warn"), ValueError,
     r"`on_divergence` must be one of 'flag', 'raise'"),
    (lambda: O.run(O.gd(schedules.constant(0.1)), lambda x: x, 1.0, 2, hess=3), TypeError,
     r"`hess` must be a function"),
    # schedules attached to hyperparameters are checked when the run starts
    (lambda: O.run(O.gd(lambda k: float("nan")), lambda x: x, 1.0, 3), ValueError,
     r"The schedule given as `lr` must give values that are finite and >= 0. "
     r"Received: lr\(0\)=nan"),
    (lambda: O.run(O.momentum(0.1, momentum=lambda k: 0.5 + 0.25 * k), lambda x: x, 1.0, 5),
     ValueError,
     r"schedule given as `momentum` must give values that are finite and >= 0 and < 1. "
     r"Received: momentum\(2\)=1.0"),
    (lambda: O.run(O.gd(lambda k: "x"), lambda x: x, 1.0, 3), TypeError,
     r"The schedule given as `lr` must return a real number"),
    # update()
    (lambda: O.gd(0.1).update((1.0, 0, ()), np.zeros(1)), TypeError,
     r"`state` must be an OptState"),
    (lambda: O.gd(0.1).update(O.gd(0.1).init([1.0, 2.0]), np.zeros(3)), ValueError,
     r"`g` must have the shape of the parameters \(2,\)"),
    (lambda: O.newton().update(O.newton().init([1.0]), np.zeros(1)), ValueError,
     r"`hess` must be given"),
    (lambda: O.newton().update(O.newton().init([1.0, 2.0]), np.zeros(2), hess=np.eye(3)),
     ValueError, r"`hess` must have shape \(2, 2\)"),
    (lambda: O.gd(0.1).update(O.gd(0.1).init([1.0]), np.zeros(1), k=-1), ValueError,
     r"`k` must be >= 0"),
    # compat: PyTorch
    (lambda: optimizer_from_torch("Adamax"), ValueError,
     r"Unknown PyTorch \(torch.optim\) optimizer 'Adamax'. Accepted names: Adadelta, Adagrad"),
    (lambda: optimizer_from_torch("SGD", lr=0.1, foreach=False), TypeError,
     r"PyTorch \(torch.optim\) SGD got unknown parameter\(s\) 'foreach'. Accepted parameters: "
     r"lr, momentum"),
    (lambda: optimizer_from_torch("SGD", lr=-1.0), ValueError, r"`lr` must be >= 0"),
    (lambda: optimizer_from_torch("SGD", lr=0.1, nesterov=True), ValueError,
     r"Nesterov momentum requires a momentum and zero dampening"),
    (lambda: optimizer_from_torch("SGD", lr=0.1, momentum=0.9, dampening=0.1, nesterov=True),
     ValueError, r"Nesterov momentum requires a momentum and zero dampening"),
    (lambda: optimizer_from_torch("Adagrad", lr_decay=-1.0), ValueError,
     r"`lr_decay` must be >= 0"),
    (lambda: optimizer_from_torch("RMSprop", alpha=1.0), ValueError,
     r"Argument `alpha` must be < 1. Received: alpha=1.0"),
    (lambda: optimizer_from_torch("Adam", betas=0.9), TypeError, r"`betas` must be a pair"),
    (lambda: optimizer_from_torch("Adam", betas=(0.9, 1.0)), ValueError,
     r"Argument `betas\[1\]` must be < 1"),
    (lambda: optimizer_from_torch("AdamW", betas=(1.5, 0.999)), ValueError,
     r"Argument `betas\[0\]` must be < 1"),
    (lambda: optimizer_from_torch("AdamW", weight_decay=-0.1), ValueError,
     r"`weight_decay` must be >= 0"),
    (lambda: optimizer_from_torch("Adadelta", rho=1.0), ValueError, r"`rho` must be < 1"),
    (lambda: optimizer_from_torch("RAdam", eps=-1.0), ValueError, r"`eps` must be >= 0"),
    # compat: Keras
    (lambda: optimizer_from_keras("Nadam"), ValueError,
     r"Unknown Keras \(keras.optimizers\) optimizer 'Nadam'. Accepted names: Adagrad, Adam"),
    (lambda: optimizer_from_keras("SGD", lr=0.1), TypeError,
     r"SGD got unknown parameter\(s\) 'lr'. Accepted parameters: learning_rate"),
    (lambda: optimizer_from_keras("SGD", momentum=1.0), ValueError, r"`momentum` must be < 1"),
    (lambda: optimizer_from_keras("SGD", learning_rate=-0.1), ValueError,
     r"Argument `learning_rate` must be >= 0"),
    (lambda: optimizer_from_keras("Adagrad", epsilon=-1.0), ValueError,
     r"Argument `epsilon` must be >= 0"),
    (lambda: optimizer_from_keras("Adagrad", initial_accumulator_value=-0.1), ValueError,
     r"`initial_accumulator_value` must be >= 0"),
    (lambda: optimizer_from_keras("RMSprop", rho=1.0), ValueError, r"`rho` must be < 1"),
    (lambda: optimizer_from_keras("RMSprop", centered="yes"), TypeError,
     r"`centered` must be True"),
    (lambda: optimizer_from_keras("Adam", beta_1=1.0), ValueError,
     r"Argument `beta_1` must be < 1. Received: beta_1=1.0"),
    (lambda: optimizer_from_keras("Adam", beta_2=-0.1), ValueError, r"`beta_2` must be >= 0"),
    (lambda: optimizer_from_keras("AdamW", weight_decay=-1.0), ValueError,
     r"`weight_decay` must be >= 0"),
]


@pytest.mark.parametrize(("call", "exc", "match"), BAD)
def test_bad_input_raises(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


# ---------------------------------------------------------- behaviour checks
ALL = [
    O.gd(0.05), O.momentum(0.01, momentum=0.9), O.momentum(0.01, momentum=0.9, form="keras"),
    O.nesterov(0.01, momentum=0.9), O.adagrad(0.5), O.rmsprop(0.05), O.rmsprop(0.05, centered=True,
    momentum=0.5), O.adadelta(), O.adam(0.1), O.amsgrad(0.1), O.adamw(0.1), O.radam(0.1),
    O.newton(alpha=1.0), O.adam_compounded_bias_correction(0.1),
    O.momentum_with_initial_velocity(0.002, momentum=0.5),
]


@pytest.mark.parametrize("opt", ALL, ids=repr)
def test_float_and_constant_schedule_are_bit_identical(opt):
    params = dict(opt.params)
    factory = {"amsgrad": O.adam, "adamw": O.adam, "nesterov": O.momentum,
               "regularised_newton": O.newton}.get(opt.name, getattr(O, opt.name))
    kwargs = {k: v for k, v in params.items() if k != "lr"}
    a = O.run(factory(params["lr"], **kwargs), rippled_bowl(), -3.0, 200)
    b = O.run(factory(schedules.constant(params["lr"]), **kwargs), rippled_bowl(), -3.0, 200)
    np.testing.assert_array_equal(a.x, b.x)
    np.testing.assert_array_equal(a.lr, b.lr)


@pytest.mark.parametrize("opt", ALL, ids=repr)
def test_update_by_hand_equals_run_and_any_shape_works(opt):
    land = quadratic(condition_number=4.0, dim=4)
    x0 = np.array([[1.0, -2.0], [0.5, 3.0]])  # a 2x2 parameter array
    traj = O.run(opt, lambda x: land.grad(x.reshape(4)).reshape(2, 2), x0, 20,
                 hess=lambda x: land.hess(x.reshape(4)))
    state = opt.init(x0)
    for k in range(20):
        h = land.hess(state.x.reshape(4)) if opt.needs_hessian else None
        state = opt.update(state, land.grad(state.x.reshape(4)).reshape(2, 2), k, hess=h)
    assert state.x.shape == (2, 2)
    assert state.t == 20
    np.testing.assert_allclose(state.x.reshape(4), traj.x[-1], rtol=1e-14, atol=1e-15)
    assert traj.x.shape == (21, 4)
    assert traj.lr.shape == (20,)
    assert traj.loss is None


def test_divergence_is_flagged_or_raised():
    land = quadratic(condition_number=1.0, dim=1)
    traj = O.run(O.gd(3.0), land, 1.0, 2000)
    assert traj.diverged
    assert traj.diverged_at is not None
    assert np.all(np.isfinite(traj.x[: traj.diverged_at + 1]))
    assert not np.any(np.isfinite(traj.x[traj.diverged_at + 1:]))
    assert traj.fp_error == "overflow"
    assert "diverged at update" in repr(traj)
    with pytest.raises(FloatingPointError, match=r"diverged: the iterate after update \d+"):
        O.run(O.gd(3.0), land, 1.0, 2000, on_divergence="raise")


def test_trajectory_is_read_only():
    traj = O.run(O.adam(0.1), rippled_bowl(), -20.0, 10)
    with pytest.raises(ValueError, match="read-only"):
        traj.x[0, 0] = 1.0
    with pytest.raises(AttributeError):
        traj.x = None
    assert traj.loss.shape == (11,)
    np.testing.assert_array_equal(traj.loss, rippled_bowl().f(traj.x))


def test_optimizers_are_immutable():
    opt = O.adam(0.1)
    with pytest.raises(AttributeError, match="immutable"):
        opt.foo = 1


def test_lr_schedule_is_used_per_update():
    sched = schedules.step_decay(0.1, decay_rate=0.5, decay_steps=3)
    traj = O.run(O.gd(sched), lambda x: np.ones_like(x), 0.0, 7)
    np.testing.assert_array_equal(traj.lr, sched(np.arange(7)))
    np.testing.assert_allclose(np.diff(traj.x[:, 0]), -sched(np.arange(7)))
    # a plain callable works too
    traj2 = O.run(O.gd(lambda k: 0.1 * 0.5 ** (k // 3)), lambda x: np.ones_like(x), 0.0, 7)
    np.testing.assert_allclose(traj2.x, traj.x)
