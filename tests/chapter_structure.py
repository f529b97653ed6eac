"""The chapter checklist of CONTRIBUTING.md, as a function over a notebook and its module.

:func:`problems` reads a chapter notebook (without running it) and returns a
list of what the chapter checklist says is missing or wrong. The tests run
it over every chapter in ``_toc.yml`` and over the chapter template.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

EXERCISE = re.compile(r"^:::+\{exercise\}[^\n]*\n:label: ([a-z0-9-]+)\s*$", re.M)
SOLUTION_START = re.compile(r"^:::+\{solution-start\} ([a-z0-9-]+)\s*\n:class: dropdown\s*$", re.M)
SOLUTION_END = re.compile(r"^:::+\{solution-end\}", re.M)
CHECK_CALL = re.compile(r"""exercises\.check\(\s*["']([^"']+)["']""")
CAREFUL = re.compile(r"^:::+\{admonition\} Careful: .+\n:class: warning", re.M)
GOALS = re.compile(r"^:::+\{admonition\} Learning goals\s*$", re.M)
BIBLIOGRAPHY = re.compile(r"^:::+\{bibliography\}\s*\n:filter: docname in docnames\s*$", re.M)


def _source(cell) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def _hidden(cell) -> bool:
    meta = cell.get("metadata", {}).get("jupyter", {})
    ok = bool(meta.get("source_hidden"))
    if cell["cell_type"] == "code":
        ok = ok and bool(meta.get("outputs_hidden"))
    return ok


def problems(notebook: Path, chapter, module: str | None = None) -> list[str]:
    """What ``notebook`` lacks against the chapter checklist ([] if nothing).

    ``chapter`` is the :class:`lrcourse.chapters.Chapter` of its module;
    ``module`` the module's name in ``lrcourse.chapters`` (default
    ``chNN_<slug>``).
    """
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cells = nb["cells"]
    md = [_source(c) for c in cells if c["cell_type"] == "markdown"]
    code = [_source(c) for c in cells if c["cell_type"] == "code"]
    out = []

    # Title, learning goals at the top, summary and references at the end.
    if not cells or cells[0]["cell_type"] != "markdown" or not md[0].startswith(
            f"# {chapter.title}\n"):
        out.append(f"the first cell must be the title '# {chapter.title}'")
    if not any(GOALS.search(s) for s in md[:2]):
        out.append("no 'Learning goals' admonition in the first two markdown cells")
    if not any(re.search(r"^## Summary\s*$", s, re.M) for s in md[-2:]):
        out.append("no '## Summary' section at the end")
    if not any(BIBLIOGRAPHY.search(s) for s in md[-2:]):
        out.append("no chapter reference list (a {bibliography} with "
                   "':filter: docname in docnames') at the end")

    # The chapter's module, imported as `ch`.
    module = f"lrcourse.chapters import {module or f'{chapter.prefix}_{chapter.slug}'} as ch"
    if not any(f"from {module}" in s for s in code):
        out.append(f"no code cell does 'from {module}'")

    # Explorers: at least one, and every registered one is shown.
    if not chapter.explorers:
        out.append("the chapter module registers no explorer")
    for name in chapter.explorers:
        if not any(re.search(rf"\bch\.{name}\(", s) for s in code):
            out.append(f"explorer {name!r} is registered but never shown")

    # At least one Careful box.
    if not any(CAREFUL.search(s) for s in md):
        out.append("no 'Careful: ...' admonition (class warning)")

    # Framework-corner code comes from lrcourse, never from a markdown cell.
    for s in md:
        if "Framework corner" in s and "```python" in s:
            out.append("a markdown 'Framework corner' contains code: generate it with a "
                       "corner of the chapter module (lrcourse.corner)")

    # Figures: only lrcourse figures and explorers (they carry alt text).
    for s in code:
        if re.search(r"\bpyplot\b|\bplt\.|IPython\.display\.Image|display\(Image", s):
            out.append("a code cell draws with pyplot or shows a raw image: use lrcourse.plotting "
                       "or an explorer, which give every figure its alt text")

    # Exercises: 4 to 6, ids registered, each with a collapsed solution that checks it.
    labels = [m for s in md for m in EXERCISE.findall(s)]
    if not 4 <= len(labels) <= 6:
        out.append(f"{len(labels)} exercises; a chapter has 4 to 6")
    registered = set(chapter.exercises)
    for label in labels:
        if label not in registered:
            out.append(f"exercise label {label!r} is not a registered exercise id")
    for ex_id in sorted(registered - set(labels)):
        out.append(f"registered exercise {ex_id!r} has no exercise in the notebook")
    if len(labels) != len(set(labels)):
        out.append("an exercise label is used twice")
    for s in code:
        for ex_id in CHECK_CALL.findall(s):
            if ex_id not in registered:
                out.append(f"a cell checks unknown exercise id {ex_id!r}")

    i = 0
    while i < len(cells):
        src = _source(cells[i])
        found = EXERCISE.findall(src) if cells[i]["cell_type"] == "markdown" else []
        if not found:
            i += 1
            continue
        label = found[0]
        nxt = _source(cells[i + 1]) if i + 1 < len(cells) else ""
        start = SOLUTION_START.search(nxt)
        if not start or start.group(1) != label:
            out.append(f"exercise {label!r} is not followed by its solution "
                       f"(':::{{solution-start}} {label}' with ':class: dropdown')")
            i += 1
            continue
        j = i + 1
        while j < len(cells) and not SOLUTION_END.search(_source(cells[j])):
            j += 1
        if j == len(cells):
            out.append(f"the solution of {label!r} has no solution-end")
            break
        block = cells[i + 1:j + 1]
        if not all(_hidden(c) for c in block):
            out.append(f"the solution of {label!r} is not collapsed in Jupyter (every cell from "
                       "solution-start to solution-end needs metadata jupyter.source_hidden, "
                       "code cells also jupyter.outputs_hidden)")
        if not any(c["cell_type"] == "code" and label in CHECK_CALL.findall(_source(c))
                   for c in block):
            out.append(f"the solution of {label!r} does not call exercises.check({label!r}, ...)")
        i = j + 1
    return out
