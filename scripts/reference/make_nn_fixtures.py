"""Generate tests/fixtures/nn_reference.json with PyTorch autograd (float64).

Run with the reference environment (torch is NOT an lrcourse dependency)::

    python3 -m venv /work/refvenv
    /work/refvenv/bin/pip install torch==2.13.0 numpy
    /work/refvenv/bin/python scripts/reference/make_nn_fixtures.py

Versions used for the committed file are stored in it ("versions").

How the references are made
---------------------------
* Networks: small multilayer perceptrons written here with torch operations
  only (this script does not import lrcourse). Parameters, inputs and labels
  are drawn with NumPy from fixed seeds and stored in the fixture, so the
  test loads exactly these values into ``lrcourse.nn.MLP``. Hidden layer
  ``l`` computes ``z = h @ W + b``; with batch normalisation
  ``u = torch.nn.functional.batch_norm(z, None, None, gamma, beta,
  training=True, eps=1e-5)`` (batch statistics, biased variance), else
  ``u = z``; then ``a = act(u)`` with ``torch.sigmoid``, ``torch.tanh``,
  ``torch.relu`` or ``torch.nn.functional.leaky_relu``; with residual
  connections, layers 2 .. L-1 output ``h + a``. The last layer is linear.
* Losses: ``torch.nn.functional.cross_entropy`` (mean over the batch,
  integer labels) and ``torch.nn.functional.mse_loss`` (mean over all
  elements). Gradients come from ``loss.backward()`` on float64 leaves.
  Stored: the loss, the gradient of every parameter in the order W1, b1,
  (gamma1, beta1,) W2, b2, ..., and the Frobenius norm of each W's gradient
  (``torch.linalg.vector_norm``).
* Clipping: ``torch.nn.utils.clip_grad_norm_`` applied to parameters whose
  ``.grad`` is set to NumPy-drawn arrays; stored: the total norm it returns
  and the clipped gradients, for several ``max_norm`` and ``norm_type``
  values (2, 1, inf and two others), including the two textbook vectors
  (3, 4) and (0.3, 0.4) with ``max_norm=1``.
* Floats are stored as repr-exact JSON numbers.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "nn_reference.json"
EPS = 1e-5
NEGATIVE_SLOPE = 0.1
N = 6  # batch rows


def param_layout(sizes, batch_norm):
    """(name, shape) in the documented order W1, b1, (gamma1, beta1,) W2, ..."""
    out = []
    n_layers = len(sizes) - 1
    for layer in range(1, n_layers + 1):
        d_in, d_out = sizes[layer - 1], sizes[layer]
        out += [(f"W{layer}", (d_in, d_out)), (f"b{layer}", (d_out,))]
        if batch_norm and layer < n_layers:
            out += [(f"gamma{layer}", (d_out,)), (f"beta{layer}", (d_out,))]
    return out


def draw_params(rng, sizes, batch_norm, std):
    params = []
    for name, shape in param_layout(sizes, batch_norm):
        if name.startswith("W"):
            params.append(std * rng.standard_normal(shape))
        elif name.startswith("gamma"):
            params.append(1.0 + 0.2 * rng.standard_normal(shape))
        else:
            params.append(0.1 * rng.standard_normal(shape))
    return params


def torch_loss_and_grads(case):
    import torch
    import torch.nn.functional as F

    sizes, bn, res = case["sizes"], case["batch_norm"], case["residual"]
    act = {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "leaky_relu": lambda u: F.leaky_relu(u, negative_slope=case["negative_slope"]),
    }[case["activation"]]
    leaves = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in case["params"]]
    X = torch.tensor(case["X"], dtype=torch.float64)
    n_layers = len(sizes) - 1
    h, i = X, 0
    for layer in range(1, n_layers):
        W, b = leaves[i], leaves[i + 1]
        i += 2
        u = h @ W + b
        if bn:
            gamma, beta = leaves[i], leaves[i + 1]
            i += 2
            u = F.batch_norm(u, None, None, weight=gamma, bias=beta, training=True, eps=EPS)
        a = act(u)
        h = h + a if (res and layer > 1) else a
    out = h @ leaves[i] + leaves[i + 1]
    if case["loss"] == "cross_entropy":
        loss = F.cross_entropy(out, torch.tensor(case["y"], dtype=torch.int64))
    else:
        loss = F.mse_loss(out, torch.tensor(case["y"], dtype=torch.float64))
    loss.backward()
    names = [n for n, _ in param_layout(sizes, bn)]
    grads = [leaf.grad.numpy().tolist() for leaf in leaves]
    w_norms = [float(torch.linalg.vector_norm(leaf.grad)) for n, leaf in zip(names, leaves, strict=True)
               if n.startswith("W")]
    assert all(leaf.dtype == torch.float64 for leaf in leaves)
    return float(loss.detach()), grads, w_norms


def network_cases():
    rng = np.random.default_rng(20261130)
    specs = []
    for act in ("sigmoid", "tanh", "relu", "leaky_relu"):
        for bn, res in ((False, False), (True, False), (False, True), (True, True)):
            specs.append(((3, 4, 4, 3), act, bn, res, "cross_entropy", 0.8))
        specs.append(((3, 4, 4, 2), act, True, True, "mse", 0.8))
    # A deeper plain sigmoid network: the W gradients shrink towards the input.
    specs.append(((3, 5, 5, 5, 5, 5, 2), "sigmoid", False, False, "cross_entropy", 1.0))
    specs.append(((2, 3, 1), "tanh", False, False, "mse", 1.0))
    cases = []
    for sizes, act, bn, res, loss, std in specs:
        X = rng.standard_normal((N, sizes[0]))
        if loss == "cross_entropy":
            y = (np.arange(N) % sizes[-1]).tolist()
            rng.shuffle(y)
            y = [int(v) for v in y]
        else:
            y = rng.standard_normal((N, sizes[-1])).tolist()
        case = {
            "sizes": list(sizes),
            "activation": act,
            "negative_slope": NEGATIVE_SLOPE,
            "batch_norm": bn,
            "residual": res,
            "eps": EPS,
            "loss": loss,
            "X": X.tolist(),
            "y": y,
            "params": [p.tolist() for p in draw_params(rng, sizes, bn, std)],
        }
        case["loss_value"], case["grads"], case["w_grad_norms"] = torch_loss_and_grads(case)
        cases.append(case)
    return cases


def clip_cases():
    import torch

    rng = np.random.default_rng(7)
    shapes = [(3, 4), (4,), (2, 2)]
    inputs = []
    for scale in (0.05, 1.0, 30.0):
        inputs.append([scale * rng.standard_normal(s) for s in shapes])
    inputs.append([np.array([3.0, 4.0])])
    inputs.append([np.array([0.3, 0.4])])
    cases = []
    for k, grads in enumerate(inputs):
        textbook = k >= 3
        combos = [(1.0, 2.0)] if textbook else [
            (m, p) for m in (0.5, 5.0) for p in (2.0, 1.0, math.inf, 3.0, 0.5)
        ]
        for max_norm, norm_type in combos:
            params = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads]
            for p, g in zip(params, grads, strict=True):
                p.grad = torch.tensor(g, dtype=torch.float64)
            total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type=norm_type)
            cases.append({
                "grads": [g.tolist() for g in grads],
                "max_norm": max_norm,
                "norm_type": "inf" if norm_type == math.inf else norm_type,
                "total_norm": float(total),
                "clipped": [p.grad.numpy().tolist() for p in params],
            })
    return cases


def main():
    import torch

    torch.set_default_dtype(torch.float64)
    doc = {
        "generated_by": "scripts/reference/make_nn_fixtures.py",
        "versions": {"torch": torch.__version__, "numpy": np.__version__,
                     "python": sys.version.split()[0]},
        "networks": network_cases(),
        "clip": clip_cases(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    print(f"wrote {len(doc['networks'])} network and {len(doc['clip'])} clipping cases "
          f"to {OUT} ({OUT.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
