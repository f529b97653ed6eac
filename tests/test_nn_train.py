"""lrcourse.nn.train: stated accuracies, determinism, and updates done by lrcourse.optim."""

from __future__ import annotations

import numpy as np
import pytest

from lrcourse import optim, schedules
from lrcourse.nn import MLP, clip_grad_norm, regression, spirals, train, two_moons

# The runs stated in the docstrings of the data sets (full batch, adam(0.01)).
STATED = [
    ("two_moons", lambda: two_moons(200, noise=0.1, seed=0), (2, 64, 64, 2), "relu", "he",
     100, "cross_entropy", 0.99),
    ("spirals", lambda: spirals(300, classes=3, seed=0), (2, 64, 64, 3), "relu", "he",
     200, "cross_entropy", 0.95),
    ("regression", lambda: regression(200, noise=0.1, seed=0), (1, 64, 64, 1), "tanh", "glorot",
     200, "mse", 0.95),
]


@pytest.mark.parametrize(
    ("name", "data", "sizes", "activation", "init", "steps", "loss", "target"),
    STATED, ids=[s[0] for s in STATED],
)
def test_stated_runs_reach_their_accuracy(name, data, sizes, activation, init, steps, loss,
                                          target):
    X, y = data()
    net = MLP(sizes, activation=activation, init=init, seed=0)
    res = train(net, optim.adam(0.01), X, y, steps=steps, loss=loss)
    score = res.model.accuracy(X, y) if loss == "cross_entropy" else res.model.r2(X, y)
    assert score >= target, (name, score)
    assert not res.diverged and res.loss[-1] < res.loss[0] / 5
    assert res.grad_norms.shape == (steps, len(sizes) - 1)


def _small():
    X, y = two_moons(40, seed=1)
    return MLP((2, 6, 6, 2), activation="tanh", init="glorot", seed=2), X, y


def test_updates_are_the_optimizers_own():
    """train = loss_and_grads + optimizer.update on the flattened parameters, bit for bit."""
    net, X, y = _small()
    opt = optim.momentum(schedules.cosine_decay(0.5, decay_steps=6), momentum=0.9)
    res = train(net, opt, X, y, steps=6)
    state = opt.init(np.concatenate([p.ravel() for p in net.params]))
    current = net
    for k in range(6):
        loss, grads = current.loss_and_grads(X, y)
        assert res.loss[k] == loss
        np.testing.assert_array_equal(res.grad_norms[k], current.layer_grad_norms(grads))
        state = opt.update(state, np.concatenate([g.ravel() for g in grads]), k)
        sizes = [p.size for p in net.params]
        parts = np.split(state.x, np.cumsum(sizes)[:-1])
        current = net.with_params([q.reshape(p.shape) for q, p in zip(parts, net.params,
                                                                      strict=True)])
    for p, q in zip(res.model.params, current.params, strict=True):
        np.testing.assert_array_equal(p, q)
    np.testing.assert_array_equal(res.lr, schedules.cosine_decay(0.5, decay_steps=6)(np.arange(6)))


def test_clipping_scales_the_gradient_before_the_update():
    net, X, y = _small()
    res = train(net, optim.gd(0.1), X, y, steps=1, max_norm=1e-3)
    _, grads = net.loss_and_grads(X, y)
    clipped, total = clip_grad_norm(grads, 1e-3)
    assert res.total_norm[0] == pytest.approx(total, rel=1e-12)
    assert res.clipped.tolist() == [True]
    for p, p0, g in zip(res.model.params, net.params, clipped, strict=True):
        np.testing.assert_allclose(p, p0 - 0.1 * g, rtol=0, atol=1e-15)
    assert not train(net, optim.gd(0.1), X, y, steps=3, max_norm=1e6).clipped.any()


def test_deterministic_for_a_seed_and_the_input_network_is_unchanged():
    net, X, y = _small()
    before = [p.copy() for p in net.params]
    a = train(net, optim.adam(0.01), X, y, steps=20, batch_size=8, seed=3)
    b = train(net, optim.adam(0.01), X, y, steps=20, batch_size=8, seed=3)
    c = train(net, optim.adam(0.01), X, y, steps=20, batch_size=8, seed=4)
    np.testing.assert_array_equal(a.loss, b.loss)
    np.testing.assert_array_equal(a.grad_norms, b.grad_norms)
    assert not np.array_equal(a.loss, c.loss)
    assert all(np.array_equal(p, q) for p, q in zip(net.params, before, strict=True))
    assert not a.loss.flags.writeable and a.steps == 20
    assert repr(a).startswith("TrainResult(adam(lr=0.01") and "finite" in repr(a)


