"""Time lrcourse schedules against bare NumPy (and PyTorch stepping, if available).

Usage: ``python bench/bench_schedules.py [n_steps] [repeats]``. Prints the
median time over ``repeats`` for ``schedule(steps)`` and for the bare NumPy
expression of the same formula, their ratio, and the largest difference.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cases_schedules import CASES, TORCH_CASES  # noqa: E402


def median_time(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10**6
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    steps = np.arange(n, dtype=np.float64)
    print(f"{n:,} steps, median of {repeats}")
    print(f"{'schedule':32s} {'lrcourse ms':>12s} {'bare ms':>9s} {'ratio':>6s} {'max |diff|':>11s}")
    lr_times = {}
    for label, sched, bare in CASES:
        t_s = median_time(lambda: sched(steps), repeats)  # noqa: B023
        t_b = median_time(lambda: bare(steps), repeats)  # noqa: B023
        diff = np.max(np.abs(sched(steps) - bare(steps)))
        lr_times[label] = t_s
        print(f"{label:32s} {t_s * 1e3:12.2f} {t_b * 1e3:9.2f} {t_s / t_b:6.2f} {diff:11.1e}")
    if TORCH_CASES:
        m = min(n, 20_000)
        print(f"\nPyTorch stepping ({m:,} steps, scaled to {n:,}) vs lrcourse")
        match = {"StepLR": "step_decay", "ExponentialLR": "exponential_decay",
                 "CosineAnnealingLR": "cosine_decay", "OneCycleLR": "one_cycle"}
        for label, make in TORCH_CASES:
            run = make()
            t_t = median_time(lambda: run(m), 3) * n / m  # noqa: B023
            ours = lr_times[match[label]]
            print(f"{label:32s} torch {t_t * 1e3:10.0f} ms   lrcourse {ours * 1e3:7.2f} ms   "
                  f"speed-up {t_t / ours:8.0f}x")


if __name__ == "__main__":
    main()
