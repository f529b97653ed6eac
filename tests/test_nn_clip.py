"""lrcourse.nn.clip_grad_norm against torch.nn.utils.clip_grad_norm_ (fixture) and its semantics."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from lrcourse.nn import clip_grad_norm

DATA = json.loads((Path(__file__).parent / "fixtures" / "nn_reference.json").read_text())


def _id(case):
    return f"p={case['norm_type']}-max={case['max_norm']}-total={case['total_norm']:.3g}"


@pytest.mark.parametrize("case", DATA["clip"], ids=_id)
def test_matches_pytorch(case):
    p = math.inf if case["norm_type"] == "inf" else case["norm_type"]
    grads = [np.array(g) for g in case["grads"]]
    clipped, total = clip_grad_norm(grads, case["max_norm"], p)
    assert total == pytest.approx(case["total_norm"], rel=1e-14)
    for c, ref in zip(clipped, case["clipped"], strict=True):
        np.testing.assert_allclose(c, np.array(ref), rtol=1e-14, atol=0)
    for g, ref in zip(grads, case["grads"], strict=True):  # inputs untouched
        assert np.array_equal(g, np.array(ref))


def test_fixture_has_both_sides_of_the_threshold_and_every_norm_type():
    kinds = {c["norm_type"] for c in DATA["clip"]}
    assert {2.0, 1.0, "inf"} <= kinds and len(kinds) >= 5
    assert any(c["total_norm"] > c["max_norm"] for c in DATA["clip"])
    assert any(c["total_norm"] < c["max_norm"] for c in DATA["clip"])


def test_textbook_vectors():
    clipped, total = clip_grad_norm([np.array([3.0, 4.0])], 1.0)
    assert total == 5.0
    np.testing.assert_allclose(clipped[0], [0.6, 0.8], rtol=1e-6)
    assert np.linalg.norm(clipped[0]) < 1.0  # the 1e-6 in the denominator
    small, total = clip_grad_norm([np.array([0.3, 0.4])], 1.0)
    assert total == pytest.approx(0.5)
    assert small[0].tolist() == [0.3, 0.4]  # coefficient clamped at 1: never enlarged


def test_total_is_the_norm_of_the_per_array_norms():
    grads = [np.array([[1.0, -2.0]]), np.array([2.0])]
    assert clip_grad_norm(grads, 10.0)[1] == pytest.approx(3.0)
    assert clip_grad_norm(grads, 10.0, 1.0)[1] == pytest.approx(5.0)
    assert clip_grad_norm(grads, 10.0, math.inf)[1] == 2.0
    clipped, _ = clip_grad_norm(grads, 1.0, math.inf)
    np.testing.assert_allclose(clipped[0], [[0.5, -1.0]], rtol=1e-6)


def test_non_finite_totals_follow_pytorch_or_raise():
    clipped, total = clip_grad_norm([np.array([np.inf, 1.0])], 1.0)
    assert total == math.inf
    assert np.isnan(clipped[0][0]) and clipped[0][1] == 0.0  # coefficient 0
    clipped, total = clip_grad_norm([np.array([np.nan, 1.0])], 1.0)
    assert math.isnan(total) and np.isnan(clipped[0]).all()
    with pytest.raises(ValueError, match=r"total norm of order 2 of `grads` must be finite"):
        clip_grad_norm([np.array([np.inf])], 1.0, error_if_nonfinite=True)


def test_empty_list_and_zero_max_norm():
    assert clip_grad_norm([], 1.0) == ([], 0.0)
    clipped, _ = clip_grad_norm([np.array([1.0, 1.0])], 0.0)
    assert clipped[0].tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("call", "exc", "message"),
    [
        (lambda: clip_grad_norm(np.ones(3), 1.0), TypeError, r"Argument `grads` must be a list"),
        (lambda: clip_grad_norm([["a"]], 1.0), TypeError, r"Received: grads\[0\]="),
        (lambda: clip_grad_norm([[1.0]], -1.0), ValueError,
         r"Argument `max_norm` must be >= 0. Received: max_norm=-1.0"),
        (lambda: clip_grad_norm([[1.0]], float("nan")), ValueError, r"`max_norm` must be a finite"),
        (lambda: clip_grad_norm([[1.0]], 1.0, 0.0), ValueError,
         r"Argument `norm_type` must be > 0. Received: norm_type=0.0"),
        (lambda: clip_grad_norm([[1.0]], 1.0, "2"), TypeError, r"`norm_type` must be a real"),
        (lambda: clip_grad_norm([[1.0]], 1.0, error_if_nonfinite=1), TypeError,
         r"`error_if_nonfinite` must be True or False"),
    ],
)
def test_bad_arguments(call, exc, message):
    with pytest.raises(exc, match=message):
        call()
