"""Small seeded data sets: two moons, spirals and a 1-D regression."""

from __future__ import annotations

import numpy as np

from .._validation import check_int, check_real

__all__ = ["regression", "spirals", "two_moons"]


def two_moons(n=200, *, noise=0.1, seed=0):
    r"""Two interleaved half circles, one class each (a binary classification).

    Point :math:`i` of class 0 lies at :math:`(\cos t_i, \sin t_i)` and of
    class 1 at :math:`(1 - \cos t_i, \tfrac12 - \sin t_i)`, with
    :math:`t_i` evenly spaced in :math:`[0, \pi]`, plus Gaussian noise of
    standard deviation ``noise`` on each coordinate (the layout of
    scikit-learn's ``make_moons``). The rows are shuffled.

    Parameters
    ----------
    n : int, default 200
        Number of points, >= 2 (class 0 gets the extra point when ``n`` is odd).
    noise : float, default 0.1
        Standard deviation of the noise, >= 0.
    seed : int, default 0
        Seed of ``numpy.random.default_rng``, >= 0: the same seed gives the
        same data.

    Returns
    -------
    X : numpy.ndarray, shape (n, 2), float64
    y : numpy.ndarray, shape (n,), int64
        Labels 0 and 1.

    Raises
    ------
    TypeError
        If ``n`` or ``seed`` is not an integer or ``noise`` not a real number.
    ValueError
        If ``n`` < 2, ``noise`` < 0 or ``seed`` < 0.

    Notes
    -----
    Stated accuracy (tested): ``MLP((2, 64, 64, 2), activation="relu",
    init="he", seed=0)`` trained by ``train(net, adam(0.01), X, y,
    steps=100)`` on ``two_moons(200, noise=0.1, seed=0)`` classifies at
    least 99% of the training points correctly.

    References
    ----------
    .. [1] scikit-learn 1.7, ``make_moons`` in ``sklearn/datasets/_samples_generator.py``.

    Examples
    --------
    >>> from lrcourse.nn import two_moons
    >>> X, y = two_moons(100, seed=1)
    >>> X.shape, y.shape, int(y.sum())
    ((100, 2), (100,), 50)
    """
    n = check_int("n", n, ge=2)
    noise = check_real("noise", noise, ge=0)
    rng = np.random.default_rng(check_int("seed", seed, ge=0))
    n0 = n - n // 2
    t0 = np.linspace(0.0, np.pi, n0)
    t1 = np.linspace(0.0, np.pi, n // 2)
    X = np.concatenate([
        np.stack([np.cos(t0), np.sin(t0)], axis=1),
        np.stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)], axis=1),
    ])
    y = np.concatenate([np.zeros(n0, np.int64), np.ones(n // 2, np.int64)])
    X = X + noise * rng.standard_normal(X.shape)
    order = rng.permutation(n)
    return X[order], y[order]


def spirals(n=300, *, classes=3, turns=1.0, noise=0.05, seed=0):
    r"""Interleaved spiral arms, one class each.

    Point :math:`i` of arm :math:`c` lies at radius :math:`r_i` and angle
    :math:`\theta_i = 2\pi\,(\text{turns}\; r_i + c / C)`, with
    :math:`r_i` evenly spaced in :math:`[0.1, 1]` and :math:`C` =
    ``classes``, plus Gaussian noise of standard deviation ``noise`` on
    each coordinate. The rows are shuffled.

    Parameters
    ----------
    n : int, default 300
        Number of points, >= ``classes`` (spread as evenly as possible over
        the classes).
    classes : int, default 3
        Number of arms, >= 2.
    turns : float, default 1.0
        Number of turns of each arm, > 0 (more turns: a harder problem).
    noise : float, default 0.05
        Standard deviation of the noise, >= 0.
    seed : int, default 0
        Seed of ``numpy.random.default_rng``, >= 0.

    Returns
    -------
    X : numpy.ndarray, shape (n, 2), float64
    y : numpy.ndarray, shape (n,), int64
        Labels 0 .. ``classes`` - 1.

    Raises
    ------
    TypeError
        If an integer argument is not an integer or a real one not a number.
    ValueError
        If ``classes`` < 2, ``n`` < ``classes``, ``turns`` <= 0, ``noise`` < 0
        or ``seed`` < 0.

    Notes
    -----
    Stated accuracy (tested): ``MLP((2, 64, 64, 3), activation="relu",
    init="he", seed=0)`` trained by ``train(net, adam(0.01), X, y,
    steps=200)`` on ``spirals(300, classes=3, seed=0)`` classifies at least
    95% of the training points correctly.

    References
    ----------
    .. [1] K. J. Lang and M. J. Witbrock, "Learning to tell two spirals apart",
       Proceedings of the 1988 Connectionist Models Summer School (the
       two-spirals benchmark this generalises).

    Examples
    --------
    >>> from lrcourse.nn import spirals
    >>> X, y = spirals(90, classes=3)
    >>> X.shape, sorted(set(y.tolist()))
    ((90, 2), [0, 1, 2])
    """
    classes = check_int("classes", classes, ge=2)
    n = check_int("n", n, ge=classes)
    turns = check_real("turns", turns, gt=0)
    noise = check_real("noise", noise, ge=0)
    rng = np.random.default_rng(check_int("seed", seed, ge=0))
    y = np.arange(n, dtype=np.int64) % classes
    X = np.empty((n, 2))
    for c in range(classes):
        idx = np.flatnonzero(y == c)
        r = np.linspace(0.1, 1.0, idx.size)
        theta = 2.0 * np.pi * (turns * r + c / classes)
        X[idx, 0] = r * np.cos(theta)
        X[idx, 1] = r * np.sin(theta)
    X += noise * rng.standard_normal(X.shape)
    order = rng.permutation(n)
    return X[order], y[order]


def regression(n=200, *, noise=0.1, seed=0):
    r"""A 1-D regression: :math:`t = \sin(2x) + \tfrac12 x + \varepsilon`.

    :math:`x` is uniform on :math:`[-2, 2]` and :math:`\varepsilon` Gaussian
    with standard deviation ``noise``. The best possible mean squared error
    is about ``noise**2``.

    Parameters
    ----------
    n : int, default 200
        Number of points, >= 2.
    noise : float, default 0.1
        Standard deviation of :math:`\varepsilon`, >= 0.
    seed : int, default 0
        Seed of ``numpy.random.default_rng``, >= 0.

    Returns
    -------
    X : numpy.ndarray, shape (n, 1), float64
    y : numpy.ndarray, shape (n, 1), float64
        The targets :math:`t`, as a column (the shape of a 1-output network).

    Raises
    ------
    TypeError
        If ``n`` or ``seed`` is not an integer or ``noise`` not a real number.
    ValueError
        If ``n`` < 2, ``noise`` < 0 or ``seed`` < 0.

    Notes
    -----
    Stated accuracy (tested): ``MLP((1, 64, 64, 1), activation="tanh",
    init="glorot", seed=0)`` trained by ``train(net, adam(0.01), X, y,
    steps=200, loss="mse")`` on ``regression(200, noise=0.1, seed=0)``
    reaches :math:`R^2 \ge 0.95` on the training points (``net.r2``).

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer
       2006, §1.1 (a noisy sine as the first regression example).

    Examples
    --------
    >>> from lrcourse.nn import regression
    >>> X, y = regression(50)
    >>> X.shape, y.shape
    ((50, 1), (50, 1))
    """
    n = check_int("n", n, ge=2)
    noise = check_real("noise", noise, ge=0)
    rng = np.random.default_rng(check_int("seed", seed, ge=0))
    x = rng.uniform(-2.0, 2.0, size=(n, 1))
    return x, np.sin(2.0 * x) + 0.5 * x + noise * rng.standard_normal((n, 1))
