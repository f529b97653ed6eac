"""The fast path of ``Schedule.__call__`` gives exactly the general path's values.

A long array of steps (more than ``CHUNK``) is evaluated in pieces, integer
steps are converted piece by piece, a constant schedule fills its output and
a lookup schedule takes integer steps unconverted (lrcourse/schedules/_base.py).
The general path is one call of ``fn`` on the whole validated float64 array.
Here ``CHUNK`` is made small, so that short drawn arrays take the fast path
and cross several piece boundaries; results must be the same bits, and
errors the same messages.
"""

from __future__ import annotations

import warnings
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import growth, schedules
from test_schedules_reference import SCHEDULE_CASES, build

import lrcourse.schedules as S
from lrcourse._validation import as_steps
from lrcourse.schedules import _base

SETTINGS = settings(max_examples=150, deadline=None)

int_steps = st.lists(st.integers(0, 6000), min_size=0, max_size=80).map(
    lambda xs: np.asarray(xs, dtype=np.int64)
)
float_steps = st.lists(
    st.one_of(st.integers(0, 6000).map(float), st.floats(0.0, 6000.0)), min_size=0, max_size=80
).map(lambda xs: np.asarray(xs, dtype=np.float64))
any_steps = st.one_of(
    int_steps,
    float_steps,
    int_steps.map(np.sort),
    float_steps.map(np.sort),
    int_steps.map(lambda a: a.astype(np.uint32)),
    float_steps.map(lambda a: a.astype(np.float32)),
)
chunks = st.integers(1, 9)


def general(schedule, steps):
    """The general path: ``fn`` on the whole array at once (or the error it raises)."""
    try:
        return schedule._evaluate(*as_steps(steps))
    except (TypeError, ValueError) as exc:
        return exc


def fast(schedule, steps, chunk):
    with mock.patch.object(_base, "CHUNK", chunk):
        try:
            return schedule(steps)
        except (TypeError, ValueError) as exc:
            return exc


def assert_same(got, want):
    if isinstance(want, Exception):
        assert type(got) is type(want) and str(got) == str(want)
        return
    assert isinstance(got, np.ndarray) and got.dtype == np.float64
    assert got.shape == want.shape
    assert np.array_equal(got.view(np.uint64), want.view(np.uint64))  # the same bits


@SETTINGS
@given(schedules(), any_steps, chunks)
def test_fast_path_equals_general_path(drawn_max, steps, chunk):
    drawn, max_step = drawn_max
    if max_step is not None:
        steps = np.minimum(steps, max_step).astype(steps.dtype)
    assert_same(fast(drawn.schedule, steps, chunk), general(drawn.schedule, steps))


@SETTINGS
@given(schedules(), any_steps, chunks)
def test_fast_path_errors_like_general_path(drawn_max, steps, chunk):
    """Steps past a one-cycle's end: the same error, whichever piece meets it first."""
    drawn, _ = drawn_max
    assert_same(fast(drawn.schedule, steps * 3, chunk), general(drawn.schedule, steps * 3))


@SETTINGS
@given(growth(), any_steps, chunks)
def test_fast_path_overflow_like_general_path(drawn, steps, chunk):
    assert_same(fast(drawn.schedule, steps, chunk), general(drawn.schedule, steps))


@SETTINGS
@given(any_steps.filter(lambda a: a.size > 1).map(lambda a: a.reshape(-1, 1)), chunks)
def test_fast_path_keeps_the_shape(steps, chunk):
    s = S.cosine_decay(0.1, decay_steps=3000)
    assert_same(fast(s, steps, chunk), general(s, steps))


@pytest.mark.parametrize("case", SCHEDULE_CASES[::3], ids=lambda c: f"{c['library']}.{c['name']}")
@settings(max_examples=15, deadline=None)
@given(steps=any_steps, chunk=chunks)
def test_compat_fast_path_equals_general_path(case, steps, chunk):
    """Every translation (warnings, step-by-step lambdas, wrappers) on both paths."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = build(case)
    assert_same(fast(s, steps, chunk), general(s, steps))


def test_long_arrays_take_the_fast_path_with_the_real_chunk():
    n = 3 * _base.CHUNK + 5
    for s in (S.exponential_decay(0.1, decay_rate=0.9999), S.constant(0.1),
              S.piecewise_constant([100, 40_000], values=[0.1, 0.01, 0.001])):
        for steps in (np.arange(n), np.arange(n, dtype=np.float64)):
            assert_same(s(steps), general(s, steps))


def test_bad_long_arrays_are_refused_as_before():
    n = _base.CHUNK + 1
    with pytest.raises(ValueError, match="smallest entry is -1"):
        S.constant(0.1)(np.arange(n) - 1)
    with pytest.raises(ValueError, match="must be >= 0 and not NaN"):
        S.exponential_decay(0.1, decay_rate=0.5)(np.full(n, np.nan))
    with pytest.raises(TypeError, match="an int, a float or an array of them"):
        S.constant(0.1)(np.zeros(n, dtype=bool))
