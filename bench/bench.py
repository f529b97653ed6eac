#!/usr/bin/env python3
"""Project benchmarks (not timed tests): python bench/bench.py [section ...]

Sections (default: all):

* ``explorers``: for every explorer in :func:`lrcourse.explorers.catalog`,
  the median and 95th-percentile ``.update()`` time along a random walk over
  its control grid (target: p95 <= 50 ms on a 2-core machine), the number of
  full (non-blitted) redraws on the way, the live widget's refresh time
  (update and PNG), and its static page: build time (wall and CPU), page
  weight and compressed payload (target: <= 1.5 MB per explorer).
* ``schedules``: for each schedule, the time to evaluate 10^6 steps next to
  the bare NumPy expression of the same formula (target: <= 2x; timed as
  ``compat`` is, see :func:`_timeit_pair`), and, when
  PyTorch is installed, PyTorch stepping its scheduler (target: >= 500x
  slower than lrcourse). Cases come from ``bench/cases_schedules.py``.
* ``compat``: every schedule that :mod:`lrcourse.compat` builds (one case per
  registered name) at 10^5 and 10^6 steps, given as integers (``np.arange``)
  and as floats, next to the bare NumPy expression of that framework's
  formula (target: <= 2x). Cases come from ``bench/cases_compat.py``.
* ``optim``: optimiser run times, from ``bench/cases_optim.py``.
* ``nn``: training-step times of :mod:`lrcourse.nn` for several network
  sizes and the stated runs of its data sets, from ``bench/cases_nn.py``.
"""

from __future__ import annotations

import math
import sys
import time
import timeit
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _timeit(fn, repeat=7):
    """Best per-call time over ``repeat`` rounds of enough calls to take ~0.2 s.

    The minimum is the least noisy estimate of what the code costs on an
    otherwise idle machine (the timeit module's own advice).
    """
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    number = max(1, number)
    return min(timer.repeat(repeat=repeat, number=number)) / number


def bench_explorers() -> None:
    """Per explorer: update() and live-widget refresh times, and its static page."""
    from lrcourse.explorers import catalog
    from lrcourse.explorers._static import decode_html

    walk = 300
    print(f"Explorers: .update() along a {walk}-move random walk over the control grid "
          "(one control per move), the live widget's refresh (update + PNG), the static page")
    print(f"{'explorer':18s} {'combos':>6s} {'update p50':>10s} {'p95 ms':>7s} {'full':>5s} "
          f"{'widget p95':>10s} {'static s':>8s} {'cpu s':>6s} {'page MB':>8s} {'payload MB':>10s}")
    for name, builder in catalog().items():
        ex = builder()
        grid = ex.controls
        n_combos = int(np.prod([len(v) for v in grid.values()]))
        rng = np.random.default_rng(0)
        ex.update()
        full_before = ex.full_redraws
        times, widget = [], []
        for i in range(walk):
            key = list(grid)[int(rng.integers(len(grid)))]
            options = [v for v in grid[key] if v != ex.values[key]]
            value = options[int(rng.integers(len(options)))]
            t0 = time.perf_counter()
            ex.update(**{key: value})
            t1 = time.perf_counter()
            times.append(t1 - t0)
            if i % 5 == 0:
                ex.render_png()
                widget.append(time.perf_counter() - t0)
        full = ex.full_redraws - full_before
        t0, c0 = time.perf_counter(), time.process_time()
        html = ex.static_html()
        static, cpu = time.perf_counter() - t0, time.process_time() - c0
        (page,) = decode_html(html)
        print(f"{name:18s} {n_combos:6d} {1e3 * np.median(times):10.1f} "
              f"{1e3 * np.percentile(times, 95):7.1f} {full:5d} "
              f"{1e3 * np.percentile(widget, 95):10.1f} {static:8.1f} {cpu:6.1f} "
              f"{len(html.encode()) / 1e6:8.3f} {page['payload_chars'] / 1e6:10.3f}")
    print()


