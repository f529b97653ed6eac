"""Self-checking exercises.

>>> from lrcourse import exercises
>>> sorted(k for k in exercises.catalog() if k.startswith("ch02"))[:2]
['ch02-exponential-list', 'ch02-natural-exp-at-step']
>>> exercises.check("ch02-exponential-list", [0.1] * 10).passed
False

:func:`catalog` lists every exercise; :func:`check` compares an answer with
the reference that lrcourse computes. A wrong answer gets a message (where
it first differs, a likely cause); misuse (unknown id, wrong answer type)
raises a clear error.
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

__all__ = ["CheckResult", "catalog", "check", "overview"]


def _registered():
    """``id -> Exercise`` of every chapter module (the chapter template excluded)."""
    from ..chapters import all_chapters

    return {ex_id: ex for c in all_chapters() for ex_id, ex in c.exercises.items()}


def catalog():
    """Dict ``exercise_id -> info`` with keys ``chapter``, ``title``, ``answer``.

    The exercises are those registered by the chapter modules of
    :mod:`lrcourse.chapters`, in chapter order.
    """
    return {
        ex.id: {"chapter": ex.chapter, "title": ex.title, "answer": ex.answer}
        for ex in _registered().values()
    }


class Overview:
    """A table of exercises; shows as an HTML table in Jupyter and the book."""

    HEADER = ("Chapter", "Exercise id", "Title", "Answer to pass to check")

    def __init__(self, rows):
        self.rows = rows

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(f"<th>{esc(h)}</th>" for h in self.HEADER)
        body = "".join(
            f"<tr><td>{info['chapter']}</td><td><code>{esc(ex_id)}</code></td>"
            f"<td>{esc(info['title'])}</td><td>{esc(info['answer'])}</td></tr>"
            for ex_id, info in self.rows
        )
        return f'<table class="table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def __repr__(self) -> str:
        return "\n".join(f"{info['chapter']:>3}  {ex_id:32s} {info['title']}"
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
      2  ch02-step-decay-list             Step decay: the first 30 learning rates
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
            return CheckResult(ex.id, True, "Well done: that is the value the framework gives.")
        return CheckResult(ex.id, False, diagnose_number(ex, value, expected))
    values = as_sequence(ex.id, answer)
    if same(values, expected):
        return CheckResult(ex.id, True, f"All {len(values)} values are right.")
    return CheckResult(ex.id, False, diagnose_sequence(ex, values, expected))
