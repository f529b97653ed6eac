"""The :class:`Explorer`: one interactive figure, live and static."""

from __future__ import annotations

import html
import io
import itertools
import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from matplotlib.axes import Axes
from matplotlib.axis import Axis, Tick
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ._controls import Choice, Slider

__all__ = ["BOOK_BUILD_ENV", "Explorer", "Layout", "Readout", "building_book", "new_figure"]

#: CSS pixels per inch at which an explorer figure is shown (a 10 pt label
#: is 13.9 CSS px high), as for the book's static figures.
DISPLAY_DPI = 100
#: Device pixels per CSS pixel of every rendered image: sharp on
#: high-density screens, scaled down by the browser on the others.
DENSITY = 2
#: Resolution of every explorer figure (live widget and static page).
DPI = DISPLAY_DPI * DENSITY

#: Set (to anything but "" or "0") by the book build; the notebook kernels the
#: build starts inherit it. Only then does an explorer's display carry its
#: static HTML rendering.
BOOK_BUILD_ENV = "LRCOURSE_BOOK_BUILD"

_PROCESS_TOKEN = secrets.token_hex(3)
_INSTANCES = itertools.count(1)


def building_book() -> bool:
    """True while the HTML book is being built (see :data:`BOOK_BUILD_ENV`)."""
    return os.environ.get(BOOK_BUILD_ENV, "").strip().lower() not in ("", "0", "false", "no")


def new_figure(figsize: tuple[float, float]) -> Figure:
    """A figure for an explorer: constrained layout, white, at :data:`DPI`.

    Parameters
    ----------
    figsize : (float, float)
        Width and height in inches; shown at :data:`DISPLAY_DPI` CSS pixels
        per inch (6.8 in fills the book's 688 px text column).
    """
    fig = Figure(figsize=figsize, dpi=DPI, layout="constrained", facecolor="white")
    FigureCanvasAgg(fig)
    return fig


@dataclass(frozen=True)
class Layout:
    """One arrangement of an explorer's figure, for one range of page widths.

    The static page ships one background image per layout and picks the
    widest layout that fits its column (so a phone gets a narrow figure
    with full-size text); the animated artists are stored once, in axes
    coordinates, and drawn in whichever layout is shown.

    Parameters
    ----------
    figsize : (float, float)
        Width and height in inches (at :data:`DISPLAY_DPI` CSS px per inch).
    arrange : callable, optional
        ``arrange(figure)``: moves the axes for this layout (for example
        ``ax.set_subplotspec(...)`` from side by side to stacked). It must
        arrange the figure completely, since the layouts are applied in
        turn.
    """

    figsize: tuple[float, float]
    arrange: Callable[[Figure], None] | None = None

    @property
    def css_size(self) -> tuple[int, int]:
        """Width and height in CSS pixels."""
        return round(self.figsize[0] * DISPLAY_DPI), round(self.figsize[1] * DISPLAY_DPI)


class Readout(NamedTuple):
    """One value shown as text under the figure (live and static).

    Attributes
    ----------
    label : str
        What the value is, e.g. ``"rate at the first boundary"``.
    text : str
        The value; an empty string hides the item for these control values.
    code : bool
        Show ``text`` as a code block (framework code).
    """

    label: str
    text: str
    code: bool = False


def readout_html(items: Sequence[Readout]) -> str:
    """The readouts as HTML (the static page's script builds the same markup)."""
    parts = []
    for item in items:
        hidden = "" if item.text else " hidden"
        value = (f'<pre class="lrc-code"><code>{html.escape(item.text)}</code></pre>' if item.code
                 else f'<span class="lrc-value">{html.escape(item.text)}</span>')
        parts.append(f'<div class="lrc-item"{hidden}><span class="lrc-label">'
                     f"{html.escape(item.label)}</span> {value}</div>")
    return "".join(parts)


