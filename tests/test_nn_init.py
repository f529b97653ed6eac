"""Initialisations (checked statistically), determinism by seed, and the data sets."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lrcourse.nn import MLP, init_std, regression, spirals, two_moons


@pytest.mark.parametrize(
    ("init", "kwargs", "variance"),
    [
        ("normal", {"std": 0.5}, lambda i, o: 0.25),
        ("normal", {"std": 2.0, "gain": 0.5}, lambda i, o: 1.0),
        ("glorot", {}, lambda i, o: 2.0 / (i + o)),
        ("glorot", {"gain": 3.0}, lambda i, o: 18.0 / (i + o)),
        ("he", {}, lambda i, o: 2.0 / i),
    ],
)
def test_weight_variance_matches_the_formula(init, kwargs, variance):
    sizes = (300, 200, 100)
    net = MLP(sizes, activation="relu", init=init, seed=11, **kwargs)
    for layer, w in enumerate(net.params[0::2], start=1):
        fan_in, fan_out = sizes[layer - 1], sizes[layer]
        target = variance(fan_in, fan_out)
        assert init_std(init, fan_in, fan_out, **kwargs) == pytest.approx(math.sqrt(target))
        n = w.size
        # Sample variance of n normal draws: standard error sigma^2 sqrt(2 / (n - 1)).
        assert abs(w.var(ddof=1) - target) < 5 * target * math.sqrt(2 / (n - 1))
        # Sample mean: standard error sigma / sqrt(n).
        assert abs(w.mean()) < 5 * math.sqrt(target / n)
        # Normal, not uniform: the kurtosis of a normal is 3 (uniform: 1.8).
        z = w.ravel() / math.sqrt(target)
        assert abs(np.mean(z**4) - 3.0) < 5 * math.sqrt(96 / n)


def test_biases_gamma_beta_start_at_zero_one_zero():
    net = MLP((3, 5, 5, 2), activation="tanh", init="glorot", batch_norm=True)
    by_name = dict(zip(net.param_names, net.params, strict=True))
    for name, p in by_name.items():
        if name.startswith(("b", "beta")):
            assert not p.any(), name
        if name.startswith("gamma"):
            assert np.all(p == 1.0), name
    assert "gamma3" not in by_name  # the output layer is not normalised


def test_he_keeps_the_signal_scale_through_a_deep_relu_network():
    X = np.random.default_rng(0).standard_normal((100, 32))
    for init, lo, hi in (("he", 0.3, 3.0), ("glorot", 0.0, 0.01)):
        net = MLP((32,) * 11, activation="relu", init=init, seed=1)
        out = net.forward(X)
        ratio = np.mean(out**2) / np.mean(X**2)
        assert lo < ratio < hi, (init, ratio)


def test_same_seed_same_network_other_seed_other_network():
    a = MLP((2, 8, 2), activation="relu", init="he", seed=5)
    b = MLP((2, 8, 2), activation="relu", init="he", seed=5)
    c = MLP((2, 8, 2), activation="relu", init="he", seed=6)
    assert all(np.array_equal(p, q) for p, q in zip(a.params, b.params, strict=True))
    assert not np.array_equal(a.params[0], c.params[0])


@pytest.mark.parametrize("make", [two_moons, spirals, regression])
def test_data_sets_are_seeded_and_shaped(make):
    X1, y1 = make(90, seed=3)
    X2, y2 = make(90, seed=3)
    X3, _ = make(90, seed=4)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    assert X1.dtype == np.float64 and X1.shape[0] == 90 and np.isfinite(X1).all()


def test_data_set_contents():
    X, y = two_moons(101, noise=0.0)
    assert y.dtype == np.int64 and np.bincount(y).tolist() == [51, 50]
    outer = X[y == 0]
    np.testing.assert_allclose(np.hypot(outer[:, 0], outer[:, 1]), 1.0)
    X, y = spirals(100, classes=4, noise=0.0)
    assert np.bincount(y).tolist() == [25] * 4
    r = np.hypot(X[:, 0], X[:, 1])
    assert r.min() == pytest.approx(0.1) and r.max() == pytest.approx(1.0)
    X, y = regression(1000, noise=0.0)
    np.testing.assert_allclose(y, np.sin(2 * X) + 0.5 * X)
    assert X.min() >= -2 and X.max() <= 2 and y.shape == (1000, 1)
