"""Static figures of the book (matplotlib, no pyplot state).

Each function returns a :class:`matplotlib.figure.Figure`; Jupyter displays
it as an image. The figures are made with ``Figure()`` directly, so nothing
is drawn twice and nothing leaks between cells.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure

from .schedules import Schedule

__all__ = ["BookFigure", "plot_schedules"]


class BookFigure(Figure):
    """A matplotlib Figure that Jupyter shows as a PNG image by itself.

    Plain ``Figure`` objects (made without pyplot) only display as text;
    this subclass adds ``_repr_png_`` so the last expression of a cell is
    shown as the picture.
    """

    def _repr_png_(self) -> bytes:
        import io

        buf = io.BytesIO()
        self.savefig(buf, format="png", dpi=self.dpi)
        return buf.getvalue()

_COLORS = ["#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#555555"]


def plot_schedules(
    curves: Mapping[str, Schedule],
    steps: int | Sequence[float] = 50,
    *,
    title: str = "",
    xlabel: str = "step t (0-based)",
    logy: bool = False,
    markers: bool | None = None,
    boundaries: Sequence[float] = (),
    figsize: tuple[float, float] = (7.0, 3.4),
) -> Figure:
    """Plot several schedules on one axis.

    Parameters
    ----------
    curves : mapping
        ``label -> Schedule`` (any callable ``steps -> rates``).
    steps : int or sequence
        ``n`` plots steps ``0..n-1``; a sequence plots those steps.
    title, xlabel : str
    logy : bool
        Logarithmic rate axis (exponential decay becomes a straight line).
    markers : bool, optional
        Mark each step (default: when there are at most 80 steps).
    boundaries : sequence of float
        Steps to mark with dotted vertical lines.
    figsize : (float, float)

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from lrcourse.plotting import plot_schedules
    >>> from lrcourse.schedules import step_decay
    >>> fig = plot_schedules({"step": step_decay(0.1, 0.5, 10)}, 30)
    >>> fig.axes[0].lines[0].get_ydata()[:3]
    array([0.1, 0.1, 0.1])
    """
    t = np.arange(steps) if np.isscalar(steps) else np.asarray(steps, dtype=float)
    if markers is None:
        markers = len(t) <= 80
    fig = BookFigure(figsize=figsize, dpi=100, layout="constrained")
    ax = fig.add_subplot()
    for i, (label, sch) in enumerate(curves.items()):
        style = "o-" if markers else "-"
        ax.plot(t, sch(t), style, ms=3, lw=1.3, label=label, color=_COLORS[i % len(_COLORS)],
                drawstyle="steps-post" if markers else "default")
    for b in boundaries:
        ax.axvline(b, color="#888888", lw=0.8, ls=":")
    if logy:
        ax.set_yscale("log")
    else:
        ax.set_ylim(bottom=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("learning rate")
    ax.grid(alpha=0.3)
    if title:
        ax.set_title(title)
    if len(curves) > 1:
        ax.legend(frameon=False)
    return fig
