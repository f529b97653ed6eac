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


def _source(cell: dict) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def _answer_cell(ex_id: str, index: int) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": f"student-{index:02d}",
        "metadata": {"tags": ["answer"]},
        "outputs": [],
        "source": ["answer = ...  # your answer\n", f'exercises.check("{ex_id}", answer)'],
    }


def student_notebook(nb: dict) -> dict:
    """``nb`` without its solutions, with an answer cell after each exercise.

    Raises
    ------
    ValueError
        If a solution has no ``solution-end``.
    """
    cells, inside, index = [], False, 0
    for cell in nb["cells"]:
        src = _source(cell) if cell["cell_type"] == "markdown" else ""
        if inside:
            if SOLUTION_END.search(src):
                inside = False
            continue
        if SOLUTION_START.search(src):
            inside = not SOLUTION_END.search(src)
            continue
        if "solution" in cell.get("metadata", {}).get("tags", []):
            continue
        cells.append(cell)
        for ex_id in EXERCISE.findall(src):
            cells.append(_answer_cell(ex_id, index))
            index += 1
    if inside:
        raise ValueError("a solution-start has no solution-end")
    return {**nb, "cells": cells}


def chapter_notebooks() -> list[Path]:
    """The chapter notebooks of the book (``book/chNN_*.ipynb`` listed in ``_toc.yml``)."""
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    names = re.findall(r"file: book/(ch\d\d_[a-z0-9_]+)", toc)
    return [ROOT / "book" / f"{name}.ipynb" for name in names]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the student notebooks into")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in chapter_notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        out = args.out / path.name
        out.write_text(json.dumps(student_notebook(nb), indent=1, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
