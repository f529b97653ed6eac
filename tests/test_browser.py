"""The built book in a real browser (Debian's Chromium), served on 127.0.0.1.

Every page: loads with no console errors, no failed requests and no request
to another host, not even after a click on any of its buttons; math is
typeset; each static explorer's controls change the figure; solutions start
collapsed and open from their whole title bar; without JavaScript the default
figure shows.

The reader's view, on every page, at 1280 px and at 390 px: no code line,
output, formula or table is cut off or runs out of the column (code wraps;
tables fit at 1280 px and scroll with a sticky first column on a phone);
inline code has a contrast of at least 4.5:1 in light and dark mode; in dark
mode, figures sit on a light backing; axe-core (from the npm registry) finds
no serious or critical accessibility violation beyond the accepted theme ones
listed in ``ACCEPTED_AXE``.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from urllib.parse import urlparse

import pytest
from conftest import IN_CI, ROOT

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 390}
MODES = ("light", "dark")

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


def _content_pages(html_dir):
    """Every page but the root redirect (index.html only forwards to the intro)."""
    return [rel for rel in _page_paths(html_dir) if rel != "index.html"]


def _open(browser, url, *, javascript=True, width=1280, mode=None):
    ctx = browser.new_context(
        java_script_enabled=javascript, service_workers="block",
        viewport={"width": width, "height": 900},
    )
    if mode is not None:
        # pydata-sphinx-theme reads the reader's choice from localStorage.
        ctx.add_init_script(f"localStorage.setItem('mode', '{mode}');")
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
            img = ex.locator("img").first
            controls = ex.locator("[data-control]")
            assert controls.count() >= 1
            for j in range(controls.count()):
                control = controls.nth(j)
                # What the reader sees (the figure, the values under it),
                # compared as pixels: a figure may be an image or an image
                # with the moving parts drawn over it.
                before_pixels = ex.screenshot()
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
                page.wait_for_timeout(100)
                assert ex.screenshot() != before_pixels, f"{rel}: control {j}: the explorer looks the same"
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


def test_solution_opens_from_its_whole_title_bar(site, browser):
    """A click anywhere on the title, on its words too, opens the solution in place."""
    base, _ = site
    url = f"{base}/book/ch02_step_exponential.html"
    ctx, page, log = _open(browser, url)
    solutions = page.locator(".solution.dropdown")
    assert solutions.count() >= 4
    for i in range(solutions.count()):
        sol = solutions.nth(i)
        title = sol.locator(".admonition-title")
        body = sol.locator(".admonition-title ~ *").first
        assert title.locator("a[href]").count() == 0, f"solution {i}: the title is still a link"
        assert not body.is_visible()
        # The words of the title ("Exercise 1 (...)", once the link to the exercise).
        words = title.locator(".lrc-title-ref")
        target = words if words.count() else title
        target.scroll_into_view_if_needed()
        x, y = target.evaluate(
            "e => { const r = e.getClientRects()[0]; return [r.left + r.width / 2, r.top + r.height / 2]; }"
        )
        page.mouse.click(x, y)
        page.wait_for_timeout(350)
        assert body.is_visible(), f"solution {i}: a click on its title did not open it"
        assert page.url == url, f"solution {i}: the click navigated to {page.url}"
        assert title.locator("button.toggle-button").get_attribute("aria-expanded") == "true"
        # The empty right part of the bar closes it again.
        box = title.bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2)
        page.wait_for_timeout(350)
        assert not body.is_visible(), f"solution {i}: a second click did not close it"
    assert not any(log.values()), log
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


# -- the reader's view on every page -------------------------------------------

# Before measuring, show everything a reader can open: solutions, <details>,
# every tab of a tab set.
SHOW_EVERYTHING_JS = """() => {
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const style = document.createElement('style');
  style.textContent = '.sd-tab-set > .sd-tab-content { display: block !important; }';
  document.head.appendChild(style);
}"""

# Which elements of the article hide part of their content, scroll where they
# should not, or run out of the column; and whether the page scrolls sideways.
#   * a box that clips (overflow hidden/clip) whose visible content is wider:
#     "cut off";
#   * a box that scrolls: code must wrap instead ("code scrolls"); a table or
#     a formula must fit at desktop width, and on a phone a table may scroll
#     only with its first column sticky;
#   * content outside any clipping or scrolling box that extends past the
#     article column: "runs out of the column".
# Visually hidden helpers (MathJax's assistive MathML, .sr-only) are ignored.
OVERFLOW_JS = """(wide) => {
  const article = document.querySelector('article.bd-article')
    || document.querySelector('main') || document.body;
  const col = article.getBoundingClientRect();
  const SKIP = 'mjx-assistive-mml, .visually-hidden, .sr-only, .fa-sr-only, script, style, template';
  const problems = [];
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].slice(0, 3).join('.');
    const sec = el.closest('section[id]');
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 70);
    return s + (sec ? ` in #${sec.id}` : '') + (text ? `: "${text}"` : '');
  };
  const visible = (el) => el.checkVisibility({checkVisibilityCSS: true});
  const rectOf = (n) => {
    if (n.nodeType === Node.TEXT_NODE) {
      const r = document.createRange();
      r.selectNodeContents(n);
      return r.getBoundingClientRect();
    }
    return n.getBoundingClientRect();
  };
  const nodes = (root) => {
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(n) {
        if (n.nodeType === Node.TEXT_NODE) {
          return n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
        }
        if (n.matches(SKIP) || !visible(n)) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n);
    return out;
  };
  const ox = (el) => getComputedStyle(el).overflowX;

  // 1. Boxes that clip or scroll.
  for (const el of article.querySelectorAll('*')) {
    if (el.closest(SKIP) || !visible(el)) continue;
    const o = ox(el);
    if (o === 'visible' || el.scrollWidth <= el.clientWidth + 1) continue;
    const r = el.getBoundingClientRect();
    const inner = r.left + el.clientLeft + el.clientWidth;
    let right = -Infinity;
    for (const n of nodes(el)) {
      const nr = rectOf(n);
      if (nr.width > 0 && nr.height > 0) right = Math.max(right, nr.right);
    }
    const over = Math.round(right - inner);
    if (over <= 1) continue;
    const scrolls = o === 'auto' || o === 'scroll';
    const table = el.matches('table') ? el : el.querySelector('table');
    let kind = null;
    if (!scrolls) kind = 'cut off';
    else if (el.matches('pre') || el.querySelector('pre')) kind = 'code scrolls instead of wrapping';
    else if (table) {
      if (wide) kind = 'table wider than the column';
      else {
        const first = table.querySelector('tr > :is(th, td)');
        if (!first || getComputedStyle(first).position !== 'sticky') {
          kind = 'table scrolls without a sticky first column';
        }
      }
    } else if (el.matches('mjx-container, .math, .MathJax') || el.querySelector('mjx-container')) {
      if (wide) kind = 'formula wider than the column';
    } else kind = 'scrolls sideways';
    if (kind) problems.push(`${kind} (${over} px): ${describe(el)}`);
  }

  // 2. Content that runs out of the column with no box to clip or scroll it.
  const clipped = new Map();
  const insideClipper = (n) => {
    const el = n.nodeType === Node.TEXT_NODE ? n.parentElement : n.parentElement;
    if (!el || el === article || !article.contains(el)) return false;
    if (clipped.has(el)) return clipped.get(el);
    const v = ox(el) !== 'visible' || insideClipper(el);
    clipped.set(el, v);
    return v;
  };
  const reported = new Set();
  for (const n of nodes(article)) {
    if (insideClipper(n)) continue;
    const r = rectOf(n);
    if (r.width < 1 || r.height < 1) continue;
    if (r.right > col.right + 1 || r.left < col.left - 1) {
      const el = n.nodeType === Node.TEXT_NODE ? n.parentElement : n;
      if (reported.has(el.parentElement) || reported.has(el)) { reported.add(el); continue; }
      reported.add(el);
      const out = Math.round(Math.max(r.right - col.right, col.left - r.left));
      problems.push(`runs out of the column (${out} px): ${describe(el)}`);
    }
  }

  // 3. The page itself scrolls sideways.
  const doc = document.scrollingElement;
  if (doc.scrollWidth > doc.clientWidth + 1) {
    const culprits = [...document.body.querySelectorAll('*')].filter(e => {
      if (!e.parentElement || !visible(e)) return false;
      const r = e.getBoundingClientRect();
      const p = e.parentElement.getBoundingClientRect();
      return r.right > doc.clientWidth + 1 && p.right <= doc.clientWidth + 1;
    }).slice(0, 3).map(describe);
    problems.push(`page scrolls sideways (${doc.scrollWidth - doc.clientWidth} px): ${culprits.join('; ')}`);
  }
  return problems;
}"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_nothing_is_cut_off(site, browser, width):
    base, html_dir = site
    found = {}
    for rel in _content_pages(html_dir):
        ctx, page, log = _open(browser, f"{base}/{rel}", width=width)
        page.wait_for_timeout(300)
        page.evaluate(SHOW_EVERYTHING_JS)
        page.wait_for_timeout(200)
        problems = page.evaluate(OVERFLOW_JS, width >= 1000)
        if problems:
            found[rel] = problems
        ctx.close()
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


