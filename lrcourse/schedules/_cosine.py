"""Cosine annealing, warm restarts (SGDR) and linear cosine decay."""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_bool, check_int, check_real
from ._base import Schedule

__all__ = [
    "cosine_decay",
    "cosine_restarts",
    "linear_cosine_decay",
    "noisy_linear_cosine_decay",
]


def _floor_args(alpha, end_lr, peak_name):
    """Validate the two ways of giving the floor; return ``(alpha, end_lr)``."""
    if alpha is not None and end_lr is not None:
        raise ValueError(
            "Arguments `alpha` and `end_lr` must not both be given (alpha is the floor "
            f"as a fraction of {peak_name}, end_lr the floor itself). "
            f"Received: alpha={alpha!r}, end_lr={end_lr!r}"
        )
    if end_lr is not None:
        return None, check_real("end_lr", end_lr, ge=0)
    return check_real("alpha", 0.0 if alpha is None else alpha, ge=0, le=1), None


def _floored(peak, alpha, end_lr, c):
    r"""Scale a cosine factor :math:`c \in [0, 1]` between the peak and the floor.

    Floor as a fraction :math:`\alpha`: :math:`\eta_0((1-\alpha)c + \alpha)`;
    as a rate :math:`\eta_{end}`: :math:`\eta_{end} + (\eta_0 - \eta_{end})c`.
    """
    if end_lr is None:
        return peak * ((1 - alpha) * c + alpha)
    return end_lr + (peak - end_lr) * c


def _half_cos(x):
    r""":math:`(1 + \cos \pi x)/2`, written as the frameworks write it."""
    return 0.5 * (1.0 + np.cos(math.pi * x))


def cosine_decay(lr0, *, decay_steps, alpha=None, end_lr=None, exponent=1.0, clamp=True):
    r"""Cosine annealing from :math:`\eta_0` down to a floor.

    .. math::

        c_t = \tfrac12\bigl(1 + \cos(\pi \tau / T)\bigr),\qquad
        \eta_t = \begin{cases}
          \eta_0\bigl((1-\alpha)\,c_t^{\,e} + \alpha\bigr) & \text{floor as a fraction } \alpha\\
          \eta_{end} + (\eta_0 - \eta_{end})\,c_t^{\,e} & \text{floor as a rate } \eta_{end}
        \end{cases}

    with :math:`\tau = \min(t, T)` when ``clamp`` (TensorFlow, Keras, optax:
    the rate stays at the floor after :math:`T`) or :math:`\tau = t`
    otherwise (PyTorch ``CosineAnnealingLR``: past :math:`T` the rate rises
    again, a cosine of period :math:`2T`).

    Parameters
    ----------
    lr0 : float
        Initial rate :math:`\eta_0` >= 0.
    decay_steps : float
        :math:`T` > 0.
    alpha : float, optional
        Floor as a fraction of :math:`\eta_0`, in [0, 1]. Default 0 when
        ``end_lr`` is not given.
    end_lr : float, optional
        Floor as a rate :math:`\eta_{end}` >= 0. Give ``alpha`` or
        ``end_lr``, not both.
    exponent : float, default 1.0
        :math:`e` > 0.
    clamp : bool, default True
        Hold the floor after :math:`T` (``False``: PyTorch's rise).

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number, or ``clamp`` is not a bool.
    ValueError
        If ``decay_steps`` or ``exponent`` is not finite or not > 0, ``lr0``
        or ``end_lr`` is negative, ``alpha`` is outside [0, 1], or both
        ``alpha`` and ``end_lr`` are given.

    References
    ----------
    .. [1] I. Loshchilov and F. Hutter, "SGDR: Stochastic Gradient Descent
       with Warm Restarts", ICLR 2017, arXiv:1608.03983.
    .. [2] TensorFlow 2.21, ``cosine_decay`` in
       ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``.
    .. [3] Keras 3.15, ``CosineDecay`` in
       ``keras/src/optimizers/schedules/learning_rate_schedule.py``.
    .. [4] PyTorch 2.13, ``CosineAnnealingLR`` in ``torch/optim/lr_scheduler.py``
       (``eta_min``, no clamp).
    .. [5] optax 0.2.8, ``cosine_decay_schedule`` in ``optax/schedules/_schedule.py``
       (``exponent``).

    Examples
    --------
    >>> from lrcourse.schedules import cosine_decay
    >>> cosine_decay(0.1, decay_steps=10, alpha=0.1)([0, 5, 10, 15])
    array([0.1  , 0.055, 0.01 , 0.01 ])
    >>> cosine_decay(0.1, decay_steps=10, end_lr=0.01, clamp=False)([0, 5, 10, 15, 20])
    array([0.1  , 0.055, 0.01 , 0.055, 0.1  ])
    """
    lr0 = check_real("lr0", lr0, ge=0)
    decay_steps = check_real("decay_steps", decay_steps, gt=0)
    alpha, end_lr = _floor_args(alpha, end_lr, "lr0")
    exponent = check_real("exponent", exponent, gt=0)
    clamp = check_bool("clamp", clamp)

    def fn(t):
        tau = np.minimum(t, decay_steps) if clamp else t
        c = _half_cos(tau / decay_steps)
        if exponent != 1.0:
            c = c**exponent
        return _floored(lr0, alpha, end_lr, c)

    return Schedule(
        "cosine_decay",
        {
            "lr0": lr0,
            "decay_steps": decay_steps,
            "alpha": alpha,
            "end_lr": end_lr,
            "exponent": exponent,
            "clamp": clamp,
        },
        fn,
    )


