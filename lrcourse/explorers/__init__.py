"""Interactive figures: live ipywidgets panels that also work in the static book.

Every explorer is built by a function of a chapter module
(:mod:`lrcourse.chapters`). :func:`catalog` maps each explorer's name to its
builder; calling a builder with no arguments
returns an :class:`Explorer` with

* ``.widget``: the ipywidgets control panel and figure (Jupyter, Binder, Colab);
* ``.figure``: its matplotlib Figure, whose artists are updated in place;
* ``.controls``: ``name -> list of values`` precomputed for the static book;
* ``.update(**values)``: redraw for those control values, no browser needed.

Displayed in a notebook, an explorer emits one output bundle with both the
live widget and a self-contained HTML rendering (native ``<select>`` and
``<input type="range">`` controls switching between precomputed figures);
the HTML book shows the latter, so its controls respond with no kernel and
no network.
"""

from ._base import Explorer
from ._controls import Choice, Slider

__all__ = ["Choice", "Explorer", "Slider", "catalog"]


def catalog():
    """Dict ``name -> builder`` of every explorer in the course.

    The explorers are those registered by the chapter modules of
    :mod:`lrcourse.chapters`, found by their file names.

    Raises
    ------
    RuntimeError
        If two chapters register explorers with the same name.
    """
    from ..chapters import all_chapters

    found = {}
    for chapter in all_chapters():
        for name, builder in chapter.explorers.items():
            if name in found:
                raise RuntimeError(f"Explorer {name!r} is registered by two chapters")
            found[name] = builder
    return found
