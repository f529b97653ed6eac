"""Explorers: the headless interface, in-place updates, static rendering, widget."""

from __future__ import annotations

import base64
import itertools
import json
import re

import numpy as np
import pytest

from lrcourse.explorers import Explorer, catalog

NAMES = sorted(catalog())


@pytest.fixture(params=NAMES)
def explorer(request) -> Explorer:
    return catalog()[request.param]()


def test_catalog_builders_take_no_arguments(explorer):
    assert isinstance(explorer, Explorer)
    assert explorer.figure is not None
    assert explorer.controls and all(isinstance(v, list) and v for v in explorer.controls.values())


def _plotted(explorer):
    """Every line's y-data and every text in the figure (what a reader sees)."""
    data = []
    for ax in explorer.figure.axes:
        data += [np.asarray(line.get_ydata(), dtype=float).tobytes() for line in ax.lines]
        data += [t.get_text() for t in ax.texts] + [ax.get_title(loc="left")]
    return data


def test_update_changes_existing_artists_in_place(explorer):
    artists_before = [id(line) for ax in explorer.figure.axes for line in ax.lines]
    before = _plotted(explorer)
    changed = 0
    for name, values in explorer.controls.items():
        for v in values:
            if v != explorer.values[name]:
                explorer.update(**{name: v})
                changed += _plotted(explorer) != before
                before = _plotted(explorer)
                break
    assert changed == len(explorer.controls), "some control does not change the figure"
    assert [id(line) for ax in explorer.figure.axes for line in ax.lines] == artists_before


def test_update_is_deterministic(explorer):
    grid = explorer.controls
    first = {k: v[0] for k, v in grid.items()}
    last = {k: v[-1] for k, v in grid.items()}
    explorer.update(**first)
    a = explorer.render_png()
    explorer.update(**last)
    explorer.update(**first)
    assert explorer.render_png() == a


def test_update_rejects_unknown_controls_and_bad_values(explorer):
    with pytest.raises(ValueError, match="has no control 'nope'"):
        explorer.update(nope=1)
    for spec in explorer._control_specs:
        if hasattr(spec, "options"):
            with pytest.raises(ValueError, match=f"Control `{spec.name}` must be one of"):
                explorer.update(**{spec.name: "not-an-option"})
        else:
            with pytest.raises(ValueError, match=f"Control `{spec.name}` must be between"):
                explorer.update(**{spec.name: spec.max * 10 + 1})
            with pytest.raises(TypeError, match=f"Control `{spec.name}` takes a number"):
                explorer.update(**{spec.name: "0.5"})


def test_static_html_has_one_frame_per_grid_combination(explorer):
    html = explorer.static_html()
    blob = re.search(r'<script type="application/json" class="lrc-frames">(.*?)</script>', html)
    data = json.loads(blob.group(1))
    grid = explorer.controls
    combos = list(itertools.product(*(range(len(v)) for v in grid.values())))
    assert set(data["frames"]) == {"-".join(map(str, c)) for c in combos}
    # Each frame is a real PNG, and frames differ.
    pngs = {base64.b64decode(uri.split(",", 1)[1]) for uri in data["frames"].values()}
    assert all(p.startswith(b"\x89PNG") for p in pngs)
    assert len(pngs) > len(combos) // 2
    # Native, labelled controls; one per explorer control.
    assert html.count("data-control=") == len(grid)
    assert html.count("<label") == len(grid)
    # Budget: the chapter page must stay under 3 MB with this explorer.
    assert len(html) < 2_000_000


def test_static_html_restores_the_current_values(explorer):
    before = explorer.values
    explorer.static_html()
    assert explorer.values == before


def test_mimebundle_carries_live_widget_and_static_html(explorer):
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'class="lrc-explorer"' in bundle["text/html"]


def test_widget_controls_drive_the_figure(explorer):
    widget = explorer.widget
    assert widget is explorer.widget  # built once
    image = explorer._image
    png_before = image.value
    name, values = next(iter(explorer.controls.items()))
    new = next(v for v in values if v != explorer.values[name])
    explorer._inputs[name].value = new
    assert explorer.values[name] == new
    assert image.value != png_before
    # And update() moves the widget's control too.
    explorer.update(**{name: values[0]})
    assert explorer._inputs[name].value == values[0]


def test_static_rendering_does_not_push_every_frame_to_the_live_widget(explorer):
    explorer.widget  # noqa: B018  (build the live widget first)
    pushes = []
    explorer._image.observe(lambda change: pushes.append(change), names="value")
    before = explorer.values
    explorer.static_html()
    assert len(pushes) <= 1  # only the final restore may refresh the image
    assert explorer.values == before
    assert all(explorer._inputs[k].value == v for k, v in before.items())
