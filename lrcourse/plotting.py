"""Static figures of the book (matplotlib, no pyplot state).

Each function returns a :class:`BookFigure`; Jupyter and the book show it as
a PNG drawn for high-density screens, with a text alternative (``alt``)
written from the plotted data. The figures are made with ``Figure()``
directly, so nothing is drawn twice and nothing leaks between cells.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure

from .schedules import Schedule

__all__ = ["BookFigure", "is_staircase", "plot_losses", "plot_schedules", "window_means"]

#: Pixels per inch of the PNG; the image is shown at half its pixel width, so
#: text is sharp on screens with two device pixels per CSS pixel.
RENDER_DPI = 200
#: CSS pixels per inch at which a figure is displayed (matplotlib points
#: then map to CSS pixels: a 10 pt label is 13.9 CSS px high).
DISPLAY_DPI = 100

_COLORS = ["#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#555555"]
_STYLES = ["-", "--", ":", "-."]


class BookFigure(Figure):
    """A matplotlib Figure that Jupyter and the book show as an image with alt text.

    Parameters
    ----------
    *args, **kwargs
        As for :class:`matplotlib.figure.Figure`.
    alt : str
        Text alternative of the figure (what a screen reader says).

    Notes
    -----
    The PNG is rendered at :data:`RENDER_DPI` and shown at
    ``figsize * DISPLAY_DPI`` CSS pixels, so it stays sharp on high-density
    screens and scales down on narrow ones.
    """

    def __init__(self, *args, alt: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.alt = alt

    def _png(self) -> bytes:
        buf = io.BytesIO()
        self.savefig(buf, format="png", dpi=RENDER_DPI)
        return buf.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        width = round(self.get_figwidth() * DISPLAY_DPI)
        meta = {"width": f"{width}px"}
        if self.alt:
            meta["alt"] = self.alt
        return ({"image/png": self._png(), "text/plain": self.alt or "<figure>"},
                {"image/png": meta})


def is_staircase(schedule, steps) -> bool:
    """True if ``schedule`` jumps only at integer steps (constant in between).

    Such a schedule is drawn as steps; any other is drawn as a line through
    fractional steps.

    Examples
    --------
    >>> from lrcourse.plotting import is_staircase
    >>> from lrcourse.schedules import exponential_decay, step_decay
    >>> is_staircase(step_decay(0.1, decay_rate=0.5, decay_steps=10), range(30))
    True
    >>> is_staircase(exponential_decay(0.1, decay_rate=0.5, decay_steps=10), range(30))
    False
    """
    t = np.asarray(steps, dtype=float)
    if len(t) < 2:
        return True
    mid = np.asarray(schedule(t[:-1] + 0.5))
    return bool(np.all((mid == schedule(t[:-1])) | (mid == schedule(t[:-1] + 1))))


def _describe(curves: Mapping[str, np.ndarray], t: np.ndarray, xlabel: str,
              ylabel: str = "learning rate") -> str:
    parts = []
    for label, y in curves.items():
        mid = len(t) // 2
        parts.append(f"{label}: {y[0]:.3g} at {t[0]:g}, {y[mid]:.3g} at {t[mid]:g}, "
                     f"{y[-1]:.3g} at {t[-1]:g}")
    return (f"Line chart of the {ylabel} against {xlabel} from {t[0]:g} to {t[-1]:g}. "
            + "; ".join(parts) + ".")


def plot_schedules(
    curves: Mapping[str, Schedule],
    steps: int | Sequence[float] = 50,
    *,
    title: str = "",
    xlabel: str = "step t (0-based)",
    ylabel: str = "learning rate",
    logy: bool = False,
    markers: bool | None = None,
    boundaries: Sequence[float] = (),
    figsize: tuple[float, float] = (5.4, 3.3),
) -> BookFigure:
    """Plot several schedules on one axis.

    A schedule that is constant between integer steps is drawn as steps;
    a smooth one as a line (evaluated between the steps too). Each curve
    has its own colour and line style, so no curve hides another, and the
    legend sits below the axes.

    Parameters
    ----------
    curves : mapping
        ``label -> Schedule`` (any callable ``steps -> rates``).
    steps : int or sequence
        ``n`` plots steps ``0..n-1``; a sequence plots those steps.
    title, xlabel : str
    ylabel : str
        What the schedules give (default ``"learning rate"``; ``"momentum"``
        for a momentum schedule); the y-axis label and the alt text use it.
    logy : bool
        Logarithmic rate axis (exponential decay becomes a straight line).
    markers : bool, optional
        Mark each integer step (default: when there are at most 80 steps).
    boundaries : sequence of float
        Steps to mark with dotted vertical lines.
    figsize : (float, float)
        Size in inches; shown at 100 CSS pixels per inch. The default width
        (540 px) keeps the text at 9 CSS px or more when a phone scales the
        figure down to its 350 px column.

    Returns
    -------
    BookFigure
        Its ``alt`` text gives each curve's first, middle and last values.

    Raises
    ------
    ValueError
        If ``curves`` is empty.

    Examples
    --------
    >>> from lrcourse.plotting import plot_schedules
    >>> from lrcourse.schedules import step_decay
    >>> fig = plot_schedules({"step": step_decay(0.1, decay_rate=0.5, decay_steps=10)}, 30)
    >>> fig.axes[0].lines[0].get_ydata()[:3]
    array([0.1, 0.1, 0.1])
    >>> print(fig.alt)
    Line chart of the learning rate against step t (0-based) from 0 to 29.
    step: 0.1 at 0, 0.05 at 15, 0.025 at 29.
    >>> from lrcourse.schedules import one_cycle_momentum
    >>> fig = plot_schedules({"momentum": one_cycle_momentum(0.85, max_momentum=0.95, total_steps=20)},
    ...                      20, ylabel="momentum")
    >>> fig.axes[0].get_ylabel(), fig.alt.split(" against")[0]
    ('momentum', 'Line chart of the momentum')
    """
    if not curves:
        raise ValueError("Argument `curves` must name at least one schedule. Received: curves={}")
    t = np.arange(steps, dtype=float) if np.isscalar(steps) else np.asarray(steps, dtype=float)
    if markers is None:
        markers = len(t) <= 80
    values = {label: np.asarray(sch(t), dtype=float) for label, sch in curves.items()}
    fig = BookFigure(figsize=figsize, dpi=DISPLAY_DPI, layout="constrained",
                     alt=_describe(values, t, xlabel, ylabel))
    ax = fig.add_subplot()
    dense = np.linspace(t[0], t[-1], 8 * len(t)) if len(t) > 1 else t
    for i, (label, sch) in enumerate(curves.items()):
        color, style = _COLORS[i % len(_COLORS)], _STYLES[i % len(_STYLES)]
        steps_like = is_staircase(sch, t)
        if steps_like:
            ax.plot(t, values[label], style, lw=1.6, color=color, label=label,
                    drawstyle="steps-post")
        else:
            ax.plot(dense, sch(dense), style, lw=1.6, color=color, label=label)
        if markers:
            ax.plot(t, values[label], "o", ms=3.2 - 0.6 * min(i, 2), color=color)
    for b in boundaries:
        ax.axvline(b, color="#666666", lw=0.9, ls=":")
    if logy:
        ax.set_yscale("log")
    else:
        ax.set_ylim(bottom=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    if title:
        ax.set_title(title)
    if len(curves) > 1:
        fig.legend(loc="outside lower center", ncols=1, frameon=False)
    return fig


def window_means(runs: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Each run's loss at step 0, then its mean over consecutive windows of ``window`` steps.

    Parameters
    ----------
    runs : numpy.ndarray, shape (seeds, steps + 1)
    window : int
        Steps per window; a last, incomplete window is dropped.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        The step at which each value is plotted (0, then the windows'
        centres) and the values, shape ``(seeds, 1 + steps // window)``.

    Examples
    --------
    >>> import numpy as np
    >>> from lrcourse.plotting import window_means
    >>> window_means(np.array([[4.0, 2.0, 1.0, 1.0, 3.0]]), 2)
    (array([0. , 1.5, 3.5]), array([[4. , 1.5, 2. ]]))
    """
    body = runs[:, 1:]
    n = body.shape[1] // window
    means = body[:, : n * window].reshape(runs.shape[0], n, window).mean(axis=2)
    steps = np.r_[0.0, np.arange(n) * window + (window + 1) / 2]
    return steps, np.concatenate([runs[:, :1], means], axis=1)


