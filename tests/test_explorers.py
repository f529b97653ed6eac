"""Explorers: the headless interface, in-place updates, errors, the live widget and the display.

Every explorer of the catalog is checked here. The static page is checked in
``test_explorer_static.py`` (fidelity, size, ids), blitting in
``test_explorer_blit.py``, readability in ``test_explorer_readable.py`` and
the page's script in a real browser in ``test_explorer_browser.py``.
"""

from __future__ import annotations

import numpy as np
import pytest
from explorer_builders import builders
from test_explorer_static import shared

from lrcourse.explorers import BOOK_BUILD_ENV, Choice, Explorer, Slider, building_book

NAMES = sorted(builders())


@pytest.fixture(params=NAMES)
def explorer(request) -> Explorer:
    """The session's explorer of that name, at its default values."""
    return shared(request.param)


@pytest.fixture(params=NAMES)
def fresh(request) -> Explorer:
    """A new explorer (no widget yet)."""
    return builders()[request.param]()


def test_catalog_builders_take_no_arguments(explorer):
    assert isinstance(explorer, Explorer)
    assert explorer.figure is not None
    assert explorer.controls and all(isinstance(v, list) and v for v in explorer.controls.values())


def test_catalog_has_a_4_by_6_explorer():
    sizes = {name: [len(v) for v in shared(name).controls.values()] for name in NAMES}
    assert [6, 6, 6, 6] in sizes.values(), sizes


def _plotted(explorer):
    """Every line's data, every area's vertices and every text (what a reader sees)."""
    data = []
    for ax in explorer.figure.axes:
        for line in ax.lines:
            data.append((line.get_visible(), line.get_drawstyle(),
                         np.asarray(line.get_xydata(), dtype=float).tobytes()))
        for coll in ax.collections:
            data += [np.asarray(p.vertices).tobytes() for p in coll.get_paths()]
        data += [(t.get_visible(), t.get_text()) for t in ax.texts]
    return data


def test_update_changes_existing_artists_in_place(explorer):
    artists_before = [id(a) for ax in explorer.figure.axes for a in ax.get_children()]
    defaults = explorer.values
    unchanged = []
    for name, values in explorer.controls.items():
        explorer.update(**defaults)
        before = _plotted(explorer)
        explorer.update(**{name: next(v for v in values if v != defaults[name])})
        if _plotted(explorer) == before:
            unchanged.append(name)
    assert not unchanged, f"moving {unchanged} from the defaults does not change the figure"
    assert [id(a) for ax in explorer.figure.axes for a in ax.get_children()] == artists_before


def test_update_is_deterministic(explorer):
    grid = explorer.controls
    first = {k: v[0] for k, v in grid.items()}
    last = {k: v[-1] for k, v in grid.items()}
    explorer.update(**first)
    a = explorer.render_png()
    text = (explorer.describe(), explorer.readout(), explorer.labels())
    explorer.update(**last)
    explorer.update(**first)
    assert explorer.render_png() == a
    assert (explorer.describe(), explorer.readout(), explorer.labels()) == text


def test_update_rejects_unknown_controls_and_bad_values(explorer):
    with pytest.raises(ValueError, match="has no control 'nope'"):
        explorer.update(nope=1)
    for spec in explorer._control_specs:
        if isinstance(spec, Choice):
            with pytest.raises(ValueError, match=f"Control `{spec.name}` must be one of"):
                explorer.update(**{spec.name: "not-an-option"})
        else:
            with pytest.raises(ValueError, match=f"Control `{spec.name}` must be between"):
                explorer.update(**{spec.name: spec.max * 10 + 1})
            with pytest.raises(TypeError, match=f"Control `{spec.name}` takes a number"):
                explorer.update(**{spec.name: "0.5"})
            if spec.integer:
                with pytest.raises(ValueError, match=f"Control `{spec.name}` must be a whole"):
                    explorer.update(**{spec.name: spec.grid[0] + 0.5})


def test_bad_value_leaves_the_explorer_unchanged(explorer):
    before = explorer.values
    for name in explorer.controls:
        with pytest.raises((ValueError, TypeError), match=f"Control `{name}`"):
            explorer.update(**{name: object()})
        assert explorer.values == before