class Explorer:
    """An interactive matplotlib figure driven by a few named controls.

    The caller supplies the figure and a ``draw(values)`` callback that
    *changes existing artists* (``set_data``, ``set_text``,
    ``set_visible``); nothing is re-plotted from scratch. The artists that
    ``draw`` changes are listed in ``animated``: everything else is the
    figure's *background*, drawn once.

    The background may change too (an axis limit, a title): the explorer
    notices it by itself. Before each ``draw`` it marks every background
    artist as fresh, and after it looks for any that matplotlib marked
    stale, and for changed axes limits, scales or positions; then the whole
    figure is redrawn. So a ``draw`` cannot leave a stale background by
    forgetting to say what it changed; the one thing that goes unnoticed is
    mutating an artist's data array in place (use ``set_data``).

    Parameters
    ----------
    name : str
        Catalog name.
    title : str
        Human title (the accessible name of the static explorer).
    controls : sequence of Slider or Choice
        The controls, in display order.
    figure : matplotlib.figure.Figure
        The figure, created once (see :func:`new_figure`). Its resolution is
        set to :data:`DPI`.
    draw : callable
        ``draw(values: dict) -> None``; updates the artists for ``values``.
        A true return value forces a full redraw (never needed: background
        changes are detected).
    describe : callable
        ``describe(values: dict) -> str``; a text alternative of the figure
        for those values (the image's ``alt`` text).
    animated : sequence of Artist
        The artists that ``draw`` changes: lines (``Line2D``), filled areas
        (``PolyCollection``, as from ``fill_between``) and texts. The live
        figure redraws only them over a cached background (blitting), and
        the static page ships only their coordinates and texts.
    readout : callable, optional
        ``readout(values: dict) -> list of Readout``: the values that matter,
        shown as text under the figure. Always the same number of items.
    layouts : sequence of Layout, optional
        Arrangements of the figure, widest first; the first is the live one.
        Default: one layout, the figure's own size.
    blit : bool, default True
        Redraw only the animated artists when the background is unchanged.

    Attributes
    ----------
    widget : ipywidgets.Widget
        The live control panel, figure and readouts (built on first access).
    figure : matplotlib.figure.Figure
    controls : dict
        ``name -> list of values`` precomputed for the static book.
    values : dict
        The current control values.
    layouts : list of Layout
    full_redraws : int
        How many renders redrew the whole figure (the others redrew only the
        animated artists).

    Raises
    ------
    TypeError
        If an animated artist is of a kind the static page cannot draw.
    ValueError
        If two controls share a name.

    Notes
    -----
    Displayed as the last expression of a notebook cell, an explorer shows
    its live widget, with a text and a small PNG fallback for viewers without
    widgets. While the HTML book builds (:func:`building_book`), it shows its
    static rendering instead (:meth:`static_html`), whose native controls
    respond with no kernel and no network.
    """

    def __init__(
        self,
        name: str,
        title: str,
        controls: Sequence[Slider | Choice],
        figure: Figure,
        draw: Callable[[dict], object],
        describe: Callable[[dict], str],
        animated: Sequence = (),
        *,
        readout: Callable[[dict], Sequence[Readout]] | None = None,
        layouts: Sequence[Layout] | None = None,
        blit: bool = True,
    ) -> None:
        from ._static import check_animated

        self.name = name
        self.title = title
        self._control_specs = list(controls)
        self._by_name = {c.name: c for c in self._control_specs}
        if len(self._by_name) != len(self._control_specs):
            raise ValueError(f"Explorer {name!r}: two controls share a name")
        self.figure = figure
        if not isinstance(figure.canvas, FigureCanvasAgg):
            FigureCanvasAgg(figure)
        figure.set_dpi(DPI)
        self._layouts = list(layouts) if layouts else [Layout(tuple(figure.get_size_inches()))]
        self._draw = draw
        self._describe = describe
        self._readout = readout
        self._blit = bool(blit)
        self._animated = list(animated)
        check_animated(self._animated)
        self._animated_ids = {id(a) for a in self._animated}
        for artist in self._animated:
            artist.set_animated(True)
            artist.set_in_layout(False)
        self._positions = {}  # layout index -> axes positions from the layout engine
        self._watched = None  # (children counts, background artists)
        self._use_layout(0)
        self._background = None
        self._bg_dirty = True
        self._bg_signature = None
        self.full_redraws = 0  # full (non-blitted) renders so far, for tests and benchmarks
        self._values = {c.name: c.default for c in self._control_specs}
        self._n_readouts = None
        self._widget = None
        self._image = None
        self._readout_box = None
        self._syncing = False
        self._offline = False  # True while the static page is computed: the widget waits
        self._unrendered = True  # drawn by the first update() or render_png(), not here
        self._set({})
        self._n_readouts = len(self.readout())

    # -- headless interface ---------------------------------------------------
    @property
    def controls(self) -> dict:
        """``name -> list of values`` used for the static rendering."""
        return {c.name: c.values for c in self._control_specs}

    @property
    def values(self) -> dict:
        """Current control values (a copy)."""
        return dict(self._values)

    @property
    def layouts(self) -> list[Layout]:
        """The figure's layouts, widest first (a copy)."""
        return list(self._layouts)

    @property
    def pixel_size(self) -> tuple[int, int]:
        """The rendered figure's size in device pixels."""
        return self.figure.canvas.get_width_height()

    def labels(self) -> dict:
        """``name -> label`` of every control for the current values.

        A label may depend on the values (``γ`` or ``k``), in the live widget
        and in the static page alike.
        """
        return {c.name: c.label_for(self._values) for c in self._control_specs}

    def update(self, **values) -> None:
        """Set some controls and redraw the figure for the resulting values.

        Raises
        ------
        ValueError
            For an unknown control name or a value outside the control's range.
        TypeError
            For a value of the wrong type.
        """
        self._set(values)
        self._render()
        if self._widget is not None and not self._offline:
            self._sync_widget()

    def _set(self, values: dict) -> None:
        """Validate, run ``draw`` and note whether the background changed (no rendering)."""
        unknown = [k for k in values if k not in self._by_name]
        if unknown:
            raise ValueError(
                f"Explorer {self.name!r} has no control {unknown[0]!r}. "
                f"Controls: {', '.join(self._by_name)}"
            )
        new = dict(self._values)
        for k, v in values.items():
            new[k] = self._by_name[k].validate(v)
        watched = self._background_artists()
        for artist in watched:
            artist.stale = False
        forced = self._draw(dict(new))
        self._values = new
        if forced or any(a.stale for a in watched) or self._signature() != self._bg_signature:
            self._bg_dirty = True
            self._positions.clear()  # the layout engine runs again

    def _background_artists(self) -> list:
        """Every artist but the animated ones, the axes themselves and the ticks.

        Cached while the figure and its axes keep the same number of children.
        """
        fig = self.figure
        key = (len(fig.get_children()), *(len(ax.get_children()) for ax in fig.axes))
        if self._watched is None or self._watched[0] != key:
            self._watched = (key, self._walk())
        return self._watched[1]

    def _walk(self) -> list:
        found, stack = [], [self.figure]
        while stack:
            parent = stack.pop()
            # An Axis's children are its label, its offset text and its ticks, which
            # are recomputed at every draw (and are costly to list): skip the ticks.
            children = ([parent.label, parent.offsetText] if isinstance(parent, Axis)
                        else parent.get_children())
            for child in children:
                if id(child) in self._animated_ids or isinstance(child, Tick):
                    continue
                if not isinstance(child, Axes):  # an Axes turns stale when its animated children do
                    found.append(child)
                stack.append(child)
        return found

    def _signature(self) -> tuple:
        """What makes the background without being an artist of its own."""
        fig = self.figure
        return (tuple(fig.get_size_inches()), tuple(
            (ax.get_visible(), ax.axison, ax.get_position(original=True).bounds,
             ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale())
            for ax in fig.axes))

    def redraw(self, full: bool = False) -> None:
        """Draw the figure again for the current values.

        Parameters
        ----------
        full : bool
            Redraw the background too (what an update does when it notices a
            background change); otherwise only the animated artists are
            drawn over the cached background.
        """
        if full:
            self._bg_dirty = True
        self._render()

    def _render(self) -> None:
        canvas = self.figure.canvas
        if self._bg_dirty or self._background is None or not self._blit:
            self._draw_background()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._bg_signature = self._signature()
            self._bg_dirty = False
            self.full_redraws += 1
        else:
            canvas.restore_region(self._background)
        for artist in self._animated:
            self.figure.draw_artist(artist)
        self._unrendered = False

    def _draw_background(self) -> None:
        """A full draw (animated artists are skipped), reusing this layout's axes positions.

        The figure's layout engine (constrained layout) is half the cost of a
        full draw; its result depends only on the background and the layout,
        so it runs once per layout until the background changes.
        """
        fig = self.figure
        engine = fig.get_layout_engine()
        cached = self._positions.get(self._layout_index)
        if cached is None or engine is None:
            fig.canvas.draw()
            self._positions[self._layout_index] = [ax.get_position() for ax in fig.axes]
            return
        for ax, pos in zip(fig.axes, cached, strict=True):
            ax.set_position(pos)
        fig.set_layout_engine("none")
        try:
            fig.canvas.draw()
        finally:
            fig.set_layout_engine(engine)

    def _use_layout(self, index: int) -> None:
        layout = self._layouts[index]
        self.figure.set_size_inches(*layout.figsize)
        if layout.arrange is not None:
            layout.arrange(self.figure)
        self._layout_index = index
        self._bg_dirty = True

    def describe(self) -> str:
        """Text alternative of the figure for the current values.

        Returns
        -------
        str
            What ``describe(values)`` of the constructor returns; the static
            page's ``alt`` text.
        """
        return self._describe(dict(self._values))

    def readout(self) -> list[Readout]:
        """The values shown as text under the figure, for the current values.

        Returns
        -------
        list of Readout
            Empty when the explorer has no ``readout`` callback.

        Raises
        ------
        ValueError
            If the ``readout`` callback returns a different number of items
            than for the default values.
        """
        if self._readout is None:
            return []
        items = [Readout(*item) for item in self._readout(dict(self._values))]
        if self._n_readouts is not None and len(items) != self._n_readouts:
            raise ValueError(
                f"Explorer {self.name!r}: readout() must always return {self._n_readouts} "
                f"items (an empty text hides one). Received: {len(items)} items"
            )
        return items

    def render_png(self, static: bool = False, scale: float = 1.0) -> bytes:
        """The figure as drawn by the last :meth:`update`, as PNG bytes.

        Parameters
        ----------
        static : bool
            A 128-colour palette PNG (a quarter of the size), as used in the
            static book.
        scale : float
            Resize by this factor first (``1 / DENSITY`` gives one pixel per
            CSS pixel).
        """
        from PIL import Image

        if self._unrendered:
            self._render()
        canvas = self.figure.canvas
        img = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
        return _png(img, static=static, scale=scale)

    def static_html(self) -> str:
        """Self-contained HTML: native controls redrawing the figure in the page.

        Every combination of the controls' grid values is computed by the same
        ``draw`` as the live figure; the page carries the background image
        once per layout and, per combination, only the animated artists'
        coordinates (in axes units, quantised), texts, readouts and alt text,
        compressed. Building it takes seconds: the book build calls it, a
        notebook display does not.

        Returns
        -------
        str
            One ``<div class="lrc-explorer">`` with a DOM id unique to this
            call, its own style and script, and no reference to any other
            file or host. The explorer's values are restored afterwards.
        """
        from ._static import render_static_html

        uid = f"lrc-{self.name}-{_PROCESS_TOKEN}-{next(_INSTANCES)}"
        return render_static_html(self, uid=uid)

    # -- live widget -----------------------------------------------------------
    @property
    def widget(self):
        """The ipywidgets control panel with the figure (built on first use)."""
        if self._widget is None:
            self._widget = self._build_widget()
        return self._widget

    def _build_widget(self):
        import math

        import ipywidgets as W

        self._inputs = {}
        labels = self.labels()
        for c in self._control_specs:
            style = {"description_width": "initial"}
            common = {"description": labels[c.name], "style": style}
            if isinstance(c, Choice):
                w = W.Dropdown(options=list(c.options), value=self._values[c.name], **common)
            elif c.integer:
                w = W.IntSlider(min=int(c.min), max=int(c.max), step=int(c.step or 1),
                                value=int(self._values[c.name]), continuous_update=True, **common)
            elif c.log:
                w = W.FloatLogSlider(min=math.log10(c.min), max=math.log10(c.max), base=10,
                                     value=self._values[c.name], continuous_update=True,
                                     readout_format=".3g", **common)
            else:
                w = W.FloatSlider(min=c.min, max=c.max, step=c.step or (c.max - c.min) / 100,
                                  value=self._values[c.name], continuous_update=True,
                                  readout_format=".3g", **common)
            w.observe(self._on_change, names="value")
            self._inputs[c.name] = w
        width = self._layouts[0].css_size[0]
        self._image = W.Image(format="png", value=self.render_png())
        self._image.layout = W.Layout(width=f"{width}px", max_width="100%", height="auto")
        self._readout_box = W.HTML(value=readout_html(self.readout()))
        return W.VBox([
            W.HBox(list(self._inputs.values()), layout=W.Layout(flex_flow="row wrap")),
            self._image, self._readout_box,
        ])

    def _on_change(self, change) -> None:
        if self._syncing:
            return
        name = next(k for k, w in self._inputs.items() if w is change["owner"])
        self.update(**{name: change["new"]})

    def _sync_widget(self) -> None:
        self._syncing = True
        try:
            labels = self.labels()
            for k, w in self._inputs.items():
                if w.value != self._values[k]:
                    w.value = self._values[k]
                if w.description != labels[k]:
                    w.description = labels[k]
        finally:
            self._syncing = False
        self._image.value = self.render_png()
        self._readout_box.value = readout_html(self.readout())

    # -- display ---------------------------------------------------------------
    def _repr_mimebundle_(self, include=None, exclude=None):
        text = f"{self!r}\n{self.describe()}"
        if building_book():
            return {"text/html": self.static_html(), "text/plain": text}
        bundle = dict(self.widget._repr_mimebundle_())
        bundle["text/plain"] = text
        # A small image for viewers without widgets (one pixel per CSS pixel).
        bundle["image/png"] = self.render_png(static=True, scale=1 / DENSITY)
        return bundle

    def __repr__(self) -> str:
        return f"<Explorer {self.name!r}: {self.title}>"


def _png(img, *, static: bool, scale: float = 1.0) -> bytes:
    from PIL import Image

    img = img.convert("RGB")
    if scale != 1.0:
        size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
        img = img.resize(size, Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    if static:
        img = img.quantize(colors=128, method=Image.Quantize.FASTOCTREE)
        # The octree averages white with its neighbours (254): keep the page's white.
        palette = img.getpalette()
        img.putpalette([255 if all(c >= 250 for c in palette[i - i % 3: i - i % 3 + 3]) else c
                        for i, c in enumerate(palette)])
        img.save(buf, format="PNG", optimize=True)
    else:
        img.save(buf, format="PNG", compress_level=1)
    return buf.getvalue()
