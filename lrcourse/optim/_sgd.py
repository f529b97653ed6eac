"""Gradient descent, heavy-ball momentum and Nesterov momentum."""

from __future__ import annotations

import numpy as np

from .._validation import check_bool, check_choice, check_real
from ._base import Optimizer, hyper, weight_decay_args

__all__ = ["gd", "momentum", "nesterov"]

_FORMS = ("torch", "keras")


def gd(lr, *, weight_decay=0.0, decoupled_weight_decay=False):
    r"""Plain gradient descent.

    .. math:: x_{k+1} = x_k - \eta_k \, g_k, \qquad g_k = \nabla f(x_k)

    Parameters
    ----------
    lr : float or Schedule
        Learning rate :math:`\eta_k` (>= 0), or a schedule (update ``k``
        uses ``lr(k)``).
    weight_decay : float, default 0
        :math:`\lambda \ge 0`. Added to the gradient (L2, PyTorch ``SGD``)
        unless ``decoupled_weight_decay``.
    decoupled_weight_decay : bool, default False
        Shrink the parameters instead: :math:`x \leftarrow x(1-\eta_k\lambda)`
        before the update (Keras ``weight_decay``).

    Returns
    -------
    Optimizer

    Raises
    ------
    TypeError
        If ``lr`` is neither a real number nor a schedule, or
        ``decoupled_weight_decay`` is not a bool.
    ValueError
        If ``lr`` or ``weight_decay`` is negative or not finite; for a
        schedule, when the run reaches a step where its value is.

    References
    ----------
    .. [1] A. Cauchy, "Méthode générale pour la résolution des systèmes
       d'équations simultanées", Comptes rendus de l'Académie des sciences
       25, 1847.
    .. [2] I. Loshchilov and F. Hutter, "Decoupled Weight Decay
       Regularization", ICLR 2019, arXiv:1711.05101.
    .. [3] PyTorch 2.13, ``SGD`` in ``torch/optim/sgd.py``.
    .. [4] Keras 3.15, ``SGD`` in ``keras/src/optimizers/sgd.py``.

    Examples
    --------
    >>> import numpy as np
    >>> from lrcourse.optim import gd, run
    >>> traj = run(gd(0.25), lambda x: 2 * x, x0=[1.0], steps=3)   # f = x^2
    >>> traj.x[:, 0]
    array([1.   , 0.5  , 0.25 , 0.125])
    """
    lr = hyper("lr", lr, ge=0)
    wd, dec = weight_decay_args(weight_decay, decoupled_weight_decay)

    def step(x, g, h, slots, t, hp):
        return x - hp[0] * g, slots

    return Optimizer(
        "gd",
        {"lr": lr, "weight_decay": wd, "decoupled_weight_decay": dec},
        hyper_names=("lr",),
        slot_names=(),
        init_slots=lambda x: (),
        step=step,
        weight_decay=wd,
        decoupled=dec,
    )