def _restart_index(u, period_mult):
    r"""Index :math:`i` of the period containing :math:`u` (in units of the first period).

    Period :math:`i` starts at :math:`S_i = (m^i - 1)/(m - 1)` (or :math:`i`
    when :math:`m = 1`). The logarithm gives a first guess, corrected so that
    :math:`S_i \le u < S_{i+1}` holds exactly (at an exact restart the new
    period has begun).
    """
    if period_mult == 1.0:
        i = np.floor(u)
        return i, i
    m = period_mult
    i = np.floor(np.log1p(u * (m - 1.0)) / math.log(m))
    start = (_whole_power(m, i) - 1.0) / (m - 1.0)
    i = np.where(u < start, i - 1, i)
    start = (_whole_power(m, i) - 1.0) / (m - 1.0)
    nxt = (_whole_power(m, i + 1) - 1.0) / (m - 1.0)
    i = np.where(u >= nxt, i + 1, i)
    start = (_whole_power(m, i) - 1.0) / (m - 1.0)
    return i, start


def _whole_power(base, i):
    """``base ** i`` for an array ``i`` of whole numbers (a restart index).

    ``i`` holds few distinct values (about log2 of the number of restarts),
    so each power is computed once, by the same ``np.power``, and looked up:
    the same bits as ``base ** i`` for a fraction of the cost.
    """
    i = np.asarray(i)
    if i.size == 0:
        return base**i
    lo, hi = i.min(), i.max()
    if hi - lo >= min(i.size, 4096):  # as many powers as steps: no gain
        return base**i
    table = base ** np.arange(lo, hi + 1.0)
    return table[(i - lo).astype(np.intp)]


def cosine_restarts(
    lr0, *, first_period, period_mult=1.0, peak_mult=1.0, alpha=None, end_lr=None
):
    r"""Cosine annealing with warm restarts (SGDR, Loshchilov & Hutter 2017).

    Period :math:`i = 0, 1, \dots` lasts :math:`T_i = T_0 m^i` steps and
    starts at :math:`S_i = T_0 (m^i - 1)/(m - 1)` (:math:`S_i = i T_0` when
    :math:`m = 1`). Inside it, with :math:`x = (t - S_i)/T_i \in [0, 1)`,

    .. math::

        c_t = \tfrac12 M^{i} \bigl(1 + \cos \pi x\bigr),\qquad
        \eta_t = \eta_0\bigl((1-\alpha) c_t + \alpha\bigr)
        \quad\text{or}\quad \eta_{end} + (\eta_0 - \eta_{end}) c_t .

    The peak multiplier :math:`M` scales the cosine part only: the floor is
    not multiplied by :math:`M`. This is not Smith's cyclical learning rate
    (see :func:`cyclic`).

    Parameters
    ----------
    lr0 : float
        First peak :math:`\eta_0` >= 0.
    first_period : float
        :math:`T_0` > 0.
    period_mult : float, default 1.0
        :math:`m` >= 1 (TensorFlow's default is 2.0, PyTorch's 1).
    peak_mult : float, default 1.0
        :math:`M` > 0.
    alpha, end_lr : float, optional
        The floor, as in :func:`cosine_decay`.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number.
    ValueError
        If ``first_period`` or ``peak_mult`` is not finite or not > 0,
        ``period_mult`` < 1, ``lr0`` or ``end_lr`` is negative, ``alpha`` is
        outside [0, 1], or both ``alpha`` and ``end_lr`` are given.

    References
    ----------
    .. [1] I. Loshchilov and F. Hutter, "SGDR: Stochastic Gradient Descent
       with Warm Restarts", ICLR 2017, arXiv:1608.03983.
    .. [2] TensorFlow 2.21, ``cosine_decay_restarts`` in
       ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``.
    .. [3] Keras 3.15, ``CosineDecayRestarts`` in
       ``keras/src/optimizers/schedules/learning_rate_schedule.py``.
    .. [4] PyTorch 2.13, ``CosineAnnealingWarmRestarts`` in
       ``torch/optim/lr_scheduler.py``.

    Examples
    --------
    >>> from lrcourse.schedules import cosine_restarts
    >>> s = cosine_restarts(0.1, first_period=10, period_mult=2.0, peak_mult=0.5)
    >>> s([0, 5, 10, 20, 30])
    array([0.1  , 0.05 , 0.05 , 0.025, 0.025])
    """
    lr0 = check_real("lr0", lr0, ge=0)
    first_period = check_real("first_period", first_period, gt=0)
    period_mult = check_real("period_mult", period_mult, ge=1)
    peak_mult = check_real("peak_mult", peak_mult, gt=0)
    alpha, end_lr = _floor_args(alpha, end_lr, "lr0")

    def fn(t):
        u = t / first_period
        i, start = _restart_index(u, period_mult)
        x = u - i if period_mult == 1.0 else (u - start) / _whole_power(period_mult, i)
        c = 0.5 * _whole_power(peak_mult, i) * (1.0 + np.cos(math.pi * x))
        return _floored(lr0, alpha, end_lr, c)

    return Schedule(
        "cosine_restarts",
        {
            "lr0": lr0,
            "first_period": first_period,
            "period_mult": period_mult,
            "peak_mult": peak_mult,
            "alpha": alpha,
            "end_lr": end_lr,
        },
        fn,
    )


