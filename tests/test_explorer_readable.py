"""Explorers a learner can read: text size, layouts, labels named like the symbols, drawn styles.

Text sizes are checked in CSS pixels: a figure is shown at 100 CSS px per
inch, so its widest layout (at most 660 px: the book's 688 px column at
1280 px, less the explorer's border and padding) is shown unscaled, and its
narrowest (at most 400 px) is shown on a phone.
"""

from __future__ import annotations

import numpy as np
import pytest
from explorer_builders import builders
from matplotlib.text import Text
from test_explorer_static import page, shared

from lrcourse.chapters.ch02_step_exponential import (
    DECAY_FAMILIES,
    LAB_FAMILIES,
    STAIRCASE_FAMILIES,
)
from lrcourse.explorers import Slider
from lrcourse.explorers._base import DISPLAY_DPI
from lrcourse.explorers._page import CSS

NAMES = sorted(builders())
COLUMN_AT_1280 = 660  # CSS px inside an explorer in the 688 px column at a 1280 px window
PHONE = 400


def _texts(fig):
    fig.canvas.draw()
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("name", NAMES)
def test_figure_text_is_at_least_11_css_px_in_every_layout(name):
    ex = shared(name)
    layouts = ex.layouts
    assert layouts[0].css_size[0] <= COLUMN_AT_1280
    assert layouts[-1].css_size[0] <= PHONE, "no layout for a phone"
    for i in range(len(layouts)):
        ex._use_layout(i)
        small = {t.get_text(): t.get_fontsize() * DISPLAY_DPI / 72 for t in _texts(ex.figure)
                 if t.get_fontsize() * DISPLAY_DPI / 72 < 11}
        assert not small, f"layout {i}: text under 11 CSS px: {small}"
    ex._use_layout(0)


@pytest.mark.parametrize("name", NAMES)
def test_every_slider_shows_a_trend(name):
    ex = shared(name)
    for c in ex._control_specs:
        if isinstance(c, Slider):
            assert len(c.values) >= 4, f"{c.name} has {len(c.values)} grid positions"


@pytest.mark.parametrize("name", NAMES)
def test_no_curve_hides_another(name):
    """Visible animated lines sharing an axes differ in colour, line style or marker."""
    ex = shared(name)
    for ax in ex.figure.axes:
        looks = [(line.get_color(), line.get_linestyle(), line.get_marker(), line.get_markersize())
                 for line in ax.lines if line in ex._animated and line.get_visible()
                 and len(line.get_xdata()) > 2]
        assert len(looks) == len(set(looks)), looks


def test_css_is_readable_in_dark_mode():
    assert ".lrc-figure{position:relative;width:100%;background:#fff" in CSS  # a light backing
    assert "color:inherit" in CSS  # text takes the theme's colour
    assert "html[data-theme=dark] .lrc-explorer{color-scheme:dark}" in CSS  # native controls
    assert "flex-wrap:wrap" in CSS  # controls wrap on a phone
    assert "white-space:pre-wrap" in CSS  # code readouts wrap


# -- schedule_plotter ------------------------------------------------------------------


@pytest.mark.parametrize("family", list(DECAY_FAMILIES))
def test_schedule_plotter_names_and_relabels_its_sliders(family):
    ex = shared("schedule_plotter")
    ex.update(family=family)
    ex.widget  # noqa: B018
    labels = {k: w.description for k, w in ex._inputs.items()}
    assert labels == ex.labels()
    rate, steps = labels["decay_rate"], labels["decay_steps"]
    if family in ("natural_exp", "inverse_time"):
        assert rate.startswith("k ") and "faster" in rate
    else:
        assert rate.startswith("γ ") and "slower" in rate
    assert steps.startswith("T ")
    if family == "piecewise":
        assert "T and 3T" in steps
    if family == "multistep":
        assert "T, 2T and 4T" in steps


def test_schedule_plotter_static_labels_follow_the_family():
    ex, _, decoded, _ = page("schedule_plotter")
    families = list(DECAY_FAMILIES)
    per_family = len(decoded["frames"]) // len(families)
    for i, family in enumerate(families):
        frames = decoded["frames"][i * per_family:(i + 1) * per_family]
        rates = {f["labels"][2] for f in frames}
        steps = {f["labels"][3] for f in frames}
        assert len(rates) == len(steps) == 1
        assert next(iter(rates))[0] == ("k" if family in ("natural_exp", "inverse_time") else "γ")
    assert decoded["header"]["controls"][3]["n"] >= 4


