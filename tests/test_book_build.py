"""The strict book build and what it produces (no browser needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.build

PAGE_BUDGET = 3 * 1024 * 1024
SITE_BUDGET = 40 * 1024 * 1024


def test_build_passes_with_zero_warnings(built_book):
    assert built_book.returncode == 0, built_book.log[-4000:]
    warnings = [ln for ln in built_book.log.splitlines() if "WARNING" in ln and "Kernel is" not in ln]
    assert warnings == []
    assert (built_book.html / "index.html").is_file()


def _pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)


def test_every_toc_entry_is_built(built_book):
    toc = (ROOT / "_toc.yml").read_text()
    for name in re.findall(r"file: (\S+)|root: (\S+)", toc):
        doc = next(n for n in name if n)
        assert (built_book.html / f"{doc}.html").is_file(), doc


def test_size_budgets(built_book):
    for page in _pages(built_book.html):
        assert page.stat().st_size <= PAGE_BUDGET, f"{page.name} is over 3 MB"
    total = sum(p.stat().st_size for p in built_book.html.rglob("*") if p.is_file())
    assert total <= SITE_BUDGET, f"site is {total / 1e6:.1f} MB"


REMOTE_ASSET = re.compile(
    r"""<(?:script|img|iframe|audio|video|source)\b[^>]*\bsrc=["'](?:https?:)?//"""
    r"""|<link\b[^>]*\bhref=["'](?:https?:)?//[^"']*["'][^>]*rel=["']?stylesheet"""
    r"""|<link\b[^>]*rel=["']?stylesheet["']?[^>]*\bhref=["'](?:https?:)?//""",
    re.I,
)


def test_no_page_loads_assets_from_another_host(built_book):
    for page in _pages(built_book.html):
        text = page.read_text(encoding="utf-8")
        match = REMOTE_ASSET.search(text)
        assert match is None, f"{page.name}: {match.group(0)[:200]}"


def test_mathjax_is_vendored(built_book):
    mj = built_book.html / "_static" / "vendor" / "mathjax"
    assert (mj / "tex-chtml.js").is_file()
    fonts = list((mj / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    assert len(fonts) >= 20
    page = (built_book.html / "book" / "notation.html").read_text(encoding="utf-8")
    assert 'src="../_static/vendor/mathjax/tex-chtml.js"' in page


def test_no_embedded_widget_state(built_book):
    # The static explorers need no widget JavaScript and no widget state.
    for page in _pages(built_book.html):
        text = page.read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget-state+json" not in text, page.name
        assert text.count("const THEBE_JS_URL") <= 1, page.name


def test_notebook_pages_have_launch_and_download_buttons(built_book):
    for nb in sorted((ROOT / "book").glob("*.ipynb")):
        page = (built_book.html / "book" / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert "Binder" in page and "Colab" in page and "Live Code" in page, nb.name
        assert f"{nb.stem}.ipynb" in page, nb.name


def test_static_explorers_are_in_the_pages(built_book):
    page = (built_book.html / "book" / "ch02_step_exponential.html").read_text(encoding="utf-8")
    blobs = re.findall(r'<script type="application/json" class="lrc-frames">(.*?)</script>', page)
    assert blobs, "no static explorer on the chapter 2 page"
    data = json.loads(blobs[0])
    n_frames = 1
    for c in data["controls"]:
        n_frames *= len(c["labels"])
    assert len(data["frames"]) == n_frames
    assert '<input type="range"' in page and "<select" in page


def test_solutions_are_dropdowns(built_book):
    page = (built_book.html / "book" / "ch02_step_exponential.html").read_text(encoding="utf-8")
    exercises = page.count('class="exercise admonition"')
    solutions = page.count('class="solution dropdown admonition"')
    assert exercises >= 4
    assert solutions == exercises


def test_site_root_has_a_favicon(built_book):
    # The redirect page index.html has no icon link: browsers fetch /favicon.ico.
    ico = built_book.html / "favicon.ico"
    assert ico.is_file()
    assert ico.read_bytes()[:4] == b"\x00\x00\x01\x00"  # ICO header
