"""Reproduce TensorFlow, Keras, PyTorch and optax schedules exactly.

Each ``from_*`` function takes the library's own name and parameter names
and returns an lrcourse :class:`~lrcourse.schedules.Schedule` whose value at
``step`` equals what that library gives, in float64. Unknown names or
parameters raise an error that lists what is accepted, and a value that the
library refuses raises an error that names the argument as the library
spells it. A value that the library accepts but treats in a surprising way
(optax's constant schedule for ``transition_steps=0``, PyTorch's
``ConstantLR`` that never restores the rate when ``total_iters=0``) is
reproduced exactly, with a :class:`FrameworkBehaviourWarning` that names the
argument and says what the library does.

This is the only part of lrcourse that uses the frameworks' parameter names;
``book/notation.md`` maps them to lrcourse's.

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
from ._port import Port, port
from ._tf import TF
from ._torch import TORCH, TORCH_MOMENTUM
from ._warnings import FrameworkBehaviourWarning

__all__ = [
    "FrameworkBehaviourWarning",
    "Port",
    "from_keras",
    "from_optax",
    "from_tf",
    "from_torch",
    "momentum_from_torch",
    "names",
    "optimizer_from_keras",
    "optimizer_from_torch",
    "port",
]


def from_tf(name, /, **params):
    """lrcourse schedule equal to ``tf.compat.v1.train.<name>(**params, global_step=step)``.

    Parameters
    ----------
    name : str
        One of ``names()["tf"]``, e.g. ``"exponential_decay"``.
    **params
        TensorFlow's own parameters and defaults (without ``global_step``).
        ``name`` is positional-only, so TensorFlow's own ``name=`` keyword
        can be passed here too (it changes no value).

    Returns
    -------
    Schedule

    Raises
    ------
    ValueError
        For an unknown name, or a parameter value that the library would
        refuse or would silently replace (named as the library spells it).
    TypeError
        For an unknown or missing parameter (the message lists the accepted
        ones), or a value of the wrong type.

    References
    ----------
    .. [1] TensorFlow 2.21, ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``.

    Examples
    --------
    >>> from lrcourse.compat import from_tf
    >>> s = from_tf("exponential_decay", learning_rate=0.1, decay_steps=10, decay_rate=0.5)
    >>> s([0, 10, 20])
    array([0.1  , 0.05 , 0.025])
    """
    return TF.build(name, params)


def from_keras(name, /, **params):
    """lrcourse schedule equal to ``keras.optimizers.schedules.<name>(**params)(step)``.

    ``"ReduceLROnPlateau"`` (a callback in Keras) gives a
    :class:`~lrcourse.schedules.ReduceOnPlateau`; pass the optimiser's rate
    as ``lr=``.

    Parameters
    ----------
    name : str
        One of ``names()["keras"]``, e.g. ``"CosineDecay"``.
    **params
        Keras's own parameters and defaults. ``name`` is positional-only,
        so Keras's own ``name=`` keyword can be passed here too (it changes
        no value).

    Returns
    -------
    Schedule or ReduceOnPlateau

    Raises
    ------
    ValueError
        For an unknown name, or a parameter value that the library would
        refuse or would silently replace (named as the library spells it).
    TypeError
        For an unknown or missing parameter (the message lists the accepted
        ones), or a value of the wrong type.

    References
    ----------
    .. [1] Keras 3.15, ``keras/src/optimizers/schedules/learning_rate_schedule.py``.
    .. [2] Keras 3.15, ``keras/src/callbacks/reduce_lr_on_plateau.py``.

    Examples
    --------
    >>> from lrcourse.compat import from_keras
    >>> from_keras("CosineDecay", initial_learning_rate=0.1, decay_steps=10)([0, 5, 10])
    array([0.1 , 0.05, 0.  ])
    """
    return KERAS.build(name, params)


def from_torch(name, /, **params):
    """lrcourse schedule equal to ``torch.optim.lr_scheduler.<name>`` stepped ``step`` times.

    Pass the optimizer's initial learning rate as ``lr=``. ``SequentialLR``
    takes its schedulers as ``(name, params)`` pairs; ``"ReduceLROnPlateau"``
    gives a :class:`~lrcourse.schedules.ReduceOnPlateau`.

    Parameters
    ----------
    name : str
        One of ``names()["torch"]``, e.g. ``"StepLR"``.
    **params
        PyTorch's own parameters and defaults, without the optimizer.

    Returns
    -------
    Schedule or ReduceOnPlateau

    Raises
    ------
    ValueError
        For an unknown name, or a parameter value that the library would
        refuse or would silently replace (named as the library spells it).
    TypeError
        For an unknown or missing parameter (the message lists the accepted
        ones), or a value of the wrong type.

    References
    ----------
    .. [1] PyTorch 2.13, ``torch/optim/lr_scheduler.py``.

    Examples
    --------
    >>> from lrcourse.compat import from_torch
    >>> from_torch("StepLR", lr=0.1, step_size=10, gamma=0.5)([9, 10])
    array([0.1 , 0.05])
    """
    return TORCH.build(name, params)


def momentum_from_torch(name, /, **params):
    """Momentum schedule that ``OneCycleLR``/``CyclicLR`` apply with ``cycle_momentum=True``.

    Takes the same parameters as :func:`from_torch`; its value at ``k`` is
    ``optimizer.param_groups[0]["momentum"]`` after ``k`` scheduler steps.

    Parameters
    ----------
    name : {"CyclicLR", "OneCycleLR"}
    **params
        PyTorch's own parameters and defaults.

    Returns
    -------
    Schedule

    Raises
    ------
    ValueError
        For an unknown name, or a parameter value that the library would
        refuse or would silently replace (named as the library spells it).
    TypeError
        For an unknown or missing parameter (the message lists the accepted
        ones), or a value of the wrong type.

    References
    ----------
    .. [1] PyTorch 2.13, ``CyclicLR`` and ``OneCycleLR`` in ``torch/optim/lr_scheduler.py``.

    Examples
    --------
    >>> from lrcourse.compat import momentum_from_torch
    >>> m = momentum_from_torch("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=4)
    >>> m([0, 2, 4, 8])
    array([0.9 , 0.85, 0.8 , 0.9 ])
    """
    return TORCH_MOMENTUM.build(name, params)


def from_optax(name, /, **params):
    """lrcourse schedule equal to ``optax.<name>(**params)(step)`` in float64.

    Parameters
    ----------
    name : str
        One of ``names()["optax"]``, e.g. ``"warmup_cosine_decay_schedule"``.
    **params
        optax's own parameters and defaults. ``join_schedules`` and
        ``sgdr_schedule`` take their pieces as ``(name, params)`` pairs,
        lrcourse schedules, or lists of keyword dicts, as optax does.

    Returns
    -------
    Schedule

    Raises
    ------
    ValueError
        For an unknown name, or a parameter value that the library would
        refuse or would silently replace (named as the library spells it).
    TypeError
        For an unknown or missing parameter (the message lists the accepted
        ones), or a value of the wrong type.

    References
    ----------
    .. [1] optax 0.2.8, ``optax/schedules/_schedule.py`` and ``optax/schedules/_join.py``.

    Examples
    --------
    >>> from lrcourse.compat import from_optax
    >>> from_optax("linear_schedule", init_value=0.0, end_value=0.1, transition_steps=4)([0, 2, 4])
    array([0.  , 0.05, 0.1 ])
    """
    return OPTAX.build(name, params)


def names():
    """Dict ``library -> list of names`` that the ``from_*`` functions accept.

    Returns
    -------
    dict of str to list of str
        Keys ``"tf"``, ``"keras"``, ``"torch"`` and ``"optax"``.

    References
    ----------
    .. [1] The framework source files cited by :func:`from_tf`,
       :func:`from_keras`, :func:`from_torch` and :func:`from_optax`.

    Examples
    --------
    >>> from lrcourse.compat import names
    >>> names()["torch"][:3]
    ['ConstantLR', 'CosineAnnealingLR', 'CosineAnnealingWarmRestarts']
    """
    return {
        "tf": TF.names(),
        "keras": KERAS.names(),
        "torch": TORCH.names(),
        "optax": OPTAX.names(),
    }

