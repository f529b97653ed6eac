#!/usr/bin/env python3
"""Run the whole test suite: python3 tools/run_tests.py [pytest args]

Creates ``.venv`` if needed and installs lrcourse with its test
dependencies, then runs ``pytest --book``: unit and property tests,
doctests, reference values from TensorFlow/Keras/PyTorch/optax fixtures,
every notebook (nbval), the strict book build (which reuses nbval's
execution of the notebooks), the nbgrader round trip of the instructor
page and, where Debian's Chromium (or another
Chromium) is installed, browser tests of the built book. Under CI
(``CI=true``) a missing Chromium is a failure.

Plain ``pytest`` in the venv runs only the fast unit, property and doctest
suite; see ``pytest --help`` (group "lrcourse") for the opt-in switches.
"""

from __future__ import annotations

import sys

from _env import ROOT, ensure_env, run


def main(argv: list[str]) -> None:
    python = ensure_env("test")
    run([python, "-m", "pytest", "--book", *argv], cwd=ROOT)


if __name__ == "__main__":
    main(sys.argv[1:])
