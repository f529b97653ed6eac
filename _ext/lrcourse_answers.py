"""Sphinx extension: an answer box after each exercise of the HTML book.

After each sphinx-exercise ``exercise`` (before its solution dropdown, so the
reader answers before opening the solution) the page gets a form: a labelled
text field, a "Check" button and a result region. Pressing "Check" gives the
verdict and message that :func:`lrcourse.exercises.check` gives for the same
numbers, with no kernel and no network: the build writes into the page what
:func:`lrcourse.exercises.page_data` computes (the reference, each known
mistake with its message, the tolerance) and the message templates once per
page; ``assets/lrcourse-answers.js`` matches the reader's answer against them.

The exercise's ``:label:`` is its lrcourse exercise id. An exercise whose
label is not in :func:`lrcourse.exercises.catalog` gets a build warning (the
strict build fails). An exercise whose kind the page cannot check gets a box
that says so and shows the ``exercises.check`` call to run in Jupyter.

Contract for tests (tests/test_answer_boxes.py): the form sits in a
container with ``data-exercise="<exercise id>"``; it has a ``<button>`` and
an ``aria-live`` result region; after a check the container carries
``data-passed="true"`` or ``"false"``.

The script and stylesheet are added only to pages that have an answer box.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

ASSETS = Path(__file__).resolve().parent / "assets"
ROOT = Path(__file__).resolve().parent.parent
JS = "lrcourse-answers.js"
CSS = "lrcourse-answers.css"
BOX_CLASS = "lrc-answer"

logger = logging.getLogger(__name__)

# Keys of lrcourse.exercises.page_data() that the page script reads.
PAGE_KEYS = ("id", "kind", "reference", "rtol", "atol", "step_label", "first_step",
             "positions", "hints")


def _lrcourse_exercises():
    """The book's own lrcourse (this repository), even if another copy is installed."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from lrcourse import exercises

    return exercises


def _script_json(value) -> str:
    """JSON that is safe inside an HTML <script> element."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _box_html(ex_id: str, data: dict | None, why_not: str = "") -> str:
    esc = html.escape
    eid = esc(ex_id)
    call = esc(f'exercises.check("{ex_id}", answer)')
    if data is None:
        return (
            f'<div class="{BOX_CLASS} {BOX_CLASS}-unchecked" data-exercise="{eid}">'
            f'<p class="{BOX_CLASS}-label">This answer cannot be checked in the page '
            f"({esc(why_not)}). Check it in Jupyter with <code>{call}</code>.</p></div>"
        )
    if data["kind"] == "number":
        what = "one number"
        field = (f'<input type="text" class="{BOX_CLASS}-input" id="{eid}-answer" '
                 f'autocomplete="off" autocapitalize="off" spellcheck="false" '
                 f'aria-describedby="{eid}-answer-help">')
        help_text = "For example 0.0123 or 1.23e-2. Press Enter or the Check button."
    else:
        n = len(data["reference"])
        what = f"{n} numbers"
        field = (f'<textarea class="{BOX_CLASS}-input" id="{eid}-answer" rows="2" '
                 f'autocomplete="off" autocapitalize="off" spellcheck="false" '
                 f'aria-describedby="{eid}-answer-help"></textarea>')
        help_text = ("Separate the numbers with commas, spaces or new lines; brackets are "
                     "optional; 2.5e-3 works. Ctrl+Enter or the Check button checks.")
    payload = {key: data[key] for key in PAGE_KEYS}
    return (
        f'<div class="{BOX_CLASS}" data-exercise="{eid}" role="group" '
        f'aria-labelledby="{eid}-answer-label">'
        f'<label class="{BOX_CLASS}-label" id="{eid}-answer-label" for="{eid}-answer">'
        f"Your answer ({what})</label>"
        f"{field}"
        f'<p class="{BOX_CLASS}-help" id="{eid}-answer-help">{esc(help_text)}</p>'
        f'<div class="{BOX_CLASS}-actions">'
        f'<button type="button" class="{BOX_CLASS}-check">Check</button>'
        f'<span class="{BOX_CLASS}-saved" hidden>\u2714 Solved before (remembered in this '
        f"browser)</span></div>"
        f'<div class="{BOX_CLASS}-result" role="status" aria-live="polite" hidden></div>'
        f'<noscript><p class="{BOX_CLASS}-help">Checking here needs JavaScript. In Jupyter: '
        f"<code>{call}</code></p></noscript>"
        f'<script type="application/json" class="{BOX_CLASS}-data">{_script_json(payload)}</script>'
        f"</div>"
    )


def _exercise_nodes(doctree):
    from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node

    return list(doctree.findall(lambda n: isinstance(n, exercise_node | exercise_enumerable_node)))


def add_answer_boxes(app: Sphinx, doctree, docname: str) -> None:
    """After each exercise of an HTML page, its answer box (raw HTML)."""
    if app.builder.format != "html":
        return
    found = _exercise_nodes(doctree)
    if not found:
        return
    exercises = _lrcourse_exercises()
    known = exercises.catalog()
    first = True
    for node in found:
        ex_id = node.get("label", "")
        if ex_id not in known:
            logger.warning(
                "exercise %r has no answer box: its label is not an exercise id of "
                "lrcourse.exercises.catalog() (register it in the chapter module)",
                ex_id, location=node, type="lrcourse", subtype="answers",
            )
            continue
        try:
            data, why_not = exercises.page_data(ex_id), ""
        except exercises.NotCheckableInPage:
            data, why_not = None, f"exercise kind {exercises.REGISTRY[ex_id].kind!r}"
        box = _box_html(ex_id, data, why_not)
        if first:
            from lrcourse.exercises._messages import MESSAGES as messages
            box = (f'<script type="application/json" id="lrc-answer-messages">'
                   f"{_script_json(messages)}</script>" + box)
            first = False
        parent = node.parent
        parent.insert(parent.index(node) + 1, nodes.raw("", box, format="html"))


def add_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The script and stylesheet, on the pages with an answer box only."""
    if f'class="{BOX_CLASS}' in (context.get("body") or ""):
        app.add_css_file(CSS, priority=900)
        app.add_js_file(JS, priority=900, defer="defer")


def _config_inited(app: Sphinx, config) -> None:
    if str(ASSETS) not in [str(p) for p in config.html_static_path]:
        config.html_static_path = [*config.html_static_path, str(ASSETS)]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _config_inited)
    app.connect("doctree-resolved", add_answer_boxes)
    # Before lrcourse_book checks every page's scripts (priority 900).
    app.connect("html-page-context", add_assets, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
