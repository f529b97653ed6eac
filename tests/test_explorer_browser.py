"""The static explorers' script in Chromium: it draws what the Python decoder reads.

A page holding every catalog explorer and two identical toy explorers is
opened at 1280 px (2 device px per CSS px) and at 390 px (1 device px). For
sampled combinations, the controls are moved as a reader would, and what the
script reports having drawn (``element.lrcDrawn()``) is compared with
``decode_html`` mapped into the layout the page chose: the same points, texts,
labels, readouts and alt text. Opt-in with the other browser tests
(``--run-browser``); it needs no built book.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_explorer_static import NAMES, frame_index, page, sample, toy

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
VIEWS = [(1280, 2, 0), (390, 1, 1)]  # width, device scale factor, expected layout


@pytest.fixture(scope="module")
def explorer_page(tmp_path_factory):
    parts = [page(name)[1] for name in NAMES]
    twin = toy()
    parts += [twin.static_html(), twin.static_html()]
    body = "".join(f"<section>{p}</section>" for p in parts)
    path = tmp_path_factory.mktemp("explorers") / "page.html"
    path.write_text(
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # The book's text column: 688 px at 1280 px, the window less 2 x 16 px on a phone.
        "<style>body{margin:0;font-family:sans-serif}main{max-width:688px;margin:0 auto}"
        "@media (max-width:720px){main{padding:0 16px}}"
        # What a theme may do to images (the book's theme pads them in dark mode).
        "main img{padding:8px;border:2px solid #888;height:auto;filter:brightness(.8)}"
        "main canvas{margin:4px}</style></head>"
        f"<body><main>{body}</main></body></html>", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser, path, width, scale):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=scale)
    pg = ctx.new_page()
    errors = []
    pg.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(path.as_uri())
    pg.wait_for_function(
        "[...document.querySelectorAll('.lrc-explorer')].every(e => e.dataset.state === 'ready')",
        timeout=30000)
    return ctx, pg, errors


def _set_controls(root, indices):
    root.evaluate(
        """(e, idx) => e.querySelectorAll('[data-control]').forEach((c, i) => {
            c.value = String(idx[i]);
            c.dispatchEvent(new Event(c.tagName === 'SELECT' ? 'change' : 'input'));
        })""", indices)


def _expected(frame, header, layout):
    lay = header["layouts"][layout]
    state = lay["states"][frame["background"]]
    out = []
    for art, got in zip(header["artists"], frame["artists"], strict=True):
        if got is None:
            out.append(None)
            continue
        box = [0, 0, lay["w"], lay["h"]] if art["ref"] < 0 else state["axes"][art["ref"]]

        def css(uv, box=box):
            uv = np.asarray(uv, dtype=float)
            return np.column_stack([box[0] + uv[:, 0] * (box[2] - box[0]),
                                    box[3] - uv[:, 1] * (box[3] - box[1])])

        if "points" in got:
            out.append({"points": css(got["points"])})
        elif "paths" in got:
            out.append({"paths": [css(p) for p in got["paths"]]})
        else:
            out.append({"text": got["text"], "xy": css([got["pos"]])[0]})
    return out


def _close(js, want):
    js = np.array([[np.nan if v is None else v for v in p] for p in js], dtype=float).reshape(-1, 2)
    return js.shape == want.shape and np.allclose(js, want, atol=1e-6, equal_nan=True)


@pytest.mark.parametrize(("width", "scale", "layout"), VIEWS)
def test_script_draws_what_the_python_decoder_reads(browser, explorer_page, width, scale, layout):
    ctx, pg, errors = _open(browser, explorer_page, width, scale)
    roots = pg.locator(".lrc-explorer")
    for i, name in enumerate(NAMES):
        ex, _, decoded, _ = page(name)
        header, root = decoded["header"], roots.nth(i)
        assert root.evaluate("e => e.lrcDrawn().frame") == header["default"]
        for values in sample(ex, 6, seed=21):
            indices = [c.values.index(values[c.name]) for c in ex._control_specs]
            _set_controls(root, indices)
            drawn = root.evaluate("e => e.lrcDrawn()")
            k = frame_index(ex, values)
            frame = decoded["frames"][k]
            assert drawn["frame"] == k
            assert drawn["layout"] == layout
            assert root.get_attribute("data-frame") == "-".join(map(str, indices))
            assert drawn["labels"] == frame["labels"]
            assert [tuple(r) for r in drawn["readouts"]] == frame["readouts"]
            assert drawn["alt"] == frame["alt"] == root.locator("img").get_attribute("alt")
            dom_labels = root.locator(".lrc-clabel").all_inner_texts()
            assert dom_labels == frame["labels"]
            for j, (js, want) in enumerate(zip(drawn["artists"], _expected(frame, header, layout),
                                               strict=True)):
                assert (js is None) == (want is None), f"{name} artist {j}"
                if want is None:
                    continue
                if "points" in want:
                    assert _close(js["points"], want["points"]), f"{name} artist {j}"
                elif "paths" in want:
                    assert all(_close(a, b) for a, b in zip(js["paths"], want["paths"], strict=True))
                else:
                    assert js["text"] == want["text"]
                    assert np.allclose([js["x"], js["y"]], want["xy"], atol=1e-6)
    assert not errors, errors
    ctx.close()


def test_identical_explorers_do_not_drive_each_other(browser, explorer_page):
    ctx, pg, errors = _open(browser, explorer_page, 1280, 1)
    roots = pg.locator(".lrc-explorer")
    first, second = roots.nth(len(NAMES)), roots.nth(len(NAMES) + 1)
    assert first.get_attribute("id") != second.get_attribute("id")
    before = first.get_attribute("data-frame")
    second.locator("select").select_option("1")
    second.locator("input[type=range]").focus()
    pg.keyboard.press("ArrowRight")
    assert second.get_attribute("data-frame") == "1-2"
    assert first.get_attribute("data-frame") == before
    assert first.evaluate("e => e.lrcDrawn().frame") != second.evaluate("e => e.lrcDrawn().frame")
    assert not errors, errors
    ctx.close()


def test_figure_text_is_big_enough_on_screen(browser, explorer_page):
    """The figure is shown unscaled at 1280 px and scaled at most to 80 % on a phone."""
    for width, scale, layout in VIEWS:
        ctx, pg, _ = _open(browser, explorer_page, width, scale)
        for i, name in enumerate(NAMES):
            root = pg.locator(".lrc-explorer").nth(i)
            shown = root.locator(".lrc-figure").evaluate("e => e.getBoundingClientRect().width")
            natural = page(name)[2]["header"]["layouts"][layout]["w"]
            assert shown / natural >= (0.999 if width == 1280 else 0.8), (name, width, shown)
            # No horizontal overflow: the controls wrap, the figure fits.
            assert root.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), (name, width)
            # The background image and the canvas cover exactly the figure's box.
            boxes = root.evaluate("""e => ['.lrc-figure', '.lrc-figure img', '.lrc-figure canvas']
                .map(s => { const b = e.querySelector(s).getBoundingClientRect();
                            return [b.x, b.y, b.width, b.height]; })""")
            assert np.allclose(boxes[0], boxes[1]) and np.allclose(boxes[0], boxes[2]), boxes
            pad = root.evaluate("e => getComputedStyle(e.querySelector('.lrc-figure img')).padding")
            assert pad == "0px", pad
        ctx.close()
