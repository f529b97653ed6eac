"""Exercise checkers: right answers pass, wrong ones get a useful message, misuse raises.

Every chapter's test module (tests/test_chNN_<slug>.py) holds ``RIGHT``, the
known-right answer of each of its exercises, computed from closed-form
formulas independent of lrcourse's schedules. This module collects them.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import numpy as np
import pytest

from lrcourse import exercises
from lrcourse.exercises import CheckResult


def _right_answers() -> dict:
    """Union of the ``RIGHT`` dicts of the chapter test modules (tests/test_chNN_*.py)."""
    right = {}
    for path in sorted(Path(__file__).parent.glob("test_ch[0-9][0-9]_*.py")):
        spec = importlib.util.spec_from_file_location(f"_right_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        overlap = set(right) & set(module.RIGHT)
        assert not overlap, f"{path.name} repeats {overlap}"
        right.update(module.RIGHT)
    return right


RIGHT = _right_answers()


def test_every_registered_exercise_has_a_known_right_answer():
    assert set(RIGHT) == set(exercises.catalog())


def test_catalog_lists_every_exercise_with_its_answer_format():
    cat = exercises.catalog()
    for info in cat.values():
        assert {"chapter", "title", "answer"} <= set(info)
        assert isinstance(info["chapter"], int) and info["title"] and info["answer"]


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_right_answers_pass(ex_id):
    result = exercises.check(ex_id, RIGHT[ex_id])
    assert isinstance(result, CheckResult)
    assert result.passed, result.message
    assert "Correct" in result._repr_html_()


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_numpy_answers_are_accepted(ex_id):
    answer = RIGHT[ex_id]
    answer = np.float64(answer) if isinstance(answer, float) else np.asarray(answer)
    assert exercises.check(ex_id, answer).passed


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_wrong_answers_never_raise(ex_id):
    answer = RIGHT[ex_id]
    wrong = answer * 1.5 if isinstance(answer, float) else [x * 1.5 for x in answer]
    result = exercises.check(ex_id, wrong)
    assert not result.passed and result.message
    assert "Not yet" in result._repr_html_()


def test_sequence_message_points_at_first_difference():
    wrong = list(RIGHT["ch02-exponential-list"])
    wrong[4] = 0.5
    msg = exercises.check("ch02-exponential-list", wrong).message
    assert "First difference at epoch 4" in msg and "0.5" in msg


def test_a_wrong_answer_does_not_reveal_the_right_one():
    # A reader who types anything must not read the answer off the message.
    for ex_id, wrong in [("ch01-f-at-minus-20", [1.0, 2.0, 3.0]), ("ch01-f-at-minus-20", [0.0, 0.0]),
                         ("ch02-exponential-list", [0.1] * 10)]:
        msg = exercises.check(ex_id, wrong).message
        for right in np.atleast_1d(RIGHT[ex_id]):
            if not any(math.isclose(right, w) for w in wrong):
                assert f"{right:.6g}" not in msg and f"{right:.4g}" not in msg, msg


def test_off_by_one_is_recognised():
    shifted = [0.1 * 0.5 ** (e // 10) for e in range(1, 31)]
    msg = exercises.check("ch02-step-decay-list", shifted).message
    assert "off-by-one" in msg and "epoch 1 instead of epoch 0" in msg
    late = [0.1 * 0.5 ** (max(e - 1, 0) // 10) for e in range(30)]
    assert "one epoch too late" in exercises.check("ch02-step-decay-list", late).message


def test_missing_floor_is_recognised():
    smooth = [0.1 * 0.5 ** (e / 10) for e in range(30)]
    assert "needs the floor" in exercises.check("ch02-step-decay-list", smooth).message


def test_wrong_length_is_reported():
    msg = exercises.check("ch02-step-decay-list", RIGHT["ch02-step-decay-list"][:20]).message
    assert "has 20 entries" in msg and "asks for 30" in msg


def test_pytorch_boundary_convention_is_recognised():
    torch_style = [0.1, 0.05, 0.05, 0.05, 0.01, 0.01]
    msg = exercises.check("ch02-tf-piecewise-boundaries", torch_style).message
    assert "First difference at step 100" in msg and "right-inclusive" in msg


def test_rate_closer_to_one_misconception_is_recognised():
    msg = exercises.check("ch02-exponential-list", [0.1 * 0.05**e for e in range(10)]).message
    assert "decays more slowly" in msg


def test_staircase_confusion_is_recognised():
    stair = 0.1 * math.exp(-0.5 * (25 // 10))
    msg = exercises.check("ch02-natural-exp-at-step", stair).message
    assert "staircase" in msg


def test_per_batch_stepping_is_recognised():
    per_batch = [0.2 * 0.1 ** (b // 3) for b in range(16)]
    msg = exercises.check("ch02-per-epoch-counting", per_batch).message
    assert "once per epoch" in msg


def test_non_finite_answer_gets_a_message():
    assert "not a finite number" in exercises.check("ch02-natural-exp-at-step", math.nan).message
    bad = list(RIGHT["ch02-exponential-list"])
    bad[2] = math.inf
    assert "Entry 2" in exercises.check("ch02-exponential-list", bad).message


def test_number_answer_does_not_reveal_the_solution():
    msg = exercises.check("ch02-natural-exp-at-step", 0.01).message
    assert f"{RIGHT['ch02-natural-exp-at-step']:.6g}" not in msg


def test_unknown_id_raises_with_the_known_ids():
    with pytest.raises(KeyError, match="Unknown exercise id 'ch99'.*ch02-step-decay-list"):
        exercises.check("ch99", 1.0)


@pytest.mark.parametrize(
    ("ex_id", "answer", "pattern"),
    [
        ("ch02-natural-exp-at-step", "0.03", "expects a number"),
        ("ch02-natural-exp-at-step", [0.03], "expects a number"),
        ("ch02-natural-exp-at-step", True, "expects a number"),
        ("ch02-step-decay-list", "0.1, 0.1", "expects a list"),
        ("ch02-step-decay-list", 0.1, "expects a list"),
        ("ch02-step-decay-list", {0: 0.1}, "expects a list"),
        ("ch02-step-decay-list", [0.1, "0.1"], "entry 1 is str"),
    ],
)
def test_wrong_answer_type_raises(ex_id, answer, pattern):
    with pytest.raises(TypeError, match=pattern):
        exercises.check(ex_id, answer)


def test_overview_lists_every_exercise():
    table = exercises.overview()
    html = table._repr_html_()
    for ex_id, info in exercises.catalog().items():
        assert f"<code>{ex_id}</code>" in html
        assert ex_id in repr(table)
        assert info["chapter"] == 2 or ex_id not in repr(exercises.overview(2))
    assert all(info["chapter"] == 2 for _, info in exercises.overview(2).rows)


def test_overview_rejects_a_chapter_without_exercises():
    with pytest.raises(ValueError, match=r"Argument `chapter` must be one of \[[0-9, ]+\].*chapter=99"):
        exercises.overview(99)