@pytest.mark.parametrize("family", list(DECAY_FAMILIES))
def test_schedule_plotter_draws_staircases_as_steps_and_smooth_schedules_as_lines(family):
    ex = shared("schedule_plotter")
    ex.update(family=family)
    main = ex._animated[0]
    want = "steps-post" if family in STAIRCASE_FAMILIES else "default"
    assert main.get_drawstyle() == want


def test_schedule_plotter_gives_the_boundary_rates_and_code_as_text():
    ex = shared("schedule_plotter")
    for framework, word in (("tf", "old rate kept"), ("torch", "new rate already")):
        ex.update(family="piecewise", framework=framework, decay_steps=10, decay_rate=0.8)
        items = {r.label: r for r in ex.readout()}
        assert word in items["at the first boundary"].text
        assert "t = 10" in items["at the first boundary"].text
        code = next(r for r in ex.readout() if r.code)
        assert ("piecewise_constant" if framework == "tf" else "MultiStepLR") in code.text
    ex.update(family="exponential")
    assert {r.label: r.text for r in ex.readout()}["at the first boundary"] == ""  # hidden


# -- decay_vs_noise --------------------------------------------------------------------


@pytest.mark.parametrize("family", list(LAB_FAMILIES))
def test_decay_vs_noise_relabels_and_draws_by_family(family):
    ex = shared("decay_vs_noise")
    ex.update(family=family)
    labels = ex.labels()
    assert labels["lr0"] == "η₀"
    first = labels["decay_rate"].split()[0]
    if family == "constant":
        assert "no effect" in labels["decay_rate"] and "no effect" in labels["decay_steps"]
    else:
        assert first == ("k" if family in ("natural_exp", "inverse_time") else "γ")
        assert labels["decay_steps"].startswith("T ")
    rate = ex._animated[0]
    assert rate.get_drawstyle() == ("steps-post" if family in STAIRCASE_FAMILIES else "default")


def test_decay_vs_noise_alt_text_and_readouts_carry_the_numbers():
    ex = shared("decay_vs_noise")
    ex.update(family="step", lr0=0.4, decay_rate=0.5, decay_steps=100)
    alt = ex.describe()
    assert "0.4" in alt and "floor" in alt
    items = {r.label: r.text for r in ex.readout()}
    assert items["schedule"] == "η_t = 0.4 · 0.5^⌊t/100⌋"
    assert "below the floor" in items["what happened"]
    ex.update(decay_rate=0.1, decay_steps=10)
    assert "too fast" in {r.label: r.text for r in ex.readout()}["what happened"]
    ex.update(family="constant")
    assert "stalls at its noise floor" in {r.label: r.text for r in ex.readout()}["what happened"]
    assert np.isfinite(float(items[next(k for k in items if k.startswith("final loss"))]
                             .split(";")[0]))


@pytest.mark.parametrize("name", NAMES)
def test_legends_fit_their_axes_in_every_layout(name):
    """A legend wider than its axes covers the tick labels (seen on a phone)."""
    ex = shared(name)
    for i in range(len(ex.layouts)):
        ex._use_layout(i)
        fig = ex.figure
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        fig_box = fig.bbox
        for ax in fig.axes:
            legend = ax.get_legend()
            if legend is None or not legend.get_visible():
                continue
            box, axes_box = legend.get_window_extent(renderer), ax.bbox
            inside = box.x0 >= axes_box.x0 - 1 and box.x1 <= axes_box.x1 + 1
            beside = box.x0 >= axes_box.x1 - 1 or box.x1 <= axes_box.x0 + 1  # placed next to it
            assert inside or beside, f"layout {i}: the legend overlaps the edge of its axes"
            assert fig_box.x0 - 1 <= box.x0 and box.x1 <= fig_box.x1 + 1, f"layout {i}: legend cut off"
        for legend in fig.legends:
            box = legend.get_window_extent(renderer)
            assert fig_box.x0 - 1 <= box.x0 and box.x1 <= fig_box.x1 + 1, f"layout {i}: legend cut off"
    ex._use_layout(0)
