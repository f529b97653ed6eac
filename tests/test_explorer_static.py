"""The static page of an explorer: fidelity to ``update()``, size, format, ids.

What the static page would display is decoded from its HTML with the
page's own algorithm (``decode_html``) and compared with what ``update()``
leaves in the live figure, read here with matplotlib's public API. The
script's decoding in a browser is compared with ``decode_html`` in
``test_explorer_browser.py``.
"""

from __future__ import annotations

import base64
import functools
import io
import itertools
import re
import time

import numpy as np
import pytest
from explorer_builders import builders
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from lrcourse.explorers import Choice, Explorer, Layout, Readout, Slider, new_figure
from lrcourse.explorers._static import CLAMP, Q, decode_html, encode

NAMES = sorted(builders())
MB = 1_000_000


@functools.cache
def _built(name: str) -> Explorer:
    return builders()[name]()


def shared(name: str) -> Explorer:
    """One explorer per catalog name for the whole session, at its default values.

    Building an explorer and its first full render cost about a second; tests
    that need a fresh one (widget or redraw counts) call the builder instead.
    """
    ex = _built(name)
    ex.update(**{c.name: c.default for c in ex._control_specs})
    return ex


@functools.cache
def page(name: str):
    """(explorer, static HTML, decoded page, seconds) of a catalog explorer, once per session."""
    ex = shared(name)
    t0 = time.perf_counter()
    html = ex.static_html()
    seconds = time.perf_counter() - t0
    (decoded,) = decode_html(html)
    return ex, html, decoded, seconds


def frame_index(ex, values) -> int:
    idx = 0
    for c in ex._control_specs:
        idx = idx * len(c.values) + c.values.index(values[c.name])
    return idx


def sample(ex, n, seed=0):
    """``n`` grid combinations: the first, the last and random ones."""
    grid = ex.controls
    rng = np.random.default_rng(seed)
    out = [{k: v[0] for k, v in grid.items()}, {k: v[-1] for k, v in grid.items()}]
    while len(out) < n:
        out.append({k: v[int(rng.integers(len(v)))] for k, v in grid.items()})
    return out


def live_artists(ex) -> list:
    """What the live figure shows, in each artist's axes units (public matplotlib API)."""
    fig = ex.figure
    out = []
    for a in ex._animated:
        units = (a.axes.transAxes if a.axes is not None else fig.transFigure).inverted()
        if not a.get_visible():
            out.append(None)
        elif isinstance(a, Line2D):
            xy = np.asarray(a.get_xydata(), dtype=float)
            with np.errstate(all="ignore"):
                out.append({"points": units.transform(a.get_transform().transform(xy)),
                            "ds": a.get_drawstyle()})
        elif isinstance(a, PolyCollection):
            with np.errstate(all="ignore"):
                out.append({"paths": [units.transform(a.get_transform().transform(p.vertices))
                                      for p in a.get_paths()]})
        else:
            text = a.get_text()
            pos = units.transform(a.get_transform().transform([a.get_unitless_position()]))[0]
            out.append({"text": text, "pos": pos} if text else None)
    return out


def assert_points_close(decoded: np.ndarray, live: np.ndarray, what: str) -> None:
    assert decoded.shape == live.shape, what
    gap = ~np.isfinite(live).all(axis=1)
    assert np.isnan(decoded[gap]).all(), f"{what}: a gap is not a gap"
    ok = np.clip(live[~gap], -CLAMP, 1 + CLAMP)
    assert np.isfinite(decoded[~gap]).all(), f"{what}: a point became a gap"
    err = np.abs(decoded[~gap] - ok).max(initial=0)
    assert err <= 0.5 / Q + 1e-12, f"{what}: off by {err * Q:.2f}/Q"


def assert_frame_matches_live(ex, frame, header) -> None:
    assert frame["labels"] == [ex.labels()[c.name] for c in ex._control_specs]
    assert frame["alt"] == ex.describe()
    assert frame["readouts"] == [(r.label, r.text) for r in ex.readout()]
    live = live_artists(ex)
    assert len(frame["artists"]) == len(live)
    for i, (got, want) in enumerate(zip(frame["artists"], live, strict=True)):
        what = f"artist {i} ({header['artists'][i]['kind']})"
        assert (got is None) == (want is None), f"{what}: visibility"
        if want is None:
            continue
        if "points" in want:
            assert got["style"]["ds"] == want["ds"], what
            assert_points_close(got["points"], want["points"], what)
        elif "paths" in want:
            assert len(got["paths"]) == len(want["paths"]), what
            for g, w in zip(got["paths"], want["paths"], strict=True):
                assert_points_close(g, w, what)
        else:
            assert got["text"] == want["text"], what
            assert np.abs(got["pos"] - want["pos"]).max() <= 0.5 / Q + 1e-12, what


# -- fidelity -----------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_static_page_shows_what_update_draws(name):
    ex, _, decoded, _ = page(name)
    header, frames = decoded["header"], decoded["frames"]
    assert header["frames"] == int(np.prod([len(v) for v in ex.controls.values()]))
    for values in sample(ex, 30, seed=1):
        ex.update(**values)
        assert_frame_matches_live(ex, frames[frame_index(ex, values)], header)


