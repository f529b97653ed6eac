"""What the built chapter pages contain: alt text, generated corners, exercise anchors."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT

from lrcourse.chapters import all_chapters

pytestmark = pytest.mark.build

CHAPTERS = all_chapters()


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def _page(built_book, chapter) -> str:
    assert built_book.returncode == 0, "the book did not build; see test_book_build"
    path = built_book.html / chapter.notebook.replace(".ipynb", ".html")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.prefix)
def test_every_figure_has_alt_text(built_book, chapter):
    parser = _Images()
    parser.feed(_page(built_book, chapter))
    # The theme's own images (launch-button logos) live in _static.
    figures = [img for img in parser.images if "_static/" not in img.get("src", "")]
    assert figures, "no figure on the page"
    for img in figures:
        alt = (img.get("alt") or "").strip()
        assert len(alt) > 20, f"image without a useful alt text: {str(img)[:200]}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.prefix)
def test_generated_corners_render_as_tabs(built_book, chapter):
    page = _page(built_book, chapter)
    nb = (ROOT / chapter.notebook).read_text(encoding="utf-8")
    shown = len(re.findall(r"ch\.\w+_corner\(", nb))
    boxes = page.count("Framework corner: ")
    assert boxes >= shown
    # A generated corner is a tab set, not raw MyST text.
    assert ":::{tab-item}" not in page and "{admonition}" not in page


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.prefix)
def test_every_exercise_id_is_an_anchor_of_the_page(built_book, chapter):
    page = _page(built_book, chapter)
    for ex_id in chapter.exercises:
        assert f'id="{ex_id}"' in page, ex_id
