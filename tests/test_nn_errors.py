"""Bad input to lrcourse.nn raises a clear error naming the argument; the public API's shape."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from api_checks import docstring_problems, module_docstring_problems, positional_after_first

import lrcourse.nn as nn
from lrcourse.nn import MLP, init_std, regression, spirals, two_moons


def _net(**kw):
    return MLP((2, 4, 3), activation="relu", init="he", **kw)


X = np.zeros((5, 2))
Y = np.array([0, 1, 2, 0, 1])

BAD = [
    (lambda: MLP(3, activation="relu", init="he"), TypeError,
     r"Argument `sizes` must be a list of layer widths such as \(2, 64, 2\). Received: sizes=3"),
    (lambda: MLP((2,), activation="relu", init="he"), ValueError,
     r"`sizes` must have at least 2 entries"),
    (lambda: MLP((2, 0, 1), activation="relu", init="he"), ValueError,
     r"`sizes` must be a list of widths >= 1. Received: sizes\[1\]=0"),
    (lambda: MLP((2, 4.0, 1), activation="relu", init="he"), TypeError,
     r"`sizes` must be a list of integers. Received: sizes\[1\]=4.0"),
    (lambda: MLP((2, 3), activation="softplus", init="he"), ValueError,
     r"Argument `activation` must be one of 'sigmoid', 'tanh', 'relu', 'leaky_relu'. "
     r"Received: activation='softplus'"),
    (lambda: MLP((2, 3), activation="relu", init="xavier"), ValueError,
     r"Argument `init` must be one of 'normal', 'glorot', 'he'. Received: init='xavier'"),
    (lambda: MLP((2, 3), activation="relu"), TypeError, r"missing 1 required keyword-only"),
    (lambda: MLP((2, 3), activation="relu", init="normal", std=0.0), ValueError,
     r"Argument `std` must be > 0. Received: std=0.0"),
    (lambda: MLP((2, 3), activation="relu", init="he", gain=-1.0), ValueError, r"`gain` must be > 0"),
    (lambda: MLP((2, 3), activation="leaky_relu", init="he", negative_slope=-0.1), ValueError,
     r"`negative_slope` must be >= 0"),
    (lambda: MLP((2, 3), activation="relu", init="he", batch_norm=1), TypeError,
     r"`batch_norm` must be True or False"),
    (lambda: MLP((2, 3), activation="relu", init="he", eps=0.0), ValueError, r"`eps` must be > 0"),
    (lambda: MLP((2, 3), activation="relu", init="he", seed=-1), ValueError, r"`seed` must be >= 0"),
    (lambda: MLP((2, 8, 4, 1), activation="relu", init="he", residual=True), ValueError,
     r"Argument `residual` connects layers of equal width only: the layer from sizes\[1\]=8 "
     r"to sizes\[2\]=4 units .*Received: residual=True with sizes=\(2, 8, 4, 1\)"),
    (lambda: MLP((2, 8, 1), activation="relu", init="he", residual=True), ValueError,
     r"Argument `residual` needs at least two hidden layers"),
    (lambda: _net().loss_and_grads(np.zeros((5, 3)), Y), ValueError,
     r"Argument `X` must have shape \(N, 2\).*Received: X with shape \(5, 3\)"),
    (lambda: _net().loss_and_grads(np.zeros(5), Y), ValueError, r"Received: X with shape \(5,\)"),
    (lambda: _net().loss_and_grads([["a", "b"]], Y), TypeError, r"`X` must be an array of numbers"),
    (lambda: _net().loss_and_grads(np.where(np.eye(5, 2) == 1, np.nan, 0.0), Y), ValueError,
     r"Argument `X` must be finite \(no NaN or inf\). Received: X\[0, 0\]=nan"),
    (lambda: _net().loss_and_grads(X, Y[:4]), ValueError,
     r"Argument `y` must have shape \(5,\): one label per row of X. Received: y with shape \(4,\)"),
    (lambda: _net().loss_and_grads(X, np.array([0, 1, 3, 0, 1])), ValueError,
     r"Argument `y` must hold labels in 0 .. 2 \(the network has 3 outputs\). Received: y\[2\]=3"),
    (lambda: _net().loss_and_grads(X, np.array([0, -1, 2, 0, 1])), ValueError,
     r"Received: y\[1\]=-1"),
    (lambda: _net().loss_and_grads(X, Y.astype(float)), TypeError,
     r"`y` must hold integer class labels for loss='cross_entropy'. Received: y with dtype float64"),
    (lambda: _net().loss_and_grads(X, Y, loss="hinge"), ValueError, r"Argument `loss` must be one of"),
    (lambda: _net().loss_and_grads(X, np.zeros((5, 2)), loss="mse"), ValueError,
     r"Argument `y` must have shape \(5, 3\).*Received: y with shape \(5, 2\)"),
    (lambda: _net().loss_and_grads(X, np.full((5, 3), np.inf), loss="mse"), ValueError,
     r"Argument `y` must be finite \(no NaN or inf\). Received: y\[0, 0\]=inf"),
    (lambda: _net(batch_norm=True).loss_and_grads(X[:1], Y[:1]), ValueError,
     r"`X` must have at least 2 rows \(batch normalisation needs a batch"),
    (lambda: _net().layer_grad_norms([np.zeros((2, 4))]), ValueError,
     r"Argument `grads` must have one array per parameter \(4: W1, b1, W2, b2\). Received: 1 arrays"),
    (lambda: _net().layer_grad_norms([np.zeros((2, 4)), np.zeros(4), np.zeros((3, 4)), np.zeros(3)]),
     ValueError, r"Received: grads\[2\] \(W2\) with shape \(3, 4\), expected \(4, 3\)"),
    (lambda: _net().with_params([np.full((2, 4), np.nan), np.zeros(4), np.zeros((4, 3)),
                                 np.zeros(3)]), ValueError, r"Argument `params` must be finite"),
    (lambda: init_std("he", 0, 3), ValueError, r"Argument `fan_in` must be >= 1"),
    (lambda: two_moons(1), ValueError, r"Argument `n` must be >= 2. Received: n=1"),
    (lambda: two_moons(10, noise=-0.1), ValueError, r"Argument `noise` must be >= 0"),
    (lambda: spirals(10, classes=1), ValueError, r"Argument `classes` must be >= 2"),
    (lambda: spirals(2, classes=3), ValueError, r"Argument `n` must be >= 3"),
    (lambda: spirals(10, turns=0.0), ValueError, r"Argument `turns` must be > 0"),
    (lambda: regression(10, seed=1.5), TypeError, r"Argument `seed` must be an integer"),
]


@pytest.mark.parametrize(("call", "exc", "message"), BAD)
def test_bad_input_names_the_argument(call, exc, message):
    with pytest.raises(exc, match=message):
        call()


def test_accuracy_and_r2_check_their_data():
    net = _net()
    with pytest.raises(ValueError, match=r"labels in 0 .. 2"):
        net.accuracy(X, np.full(5, 7))
    with pytest.raises(ValueError, match=r"Argument `y` must have shape \(5, 3\)"):
        net.r2(X, np.zeros(5))


PUBLIC = {"MLP", "TrainResult", "clip_grad_norm", "init_std", "regression", "spirals", "train",
          "two_moons"}


def test_public_names():
    assert set(nn.__all__) == PUBLIC


@pytest.mark.parametrize("name", ["MLP", "regression", "spirals", "two_moons"])
def test_every_argument_after_the_first_is_keyword_only(name):
    assert positional_after_first(getattr(nn, name)) == []


def test_init_std_takes_the_layer_shape_by_position():
    assert positional_after_first(nn.init_std) == ["fan_in", "fan_out"]


def test_train_takes_data_by_position_and_the_rest_by_keyword():
    params = inspect.signature(nn.train).parameters
    positional = [p for p, v in params.items() if v.kind is v.POSITIONAL_OR_KEYWORD]
    assert positional == ["model", "optimizer", "X", "y"]


def test_clip_grad_norm_has_pytorchs_signature():
    assert list(inspect.signature(nn.clip_grad_norm).parameters)[:3] == [
        "grads", "max_norm", "norm_type"]


@pytest.mark.parametrize("name", sorted(PUBLIC - {"TrainResult"}))
def test_docstrings_speak_to_the_user_and_cite_sources(name):
    assert docstring_problems(getattr(nn, name)) == []


def test_module_docstrings_speak_to_the_user():
    assert docstring_problems(nn.TrainResult, sections=()) == []
    assert module_docstring_problems(nn) == []
