"""What a chapter module declares: its number, its explorers, exercises and framework corners.

A chapter module (``lrcourse/chapters/chNN_<slug>.py``) creates one
:class:`Chapter` and registers everything the chapter's notebook uses on it::

    CHAPTER = Chapter(2, "step_exponential", "Step-wise and exponential decay")

    @CHAPTER.explorer
    def schedule_plotter(...): ...          # an explorers.catalog() entry

    CHAPTER.exercise(id="ch02-...", ...)     # an exercises.catalog() entry

    CHAPTER.corner("piecewise", "Piecewise constant", tabs)   # a framework corner

:mod:`lrcourse.chapters` discovers the modules; nothing else is edited by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..exercises._core import Exercise, register

__all__ = ["Chapter"]

_SLUG = re.compile(r"[a-z][a-z0-9_]*\Z")


@dataclass
class Chapter:
    """One chapter of the book and what its notebook uses from lrcourse.

    Parameters
    ----------
    number : int
        The chapter number (0 only for the chapter template).
    slug : str
        Lower-case words joined by ``_``; the notebook is
        ``book/chNN_<slug>.ipynb`` and exercise ids start with ``chNN-``.
    title : str
        The chapter title, as in the notebook's first heading.

    Attributes
    ----------
    explorers : dict
        ``name -> builder``; each builder returns an
        :class:`~lrcourse.explorers.Explorer` when called with no arguments.
    exercises : dict
        ``id -> Exercise``.
    corners : dict
        ``key -> builder``; each builder returns a
        :class:`~lrcourse.corner.Corner` (framework code with its schedules).
    """

    number: int
    slug: str
    title: str
    explorers: dict = field(default_factory=dict)
    exercises: dict = field(default_factory=dict)
    corners: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.number, int) or not 0 <= self.number <= 99:
            raise ValueError(f"Chapter number must be an int in 0..99. Received: {self.number!r}")
        if not isinstance(self.slug, str) or not _SLUG.match(self.slug):
            raise ValueError(
                f"Chapter slug must be lower-case words joined by '_'. Received: {self.slug!r}"
            )

    @property
    def prefix(self) -> str:
        """The id prefix of the chapter's exercises, e.g. ``"ch02"``."""
        return f"ch{self.number:02d}"

    @property
    def notebook(self) -> str:
        """The notebook's path from the repository root."""
        return f"book/{self.prefix}_{self.slug}.ipynb"

    def explorer(self, builder: Callable) -> Callable:
        """Decorator: register an explorer builder under its function name."""
        name = builder.__name__
        if name in self.explorers:
            raise RuntimeError(f"Chapter {self.number}: explorer {name!r} registered twice")
        self.explorers[name] = builder
        return builder

    def exercise(self, **fields) -> Exercise:
        """Register an exercise of this chapter (the fields of :class:`Exercise`).

        The id must start with the chapter prefix, e.g. ``ch02-``: the same
        id labels the exercise in the notebook and is passed to
        :func:`lrcourse.exercises.check`.
        """
        ex_id = fields.get("id", "")
        if not (isinstance(ex_id, str) and ex_id.startswith(self.prefix + "-")
                and re.fullmatch(r"[a-z0-9-]+", ex_id)):
            raise ValueError(
                f"Exercise id must look like '{self.prefix}-some-words' (lower case, digits, "
                f"hyphens). Received: id={ex_id!r}"
            )
        ex = register(Exercise(chapter=self.number, **fields))
        self.exercises[ex.id] = ex
        return ex

    def corner(self, key: str) -> Callable:
        """Decorator: register a framework-corner builder under ``key``."""

        def deco(builder: Callable) -> Callable:
            if key in self.corners:
                raise RuntimeError(f"Chapter {self.number}: corner {key!r} registered twice")
            self.corners[key] = builder
            return builder

        return deco
