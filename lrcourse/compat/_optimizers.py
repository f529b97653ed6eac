"""``torch.optim`` and ``keras.optimizers`` optimisers, as lrcourse optimisers.

``optimizer_from_torch(name, **params)`` and ``optimizer_from_keras(name,
**params)`` take the library's own class name, parameter names and defaults,
and return the :mod:`lrcourse.optim` optimiser that reproduces that
library's update exactly (epsilon placement, accumulator start, bias
correction, where the rate enters a momentum buffer, decoupled weight
decay). Checked against ``torch.optim`` 2.13 and Keras 3.15 (TensorFlow backend,
float64) by ``tests/test_optim_reference.py``.

The learning rate may be a float or any lrcourse schedule, for example one
from :func:`lrcourse.compat.from_torch`: update ``k`` uses ``lr(k)``, which
is what a PyTorch loop of ``opt.step(); scheduler.step()`` does and what a
Keras optimiser does with a ``LearningRateSchedule``. ``momentum`` (SGD) and
the first entry of ``betas`` (Adam, AdamW, RAdam) may be schedules too, as
PyTorch's ``OneCycleLR(cycle_momentum=True)`` makes them.

Examples
--------
>>> from lrcourse.compat import optimizer_from_keras, optimizer_from_torch
>>> optimizer_from_torch("Adam", lr=0.01).params["eps"]
1e-08
>>> opt = optimizer_from_keras("Adagrad", learning_rate=0.1)
>>> opt.params["initial_accumulator"], opt.params["eps_inside_sqrt"]
(0.1, True)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .. import optim as O
from .._validation import check_bool, check_real
from ..optim._adam import _adam
from ..optim._base import hyper
from ._registry import Registry

__all__ = ["KERAS_OPTIMIZERS", "TORCH_OPTIMIZERS", "optimizer_from_keras", "optimizer_from_torch"]

TORCH_OPTIMIZERS = Registry("PyTorch (torch.optim)", "optimizer")
KERAS_OPTIMIZERS = Registry("Keras (keras.optimizers)", "optimizer")


def optimizer_from_torch(name, **params):
    """lrcourse optimiser equal to ``torch.optim.<name>(params, **params)``.

    Accepted names: ``SGD``, ``Adagrad``, ``RMSprop``, ``Adam``, ``AdamW``,
    ``Adadelta``, ``RAdam``; parameters and defaults are PyTorch's (without
    the implementation switches ``foreach``, ``fused``, ``capturable``,
    ``differentiable`` and without ``maximize``).

    Parameters
    ----------
    name : str
        A ``torch.optim`` class name.
    **params
        PyTorch's own parameters and defaults, without the parameter list.
        ``lr``, ``momentum`` and ``betas[0]`` may be lrcourse schedules.

    Returns
    -------
    Optimizer

    Raises
    ------
    ValueError
        For an unknown name or a value PyTorch would refuse (named as
        PyTorch spells it).
    TypeError
        For an unknown or missing parameter, or a value of the wrong type.

    References
    ----------
    .. [1] PyTorch 2.13, ``torch/optim/sgd.py``, ``adagrad.py``, ``rmsprop.py``,
       ``adam.py``, ``adamw.py``, ``adadelta.py`` and ``radam.py``.

    Examples
    --------
    >>> from lrcourse.compat import optimizer_from_torch
    >>> opt = optimizer_from_torch("SGD", lr=0.1, momentum=0.9, nesterov=True)
    >>> opt.name, opt.params["form"]
    ('nesterov', 'torch')
    """
    return TORCH_OPTIMIZERS.build(name, params)


def optimizer_from_keras(name, **params):
    """lrcourse optimiser equal to ``keras.optimizers.<name>(**params)`` (Keras 3).

    Accepted names: ``SGD``, ``Adagrad``, ``RMSprop``, ``Adam``, ``AdamW``;
    parameters and defaults are Keras's (``weight_decay`` is Keras's
    decoupled decay; clipping, EMA and gradient accumulation are not
    modelled).

    Parameters
    ----------
    name : str
        A ``keras.optimizers`` class name.
    **params
        Keras's own parameters and defaults. ``learning_rate`` may be an
        lrcourse schedule.

    Returns
    -------
    Optimizer

    Raises
    ------
    ValueError
        For an unknown name or a value Keras would refuse (named as Keras
        spells it).
    TypeError
        For an unknown or missing parameter, or a value of the wrong type.

    References
    ----------
    .. [1] Keras 3.15, ``keras/src/optimizers/sgd.py``, ``adagrad.py``,
       ``rmsprop.py``, ``adam.py`` and ``adamw.py``.

    Examples
    --------
    >>> from lrcourse.compat import optimizer_from_keras
    >>> optimizer_from_keras("Adam", learning_rate=0.01).params["eps_hat"]
    True
    """
    return KERAS_OPTIMIZERS.build(name, params)


def _lr(name, value):
    return hyper(name, value, ge=0)


def _betas(betas):
    if isinstance(betas, str | bytes) or not isinstance(betas, Sequence) or len(betas) != 2:
        raise TypeError(
            f"Argument `betas` must be a pair (beta1, beta2). Received: betas={betas!r}"
        )
    b1 = hyper("betas[0]", betas[0], ge=0, lt=1)
    b2 = check_real("betas[1]", betas[1], ge=0, lt=1)
    return b1, b2


def _torch_wd(weight_decay):
    return check_real("weight_decay", weight_decay, ge=0)


# --------------------------------------------------------------- PyTorch ---
@TORCH_OPTIMIZERS.register("SGD")
def _torch_sgd(lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False):
    lr = _lr("lr", lr)
    mu = hyper("momentum", momentum, ge=0, lt=1)
    dampening = check_real("dampening", dampening, ge=0, lt=1)
    wd = _torch_wd(weight_decay)
    nesterov = check_bool("nesterov", nesterov)
    if nesterov and (mu == 0 or dampening != 0):
        raise ValueError(
            "Nesterov momentum requires a momentum and zero dampening. "
            f"Received: momentum={momentum!r}, dampening={dampening!r}"
        )
    if mu == 0:
        return O.gd(lr, weight_decay=wd)
    return O.momentum(lr, momentum=mu, form="torch", dampening=dampening, nesterov=nesterov,
                      weight_decay=wd)


@TORCH_OPTIMIZERS.register("Adagrad")
def _torch_adagrad(lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10):
    return O.adagrad(_lr("lr", lr), eps=eps, initial_accumulator=initial_accumulator_value,
                     lr_decay=lr_decay, weight_decay=_torch_wd(weight_decay))


@TORCH_OPTIMIZERS.register("RMSprop")
def _torch_rmsprop(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False):
    alpha = check_real("alpha", alpha, ge=0, lt=1)
    return O.rmsprop(_lr("lr", lr), rho=alpha, eps=eps, centered=centered, momentum=momentum,
                     momentum_form="torch", weight_decay=_torch_wd(weight_decay))


@TORCH_OPTIMIZERS.register("Adam")
def _torch_adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False,
                decoupled_weight_decay=False):
    b1, b2 = _betas(betas)
    return O.adam(_lr("lr", lr), beta1=b1, beta2=b2, eps=eps, amsgrad=amsgrad,
                  weight_decay=_torch_wd(weight_decay),
                  decoupled_weight_decay=decoupled_weight_decay)


@TORCH_OPTIMIZERS.register("AdamW")
def _torch_adamw(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False):
    b1, b2 = _betas(betas)
    return O.adam(_lr("lr", lr), beta1=b1, beta2=b2, eps=eps, amsgrad=amsgrad,
                  weight_decay=_torch_wd(weight_decay), decoupled_weight_decay=True)


@TORCH_OPTIMIZERS.register("Adadelta")
def _torch_adadelta(lr=1.0, rho=0.9, eps=1e-6, weight_decay=0):
    return O.adadelta(_lr("lr", lr), rho=rho, eps=eps, weight_decay=_torch_wd(weight_decay))


@TORCH_OPTIMIZERS.register("RAdam")
def _torch_radam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
                 decoupled_weight_decay=False):
    b1, b2 = _betas(betas)
    return O.radam(_lr("lr", lr), beta1=b1, beta2=b2, eps=eps,
                   weight_decay=_torch_wd(weight_decay),
                   decoupled_weight_decay=decoupled_weight_decay)


# ----------------------------------------------------------------- Keras ---
# Keras 3 turns some Python-float hyperparameters into tensors with
# ``ops.cast(value, variable.dtype)``, which converts the Python float to a
# float32 tensor first: SGD's ``momentum``, every optimiser's
# ``weight_decay`` and the betas inside Adam's bias corrections are
# therefore rounded to float32 (0.9 acts as 0.8999999761581421) even with
# float64 variables. Others (``rho``, ``epsilon``, ``1 - beta_1`` in the
# moment updates, RMSprop's ``momentum``) are used at full precision. The
# translations below reproduce that.
def _f32(value):
    return float(np.float32(value))


def _keras_wd(weight_decay):
    if weight_decay is None:
        return 0.0
    return _f32(check_real("weight_decay", weight_decay, ge=0))


@KERAS_OPTIMIZERS.register("SGD")
def _keras_sgd(learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None):
    lr = _lr("learning_rate", learning_rate)
    mu = check_real("momentum", momentum, ge=0, lt=1)
    nesterov = check_bool("nesterov", nesterov)
    wd = _keras_wd(weight_decay)
    if mu == 0:
        return O.gd(lr, weight_decay=wd, decoupled_weight_decay=True)
    return O.momentum(lr, momentum=min(_f32(mu), np.nextafter(1.0, 0.0)), form="keras",
                      nesterov=nesterov, weight_decay=wd, decoupled_weight_decay=True)


@KERAS_OPTIMIZERS.register("Adagrad")
def _keras_adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                   weight_decay=None):
    return O.adagrad(
        _lr("learning_rate", learning_rate),
        eps=check_real("epsilon", epsilon, ge=0),
        eps_inside_sqrt=True,
        initial_accumulator=check_real("initial_accumulator_value",
                                       initial_accumulator_value, ge=0),
        weight_decay=_keras_wd(weight_decay),
        decoupled_weight_decay=True,
    )


@KERAS_OPTIMIZERS.register("RMSprop")
def _keras_rmsprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False,
                   weight_decay=None):
    return O.rmsprop(
        _lr("learning_rate", learning_rate),
        rho=rho,
        eps=check_real("epsilon", epsilon, ge=0),
        eps_inside_sqrt=True,
        centered=centered,
        momentum=momentum,
        momentum_form="keras",
        weight_decay=_keras_wd(weight_decay),
        decoupled_weight_decay=True,
    )


def _keras_adam_like(learning_rate, beta_1, beta_2, epsilon, amsgrad, weight_decay):
    return _adam(
        _lr("learning_rate", learning_rate),
        check_real("beta_1", beta_1, ge=0, lt=1),
        check_real("beta_2", beta_2, ge=0, lt=1),
        check_real("epsilon", epsilon, ge=0),
        True,
        amsgrad,
        _keras_wd(weight_decay),
        True,
        correction_betas=lambda b1, b2: (_f32(b1), _f32(b2)),
    )


@KERAS_OPTIMIZERS.register("Adam")
def _keras_adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False,
                weight_decay=None):
    return _keras_adam_like(learning_rate, beta_1, beta_2, epsilon, amsgrad, weight_decay)


@KERAS_OPTIMIZERS.register("AdamW")
def _keras_adamw(learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-7, amsgrad=False):
    return _keras_adam_like(learning_rate, beta_1, beta_2, epsilon, amsgrad, weight_decay)