def bench_schedules() -> None:
    try:
        from cases_schedules import CASES
    except ImportError as exc:  # pragma: no cover
        print(f"schedules: bench/cases_schedules.py not available ({exc})\n")
        return
    n = 10**6
    steps = np.arange(n, dtype=np.float64)
    print(f"Schedules: evaluate {n:,} steps (fastest call, CPU time, over 7 interleaved rounds)")
    print(f"{'schedule':40s} {'lrcourse ms':>12s} {'bare ms':>9s} {'ratio':>6s}")
    for label, sched, bare in CASES:
        a, b = _timeit_pair(lambda s=sched: s(steps), lambda f=bare: f(steps))
        print(f"{label:40s} {1e3 * a:12.2f} {1e3 * b:9.2f} {a / b:6.2f}")
    print()
    try:
        import torch  # noqa: F401
        from cases_schedules import TORCH_CASES
    except ImportError:
        print("PyTorch not installed: skipping the PyTorch stepping comparison.\n")
        return
    m = 20_000
    print(f"PyTorch stepping its scheduler ({m:,} steps, scaled to {n:,}) vs lrcourse")
    print(f"{'torch scheduler':20s} {'torch ms':>10s} {'lrcourse':18s} {'ms':>8s} {'speed-up':>9s}")
    by_label = {label: sched for label, sched, _ in CASES}
    for torch_label, label, make in TORCH_CASES:
        run = make()
        t_torch = _timeit(lambda r=run: r(m), repeat=3) * n / m
        t_ours = _timeit(lambda s=by_label[label]: s(steps))
        print(f"{torch_label:20s} {1e3 * t_torch:10.0f} {label:18s} {1e3 * t_ours:8.2f} "
              f"{t_torch / t_ours:8.0f}x")
    print()


def _timeit_pair(f, g, repeat=7, round_seconds=0.05):
    """Best single-call CPU times of ``f`` and ``g`` over ``repeat`` interleaved rounds.

    Each round calls ``f`` and ``g`` alternately, one timed call each, as
    many times as fit in about ``round_seconds`` of CPU time; the result is
    the fastest call of each over all rounds. The clock is this process's
    CPU time (``time.process_time``: user and system time, so page faults
    count, but not the time when other jobs of the shared 2-core machine
    hold the CPU). Alternating makes what is left of their disturbance
    (caches, memory bandwidth) hit both sides of a ratio.
    """
    clock = time.process_time
    f(), g()  # warm up (first-call allocations, imports)
    t0 = clock()
    f(), g()
    calls = max(3, int(round_seconds / max(clock() - t0, 1e-7)))
    best_f = best_g = math.inf
    for _ in range(repeat):
        for _ in range(calls):
            t0 = clock()
            f()
            t1 = clock()
            g()
            t2 = clock()
            best_f = min(best_f, t1 - t0)
            best_g = min(best_g, t2 - t1)
    return best_f, best_g


def bench_compat(sizes=(10**5, 10**6)) -> None:
    try:
        from cases_compat import cases
    except ImportError as exc:  # pragma: no cover
        print(f"compat: bench/cases_compat.py not available ({exc})\n")
        return
    import warnings

    print("Compat schedules: lrcourse.compat schedule(steps) vs the bare NumPy expression of "
          "the framework's formula (fastest call, CPU time, over 7 interleaved rounds; "
          "target ratio <= 2)")
    worst = []
    for n in sizes:
        ints = np.arange(n)
        floats = ints.astype(np.float64)
        print(f"\n{n:,} steps")
        print(f"{'schedule':46s} {'int: ms':>8s} {'bare ms':>8s} {'ratio':>6s}  "
              f"{'float: ms':>9s} {'bare ms':>8s} {'ratio':>6s}")
        for case in cases(n):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                sched = case.build()
            row = []
            for steps in (ints, floats):
                a, b = _timeit_pair(lambda s=sched, t=steps: s(t),
                                    lambda f=case.bare, t=steps: f(t))
                row.append((a, b))
                worst.append((a / b, n, steps.dtype.kind, case.label))
            (ai, bi), (af, bf) = row
            print(f"{case.label:46s} {1e3 * ai:8.3f} {1e3 * bi:8.3f} {ai / bi:6.2f}  "
                  f"{1e3 * af:9.3f} {1e3 * bf:8.3f} {af / bf:6.2f}")
    ratio, n, kind, label = max(worst)
    steps = "int" if kind == "i" else "float"
    print(f"\nLargest ratio: {ratio:.2f} ({label}, {n:,} {steps} steps)\n")


def bench_optim() -> None:
    try:
        from cases_optim import run_optim_bench
    except ImportError as exc:  # pragma: no cover
        print(f"optim: bench/cases_optim.py not available ({exc})\n")
        return
    run_optim_bench()


def bench_nn() -> None:
    try:
        from cases_nn import run_nn_bench
    except ImportError as exc:  # pragma: no cover
        print(f"nn: bench/cases_nn.py not available ({exc})\n")
        return
    run_nn_bench()
    print()


SECTIONS = {
    "explorers": bench_explorers,
    "schedules": bench_schedules,
    "compat": bench_compat,
    "optim": bench_optim,
    "nn": bench_nn,
}


def main(argv: list[str]) -> None:
    chosen = argv or list(SECTIONS)
    for name in chosen:
        if name not in SECTIONS:
            sys.exit(f"unknown section {name!r}; choose from {', '.join(SECTIONS)}")
        SECTIONS[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