def test_wide_tables_scroll_with_their_first_column_in_view(site, browser):
    base, _ = site
    ctx, page, log = _open(browser, f"{base}/book/notation.html", width=WIDTHS["phone"])
    containers = page.locator(".pst-scrollable-table-container")
    scrolled = 0
    for i in range(containers.count()):
        box = containers.nth(i)
        if not box.evaluate("e => e.scrollWidth > e.clientWidth + 1"):
            continue
        first = box.locator("tbody tr").first.locator("td").first
        second = box.locator("tbody tr").first.locator("td").nth(1)
        before = first.bounding_box()["x"], second.bounding_box()["x"]
        distance = box.evaluate("e => { e.scrollLeft = e.scrollWidth; return e.scrollLeft; }")
        page.wait_for_timeout(100)
        after = first.bounding_box()["x"], second.bounding_box()["x"]
        assert distance > 0
        assert abs(after[0] - before[0]) < 3, f"table {i}: the first column moved"
        assert after[1] < before[1] - distance + 2, f"table {i}: did not scroll"
        scrolled += 1
    assert scrolled >= 1, "no table of the notation page scrolls at 390 px"
    assert not any(log.values()), log
    ctx.close()


# Contrast of text against what is really behind it (background colours of
# the element and its ancestors, composited), WCAG 2 relative luminance.
COLOUR_JS = """() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const backdrop = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const hex = (c) => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
  const describe = (el) => {
    const sec = el.closest('section[id]');
    const where = sec ? ' in #' + sec.id : '';
    return `${el.tagName.toLowerCase()}${where}: "${el.textContent.trim().slice(0, 50)}"`;
  };
  const visible = (el) => el.checkVisibility({checkVisibilityCSS: true});
  const article = document.querySelector('article.bd-article') || document.body;
  const text = [];
  for (const el of article.querySelectorAll('code, kbd, pre')) {
    if (!visible(el) || !el.textContent.trim() || (el.tagName === 'CODE' && el.closest('pre'))) continue;
    const bg = backdrop(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    const r = ratio(fg, bg);
    if (r < 4.5) text.push(`${r.toFixed(2)}:1 (${hex(fg)} on ${hex(bg)}) ${describe(el)}`);
  }
  const images = [];
  for (const img of article.querySelectorAll('img')) {
    if (!visible(img) || img.matches('.only-dark, .dark-light')) continue;
    const bg = backdrop(img);
    if (lum(bg) < 0.7) images.push(`backing ${hex(bg)}: ${img.getAttribute('alt') || img.src.slice(0, 60)}`);
  }
  return {text, images};
}"""


