"""The answer boxes of the built book, in Chromium, with no kernel and no network.

For every exercise of ``exercises.catalog()`` (so new chapters are covered
with no change here): its page has one answer box (``data-exercise``, a
``<button>``, an ``aria-live`` result region) right after the exercise; the
right answer (the chapter test module's ``RIGHT``) gives
``data-passed="true"`` and ``check()``'s message; each typical wrong answer
(the exercise's hints), a random wrong answer and unreadable text give
``data-passed="false"`` and the message ``check()`` gives (or the page's own
message for text that is not a number list). The page makes no request to
another host and logs no error. Solved exercises are remembered in
localStorage and "Clear my progress on this page" forgets them. The box
works from the keyboard and fits a 390 px phone.

tests/test_answer_matching.py runs the same script under Node for many more
answers.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from test_browser import _open, browser, site  # noqa: F401 (fixtures)
from test_exercises import RIGHT

from lrcourse import exercises
from lrcourse.chapters import all_chapters
from lrcourse.exercises._messages import message

pytestmark = pytest.mark.browser

PAGE_OF = {
    ex_id: chapter.notebook.replace(".ipynb", ".html")
    for chapter in all_chapters() for ex_id in chapter.exercises
}
PAGES = sorted(set(PAGE_OF.values()))
PREFIX = {True: "\u2714 Correct: ", False: "\u2718 Not yet: "}


def _text(values) -> str:
    return ", ".join(repr(float(x)) for x in np.atleast_1d(np.asarray(values, dtype=np.float64)))


def _check(ex_id, values):
    ex = exercises.REGISTRY[ex_id]
    arr = np.atleast_1d(np.asarray(values, dtype=np.float64))
    answer = float(arr[0]) if ex.kind == "number" and arr.size == 1 else [float(x) for x in arr]
    return exercises.check(ex_id, answer)


def _press_check(page, ex_id, text):
    box = page.locator(f'[data-exercise="{ex_id}"]')
    box.locator(".lrc-answer-input").fill(text)
    box.locator("button.lrc-answer-check").click()
    result = box.locator("[aria-live]")
    return box.get_attribute("data-passed"), result.text_content()


def test_every_exercise_has_one_box_after_it_and_only_its_pages_load_the_script(built_book):
    assert built_book.returncode == 0, "the book did not build; see test_book_build"
    html = built_book.html
    for ex_id, rel in PAGE_OF.items():
        page = (html / rel).read_text(encoding="utf-8")
        assert page.count(f'data-exercise="{ex_id}"') == 1, ex_id
        # The box comes after the exercise and before its solution.
        exercise = page.index(f'id="{ex_id}"')
        box = page.index(f'data-exercise="{ex_id}"')
        solution = page.find('<div class="solution', exercise)
        assert exercise < box and (solution < 0 or box < solution), ex_id
    for path in html.rglob("*.html"):
        if "_static" in path.parts:
            continue
        page = path.read_text(encoding="utf-8")
        has_box = 'class="lrc-answer' in page
        loads = "lrcourse-answers.js" in page and "lrcourse-answers.css" in page
        assert has_box == loads, f"{path.relative_to(html)}: box {has_box}, script {loads}"
    assert (html / "_static" / "lrcourse-answers.js").is_file()


@pytest.mark.parametrize("rel", PAGES)
def test_right_and_typical_wrong_answers_get_the_verdict_of_check(site, browser, rel):  # noqa: F811
    base, _ = site
    ctx, page, log = _open(browser, f"{base}/{rel}")
    ids = [ex_id for ex_id, r in PAGE_OF.items() if r == rel]
    tried = 0
    for ex_id in ids:
        box = page.locator(f'[data-exercise="{ex_id}"]')
        assert box.count() == 1
        try:
            exercises.page_data(ex_id)
        except exercises.NotCheckableInPage:
            assert "cannot be checked in the page" in box.text_content()
            assert f'exercises.check("{ex_id}"' in box.text_content()
            continue
        assert box.locator("button").count() >= 1
        assert box.locator("[aria-live]").count() == 1
        # The field has a label.
        field_id = box.locator(".lrc-answer-input").get_attribute("id")
        assert box.locator(f'label[for="{field_id}"]').count() == 1

        right = RIGHT[ex_id]
        passed, text = _press_check(page, ex_id, _text(right))
        assert passed == "true", f"{ex_id}: the right answer failed: {text}"
        assert text == PREFIX[True] + _check(ex_id, right).message

        wrong = [h.expected() for h in exercises.REGISTRY[ex_id].hints]
        wrong.append(np.atleast_1d(np.asarray(right, dtype=np.float64)) * 1.5)
        assert len(wrong) >= 2, f"{ex_id}: no typical wrong answer (hint)"
        for values in wrong:
            result = _check(ex_id, values)
            passed, text = _press_check(page, ex_id, _text(values))
            assert passed == str(result.passed).lower(), (ex_id, text)
            assert text == PREFIX[result.passed] + result.message, ex_id
            tried += 1

        passed, text = _press_check(page, ex_id, "0.1x")
        assert passed == "false"
        assert text == PREFIX[False] + message("page_unreadable", token="0.1x")
    assert tried >= len(ids)
    assert not any(log.values()), log
    ctx.close()


def _a_sequence_and_a_number():
    seq = next(i for i, e in exercises.REGISTRY.items() if i in PAGE_OF and e.kind == "sequence")
    num = next((i for i, e in exercises.REGISTRY.items() if i in PAGE_OF and e.kind == "number"), None)
    return seq, num


def test_answers_can_be_typed_as_a_reader_writes_them(site, browser):  # noqa: F811
    base, _ = site
    seq, num = _a_sequence_and_a_number()
    ctx, page, log = _open(browser, f"{base}/{PAGE_OF[seq]}")
    values = [float(x) for x in RIGHT[seq]]
    for text in (
        "[" + ", ".join(repr(x) for x in values) + "]",
        "\n".join(repr(x) for x in values),
        " ".join(f"{x:.6e}" for x in values),
        "  ".join(f"{x:.6g}" for x in values),
    ):
        passed, result = _press_check(page, seq, text)
        assert passed == "true", (text, result)
    ctx.close()
    if num is not None:
        ctx, page, log = _open(browser, f"{base}/{PAGE_OF[num]}")
        x = float(RIGHT[num])
        for text in (repr(x), f"[{x!r}]", f"{x:.6e}", f"{x * 10:.6g}\u00d710^-1"):
            passed, result = _press_check(page, num, text)
            assert passed == "true", (text, result)
        passed, result = _press_check(page, num, f"{-x!r}".replace("-", "\u2212"))
        assert result == PREFIX[False] + _check(num, -x).message
        ctx.close()
    assert not any(log.values()), log


def test_the_box_works_from_the_keyboard(site, browser):  # noqa: F811
    base, _ = site
    seq, num = _a_sequence_and_a_number()
    ctx, page, log = _open(browser, f"{base}/{PAGE_OF[seq]}")
    box = page.locator(f'[data-exercise="{seq}"]')
    field = box.locator(".lrc-answer-input")
    field.focus()
    page.keyboard.insert_text(_text(RIGHT[seq]))
    page.keyboard.press("Control+Enter")
    assert box.get_attribute("data-passed") == "true"
    # Tab leads from the field to the Check button, which shows its focus.
    field.focus()
    page.keyboard.press("Tab")
    button = box.locator("button.lrc-answer-check")
    assert button.evaluate("b => b === document.activeElement")
    assert button.evaluate("b => getComputedStyle(b).outlineStyle") != "none"
    field.fill("0.5")
    button.focus()
    page.keyboard.press("Enter")
    assert box.get_attribute("data-passed") == "false"
    ctx.close()
    if num is not None:
        ctx, page, log = _open(browser, f"{base}/{PAGE_OF[num]}")
        box = page.locator(f'[data-exercise="{num}"]')
        box.locator(".lrc-answer-input").focus()
        page.keyboard.insert_text(repr(float(RIGHT[num])))
        page.keyboard.press("Enter")
        assert box.get_attribute("data-passed") == "true"
        ctx.close()


STORED_JS = "() => Object.keys(localStorage).filter(k => k.startsWith('lrcourse.solved.'))"


def test_progress_is_remembered_and_cleared(site, browser):  # noqa: F811
    base, _ = site
    seq, _num = _a_sequence_and_a_number()
    rel = PAGE_OF[seq]
    ctx, page, log = _open(browser, f"{base}/{rel}")
    n_here = sum(r == rel for r in PAGE_OF.values())
    status = page.locator(".lrc-answer-progress [role=status]")
    assert status.text_content().startswith(f"Solved on this page: 0 of {n_here}")
    passed, _ = _press_check(page, seq, _text(RIGHT[seq]))
    assert passed == "true"
    assert page.evaluate(STORED_JS) == [f"lrcourse.solved.{seq}"]
    assert status.text_content().startswith(f"Solved on this page: 1 of {n_here}")
    # A wrong answer does not store anything.
    other = next(i for i, r in PAGE_OF.items() if r == rel and i != seq)
    assert _press_check(page, other, "1e9")[0] == "false"
    assert page.evaluate(STORED_JS) == [f"lrcourse.solved.{seq}"]

    page.reload(wait_until="networkidle")
    box = page.locator(f'[data-exercise="{seq}"]')
    assert box.get_attribute("data-solved") == "true"
    assert box.locator(".lrc-answer-saved").is_visible()
    assert box.locator(".lrc-answer-input").input_value() == _text(RIGHT[seq])
    assert status.text_content().startswith(f"Solved on this page: 1 of {n_here}")

    page.locator("button.lrc-answer-clear").click()
    assert page.evaluate(STORED_JS) == []
    assert box.get_attribute("data-solved") is None
    assert not box.locator(".lrc-answer-saved").is_visible()
    assert "cleared" in status.text_content()
    page.reload(wait_until="networkidle")
    assert box.get_attribute("data-solved") is None
    assert box.locator(".lrc-answer-input").input_value() == ""
    assert not any(log.values()), log
    ctx.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_box_fits_a_phone_and_reads_in_both_modes(site, browser, mode):  # noqa: F811
    base, _ = site
    seq, _num = _a_sequence_and_a_number()
    ctx, page, log = _open(browser, f"{base}/{PAGE_OF[seq]}", width=390, mode=mode)
    box = page.locator(f'[data-exercise="{seq}"]')
    box.scroll_into_view_if_needed()
    _press_check(page, seq, "0.1, 0.2")
    article = page.locator("article.bd-article").bounding_box()
    for part in (box, box.locator(".lrc-answer-input"), box.locator("button.lrc-answer-check"),
                 box.locator("[aria-live]")):
        r = part.bounding_box()
        assert r["x"] >= article["x"] - 1 and r["x"] + r["width"] <= article["x"] + article["width"] + 1
    # Text and its background differ clearly (WCAG contrast of at least 4.5:1).
    ratio = box.locator("[aria-live]").evaluate(CONTRAST_JS)
    assert ratio >= 4.5, ratio
    ratio = box.locator("button.lrc-answer-check").evaluate(CONTRAST_JS)
    assert ratio >= 4.5, ratio
    assert not any(log.values()), log
    ctx.close()


CONTRAST_JS = """(el) => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  let bg = null;
  for (let e = el; e && !bg; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] === 1)) bg = c;
  }
  bg = bg || [255, 255, 255];
  const fg = parse(getComputedStyle(el).color);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const [a, b] = [lum(fg), lum(bg)].sort((p, q) => q - p);
  return (a + 0.05) / (b + 0.05);
}"""


def test_no_exercise_is_left_out():
    """Every exercise of the catalog is on a page (so the tests above cover it)."""
    assert set(PAGE_OF) == set(exercises.catalog()) == set(RIGHT)
    assert all(re.fullmatch(r"book/ch\d\d_\w+\.html", rel) for rel in PAGES)
