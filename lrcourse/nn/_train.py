"""The training loop: minibatch steps of any lrcourse optimiser on an MLP."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_choice, check_int, check_real
from ..optim import Optimizer
from ._clip import _check_norm_type, clip_coef, total_norm
from ._linalg import frobenius
from ._losses import LOSSES
from ._mlp import MLP

__all__ = ["TrainResult", "train"]


@dataclass(frozen=True, eq=False)
class TrainResult:
    """The record of one training run (read-only arrays).

    Attributes
    ----------
    model : MLP
        The trained network (a new one; the network given to :func:`train`
        is not changed).
    loss : numpy.ndarray, shape (steps,)
        The loss on the batch of step ``k``, before update ``k``.
    lr : numpy.ndarray, shape (steps,)
        The learning rate used by update ``k``.
    grad_norms : numpy.ndarray, shape (steps, n_layers)
        Row ``k``: the norm of each weight matrix's gradient at step ``k``,
        first layer first (:meth:`MLP.layer_grad_norms`), before clipping.
    total_norm : numpy.ndarray, shape (steps,)
        The norm of order ``norm_type`` of all gradients at step ``k``, before
        clipping (:func:`clip_grad_norm`'s ``total_norm``).
    clipped : numpy.ndarray of bool, shape (steps,)
        Whether clipping scaled step ``k``'s gradient down.
    diverged_at : int or None
        The first step whose loss or gradient is not finite, or whose update
        gives parameters that are not finite. That update is not kept:
        :attr:`model` holds the last finite parameters, and the rows from
        ``diverged_at`` on are NaN. None if every step stayed finite.
    optimizer : str
        ``repr`` of the optimiser.
    """

    model: MLP
    loss: np.ndarray
    lr: np.ndarray
    grad_norms: np.ndarray
    total_norm: np.ndarray
    clipped: np.ndarray
    diverged_at: int | None
    optimizer: str

    @property
    def diverged(self) -> bool:
        """True if some step was not finite."""
        return self.diverged_at is not None

    @property
    def steps(self) -> int:
        """Number of steps asked for."""
        return int(self.loss.shape[0])

    def __repr__(self) -> str:
        status = f"diverged at step {self.diverged_at}" if self.diverged else "finite"
        return f"TrainResult({self.optimizer}, steps={self.steps}, {status})"


def train(
    model,
    optimizer,
    X,
    y,
    *,
    steps,
    loss="cross_entropy",
    batch_size=None,
    max_norm=None,
    norm_type=2.0,
    seed=0,
    on_divergence="flag",
):
    r"""Train a copy of ``model`` with ``optimizer`` for ``steps`` updates.

    Step :math:`k = 0, \dots, \text{steps} - 1` takes a batch :math:`B_k`,
    computes the loss and the gradient :math:`g_k` of all parameters
    :math:`\theta` (flattened into one vector, in the order of
    :attr:`MLP.params`), optionally clips it, and lets the optimiser update:

    .. math::

        g_k = \nabla_\theta \mathcal L_{B_k}(\theta_k), \qquad
        \tilde g_k = \min\Bigl(1, \frac{\tau}{\|g_k\|_p + 10^{-6}}\Bigr) g_k, \qquad
        \theta_{k+1} = \mathrm{update}(\theta_k, \tilde g_k, k)

    The update is the optimiser's own (``optimizer.update``), so update
    :math:`k` uses ``lr(k)`` exactly as :func:`lrcourse.optim.run` does,
    with a float or any :mod:`lrcourse.schedules` schedule.

    Batches: with ``batch_size=None`` every step uses all of ``X``. Otherwise
    each epoch draws a new random order of the rows and cuts it into
    ``len(X) // batch_size`` batches (a last, smaller batch is dropped).
    Everything random comes from ``seed``, so a run is deterministic.

    Parameters
    ----------
    model : MLP
        The network to start from (not changed).
    optimizer : Optimizer
        From :mod:`lrcourse.optim` (for example ``adam(0.01)`` or
        ``momentum(schedules.cosine_decay(0.1, decay_steps=500), momentum=0.9)``).
        Newton's methods need a Hessian and are refused.
    X, y : array_like
        The data, as for :meth:`MLP.loss_and_grads`.
    steps : int
        Number of updates, >= 0.
    loss : {"cross_entropy", "mse"}, default "cross_entropy"
    batch_size : int, optional
        Rows per batch, 1 <= batch_size <= len(X) (>= 2 with batch
        normalisation). None: the full batch.
    max_norm : float, optional
        :math:`\tau` >= 0: clip each step's gradient with
        :func:`clip_grad_norm`. None: no clipping.
    norm_type : float, default 2.0
        :math:`p` of the clipping norm and of :attr:`TrainResult.total_norm`
        (> 0, or ``math.inf``).
    seed : int, default 0
        Seed of the batch order, >= 0.
    on_divergence : {"flag", "raise"}, default "flag"
        ``"flag"``: stop at the first step that is not finite and record it
        in ``diverged_at``. ``"raise"``: raise ``FloatingPointError`` there.

    Returns
    -------
    TrainResult

    Raises
    ------
    TypeError, ValueError
        For a bad argument (the message names it), data that do not fit the
        network, or an optimiser that needs a Hessian.
    FloatingPointError
        With ``on_divergence="raise"``, at the first step that is not finite.

    References
    ----------
    .. [1] L. Bottou, F. E. Curtis and J. Nocedal, "Optimization Methods for
       Large-Scale Machine Learning", SIAM Review 60(2), 2018, §3.3
       (minibatch stochastic gradient), arXiv:1606.04838.
    .. [2] PyTorch 2.13, ``torch.utils.data.DataLoader(shuffle=True,
       drop_last=True)`` (the batch order used here).

    Examples
    --------
    >>> from lrcourse.nn import MLP, train, two_moons
    >>> from lrcourse.optim import adam
    >>> X, y = two_moons(200, seed=0)
    >>> net = MLP((2, 16, 2), activation="tanh", init="glorot", seed=0)
    >>> res = train(net, adam(0.05), X, y, steps=200)
    >>> res.loss.shape, res.grad_norms.shape, res.diverged
    ((200,), (200, 2), False)
    >>> res.model.accuracy(X, y) > 0.95
    True
    """
    if not isinstance(model, MLP):
        raise TypeError(
            f"Argument `model` must be an lrcourse.nn.MLP. Received: model={model!r}"
        )
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            "Argument `optimizer` must be an lrcourse Optimizer (e.g. lrcourse.optim.adam(0.01)). "
            f"Received: optimizer={optimizer!r}"
        )
    if optimizer.needs_hessian:
        raise ValueError(
            "Argument `optimizer` must not need a Hessian (train computes gradients only). "
            f"Received: optimizer={optimizer!r}"
        )
    steps = check_int("steps", steps, ge=0)
    loss = check_choice("loss", loss, LOSSES)
    X = model._check_X(X)
    y = model._check_y(y, X.shape[0], loss)
    n = X.shape[0]
    if batch_size is not None:
        batch_size = check_int("batch_size", batch_size, ge=2 if model.batch_norm else 1)
        if batch_size > n:
            raise ValueError(
                f"Argument `batch_size` must be <= the number of rows of X ({n}). "
                f"Received: batch_size={batch_size}"
            )
    tau = None if max_norm is None else check_real("max_norm", max_norm, ge=0)
    p = _check_norm_type(norm_type)
    rng = np.random.default_rng(check_int("seed", seed, ge=0))
    on_divergence = check_choice("on_divergence", on_divergence, ("flag", "raise"))

    lrs = np.array(optimizer.hyper_values(0, steps)["lr"], dtype=np.float64)
    net = model.copy()
    n_layers = net.n_layers
    losses = np.full(steps, np.nan)
    norms = np.full((steps, n_layers), np.nan)
    totals = np.full(steps, np.nan)
    clipped = np.zeros(steps, dtype=bool)
    w_index = net._w_index
    state = optimizer.init(net._flat)
    order, pos = None, n
    diverged_at = None
    for k in range(steps):
        if batch_size is None:
            Xb, yb = X, y
        else:
            if pos + batch_size > n:
                order, pos = rng.permutation(n), 0
            idx = order[pos:pos + batch_size]
            pos += batch_size
            Xb, yb = X[idx], y[idx]
        value, g, views = net._loss_and_grads(Xb, yb, loss)
        with np.errstate(all="ignore"):
            layer = [frobenius(views[i]) for i in w_index]
            total = total_norm([g], p)
        if not (math.isfinite(value) and math.isfinite(total)):
            diverged_at = k
            break
        losses[k], norms[k], totals[k] = value, layer, total
        if tau is not None:
            coef = clip_coef(total, tau)
            if coef < 1.0:
                g *= coef
                clipped[k] = True
        new = optimizer.update(state, g, k)
        if not np.isfinite(new.x).all():
            diverged_at = k
            losses[k], norms[k], totals[k] = np.nan, np.nan, np.nan
            break
        state = new
        net._flat[...] = state.x
    if diverged_at is not None and on_divergence == "raise":
        raise FloatingPointError(
            f"Training with {optimizer!r} diverged: step {diverged_at} is not finite"
        )
    for a in (losses, lrs, norms, totals, clipped):
        a.setflags(write=False)
    return TrainResult(net, losses, lrs, norms, totals, clipped, diverged_at, repr(optimizer))
