"""What the book build writes for each answer box: exercises.page_data and the box's HTML."""

from __future__ import annotations

import json
import re
import sys

import numpy as np
import pytest
from conftest import ROOT

from lrcourse import exercises
from lrcourse.exercises._core import REGISTRY, RTOL, Exercise, Hint
from lrcourse.exercises._messages import MESSAGES

sys.path.insert(0, str(ROOT / "_ext"))
import lrcourse_answers  # noqa: E402

sys.path.remove(str(ROOT / "_ext"))


@pytest.mark.parametrize("ex_id", sorted(exercises.catalog()))
def test_page_data_holds_the_reference_and_every_hint(ex_id):
    data = exercises.page_data(ex_id)
    ex = REGISTRY[ex_id]
    json.dumps(data, allow_nan=False)  # JSON as it is
    assert data["kind"] == ex.kind and data["rtol"] == RTOL
    assert np.allclose(data["reference"], ex.reference(), rtol=0, atol=0)
    assert len(data["hints"]) == len(ex.hints)
    for hint, out in zip(ex.hints, data["hints"], strict=True):
        assert out["message"] == hint.message
        assert np.array_equal(np.asarray(out["values"]), np.asarray(hint.expected(), dtype=float))
    assert data["messages"] == MESSAGES
    assert data["check_call"] == f'exercises.check("{ex_id}", answer)'


def test_page_data_rejects_an_unknown_id():
    with pytest.raises(KeyError, match="Unknown exercise id 'ch99-nothing'.*ch02-step-decay-list"):
        exercises.page_data("ch99-nothing")


def _fake(monkeypatch, **fields):
    ex = Exercise(**{"id": "ch99-fake", "chapter": 99, "title": "Fake", "answer": "a list",
                     "kind": "sequence", "reference": lambda: [0.1, 0.2], **fields})
    monkeypatch.setitem(REGISTRY, ex.id, ex)
    return ex.id


def test_a_kind_the_page_cannot_check_says_so(monkeypatch):
    ex_id = _fake(monkeypatch, kind="text")
    with pytest.raises(exercises.NotCheckableInPage, match=r"kind 'text'.*exercises.check"):
        exercises.page_data(ex_id)


def test_values_json_cannot_hold_are_written_as_text(monkeypatch):
    ex_id = _fake(monkeypatch, hints=(Hint(lambda: [np.inf, np.nan], "x"),))
    assert exercises.page_data(ex_id)["hints"][0]["values"] == ["inf", "nan"]


@pytest.mark.parametrize(
    ("fields", "pattern"),
    [
        ({"reference": lambda: [[0.1], [0.2]]}, r"1-D list.*shape \(2, 1\)"),
        ({"reference": lambda: ["a"]}, "must be a number or a list of numbers"),
        ({"kind": "number"}, "kind 'number' but its reference is a list"),
        ({"reference": lambda: 0.1}, "kind 'sequence' but its reference is a single number"),
        ({"first_step": 1.5}, "first_step must be an int. Received: 1.5"),
    ],
)
def test_a_badly_declared_exercise_fails_the_build_clearly(monkeypatch, fields, pattern):
    ex_id = _fake(monkeypatch, **fields)
    with pytest.raises(ValueError, match=pattern):
        exercises.page_data(ex_id)


def test_box_html_keeps_its_data_inside_its_script(monkeypatch):
    ex_id = _fake(monkeypatch, hints=(Hint(lambda: [0.1, 0.3], "</script><b>&amp;</b>"),))
    box = lrcourse_answers._box_html(ex_id, exercises.page_data(ex_id))
    assert box.count("</script>") == 1
    payload = re.search(r'class="lrc-answer-data">(.*?)</script>', box).group(1)
    data = json.loads(payload)
    assert data["hints"][0]["message"] == "</script><b>&amp;</b>"
    assert set(data) == set(lrcourse_answers.PAGE_KEYS)
    # The contract of tests/test_answer_boxes.py.
    assert f'data-exercise="{ex_id}"' in box and "<button" in box and 'aria-live="polite"' in box
    assert f'<label class="lrc-answer-label" id="{ex_id}-answer-label" for="{ex_id}-answer"' in box


def test_a_box_that_cannot_check_shows_the_jupyter_call():
    box = lrcourse_answers._box_html("ch99-x", None, "exercise kind 'text'")
    assert "cannot be checked in the page" in box
    assert "exercises.check(&quot;ch99-x&quot;, answer)" in box
    assert 'data-exercise="ch99-x"' in box
