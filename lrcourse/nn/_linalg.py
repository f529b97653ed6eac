"""Matrix products in blocks small enough to run on the calling thread.

NumPy's default BLAS (OpenBLAS) splits a product over several threads once
``M * N * K`` exceeds about 2**18. For the small products of this package
that gains little on an idle machine, and on a busy one (a shared 2-core
server, a notebook next to other work) every product then waits for the
helper threads: we measured one training step 5 to 30 times slower. Products
here are therefore cut into blocks of at most 2**18 multiply-adds, which
OpenBLAS runs on the calling thread. The result is the same product; only
the order of some additions may differ (by rounding).
"""

from __future__ import annotations

import numpy as np

__all__ = ["matmul"]

BLOCK = 1 << 18


def frobenius(a: np.ndarray) -> float:
    r"""The Frobenius norm :math:`\sqrt{\sum_{ij} a_{ij}^2}` (2-norm of the entries)."""
    v = a.ravel()
    return float(np.sqrt(np.dot(v, v)))


def matmul(a: np.ndarray, b: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``a @ b`` for 2-D float64 arrays, in single-thread-sized blocks (see the module)."""
    m, k = a.shape
    n = b.shape[1]
    if m * k * n <= BLOCK:
        return np.matmul(a, b, out=out)
    kb = max(1, min(k, BLOCK // (8 * n)))  # reduction block: at least 8 rows per block
    mb = max(1, BLOCK // (kb * n))
    if out is None:
        out = np.empty((m, n))
    for i in range(0, m, mb):
        rows = slice(i, i + mb)
        np.matmul(a[rows, :kb], b[:kb], out=out[rows])
        for j in range(kb, k, kb):
            out[rows] += a[rows, j:j + kb] @ b[j:j + kb]
    return out