def momentum(
    lr,
    *,
    momentum=0.9,
    form="torch",
    dampening=0.0,
    nesterov=False,
    weight_decay=0.0,
    decoupled_weight_decay=False,
):
    r"""Heavy-ball momentum, in the PyTorch form or the Keras (Sutskever) form.

    PyTorch form (``torch.optim.SGD``): the buffer holds gradients, the rate
    multiplies the buffer.

    .. math::

        b_k = \mu_k b_{k-1} + (1-d)\, g_k \quad (b_0 = g_0), \qquad
        x_{k+1} = x_k - \eta_k\, b_k
        \quad\bigl(\text{Nesterov: } x_{k+1} = x_k - \eta_k (g_k + \mu_k b_k)\bigr)

    Keras / Sutskever form (``keras.optimizers.SGD``): the velocity holds
    steps, so the rate in force when a gradient arrived stays in it.

    .. math::

        v_k = \mu_k v_{k-1} - \eta_k\, g_k \quad (v_{-1} = 0), \qquad
        x_{k+1} = x_k + v_k
        \quad\bigl(\text{Nesterov: } x_{k+1} = x_k + \mu_k v_k - \eta_k g_k\bigr)

    With a constant rate the two forms give the same iterates (up to
    rounding); once :math:`\eta_k` changes they differ.

    Parameters
    ----------
    lr : float or Schedule
        Learning rate :math:`\eta_k` >= 0, or a schedule.
    momentum : float or Schedule, default 0.9
        :math:`\mu_k`, 0 <= momentum < 1, or a schedule (one-cycle momentum
        cycling, as PyTorch's ``OneCycleLR`` does).
    form : {"torch", "keras"}, default "torch"
        Which of the two update rules above.
    dampening : float, default 0
        :math:`d`, 0 <= d < 1 (PyTorch form only). As in PyTorch the first
        update sets :math:`b_0 = g_0` without dampening.
    nesterov : bool, default False
        Nesterov momentum (needs ``dampening=0``).
    weight_decay, decoupled_weight_decay
        As in :func:`gd`.

    Returns
    -------
    Optimizer

    Raises
    ------
    TypeError
        If a hyperparameter has the wrong type (``lr`` and ``momentum`` may be
        schedules; ``nesterov`` must be a bool).
    ValueError
        For a hyperparameter out of range, ``dampening`` with the Keras form,
        Nesterov with dampening, or an unknown ``form``; for a schedule, when
        the run reaches a step where its value is out of range.

    References
    ----------
    .. [1] B. T. Polyak, "Some methods of speeding up the convergence of
       iteration methods", USSR Computational Mathematics and Mathematical
       Physics 4(5), 1964.
    .. [2] I. Sutskever, J. Martens, G. Dahl and G. Hinton, "On the importance
       of initialization and momentum in deep learning", ICML 2013.
    .. [3] PyTorch 2.13, ``SGD`` in ``torch/optim/sgd.py``.
    .. [4] Keras 3.15, ``SGD`` in ``keras/src/optimizers/sgd.py``.

    Examples
    --------
    >>> from lrcourse.optim import momentum, run
    >>> traj = run(momentum(0.1, momentum=0.5), lambda x: 2 * x, x0=[1.0], steps=3)
    >>> traj.x[:, 0]
    array([1.   , 0.8  , 0.54 , 0.302])
    """
    lr = hyper("lr", lr, ge=0)
    mu = hyper("momentum", momentum, ge=0, lt=1)
    form = check_choice("form", form, _FORMS)
    dampening = check_real("dampening", dampening, ge=0, lt=1)
    nesterov = check_bool("nesterov", nesterov)
    wd, dec = weight_decay_args(weight_decay, decoupled_weight_decay)
    if form == "keras" and dampening != 0:
        raise ValueError(
            "Argument `dampening` must be 0 with form='keras' (Keras has no dampening). "
            f"Received: dampening={dampening!r}"
        )
    if nesterov and dampening != 0:
        raise ValueError(
            "Argument `dampening` must be 0 with nesterov=True. "
            f"Received: dampening={dampening!r}"
        )
    one_minus_d = 1.0 - dampening

    if form == "torch":
        def init_slots(x):
            return (np.zeros_like(x),)

        def step(x, g, h, slots, t, hp):
            lr_k, mu_k = hp
            if t == 1:
                b = g.copy()
            elif one_minus_d == 1.0:
                b = slots[0] * mu_k + g
            else:
                b = slots[0] * mu_k + one_minus_d * g
            d = g + mu_k * b if nesterov else b
            return x - lr_k * d, (b,)
    else:
        def init_slots(x):
            return (np.zeros_like(x),)

        def step(x, g, h, slots, t, hp):
            lr_k, mu_k = hp
            v = slots[0] * mu_k - g * lr_k
            if nesterov:
                return x + (v * mu_k - g * lr_k), (v,)
            return x + v, (v,)

    return Optimizer(
        "nesterov" if nesterov else "momentum",
        {
            "lr": lr,
            "momentum": mu,
            "form": form,
            "dampening": dampening,
            "nesterov": nesterov,
            "weight_decay": wd,
            "decoupled_weight_decay": dec,
        },
        hyper_names=("lr", "momentum"),
        slot_names=("buffer",) if form == "torch" else ("velocity",),
        init_slots=init_slots,
        step=step,
        weight_decay=wd,
        decoupled=dec,
    )


def nesterov(lr, *, momentum=0.9, form="torch", weight_decay=0.0, decoupled_weight_decay=False):
    r"""Nesterov momentum: :func:`momentum` with ``nesterov=True``.

    .. math::

        \text{torch: } b_k = \mu_k b_{k-1} + g_k,\;
        x_{k+1} = x_k - \eta_k (g_k + \mu_k b_k); \qquad
        \text{keras: } v_k = \mu_k v_{k-1} - \eta_k g_k,\;
        x_{k+1} = x_k + \mu_k v_k - \eta_k g_k

    Parameters
    ----------
    lr, momentum, form, weight_decay, decoupled_weight_decay
        As in :func:`momentum`.

    Returns
    -------
    Optimizer

    Raises
    ------
    TypeError, ValueError
        As in :func:`momentum`.

    References
    ----------
    .. [1] Y. Nesterov, "A method for solving the convex programming problem
       with convergence rate O(1/k^2)", Soviet Mathematics Doklady 27, 1983.
    .. [2] I. Sutskever, J. Martens, G. Dahl and G. Hinton, "On the importance
       of initialization and momentum in deep learning", ICML 2013.
    .. [3] PyTorch 2.13, ``SGD(nesterov=True)`` in ``torch/optim/sgd.py``.
    .. [4] Keras 3.15, ``SGD(nesterov=True)`` in ``keras/src/optimizers/sgd.py``.

    Examples
    --------
    >>> from lrcourse.optim import nesterov, run
    >>> traj = run(nesterov(0.1, momentum=0.5), lambda x: 2 * x, x0=[1.0], steps=2)
    >>> traj.x[:, 0]
    array([1.  , 0.7 , 0.44])
    """
    return _momentum(
        lr,
        momentum=momentum,
        form=form,
        nesterov=True,
        weight_decay=weight_decay,
        decoupled_weight_decay=decoupled_weight_decay,
    )


_momentum = momentum
