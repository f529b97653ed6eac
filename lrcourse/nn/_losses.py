"""The two losses and their gradients with respect to the network's output."""

from __future__ import annotations

import numpy as np

__all__ = ["LOSSES", "cross_entropy", "mse"]

LOSSES = ("cross_entropy", "mse")


def cross_entropy(logits: np.ndarray, labels: np.ndarray):
    r"""Mean softmax cross-entropy over the batch and its gradient.

    .. math::

        \mathcal L = -\frac1N \sum_{n=1}^N \log p_{n, y_n}, \qquad
        p_{nc} = \frac{e^{z_{nc}}}{\sum_{c'} e^{z_{nc'}}}, \qquad
        \frac{\partial \mathcal L}{\partial z_{nc}} = \frac{p_{nc} - [c = y_n]}{N}

    ``logits`` :math:`z` has shape ``(N, C)``; ``labels`` holds integers
    :math:`y_n \in \{0, \dots, C-1\}`. The maximum of each row is
    subtracted before exponentiating, so large logits do not overflow.
    """
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    total = exp.sum(axis=1, keepdims=True)
    rows = np.arange(n)
    log_p = shifted[rows, labels] - np.log(total[:, 0])
    grad = exp / total
    grad[rows, labels] -= 1.0
    grad /= n
    return float(-log_p.mean()), grad


def mse(out: np.ndarray, target: np.ndarray):
    r"""Mean squared error over all elements and its gradient.

    .. math::

        \mathcal L = \frac{1}{N D} \sum_{n, d} (o_{nd} - t_{nd})^2, \qquad
        \frac{\partial \mathcal L}{\partial o_{nd}} = \frac{2 (o_{nd} - t_{nd})}{N D}

    as ``torch.nn.MSELoss()`` (reduction ``"mean"``).
    """
    r = out - target
    return float(np.mean(r * r)), r * (2.0 / r.size)
