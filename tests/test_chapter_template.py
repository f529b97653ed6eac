"""The chapter template's module: copy this file as tests/test_chNN_<slug>.py for a new chapter.

``RIGHT`` holds a known-right answer for every exercise of the chapter,
computed here independently of lrcourse. For a real chapter,
tests/test_exercises.py collects ``RIGHT`` and checks that it covers every
registered exercise.
"""

from __future__ import annotations

import numpy as np
import pytest

from lrcourse import exercises
from lrcourse.chapters import _template as ch

RIGHT = {
    "ch00-constant-list": [0.1] * 5,
    "ch00-one-step": 0.9,  # (1 - 0.1 * 1) * 1
    "ch00-three-steps": [1.0, -0.2, 0.04, -0.008],  # factor 1 - 0.3 * 4 = -0.2 per step
    "ch00-stable-limit": 0.5,  # 2 / a with a = 4
}


def test_right_covers_every_exercise():
    assert set(RIGHT) == set(ch.CHAPTER.exercises)


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_right_answers_pass(ex_id):
    assert exercises.check(ex_id, RIGHT[ex_id]).passed


def test_hint_for_the_usual_mistake():
    msg = exercises.check("ch00-three-steps", [1.0, 0.4, 0.16, 0.064]).message
    assert "a = 4" in msg


def test_gd_on_quadratic_is_the_closed_form():
    x = ch.gd_on_quadratic(0.3, curvature=4.0, x0=2.0, steps=10)
    np.testing.assert_allclose(x, 2.0 * (1 - 0.3 * 4.0) ** np.arange(11), rtol=1e-14)


def test_gd_on_quadratic_rejects_bad_curvature():
    with pytest.raises(ValueError, match="Argument `curvature` must be > 0"):
        ch.gd_on_quadratic(0.1, curvature=0.0)


def test_explorer_draws_for_every_grid_value():
    explorer = ch.constant_rate_descent()
    for lr in explorer.controls["lr"]:
        explorer.update(lr=lr)
        assert "η = " in explorer.describe()
