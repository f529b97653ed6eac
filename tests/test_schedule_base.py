"""The Schedule type itself: immutable, typed outputs, no silent inf or NaN."""

from __future__ import annotations

import numpy as np
import pytest

from lrcourse.schedules import Schedule, exponential_decay, step_decay


def test_scalar_in_float_out_array_in_float64_out():
    s = step_decay(0.1, decay_rate=0.5, decay_steps=10)
    assert type(s(3)) is float
    assert type(s(np.int64(3))) is float
    out = s(np.arange(5, dtype=np.int32))
    assert out.dtype == np.float64 and out.shape == (5,)
    assert s([[0, 10], [20, 30]]).shape == (2, 2)


def test_schedules_are_immutable_and_show_their_parameters():
    s = exponential_decay(0.1, decay_rate=0.9, decay_steps=10)
    with pytest.raises(AttributeError, match="immutable"):
        s.lr0 = 1.0
    with pytest.raises(TypeError):
        s.params["lr0"] = 1.0
    text = repr(s)
    assert text.startswith("exponential_decay(lr0=0.1, decay_rate=0.9, decay_steps=10")
    assert all(f"{name}=" in text for name in s.params)
    assert s.name == "exponential_decay"


def test_calling_never_changes_the_schedule():
    s = step_decay(0.1, decay_rate=0.5, decay_steps=10)
    before = s(np.arange(50))
    for _ in range(3):
        s(np.arange(1000))
    np.testing.assert_array_equal(s(np.arange(50)), before)


def test_overflow_raises_instead_of_returning_inf():
    growth = exponential_decay(0.1, decay_rate=2.0)  # a growth schedule (LR range test)
    assert growth(10) == pytest.approx(102.4)
    with pytest.raises(ValueError, match=r"exponential_decay has no finite learning rate.*1e\+06"):
        growth(np.array([1.0, 1e6]))


def test_invalid_operation_raises_instead_of_returning_nan():
    bad = Schedule("demo", {}, lambda t: np.zeros_like(t) * np.inf)
    with pytest.raises(ValueError, match="demo has no finite learning rate"):
        bad([1, 2])