@pytest.mark.parametrize("name", NAMES)
def test_static_background_is_the_live_background(name):
    """The background image of a frame is the live figure without its animated artists."""
    from PIL import Image

    from lrcourse.explorers._base import _png

    ex, _, decoded, _ = page(name)
    header = decoded["header"]
    for values in sample(ex, 3, seed=2):
        ex.update(**values)
        state = decoded["frames"][frame_index(ex, values)]["background"]
        canvas = ex.figure.canvas
        canvas.draw()  # animated artists are skipped
        live = _png(Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()),
                    static=True)
        uri = header["images"][header["layouts"][0]["states"][state]["img"]]
        shipped = base64.b64decode(uri.split(",", 1)[1])
        a = np.asarray(Image.open(io.BytesIO(shipped)).convert("RGB"))
        b = np.asarray(Image.open(io.BytesIO(live)).convert("RGB"))
        assert np.array_equal(a, b)


@pytest.mark.parametrize("name", NAMES)
def test_initial_html_is_the_default_frame(name):
    ex, html, decoded, _ = page(name)
    header = decoded["header"]
    frame = decoded["frames"][header["default"]]
    index = [int(i) for i in decoded["frame"].split("-")]
    assert frame_index(ex, {c.name: c.values[i] for c, i in
                            zip(ex._control_specs, index, strict=True)}) == header["default"]
    from html import escape, unescape

    alt = re.search(r'<img src="data:image/png;base64,[^"]+" alt="([^"]*)"', html).group(1)
    assert unescape(alt) == frame["alt"]
    for label, text in frame["readouts"]:  # the values that matter, as text under the figure
        assert escape(label) in html and escape(text) in html
    # One native control per explorer control, each labelled, and a label element each.
    assert html.count("data-control=") == len(ex.controls)
    assert html.count("<label") == len(ex.controls)


# -- size -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_static_page_weight(name):
    ex, html, decoded, _ = page(name)
    n = decoded["header"]["frames"]
    weight = len(html.encode("utf-8"))
    assert weight <= 1.5 * MB, f"{name}: {weight / MB:.2f} MB for {n} combinations"


def test_three_explorers_fit_a_page():
    """A page with up to three explorers (the heaviest three times) leaves room in 3 MB."""
    heaviest = max(len(page(name)[1].encode("utf-8")) for name in NAMES)
    assert 3 * heaviest <= 1.5 * MB


def test_the_4_by_6_explorer_stays_under_its_budget():
    big = [name for name in NAMES
           if sorted(len(v) for v in shared(name).controls.values()) == [6, 6, 6, 6]]
    assert big
    for name in big:
        assert len(page(name)[1].encode("utf-8")) <= 1.5 * MB


# -- the mechanism, on a small explorer ------------------------------------------------


def toy(*, reveal=False, moving_limits=False, n=40, layouts=None, extra=None):
    fig = new_figure((3.0, 2.0))
    ax = fig.add_subplot()
    t = np.arange(n, dtype=float)
    (line,) = ax.plot(t, 0 * t, "o-", ms=3)
    band = ax.fill_between(t, 0 * t, 0 * t + 0.1, alpha=0.3)
    note = ax.text(0.05, 0.92, "", transform=ax.transAxes, va="top")
    ax.set_xlim(0, n)
    ax.set_ylim(-1.2, 1.2)
    controls = [
        Choice("shape", "shape", [("sine", "sin"), ("cosine", "cos")], "sin"),
        Slider("w", lambda v: f"ω of the {v['shape']}", 0.05, 1.0, [0.1, 0.3, 0.5], 0.3),
    ]
    if reveal:
        controls.append(Slider("upto", "steps shown", 2, n, list(range(2, n + 1)), n,
                               integer=True, reveals=True))

    def curve(v):
        return (np.sin if v["shape"] == "sin" else np.cos)(v["w"] * t)

    def draw(v):
        k = v.get("upto", n)
        y = curve(v)
        line.set_data(t[:k], y[:k])
        band.set_verts([np.column_stack([np.r_[t, t[::-1]], np.r_[y - 0.1, y[::-1] + 0.1]])])
        note.set_text(f"{v['shape']}, ω = {v['w']:g}")
        if moving_limits:  # a background change that draw does not announce
            ax.set_ylim(-1.2, 1.2 if v["shape"] == "sin" else 2.5)

    def readout(v):
        return [Readout("end value", f"{curve(v)[-1]:.3f}"),
                Readout("code", f"np.{v['shape']}({v['w']:g} * t)", code=True)]

    return Explorer("toy", "A toy explorer", controls, fig, draw,
                    lambda v: f"A {v['shape']} curve with ω = {v['w']:g}.",
                    animated=[line, band, note, *(extra or [])], readout=readout,
                    layouts=layouts)


def test_a_revealing_control_costs_no_extra_curves():
    plain, _ = encode(toy())
    revealing, facts = encode(toy(reveal=True))
    assert facts["frames"] == 6 * 39
    # The 38 more frames per combination of the other controls share the curves of the
    # longest one: a few bytes each.
    extra_per_frame = (len(revealing) - len(plain)) / (facts["frames"] - 6)
    assert extra_per_frame < 12, extra_per_frame
    assert facts["arrays"] <= 2 * 6 + 2 * 6 + 1  # line y per curve, band per curve, shared x


