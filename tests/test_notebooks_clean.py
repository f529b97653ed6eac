"""Notebooks are stored without outputs (the build and nbval execute them)."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        assert cell.get("outputs") == [], f"cell {i} has stored outputs"
        assert cell.get("execution_count") is None, f"cell {i} has an execution count"
    assert "widgets" not in nb.get("metadata", {}), "stored widget state"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_imports_lrcourse_and_defines_nothing_big(path):
    # Notebooks are thin: logic lives in lrcourse. No function or class
    # definitions in code cells.
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert any("lrcourse" in src for src in code)
    for src in code:
        for line in src.splitlines():
            assert not line.lstrip().startswith(("def ", "class ")), line
