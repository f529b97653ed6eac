"""Self-checking exercises.

>>> from lrcourse import exercises
>>> sorted(k for k in exercises.catalog() if k.startswith("ch02"))[:2]
['ch02-exponential-list', 'ch02-natural-exp-at-step']
>>> exercises.check("ch02-exponential-list", [0.1] * 10).passed
False

:func:`catalog` lists every exercise; :func:`check` compares an answer with
the reference that lrcourse computes. A wrong answer gets a message (where
it first differs, a likely cause); misuse (unknown id, wrong answer type)
raises a clear error. :func:`grade` is the same check for autograders
(nbgrader): a wrong answer raises :class:`AssertionError` with the message.

:func:`page_data` gives the book's answer boxes what they need to check an
answer in the page, with the same tolerance and messages as :func:`check`.
"""

from __future__ import annotations

import html

from ._core import (
    REGISTRY,
    CheckResult,
    as_number,
    as_sequence,
    diagnose_number,
    diagnose_sequence,
    same,
)
from ._messages import message
from ._page import NotCheckableInPage, page_data

__all__ = ["CheckResult", "NotCheckableInPage", "catalog", "check", "grade", "overview", "page_data"]


def _registered():
    """``id -> Exercise`` of every chapter module (the chapter template excluded)."""
    from ..chapters import all_chapters

    return {ex_id: ex for c in all_chapters() for ex_id, ex in c.exercises.items()}


def catalog():
    """Dict ``exercise_id -> info`` with keys ``chapter``, ``title``, ``answer``, ``points``.

    The exercises are those registered by the chapter modules of
    :mod:`lrcourse.chapters`, in chapter order. ``points`` is what the
    exercise is worth when graded with nbgrader.
    """
    return {
        ex.id: {"chapter": ex.chapter, "title": ex.title, "answer": ex.answer,
                "points": ex.points}
        for ex in _registered().values()
    }


class Overview:
    """A table of exercises; shows as an HTML table in Jupyter and the book."""

    HEADER = ("Chapter", "Exercise id", "What it asks", "Answer to pass to check", "Points")

    def __init__(self, rows):
        self.rows = rows

    @property
    def points(self) -> int:
        """The points of all the exercises in the table."""
        return sum(info["points"] for _, info in self.rows)

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(f"<th>{esc(h)}</th>" for h in self.HEADER)
        body = "".join(
            f"<tr><td>{info['chapter']}</td><td><code>{esc(ex_id)}</code></td>"
            f"<td>{esc(info['title'])}</td><td>{esc(info['answer'])}</td>"
            f"<td>{info['points']}</td></tr>"
            for ex_id, info in self.rows
        )
        foot = (f'<tr><td colspan="4">Total ({len(self.rows)} exercises)</td>'
                f"<td>{self.points}</td></tr>")
        return (f'<table class="table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
                f"<tfoot>{foot}</tfoot></table>")

    def __repr__(self) -> str:
        return "\n".join(f"{info['chapter']:>3}  {ex_id:32s} {info['points']:>2}  {info['title']}"
                         for ex_id, info in self.rows)


def overview(chapter=None):
    """Every exercise (or one chapter's), as a table for instructors.

    Parameters
    ----------
    chapter : int, optional
        Only this chapter's exercises.

    Returns
    -------
    Overview
        Displays as a table in Jupyter and in the book; ``repr`` is plain text.

    Examples
    --------
    >>> from lrcourse import exercises
    >>> print(repr(exercises.overview(2)).splitlines()[0])
      2  ch02-step-decay-list              1  Step decay: the first 30 learning rates
    """
    cat = catalog()
    if chapter is not None:
        chapters = sorted({info["chapter"] for info in cat.values()})
        if chapter not in chapters:
            raise ValueError(
                f"Argument `chapter` must be one of {chapters} (chapters with exercises). "
                f"Received: chapter={chapter!r}"
            )
    rows = [(k, v) for k, v in cat.items() if chapter is None or v["chapter"] == chapter]
    return Overview(rows)


def check(exercise_id, answer):
    """Check ``answer`` to exercise ``exercise_id``.

    Parameters
    ----------
    exercise_id : str
        A key of :func:`catalog`.
    answer : float or list of float
        As described by ``catalog()[exercise_id]["answer"]``.

    Returns
    -------
    CheckResult
        ``.passed`` and ``.message``; shows as a coloured box in Jupyter.

    Raises
    ------
    KeyError
        Unknown ``exercise_id`` (the message lists the known ones).
    TypeError
        ``answer`` of the wrong type (a string, a dict, a list with text...).

    See Also
    --------
    grade : the same check for autograders (nbgrader).
    """
    book = _registered()  # imports every chapter module, so REGISTRY holds their exercises
    if not isinstance(exercise_id, str) or exercise_id not in REGISTRY:
        raise KeyError(
            f"Unknown exercise id {exercise_id!r}. Known ids: {', '.join(sorted(book))}"
        )
    ex = REGISTRY[exercise_id]
    expected = ex.reference()
    if ex.kind == "number":
        value = as_number(ex.id, answer)
        if same(value, expected):
            return CheckResult(ex.id, True, message("number_right"))
        return CheckResult(ex.id, False, diagnose_number(ex, value, expected))
    values = as_sequence(ex.id, answer)
    if same(values, expected):
        return CheckResult(ex.id, True, message("sequence_right", n=len(values)))
    return CheckResult(ex.id, False, diagnose_sequence(ex, values, expected))


def grade(exercise_id, answer):
    """Grading mode of :func:`check`, for autograders such as nbgrader.

    It checks ``answer`` as :func:`check` does and prints the result. A
    wrong answer then raises :class:`AssertionError` with the same message,
    so the autograder gives no points and records why. A right answer
    returns ``None``: a test cell that ends with it has no output value,
    which nbgrader would otherwise read as partial credit.

    Parameters
    ----------
    exercise_id : str
        A key of :func:`catalog`.
    answer : float or list of float
        As described by ``catalog()[exercise_id]["answer"]``.

    Raises
    ------
    AssertionError
        The answer is wrong (the message says where and, when it can, why).
    KeyError, TypeError
        As for :func:`check`: an unknown id, or an answer of the wrong type
        (including the ``...`` of an answer cell not filled in).

    Examples
    --------
    >>> from lrcourse import exercises
    >>> exercises.grade("ch02-tf-piecewise-boundaries", [0.1, 0.1, 0.05, 0.05, 0.05, 0.01])
    Correct (ch02-tf-piecewise-boundaries): All 6 values are right.
    >>> exercises.grade("ch02-natural-exp-at-step", 0.1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    AssertionError: Not yet (ch02-natural-exp-at-step): You have 0.1; ...
    """
    result = check(exercise_id, answer)
    print(result)
    if not result.passed:
        raise AssertionError(str(result))
