"""The :class:`Explorer`: one interactive figure, live and static."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ._controls import Choice, Slider
from ._static import render_static_html

__all__ = ["Explorer"]

#: Resolution of every explorer figure (live and static): 80 dpi keeps a
#: static page with ~100 precomputed frames well under its 3 MB budget.
DPI = 80


class Explorer:
    """An interactive matplotlib figure driven by a few named controls.

    Subclasses (or callers) supply the figure and a ``draw(values)`` callback
    that *changes existing artists* (``set_data``, ``set_text``, axis limits);
    nothing is re-plotted from scratch.

    Parameters
    ----------
    name : str
        Catalog name.
    title : str
        Human title (used as the accessible name of the static explorer).
    controls : sequence of Slider or Choice
        The controls, in display order.
    figure : matplotlib.figure.Figure
        The figure, created once.
    draw : callable
        ``draw(values: dict) -> None``; updates the artists for ``values``.
    describe : callable
        ``describe(values: dict) -> str``; a one-sentence text alternative of
        the figure for those values (used as the image's ``alt`` text).
    animated : sequence of Artist, optional
        The artists that ``draw`` changes. When given, an update redraws only
        them over a cached background (blitting); ``draw`` returns ``True``
        when it changed anything else (an axis limit, say), which triggers
        a full redraw.

    Attributes
    ----------
    widget : ipywidgets.Widget
        The live control panel and figure (built on first access).
    figure : matplotlib.figure.Figure
    controls : dict
        ``name -> list of values`` precomputed for the static book.
    """

    def __init__(
        self,
        name: str,
        title: str,
        controls: Sequence[Slider | Choice],
        figure: Figure,
        draw: Callable[[dict], None],
        describe: Callable[[dict], str],
        animated: Sequence = (),
    ) -> None:
        self.name = name
        self.title = title
        self._control_specs = list(controls)
        self._by_name = {c.name: c for c in self._control_specs}
        self.figure = figure
        if figure.canvas is None or not isinstance(figure.canvas, FigureCanvasAgg):
            FigureCanvasAgg(figure)
        self._draw = draw
        self._describe = describe
        self._animated = list(animated)
        for artist in self._animated:
            artist.set_animated(True)
        self._background = None
        self._values = {c.name: c.default for c in self._control_specs}
        self._widget = None
        self._image = None
        self._syncing = False
        self._offline = False  # True while static frames are drawn: the widget waits
        self.update()

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
    def pixel_size(self) -> tuple[int, int]:
        return self.figure.canvas.get_width_height()

    def update(self, **values) -> None:
        """Set some controls and redraw the figure for the resulting values.

        Raises
        ------
        ValueError
            For an unknown control name or a value outside the control's range.
        """
        unknown = [k for k in values if k not in self._by_name]
        if unknown:
            raise ValueError(
                f"Explorer {self.name!r} has no control {unknown[0]!r}. "
                f"Controls: {', '.join(self._by_name)}"
            )
        new = dict(self._values)
        for k, v in values.items():
            new[k] = self._by_name[k].validate(v)
        self._values = new
        background_changed = self._draw(new)
        self._render(full=bool(background_changed))
        if self._widget is not None and not self._offline:
            self._sync_widget()

    def _render(self, full: bool) -> None:
        canvas = self.figure.canvas
        if not self._animated:
            canvas.draw()
            return
        if full or self._background is None:
            canvas.draw()  # animated artists are skipped here
            self._background = canvas.copy_from_bbox(self.figure.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self._animated:
            self.figure.draw_artist(artist)

    def describe(self) -> str:
        """Text alternative of the figure for the current values."""
        return self._describe(dict(self._values))

    def render_png(self, static: bool = False) -> bytes:
        """The figure as drawn by the last :meth:`update`, as PNG bytes.

        ``static=True`` gives a 64-colour palette PNG (about a third of the
        size), used for the frames of the static book.
        """
        from PIL import Image

        canvas = self.figure.canvas
        img = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
        img = img.convert("RGB")
        if static:
            img = img.quantize(colors=64, method=Image.Quantize.FASTOCTREE)
        buf = io.BytesIO()
        img.save(buf, format="PNG", optimize=static)
        return buf.getvalue()

    def static_html(self) -> str:
        """Self-contained HTML: native controls switching precomputed figures."""
        digest = hashlib.sha1(
            (self.name + repr(sorted(self._values.items()))).encode()
        ).hexdigest()[:10]
        return render_static_html(self, uid=f"lrc-{self.name}-{digest}")

    # -- live widget -----------------------------------------------------------
    @property
    def widget(self):
        """The ipywidgets control panel with the figure (built on first use)."""
        if self._widget is None:
            self._widget = self._build_widget()
        return self._widget

    def _build_widget(self):
        import ipywidgets as W

        self._inputs = {}
        for c in self._control_specs:
            style = {"description_width": "initial"}
            if isinstance(c, Choice):
                w = W.Dropdown(
                    options=list(c.options), value=self._values[c.name],
                    description=c.label, style=style,
                )
            elif c.integer:
                w = W.IntSlider(
                    min=int(c.min), max=int(c.max), step=int(c.step or 1),
                    value=int(self._values[c.name]), description=c.label,
                    continuous_update=True, style=style,
                )
            elif c.log:
                import math

                w = W.FloatLogSlider(
                    min=math.log10(c.min), max=math.log10(c.max), base=10,
                    value=self._values[c.name], description=c.label,
                    continuous_update=True, style=style, readout_format=".3g",
                )
            else:
                w = W.FloatSlider(
                    min=c.min, max=c.max, step=c.step or (c.max - c.min) / 100,
                    value=self._values[c.name], description=c.label,
                    continuous_update=True, style=style, readout_format=".3g",
                )
            w.observe(self._on_change, names="value")
            self._inputs[c.name] = w
        self._image = W.Image(format="png", value=self.render_png())
        self._image.layout = W.Layout(max_width="100%")
        box = W.VBox(
            [W.HBox(list(self._inputs.values()), layout=W.Layout(flex_flow="row wrap")),
             self._image]
        )
        return box

    def _on_change(self, change) -> None:
        if self._syncing:
            return
        name = next(k for k, w in self._inputs.items() if w is change["owner"])
        self.update(**{name: change["new"]})

    def _sync_widget(self) -> None:
        self._syncing = True
        try:
            for k, w in self._inputs.items():
                if w.value != self._values[k]:
                    w.value = self._values[k]
        finally:
            self._syncing = False
        self._image.value = self.render_png()

    # -- display ---------------------------------------------------------------
    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget._repr_mimebundle_())
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = f"<Explorer {self.name!r}: {self.title}>"
        return bundle

    def __repr__(self) -> str:
        return f"<Explorer {self.name!r}: {self.title}>"
