"""Reproduce TensorFlow, Keras, PyTorch and optax schedules exactly.

Each ``from_*`` function takes the library's own name and parameter names
and returns an lrcourse :class:`~lrcourse.schedules.Schedule` whose value at
``step`` equals what that library gives, in float64. Unknown names or
parameters raise an error that lists what is accepted.

Examples
--------
>>> from lrcourse.compat import from_tf, from_torch
>>> from_tf("piecewise_constant", boundaries=[10], values=[0.1, 0.01])([10, 11])
array([0.1 , 0.01])
>>> from_torch("MultiStepLR", lr=0.1, milestones=[10], gamma=0.1)([9, 10])
array([0.1 , 0.01])
"""

from __future__ import annotations

from ._keras import KERAS
from ._optax import OPTAX
from ._optimizers import optimizer_from_keras, optimizer_from_torch
from ._tf import TF
from ._torch import TORCH, TORCH_MOMENTUM

__all__ = [
    "momentum_from_torch",
    "from_keras",
    "from_optax",
    "from_tf",
    "from_torch",
    "names",
    "optimizer_from_keras",
    "optimizer_from_torch",
]


def from_tf(name, **params):
    """lrcourse schedule equal to ``tf.compat.v1.train.<name>(**params, global_step=step)``."""
    return TF.build(name, params)


def from_keras(name, **params):
    """lrcourse schedule equal to ``keras.optimizers.schedules.<name>(**params)(step)``."""
    return KERAS.build(name, params)


def from_torch(name, **params):
    """lrcourse schedule equal to ``torch.optim.lr_scheduler.<name>`` stepped ``step`` times.

    Pass the optimizer's initial learning rate as ``lr=``.
    """
    return TORCH.build(name, params)


def momentum_from_torch(name, **params):
    """Momentum schedule that ``OneCycleLR``/``CyclicLR`` apply with ``cycle_momentum=True``.

    Takes the same parameters as :func:`from_torch`; its value at ``k`` is
    ``optimizer.param_groups[0]["momentum"]`` after ``k`` scheduler steps.

    Examples
    --------
    >>> from lrcourse.compat import momentum_from_torch
    >>> m = momentum_from_torch("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=4)
    >>> m([0, 2, 4, 8])
    array([0.9 , 0.85, 0.8 , 0.9 ])
    """
    return TORCH_MOMENTUM.build(name, params)


def from_optax(name, **params):
    """lrcourse schedule equal to ``optax.<name>(**params)(step)`` in float64."""
    return OPTAX.build(name, params)


def names():
    """Dict ``library -> list of names`` that the ``from_*`` functions accept."""
    return {
        "tf": TF.names(),
        "keras": KERAS.names(),
        "torch": TORCH.names(),
        "optax": OPTAX.names(),
    }
