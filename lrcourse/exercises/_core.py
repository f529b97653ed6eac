"""Exercise registry, answer checking and result display."""

from __future__ import annotations

import html
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ._messages import message

__all__ = ["CheckResult", "Exercise", "Hint", "register", "REGISTRY"]

#: Relative tolerance: answers are accepted to 4 significant digits.
RTOL = 1e-4
ATOL = 1e-12


@dataclass(frozen=True)
class Hint:
    """A likely mistake: if the answer matches ``expected()``, say ``message``."""

    expected: Callable[[], object]
    message: str


@dataclass(frozen=True)
class Exercise:
    """One self-checking exercise.

    Attributes
    ----------
    id : str
        Stable identifier, e.g. ``"ch02-step-decay-list"``.
    chapter : int
    title : str
    answer : str
        What to pass to :func:`check` (type and meaning).
    kind : {"sequence", "number"}
    reference : callable
        Computes the correct answer with lrcourse (never a stored list).
    hints : tuple of Hint
        Known mistakes, recognised by the answer they produce.
    step_label : str
        How positions in a sequence are named in messages ("step", "epoch").
    first_step : int
        The step of the first entry of a sequence answer (0: 0-based lists).
    positions : tuple of float, optional
        The steps of the entries when they are not consecutive.
    points : int
        What the exercise is worth when graded (nbgrader); 1 unless the
        chapter gives more.
    """

    id: str
    chapter: int
    title: str
    answer: str
    kind: str
    reference: Callable[[], object]
    hints: tuple[Hint, ...] = ()
    step_label: str = "step"
    first_step: int = 0
    positions: tuple[float, ...] | None = None
    points: int = 1


@dataclass(frozen=True)
class CheckResult:
    """Outcome of :func:`lrcourse.exercises.check`.

    Attributes
    ----------
    passed : bool
    message : str
    """

    exercise_id: str
    passed: bool
    message: str
    details: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        head = "Correct" if self.passed else "Not yet"
        return f"{head} ({self.exercise_id}): {self.message}"

    def _repr_html_(self) -> str:
        color, border, icon = (
            ("#14532d", "#22c55e", "✔") if self.passed else ("#7c2d12", "#f97316", "✘")
        )
        return (
            f'<div role="status" style="border-left:4px solid {border};padding:.4em .8em;'
            f'color:{color};margin:.3em 0"><strong>{icon} '
            f'{"Correct" if self.passed else "Not yet"}</strong> '
            f"<code>{html.escape(self.exercise_id)}</code>: {html.escape(self.message)}</div>"
        )

    def __repr__(self) -> str:
        return str(self)


REGISTRY: dict[str, Exercise] = {}


def register(ex: Exercise) -> Exercise:
    if ex.id in REGISTRY:
        raise RuntimeError(f"duplicate exercise id {ex.id!r}")
    if ex.kind not in ("sequence", "number"):
        raise RuntimeError(f"unknown exercise kind {ex.kind!r}")
    if isinstance(ex.points, bool) or not isinstance(ex.points, int) or ex.points < 1:
        raise ValueError(
            f"Argument `points` of exercise {ex.id!r} must be a whole number >= 1. "
            f"Received: points={ex.points!r}"
        )
    REGISTRY[ex.id] = ex
    return ex


# -- answer coercion (misuse raises) ----------------------------------------------

def as_number(exercise_id: str, answer: object) -> float:
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real | np.floating):
        raise TypeError(
            f"Exercise {exercise_id!r} expects a number as its answer. "
            f"Received: {type(answer).__name__} {answer!r}"
        )
    return float(answer)


def as_sequence(exercise_id: str, answer: object) -> np.ndarray:
    if isinstance(answer, str | bytes | dict | set) or not isinstance(
        answer, Sequence | np.ndarray
    ):
        raise TypeError(
            f"Exercise {exercise_id!r} expects a list (or 1-D array) of numbers as its "
            f"answer. Received: {type(answer).__name__} {answer!r}"
        )
    items = list(np.asarray(answer, dtype=object).ravel()) if isinstance(
        answer, np.ndarray) else list(answer)
    for i, x in enumerate(items):
        if isinstance(x, bool) or not isinstance(x, numbers.Real | np.floating | np.integer):
            raise TypeError(
                f"Exercise {exercise_id!r} expects a list of numbers; entry {i} is "
                f"{type(x).__name__} {x!r}"
            )
    return np.asarray([float(x) for x in items], dtype=np.float64)


def close(a, b) -> np.ndarray:
    return np.isclose(a, b, rtol=RTOL, atol=ATOL)


def same(answer: np.ndarray | float, expected) -> bool:
    expected = np.asarray(expected, dtype=np.float64)
    answer = np.asarray(answer, dtype=np.float64)
    return answer.shape == expected.shape and bool(np.all(close(answer, expected)))


# -- diagnosis ----------------------------------------------------------------------

def diagnose_sequence(ex: Exercise, answer: np.ndarray, expected: np.ndarray) -> str:
    """Message for a wrong sequence answer: first difference and likely cause."""
    label, first = ex.step_label, ex.first_step
    parts = []
    if not np.all(np.isfinite(answer)):
        i = int(np.flatnonzero(~np.isfinite(answer))[0])
        return message("entry_not_finite", i=i, value=answer[i])
    if len(answer) != len(expected):
        parts.append(message("wrong_length", n=len(answer), expected_n=len(expected)))
    n = min(len(answer), len(expected))
    bad = np.flatnonzero(~close(answer[:n], expected[:n]))
    if len(bad):
        i = int(bad[0])
        where = ex.positions[i] if ex.positions is not None else i + first
        parts.append(message("first_difference", label=label, where=where, value=answer[i]))
    for hint in ex.hints:
        if same(answer, np.asarray(hint.expected(), dtype=np.float64)):
            parts.append(hint.message)
            return " ".join(parts)
    # Off by one: the list is the reference shifted by one position.
    if ex.positions is None and n > 1:
        if same(answer[: len(expected) - 1][: n - 1], expected[1:n]):
            parts.append(message("one_ahead", label=label, next=first + 1, first=first))
        elif same(answer[1:n], expected[: n - 1]):
            parts.append(message("one_behind", label=label))
    return " ".join(parts)


def diagnose_number(ex: Exercise, answer: float, expected: float) -> str:
    if not np.isfinite(answer):
        return message("number_not_finite", value=answer)
    parts = [message("number_wrong", value=answer,
                     rel=abs(answer - expected) / abs(expected)) if expected else
             message("number_wrong_zero", value=answer)]
    for hint in ex.hints:
        if same(answer, hint.expected()):
            parts.append(hint.message)
            break
    return " ".join(parts)
