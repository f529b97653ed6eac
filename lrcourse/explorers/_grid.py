"""``grid``: the ``arrange`` function of a :class:`~lrcourse.explorers.Layout`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matplotlib.figure import Figure

__all__ = ["grid"]


def grid(
    rows: int = 1,
    cols: int = 1,
    *,
    widths: Sequence[float] | None = None,
    heights: Sequence[float] | None = None,
    cells: Sequence[tuple] | None = None,
) -> Callable[[Figure], None]:
    """An ``arrange(figure)`` that puts the figure's axes, in order, into a grid.

    Parameters
    ----------
    rows, cols : int
        Shape of the grid (``matplotlib`` ``GridSpec``).
    widths, heights : sequence of float, optional
        Relative column widths and row heights.
    cells : sequence of tuple, optional
        One ``(row, col)`` index per axes, slices allowed (``(slice(None), 0)``
        spans the first column). Default: every cell, row by row.

    Returns
    -------
    callable
        ``arrange(figure)``, for ``Layout(figsize, arrange)``.

    References
    ----------
    .. [1] Matplotlib, ``Figure.add_gridspec`` and ``Axes.set_subplotspec``.

    Examples
    --------
    >>> from lrcourse.explorers import Layout, grid, new_figure
    >>> fig = new_figure((6.6, 3.0))
    >>> left, right = fig.add_subplot(), fig.add_subplot()
    >>> grid(1, 2, widths=[2, 1])(fig)
    >>> bool(left.get_position().width > right.get_position().width)
    True
    >>> narrow = Layout((3.4, 5.0), grid(2, 1))
    """

    def arrange(fig: Figure) -> None:
        gs = fig.add_gridspec(rows, cols, width_ratios=widths, height_ratios=heights)
        specs = list(gs) if cells is None else [gs[cell] for cell in cells]
        for ax, spec in zip(fig.axes, specs, strict=True):
            ax.set_subplotspec(spec)

    return arrange
