"""Timing cases for lrcourse.optim (run ``python bench/bench.py optim``).

Two measurements:

* for each optimiser, the time for ``run`` to do 1000 steps in 2-D on a
  quadratic (median over repeats);
* one explorer-sized run: 1000 steps in 1-D on the rippled bowl
  (median and 95th percentile over repeats), the work one slider move of
  the 1-D optimiser lab does. Budget: p95 <= 50 ms.
"""

from __future__ import annotations

import time

import numpy as np

from lrcourse import optim as O
from lrcourse.landscapes import quadratic, rippled_bowl

STEPS = 1000


def optimizers():
    return {
        "gd": O.gd(0.05),
        "momentum (torch)": O.momentum(0.01, momentum=0.9),
        "momentum (keras)": O.momentum(0.01, momentum=0.9, form="keras"),
        "nesterov": O.nesterov(0.01, momentum=0.9),
        "adagrad": O.adagrad(0.5),
        "rmsprop": O.rmsprop(0.05),
        "rmsprop centered+momentum": O.rmsprop(0.05, centered=True, momentum=0.5),
        "adadelta": O.adadelta(),
        "adam": O.adam(0.1),
        "amsgrad": O.amsgrad(0.1),
        "adamw": O.adamw(0.1),
        "radam": O.radam(0.1),
        "newton": O.newton(),
        "regularised newton": O.regularised_newton(1.0),
        "adam, compounded correction": O.adam_compounded_bias_correction(0.1),
        "momentum, initial velocity 1": O.momentum_with_initial_velocity(0.002, momentum=0.9),
    }


def _times(fn, repeats):
    fn()  # warm up
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return np.array(out) * 1e3


def run_optim_bench(repeats=21, explorer_repeats=101):
    """Print the timings (milliseconds) and return them as a dict."""
    land2 = quadratic(condition_number=10.0)
    land1 = rippled_bowl()
    results = {}
    print(f"lrcourse.optim.run, {STEPS} steps, 2-D quadratic (median of {repeats}):")
    for name, opt in optimizers().items():
        ms = _times(lambda opt=opt: O.run(opt, land2, [1.0, 1.0], STEPS), repeats)
        results[name] = float(np.median(ms))
        print(f"  {name:28s} {results[name]:7.2f} ms")
    print(f"explorer run: adam, {STEPS} steps, 1-D rippled bowl ({explorer_repeats} runs):")
    ms = _times(lambda: O.run(O.adam(0.1), land1, -20.0, STEPS), explorer_repeats)
    results["explorer median"] = float(np.median(ms))
    results["explorer p95"] = float(np.percentile(ms, 95))
    print(f"  median {results['explorer median']:.2f} ms, p95 {results['explorer p95']:.2f} ms"
          " (budget: p95 <= 50 ms)")
    return results
