"""What the book's answer boxes need to check an answer in the page, with no kernel.

The book's Sphinx extension (``_ext/lrcourse_answers.py``) calls
:func:`page_data` for each exercise while the book is built and writes the
result into the page as JSON. The page script
(``_ext/assets/lrcourse-answers.js``) then does what :func:`check` does:
it compares the reader's numbers with the reference (same tolerance), looks
for the first difference, the known mistakes (the exercise's hints) and an
off-by-one shift, and fills the same message texts (:mod:`._messages`).
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ._core import ATOL, REGISTRY, RTOL, Exercise
from ._messages import MESSAGES

__all__ = ["PAGE_KINDS", "NotCheckableInPage", "page_data"]

#: Exercise kinds whose answers the page script can check.
PAGE_KINDS = ("number", "sequence")


class NotCheckableInPage(NotImplementedError):
    """The exercise's answers can be checked with :func:`check` only (in Jupyter)."""


def _value(x) -> float | str:
    """A float for JSON; ``"nan"``, ``"inf"``, ``"-inf"`` for what JSON cannot hold."""
    x = float(x)
    if math.isfinite(x):
        return x
    return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")


def _values(ex: Exercise, what: str, raw) -> float | str | list:
    """``raw`` (a number or a 1-D list of numbers) as JSON values, its shape kept."""
    try:
        arr = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(
            f"Exercise {ex.id!r}: {what} must be a number or a list of numbers. "
            f"Received: {raw!r}"
        ) from err
    if arr.ndim > 1:
        raise ValueError(
            f"Exercise {ex.id!r}: {what} must be a number or a 1-D list of numbers. "
            f"Received an array of shape {arr.shape}"
        )
    return _value(arr) if arr.ndim == 0 else [_value(x) for x in arr]


def page_data(exercise_id: str) -> dict:
    """Everything the book's answer box needs to check answers to one exercise.

    Computed by lrcourse when the book is built: the reference answer and
    the answer of each known mistake (hint), with the tolerance and the
    message templates of :func:`lrcourse.exercises.check`.

    Parameters
    ----------
    exercise_id : str
        A key of :func:`lrcourse.exercises.catalog`.

    Returns
    -------
    dict
        JSON-ready: ``id``, ``title``, ``answer`` (what to enter), ``kind``
        (``"number"`` or ``"sequence"``), ``reference`` (a float or a list of
        floats), ``rtol``, ``atol``, ``step_label``, ``first_step``,
        ``positions`` (list or None), ``hints`` (list of ``{"values",
        "message"}``), ``messages`` (the templates of
        :data:`lrcourse.exercises._messages.MESSAGES`) and ``check_call``
        (how to check the answer in Jupyter). A value that is not finite is
        written as the string ``"nan"``, ``"inf"`` or ``"-inf"``.

    Raises
    ------
    KeyError
        Unknown ``exercise_id``.
    NotCheckableInPage
        The exercise's kind is not one the page can check (see ``PAGE_KINDS``).
    ValueError
        The reference or a hint is not a number or a 1-D list of numbers.

    Examples
    --------
    >>> from lrcourse import exercises
    >>> data = exercises.page_data("ch02-tf-piecewise-boundaries")
    >>> data["kind"], data["reference"], data["positions"][:2]
    ('sequence', [0.1, 0.1, 0.05, 0.05, 0.05, 0.01], [99.0, 100.0])
    """
    from . import _registered

    book = _registered()  # imports every chapter module
    if not isinstance(exercise_id, str) or exercise_id not in REGISTRY:
        raise KeyError(
            f"Unknown exercise id {exercise_id!r}. Known ids: {', '.join(sorted(book))}"
        )
    ex = REGISTRY[exercise_id]
    check_call = f'exercises.check("{ex.id}", answer)'
    if ex.kind not in PAGE_KINDS:
        raise NotCheckableInPage(
            f"Exercise {ex.id!r} has kind {ex.kind!r}; the page checks only {PAGE_KINDS}. "
            f"Check it in Jupyter: {check_call}"
        )
    if isinstance(ex.first_step, bool) or not isinstance(ex.first_step, numbers.Integral):
        raise ValueError(
            f"Exercise {ex.id!r}: first_step must be an int. Received: {ex.first_step!r}"
        )
    reference = _values(ex, "the reference", ex.reference())
    if (ex.kind == "number") == isinstance(reference, list):
        raise ValueError(
            f"Exercise {ex.id!r} has kind {ex.kind!r} but its reference is "
            f"{'a list' if isinstance(reference, list) else 'a single number'}: {reference!r}"
        )
    return {
        "id": ex.id,
        "title": ex.title,
        "answer": ex.answer,
        "kind": ex.kind,
        "reference": reference,
        "rtol": RTOL,
        "atol": ATOL,
        "step_label": ex.step_label,
        "first_step": int(ex.first_step),
        "positions": None if ex.positions is None else [float(p) for p in ex.positions],
        "hints": [
            {"values": _values(ex, f"hint {k}", hint.expected()), "message": hint.message}
            for k, hint in enumerate(ex.hints)
        ],
        "messages": dict(MESSAGES),
        "check_call": check_call,
    }