@pytest.mark.parametrize("mode", MODES)
def test_inline_code_and_figures_are_readable(site, browser, mode):
    base, html_dir = site
    low, dark_images = {}, {}
    for rel in _content_pages(html_dir):
        ctx, page, log = _open(browser, f"{base}/{rel}", mode=mode)
        page.wait_for_timeout(300)
        # The theme's script applies the stored mode after the load; on a busy
        # machine that can come after "networkidle", so wait for it (10 s at most).
        page.wait_for_function(
            f"document.documentElement.dataset.theme === '{mode}'", timeout=10000
        )
        page.evaluate(SHOW_EVERYTHING_JS)
        found = page.evaluate(COLOUR_JS)
        if found["text"]:
            low[rel] = found["text"]
        if mode == "dark" and found["images"]:
            dark_images[rel] = found["images"]
        ctx.close()
    assert low == {}, "code with a contrast under 4.5:1\n" + json.dumps(low, indent=1, ensure_ascii=False)
    assert dark_images == {}, "figures on a dark backing\n" + json.dumps(dark_images, indent=1)


# Buttons that a reader can press; window.print is stubbed (the PDF button).
BUTTONS_JS = """() => [...document.querySelectorAll('button, [role=button]')]
  .filter(b => b.checkVisibility({checkVisibilityCSS: true}) && !b.disabled)
  .map((b, i) => { b.dataset.lrcButton = String(i); return i; })"""


