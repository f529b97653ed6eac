"""The student edition: no solution survives, every exercise keeps its check call."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from chapter_structure import EXERCISE
from conftest import ROOT

from lrcourse.chapters import all_chapters

TOOL = ROOT / "tools" / "student_edition.py"


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    subprocess.run([sys.executable, str(TOOL), str(out)], check=True, capture_output=True)
    return out


def _sources(nb: dict) -> list[str]:
    return ["".join(c["source"]) for c in nb["cells"]]


def _solution_lines(nb: dict) -> set[str]:
    """Every line with some substance in the solution cells of a notebook."""
    lines = set()
    for cell in nb["cells"]:
        if "solution" in cell.get("metadata", {}).get("tags", []):
            for line in "".join(cell["source"]).splitlines():
                line = line.strip()
                # (the check call itself is part of the exercise's instructions)
                if len(line) > 12 and not line.startswith((":::", "exercises.check(")):
                    lines.add(line)
    return lines


@pytest.mark.parametrize("chapter", all_chapters(), ids=lambda c: c.prefix)
def test_nothing_of_any_solution_survives(edition, chapter):
    original = json.loads((ROOT / chapter.notebook).read_text(encoding="utf-8"))
    student = json.loads((edition / (ROOT / chapter.notebook).name).read_text(encoding="utf-8"))
    solution = _solution_lines(original)
    assert solution, "the chapter has no solution cells to remove"
    text = "\n".join(_sources(student))
    for line in solution:
        assert line not in text, line
    assert "solution-start" not in text and "solution-end" not in text
    assert all(c.get("outputs", []) == [] for c in student["cells"] if c["cell_type"] == "code")


@pytest.mark.parametrize("chapter", all_chapters(), ids=lambda c: c.prefix)
def test_every_exercise_keeps_its_check_call(edition, chapter):
    student = json.loads((edition / (ROOT / chapter.notebook).name).read_text(encoding="utf-8"))
    sources = _sources(student)
    labels = [m for s in sources for m in EXERCISE.findall(s)]
    assert sorted(labels) == sorted(chapter.exercises)
    for i, src in enumerate(sources):
        for ex_id in EXERCISE.findall(src):
            answer = sources[i + 1]
            assert answer.startswith("answer = ...")
            assert re.search(rf'exercises\.check\("{ex_id}", answer\)', answer)


def test_everything_else_is_kept(edition):
    for chapter in all_chapters():
        original = json.loads((ROOT / chapter.notebook).read_text(encoding="utf-8"))
        student = json.loads((edition / (ROOT / chapter.notebook).name).read_text(encoding="utf-8"))
        kept = [c for c in original["cells"]
                if "solution" not in c.get("metadata", {}).get("tags", [])]
        assert [c for c in student["cells"] if c.get("id", "").startswith("student-")] != []
        assert [c for c in student["cells"] if not c.get("id", "").startswith("student-")] == kept
