"""Chapter 2: exercises' right answers, framework spellings and corners."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lrcourse.chapters import ch02_step_exponential as ch
from lrcourse.chapters.ch02_step_exponential import DECAY_FAMILIES, FRAMEWORKS, decay_in

T = np.arange(200)

#: Known-right answers, from the closed-form formulas (not from lrcourse).
RIGHT = {
    # lr0 * 0.5 ** floor(epoch / 10) (PyTorch StepLR semantics)
    "ch02-step-decay-list": [0.1 * 0.5 ** (e // 10) for e in range(30)],
    "ch02-exponential-list": [0.1 * 0.95**e for e in range(10)],
    # TF natural_exp_decay: lr * exp(-decay_rate * step / decay_steps)
    "ch02-natural-exp-at-step": 0.1 * math.exp(-0.5 * 25 / 10),
    # TF piecewise_constant: x <= 100 -> 0.1; 100 < x <= 200 -> 0.05; else 0.01
    "ch02-tf-piecewise-boundaries": [0.1, 0.1, 0.05, 0.05, 0.05, 0.01],
    # TF keeps the old value at b (x <= b); MultiStepLR switches at m (t >= m): m = b + 1
    "ch02-port-boundaries": [30_001, 40_001],
    # StepLR(step_size=3, gamma=0.1) on 0.2, stepped per epoch of 2 batches
    "ch02-per-epoch-counting": [0.2 * 0.1 ** ((b // 2) // 3) for b in range(16)],
}


@pytest.mark.parametrize("family", sorted(DECAY_FAMILIES))
@pytest.mark.parametrize("framework", sorted(FRAMEWORKS))
def test_every_spelling_is_a_valid_schedule(family, framework):
    sp = decay_in(family, framework, lr0=0.1, decay_rate=0.8, decay_steps=10)
    lr = sp.schedule(T)
    assert lr.dtype == np.float64 and lr.shape == T.shape
    assert lr[0] == pytest.approx(0.1)
    assert np.all(np.diff(lr) <= 1e-15)  # all chapter-2 schedules are non-increasing
    assert sp.code


@pytest.mark.parametrize("family", ["step", "exponential", "natural_exp", "inverse_time"])
def test_frameworks_agree_where_they_should(family):
    ref = decay_in(family, "tf", decay_rate=0.8, decay_steps=10).schedule(T)
    for fw in ("torch", "optax"):
        np.testing.assert_allclose(decay_in(family, fw, decay_rate=0.8, decay_steps=10)
                                   .schedule(T), ref, rtol=1e-12)


@pytest.mark.parametrize("family", ["piecewise", "multistep"])
def test_boundary_semantics_differ_by_exactly_one_step(family):
    tf = decay_in(family, "tf", decay_rate=0.8, decay_steps=10)
    torch = decay_in(family, "torch", decay_rate=0.8, decay_steps=10)
    optax = decay_in(family, "optax", decay_rate=0.8, decay_steps=10)
    np.testing.assert_allclose(torch.schedule(T), optax.schedule(T), rtol=1e-12)
    for b in tf.boundaries:
        b = int(b)
        assert tf.schedule(b) == pytest.approx(torch.schedule(b - 1))  # old value holds
        assert tf.schedule(b + 1) == pytest.approx(torch.schedule(b))
    # Away from the boundaries they agree.
    mask = ~np.isin(T, np.asarray(tf.boundaries))
    np.testing.assert_allclose(tf.schedule(T)[mask], torch.schedule(T)[mask], rtol=1e-12)


def test_natural_exponential_is_exponential_with_base_e_to_minus_k():
    k = 0.7
    nat = decay_in("natural_exp", "tf", decay_rate=k, decay_steps=5).schedule(T)
    np.testing.assert_allclose(nat, 0.1 * math.exp(-k) ** (T / 5), rtol=1e-13)


@pytest.mark.parametrize(
    ("kwargs", "exc", "pattern"),
    [
        ({"family": "cosine"}, ValueError, "Argument `family` must be one of"),
        ({"framework": "jax"}, ValueError, "Argument `framework` must be one of"),
        ({"lr0": 0}, ValueError, "Argument `lr0` must be > 0"),
        ({"decay_rate": -1}, ValueError, "Argument `decay_rate` must be > 0"),
        ({"decay_steps": 2.5}, TypeError, "Argument `decay_steps` must be an integer"),
    ],
)
def test_bad_arguments(kwargs, exc, pattern):
    args = {"family": "step", "framework": "tf", **kwargs}
    with pytest.raises(exc, match=pattern):
        decay_in(args.pop("family"), args.pop("framework"), **args)


# -- framework corners --------------------------------------------------------------------

CORNERS = sorted(ch.CHAPTER.corners)


def test_every_family_has_a_corner():
    assert set(CORNERS) == set(DECAY_FAMILIES)


@pytest.mark.parametrize("key", CORNERS)
def test_calls_in_one_tab_compute_the_same_schedule(key):
    for tab in ch.CHAPTER.corners[key]().tabs:
        values = [c.schedule(T) for c in tab.calls]
        for v in values[1:]:
            np.testing.assert_allclose(v, values[0], rtol=1e-12)


@pytest.mark.parametrize("key", ["step", "exponential", "natural_exp", "inverse_time"])
def test_smooth_and_step_corners_agree_across_frameworks(key):
    calls = ch.CHAPTER.corners[key]().calls()
    ref = calls[0].schedule(T)
    for c in calls[1:]:
        np.testing.assert_allclose(c.schedule(T), ref, rtol=1e-12, err_msg=c.code)


def test_piecewise_corner_tf_is_one_step_behind_pytorch_and_optax():
    corner = ch.piecewise_corner(boundaries=[10, 20], values=[0.1, 0.05, 0.01])
    tf, keras, torch, optax = (c.schedule(T) for c in corner.calls())
    np.testing.assert_allclose(torch, optax, rtol=1e-12)
    np.testing.assert_allclose(tf[1:], torch[:-1], rtol=1e-12)  # TF switches one step later
    assert tf[10] == 0.1 and torch[10] == 0.05 and tf[11] == pytest.approx(0.05)


def test_inverse_time_optax_tab_code_computes_the_schedule():
    corner = ch.inverse_time_corner(lr0=0.1, decay_rate=0.5, decay_steps=10)
    namespace = {}
    exec(corner.tabs[2].text, namespace)  # noqa: S102  (code generated by lrcourse)
    fn = namespace["schedule"]
    ref = corner.calls()[0].schedule(T)
    np.testing.assert_allclose([fn(t) for t in T], ref, rtol=1e-12)


def test_explorer_spellings_match_the_corners():
    for family in ("step", "exponential", "natural_exp"):
        corner = ch.CHAPTER.corners[family](lr0=0.1, decay_rate=0.8, decay_steps=10)
        for fw in ("tf", "torch", "optax"):
            sp = decay_in(family, fw, lr0=0.1, decay_rate=0.8, decay_steps=10)
            np.testing.assert_allclose(sp.schedule(T), corner.calls()[0].schedule(T), rtol=1e-12)
