"""Interactive figures: live ipywidgets panels that also work in the static book.

Every explorer is built by a function of a chapter module
(:mod:`lrcourse.chapters`). :func:`catalog` maps each explorer's name to its
builder; calling a builder with no arguments returns an :class:`Explorer`
with

* ``.widget``: the ipywidgets control panel, figure and readouts (Jupyter,
  Binder, Colab);
* ``.figure``: its matplotlib Figure, whose artists are updated in place;
* ``.controls``: ``name -> list of values`` precomputed for the static book;
* ``.update(**values)``: redraw for those control values, no browser needed;
* ``.describe()`` and ``.readout()``: the alt text and the values shown
  under the figure;
* ``.static_html()``: the self-contained page fragment of the HTML book.

Displayed in a notebook, an explorer shows its live widget (with a text and
a small PNG fallback). Only while the HTML book builds
(:func:`building_book`, set by the book's Sphinx extension) does the display
carry the static rendering: the background of the figure as an image, and
for every combination of the controls' grids only the coordinates and texts
of what moves, drawn in the page by a small script; its native controls
respond with no kernel and no network.
"""

from ._base import BOOK_BUILD_ENV, Explorer, Layout, Readout, building_book, new_figure
from ._controls import Choice, Slider
from ._grid import grid

__all__ = [
    "BOOK_BUILD_ENV",
    "Choice",
    "Explorer",
    "Layout",
    "Readout",
    "Slider",
    "building_book",
    "catalog",
    "grid",
    "new_figure",
]


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
