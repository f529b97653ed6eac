"""Timing cases for lrcourse.nn (run ``python bench/bench.py nn``).

Two measurements:

* the time of one training step (forward, backward, per-layer norms, Adam
  update) for several network sizes, full batch of 200 rows of two moons:
  ``train(..., steps=STEPS)`` divided by ``STEPS``: the best wall time of
  several runs (the least noisy estimate on a shared machine), the median
  wall time, and the median CPU time of the process (which a busy machine
  inflates less);
* the stated runs of the three data sets (from the data sets' docstrings):
  wall time of ``train`` and the accuracy (or R^2) reached. Budget: the
  two-moons run under 2 s on a 2-core machine.
"""

from __future__ import annotations

import time

import numpy as np

from lrcourse.nn import MLP, regression, spirals, train, two_moons
from lrcourse.optim import adam

STEPS = 20

SIZES = [
    ("2-16-2", (2, 16, 2), {}),
    ("2-64-64-2", (2, 64, 64, 2), {}),
    ("2-64-64-2, batch norm", (2, 64, 64, 2), {"batch_norm": True}),
    ("2-64x8-2, bn + residual", (2,) + (64,) * 8 + (2,), {"batch_norm": True, "residual": True}),
    ("2-256-256-2", (2, 256, 256, 2), {}),
]

STATED = [
    ("two_moons(200)", lambda: two_moons(200, noise=0.1, seed=0), (2, 64, 64, 2), "relu", "he",
     100, "cross_entropy", "accuracy >= 0.99"),
    ("spirals(300)", lambda: spirals(300, classes=3, seed=0), (2, 64, 64, 3), "relu", "he",
     200, "cross_entropy", "accuracy >= 0.95"),
    ("regression(200)", lambda: regression(200, noise=0.1, seed=0), (1, 64, 64, 1), "tanh",
     "glorot", 200, "mse", "R^2 >= 0.95"),
]


def run_nn_bench(repeats=5):
    """Print the timings and return them as a dict (milliseconds per step, seconds per run)."""
    X, y = two_moons(200, seed=0)
    results = {}
    print(f"lrcourse.nn.train: one step (forward, backward, norms, adam), full batch of 200 rows,"
          f" {STEPS} steps per run, best and median of {repeats} runs:")
    print(f"  {'network':28s} {'params':>8s} {'best ms':>8s} {'median ms':>10s} {'cpu ms':>7s}")
    for label, sizes, kw in SIZES:
        net = MLP(sizes, activation="relu", init="he", **kw)
        train(net, adam(0.01), X, y, steps=2)  # warm up
        times, cpus = [], []
        for _ in range(repeats):
            t, c = time.perf_counter(), time.process_time()
            train(net, adam(0.01), X, y, steps=STEPS)
            times.append((time.perf_counter() - t) / STEPS * 1e3)
            cpus.append((time.process_time() - c) / STEPS * 1e3)
        results[label] = (min(times), float(np.median(times)), float(np.median(cpus)))
        print(f"  {label:28s} {net.n_params:8d} {min(times):8.2f} {np.median(times):10.2f} "
              f"{np.median(cpus):7.2f}")
    print("stated runs (adam(0.01), full batch): wall time of train() and the score reached")
    for label, data, sizes, act, init, steps, loss, target in STATED:
        Xd, yd = data()
        net = MLP(sizes, activation=act, init=init, seed=0)
        t, c = time.perf_counter(), time.process_time()
        res = train(net, adam(0.01), Xd, yd, steps=steps, loss=loss)
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        score = res.model.accuracy(Xd, yd) if loss == "cross_entropy" else res.model.r2(Xd, yd)
        results[label] = (wall, cpu, score)
        print(f"  {label:16s} {str(sizes):16s} {steps:4d} steps  {wall:6.2f} s wall "
              f"{cpu:6.2f} s cpu  score {score:.4f} (stated: {target})")
    return results
