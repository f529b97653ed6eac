#!/usr/bin/env python3
"""Write the student edition of the chapter notebooks: python3 tools/student_edition.py OUT

For every chapter notebook ``book/chNN_<slug>.ipynb`` this writes
``OUT/chNN_<slug>.ipynb`` with every solution removed: the cells from
``:::{solution-start}`` to ``:::{solution-end}`` (the cells tagged
``solution``) are dropped, and after each exercise comes an answer cell::

    answer = ...  # your answer
    exercises.check("<exercise id>", answer)

The rest of the notebook (text, figures, explorers) is unchanged. Needs only
Python >= 3.10: it reads and writes the notebooks as JSON.

``python3 tools/student_edition.py --nbgrader OUT`` writes the same edition as
an nbgrader *source* course instead, one assignment per chapter::

    OUT/nbgrader_config.py
    OUT/source/chNN_<slug>/chNN_<slug>.ipynb

There each exercise is followed by two cells: an answer cell (an nbgrader
"autograded answer" cell that holds the book's worked solution, ending in
``answer = ...``) and a locked test cell worth the exercise's points
(``exercises.catalog()[id]["points"]``)::

    exercises.grade("<exercise id>", answer)

``nbgrader generate_assignment`` replaces each worked solution with the
student edition's ``answer = ...  # your answer`` (set in
``nbgrader_config.py``). This mode imports lrcourse (for the points): run it
with the Python where lrcourse and nbgrader are installed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = re.compile(r"^:::+\{exercise\}[^\n]*\n:label: ([a-z0-9-]+)\s*$", re.M)
SOLUTION_START = re.compile(r"^:::+\{solution-start\}", re.M)
SOLUTION_END = re.compile(r"^:::+\{solution-end\}", re.M)
#: The first line of a student's answer cell (also nbgrader's ClearSolutions.code_stub).
ANSWER_STUB = "answer = ...  # your answer"


def _source(cell: dict) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def _solution_id(src: str) -> str | None:
    m = SOLUTION_START.search(src)
    if not m:
        return None
    label = re.match(r"\s*([a-z0-9-]+)", src[m.end():])
    return label.group(1) if label else None


def _answer_cell(ex_id: str, index: int) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": f"student-{index:02d}",
        "metadata": {"tags": ["answer"]},
        "outputs": [],
        "source": [ANSWER_STUB + "\n", f'exercises.check("{ex_id}", answer)'],
    }


def student_notebook(nb: dict, answer_cells=None) -> dict:
    """``nb`` without its solutions, with an answer cell after each exercise.

    ``answer_cells(ex_id, index, solution_code)``, if given, returns the
    cells to put after exercise ``ex_id`` instead of the answer cell;
    ``solution_code`` lists the sources of the code cells of its solution.

    Raises
    ------
    ValueError
        If a solution has no ``solution-end``.
    """
    cells, index = [], 0
    pending: list[str] = []  # ids of the exercises whose answer cells are not placed yet
    solutions: dict[str, list[str]] = {}
    inside: str | None = None  # id of the solution being skipped

    def place() -> None:
        nonlocal index
        for ex_id in pending:
            if answer_cells is None:
                cells.append(_answer_cell(ex_id, index))
            else:
                cells.extend(answer_cells(ex_id, index, solutions.get(ex_id, [])))
            index += 1
        pending.clear()

    for cell in nb["cells"]:
        src = _source(cell) if cell["cell_type"] == "markdown" else ""
        if inside is not None:
            if SOLUTION_END.search(src):
                inside = None
            elif cell["cell_type"] == "code":
                solutions.setdefault(inside, []).append(_source(cell))
            continue
        if SOLUTION_START.search(src):
            if not SOLUTION_END.search(src):
                inside = _solution_id(src) or ""
            continue
        if "solution" in cell.get("metadata", {}).get("tags", []):
            if cell["cell_type"] == "code" and pending:
                solutions.setdefault(pending[-1], []).append(_source(cell))
            continue
        place()
        cells.append(cell)
        pending.extend(EXERCISE.findall(src))
    if inside is not None:
        raise ValueError("a solution-start has no solution-end")
    place()
    return {**nb, "cells": cells}


# -- nbgrader -------------------------------------------------------------------------

NBGRADER_CONFIG = f"""\
# nbgrader configuration of the lrcourse course (written by tools/student_edition.py).
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "lrcourse"
# A handed-out answer cell reads as in the student edition.
c.ClearSolutions.code_stub = {{"python": {ANSWER_STUB!r}}}
"""


def _nbgrader_meta(grade_id: str, *, solution: bool, points: int | None = None) -> dict:
    meta = {"grade": points is not None, "grade_id": grade_id, "locked": not solution,
            "schema_version": 3, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def worked_answer(ex_id: str, solution_code: list[str]) -> str:
    """The code of an exercise's worked solution, ending with ``answer = ...``.

    The solution's ``exercises.check("<ex_id>", expr)`` line becomes
    ``answer = expr`` (dropped when ``expr`` is ``answer``); other check lines
    are dropped.

    Raises
    ------
    ValueError
        If no line of the solution is ``exercises.check("<ex_id>", ...)``.
    """
    call = re.compile(rf"""^exercises\.check\(\s*["']{re.escape(ex_id)}["']\s*,\s*(.+?)\s*\)\s*$""")
    lines, found = [], False
    for code in solution_code:
        for line in code.splitlines():
            m = call.match(line)
            if m:
                found = True
                if m.group(1) != "answer":
                    lines.append(f"answer = {m.group(1)}")
            elif not line.startswith("exercises.check("):
                lines.append(line)
    if not found:
        raise ValueError(
            f"the solution of exercise {ex_id!r} has no line "
            f'exercises.check("{ex_id}", <answer>) to turn into the answer'
        )
    return "\n".join(lines).strip("\n")


def nbgrader_notebook(nb: dict, points: dict[str, int]) -> dict:
    """The nbgrader source version of a chapter notebook.

    As :func:`student_notebook`, but after each exercise come an nbgrader
    answer cell (the worked solution between ``### BEGIN SOLUTION`` and
    ``### END SOLUTION``) and a locked test cell worth ``points[ex_id]``
    that calls ``exercises.grade(ex_id, answer)``.
    """

    def cells(ex_id: str, index: int, solution_code: list[str]) -> list[dict]:
        if ex_id not in points:
            raise ValueError(f"exercise {ex_id!r} is not in exercises.catalog()")
        code = worked_answer(ex_id, solution_code)
        answer = {
            "cell_type": "code", "execution_count": None, "id": f"answer-{index:02d}",
            "metadata": _nbgrader_meta(f"{ex_id}-answer", solution=True), "outputs": [],
            "source": f"### BEGIN SOLUTION\n{code}\n### END SOLUTION",
        }
        test = {
            "cell_type": "code", "execution_count": None, "id": f"grade-{index:02d}",
            "metadata": _nbgrader_meta(ex_id, solution=False, points=points[ex_id]), "outputs": [],
            "source": f'exercises.grade("{ex_id}", answer)',
        }
        return [answer, test]

    return student_notebook(nb, answer_cells=cells)


def write_nbgrader_course(out: Path, notebooks: list[Path]) -> list[Path]:
    """Write the nbgrader source course into ``out``; returns the notebooks written.

    ``out/nbgrader_config.py`` is written only if it does not exist yet.
    """
    sys.path.insert(0, str(ROOT))
    from lrcourse import exercises

    points = {ex_id: info["points"] for ex_id, info in exercises.catalog().items()}
    config = out / "nbgrader_config.py"
    if not config.exists():
        config.write_text(NBGRADER_CONFIG, encoding="utf-8")
    written = []
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        dest = out / "source" / path.stem / path.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        _write(dest, nbgrader_notebook(nb, points))
        written.append(dest)
    return written


def _write(path: Path, nb: dict) -> None:
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def chapter_notebooks() -> list[Path]:
    """The chapter notebooks of the book (``book/chNN_*.ipynb`` listed in ``_toc.yml``)."""
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    names = re.findall(r"file: book/(ch\d\d_[a-z0-9_]+)", toc)
    return [ROOT / "book" / f"{name}.ipynb" for name in names]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the student notebooks into")
    parser.add_argument("--nbgrader", action="store_true",
                        help="write an nbgrader source course (one assignment per chapter)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.nbgrader:
        for out in write_nbgrader_course(args.out, chapter_notebooks()):
            print(f"wrote {out}")
        return
    for path in chapter_notebooks():
        out = args.out / path.name
        _write(out, student_notebook(json.loads(path.read_text(encoding="utf-8"))))
        print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
