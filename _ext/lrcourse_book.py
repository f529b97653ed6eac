"""Sphinx extension for the lrcourse book: a site that needs no network.

* Vendors MathJax 3 (from the ``django-static-mathjax`` package on PyPI,
  pinned in ``pyproject.toml``) into ``_static/vendor/mathjax`` and points
  Sphinx's ``mathjax_path`` at it: math renders offline. Only what a page
  needs for TeX input with CHTML output is copied (the loader, the woff-v2
  fonts and the TeX extensions that ``autoload`` may request).
* Removes duplicated inline scripts (sphinx-thebe registers its
  configuration once per read phase; a second ``const THEBE_JS_URL`` is a
  console error).
* Drops the embedded ipywidgets state: the HTML book shows each explorer's
  static rendering, so no widget is ever rendered from that state.
* Writes ``favicon.ico`` at the site root: the redirect page
  ``index.html`` has no icon link, so a browser asks for ``/favicon.ico``
  and would log a 404.
* Fails the build if any page would load a script or stylesheet from
  another host.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

MATHJAX_REL = "vendor/mathjax"
# What TeX input + CHTML output needs at view time (relative to MathJax's es5/).
MATHJAX_PARTS = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions")


def _mathjax_source() -> Path:
    root = resources.files("mathjax") / "static" / "mathjax" / "es5"
    path = Path(str(root))
    if not (path / "tex-chtml.js").is_file():
        raise ExtensionError(
            "MathJax files not found: install the book dependencies with "
            "`pip install -e .[book]` (package django-static-mathjax)."
        )
    return path


def _config_inited(app: Sphinx, config) -> None:
    _mathjax_source()  # fail early with a clear message
    # Relative to _static; Sphinx turns it into a per-page relative URL.
    config.mathjax_path = f"{MATHJAX_REL}/tex-chtml.js"


def _copy_mathjax(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    src = _mathjax_source()
    dest = Path(app.outdir) / "_static" / MATHJAX_REL
    for part in MATHJAX_PARTS:
        s, d = src / part, dest / part
        if s.is_dir():
            shutil.copytree(s, d, dirs_exist_ok=True)
        else:
            d.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(s, d)


def _write_root_favicon(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.html_favicon:
        return
    from PIL import Image

    src = Path(app.confdir) / app.config.html_favicon
    with Image.open(src) as img:
        img.save(Path(app.outdir) / "favicon.ico", sizes=[(32, 32)])


def _page_context(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if scripts:
        seen, unique = set(), []
        for js in scripts:
            attrs = getattr(js, "attributes", {})
            if attrs.get("type") == "application/vnd.jupyter.widget-state+json":
                continue
            key = (_url(js), attrs.get("body", ""))
            if key in seen:
                continue
            seen.add(key)
            unique.append(js)
        context["script_files"] = unique
        for js in unique:
            _refuse_remote(pagename, _url(js))
    for css in context.get("css_files", []):
        _refuse_remote(pagename, _url(css))


def _url(asset) -> str:
    """The file name or URL of a Sphinx script/stylesheet entry ('' for inline)."""
    name = getattr(asset, "filename", asset)
    return "" if name is None else str(name)


def _refuse_remote(pagename: str, url: str) -> None:
    if url.startswith(("http://", "https://", "//")):
        raise ExtensionError(
            f"Page {pagename!r} would load {url} from another host; the book must work offline."
        )


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context, priority=900)
    app.connect("build-finished", _copy_mathjax)
    app.connect("build-finished", _write_root_favicon)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
