"""A small neural network in readable float64 NumPy, for experiments with learning rates.

An :class:`MLP` (dense layers; sigmoid, tanh, relu or leaky_relu; normal,
Glorot or He initialisation; optional batch normalisation and residual
connections) with exact gradients, :func:`clip_grad_norm` with PyTorch's
semantics, three seeded data sets and :func:`train`, which runs any
:mod:`lrcourse.optim` optimiser (with any :mod:`lrcourse.schedules` rate)::

    >>> from lrcourse.nn import MLP, train, two_moons, clip_grad_norm
    >>> from lrcourse.optim import adam
    >>> from lrcourse.schedules import cosine_decay
    >>> X, y = two_moons(200, noise=0.1, seed=0)
    >>> net = MLP((2, 64, 64, 2), activation="relu", init="he", seed=0)
    >>> loss, grads = net.loss_and_grads(X, y, loss="cross_entropy")  # order of net.params
    >>> net.param_names, net.layer_grad_norms(grads).shape
    (('W1', 'b1', 'W2', 'b2', 'W3', 'b3'), (3,))
    >>> clipped, total = clip_grad_norm(grads, max_norm=1.0)
    >>> res = train(net, adam(cosine_decay(0.01, decay_steps=300)), X, y, steps=300, max_norm=1.0)
    >>> res.loss.shape, res.lr.shape, res.grad_norms.shape, res.model.accuracy(X, y) >= 0.99
    ((300,), (300,), (300, 3), True)

Each ``W`` has shape ``(fan_in, fan_out)`` and a layer computes ``h @ W + b``;
the last layer is linear (its outputs are the logits or the predictions).
Every function checks its arguments and names the bad one in its error.
"""

from ._clip import clip_grad_norm
from ._data import regression, spirals, two_moons
from ._init import init_std
from ._mlp import MLP
from ._train import TrainResult, train

__all__ = [
    "MLP",
    "TrainResult",
    "clip_grad_norm",
    "init_std",
    "regression",
    "spirals",
    "train",
    "two_moons",
]
