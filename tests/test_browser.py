"""The built book in a real browser (Debian's Chromium), served on 127.0.0.1.

Every page: loads with no console errors, no failed requests and no request
to another host; math is typeset; each static explorer's controls change the
figure; solutions start collapsed; without JavaScript the default figure shows.
"""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(built_book):
    assert built_book.returncode == 0, "the book did not build; see test_book_build"
    handler = functools.partial(_QuietHandler, directory=str(built_book.html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", built_book.html
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(chromium_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page_paths(html_dir):
    return sorted(
        p.relative_to(html_dir).as_posix()
        for p in html_dir.rglob("*.html")
        if "_static" not in p.parts
    )


def _open(browser, url, *, javascript=True):
    ctx = browser.new_context(java_script_enabled=javascript, service_workers="block")
    page = ctx.new_page()
    log = {"console": [], "pageerror": [], "failed": [], "foreign": [], "bad_status": []}
    host = urlparse(url).netloc
    page.on("console", lambda m: m.type == "error" and log["console"].append(m.text))
    page.on("pageerror", lambda e: log["pageerror"].append(str(e)))
    page.on("requestfailed", lambda r: log["failed"].append(f"{r.url} {r.failure}"))

    def on_request(req):
        parsed = urlparse(req.url)
        if parsed.scheme in ("data", "blob", "about"):
            return
        if parsed.netloc != host:
            log["foreign"].append(req.url)

    page.on("request", on_request)
    page.on("response", lambda r: r.status >= 400 and log["bad_status"].append(f"{r.status} {r.url}"))
    page.goto(url, wait_until="networkidle")
    return ctx, page, log


def test_every_page_loads_cleanly(site, browser):
    base, html_dir = site
    pages = _page_paths(html_dir)
    assert len(pages) >= 4
    problems = {}
    for rel in pages:
        ctx, page, log = _open(browser, f"{base}/{rel}")
        page.wait_for_timeout(300)
        if any(log.values()):
            problems[rel] = {k: v for k, v in log.items() if v}
        ctx.close()
    assert problems == {}


@pytest.mark.parametrize("rel", ["book/notation.html", "book/ch02_step_exponential.html"])
def test_math_is_typeset(site, browser, rel):
    base, _ = site
    ctx, page, log = _open(browser, f"{base}/{rel}")
    page.wait_for_function("document.querySelectorAll('mjx-container').length > 0",
                           timeout=20000)
    page.wait_for_function(
        "() => !document.querySelector('.math') || "
        "[...document.querySelectorAll('.math')].every(e => e.querySelector('mjx-container'))",
        timeout=20000,
    )
    assert page.locator("mjx-merror").count() == 0
    # A typeset formula is rendered with glyphs, not raw TeX.
    text = page.locator(".math").first.inner_text()
    assert "\\frac" not in text and "\\eta" not in text
    assert not any(log.values()), log
    ctx.close()


def _explorer_pages(html_dir):
    return [rel for rel in _page_paths(html_dir)
            if "lrc-explorer" in (html_dir / rel).read_text(encoding="utf-8")]


def test_static_explorer_controls_change_the_figure(site, browser):
    base, html_dir = site
    rels = _explorer_pages(html_dir)
    assert rels, "no page with a static explorer"
    for rel in rels:
        ctx, page, log = _open(browser, f"{base}/{rel}")
        explorers = page.locator(".lrc-explorer")
        assert explorers.count() >= 1
        for i in range(explorers.count()):
            ex = explorers.nth(i)
            img = ex.locator("img")
            controls = ex.locator("[data-control]")
            assert controls.count() >= 1
            for j in range(controls.count()):
                control = controls.nth(j)
                before_src = img.get_attribute("src")
                before_frame = ex.get_attribute("data-frame")
                tag = control.evaluate("e => e.tagName")
                if tag == "SELECT":
                    n = control.locator("option").count()
                    current = int(control.input_value())
                    control.select_option(str((current + 1) % n))
                else:
                    assert control.get_attribute("type") == "range"
                    control.focus()
                    current = int(control.input_value())
                    key = "ArrowLeft" if current == int(control.get_attribute("max")) else "ArrowRight"
                    page.keyboard.press(key)
                after_frame = ex.get_attribute("data-frame")
                assert after_frame != before_frame, f"{rel}: control {j} did not change the frame"
                assert img.get_attribute("src") != before_src, f"{rel}: figure unchanged"
                assert img.evaluate("e => e.complete && e.naturalWidth > 0")
        assert not any(log.values()), log
        ctx.close()


def test_solutions_start_collapsed(site, browser):
    base, _ = site
    ctx, page, log = _open(browser, f"{base}/book/ch02_step_exponential.html")
    solutions = page.locator(".solution.dropdown")
    assert solutions.count() >= 4
    for i in range(solutions.count()):
        sol = solutions.nth(i)
        body = sol.locator(".admonition-title ~ *").first
        assert not body.is_visible(), f"solution {i} is open on load"
    first = solutions.first
    first.locator("button.toggle-button").click()
    page.wait_for_timeout(400)
    assert first.locator(".admonition-title ~ *").first.is_visible()
    ctx.close()


def test_default_figure_without_javascript(site, browser):
    base, html_dir = site
    for rel in _explorer_pages(html_dir):
        ctx = browser.new_context(java_script_enabled=False)
        page = ctx.new_page()
        page.goto(f"{base}/{rel}", wait_until="load")
        img = page.locator(".lrc-explorer img").first
        assert img.evaluate("e => e.complete && e.naturalWidth > 0")
        ctx.close()
