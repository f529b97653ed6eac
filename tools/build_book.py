#!/usr/bin/env python3
"""Build the HTML book: python3 tools/build_book.py

Creates ``.venv`` if needed, installs the book's dependencies, executes every
notebook and builds ``_build/html`` with warnings as errors. Needs only
Python >= 3.10 (MathJax is installed from PyPI and bundled into the site).
"""

from __future__ import annotations

import sys

from _env import ROOT, ensure_env, run, venv_bin


def main(argv: list[str]) -> None:
    ensure_env("book")
    cmd = [venv_bin("jupyter-book"), "build", ROOT, "-W", "-n", "--keep-going", *argv]
    print("Building the book (every notebook is executed) ...", flush=True)
    run(cmd)
    index = ROOT / "_build" / "html" / "index.html"
    print(f"\nThe book is built. Open it in a browser:\n  {index.as_uri()}")


if __name__ == "__main__":
    main(sys.argv[1:])