def test_no_button_loads_anything_from_another_host(site, browser):
    base, html_dir = site
    found = {}
    for rel in _content_pages(html_dir):
        url = f"{base}/{rel}"
        ctx, page, log = _open(browser, url)
        page.evaluate("window.print = () => {};")
        labels = []
        for i in page.evaluate(BUTTONS_JS):
            button = page.locator(f'[data-lrc-button="{i}"]')
            if not button.count() or not button.is_visible():
                continue
            labels.append(button.evaluate("b => (b.getAttribute('aria-label') || b.textContent).trim()"))
            button.click()
            page.wait_for_timeout(150)
            page.keyboard.press("Escape")
            if page.url.split("#")[0] != url:
                page.goto(url, wait_until="networkidle")
                page.evaluate("window.print = () => {};")
        page.wait_for_load_state("networkidle")
        assert labels, f"{rel}: no button clicked"
        assert not any("Live Code" in label for label in labels)
        if any(log.values()):
            found[rel] = {k: v for k, v in log.items() if v}
        ctx.close()
    assert found == {}


# -- accessibility: axe-core ---------------------------------------------------

AXE_VERSION = "4.14.1"
# npm installs it here (git-ignored build folder) the first time it is needed.
AXE_DIR = ROOT / "_build" / "test-tools"

# Serious or critical axe violations that come from the theme's own markup, not
# from the book: (rule id, part of the failing element's selector) -> reason.
ACCEPTED_AXE = {
    ("label-content-name-mismatch", ".search-button"): (
        "pydata-sphinx-theme's search button shows 'Search Ctrl+K' and is named "
        "aria-label='Search': the keyboard hint is not in its name (theme markup)."
    ),
}


@pytest.fixture(scope="module")
def axe_source() -> str:
    js = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    meta = js.with_name("package.json")
    if not (js.is_file() and json.loads(meta.read_text())["version"] == AXE_VERSION):
        npm = shutil.which("npm")
        if npm is None:
            msg = "npm not found: cannot install axe-core, the accessibility check was NOT run"
            if IN_CI:
                pytest.fail(msg)
            pytest.skip(msg)
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        cmd = [npm, "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund",
               "--prefix", str(AXE_DIR), f"axe-core@{AXE_VERSION}"]
        proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CI": "true"})
        if proc.returncode != 0 or not js.is_file():
            msg = f"npm could not install axe-core {AXE_VERSION}:\n{proc.stderr[-2000:]}"
            if IN_CI:
                pytest.fail(msg)
            pytest.skip(msg)
    return js.read_text(encoding="utf-8")


AXE_RUN_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
}"""


@pytest.mark.parametrize("mode", MODES)
def test_no_serious_accessibility_violation(site, browser, axe_source, mode):
    base, html_dir = site
    found = {}
    for rel in _content_pages(html_dir):
        ctx, page, log = _open(browser, f"{base}/{rel}", mode=mode)
        page.wait_for_timeout(300)
        page.add_script_tag(content=axe_source)
        for v in page.evaluate(AXE_RUN_JS):
            for node in v["nodes"]:
                if any(rule == v["id"] and part in node["target"] for rule, part in ACCEPTED_AXE):
                    continue
                summary = " ".join(node["summary"].split())[:300]
                found.setdefault(rel, []).append(f"[{v['impact']}] {v['id']} ({v['help']}): "
                                                 f"{node['target']}: {summary}")
        ctx.close()
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)
