"""Chapter 11 (vanishing and exploding gradients): its computations, exercises and explorer.

``RIGHT`` gives a known-right answer for every exercise, computed here by
hand (not with lrcourse).
"""

from __future__ import annotations

import numpy as np
import pytest

from lrcourse import exercises
from lrcourse.chapters import ch11_vanishing_exploding as ch

RIGHT = {
    "ch11-sigmoid-bound": 0.25**6,  # sigma'(0) = 1/2 * 1/2, six layers
    "ch11-init-variances": [2 / (256 + 256), 2 / 256],  # Glorot eq. 12, He eq. 10
    "ch11-clip-large": [5 * 2 / (13 + 1e-6), 12 * 2 / (13 + 1e-6)],  # coefficient 2 / (13 + 1e-6)
    "ch11-clip-small": [0.5, 1.2],  # norm 1.3 < 2: coefficient clamped at 1
}


def test_right_covers_every_exercise():
    assert set(RIGHT) == set(ch.CHAPTER.exercises)


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_right_answers_pass(ex_id):
    assert exercises.check(ex_id, RIGHT[ex_id]).passed


@pytest.mark.parametrize(("ex_id", "wrong", "words"), [
    ("ch11-sigmoid-bound", 0.25**5, "6 layers"),
    ("ch11-sigmoid-bound", 1.5, "multiplies"),
    ("ch11-init-variances", [np.sqrt(2 / 512), np.sqrt(2 / 256)], "square"),
    ("ch11-init-variances", [1 / 256, 1 / 256], "LeCun"),
    ("ch11-clip-large", [2.0, 2.0], "by value"),
    ("ch11-clip-large", [5 / 13, 12 / 13], "norm 1"),
    ("ch11-clip-large", [0.6, 0.8], "chapter's example"),
    ("ch11-clip-small", [10 / 13, 24 / 13], "never enlarges"),
    ("ch11-clip-small", [0.3, 0.4], "chapter's example"),
])
def test_hints_for_usual_mistakes(ex_id, wrong, words):
    result = exercises.check(ex_id, wrong)
    assert not result.passed
    assert words in result.message


def test_sigmoid_slope_is_a_quarter_at_zero():
    assert ch.sigmoid_slope_max() == (0.25, 0.0)


def test_chain_bound():
    assert ch.chain_bound(10) == pytest.approx(1 / 4**10, rel=1e-15)
    assert ch.chain_bound(0) == 1.0


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"n_points": 10}, "Argument `n_points` must be odd"),
    ({"x_max": 0.0}, "Argument `x_max` must be > 0"),
])
def test_sigmoid_slope_max_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ch.sigmoid_slope_max(**kwargs)


def test_layer_grad_norms_shape_and_seeds():
    n = ch.layer_grad_norms(3, "tanh", "glorot", seeds=(0, 1))
    assert n.shape == (2, 4)
    assert np.all(n > 0)
    assert not np.array_equal(n[0], n[1])


def test_layer_grad_norms_match_the_network():
    from lrcourse.nn import MLP, two_moons

    X, y = two_moons(ch.BATCH, noise=0.1, seed=0)
    net = MLP((2, ch.WIDTH, ch.WIDTH, 2), activation="relu", init="he", seed=1)
    _, grads = net.loss_and_grads(X, y)
    np.testing.assert_allclose(ch.layer_grad_norms(2, "relu", "he", seeds=(1,))[0],
                               net.layer_grad_norms(grads), rtol=1e-14)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"depth": 0}, "Argument `depth` must be >= 1"),
    ({"activation": "elu"}, "Argument `activation`"),
    ({"init": "lecun"}, "Argument `init`"),
    ({"gain": -1.0}, "Argument `gain` must be > 0"),
    ({"depth": 1, "residual": True}, "Argument `depth` must be >= 2 with residual=True"),
    ({"seeds": ()}, "Argument `seeds` must hold at least one seed"),
])
def test_layer_grad_norms_rejects_bad_input(kwargs, match):
    args = {"depth": 4, "activation": "relu", "init": "he"} | kwargs
    depth, act, init = args.pop("depth"), args.pop("activation"), args.pop("init")
    with pytest.raises((ValueError, TypeError), match=match):
        ch.layer_grad_norms(depth, act, init, **args)


def test_sigmoid_vanishes_and_glorot_tanh_does_not():
    t = ch.norm_ratio_table(16)
    assert t["sigmoid", "glorot"][2] < 1e-9
    assert t["tanh", "normal"][1] > 20
    assert 0.05 < t["tanh", "glorot"][1] and t["tanh", "glorot"][2] < 20
    text = ch.format_ratio_table(t)
    assert text.count("\n") == 9
    assert max(len(line) for line in text.splitlines()) <= 40  # a phone's output column


def test_corner_shows_every_framework():
    corner = ch.clip_init_corner(max_norm=1.0)
    assert [t.label for t in corner.tabs] == ["Keras", "PyTorch", "optax"]
    assert "clip_grad_norm_(model.parameters(), max_norm=1.0)" in corner.tabs[1].text


def test_explorer_clipping_only_shrinks():
    explorer = ch.depth_probe()
    for tau in explorer.controls["max_norm"]:
        explorer.update(max_norm=tau, activation="relu", init="he", depth=8)
        text = " ".join(r.text for r in explorer.readout())
        assert "layer 1" in explorer.describe()
        if tau >= 10:
            assert "no change" in text


def test_explorer_draws_every_activation_and_depth():
    explorer = ch.depth_probe()
    for depth in explorer.controls["depth"]:
        for act in ("sigmoid", "tanh", "relu"):
            explorer.update(depth=depth, activation=act)
            assert f"{int(depth)} hidden layers" in explorer.describe()