def _linear_cosine_parts(t, decay_steps, num_periods):
    tau = np.minimum(t, decay_steps)
    linear = (decay_steps - tau) / decay_steps
    cosine = 0.5 * (1.0 + np.cos(math.pi * (2.0 * num_periods * (tau / decay_steps))))
    return linear, cosine


def linear_cosine_decay(lr0, *, decay_steps, num_periods=0.5, alpha=0.0, beta=0.001):
    r"""Linear cosine decay (Bello et al. 2017, found by a search over update rules).

    .. math::

        \tau = \min(t, T),\quad
        \ell_t = \frac{T - \tau}{T},\quad
        c_t = \tfrac12\bigl(1 + \cos(2\pi n \tau / T)\bigr),\quad
        \eta_t = \eta_0\bigl((\alpha + \ell_t)\,c_t + \beta\bigr)

    Parameters
    ----------
    lr0 : float
        :math:`\eta_0` >= 0.
    decay_steps : float
        :math:`T` > 0.
    num_periods : float, default 0.5
        :math:`n` >= 0, number of cosine periods over :math:`T`.
    alpha : float, default 0.0
        :math:`\alpha` >= 0, added to the linear part.
    beta : float, default 0.001
        :math:`\beta` >= 0, a floor as a fraction of :math:`\eta_0`.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number.
    ValueError
        If ``decay_steps`` is not finite or not > 0, or ``lr0``,
        ``num_periods``, ``alpha`` or ``beta`` is negative or not finite.

    References
    ----------
    .. [1] I. Bello, B. Zoph, V. Vasudevan and Q. V. Le, "Neural Optimizer
       Search with Reinforcement Learning", ICML 2017, arXiv:1709.07417.
    .. [2] TensorFlow 2.21, ``linear_cosine_decay`` in
       ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``.

    Examples
    --------
    >>> from lrcourse.schedules import linear_cosine_decay
    >>> print(linear_cosine_decay(0.1, decay_steps=10)([0, 5, 10]))
    [1.001e-01 2.510e-02 1.000e-04]
    """
    lr0 = check_real("lr0", lr0, ge=0)
    decay_steps = check_real("decay_steps", decay_steps, gt=0)
    num_periods = check_real("num_periods", num_periods, ge=0)
    alpha = check_real("alpha", alpha, ge=0)
    beta = check_real("beta", beta, ge=0)

    def fn(t):
        linear, cosine = _linear_cosine_parts(t, decay_steps, num_periods)
        return lr0 * ((alpha + linear) * cosine + beta)

    return Schedule(
        "linear_cosine_decay",
        {
            "lr0": lr0,
            "decay_steps": decay_steps,
            "num_periods": num_periods,
            "alpha": alpha,
            "beta": beta,
        },
        fn,
    )


_MASK64 = (1 << 64) - 1


