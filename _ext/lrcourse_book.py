"""Sphinx extension for the lrcourse book: a site that needs no network.

* Vendors MathJax 3 (from the ``django-static-mathjax`` package on PyPI,
  pinned in ``pyproject.toml``) into ``_static/vendor/mathjax`` and points
  Sphinx's ``mathjax_path`` at it: math renders offline. Only what a page
  needs for TeX input with CHTML output is copied (the loader, the woff-v2
  fonts and the TeX extensions that ``autoload`` may request).
* Removes sphinx-thebe from every page (Jupyter Book always loads it; the
  book has no "Live Code" button, which would load thebe and a kernel from
  other hosts) and duplicated inline scripts.
* Drops the embedded ipywidgets state: the HTML book shows each explorer's
  static rendering, so no widget is ever rendered from that state.
* Writes ``favicon.ico`` at the site root: the redirect page
  ``index.html`` has no icon link, so a browser asks for ``/favicon.ico``
  and would log a 404.
* Fails the build if any page would load a script or stylesheet from
  another host.
* Marks each bibliography entry as a list item of its citation list
  (docutils uses a deprecated ARIA role there).
* Adds the book's own stylesheet and script (``_ext/assets``): code and
  outputs wrap instead of being cut off, tables fit (or scroll with their
  first column kept in view on a phone), solution dropdowns open from their
  whole title bar, inline code and figures are readable in dark mode.
* Registers the ``lrcourse`` pybtex style: author-year labels in the
  bibliography that match the ``{cite}`` text (``lrcourse_bib``).
* Replaces the theme's 1.5 MB ``fontawesome.js`` with Font Awesome webfonts
  subset to the icons the site shows (``lrcourse_icons``).
"""

from __future__ import annotations

import re
import shutil
import sys
from importlib import resources
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

if str(Path(__file__).resolve().parent) not in sys.path:  # Jupyter Book adds it; Sphinx alone may not
    sys.path.insert(0, str(Path(__file__).resolve().parent))
import lrcourse_bib  # noqa: E402
import lrcourse_icons  # noqa: E402

ASSETS = Path(__file__).resolve().parent / "assets"

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
    config.html_static_path = [*config.html_static_path, str(ASSETS)]


def _tell_lrcourse_the_book_is_building(app: Sphinx, config) -> None:
    """Set LRCOURSE_BOOK_BUILD=1 (lrcourse.explorers.BOOK_BUILD_ENV) for this process.

    The notebook kernels that the build starts inherit it, and only then does
    an explorer's display carry its static HTML rendering; in Jupyter, Binder
    and Colab it shows the live widget alone.
    """
    import os

    os.environ["LRCOURSE_BOOK_BUILD"] = "1"


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


THEBE_BODY = re.compile(
    r"""\s*<script type="text/x-thebe-config">.*?</script>|\s*<script>kernelName = '[^']*'</script>""",
    re.S,
)


def _page_context(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body:
        # docutils writes each citation as <div role="doc-biblioentry"> inside
        # <div role="list">: a deprecated role that a list may not contain
        # (axe: aria-required-children, critical). A list holds list items.
        body = body.replace('role="doc-biblioentry"', 'role="listitem"')
        # sphinx-thebe's per-page kernel configuration (nothing reads it).
        context["body"] = THEBE_BODY.sub("", body)
    scripts = context.get("script_files")
    if scripts:
        seen, unique = set(), []
        for js in scripts:
            attrs = getattr(js, "attributes", {})
            if attrs.get("type") == "application/vnd.jupyter.widget-state+json":
                continue
            if _is_thebe(_url(js), attrs):
                continue
            key = (_url(js), attrs.get("body", ""))
            if key in seen:
                continue
            seen.add(key)
            unique.append(js)
        context["script_files"] = unique
        for js in unique:
            _refuse_remote(pagename, _url(js))
    if "css_files" in context:
        context["css_files"] = [css for css in context["css_files"] if "sphinx-thebe" not in _url(css)]
    for css in context.get("css_files", []):
        _refuse_remote(pagename, _url(css))


def _is_thebe(url: str, attrs: dict) -> bool:
    """sphinx-thebe's script, its configuration and its CDN address.

    Jupyter Book always loads sphinx-thebe; with ``launch_buttons.thebe``
    off nothing uses it, but each page would still carry the address of
    thebe on a CDN and a script that can load it.
    """
    return (
        "sphinx-thebe" in url
        or attrs.get("type") == "text/x-thebe-config"
        or "THEBE_JS_URL" in attrs.get("body", "")
    )


def _remove_thebe_files(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for name in ("sphinx-thebe.js", "sphinx-thebe.css"):
        path = Path(app.outdir) / "_static" / name
        if path.is_file():
            path.unlink()


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
    lrcourse_bib.register()
    app.connect("config-inited", _config_inited)
    app.connect("config-inited", _tell_lrcourse_the_book_is_building)
    # Before sphinxcontrib-bibtex formats the bibliographies (priority 500).
    app.connect("env-updated", lrcourse_bib.env_updated, priority=400)
    app.add_css_file("lrcourse.css", priority=900)
    app.add_js_file("lrcourse.js", priority=900, defer="defer")
    app.connect("build-finished", lrcourse_icons.trim_fontawesome)
    app.connect("build-finished", _remove_thebe_files)
    app.connect("html-page-context", _page_context, priority=900)
    app.connect("build-finished", _copy_mathjax)
    app.connect("build-finished", _write_root_favicon)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
