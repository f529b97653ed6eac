"""Generate tests/fixtures/optax_optimizer_reference.json from optax itself.

The framework corners of chapters 8 and 9 translate optax's ``adagrad``,
``rmsprop``, ``adam`` and ``adamw`` into lrcourse optimisers
(``lrcourse.corner.OPTAX_OPTIMIZERS``). This script runs the real optax
functions so that the translations are checked against optax, not only
against the PyTorch or Keras update they are believed to equal.

Run with an environment that has optax and jax (not lrcourse
dependencies)::

    python scripts/reference/make_optax_optimizer_fixtures.py

Each case runs 60 updates in float64 (``jax_enable_x64``) on the 2-D
quadratic f(x) = x^T A x / 2 with a fixed A, from x0 = (1.5, -2.0); the
gradient is computed here in NumPy and handed to optax, so only the update
rule is compared. Every iterate is stored.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

STEPS = 60
OUT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "optax_optimizer_reference.json"
A = np.array([[3.0, 0.5], [0.5, 1.0]])
X0 = [1.5, -2.0]

CASES = [
    ("adagrad", {"learning_rate": 0.1}),
    ("adagrad", {"learning_rate": 0.5, "initial_accumulator_value": 0.0, "eps": 1e-3}),
    ("rmsprop", {"learning_rate": 0.01}),
    ("rmsprop", {"learning_rate": 0.02, "decay": 0.5, "eps": 1e-4}),
    ("rmsprop", {"learning_rate": 0.02, "eps": 1e-4, "eps_in_sqrt": False}),
    ("adam", {"learning_rate": 0.1}),
    ("adam", {"learning_rate": 0.05, "b1": 0.5, "b2": 0.9, "eps": 1e-3}),
    ("adamw", {"learning_rate": 0.1}),
    ("adamw", {"learning_rate": 0.05, "b1": 0.8, "weight_decay": 0.1, "eps": 1e-6}),
]


def main():
    import jax

    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    import optax

    cases = []
    for name, params in CASES:
        opt = getattr(optax, name)(**params)
        x = jnp.asarray(X0, dtype=jnp.float64)
        state = opt.init(x)
        rows = [list(X0)]
        for _ in range(STEPS):
            g = jnp.asarray(A @ np.asarray(x), dtype=jnp.float64)
            updates, state = opt.update(g, state, x)
            x = optax.apply_updates(x, updates)
            assert x.dtype == jnp.float64
            rows.append(np.asarray(x).tolist())
        cases.append({"name": name, "params": params, "x": rows})
    data = {"versions": {"optax": optax.__version__, "jax": jax.__version__},
            "A": A.tolist(), "x0": X0, "steps": STEPS, "cases": cases}
    OUT.write_text(json.dumps(data) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
