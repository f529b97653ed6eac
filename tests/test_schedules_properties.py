"""Properties every lrcourse schedule must have (hypothesis; strategies in tests/strategies.py)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import schedules, steps_arrays

import lrcourse.schedules as S

# Per-test settings (a global profile would change other modules' tests too).
SETTINGS = settings(max_examples=150, deadline=None)


def _clip_steps(steps, max_step):
    return steps if max_step is None else np.minimum(steps, max_step)


@SETTINGS
@given(schedules(), steps_arrays)
def test_vectorised_equals_per_step(drawn_max, steps):
    drawn, max_step = drawn_max
    steps = _clip_steps(steps, max_step)
    vec = drawn.schedule(steps)
    one = np.array([drawn.schedule(float(s)) for s in steps])
    np.testing.assert_allclose(vec, one, rtol=1e-15, atol=0)


@SETTINGS
@given(schedules(), steps_arrays)
def test_types_and_shapes(drawn_max, steps):
    drawn, max_step = drawn_max
    steps = _clip_steps(steps, max_step)
    out = drawn.schedule(steps)
    assert isinstance(out, np.ndarray)
    assert out.dtype == np.float64
    assert out.shape == steps.shape
    assert np.isfinite(out).all()
    assert type(drawn.schedule(int(steps[0]))) is float
    assert type(drawn.schedule(float(steps[0]))) is float
    assert type(drawn.schedule(np.int64(steps[0]))) is float
    grid = drawn.schedule(steps.reshape(1, -1, 1))
    assert grid.shape == (1, steps.size, 1)
    assert drawn.schedule(steps.tolist()).shape == steps.shape
    assert drawn.schedule(np.array([], dtype=np.float64)).shape == (0,)


@SETTINGS
@given(schedules(), steps_arrays)
def test_never_mutates(drawn_max, steps):
    drawn, max_step = drawn_max
    steps = _clip_steps(steps, max_step)
    before = steps.copy()
    params = dict(drawn.schedule.params)
    first = drawn.schedule(steps)
    second = drawn.schedule(steps)
    np.testing.assert_array_equal(steps, before)
    np.testing.assert_array_equal(first, second)
    assert dict(drawn.schedule.params) == params


@SETTINGS
@given(schedules(), steps_arrays)
def test_bounds(drawn_max, steps):
    drawn, max_step = drawn_max
    steps = _clip_steps(steps, max_step)
    out = drawn.schedule(steps)
    if max_step is not None:
        # One-cycle: PyTorch allows step N, which extrapolates the last phase one step
        # past its end (with linear annealing, below the final rate, even below 0).
        steps = np.minimum(steps, max_step - 1)
        out = drawn.schedule(steps)
    slack = 1e-12 * max(abs(drawn.hi), 1.0) if np.isfinite(drawn.hi) else 0.0
    assert (out >= drawn.lo - slack).all()
    assert (out <= drawn.hi + slack).all()


@SETTINGS
@given(schedules(), steps_arrays)
def test_monotone(drawn_max, steps):
    drawn, max_step = drawn_max
    if drawn.monotone is None:
        return
    out = drawn.schedule(np.sort(_clip_steps(steps, max_step)))
    d = np.diff(out)
    tol = 1e-12 * np.abs(out).max()
    if drawn.monotone == "dec":
        assert (d <= tol).all()
    else:
        assert (d >= -tol).all()


def test_every_public_schedule_is_covered():
    # Each factory in lrcourse.schedules appears in tests/strategies.py.
    import inspect

    import strategies

    source = inspect.getsource(strategies)
    for name in S.__all__:
        if name in ("Schedule", "ReduceOnPlateau", "cumulative_rate"):  # not factories
            continue
        assert f"S.{name}(" in source, name


metrics_lists = st.lists(st.floats(0.0, 10.0), min_size=1, max_size=60)


@SETTINGS
@given(
    metrics_lists,
    st.sampled_from(["torch", "keras"]),
    st.sampled_from(["min", "max"]),
    st.floats(0.0, 0.99),
    st.integers(0, 5),
    st.integers(0, 3),
    st.floats(0.0, 0.05),
)
def test_plateau_properties(metrics, rule, mode, factor, patience, cooldown, min_lr):
    policy = S.ReduceOnPlateau(
        0.1,
        rule=rule,
        mode=mode,
        factor=factor,
        patience=patience,
        cooldown=cooldown,
        min_lr=min_lr,
    )
    replay = policy.run(metrics)
    assert policy.epoch == 0
    assert policy.lr == 0.1
    lrs = [policy.step(m) for m in metrics]
    np.testing.assert_array_equal(lrs, replay)
    assert all(type(x) is float for x in lrs)
    assert all(b <= a for a, b in zip([0.1, *lrs], lrs, strict=False))  # never rises
    assert min(lrs) >= min(min_lr, 0.1)
