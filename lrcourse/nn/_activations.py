r"""Activation functions :math:`\phi` and their derivatives :math:`\phi'`.

Each entry maps a pre-activation array ``u`` to ``(phi(u), phi'(u))``
elementwise. At the kink :math:`u = 0` the derivatives of ``relu`` and
``leaky_relu`` take the value of the left side (0 and the slope), as
PyTorch's autograd does.
"""

from __future__ import annotations

import numpy as np

__all__ = ["ACTIVATIONS", "activate"]

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")


def activate(name: str, u: np.ndarray, negative_slope: float = 0.01):
    r"""Return :math:`\phi(u)` and :math:`\phi'(u)` for the activation ``name``.

    .. math::

        \mathrm{sigmoid}(u) &= \frac{1}{1 + e^{-u}}, &
        \mathrm{sigmoid}'(u) &= \mathrm{sigmoid}(u)\,(1 - \mathrm{sigmoid}(u)) \le \tfrac14\\
        \tanh(u), & &\tanh'(u) &= 1 - \tanh^2(u)\\
        \mathrm{relu}(u) &= \max(u, 0), & \mathrm{relu}'(u) &= [u > 0]\\
        \mathrm{leaky\_relu}(u) &= \begin{cases} u & u > 0\\ a u & u \le 0\end{cases}, &
        \mathrm{leaky\_relu}'(u) &= \begin{cases} 1 & u > 0\\ a & u \le 0\end{cases}

    with :math:`a` = ``negative_slope`` (PyTorch's default 0.01).
    """
    if name == "sigmoid":
        # exp(-|u|) never overflows; the two branches give 1/(1+e^-u) exactly.
        e = np.exp(-np.abs(u))
        s = np.where(u >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
        return s, s * (1.0 - s)
    if name == "tanh":
        t = np.tanh(u)
        return t, 1.0 - t * t
    pos = u > 0
    if name == "relu":
        d = pos.astype(np.float64)
        return u * d, d
    if name == "leaky_relu":
        d = np.where(pos, 1.0, negative_slope)
        return u * d, d
    raise ValueError(f"unknown activation {name!r}")  # pragma: no cover (validated by MLP)
