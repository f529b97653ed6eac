"""Trim Font Awesome to the icons the built site uses.

pydata-sphinx-theme ships Font Awesome twice: ``scripts/fontawesome.js``
(1.49 MB, every icon as inline-SVG data, loaded by every page) and the
webfonts that its stylesheet already declares for the ``.fa-*`` classes
(woff2 plus ttf fallbacks, about 1 MB together). The classes and the
webfonts are enough to draw every ``<i class="fa-...">`` in the pages, so
after the HTML build this module:

* removes ``fontawesome.js`` (and its source map) and its ``<script>`` tag
  from every page;
* subsets each Font Awesome webfont (woff2 and ttf) to the glyphs that the
  site can show: the ``fa-*`` icon classes named in any page or script, and
  every icon glyph that a stylesheet uses directly (for example the
  admonition icons, ``--pst-icon-*``).

Subsetting uses fontTools (a dependency of matplotlib); writing woff2 needs
its Brotli support (``fonttools[woff]``).
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

FA_JS = Path("_static") / "scripts" / "fontawesome.js"
FA_FONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"
SCRIPT_TAG = re.compile(
    r'[ \t]*<script\b[^>]*\bsrc="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*>\s*</script>\n?'
)
# One rule of the icon table: ".fa-sun:before{content:"\f185"" (selector lists allowed).
ICON_SELECTOR = re.compile(r"^\.fa-([a-z0-9-]+):{1,2}before$")
ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,6})")
CLASS_NAME = re.compile(r"\bfa-([a-z0-9-]+)")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
PUA = range(0xE000, 0xF900)


def _css_codepoints(css: str, icon_map: dict[str, set[int]], direct: set[int]) -> None:
    css = COMMENT.sub("", css)
    for rule in css.split("}"):
        if "{" not in rule:
            continue
        selectors, _, body = rule.rpartition("{")
        selectors = selectors.split("{")[-1]  # inside an @media block
        sel_list = [s.strip() for s in selectors.split(",")]
        points = {int(h, 16) for h in ESCAPE.findall(body)} | {ord(c) for c in body}
        points = {p for p in points if p in PUA}
        if not points:
            continue
        names = [ICON_SELECTOR.match(s) for s in sel_list]
        if all(names):
            for m in names:
                icon_map.setdefault(m.group(1), set()).update(points)
        else:
            direct.update(points)


def used_codepoints(outdir: Path) -> tuple[set[int], list[str]]:
    """Icon code points that some page, script or stylesheet of the site can show."""
    static = outdir / "_static"
    icon_map: dict[str, set[int]] = {}
    points: set[int] = set()
    for css in static.rglob("*.css"):
        _css_codepoints(css.read_text(encoding="utf-8", errors="replace"), icon_map, points)
    names: set[str] = set()
    sources = [p for p in outdir.rglob("*.html")]
    sources += [p for p in static.rglob("*.js") if p.name != "fontawesome.js" and "mathjax" not in p.parts]
    for src in sources:
        text = src.read_text(encoding="utf-8", errors="replace")
        names.update(CLASS_NAME.findall(text))
        points.update(ord(c) for c in set(text) if ord(c) in PUA)
    shown = sorted(n for n in names if n in icon_map)
    for name in shown:
        points |= icon_map[name]
    return points, shown


def _subset(path: Path, unicodes: set[int]) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    flavor = {".woff2": "woff2", ".woff": "woff"}.get(path.suffix)
    if flavor == "woff2":
        try:
            import brotli  # noqa: F401
        except ImportError:
            try:
                import brotlicffi  # noqa: F401
            except ImportError as exc:
                raise ExtensionError(
                    "Subsetting Font Awesome to woff2 needs Brotli: install the book "
                    "dependencies (`pip install -e .[book]`, package fonttools[woff])."
                ) from exc
    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the copyright and licence names
    options.notdef_outline = True
    font = TTFont(path)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.flavor = flavor
    font.save(path)


def trim_fontawesome(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    fonts_dir = outdir / FA_FONTS
    if not fonts_dir.is_dir():
        return
    fonts = sorted(p for p in fonts_dir.iterdir() if p.suffix in (".woff2", ".woff", ".ttf"))
    before = sum(p.stat().st_size for p in fonts)
    js = outdir / FA_JS
    js_size = js.stat().st_size if js.is_file() else 0

    for page in outdir.rglob("*.html"):
        if "_static" in page.relative_to(outdir).parts:
            continue
        text = page.read_text(encoding="utf-8")
        new = SCRIPT_TAG.sub("", text)
        if "fontawesome.js" in new:
            raise ExtensionError(f"{page}: could not remove the fontawesome.js script tag")
        if new != text:
            page.write_text(new, encoding="utf-8")
    for extra in (js, js.with_name(js.name + ".map")):
        if extra.is_file():
            extra.unlink()

    points, shown = used_codepoints(outdir)
    for font in fonts:
        _subset(font, points)
    after = sum(p.stat().st_size for p in fonts)
    logger.info(
        "Font Awesome: %d icons (%s); fontawesome.js (%d bytes) removed; webfonts %d -> %d bytes",
        len(points),
        ", ".join(shown),
        js_size,
        before,
        after,
    )
