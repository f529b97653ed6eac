"""Gradient-norm clipping with PyTorch's semantics."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import numpy as np

from .._validation import check_bool, check_real

__all__ = ["clip_grad_norm"]


def _check_norm_type(norm_type) -> float:
    if isinstance(norm_type, numbers.Real) and not isinstance(norm_type, bool | np.bool_):
        if float(norm_type) == math.inf:
            return math.inf
    return check_real("norm_type", norm_type, gt=0)


def _vector_norm(a: np.ndarray, p: float) -> float:
    a = np.abs(a.ravel())
    if p == math.inf:
        return float(a.max()) if a.size else 0.0
    if p == 2.0:
        return float(np.sqrt(np.dot(a, a)))
    if p == 1.0:
        return float(a.sum())
    return float(np.sum(a**p) ** (1.0 / p))


def clip_grad_norm(grads, max_norm, norm_type=2.0, *, error_if_nonfinite=False):
    r"""Scale a list of gradients down so that their joint norm is at most ``max_norm``.

    .. math::

        \|g\|_p = \Bigl(\sum_i \|g_i\|_p^p\Bigr)^{1/p}
        \;\; (\|g\|_\infty = \max_i \|g_i\|_\infty), \qquad
        c = \min\Bigl(1,\; \frac{\tau}{\|g\|_p + 10^{-6}}\Bigr), \qquad
        g_i \leftarrow c\, g_i

    with :math:`\tau` = ``max_norm`` and :math:`p` = ``norm_type``. This is
    ``torch.nn.utils.clip_grad_norm_``: the total norm is the :math:`p`-norm
    of the per-array norms, the coefficient is clamped at 1 (so a gradient
    whose norm is below ``max_norm`` comes back unchanged: clipping only
    shrinks, it never enlarges a small gradient), and every array is
    multiplied by the same :math:`c`, so the direction is kept. Because of
    the :math:`10^{-6}`, a clipped gradient's norm is slightly below
    ``max_norm``.

    Parameters
    ----------
    grads : list of array_like
        The gradients (for example from :meth:`MLP.loss_and_grads`). They are
        not changed.
    max_norm : float
        :math:`\tau` >= 0.
    norm_type : float, default 2.0
        :math:`p` > 0, or ``math.inf`` for the largest absolute entry.
    error_if_nonfinite : bool, default False
        Raise if the total norm is NaN or infinite. PyTorch's default is
        False too: then a non-finite total gives :math:`c = 0` (inf) or NaN
        (NaN), exactly as PyTorch does.

    Returns
    -------
    clipped : list of numpy.ndarray
        New float64 arrays :math:`c\, g_i`, shaped like ``grads``.
    total_norm : float
        :math:`\|g\|_p` before clipping.

    Raises
    ------
    TypeError
        If ``grads`` is not a list of numeric arrays, or an argument has the
        wrong type.
    ValueError
        If ``max_norm`` < 0 or not finite, ``norm_type`` <= 0 or NaN, or
        (with ``error_if_nonfinite``) the total norm is NaN or infinite.

    References
    ----------
    .. [1] R. Pascanu, T. Mikolov and Y. Bengio, "On the difficulty of training
       recurrent neural networks", ICML 2013, Algorithm 1, arXiv:1211.5063.
    .. [2] PyTorch 2.13, ``clip_grad_norm_`` in ``torch/nn/utils/clip_grad.py``.

    Examples
    --------
    >>> from lrcourse.nn import clip_grad_norm
    >>> clipped, total = clip_grad_norm([[3.0, 4.0]], max_norm=1.0)
    >>> total, [round(float(v), 6) for v in clipped[0]]
    (5.0, [0.6, 0.8])
    >>> clip_grad_norm([[0.3, 0.4]], max_norm=1.0)[0][0]   # unchanged
    array([0.3, 0.4])
    """
    if isinstance(grads, str | bytes | np.ndarray) or not isinstance(grads, Sequence):
        raise TypeError(
            "Argument `grads` must be a list of arrays (for example the gradients from "
            f"MLP.loss_and_grads). Received: grads={grads!r}"
        )
    arrays = []
    for i, g in enumerate(grads):
        a = np.asarray(g)
        if a.dtype.kind not in "iuf" or isinstance(g, bool | np.bool_):
            raise TypeError(
                f"Argument `grads` must be a list of numeric arrays. Received: grads[{i}]={g!r}"
            )
        arrays.append(a.astype(np.float64))
    tau = check_real("max_norm", max_norm, ge=0)
    p = _check_norm_type(norm_type)
    error_if_nonfinite = check_bool("error_if_nonfinite", error_if_nonfinite)
    total = total_norm(arrays, p)
    if error_if_nonfinite and not math.isfinite(total):
        raise ValueError(
            f"The total norm of order {p:g} of `grads` must be finite. Received: a total "
            f"norm of {total!r}"
        )
    coef = clip_coef(total, tau)
    with np.errstate(over="ignore", invalid="ignore"):
        return [a * coef for a in arrays], total


def total_norm(arrays, p):
    """The p-norm of the per-array p-norms (unchecked arguments)."""
    with np.errstate(over="ignore", invalid="ignore"):
        norms = np.array([_vector_norm(a, p) for a in arrays])
        return _vector_norm(norms, p) if len(arrays) else 0.0


def clip_coef(total, max_norm):
    """min(1, max_norm / (total + 1e-6)), NaN for a NaN total (as PyTorch)."""
    if math.isnan(total):
        return math.nan
    return min(max_norm / (total + 1e-6), 1.0)
