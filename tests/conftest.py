"""Shared fixtures: the strictly built book and the browser.

Under CI (``CI=true``, as ``.ci/run`` sets it) a missing Chromium is a test
failure; on a learner's machine the browser tests are skipped with a message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Timing on a busy 2-core CI machine is not a property: no per-example deadline.
settings.register_profile("lrcourse", deadline=None, print_blob=True)
settings.load_profile("lrcourse")

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    env = os.environ.get("LRCOURSE_CHROMIUM")
    if env:
        return env
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    mac = Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
    return str(mac) if mac.exists() else None


class BuiltBook:
    def __init__(self, html: Path, log: str, returncode: int) -> None:
        self.html = html
        self.log = log
        self.returncode = returncode


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> BuiltBook:
    """Build the book exactly like the README command (``-W -n --keep-going``)."""
    out = tmp_path_factory.mktemp("book")
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(ROOT), "-W", "-n", "--keep-going", "--path-output", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    return BuiltBook(out / "_build" / "html", proc.stdout + proc.stderr, proc.returncode)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        msg = (
            "No Chromium found (install Debian's `chromium` package or set "
            "LRCOURSE_CHROMIUM): browser tests of the built book were NOT run."
        )
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    return path
