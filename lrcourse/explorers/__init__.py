"""Interactive figures: live ipywidgets panels that also work in the static book.

Every explorer is built by a function in this package. :func:`catalog` maps
each explorer's name to its builder; calling a builder with no arguments
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
from .schedule_plotter import schedule_plotter

__all__ = ["Choice", "Explorer", "Slider", "catalog", "schedule_plotter"]


def catalog():
    """Dict ``name -> builder`` of every explorer in the course."""
    return {
        "schedule_plotter": schedule_plotter,
    }
