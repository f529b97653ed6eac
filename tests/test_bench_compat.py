"""bench/cases_compat.py covers every schedule that lrcourse.compat registers.

A name added to a compat registry without a benchmark case fails here, and
each case's bare NumPy expression must be the framework's formula: the same
values as the compat schedule (not a faster, different computation).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from lrcourse.schedules import Schedule

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from cases_compat import NOT_FUNCTIONS_OF_STEP, cases, registered  # noqa: E402

N = 2000
CASES = cases(N)


def test_every_registered_schedule_has_a_bench_case():
    covered = {(c.library, c.name) for c in CASES}
    missing = registered() - covered - NOT_FUNCTIONS_OF_STEP
    assert not missing, f"add a case to bench/cases_compat.py for {sorted(missing)}"
    assert not covered & NOT_FUNCTIONS_OF_STEP
    assert covered <= registered()
    assert len(covered) == len(CASES)  # one case per name


@pytest.mark.parametrize("key", sorted(NOT_FUNCTIONS_OF_STEP))
def test_excluded_names_are_not_functions_of_the_step(key):
    from cases_compat import BUILDERS

    library, name = key
    assert not isinstance(BUILDERS[library](name, lr=0.1), Schedule)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
@pytest.mark.parametrize("dtype", [np.int64, np.float64])
def test_bare_expression_is_the_same_formula(case, dtype):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        schedule = case.build()
    steps = np.arange(N, dtype=dtype)
    got, bare = schedule(steps), np.asarray(case.bare(steps), dtype=np.float64)
    assert bare.shape == got.shape
    if case.same_values:
        np.testing.assert_allclose(got, bare, rtol=1e-9, atol=1e-15)
    else:  # the noise differs: compare the spread around the same noise-free curve
        assert abs(np.std(got) / np.std(bare) - 1) < 0.5
