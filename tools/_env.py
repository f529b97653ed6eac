"""Create and fill the project's virtual environment (used by the two README commands)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("LRCOURSE_VENV", ROOT / ".venv"))

if sys.version_info < (3, 10):
    sys.exit(f"lrcourse needs Python >= 3.10; this is {sys.version.split()[0]}.")


def venv_bin(name: str) -> Path:
    sub = "Scripts" if os.name == "nt" else "bin"
    return VENV / sub / name


def ensure_env(extra: str) -> Path:
    """Make ``.venv`` (if missing) and install ``lrcourse[extra]`` into it.

    The install is skipped when ``pyproject.toml`` has not changed since the
    last successful install of the same extra. Returns the venv's python.
    """
    python = venv_bin("python")
    if not python.exists():
        print(f"Creating the virtual environment {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()
    stamp = VENV / f".lrcourse-{extra}.stamp"
    if stamp.exists() and stamp.read_text() == digest:
        return python
    print(f"Installing lrcourse[{extra}] and its dependencies into {VENV} ...", flush=True)
    run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([python, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[{extra}]"])
    stamp.write_text(digest)
    return python


def run(cmd, **kw) -> None:
    result = subprocess.run([str(c) for c in cmd], **kw)
    if result.returncode != 0:
        sys.exit(result.returncode)
