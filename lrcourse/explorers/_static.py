"""Self-contained HTML rendering of an explorer for the static book.

Most of a figure never changes: the axes, ticks, labels and legend. The
static page ships that *background* once per layout, as a PNG drawn for
high-density screens, and ships only what moves as data: for every
combination of the controls' grid values, the animated artists'
coordinates, styles and texts, as the explorer's own ``draw`` left them,
plus the readouts, control labels and alt text. A small script of its own
draws the artists on a canvas over the background image when a native
``<select>`` or ``<input type="range">`` moves. Nothing is loaded from any
host; without JavaScript the default figure still shows (a complete PNG).

Payload (the ``script.lrc-data`` element, base64 of a gzip stream that the
page inflates with the browser's ``DecompressionStream``)::

    uint32 (little endian)  n = length of the header
    n bytes                 header, UTF-8 JSON: controls, layouts (size,
                            background images, axes boxes in CSS px),
                            artists (kind, axes), styles, strings, Q
    varints                 the arrays, then the frames

Coordinates are in the units of the artist's axes (0..1 across the axes
box; the figure for figure artists), quantised to ``1/Q``, clamped to
``[-8, 9]``. An array is its length followed by one code per value:
0 for a gap (NaN or inf), else ``zigzag(delta from the previous value) + 1``.
Identical arrays are stored once; with a ``reveals`` control, a curve that is
a prefix of a longer one is a reference to it. A frame is a fixed sequence of
varints: background state, one label per control, alt text, label and text
per readout, then per artist its style (0: hidden) and its geometry: a line
``x array, y array, length``; an area ``number of paths`` and per path
``x array, y array, length``; a text ``zigzag(x), zigzag(y), string``.

:func:`decode_html` reads a page back with the same algorithm as the
script (for tests); the script exposes ``element.lrcDrawn()`` returning what
it drew, for browser tests.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import itertools
import json
import struct

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.lines import Line2D
from matplotlib.text import Text

from ._base import DISPLAY_DPI, readout_html
from ._page import CSS as _CSS
from ._page import SCRIPT as _SCRIPT

__all__ = ["Q", "check_animated", "decode_html", "read_artist", "render_static_html"]

#: Quantisation steps per axes side (an axes 600 CSS px wide: 0.15 px).
Q = 4096
#: Coordinates beyond this many axes sizes outside the axes are clamped.
CLAMP = 8.0
#: Points per inch over CSS px per inch.
PT = DISPLAY_DPI / 72.0

_MARKERS = {"o", "s", "^", "v", "D", "."}


def check_animated(artists) -> None:
    """Raise unless every artist is a kind the static page draws.

    Raises
    ------
    TypeError
        For an artist that is not a ``Line2D``, ``PolyCollection`` or ``Text``.
    """
    for a in artists:
        if not isinstance(a, Line2D | PolyCollection | Text):
            raise TypeError(
                "An explorer's animated artists must be Line2D, PolyCollection (fill_between) "
                f"or Text: the static page draws only those. Received: {a!r}"
            )


# -- reading artists ---------------------------------------------------------------


def _ref_index(artist, fig) -> int:
    return fig.axes.index(artist.axes) if artist.axes is not None else -1


def _units(artist, fig, xy: np.ndarray, transform=None) -> np.ndarray:
    """``xy`` in ``transform``'s coordinates (default: the artist's) -> the artist's axes
    units (figure units without axes), without a round trip through display pixels
    when matplotlib can simplify it (data -> axes units is scale + limits)."""
    box = artist.axes.transAxes if artist.axes is not None else fig.transFigure
    transform = artist.get_transform() if transform is None else transform
    with np.errstate(all="ignore"):
        return (transform - box).transform(xy)


def _color(c, alpha=None) -> str:
    return to_hex(to_rgba(c, alpha), keep_alpha=True)


def read_artist(artist, fig) -> dict:
    """What the static page needs to draw one animated artist, as drawn now.

    Returns a dict with ``kind`` ("line", "poly" or "text"), ``visible``,
    ``style`` (a JSON-able dict: colours, widths in CSS px, ...), and
    ``points`` (an ``(n, 2)`` array in the artist's axes units) for a line,
    ``paths`` (a list of such arrays) for an area, or ``pos`` and ``text``
    for a text.

    Raises
    ------
    ValueError
        For a feature the static page does not draw (an unknown marker,
        mathtext).
    """
    visible = bool(artist.get_visible())
    if isinstance(artist, Line2D):
        return _read_line(artist, fig, visible)
    if isinstance(artist, PolyCollection):
        return _read_poly(artist, fig, visible)
    return _read_text(artist, fig, visible)


def _read_line(line: Line2D, fig, visible: bool) -> dict:
    alpha = line.get_alpha()
    marker = line.get_marker()
    marker = None if marker in (None, "None", "none", "", " ") else marker
    if marker is not None and marker not in _MARKERS:
        raise ValueError(f"The static page draws the markers {sorted(_MARKERS)}. "
                         f"Received: marker={marker!r} on {line!r}")
    offset, seq = getattr(line, "_dash_pattern", (0, None))
    style = {
        "k": "line",
        "c": _color(line.get_color(), alpha),
        "lw": round(line.get_linewidth() * PT, 3),
        "dash": None if not seq else [round(s * PT, 3) for s in seq],
        "ds": line.get_drawstyle(),
        "clip": bool(line.get_clip_on()),
        "z": float(line.get_zorder()),
    }
    if marker is not None:
        style.update(m=marker, ms=round(line.get_markersize() * PT, 3),
                     mfc=_color(line.get_markerfacecolor(), alpha),
                     mec=_color(line.get_markeredgecolor(), alpha),
                     mew=round(line.get_markeredgewidth() * PT, 3))
    if line.get_linestyle() in ("None", "none", " ", ""):
        style["lw"] = 0
    points = np.empty((0, 2))
    if visible:
        xy = np.asarray(line.get_xydata(), dtype=float)
        points = _units(line, fig, xy) if len(xy) else points
    return {"kind": "line", "visible": visible, "style": style, "points": points}


def _read_poly(coll: PolyCollection, fig, visible: bool) -> dict:
    alpha = coll.get_alpha()
    fc, ec, lw = coll.get_facecolor(), coll.get_edgecolor(), coll.get_linewidth()
    style = {
        "k": "poly",
        "fc": _color(fc[0], alpha) if len(fc) else "#00000000",
        "ec": _color(ec[0], alpha) if len(ec) else "#00000000",
        "lw": round(float(lw[0]) * PT, 3) if len(lw) and len(ec) else 0,
        "clip": bool(coll.get_clip_on()),
    }
    paths = []
    if visible:
        for path in coll.get_paths():
            v = np.asarray(path.vertices, dtype=float)
            if len(v):
                paths.append(_units(coll, fig, v))
    return {"kind": "poly", "visible": visible, "style": style, "paths": paths}


def _linespacing(text: Text) -> float:
    value = getattr(text, "_linespacing", 1.2)
    return float(value) if isinstance(value, int | float) else 1.2


def _read_text(text: Text, fig, visible: bool) -> dict:
    s = text.get_text()
    if text.get_usetex() or s.count("$") - s.count(r"\$") >= 2:
        raise ValueError(f"The static page draws plain text, not TeX or mathtext. Received: {s!r}")
    family = text.get_fontfamily()
    family = family[0] if isinstance(family, list | tuple) and family else family
    bbox = text.get_bbox_patch()
    box = None
    if bbox is not None:
        bstyle = bbox.get_boxstyle()
        pad = float(getattr(bstyle, "pad", 0.3))
        box = {"fc": _color(bbox.get_facecolor()), "ec": _color(bbox.get_edgecolor()),
               "lw": round(bbox.get_linewidth() * PT, 3),
               "pad": round(pad * text.get_fontsize() * PT, 3),
               "round": type(bstyle).__name__.lower().startswith("round")}
    weight = text.get_fontweight()
    style = {
        "k": "text",
        "c": _color(text.get_color(), text.get_alpha()),
        "size": round(text.get_fontsize() * PT, 3),
        "fam": "monospace" if "mono" in str(family).lower() else "sans-serif",
        "w": "bold" if weight in ("bold", "heavy", "black", "semibold", "demibold")
             or (isinstance(weight, int | float) and weight >= 600) else "normal",
        "it": text.get_fontstyle() == "italic",
        "ha": text.get_horizontalalignment(),
        "va": text.get_verticalalignment(),
        "rot": round(float(text.get_rotation()), 3),
        "ls": _linespacing(text),
        "box": box,
        "clip": bool(text.get_clip_on()),
    }
    pos = np.array([np.nan, np.nan])
    if visible:
        xy = np.asarray([text.get_unitless_position()], dtype=float)
        pos = _units(text, fig, xy)[0]
    return {"kind": "text", "visible": visible and bool(s), "style": style, "pos": pos, "text": s}


# -- encoding ------------------------------------------------------------------------


def quantise(values: np.ndarray) -> np.ndarray:
    """Axes units -> integers of 1/Q (``BREAK`` for a gap), as the page stores them."""
    v = np.asarray(values, dtype=float)
    out = np.full(v.shape, BREAK, dtype=np.int64)
    ok = np.isfinite(v)
    out[ok] = np.rint(np.clip(v[ok], -CLAMP, 1 + CLAMP) * Q).astype(np.int64)
    return out


BREAK = np.iinfo(np.int64).min


def _zigzag(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=np.int64)
    return ((a << 1) ^ (a >> 63)).astype(np.uint64)


def _varints(a: np.ndarray) -> bytes:
    """LEB128 varints of non-negative integers (< 2**35), vectorised."""
    a = np.asarray(a, dtype=np.uint64)
    if a.size == 0:
        return b""
    n = np.ones(a.shape, dtype=np.int64)
    for k in (7, 14, 21, 28):
        n += a >= (1 << k)
    if (a >= (1 << 35)).any():
        raise OverflowError("varint value too large")
    out = np.zeros(int(n.sum()), dtype=np.uint8)
    pos = np.concatenate([[0], np.cumsum(n)[:-1]])
    for k in range(5):
        m = n > k
        byte = (a[m] >> np.uint64(7 * k)) & np.uint64(0x7F)
        cont = np.where(n[m] > k + 1, 0x80, 0).astype(np.uint64)
        out[pos[m] + k] = (byte | cont).astype(np.uint8)
    return out.tobytes()


def _array_codes(q: np.ndarray) -> np.ndarray:
    """One array's codes: its length, then 0 for a gap or zigzag(delta) + 1."""
    q = np.asarray(q, dtype=np.int64)
    codes = np.zeros(len(q) + 1, dtype=np.uint64)
    codes[0] = len(q)
    ok = q != BREAK
    vals = q[ok]
    deltas = np.diff(np.concatenate([[0], vals]))
    body = np.zeros(len(q), dtype=np.uint64)
    body[ok] = _zigzag(deltas) + np.uint64(1)
    codes[1:] = body
    return codes


class _Pool:
    """Arrays stored once; a prefix of a stored array is a reference to it."""

    def __init__(self) -> None:
        self.arrays: list[np.ndarray] = []
        self._ids: dict[bytes, int] = {}

    def add(self, q: np.ndarray, prefix_of: int | None = None) -> int:
        key = q.tobytes()
        found = self._ids.get(key)
        if found is not None:
            return found
        if prefix_of is not None:
            base = self.arrays[prefix_of]
            if len(q) <= len(base) and np.array_equal(base[: len(q)], q):
                return prefix_of
        self.arrays.append(q)
        self._ids[key] = len(self.arrays) - 1
        return len(self.arrays) - 1


class _Strings:
    def __init__(self) -> None:
        self.items: list[str] = []
        self._ids: dict[str, int] = {}

    def add(self, s: str) -> int:
        if s not in self._ids:
            self._ids[s] = len(self.items)
            self.items.append(s)
        return self._ids[s]


def _combos(controls):
    """Every combination of grid indices, in frame order (last control fastest);
    a ``reveals`` control is visited from its largest value down."""
    ranges = [range(len(c.values) - 1, -1, -1) if c.reveals else range(len(c.values))
              for c in controls]
    return itertools.product(*ranges)


def _frame_index(combo, sizes) -> int:
    idx = 0
    for i, n in zip(combo, sizes, strict=True):
        idx = idx * n + i
    return idx


def _backgrounds(explorer) -> list[dict]:
    """The background of every layout, as PNG and axes boxes in CSS px.

    Called right after a full render of the live layout, whose background is
    the explorer's blitting buffer; each other layout costs one draw, and the
    live layout one more to come back.
    """
    from PIL import Image

    from ._base import _png

    fig = explorer.figure
    out = []
    for i, layout in enumerate(explorer._layouts):
        if i:
            explorer._use_layout(i)
            fig.canvas.draw()  # animated artists are skipped
            pixels = np.asarray(fig.canvas.buffer_rgba())
        else:
            pixels = np.asarray(explorer._background)
        h, w = pixels.shape[:2]
        png = _png(Image.fromarray(pixels, "RGBA"), static=True)
        cw, ch = layout.css_size
        sx, sy = cw / w, ch / h
        boxes = []
        for ax in fig.axes:
            b = ax.bbox  # display px, origin bottom left
            boxes.append([round(b.x0 * sx, 3), round((h - b.y1) * sy, 3),
                          round(b.x1 * sx, 3), round((h - b.y0) * sy, 3)])
        out.append({"png": png, "axes": boxes})
    if len(explorer._layouts) > 1:
        explorer._use_layout(0)
        explorer._render()  # back to the live layout
    return out


def _default_png(explorer) -> bytes:
    explorer._render()
    return explorer.render_png(static=True)


def encode(explorer) -> tuple[bytes, dict]:
    """The payload of ``explorer`` (gzip bytes) and facts about it.

    Runs the explorer's ``draw`` for every combination of the grid and
    restores its values afterwards.
    """
    controls = explorer._control_specs
    grids = [c.values for c in controls]
    sizes = [len(g) for g in grids]
    fig = explorer.figure
    artists = explorer._animated
    pool, strings = _Pool(), _Strings()
    styles: list[str] = []
    style_ids: dict[str, int] = {}
    bg_states: list[list[dict]] = []  # per state: per layout {png, axes}
    bg_ids: dict[bytes, int] = {}
    frames: list[list[int] | None] = [None] * int(np.prod(sizes))
    last_arrays: dict[tuple, int] = {}  # (artist, slot) -> array id, for prefix references
    reveal = any(c.reveals for c in controls)
    saved = explorer.values
    state = -1

    def style_id(style: dict) -> int:
        key = json.dumps(style, sort_keys=True, separators=(",", ":"))
        if key not in style_ids:
            style_ids[key] = len(styles) + 1
            styles.append(key)
        return style_ids[key]

    def array_id(q: np.ndarray, slot: tuple) -> int:
        i = pool.add(q, last_arrays.get(slot) if reveal else None)
        last_arrays[slot] = i
        return i

    was_offline, explorer._offline = explorer._offline, True
    try:
        for combo in _combos(controls):
            values = {c.name: g[j] for c, g, j in zip(controls, grids, combo, strict=True)}
            explorer._set(values)
            if explorer._bg_dirty or state < 0:
                explorer._render()  # _background: the figure without its animated artists
                key = hashlib.sha1(np.asarray(explorer._background).tobytes()).digest()
                if key not in bg_ids:
                    bg_ids[key] = len(bg_states)
                    bg_states.append(_backgrounds(explorer))
                state = bg_ids[key]
            ints = [state]
            ints += [strings.add(c.label_for(explorer._values)) for c in controls]
            ints.append(strings.add(explorer.describe()))
            for item in explorer.readout():
                ints += [strings.add(item.label), strings.add(item.text)]
            for a_i, artist in enumerate(artists):
                got = read_artist(artist, fig)
                if not got["visible"]:
                    ints.append(0)
                    continue
                ints.append(style_id(got["style"]))
                if got["kind"] == "line":
                    q = quantise(got["points"])
                    gap = (q == BREAK).any(axis=1)
                    q[gap] = BREAK
                    ints += [array_id(q[:, 0], (a_i, 0)), array_id(q[:, 1], (a_i, 1)), len(q)]
                elif got["kind"] == "poly":
                    ints.append(len(got["paths"]))
                    for p_i, path in enumerate(got["paths"]):
                        q = quantise(path)
                        gap = (q == BREAK).any(axis=1)
                        q[gap] = BREAK
                        ints += [array_id(q[:, 0], (a_i, p_i, 0)),
                                 array_id(q[:, 1], (a_i, p_i, 1)), len(q)]
                else:
                    q = quantise(got["pos"])
                    q[q == BREAK] = 0
                    ints += [int(_zigzag(q[0])), int(_zigzag(q[1])), strings.add(got["text"])]
            frames[_frame_index(combo, sizes)] = ints
        default_index = _frame_index([g.index(saved[c.name]) for c, g in
                                      zip(controls, grids, strict=True)], sizes)
    finally:
        explorer._offline = was_offline
        explorer.update(**saved)
    default_png = _default_png(explorer)

    layouts = []
    images: list[str] = []
    for li, layout in enumerate(explorer._layouts):
        w, h = layout.css_size
        states = []
        for st in bg_states:
            images.append("data:image/png;base64," + base64.b64encode(st[li]["png"]).decode())
            states.append({"img": len(images) - 1, "axes": st[li]["axes"]})
        layouts.append({"w": w, "h": h, "states": states})
    header = {
        "v": 1,
        "q": Q,
        "controls": [{"name": c.name, "n": len(c.values),
                      "values": [c.label_of(v) for v in c.values],
                      "reveals": bool(c.reveals)} for c in controls],
        "readouts": [bool(item.code) for item in explorer.readout()],
        "artists": [{"kind": "line" if isinstance(a, Line2D) else
                     "poly" if isinstance(a, PolyCollection) else "text",
                     "ref": _ref_index(a, fig)} for a in artists],
        "layouts": layouts,
        "images": images,
        "styles": [json.loads(s) for s in styles],
        "strings": strings.items,
        "frames": len(frames),
        "default": default_index,
    }
    codes = [np.array([len(pool.arrays)], dtype=np.uint64)]
    codes += [_array_codes(a) for a in pool.arrays]
    codes.append(np.array([x for f in frames for x in f], dtype=np.uint64))
    body = _varints(np.concatenate(codes))
    head = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    raw = struct.pack("<I", len(head)) + head + body
    payload = gzip.compress(raw, compresslevel=9, mtime=0)
    facts = {"frames": len(frames), "arrays": len(pool.arrays), "backgrounds": len(bg_states),
             "raw_bytes": len(raw), "gzip_bytes": len(payload), "default_png": default_png,
             "default_index": default_index}
    return payload, facts


# -- HTML ----------------------------------------------------------------------------


def _control_html(i: int, control, index: int, uid: str, label: str) -> str:
    cid = f"{uid}-c{i}"
    values = control.values
    name = html.escape(control.name)
    head = f'<span class="lrc-clabel" id="{cid}-l">{html.escape(label)}</span>'
    if hasattr(control, "options"):
        opts = "".join(
            f'<option value="{j}"{" selected" if j == index else ""}>'
            f"{html.escape(control.label_of(v))}</option>"
            for j, v in enumerate(values)
        )
        return (f'<label class="lrc-control" for="{cid}">{head}'
                f'<select id="{cid}" data-control="{name}">{opts}</select></label>')
    text = html.escape(control.label_of(values[index]))
    return (
        f'<label class="lrc-control" for="{cid}">{head}'
        f'<input type="range" id="{cid}" data-control="{name}" '
        f'min="0" max="{len(values) - 1}" step="1" value="{index}" aria-valuetext="{text}">'
        f'<output for="{cid}">{text}</output></label>'
    )


def _nearest_on_grid(explorer) -> dict:
    values = {}
    for c in explorer._control_specs:
        v = explorer._values[c.name]
        if v not in c.values:  # a live slider moved off the grid (a Choice never is)
            v = min(c.values, key=lambda g, v=v: abs(g - v))
        values[c.name] = v
    return values


def render_static_html(explorer, uid: str) -> str:
    """Render ``explorer`` for the static book as one HTML fragment.

    The explorer's current control values (or the nearest grid values) are
    the page's initial ones; its values are restored afterwards.
    """
    saved = explorer.values
    on_grid = _nearest_on_grid(explorer)
    if on_grid == saved:
        return _render(explorer, uid)
    explorer._offline = True
    try:
        explorer.update(**on_grid)
        return _render(explorer, uid)
    finally:
        explorer._offline = False
        explorer.update(**saved)


def _render(explorer, uid: str) -> str:
    payload, facts = encode(explorer)
    controls = explorer._control_specs
    values = explorer.values
    index = [c.values.index(values[c.name]) for c in controls]
    labels = explorer.labels()
    controls_html = "".join(
        _control_html(i, c, index[i], uid, labels[c.name]) for i, c in enumerate(controls))
    w, h = explorer._layouts[0].css_size
    key = "-".join(map(str, index))
    default_uri = "data:image/png;base64," + base64.b64encode(facts["default_png"]).decode()
    n = facts["frames"]
    data = base64.b64encode(payload).decode("ascii")
    return (
        f'<div class="lrc-explorer" id="{uid}" data-explorer="{html.escape(explorer.name)}" '
        f'data-frame="{key}" data-frames="{n}" role="group" aria-label="{html.escape(explorer.title)}">'
        f"<style>{_CSS}</style>"
        f'<div class="lrc-controls">{controls_html}</div>'
        f'<div class="lrc-figure" style="max-width:{w}px;aspect-ratio:{w}/{h}">'
        f'<img src="{default_uri}" alt="{html.escape(explorer.describe())}" '
        f'width="{w}" height="{h}">'
        f'<canvas aria-hidden="true" hidden></canvas></div>'
        f'<div class="lrc-readout" aria-live="polite">{readout_html(explorer.readout())}</div>'
        f'<p class="lrc-note">Static explorer: {n} combinations of the controls, computed by '
        f"lrcourse when the book was built. Open this page as a notebook (Binder, Colab or "
        f"<code>jupyter lab</code>) for continuous controls.</p>"
        f'<script type="application/octet-stream" class="lrc-data">{data}</script>'
        f"<script>{_SCRIPT}\nwindow.lrcExplorer({json.dumps(uid)});</script>"
        f"</div>"
    )


# -- decoding (the page's algorithm, in Python) -------------------------------------


def _read_varints(buf: bytes) -> np.ndarray:
    out, v, shift = [], 0, 0
    for b in buf:
        v |= (b & 0x7F) << shift
        if b & 0x80:
            shift += 7
        else:
            out.append(v)
            v, shift = 0, 0
    return np.array(out, dtype=np.int64)


def _unzigzag(c):
    return (c >> 1) ^ -(c & 1)


def decode_payload(payload: bytes) -> dict:
    """Decode a payload as the page's script does.

    Returns the header (``"header"``) and ``"frames"``: per frame a dict with
    ``background``, ``labels``, ``alt``, ``readouts`` (label, text) and
    ``artists`` (per artist None if hidden, else ``style`` and ``points`` in
    axes units with NaN for gaps, ``paths``, or ``pos`` and ``text``).
    """
    raw = gzip.decompress(payload)
    (n,) = struct.unpack("<I", raw[:4])
    header = json.loads(raw[4:4 + n].decode("utf-8"))
    ints = _read_varints(raw[4 + n:])
    q = header["q"]
    pos = 0
    count = int(ints[pos])
    pos += 1
    arrays = []
    for _ in range(count):
        length = int(ints[pos])
        codes = ints[pos + 1: pos + 1 + length]
        pos += 1 + length
        out = np.full(length, np.nan)
        ok = codes != 0
        out[ok] = np.cumsum(_unzigzag(codes[ok] - 1)) / q
        arrays.append(out)
    strings = header["strings"]
    frames = []
    for _ in range(header["frames"]):
        f = {"background": int(ints[pos])}
        pos += 1
        f["labels"] = [strings[int(i)] for i in ints[pos: pos + len(header["controls"])]]
        pos += len(header["controls"])
        f["alt"] = strings[int(ints[pos])]
        pos += 1
        f["readouts"] = []
        for _ in header["readouts"]:
            f["readouts"].append((strings[int(ints[pos])], strings[int(ints[pos + 1])]))
            pos += 2
        f["artists"] = []
        for art in header["artists"]:
            sid = int(ints[pos])
            pos += 1
            if sid == 0:
                f["artists"].append(None)
                continue
            got = {"style": header["styles"][sid - 1]}
            if art["kind"] == "line":
                xi, yi, length = (int(v) for v in ints[pos: pos + 3])
                pos += 3
                got["points"] = np.column_stack([arrays[xi][:length], arrays[yi][:length]])
            elif art["kind"] == "poly":
                npaths = int(ints[pos])
                pos += 1
                got["paths"] = []
                for _ in range(npaths):
                    xi, yi, length = (int(v) for v in ints[pos: pos + 3])
                    pos += 3
                    got["paths"].append(np.column_stack([arrays[xi][:length], arrays[yi][:length]]))
            else:
                x, y, s = (int(v) for v in ints[pos: pos + 3])
                pos += 3
                got["pos"] = np.array([_unzigzag(x), _unzigzag(y)]) / q
                got["text"] = strings[s]
            f["artists"].append(got)
        frames.append(f)
    if pos != len(ints):
        raise ValueError(f"payload has {len(ints) - pos} trailing values")
    return {"header": header, "frames": frames}


def decode_html(fragment: str) -> list[dict]:
    """Decode every static explorer in an HTML page or fragment.

    Returns one dict per explorer: ``id``, ``explorer`` (its catalog name),
    ``frame`` (the ``data-frame`` attribute), ``payload_chars`` and what
    :func:`decode_payload` returns.
    """
    import re

    found = []
    for m in re.finditer(
        r'<div class="lrc-explorer" id="([^"]+)" data-explorer="([^"]*)" data-frame="([^"]*)".*?'
        r'<script type="application/octet-stream" class="lrc-data">([^<]*)</script>',
        fragment, flags=re.S,
    ):
        decoded = decode_payload(base64.b64decode(m.group(4)))
        decoded.update(id=m.group(1), explorer=html.unescape(m.group(2)), frame=m.group(3),
                       payload_chars=len(m.group(4)))
        found.append(decoded)
    return found