def plot_losses(
    runs: Mapping[str, np.ndarray],
    *,
    window: int = 10,
    levels: Mapping[str, float] | None = None,
    title: str = "",
    ylabel: str = "loss",
    figsize: tuple[float, float] = (5.4, 3.5),
) -> BookFigure:
    """Loss against the step for several seeds: the median and the spread.

    For each label, the runs (one row per seed) are averaged over windows of
    ``window`` steps; the line is the median over the seeds and the shaded
    band goes from the lowest to the highest seed. The loss axis is
    logarithmic.

    Parameters
    ----------
    runs : mapping
        ``label -> array of shape (seeds, steps + 1)``, the loss of each seed
        at each step (step 0 first).
    window : int
        Steps per averaging window, >= 1.
    levels : mapping, optional
        ``label -> value`` drawn as dotted horizontal lines (e.g. a noise floor).
    title, ylabel : str
    figsize : (float, float)

    Returns
    -------
    BookFigure
        Its ``alt`` text gives each median at the start and the end, and the
        spread over the seeds at the end.

    Raises
    ------
    ValueError
        If ``runs`` is empty, an array is not 2-D with at least ``window + 1``
        steps, or holds no finite value.

    Examples
    --------
    >>> import numpy as np
    >>> from lrcourse.plotting import plot_losses
    >>> runs = np.array([[4.0, 2.0, 1.0, 1.0, 1.0], [4.0, 2.0, 1.0, 1.0, 3.0]])
    >>> print(plot_losses({"a": runs}, window=2).alt)
    Loss against the step, median over 2 seeds (averaged over 2 steps) with the
    spread between the lowest and highest seed, log scale. a: 4 at step 0,
    1.5 at step 3.5 (seeds from 1 to 2).
    """
    from ._validation import check_int

    window = check_int("window", window, ge=1)
    if not runs:
        raise ValueError("Argument `runs` must name at least one array. Received: runs={}")
    fig = BookFigure(figsize=figsize, dpi=DISPLAY_DPI, layout="constrained")
    ax = fig.add_subplot()
    parts, n_seeds = [], 0
    for i, (label, arr) in enumerate(runs.items()):
        arr = np.asarray(arr, dtype=float)
        if arr.ndim != 2 or arr.shape[1] < window + 1:
            raise ValueError(
                f"Argument `runs` must map each label to an array (seeds, steps + 1) with at "
                f"least {window + 1} steps. Received: {label!r} of shape {arr.shape}"
            )
        if not np.isfinite(arr).any():
            raise ValueError(f"Argument `runs`: {label!r} holds no finite loss")
        n_seeds = arr.shape[0]
        steps, w = window_means(arr, window)
        color, style = _COLORS[i % len(_COLORS)], _STYLES[i % len(_STYLES)]
        with np.errstate(all="ignore"):
            med = np.median(w, axis=0)
        ax.fill_between(steps, w.min(axis=0), w.max(axis=0), color=color, alpha=0.18, lw=0)
        ax.plot(steps, med, style, lw=1.8, color=color, label=label)
        parts.append(f"{label}: {med[0]:.3g} at step 0, {med[-1]:.3g} at step {steps[-1]:g} "
                     f"(seeds from {w[:, -1].min():.3g} to {w[:, -1].max():.3g})")
    for label, value in (levels or {}).items():
        ax.axhline(value, color="#333333", lw=1.2, ls=(0, (8, 3, 2, 3)), label=label)
        parts.append(f"{label}: {value:.3g}")
    ax.set_yscale("log")
    ax.set_xlabel("step t")
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    if title:
        ax.set_title(title)
    fig.legend(loc="outside lower center", ncols=1, frameon=False)
    fig.alt = (f"Loss against the step, median over {n_seeds} seeds (averaged over {window} "
               "steps) with the spread between the lowest and highest seed, log scale. "
               + "; ".join(parts) + ".")
    return fig