def _splitmix64(x):
    """SplitMix64 finaliser on a uint64 array (wrapping arithmetic)."""
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _step_normals(t, seed):
    """One standard normal per step, a pure function of ``(seed, step)``.

    The step's float64 bit pattern is hashed with the seed (SplitMix64) into
    two uniforms, turned into a normal by Box-Muller. The same step always
    gets the same draw, whatever else is evaluated with it.
    """
    flat = np.atleast_1d(t).astype(np.float64)
    bits = flat.view(np.uint64)
    key = np.uint64((seed * 0x632BE59BD9B4E019) & _MASK64)
    with np.errstate(over="ignore"):
        h1 = _splitmix64(bits ^ key)
        h2 = _splitmix64(h1 ^ np.uint64(0xD1B54A32D192ED03))
    u1 = ((h1 >> np.uint64(11)).astype(np.float64) + 1.0) * 2.0**-53  # (0, 1]
    u2 = (h2 >> np.uint64(11)).astype(np.float64) * 2.0**-53  # [0, 1)
    z = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * math.pi * u2)
    return z.reshape(np.shape(t))


def noisy_linear_cosine_decay(
    lr0,
    *,
    decay_steps,
    initial_variance=1.0,
    variance_decay=0.55,
    num_periods=0.5,
    alpha=0.0,
    beta=0.001,
    seed=0,
):
    r"""Linear cosine decay with Gaussian noise on the linear part.

    .. math::

        \eta_t = \eta_0\bigl((\alpha + \ell_t + \varepsilon_t)\,c_t + \beta\bigr),
        \qquad \varepsilon_t \sim \mathcal N\!\left(0,\ \frac{v_0}{(1 + \min(t, T))^{d}}\right)

    with :math:`\ell_t, c_t` as in :func:`linear_cosine_decay` (as in
    TensorFlow's code, the variance stops decaying at :math:`T`). The noise
    is reproducible: :math:`\varepsilon_t` is a fixed function of ``seed``
    and :math:`t`, so evaluating a step twice, alone or in an array, gives
    the same rate. With :math:`v_0 = 0` this is exactly
    :func:`linear_cosine_decay`.

    Careful: with TensorFlow's defaults, at :math:`t = 0` the rate is
    :math:`\eta_0(1 + \varepsilon_0 + \beta)` with :math:`\varepsilon_0 \sim
    \mathcal N(0, 1)`: negative about 16% of the time.

    Parameters
    ----------
    lr0, decay_steps, num_periods, alpha, beta
        As in :func:`linear_cosine_decay`.
    initial_variance : float, default 1.0
        :math:`v_0` >= 0.
    variance_decay : float, default 0.55
        :math:`d` >= 0.
    seed : int, default 0
        Seed of the noise, >= 0.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError
        If a number is not a real number, or ``seed`` is not an integer.
    ValueError
        If ``decay_steps`` is not finite or not > 0, or another argument is
        negative or not finite.

    References
    ----------
    .. [1] I. Bello, B. Zoph, V. Vasudevan and Q. V. Le, "Neural Optimizer
       Search with Reinforcement Learning", ICML 2017, arXiv:1709.07417.
    .. [2] TensorFlow 2.21, ``noisy_linear_cosine_decay`` in
       ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``.

    Examples
    --------
    >>> from lrcourse.schedules import noisy_linear_cosine_decay, linear_cosine_decay
    >>> s = noisy_linear_cosine_decay(0.1, decay_steps=100, seed=1)
    >>> bool(s(3) == s([0, 3])[1])
    True
    >>> quiet = noisy_linear_cosine_decay(0.1, decay_steps=100, initial_variance=0.0)
    >>> plain = linear_cosine_decay(0.1, decay_steps=100)
    >>> bool((quiet(range(100)) == plain(range(100))).all())
    True
    """
    lr0 = check_real("lr0", lr0, ge=0)
    decay_steps = check_real("decay_steps", decay_steps, gt=0)
    initial_variance = check_real("initial_variance", initial_variance, ge=0)
    variance_decay = check_real("variance_decay", variance_decay, ge=0)
    num_periods = check_real("num_periods", num_periods, ge=0)
    alpha = check_real("alpha", alpha, ge=0)
    beta = check_real("beta", beta, ge=0)
    seed = check_int("seed", seed, ge=0)

    def fn(t):
        linear, cosine = _linear_cosine_parts(t, decay_steps, num_periods)
        # TensorFlow decays the variance with the clamped step min(t, T).
        std = np.sqrt(initial_variance / (1.0 + np.minimum(t, decay_steps)) ** variance_decay)
        noisy = linear + std * _step_normals(t, seed)
        return lr0 * ((alpha + noisy) * cosine + beta)

    return Schedule(
        "noisy_linear_cosine_decay",
        {
            "lr0": lr0,
            "decay_steps": decay_steps,
            "initial_variance": initial_variance,
            "variance_decay": variance_decay,
            "num_periods": num_periods,
            "alpha": alpha,
            "beta": beta,
            "seed": seed,
        },
        fn,
    )
