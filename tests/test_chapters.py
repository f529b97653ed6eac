"""Chapters: discovery, the chapter checklist over every chapter and the template, corners."""

from __future__ import annotations

import ast
import json
import re

import numpy as np
import pytest
from chapter_structure import problems
from conftest import ROOT

from lrcourse import exercises, explorers
from lrcourse.chapters import Chapter, _template, all_chapters, chapter_of
from lrcourse.corner import Call, Corner, Expr

TOC = (ROOT / "_toc.yml").read_text(encoding="utf-8")
TOC_CHAPTERS = re.findall(r"file: book/(ch\d\d_[a-z0-9_]+)", TOC)
TEMPLATE = ROOT / "templates" / "ch00_template.ipynb"
CHAPTERS = {f"{c.prefix}_{c.slug}": c for c in all_chapters()}


def test_every_toc_chapter_has_a_module_and_every_module_a_toc_entry():
    assert TOC_CHAPTERS, "no chapter in _toc.yml"
    assert set(TOC_CHAPTERS) == set(CHAPTERS)
    for name, chapter in CHAPTERS.items():
        assert (ROOT / chapter.notebook).is_file(), name


@pytest.mark.parametrize("name", TOC_CHAPTERS)
def test_chapter_follows_the_checklist(name):
    chapter = CHAPTERS[name]
    assert problems(ROOT / chapter.notebook, chapter) == []


def test_template_follows_the_checklist():
    assert problems(TEMPLATE, _template.CHAPTER, "_template") == []


def test_template_is_not_a_chapter_of_the_book():
    assert _template.CHAPTER.number == 0
    assert "ch00_template" not in CHAPTERS
    assert not set(_template.CHAPTER.exercises) & set(exercises.catalog())
    assert not set(_template.CHAPTER.explorers) & set(explorers.catalog())


def test_checklist_catches_what_is_missing(tmp_path):
    nb = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    # Drop the solution-ends and the Careful box, and check an unknown id.
    nb["cells"] = [c for c in nb["cells"]
                   if "solution-end" not in "".join(c["source"])
                   and "Careful" not in "".join(c["source"])]
    nb["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None,
                        "outputs": [], "source": 'exercises.check("ch00-nope", 1)'})
    path = tmp_path / "broken.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    found = "\n".join(problems(path, _template.CHAPTER, "_template"))
    assert "has no solution-end" in found
    assert "unknown exercise id 'ch00-nope'" in found
    assert "no 'Careful: ...' admonition" in found


def test_catalogs_are_the_union_of_the_chapters():
    assert set(explorers.catalog()) == {n for c in CHAPTERS.values() for n in c.explorers}
    assert set(exercises.catalog()) == {n for c in CHAPTERS.values() for n in c.exercises}
    for ex_id, info in exercises.catalog().items():
        assert ex_id.startswith(f"ch{info['chapter']:02d}-")


def test_chapter_of():
    assert chapter_of(2).slug == "step_exponential"
    with pytest.raises(ValueError, match=r"Argument `number` must be one of .*number=99"):
        chapter_of(99)


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"number": 100, "slug": "x", "title": "X"}, "Chapter number must be an int in 0..99"),
        ({"number": 3, "slug": "Bad-Slug", "title": "X"}, "Chapter slug must be lower-case"),
    ],
)
def test_chapter_rejects_bad_numbers_and_slugs(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        Chapter(**kwargs)


def test_exercise_ids_must_carry_the_chapter_prefix():
    chapter = Chapter(42, "scratch", "Scratch")
    with pytest.raises(ValueError, match=r"Exercise id must look like 'ch42-some-words'"):
        chapter.exercise(id="ex-1", title="t", answer="a", kind="number", reference=lambda: 1.0)


# -- framework corners of every chapter ------------------------------------------------------

ALL_CORNERS = [(name, key) for name, c in CHAPTERS.items() for key in c.corners]


@pytest.mark.parametrize(("name", "key"), ALL_CORNERS)
def test_corner_code_is_python_and_its_schedules_evaluate(name, key):
    corner = CHAPTERS[name].corners[key]()
    assert isinstance(corner, Corner) and corner.tabs
    for tab in corner.tabs:
        ast.parse(tab.text)  # valid Python, as shown to the reader
        assert tab.calls or tab.code, f"{key}: tab {tab.label} shows nothing"
    for call in corner.calls():
        lr = call.schedule(np.arange(300))
        assert np.all(np.isfinite(lr)) and np.all(lr >= 0), call.code
    md = corner._repr_markdown_()
    assert md.startswith(f":::::{{admonition}} Framework corner: {corner.title}")
    assert md.count("{tab-item}") == len(corner.tabs)
    assert "<pre><code>" in corner._repr_html_()


def test_call_code_matches_what_compat_evaluates():
    call = Call("torch", "ExponentialLR", {"lr": 0.1, "gamma": Expr("0.96 ** (1 / 1000)")})
    assert "gamma=0.96 ** (1 / 1000)" in call.code
    assert call.schedule(1000) == pytest.approx(0.1 * 0.96)
    tf = Call("tf", "piecewise_constant", {"boundaries": [10], "values": [0.1, 0.01]})
    assert tf.code.startswith("lr = tf.compat.v1.train.piecewise_constant(\n    x=global_step,")


def test_call_and_expr_errors():
    with pytest.raises(ValueError, match=r"Argument `framework` must be one of .*framework='jax'"):
        Call("jax", "x", {})
    with pytest.raises(ValueError, match=r"Argument `text` must be a Python expression"):
        _ = Expr("0.96 **").value
    with pytest.raises(TypeError, match="Cannot write"):
        _ = Call("optax", "constant_schedule", {"value": object()}).code
