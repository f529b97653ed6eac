"""The shared argument checks: Keras-style messages naming argument, rule and value."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lrcourse._validation import (
    as_steps,
    check_bool,
    check_choice,
    check_int,
    check_real,
    check_real_sequence,
)


def test_check_real_accepts_and_converts():
    assert check_real("x", 3) == 3.0 and isinstance(check_real("x", np.float32(0.5)), float)


@pytest.mark.parametrize(
    ("value", "bounds", "exc", "pattern"),
    [
        ("1", {}, TypeError, r"Argument `x` must be a real number. Received: x='1'"),
        (True, {}, TypeError, r"must be a real number. Received: x=True"),
        (math.nan, {}, ValueError, r"must be a finite number. Received: x=nan"),
        (math.inf, {}, ValueError, r"must be a finite number"),
        (0, {"gt": 0}, ValueError, r"Argument `x` must be > 0. Received: x=0"),
        (-1, {"ge": 0}, ValueError, r"must be >= 0. Received: x=-1"),
        (1, {"lt": 1}, ValueError, r"must be < 1. Received: x=1"),
        (2, {"le": 1}, ValueError, r"must be <= 1. Received: x=2"),
    ],
)
def test_check_real_errors(value, bounds, exc, pattern):
    with pytest.raises(exc, match=pattern):
        check_real("x", value, **bounds)


def test_check_int():
    assert check_int("n", np.int64(3), ge=1) == 3
    with pytest.raises(TypeError, match=r"Argument `n` must be an integer. Received: n=3.0"):
        check_int("n", 3.0)
    with pytest.raises(ValueError, match=r"Argument `n` must be >= 1. Received: n=0"):
        check_int("n", 0, ge=1)
    with pytest.raises(ValueError, match=r"must be > 2"):
        check_int("n", 2, gt=2)


def test_check_bool_and_choice():
    assert check_bool("b", np.bool_(True)) is True
    with pytest.raises(TypeError, match=r"Argument `b` must be True or False. Received: b=1"):
        check_bool("b", 1)
    with pytest.raises(ValueError, match=r"must be one of 'a', 'b'. Received: c='z'"):
        check_choice("c", "z", ["a", "b"])


def test_check_real_sequence():
    assert check_real_sequence("s", np.array([1, 2])) == (1.0, 2.0)
    with pytest.raises(TypeError, match="must be a list of numbers"):
        check_real_sequence("s", "12")
    with pytest.raises(TypeError, match="list of real numbers"):
        check_real_sequence("s", [1, "2"])
    with pytest.raises(ValueError, match="list of finite numbers"):
        check_real_sequence("s", [1, math.nan])
    with pytest.raises(ValueError, match=r"strictly increasing \(entry 1, 1, is not above"):
        check_real_sequence("s", [1, 1], increasing=True)
    with pytest.raises(ValueError, match=r"at least 1 number\."):
        check_real_sequence("s", [], min_len=1)
    with pytest.raises(ValueError, match=r"numbers >= 0 \(entry 0 is -1\)"):
        check_real_sequence("s", [-1], ge=0)


def test_as_steps_scalar_and_arrays():
    arr, scalar = as_steps(3)
    assert scalar and arr.dtype == np.float64 and arr.ndim == 0
    arr, scalar = as_steps([0, 1, 2])
    assert not scalar and arr.dtype == np.float64
    arr, scalar = as_steps(np.arange(3, dtype=np.uint8))
    assert arr.tolist() == [0.0, 1.0, 2.0]
    assert as_steps(np.array(2.5))[1]


@pytest.mark.parametrize(
    ("step", "exc", "pattern"),
    [
        (-1, ValueError, r"Argument `step` must be a finite number >= 0. Received: step=-1"),
        (math.nan, ValueError, r"must be a finite number >= 0"),
        (math.inf, ValueError, r"must be a finite number >= 0"),
        (True, TypeError, r"not a bool"),
        ("3", TypeError, r"must be an int, a float or an array"),
        ([0, -2], ValueError, r"must be >= 0. Received: an array whose smallest entry is -2"),
        ([0.0, math.nan], ValueError, r"must be >= 0 and not NaN"),
        ([0.0, math.inf], ValueError, r"must be finite"),
        (["a"], TypeError, r"must be an int, a float or an array"),
    ],
)
def test_as_steps_errors(step, exc, pattern):
    with pytest.raises(exc, match=pattern):
        as_steps(step)