def test_one_batch_of_all_rows_is_the_full_batch():
    net, X, y = _small()
    full = train(net, optim.gd(0.1), X, y, steps=5)
    shuffled = train(net, optim.gd(0.1), X, y, steps=5, batch_size=len(X))
    np.testing.assert_allclose(full.loss, shuffled.loss, rtol=1e-12)


def test_each_epoch_visits_every_row_once():
    X = np.arange(12.0).reshape(12, 1)
    net = MLP((1, 1), activation="relu", init="normal", seed=0)
    # gd(0) leaves the network unchanged, so the mse loss identifies the batch.
    res = train(net, optim.gd(0.0), X, np.zeros((12, 1)), steps=6, batch_size=4, loss="mse")
    w, b = net.params[0][0, 0], net.params[1][0]
    per_row = (w * X[:, 0] + b) ** 2
    assert sum(res.loss[:3]) * 4 == pytest.approx(per_row.sum())
    assert sum(res.loss[3:]) * 4 == pytest.approx(per_row.sum())


def test_divergence_is_flagged_or_raised():
    _, X, y = _small()
    net = MLP((2, 6, 6, 2), activation="relu", init="glorot", seed=2)
    res = train(net, optim.gd(1e200), X, y, steps=10)
    assert res.diverged and 0 <= res.diverged_at < 10
    assert np.isnan(res.loss[res.diverged_at:]).all()
    assert all(np.isfinite(p).all() for p in res.model.params)
    assert "diverged at step" in repr(res)
    with pytest.raises(FloatingPointError, match=r"diverged: step \d+ is not finite"):
        train(net, optim.gd(1e200), X, y, steps=10, on_divergence="raise")


@pytest.mark.parametrize(
    ("kwargs", "exc", "message"),
    [
        ({"model": "net"}, TypeError, r"Argument `model` must be an lrcourse.nn.MLP"),
        ({"optimizer": 0.1}, TypeError, r"Argument `optimizer` must be an lrcourse Optimizer"),
        ({"optimizer": optim.newton()}, ValueError, r"`optimizer` must not need a Hessian"),
        ({"steps": 1.5}, TypeError, r"Argument `steps` must be an integer"),
        ({"steps": -1}, ValueError, r"Argument `steps` must be >= 0"),
        ({"loss": "hinge"}, ValueError, r"Argument `loss` must be one of 'cross_entropy', 'mse'"),
        ({"batch_size": 0}, ValueError, r"Argument `batch_size` must be >= 1"),
        ({"batch_size": 41}, ValueError, r"`batch_size` must be <= the number of rows of X \(40\)"),
        ({"max_norm": -1.0}, ValueError, r"Argument `max_norm` must be >= 0"),
        ({"norm_type": -2.0}, ValueError, r"Argument `norm_type` must be > 0"),
        ({"seed": -1}, ValueError, r"Argument `seed` must be >= 0"),
        ({"on_divergence": "stop"}, ValueError, r"`on_divergence` must be one of 'flag', 'raise'"),
        ({"y": np.full(40, 2)}, ValueError, r"labels in 0 .. 1 .*Received: y\[0\]=2"),
    ],
)
def test_bad_arguments(kwargs, exc, message):
    net, X, y = _small()
    args = {"model": net, "optimizer": optim.gd(0.1), "X": X, "y": y, "steps": 2, **kwargs}
    with pytest.raises(exc, match=message):
        train(args.pop("model"), args.pop("optimizer"), args.pop("X"), args.pop("y"), **args)


def test_batch_norm_needs_batches_of_two():
    X, y = two_moons(10)
    net = MLP((2, 4, 2), activation="relu", init="he", batch_norm=True)
    with pytest.raises(ValueError, match=r"Argument `batch_size` must be >= 2"):
        train(net, optim.gd(0.1), X, y, steps=1, batch_size=1)
