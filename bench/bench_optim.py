"""Entry point: ``python bench/bench_optim.py`` prints lrcourse.optim timings."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cases_optim import run_optim_bench  # noqa: E402

if __name__ == "__main__":
    run_optim_bench()
