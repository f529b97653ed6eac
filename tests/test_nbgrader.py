"""Grading: exercises.grade, points, the nbgrader source course and its round trip.

The round trip (marker ``nbgrader``, opt-in: ``--run-nbgrader`` or ``--book``)
runs the commands that book/instructors.ipynb shows under "Grading with
nbgrader", in a temporary folder and offline, for every chapter: it writes the
source course, generates each assignment, autogrades three submissions,
generates the feedback and exports the grades.

- ``blank``: the student version as handed out (``answer = ...``): no points.
- ``right``: every answer cell holds the known-right answer of
  tests/test_chNN_*.py (``RIGHT``): every point.
- ``mixed``: the book's worked solutions, except the chapter's first exercise,
  answered wrong: every point but that exercise's, and the checker's message
  recorded for it.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_exercises import RIGHT

from lrcourse import exercises
from lrcourse.chapters import all_chapters
from lrcourse.exercises._core import Exercise, register

PAGE = ROOT / "book" / "instructors.ipynb"
EXAMPLE = "ch02_step_exponential"  # the assignment the page's commands name


def _tool():
    spec = importlib.util.spec_from_file_location("student_edition", ROOT / "tools" / "student_edition.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()


# -- exercises.grade and points ---------------------------------------------------------


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_grade_passes_a_right_answer_and_prints_it(ex_id, capsys):
    assert exercises.grade(ex_id, RIGHT[ex_id]) is None
    assert capsys.readouterr().out.startswith(f"Correct ({ex_id}): ")


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_grade_raises_assertion_error_with_the_message(ex_id, capsys):
    answer = RIGHT[ex_id]
    wrong = answer * 1.5 if isinstance(answer, float) else [x * 1.5 for x in answer]
    message = str(exercises.check(ex_id, wrong))
    with pytest.raises(AssertionError) as info:
        exercises.grade(ex_id, wrong)
    assert str(info.value) == message and message.startswith(f"Not yet ({ex_id}): ")
    assert capsys.readouterr().out == message + "\n"


def test_grade_keeps_the_errors_of_misuse():
    with pytest.raises(TypeError, match="expects a list.*ellipsis"):
        exercises.grade("ch02-step-decay-list", ...)
    with pytest.raises(KeyError, match="Unknown exercise id 'ch99'"):
        exercises.grade("ch99", 1.0)


def test_every_exercise_has_whole_points():
    for info in exercises.catalog().values():
        assert isinstance(info["points"], int) and info["points"] >= 1


@pytest.mark.parametrize("points", [0, -1, 1.5, True, "2"])
def test_bad_points_are_refused(points):
    ex = Exercise(id="test-bad-points", chapter=99, title="t", answer="a", kind="number",
                  reference=lambda: 1.0, points=points)
    with pytest.raises(ValueError, match=r"Argument `points` of exercise 'test-bad-points' must be "
                       rf"a whole number >= 1\. Received: points={re.escape(repr(points))}"):
        register(ex)
    assert "test-bad-points" not in exercises._core.REGISTRY


def test_overview_shows_points_and_their_total():
    table = exercises.overview()
    html = table._repr_html_()
    assert "<th>Points</th>" in html
    total = sum(info["points"] for info in exercises.catalog().values())
    assert table.points == total and f"<td>{total}</td></tr></tfoot>" in html


# -- the nbgrader source version of a notebook (no nbgrader needed) ---------------------


def _nbgrader_cells(nb: dict) -> list[tuple[dict, str]]:
    return [(c["metadata"]["nbgrader"], "".join(c["source"]))
            for c in nb["cells"] if "nbgrader" in c.get("metadata", {})]


@pytest.mark.parametrize("chapter", all_chapters(), ids=lambda c: c.prefix)
def test_source_notebook_has_an_answer_and_a_test_cell_per_exercise(chapter):
    nb = json.loads((ROOT / chapter.notebook).read_text(encoding="utf-8"))
    points = {k: v["points"] for k, v in exercises.catalog().items()}
    cells = _nbgrader_cells(TOOL.nbgrader_notebook(nb, points))
    assert len(cells) == 2 * len(chapter.exercises)
    for (answer, answer_src), (test, test_src) in zip(cells[::2], cells[1::2], strict=True):
        ex_id = test["grade_id"]
        assert ex_id in chapter.exercises
        assert answer == {"grade": False, "grade_id": f"{ex_id}-answer", "locked": False,
                          "schema_version": 3, "solution": True, "task": False}
        assert test == {"grade": True, "grade_id": ex_id, "locked": True, "points": points[ex_id],
                        "schema_version": 3, "solution": False, "task": False}
        assert test_src == f'exercises.grade("{ex_id}", answer)'
        lines = answer_src.splitlines()
        assert lines[0] == "### BEGIN SOLUTION" and lines[-1] == "### END SOLUTION"
        assert "exercises.check(" not in answer_src
        assert re.search(r"^answer = ", answer_src, re.M), answer_src


def test_worked_answer_turns_the_check_call_into_the_answer():
    code = ['x = 0.1 * 2\nprint(x)\nexercises.check("ch02-a", x)', 'exercises.check("ch02-b", 1)']
    assert TOOL.worked_answer("ch02-a", code) == "x = 0.1 * 2\nprint(x)\nanswer = x"
    assert TOOL.worked_answer("ch02-a", ['answer = [1]\nexercises.check("ch02-a", answer)']) == "answer = [1]"
    with pytest.raises(ValueError, match=r"exercise 'ch02-c' has no line exercises\.check\(\"ch02-c\""):
        TOOL.worked_answer("ch02-c", code)


# -- the commands of the instructor page ------------------------------------------------


def page_commands() -> list[str]:
    """The command lines of the bash block under "Grading with nbgrader" (comments left out)."""
    nb = json.loads(PAGE.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and re.search(r"^## Grading with nbgrader$", src, re.M):
            block = re.search(r"^```bash\n(.*?)^```", src, re.S | re.M).group(1)
            return [s for s in (line.strip() for line in block.splitlines())
                    if s and not s.startswith("#")]
    raise AssertionError(f"{PAGE.name} has no '## Grading with nbgrader' section")


def test_page_shows_the_whole_round_trip():
    commands = page_commands()
    assert commands[:2] == ["python3 tools/student_edition.py --nbgrader course", "cd course"]
    steps = [shlex.split(c)[1] for c in commands[2:]]
    assert steps == ["generate_assignment", "autograde", "generate_feedback", "export"]
    assert all(shlex.split(c)[0] == "nbgrader" for c in commands[2:])


def _run(argv: list[str], cwd: Path, env: dict) -> None:
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{shlex.join(argv)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}"


def _submit(course: Path, assignment: str) -> dict:
    """Write the three submissions of ``assignment``; returns the points each should get
    (and ``max``, and ``first``: the id of the exercise that ``mixed`` gets wrong)."""
    name = f"{assignment}.ipynb"
    release = json.loads((course / "release" / assignment / name).read_text(encoding="utf-8"))
    source = json.loads((course / "source" / assignment / name).read_text(encoding="utf-8"))
    points = {meta["grade_id"]: meta["points"] for meta, _ in _nbgrader_cells(source) if meta["grade"]}
    # Handed out, an answer cell reads as in the student edition.
    assert [src for meta, src in _nbgrader_cells(release) if meta["solution"]] == [
        TOOL.ANSWER_STUB] * len(points)
    first = next(iter(points))

    def filled(nb: dict, answers: dict[str, str]) -> dict:
        nb = json.loads(json.dumps(nb))
        for cell in nb["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            ex_id = meta.get("grade_id", "").removesuffix("-answer")
            if meta.get("solution") and ex_id in answers:
                cell["source"] = answers[ex_id]
        return nb

    answer = RIGHT[first]
    wrong = answer * 1.5 if isinstance(answer, float) else [x * 1.5 for x in answer]
    submissions = {
        "blank": release,
        "right": filled(release, {k: f"answer = {RIGHT[k]!r}" for k in points}),
        "mixed": filled(source, {first: f"answer = {wrong!r}"}),
    }
    for student, nb in submissions.items():
        dest = course / "submitted" / student / assignment / name
        dest.parent.mkdir(parents=True)
        dest.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    total = sum(points.values())
    return {"blank": 0, "right": total, "mixed": total - points[first], "max": total, "first": first}


@pytest.mark.nbgrader
def test_nbgrader_round_trip(tmp_path):
    """The page's commands, offline, on two chapters: full marks, zero, and the reason recorded."""
    venv_bin = str(Path(sys.executable).parent)
    env = dict(
        os.environ,
        # nbgrader runs `alembic` and starts kernels with the Python it runs on.
        PATH=venv_bin + os.pathsep + os.environ.get("PATH", ""),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        # No setting of the user's (a ~/.jupyter/nbgrader_config.py, a python3 kernel elsewhere).
        JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
        JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),
        JUPYTER_PLATFORM_DIRS="1",
    )
    cwd, course, expected = ROOT, tmp_path / "course", {}
    for line in page_commands():
        argv = [str(course) if arg == "course" else arg for arg in shlex.split(line)]
        if argv[0] == "cd":
            cwd = Path(argv[1])
            continue
        if argv[0] == "python3":
            argv[0] = sys.executable
        if EXAMPLE not in argv:
            _run(argv, cwd, env)
            if "--nbgrader" in argv:
                assignments = sorted(p.name for p in (course / "source").iterdir())
                assert assignments == sorted(p.stem for p in TOOL.chapter_notebooks())
            continue
        # Every chapter's source notebook is checked by the fast tests above;
        # the slow round trip (a kernel per submission) runs on the first and
        # the last chapter of the book, which is enough to catch a break.
        for assignment in sorted({assignments[0], assignments[-1]}):
            if argv[1] == "autograde":
                expected[assignment] = _submit(course, assignment)
            _run([assignment if arg == EXAMPLE else arg for arg in argv], cwd, env)

    with open(course / "grades.csv", newline="", encoding="utf-8") as f:
        grades = {(r["assignment"], r["student_id"]): r for r in csv.DictReader(f)}
    catalog = exercises.catalog()
    for assignment, want in expected.items():
        prefix = assignment.split("_")[0]
        chapter_points = sum(v["points"] for k, v in catalog.items() if k.startswith(prefix + "-"))
        assert want["max"] == chapter_points
        for student in ("blank", "right", "mixed"):
            row = grades[(assignment, student)]
            assert float(row["max_score"]) == chapter_points
            assert float(row["score"]) == want[student], (assignment, student, row)
        # The wrong answer's reason is in the graded notebook and the student's feedback.
        graded = json.loads((course / "autograded" / "mixed" / assignment / f"{assignment}.ipynb")
                            .read_text(encoding="utf-8"))
        cell = next(c for c in graded["cells"]
                    if c["metadata"].get("nbgrader", {}).get("grade_id") == want["first"])
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        assert errors and errors[0]["ename"] == "AssertionError"
        assert errors[0]["evalue"].startswith(f"Not yet ({want['first']}): ")
        feedback = (course / "feedback" / "mixed" / assignment / f"{assignment}.html").read_text(
            encoding="utf-8")
        assert "AssertionError" in feedback and f"Not yet ({want['first']})" in feedback