def test_describe_and_readout_follow_the_values(explorer):
    grid = explorer.controls
    seen = set()
    for values in ({k: v[0] for k, v in grid.items()}, {k: v[-1] for k, v in grid.items()}):
        explorer.update(**values)
        alt = explorer.describe()
        assert isinstance(alt, str) and len(alt) > 40
        items = explorer.readout()
        assert items and all(isinstance(i.label, str) and isinstance(i.text, str) for i in items)
        seen.add((alt, tuple(items)))
    assert len(seen) == 2


def test_widget_controls_drive_the_figure_labels_and_readouts(fresh):
    explorer = fresh
    widget = explorer.widget
    assert widget is explorer.widget  # built once
    image, box = explorer._image, explorer._readout_box
    name, values = next(iter(explorer.controls.items()))
    png_before, text_before = image.value, box.value
    new = next(v for v in values if v != explorer.values[name])
    explorer._inputs[name].value = new
    assert explorer.values[name] == new
    assert image.value != png_before
    assert box.value != text_before
    # The widgets' descriptions are the controls' labels for the current values.
    labels = explorer.labels()
    assert {k: w.description for k, w in explorer._inputs.items()} == labels
    # And update() moves the widget's control too.
    explorer.update(**{name: values[0]})
    assert explorer._inputs[name].value == values[0]


def test_live_image_is_drawn_for_high_density_screens(fresh):
    import io

    from PIL import Image

    fresh.widget  # noqa: B018

    width_css = fresh.layouts[0].css_size[0]
    assert fresh._image.layout.width == f"{width_css}px"
    png = Image.open(io.BytesIO(fresh._image.value))
    assert png.width == 2 * width_css


# -- display: live in notebooks, static only while the book builds ------------------------


def test_notebook_display_is_the_live_widget_and_nothing_heavy(fresh, monkeypatch):
    explorer = fresh
    monkeypatch.delenv(BOOK_BUILD_ENV, raising=False)
    assert not building_book()
    called = []
    monkeypatch.setattr(type(explorer), "static_html", lambda self: called.append(1) or "")
    bundle = explorer._repr_mimebundle_()
    assert called == []
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "text/html" not in bundle
    assert explorer.describe() in bundle["text/plain"]
    assert bundle["image/png"].startswith(b"\x89PNG")
    assert len(bundle["image/png"]) < 60_000  # a light fallback for viewers without widgets


def test_book_build_display_is_the_static_page(fresh, monkeypatch):
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    assert building_book()
    monkeypatch.setattr(type(fresh), "static_html",
                        lambda self: '<div class="lrc-explorer">static</div>')
    bundle = fresh._repr_mimebundle_()
    assert bundle["text/html"] == '<div class="lrc-explorer">static</div>'
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    assert fresh._widget is None  # no widget (and no widget state) in the built book


@pytest.mark.parametrize(("value", "expected"), [("", False), ("0", False), ("1", True),
                                                 ("yes", True), ("false", False)])
def test_building_book_reads_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv(BOOK_BUILD_ENV, value)
    assert building_book() is expected


# -- controls -------------------------------------------------------------------------


def test_slider_spec_errors():
    with pytest.raises(ValueError, match="min must be < max"):
        Slider("a", "a", 1, 1, [1, 1.5], 1)
    with pytest.raises(ValueError, match="at least 2 values"):
        Slider("a", "a", 0, 1, [0.5], 0.5)
    with pytest.raises(ValueError, match="increasing"):
        Slider("a", "a", 0, 1, [0.5, 0.2], 0.5)
    with pytest.raises(ValueError, match="outside"):
        Slider("a", "a", 0, 1, [0.5, 2], 0.5)
    with pytest.raises(ValueError, match="must be in grid"):
        Slider("a", "a", 0, 1, [0.2, 0.5], 0.3)
    with pytest.raises(ValueError, match="log slider"):
        Slider("a", "a", 0, 1, [0.2, 0.5], 0.5, log=True)
    with pytest.raises(ValueError, match="not an option"):
        Choice("c", "c", [("A", "a")], "b")


def test_a_label_may_depend_on_the_values():
    s = Slider("g", lambda v: "k" if v["f"] == "nat" else "γ", 0, 1, [0.2, 0.5], 0.5)
    assert s.label_for({"f": "nat", "g": 0.5}) == "k"
    assert s.label_for({"f": "exp", "g": 0.5}) == "γ"
    bad = Slider("g", lambda v: "", 0, 1, [0.2, 0.5], 0.5)
    with pytest.raises(TypeError, match="label of control `g`"):
        bad.label_for({})
