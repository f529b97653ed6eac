"""``join`` evaluates each piece only on the steps of its own window.

A piece that overflows or refuses steps outside its window (a growth
schedule far in the future, a one-cycle schedule past ``total_steps``) must
not make the joined schedule raise there; only the active piece counts.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import growth, schedules, steps_arrays

import lrcourse.schedules as S

SETTINGS = settings(max_examples=150, deadline=None)


# ------------------------------------------------------------- regressions
def test_one_cycle_then_constant_past_the_cycle():
    cycle = S.one_cycle(1.0, total_steps=100)
    s = S.join([cycle, S.constant(1e-5)], boundaries=[100])
    assert s(2000) == 1e-5
    assert s(100) == 1e-5
    assert s(99) == cycle(99)
    steps = np.array([0, 50, 99, 100, 101, 2000, 10**6])
    out = s(steps)
    np.testing.assert_array_equal(out[:3], cycle(steps[:3]))
    np.testing.assert_array_equal(out[3:], 1e-5)
    assert [s(int(t)) for t in steps] == out.tolist()
    # The grid and the float-step forms work too.
    assert s(np.array([[2000.5]])).shape == (1, 1)


def test_growth_then_constant_does_not_overflow():
    grow = S.exponential_decay(0.001, decay_rate=10.0)  # x10 per step
    with pytest.raises(ValueError, match="no finite learning rate"):
        grow(400)  # alone, it overflows
    s = S.join([grow, S.constant(0.01)], boundaries=[10])
    assert s(400) == 0.01
    assert s(10**9) == 0.01
    assert s(9) == pytest.approx(0.001 * 10.0**9)
    steps = np.concatenate([np.arange(20), np.arange(10, 10**6, 997)])
    out = s(steps)
    assert np.isfinite(out).all()
    np.testing.assert_array_equal(out[steps >= 10], 0.01)
    np.testing.assert_array_equal(out[:10], grow(np.arange(10)))


def test_the_active_piece_still_raises():
    s = S.join([S.constant(0.1), S.one_cycle(1.0, total_steps=100)], boundaries=[10])
    assert s(110) == S.one_cycle(1.0, total_steps=100)(100)
    with pytest.raises(ValueError, match="total_steps=100"):
        s(111)
    with pytest.raises(ValueError, match="total_steps=100"):
        s(np.array([0.0, 5.0, 200.0]))
    grow = S.join([S.constant(0.1), S.exponential_decay(0.1, decay_rate=10.0)], boundaries=[5])
    with pytest.raises(ValueError, match="join has no finite learning rate"):
        grow(np.array([1.0, 1000.0]))


def test_pieces_never_see_steps_outside_their_window():
    seen = []

    def multiplier(k):
        seen.append(np.array(k, copy=True))
        return np.ones_like(k)

    middle = S.multiplier_schedule(1.0, multiplier=multiplier)
    s = S.join([S.constant(0.1), middle, S.constant(0.2)], boundaries=[10, 25.5])
    s(np.arange(0, 100, 0.25))  # sorted steps
    s(np.array([[30.0, 0.0, 12.0], [26.0, 11.0, 25.0]]))  # unsorted steps
    for t in (0, 9.75, 10, 25.25, 25.5, 90):
        s(t)
    s(np.array([], dtype=np.float64))
    local = np.concatenate([np.ravel(k) for k in seen])
    assert local.size > 0
    assert local.min() >= 0.0 and local.max() < 15.5


def test_each_piece_runs_on_its_own_clock():
    warm = S.linear_warmup(0.1, warmup_steps=5)
    decay = S.exponential_decay(0.1, decay_rate=0.5)
    s = S.join([warm, decay], boundaries=[5])
    np.testing.assert_array_equal(s([5, 6, 7]), decay([0, 1, 2]))
    np.testing.assert_array_equal(s([0, 4]), warm([0, 4]))


# --------------------------------------------------------------- property
@st.composite
def joins(draw):
    """A join of 1-4 drawn schedules (growth ones included) and its boundaries."""
    pieces = draw(
        st.lists(st.one_of(schedules().map(lambda x: x[0]), growth()), min_size=1, max_size=4)
    )
    bounds = draw(
        st.lists(
            st.one_of(st.integers(1, 3000), st.floats(0.5, 3000.0)),
            min_size=len(pieces) - 1,
            max_size=len(pieces) - 1,
            unique_by=float,
        )
    )
    return [p.schedule for p in pieces], sorted(float(b) for b in bounds)


def _active(pieces, bounds, t):
    """``(value, ok)`` of the active piece on its own clock, evaluated alone."""
    i = int(np.searchsorted(bounds, t, side="right"))
    start = 0.0 if i == 0 else bounds[i - 1]
    try:
        value = pieces[i](float(t) - start if i else float(t))
    except ValueError:  # no finite rate there (overflow, or past a one-cycle's end)
        return None, False
    return value, math.isfinite(value)


@SETTINGS
@given(joins(), steps_arrays)
def test_join_is_finite_wherever_its_active_piece_is(pieces_bounds, steps):
    pieces, bounds = pieces_bounds
    joined = S.join(pieces, boundaries=bounds)
    active = [_active(pieces, bounds, t) for t in steps]
    ok = np.array([good for _, good in active], dtype=bool)
    want = np.array([v for v, good in active if good], dtype=np.float64)
    got = joined(steps[ok])
    assert np.isfinite(got).all()
    # Vectorised evaluation may differ from the scalar one in the last bit
    # (NumPy's SIMD and scalar power): the same tolerance as the other properties.
    np.testing.assert_allclose(got, want, rtol=1e-15, atol=0)
    for t, (value, good) in zip(steps, active, strict=True):
        if good:
            assert joined(float(t)) == value
    if ok.all():
        joined(steps)
