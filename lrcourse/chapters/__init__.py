"""One module per chapter: its explorers, exercises and framework corners.

Every module named ``chNN_<slug>.py`` in this package is a chapter. It
defines ``CHAPTER``, a :class:`Chapter`, and registers on it what the
chapter's notebook ``book/chNN_<slug>.ipynb`` uses. :func:`all_chapters`
finds the modules by their file names, so adding a chapter edits no list:
:func:`lrcourse.explorers.catalog` and :func:`lrcourse.exercises.catalog`
see it at once.

``_template.py`` is the chapter template: copy it to start a chapter. It is
not a chapter of the book, so it is not discovered.

Examples
--------
>>> from lrcourse.chapters import all_chapters
>>> "ch02" in [c.prefix for c in all_chapters()]
True
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from ._chapter import Chapter

__all__ = ["Chapter", "all_chapters", "chapter_of"]

_MODULE = re.compile(r"ch(\d\d)_[a-z][a-z0-9_]*\Z")


def _module_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if _MODULE.match(m.name))


def all_chapters() -> list[Chapter]:
    """Every chapter module's :class:`Chapter`, in chapter order.

    Raises
    ------
    RuntimeError
        If a module does not define ``CHAPTER``, or its number or slug does not
        match the module's file name.
    """
    found = []
    for name in _module_names():
        module = importlib.import_module(f"{__name__}.{name}")
        chapter = getattr(module, "CHAPTER", None)
        if not isinstance(chapter, Chapter):
            raise RuntimeError(f"lrcourse.chapters.{name} must define CHAPTER = Chapter(...)")
        if f"{chapter.prefix}_{chapter.slug}" != name:
            raise RuntimeError(
                f"lrcourse.chapters.{name}: CHAPTER is {chapter.prefix}_{chapter.slug}; "
                "the number and slug must match the file name"
            )
        found.append(chapter)
    return found


def chapter_of(number: int) -> Chapter:
    """The chapter with this number.

    Raises
    ------
    ValueError
        If no chapter module has that number.
    """
    chapters = {c.number: c for c in all_chapters()}
    if number not in chapters:
        raise ValueError(
            f"Argument `number` must be one of {sorted(chapters)} (the chapters that exist). "
            f"Received: number={number!r}"
        )
    return chapters[number]