def test_revealed_frames_are_prefixes_of_the_full_curve():
    ex = toy(reveal=True)
    (decoded,) = decode_html(ex.static_html())
    for values in sample(ex, 12, seed=3):
        ex.update(**values)
        assert_frame_matches_live(ex, decoded["frames"][frame_index(ex, values)],
                                  decoded["header"])


def test_a_background_change_gets_its_own_background_image():
    ex = toy(moving_limits=True)
    (decoded,) = decode_html(ex.static_html())
    header = decoded["header"]
    states = {f["background"] for f in decoded["frames"]}
    assert len(states) == 2 and len(header["layouts"][0]["states"]) == 2
    for values in sample(ex, 6, seed=4):
        ex.update(**values)
        assert_frame_matches_live(ex, decoded["frames"][frame_index(ex, values)], header)


def test_each_layout_has_its_background_and_axes_boxes():
    def stacked(fig):
        fig.axes[0].set_subplotspec(fig.add_gridspec(1, 1)[0, 0])

    ex = toy(layouts=[Layout((3.0, 2.0)), Layout((2.5, 2.5), stacked)])
    (decoded,) = decode_html(ex.static_html())
    layouts = decoded["header"]["layouts"]
    assert [(lay["w"], lay["h"]) for lay in layouts] == [(300, 200), (250, 250)]
    for lay in layouts:
        (box,) = lay["states"][0]["axes"]
        assert 0 <= box[0] < box[2] <= lay["w"] and 0 <= box[1] < box[3] <= lay["h"]
    assert ex.figure.get_size_inches().tolist() == [3.0, 2.0]  # back to the live layout


def test_static_html_restores_values_and_pushes_at_most_one_image_to_the_widget():
    ex = toy()
    ex.update(shape="cos", w=0.5)
    ex.widget  # noqa: B018
    pushes = []
    ex._image.observe(lambda change: pushes.append(change), names="value")
    before = ex.values
    html = ex.static_html()
    assert ex.values == before
    assert len(pushes) <= 1
    assert 'data-frame="1-2"' in html
    assert all(ex._inputs[k].value == v for k, v in before.items())


def test_static_html_starts_from_the_nearest_grid_values():
    ex = toy()
    ex.update(w=0.27)  # a live slider between grid values
    html = ex.static_html()
    assert 'data-frame="0-1"' in html  # w = 0.3
    assert ex.values["w"] == 0.27


def test_every_displayed_instance_has_unique_dom_ids():
    ex = toy()
    a, b = ex.static_html(), ex.static_html()
    page_html = a + b + toy().static_html()
    ids = re.findall(r'\bid="([^"]+)"', page_html)
    assert len(ids) == len(set(ids)), "duplicate DOM ids"
    roots = re.findall(r'<div class="lrc-explorer" id="([^"]+)"', page_html)
    assert len(set(roots)) == 3
    for target in re.findall(r'\bfor="([^"]+)"', page_html):
        assert target in ids
    # Each script starts the explorer it belongs to.
    assert [s for s in re.findall(r'window\.lrcExplorer\("([^"]+)"\)', page_html)] == roots


def test_payload_is_compact_binary():
    ex = toy()
    payload, facts = encode(ex)
    assert payload[:2] == b"\x1f\x8b"  # gzip
    assert facts["gzip_bytes"] < facts["raw_bytes"]


def test_unsupported_artists_and_features_are_refused():
    fig = new_figure((3, 2))
    ax = fig.add_subplot()
    patch = ax.add_patch(Rectangle((0, 0), 1, 1))
    with pytest.raises(TypeError, match="animated artists must be Line2D, PolyCollection"):
        Explorer("bad", "bad", [Choice("a", "a", [("x", 1)], 1)], fig, lambda v: None,
                 lambda v: "", animated=[patch])
    fig2 = new_figure((3, 2))
    math_text = fig2.add_subplot().text(0.5, 0.5, r"$\eta_t$")
    ex = Explorer("math", "math", [Choice("a", "a", [("x", 1), ("y", 2)], 1)], fig2,
                  lambda v: None, lambda v: "", animated=[math_text])
    with pytest.raises(ValueError, match="plain text, not TeX or mathtext"):
        ex.static_html()


def test_readout_must_keep_its_length():
    ex = toy()
    ex._readout = lambda v: [Readout("only one", "x")]
    with pytest.raises(ValueError, match="readout\\(\\) must always return 2 items"):
        ex.readout()


def test_frames_decode_in_grid_order():
    ex = toy()
    (decoded,) = decode_html(ex.static_html())
    for i, combo in enumerate(itertools.product(range(2), range(3))):
        values = {"shape": ["sin", "cos"][combo[0]], "w": [0.1, 0.3, 0.5][combo[1]]}
        assert decoded["frames"][i]["alt"] == f"A {values['shape']} curve with ω = {values['w']:g}."
