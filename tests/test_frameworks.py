"""The framework spellings shown in the book agree with lrcourse.compat and with each other."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lrcourse.frameworks import DECAY_FAMILIES, FRAMEWORKS, decay_in

T = np.arange(200)


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
