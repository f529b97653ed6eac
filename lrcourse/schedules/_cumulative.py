"""The cumulative learning rate: the sum of the rates, a measure of distance travelled."""

from __future__ import annotations

import numpy as np

from .._validation import check_int

__all__ = ["cumulative_rate"]


def cumulative_rate(schedule, *, steps):
    r"""The sum of the rates of the first :math:`t` updates, for :math:`t = 0, \dots, n`.

    .. math:: S_t = \sum_{k=0}^{t-1} \eta_k, \qquad S_0 = 0

    With gradients of size at most :math:`G`, the :math:`t` updates of
    gradient descent move the weights by at most :math:`G\,S_t`; on a flat
    direction of a quadratic, gradient descent shrinks the distance to the
    minimum by about :math:`e^{-\lambda S_t}`. Two schedules with the same
    :math:`S_n` are therefore a fair pair to compare.

    Parameters
    ----------
    schedule : callable
        A schedule (any callable ``steps -> rates``, such as a
        :class:`~lrcourse.schedules.Schedule`), or a float for a constant rate.
    steps : int
        :math:`n \ge 0`, the number of updates.

    Returns
    -------
    numpy.ndarray, shape (steps + 1,)
        :math:`S_0, S_1, \dots, S_n`.

    Raises
    ------
    TypeError, ValueError
        If ``steps`` is not an integer >= 0.

    References
    ----------
    .. [1] H. Robbins and S. Monro, "A Stochastic Approximation Method",
       Annals of Mathematical Statistics 22(3), 1951 (the condition
       :math:`\sum_t \eta_t = \infty`: :math:`S_t` must grow without bound).

    Examples
    --------
    >>> from lrcourse.schedules import cumulative_rate, polynomial_decay
    >>> cumulative_rate(0.1, steps=3)
    array([0. , 0.1, 0.2, 0.3])
    >>> cumulative_rate(polynomial_decay(0.1, decay_steps=4), steps=4)
    array([0.   , 0.1  , 0.175, 0.225, 0.25 ])
    """
    steps = check_int("steps", steps, ge=0)
    t = np.arange(steps)
    rates = (np.asarray(schedule(t), dtype=np.float64) if callable(schedule)
             else np.full(steps, float(schedule)))
    out = np.zeros(steps + 1)
    np.cumsum(rates, out=out[1:])
    return out
