"""Weight initialisations: the standard deviation each scheme gives a layer."""

from __future__ import annotations

import math

from .._validation import check_choice, check_int, check_real

__all__ = ["INITS", "init_std"]

INITS = ("normal", "glorot", "he")


def init_std(init, fan_in, fan_out, *, std=1.0, gain=1.0):
    r"""Standard deviation of the weights of a ``(fan_in, fan_out)`` layer.

    Every scheme draws :math:`W_{ij} \sim \mathcal N(0, \sigma^2)` with

    .. math::

        \sigma_{\text{normal}} = g\,s, \qquad
        \sigma_{\text{glorot}} = g\sqrt{\frac{2}{n_{\text{in}} + n_{\text{out}}}}, \qquad
        \sigma_{\text{he}} = g\sqrt{\frac{2}{n_{\text{in}}}}

    where :math:`s` is ``std``, :math:`g` is ``gain`` and
    :math:`n_{\text{in}}, n_{\text{out}}` are ``fan_in`` and ``fan_out``.
    Glorot (Xavier) keeps the variance of the signal and of the gradient
    about equal across layers of similar width for activations with slope 1
    at 0, such as tanh; He keeps the forward variance for ReLU, which zeroes
    half of its inputs. Biases start at 0 (and batch normalisation's
    :math:`\gamma` at 1, :math:`\beta` at 0).

    Parameters
    ----------
    init : {"normal", "glorot", "he"}
        The scheme.
    fan_in, fan_out : int
        Input and output width of the layer, >= 1.
    std : float, default 1.0
        :math:`s` > 0, the standard deviation of ``"normal"`` (ignored by the
        other schemes).
    gain : float, default 1.0
        :math:`g` > 0, a factor on every scheme (a weight-scale control).

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``fan_in``/``fan_out`` is not an integer or ``std``/``gain`` not a
        real number.
    ValueError
        For an unknown ``init``, a width below 1, or ``std``/``gain`` <= 0.

    References
    ----------
    .. [1] X. Glorot and Y. Bengio, "Understanding the difficulty of training
       deep feedforward neural networks", AISTATS 2010, eq. 12 (the
       variance 2 / (n_in + n_out); eq. 16 is its uniform form).
    .. [2] K. He, X. Zhang, S. Ren and J. Sun, "Delving Deep into Rectifiers",
       ICCV 2015, eq. 10 (the variance 2 / n_in), arXiv:1502.01852.
    .. [3] PyTorch 2.13, ``xavier_normal_`` and ``kaiming_normal_`` in
       ``torch/nn/init.py`` (same formulas; their ``fan_in`` is the
       second dimension of PyTorch's ``(out, in)`` weight).

    Examples
    --------
    >>> from lrcourse.nn import init_std
    >>> [round(init_std(s, 256, 256) ** 2, 10) for s in ("glorot", "he")]   # variances
    [0.00390625, 0.0078125]
    """
    init = check_choice("init", init, INITS)
    n_in = check_int("fan_in", fan_in, ge=1)
    n_out = check_int("fan_out", fan_out, ge=1)
    s = check_real("std", std, gt=0)
    g = check_real("gain", gain, gt=0)
    if init == "normal":
        return g * s
    if init == "glorot":
        return g * math.sqrt(2.0 / (n_in + n_out))
    return g * math.sqrt(2.0 / n_in)
