"""The strict book build and what it produces (no browser needed)."""

from __future__ import annotations

import math
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


def test_no_notebook_is_executed_twice(built_book):
    # Notebooks nbval executed in this run come from the run's new cache;
    # the build executes the others itself (never an older execution).
    done = re.findall(
        re.escape(str(ROOT)) + r"/(\S+?\.ipynb): (Executing notebook|Using cached notebook)", built_book.log
    )
    executed = [nb for nb, how in done if how == "Executing notebook"]
    from_cache = [nb for nb, how in done if how == "Using cached notebook"]
    assert sorted(from_cache) == sorted(built_book.reused)
    assert not set(executed) & set(from_cache)
    assert len(set(executed)) == len(executed)
    assert built_book.not_reused == {}


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
        assert "Binder" in page and "Colab" in page, nb.name
        # No "Live Code": thebe would load itself and a kernel from other hosts.
        assert "Live Code" not in page and not THEBE.search(page), nb.name
        assert f"{nb.stem}.ipynb" in page, nb.name


# What thebe leaves in a page (its script, its config, its buttons). A plain
# case-insensitive "thebe" also matches inside base64 image data.
THEBE = re.compile(r"sphinx-thebe|thebe\.js|thebelab|THEBE_JS_URL|data-thebe|thebe-launch")


def test_no_page_carries_thebe(built_book):
    for page in _pages(built_book.html):
        assert not THEBE.search(page.read_text(encoding="utf-8")), page.name
    assert not list((built_book.html / "_static").glob("sphinx-thebe*"))


def test_icon_font_is_trimmed(built_book):
    # The theme's fontawesome.js (1.49 MB of SVG icons) is gone; the webfonts
    # keep only the icons that the site shows.
    static = built_book.html / "_static"
    assert not (static / "scripts" / "fontawesome.js").exists()
    for page in _pages(built_book.html):
        assert "fontawesome.js" not in page.read_text(encoding="utf-8"), page.name
    fonts = list((static / "vendor" / "fontawesome" / "webfonts").glob("*"))
    assert {f.suffix for f in fonts} >= {".woff2"}
    assert sum(f.stat().st_size for f in fonts) < 60_000


def test_static_explorers_are_in_the_pages(built_book):
    """Every explorer a chapter shows is in its page, with every grid combination."""
    from lrcourse.chapters import all_chapters
    from lrcourse.explorers._static import decode_html

    for chapter in all_chapters():
        path = built_book.html / chapter.notebook.replace(".ipynb", ".html")
        page = path.read_text(encoding="utf-8")
        found = decode_html(page)
        assert {d["explorer"] for d in found} == set(chapter.explorers), chapter.notebook
        for d in found:
            assert len(d["frames"]) == math.prod(c["n"] for c in d["header"]["controls"])
        assert '<input type="range"' in page or "<select" in page


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


# -- references ----------------------------------------------------------------

CITATION = re.compile(
    r'<div class="citation" id="([^"]+)"[^>]*>\s*<span class="label"><span class="fn-bracket">\[</span>'
    r'(.*?)<span class="fn-bracket">\]</span></span>(.*?)</div>',
    re.S,
)
CITE_LINK = re.compile(
    r'<a class="reference internal" href="([\w./-]*)#([^"]+)" title="[^"]*">(.*?)</a>', re.S
)
AUTHOR_YEAR = re.compile(r"^\S.*, (\d{4}|n\.d\.)[a-z]?$")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def _citations(page: Path) -> dict[str, tuple[str, str]]:
    """id -> (label, entry text) of every bibliography entry on a page."""
    html = page.read_text(encoding="utf-8")
    return {cid: (_text(label), entry) for cid, label, entry in CITATION.findall(html)}


def test_references_have_author_year_labels_and_no_latex(built_book):
    entries = _citations(built_book.html / "book" / "references.html")
    assert len(entries) >= 8
    for label, entry in entries.values():
        assert AUTHOR_YEAR.match(label), label
        text = _text(entry)
        assert "\\" not in text and "{" not in text and "}" not in text, text
    labels = [label for label, _ in entries.values()]
    assert len(set(labels)) == len(labels)


def test_citations_show_the_label_of_their_entry(built_book):
    # "{cite}`goyal2017accurate`" reads "Goyal et al., 2017", and so does the
    # label of the entry it links to (on its own page or on the references page).
    checked = 0
    for page in _pages(built_book.html):
        html = page.read_text(encoding="utf-8")
        for target_page, cid, text in CITE_LINK.findall(html):
            target = page if not target_page else (page.parent / target_page).resolve()
            entries = _citations(target)
            if cid not in entries:
                continue
            assert _text(text) == entries[cid][0], (page.name, cid)
            checked += 1
    assert checked >= 5


def test_framework_sources_link_to_the_cited_version(built_book):
    from pybtex.database import parse_file

    bib = parse_file(str(ROOT / "references.bib"))
    page = (built_book.html / "book" / "references.html").read_text(encoding="utf-8")
    sources = {key: e for key, e in bib.entries.items() if "source code" in e.fields.get("howpublished", "")}
    assert {"tf_lr_decay", "keras_lr_schedule", "torch_lr_scheduler", "optax_schedules"} <= set(sources)
    for key, entry in sources.items():
        version = re.search(r"(\d+\.\d+\.\d+) source code", entry.fields["howpublished"])
        assert version, f"{key}: give the exact version (X.Y.Z source code)"
        url = entry.fields.get("url", "")
        tag_url = rf"https://github\.com/[\w.-]+/[\w.-]+/blob/v{re.escape(version.group(1))}/\S+"
        assert re.fullmatch(tag_url, url), f"{key}: link the file at the cited version's tag, not {url!r}"
        assert f'href="{url}"' in page, key


def test_author_year_labels_are_the_same_in_every_bibliography():
    # A chapter's filtered bibliography and the full list label an entry
    # alike, so sphinxcontrib-bibtex never sees one label for two keys.
    import sys

    from pybtex.database import Entry, Person

    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        import lrcourse_bib
    finally:
        sys.path.remove(str(ROOT / "_ext"))

    def entry(key, authors, year, title):
        e = Entry("misc", fields={"year": year, "title": title})
        e.key = key
        e.persons["author"] = [Person(a) for a in authors]
        return e

    a = entry("a", ["Smith, Ann"], "2017", "Beta")
    b = entry("b", ["Smith, Ann"], "2017", "Alpha")
    c = entry("c", ["Smith, Ann", "Jones, Bob"], "2017", "Gamma")
    d = entry("d", ["Smith, Ann", "Jones, Bob", "Lee, Cy"], "2017", "Delta")
    lrcourse_bib.set_universe([a, b, c, d])
    style = lrcourse_bib.AuthorYearLabelStyle()
    assert list(style.format_labels([a])) == ["Smith, 2017b"]
    assert list(style.format_labels([b, a, c, d])) == [
        "Smith, 2017a", "Smith, 2017b", "Smith and Jones, 2017", "Smith et al., 2017",
    ]
    lrcourse_bib.set_universe([])
