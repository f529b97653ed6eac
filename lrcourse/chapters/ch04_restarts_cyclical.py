"""Chapter 4, warm restarts and cyclical learning rates: explorers, exercises, corners.

The chapter separates three things that the source articles mix up: SGDR
(cosine annealing with warm restarts, Loshchilov & Hutter 2017), Smith's
cyclical learning rate (CLR, Smith 2017) and the plain cosine curve that one
article prints as "the CLR formula". It also covers the linear cosine
schedules found by Bello et al. (2017) and the chance that the noisy one
gives a negative rate, which :func:`negative_rate_probability` computes.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.lines import Line2D

from .. import compat, landscapes, optim
from .. import schedules as S
from .._validation import check_int, check_real
from ..corner import Call, Corner, Expr, Tab
from ..exercises._core import Hint
from ..explorers import Choice, Explorer, Layout, Readout, Slider, new_figure
from ._chapter import Chapter

__all__ = [
    "CHAPTER", "CLR_MODES", "article_formula", "clr_corner", "cycle_comparator",
    "negative_rate_probability", "noise_sampler", "restart_runs", "sgdr_corner",
    "smith_triangular",
]

CHAPTER = Chapter(4, "restarts_cyclical", "Warm restarts and cyclical learning rates")

#: The framework sources cited under the corners of this chapter.
SOURCES = ("tf_lr_decay", "keras_lr_schedule", "torch_lr_scheduler", "optax_schedules")

#: ``value -> display name`` of Smith's three CLR policies.
CLR_MODES = {
    "triangular": "triangular",
    "triangular2": "triangular2 (height halves each cycle)",
    "exp_range": "exp_range (height × γ^t, γ = 0.995)",
}
EXP_RANGE_GAMMA = 0.995

_BLUE, _ORANGE, _GREEN, _GREY, _RED = "#1f5fa8", "#c4610a", "#2a7d2e", "#6b6b6b", "#b03a2e"


# -- computations -------------------------------------------------------------------------


def article_formula(base_lr, *, period):
    r"""The "CLR formula" printed in the source article: a cosine of period :math:`2T`.

    .. math:: \eta_t = \eta_{base}\,\tfrac12\bigl(1 + \cos(\pi t / T)\bigr)

    It is cosine annealing with floor 0 that is not clamped at :math:`T`
    (PyTorch ``CosineAnnealingLR(T_max=T, eta_min=0)``): it falls from
    :math:`\eta_{base}` to 0 at :math:`t = T` and rises back to
    :math:`\eta_{base}` at :math:`t = 2T`. So its period is :math:`2T`, and
    :math:`\eta_{base}` is the *top* of the curve, not a lower bound.

    Parameters
    ----------
    base_lr : float
        The article's ``base_lr`` >= 0 (the maximum of the curve).
    period : float
        The article's ``T`` > 0 (it calls it the period).

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError, ValueError
        For a bad argument (the message names it).

    Examples
    --------
    >>> from lrcourse.chapters.ch04_restarts_cyclical import article_formula
    >>> article_formula(0.1, period=100)([0, 50, 100, 150, 200])
    array([0.1 , 0.05, 0.  , 0.05, 0.1 ])
    """
    base_lr = check_real("base_lr", base_lr, ge=0)
    period = check_real("period", period, gt=0)
    return S.cosine_decay(base_lr, decay_steps=period, alpha=0.0, clamp=False)


def smith_triangular(iteration, *, base_lr, max_lr, stepsize):
    r"""Smith's triangular policy, written exactly as in his paper (section 3.1).

    .. math::

        \mathit{cycle} = \left\lfloor 1 + \frac{i}{2s} \right\rfloor,\quad
        x = \left|\frac{i}{s} - 2\,\mathit{cycle} + 1\right|,\quad
        \eta_i = \eta_{base} + (\eta_{max} - \eta_{base})\max(0, 1 - x)

    with :math:`s` the *stepsize*, half a cycle. This is a second, literal
    implementation used to check :func:`lrcourse.schedules.cyclic`.

    Parameters
    ----------
    iteration : int, float or array
        :math:`i \ge 0`.
    base_lr, max_lr : float
        The lower and upper bounds, >= 0.
    stepsize : float
        :math:`s` > 0, the number of iterations in half a cycle.

    Returns
    -------
    float or numpy.ndarray

    Raises
    ------
    TypeError, ValueError
        For a bad argument (the message names it).

    References
    ----------
    .. [1] L. N. Smith, "Cyclical Learning Rates for Training Neural
       Networks", WACV 2017, arXiv:1506.01186, section 3.1.

    Examples
    --------
    >>> from lrcourse.chapters.ch04_restarts_cyclical import smith_triangular
    >>> smith_triangular([0, 1000, 2000, 3000, 4000], base_lr=0.001, max_lr=0.006,
    ...                  stepsize=2000)
    array([0.001 , 0.0035, 0.006 , 0.0035, 0.001 ])
    """
    base_lr = check_real("base_lr", base_lr, ge=0)
    max_lr = check_real("max_lr", max_lr, ge=0)
    stepsize = check_real("stepsize", stepsize, gt=0)
    i = np.asarray(iteration, dtype=np.float64)
    if np.any(i < 0) or not np.all(np.isfinite(i)):
        raise ValueError(f"Argument `iteration` must be finite and >= 0. Received: {iteration!r}")
    cycle = np.floor(1 + i / (2 * stepsize))
    x = np.abs(i / stepsize - 2 * cycle + 1)
    out = base_lr + (max_lr - base_lr) * np.maximum(0.0, 1 - x)
    return float(out) if out.ndim == 0 else out


def _normal_cdf(z):
    """Standard normal distribution function, elementwise (math.erfc, no SciPy)."""
    z = np.asarray(z, dtype=np.float64)
    return np.vectorize(lambda v: 0.5 * math.erfc(-v / math.sqrt(2.0)), otypes=[float])(z)


def negative_rate_probability(step, *, decay_steps, initial_variance=1.0, variance_decay=0.55,
                              num_periods=0.5, alpha=0.0, beta=0.001):
    r"""Probability that noisy linear cosine decay gives a negative rate at a step.

    The rate is :math:`\eta_t = \eta_0((\alpha + \ell_t + \varepsilon_t)c_t + \beta)`
    with :math:`\varepsilon_t \sim \mathcal N(0, \sigma_t^2)`,
    :math:`\sigma_t^2 = v_0/(1 + \min(t, T))^{d}` (see
    :func:`lrcourse.schedules.noisy_linear_cosine_decay`). For
    :math:`\eta_0 > 0` and :math:`c_t > 0`,

    .. math::

        P(\eta_t < 0) = \Phi\!\left(\frac{-(\alpha + \ell_t) - \beta/c_t}{\sigma_t}\right),

    with :math:`\Phi` the standard normal distribution function. The cosine
    factor :math:`c_t` lies in [0, 1]; where it is 0 the rate is
    :math:`\eta_0\beta \ge 0`, never negative. The result does not depend
    on :math:`\eta_0 > 0`.

    Parameters
    ----------
    step : int, float or array
        :math:`t \ge 0`.
    decay_steps, initial_variance, variance_decay, num_periods, alpha, beta
        As in :func:`lrcourse.schedules.noisy_linear_cosine_decay`
        (TensorFlow's defaults).

    Returns
    -------
    float or numpy.ndarray
        The probability, in [0, 1].

    Raises
    ------
    TypeError, ValueError
        For a bad argument (the message names it).

    Examples
    --------
    >>> from lrcourse.chapters.ch04_restarts_cyclical import negative_rate_probability
    >>> round(negative_rate_probability(0, decay_steps=1000), 4)
    0.1584
    >>> negative_rate_probability(0, decay_steps=1000, initial_variance=0.0)
    0.0
    """
    decay_steps = check_real("decay_steps", decay_steps, gt=0)
    v0 = check_real("initial_variance", initial_variance, ge=0)
    d = check_real("variance_decay", variance_decay, ge=0)
    n = check_real("num_periods", num_periods, ge=0)
    alpha = check_real("alpha", alpha, ge=0)
    beta = check_real("beta", beta, ge=0)
    t = np.asarray(step, dtype=np.float64)
    if np.any(t < 0) or not np.all(np.isfinite(t)):
        raise ValueError(f"Argument `step` must be finite and >= 0. Received: {step!r}")
    tau = np.minimum(t, decay_steps)
    lin = (decay_steps - tau) / decay_steps
    c = 0.5 * (1.0 + np.cos(math.pi * 2.0 * n * tau / decay_steps))
    c = np.where(c < 1e-15, 0.0, c)  # exactly zero at the end of each half period
    sigma = np.sqrt(v0 / (1.0 + tau) ** d)
    safe_c = np.where(c == 0, 1.0, c)
    safe_sigma = np.where(sigma > 0, sigma, 1.0)
    # For c > 0 the rate is negative when eps < -(alpha + lin) - beta / c.
    threshold = -(alpha + lin) - beta / safe_c
    p = _normal_cdf(threshold / safe_sigma)
    # Without noise the rate is certain: negative or not (never, since all terms are >= 0).
    p = np.where(sigma > 0, p, (((alpha + lin) * c + beta) < 0).astype(float))
    p = np.where(c == 0, 0.0, p)
    return float(p) if p.ndim == 0 else p


def sampled_negative_fraction(step, *, seeds, decay_steps, **params):
    r"""Fraction of seeds for which lrcourse's noisy linear cosine rate is negative.

    Evaluates :func:`lrcourse.schedules.noisy_linear_cosine_decay` (with
    :math:`\eta_0 = 1`) once per seed ``0 .. seeds - 1`` at ``step``: a Monte
    Carlo check of :func:`negative_rate_probability` that uses the schedule
    itself, not the formula.

    Parameters
    ----------
    step : float
        :math:`t \ge 0`.
    seeds : int
        Number of draws, >= 1.
    decay_steps : float
        :math:`T` > 0.
    **params
        Other arguments of ``noisy_linear_cosine_decay``.

    Returns
    -------
    float

    Examples
    --------
    >>> from lrcourse.chapters.ch04_restarts_cyclical import sampled_negative_fraction
    >>> sampled_negative_fraction(0, seeds=200, decay_steps=1000) < 0.3
    True
    """
    seeds = check_int("seeds", seeds, ge=1)
    step = check_real("step", step, ge=0)
    rates = [S.noisy_linear_cosine_decay(1.0, decay_steps=decay_steps, seed=s, **params)(step)
             for s in range(seeds)]
    return float(np.mean(np.asarray(rates) < 0))


#: The bowl of :func:`restart_runs`: curvatures from 0.05 to 1, start (6, 6).
RESTART_BOWL = {"condition_number": 20.0, "scale": 0.05, "noise": 1.0}
RESTART_X0 = (6.0, 6.0)
RESTART_STEPS = 700
RESTART_SEEDS = 8


def restart_runs(lr, *, steps=RESTART_STEPS, seeds=RESTART_SEEDS):
    r"""SGD on a noisy quadratic, once per seed: the loss at every step.

    Gradient descent (:func:`lrcourse.optim.gd`) on
    :func:`lrcourse.landscapes.noisy_quadratic` with curvatures 0.05 and 1
    (condition number 20), gradient noise :math:`\sigma = 1`, from
    :math:`x_0 = (6, 6)`. Seed :math:`s` uses the landscape with ``seed=s``,
    so every schedule sees the same noise.

    Parameters
    ----------
    lr : float or Schedule
        The learning rate (update ``k`` uses ``lr(k)``).
    steps : int
        Number of updates, >= 1.
    seeds : int
        Number of runs, >= 1.

    Returns
    -------
    numpy.ndarray, shape (seeds, steps + 1)
        The loss :math:`f(x_k)` (exact, without noise) of every run.

    Examples
    --------
    >>> from lrcourse.chapters.ch04_restarts_cyclical import restart_runs
    >>> restart_runs(0.5, steps=10, seeds=2).shape
    (2, 11)
    """
    steps = check_int("steps", steps, ge=1)
    seeds = check_int("seeds", seeds, ge=1)
    out = []
    for s in range(seeds):
        land = landscapes.noisy_quadratic(seed=s, **RESTART_BOWL)
        out.append(optim.run(optim.gd(lr), land, x0=list(RESTART_X0), steps=steps).loss)
    return np.asarray(out)


# -- framework corners ---------------------------------------------------------------------


@CHAPTER.corner("sgdr")
def sgdr_corner(lr0=0.1, first_period=100, period_mult=2, alpha=0.01):
    """SGDR (cosine annealing with warm restarts) in TF 1.x, Keras 3, PyTorch and optax."""
    eta_min = float(f"{alpha * lr0:.12g}")
    pieces = Expr(f"[dict(init_value={lr0!r}, peak_value={lr0!r}, warmup_steps=0,\n"
                  f"                    decay_steps={first_period!r} * {period_mult!r}**i, "
                  f"end_value={eta_min!r})\n"
                  f"                   for i in range(3)]")
    tf = {"learning_rate": lr0, "first_decay_steps": first_period,
          "t_mul": float(period_mult), "m_mul": 1.0, "alpha": alpha}
    keras = {"initial_learning_rate": lr0, **{k: v for k, v in tf.items() if k != "learning_rate"}}
    return Corner("SGDR, cosine annealing with warm restarts", [
        Tab("TensorFlow / Keras", [Call("tf", "cosine_decay_restarts", tf),
                                   Call("keras", "CosineDecayRestarts", keras)],
            "`t_mul` multiplies each **period length**, `m_mul` each **peak**; the floor "
            "`alpha` is a *fraction* of the first peak and is not multiplied by `m_mul`. "
            "TF's default is `t_mul=2.0`. This is SGDR, not Smith's cyclical rate."),
        Tab("PyTorch", [Call("torch", "CosineAnnealingWarmRestarts",
                             {"lr": lr0, "T_0": first_period, "T_mult": period_mult,
                              "eta_min": eta_min})],
            "`T_mult` must be an integer >= 1 (default 1), there is no `m_mul`, and `eta_min` "
            "is a *rate*: here `eta_min = alpha * lr`. Step the scheduler per batch for "
            "periods in batches."),
        Tab("optax", [Call("optax", "sgdr_schedule", {"cosine_kwargs": pieces})],
            "One dictionary per period, each a `warmup_cosine_decay_schedule`, so the "
            "schedule is finite: after the last period it stays at the last `end_value`."),
    ], SOURCES)


@CHAPTER.corner("clr")
def clr_corner(base_lr=0.001, max_lr=0.006, stepsize=2000, cycles=2):
    """Smith's triangular CLR in PyTorch, optax and TF/Keras (no built-in class there)."""
    scales = {}
    lo_hi = float(f"{max_lr / base_lr:.12g}")
    hi_lo = Expr(f"{base_lr!r} / {max_lr!r}")
    for k in range(cycles):
        scales[(2 * k + 1) * stepsize] = lo_hi
        scales[(2 * k + 2) * stepsize] = hi_lo
    code = (
        f"import math\n\n\n"
        f"def triangular(step, base_lr={base_lr!r}, max_lr={max_lr!r}, stepsize={stepsize!r}):\n"
        f"    # Smith (2017), section 3.1: stepsize is HALF a cycle.\n"
        f"    cycle = math.floor(1 + step / (2 * stepsize))\n"
        f"    x = abs(step / stepsize - 2 * cycle + 1)\n"
        f"    return base_lr + (max_lr - base_lr) * max(0.0, 1 - x)\n"
    )
    return Corner("Smith's cyclical learning rate (triangular)", [
        Tab("PyTorch", [Call("torch", "CyclicLR",
                             {"lr": base_lr, "base_lr": base_lr, "max_lr": max_lr,
                              "step_size_up": stepsize})],
            "Step it after **every batch**. `mode` is `'triangular'`, `'triangular2'` or "
            "`'exp_range'`; `step_size_down` gives an asymmetric cycle. By default "
            "(`cycle_momentum=True`) it also cycles the momentum between 0.8 and 0.9, "
            "against the rate; with Adam it rewrites β₁, and it raises an error for an "
            "optimiser without momentum unless you pass `cycle_momentum=False`."),
        Tab("optax", [Call("optax", "piecewise_interpolate_schedule",
                           {"interpolate_type": "linear", "init_value": base_lr,
                            "boundaries_and_scales": scales})],
            f"optax has no cyclical schedule. Linear interpolation between knots gives "
            f"{cycles} triangular cycles (then the rate stays at `base_lr`). "
            "`cosine_onecycle_schedule` is one cycle only (chapter 5)."),
        Tab("TensorFlow / Keras", code=code,
            note="Keras 3 has no cyclical schedule, and TF Addons' `CyclicalLearningRate` "
                 "is no longer maintained. Wrap this function in a "
                 "`keras.optimizers.schedules.LearningRateSchedule` subclass, or compute the "
                 "rate per batch in a callback."),
    ], SOURCES)


# -- exercises ---------------------------------------------------------------------------

_TF_RESTART = {"learning_rate": 1.0, "first_decay_steps": 10, "t_mul": 2.0, "m_mul": 0.6,
               "alpha": 0.2}
_TF_STEPS = np.array([9, 10, 30, 70])

CHAPTER.exercise(
    id="ch04-tf-restarts",
    title="TensorFlow warm restarts: the rate at each restart",
    answer="list of 4 floats: tf.compat.v1.train.cosine_decay_restarts(learning_rate=1.0, "
           "first_decay_steps=10, t_mul=2.0, m_mul=0.6, alpha=0.2) at global steps 9, 10, 30, 70",
    kind="sequence",
    positions=tuple(float(t) for t in _TF_STEPS),
    reference=lambda: compat.from_tf("cosine_decay_restarts", **_TF_RESTART)(_TF_STEPS),
    hints=(
        Hint(lambda: S.cosine_restarts(1.0, first_period=10, period_mult=2.0, alpha=0.2)(
             _TF_STEPS) * 0.6 ** np.array([0.0, 1, 2, 3]),
             "You multiplied the floor by m_mul too: only the cosine part shrinks. The rate "
             "at a restart is lr0 * ((1 - alpha) * m_mul**i + alpha)."),
        Hint(lambda: compat.from_tf("cosine_decay_restarts", **{**_TF_RESTART, "t_mul": 1.0})(
             _TF_STEPS),
             "Your periods all last 10 steps (t_mul = 1). With t_mul = 2 they last 10, 20, 40 "
             "steps, so restarts are at steps 10, 30 and 70, restarts number 1, 2 and 3."),
        Hint(lambda: compat.from_tf("cosine_decay_restarts", **{**_TF_RESTART, "m_mul": 1.0})(
             _TF_STEPS),
             "You restarted at the full rate: m_mul = 0.6 shrinks the cosine part at each restart."),
    ),
)

_TORCH_RESTART = {"lr": 0.5, "T_0": 10, "T_mult": 2, "eta_min": 0.05}
_TORCH_EPOCHS = np.array([5, 10, 15, 30, 50])

CHAPTER.exercise(
    id="ch04-torch-restarts",
    title="PyTorch warm restarts at five epochs",
    answer="list of 5 floats: the rate of CosineAnnealingWarmRestarts(T_0=10, T_mult=2, "
           "eta_min=0.05) on SGD(lr=0.5) after 5, 10, 15, 30 and 50 calls of scheduler.step()",
    kind="sequence",
    step_label="epoch",
    positions=tuple(float(t) for t in _TORCH_EPOCHS),
    reference=lambda: compat.from_torch("CosineAnnealingWarmRestarts", **_TORCH_RESTART)(
        _TORCH_EPOCHS),
    hints=(
        Hint(lambda: compat.from_torch("CosineAnnealingWarmRestarts",
                                       **{**_TORCH_RESTART, "T_mult": 1})(_TORCH_EPOCHS),
             "Your periods all last T_0 = 10 epochs (T_mult = 1). With T_mult = 2 they last "
             "10, 20, 40 epochs: restarts at epochs 10 and 30, and epoch 50 is in the middle "
             "of the third period."),
        Hint(lambda: S.cosine_restarts(0.5, first_period=10, period_mult=2.0, alpha=0.05)(
             _TORCH_EPOCHS),
             "You used eta_min as a fraction of lr (like TF's alpha). In PyTorch eta_min is a "
             "rate: the floor is 0.05, not 0.05 * 0.5."),
    ),
)

_TRI = {"base_lr": 0.001, "max_lr": 0.006, "step_size_up": 2000}
_TRI_ITERS = np.array([500, 2500, 3500, 6000, 9000])

CHAPTER.exercise(
    id="ch04-triangular",
    title="Smith's triangular policy at five iterations",
    answer="list of 5 floats: the triangular CLR rate with base_lr = 0.001, max_lr = 0.006 and "
           "stepsize = 2000 (PyTorch CyclicLR(step_size_up=2000)) at iterations 500, 2500, "
           "3500, 6000, 9000",
    kind="sequence",
    step_label="iteration",
    positions=tuple(float(t) for t in _TRI_ITERS),
    reference=lambda: compat.from_torch("CyclicLR", **_TRI)(_TRI_ITERS),
    hints=(
        Hint(lambda: compat.from_torch("CyclicLR", **{**_TRI, "step_size_up": 1000})(_TRI_ITERS),
             "You took 2000 iterations as the whole cycle. Smith's stepsize is HALF a cycle: "
             "the rate rises for 2000 iterations and falls for 2000."),
        Hint(lambda: compat.from_torch("CyclicLR", base_lr=0.006, max_lr=0.001,
                                       step_size_up=2000)(_TRI_ITERS),
             "Your cycle starts at the top. CLR starts at base_lr (the lower bound) and "
             "reaches max_lr after stepsize iterations."),
    ),
)

_TRI2_ITERS = np.array([2500, 4500, 6500, 11000])

CHAPTER.exercise(
    id="ch04-triangular2",
    title="triangular2: the height halves each cycle",
    answer="list of 4 floats: the triangular2 CLR rate with base_lr = 0.001, max_lr = 0.006, "
           "stepsize = 2000 (PyTorch CyclicLR(mode='triangular2')) at iterations 2500, 4500, "
           "6500, 11000",
    kind="sequence",
    step_label="iteration",
    positions=tuple(float(t) for t in _TRI2_ITERS),
    reference=lambda: compat.from_torch("CyclicLR", **_TRI, mode="triangular2")(_TRI2_ITERS),
    hints=(
        Hint(lambda: compat.from_torch("CyclicLR", **_TRI)(_TRI2_ITERS),
             "These are triangular values: in triangular2 the distance above base_lr halves "
             "at each new cycle (cycle k has height (max_lr - base_lr) / 2**(k - 1))."),
        Hint(lambda: S.cyclic(0.001, peak_lr=0.006, step_size_up=2000)(_TRI2_ITERS)
             * np.exp2(-np.floor(_TRI2_ITERS / 4000.0)),
             "You halved the whole rate, base_lr included: only the height above base_lr "
             "halves, the lower bound stays 0.001."),
    ),
)

_NLC = {"decay_steps": 1000}

CHAPTER.exercise(
    id="ch04-negative-rate",
    title="How often is the noisy rate negative at step 0?",
    answer="float in [0, 1]: the probability that tf.compat.v1.train.noisy_linear_cosine_decay "
           "with initial_variance=0.5 and its other defaults (variance_decay=0.55, "
           "num_periods=0.5, alpha=0.0, beta=0.001) and decay_steps=1000 gives a negative rate "
           "at global step 0",
    kind="number",
    reference=lambda: negative_rate_probability(0, initial_variance=0.5, **_NLC),
    hints=(
        Hint(lambda: 0.5 * math.erfc(1.001 / math.sqrt(2.0)),
             "That is the probability for the default initial_variance = 1 (the chapter's "
             "16%). Here the variance is 0.5, so the standard deviation is sqrt(0.5)."),
        Hint(lambda: 0.5 * math.erfc(1.001 / math.sqrt(2.0) / 0.5),
             "You used 0.5 as the standard deviation; initial_variance is a variance, so the "
             "standard deviation is sqrt(0.5) = 0.707."),
        Hint(lambda: 0.5 * math.erfc(1.0 / math.sqrt(2.0) / math.sqrt(0.5)),
             "Close: that is P(eps < -1), which forgets beta. The rate at step 0 is "
             "lr0 * (1 + eps + beta), negative when eps < -(1 + 0.001)."),
        Hint(lambda: 0.5,
             "The noise is centred on 0, but the rate is not: at step 0 the linear part is "
             "1, so the noise must be below about -1 to make the rate negative."),
        Hint(lambda: 0.5 * math.erfc(1.001 / math.sqrt(2.0) / math.sqrt(0.5) / 0.55),
             "The standard deviation at step 0 is sqrt(initial_variance); variance_decay "
             "only acts from step 1 on, through (1 + t)**variance_decay."),
    ),
)

CHAPTER.exercise(
    id="ch04-article-period",
    title="The period of the article's formula",
    answer="int: the number of steps after which lr(t) = base_lr * (1 + cos(pi * t / T)) / 2 "
           "with T = 60 first returns to base_lr (t counted on, never reset)",
    kind="number",
    reference=lambda: float(2 * 60),
    hints=(
        Hint(lambda: 60.0,
             "At t = T = 60 the curve is at its minimum, 0, not back at base_lr: "
             "cos(pi) = -1. The cosine needs t = 2T to come back to cos(2 pi) = 1."),
        Hint(lambda: 30.0, "At t = T/2 the rate is base_lr / 2, halfway down."),
        Hint(lambda: 200.0, "200 is the period for the chapter's T = 100; here T = 60."),
    ),
)


# -- explorers --------------------------------------------------------------------------

LR0 = 0.1
HORIZON = 600


def _clr(v):
    """The CLR of the comparator: bounds alpha*lr0 .. lr0, stepsize u, the chosen mode."""
    gamma = EXP_RANGE_GAMMA if v["mode"] == "exp_range" else 1.0
    return compat.from_torch("CyclicLR", base_lr=_r(v["alpha"] * LR0), max_lr=LR0,
                             step_size_up=int(v["stepsize"]), mode=v["mode"], gamma=gamma)


def _r(x):
    return float(f"{x:.12g}")


def _sgdr_calls(v):
    """The TF and PyTorch SGDR calls for the comparator's values."""
    tf = Call("tf", "cosine_decay_restarts",
              {"learning_rate": LR0, "first_decay_steps": int(v["first_period"]),
               "t_mul": float(v["period_mult"]), "m_mul": float(v["peak_mult"]),
               "alpha": float(v["alpha"])})
    torch = Call("torch", "CosineAnnealingWarmRestarts",
                 {"lr": LR0, "T_0": int(v["first_period"]), "T_mult": int(v["period_mult"]),
                  "eta_min": _r(v["alpha"] * LR0)})
    return tf, torch


@CHAPTER.explorer
def cycle_comparator(first_period=100, period_mult=2, peak_mult=0.5, alpha=0.1, stepsize=50,
                     mode="triangular"):
    r"""SGDR in TensorFlow and PyTorch against Smith's CLR, on one axis (chapter 4).

    Over 600 steps with peak :math:`\eta_0 = 0.1`: TF
    ``cosine_decay_restarts``, PyTorch ``CosineAnnealingWarmRestarts`` and
    PyTorch ``CyclicLR`` between the floor :math:`\alpha\eta_0` and
    :math:`\eta_0`, plus the article's formula
    :math:`\eta_0(1 + \cos(\pi t/T_0))/2` as a grey dotted line.
    Shared controls, where the frameworks mean the same thing: :math:`T_0`
    (``first_decay_steps`` = ``T_0``), :math:`m` (``t_mul`` = ``T_mult``,
    an integer in PyTorch) and the floor :math:`\alpha` (TF's fraction;
    PyTorch's ``eta_min`` and CLR's ``base_lr`` are :math:`\alpha\eta_0`).
    :math:`M` (``m_mul``) exists only in TF; :math:`u` (the stepsize) and
    the mode only in CLR. Static grid: 4 x 2 x 3 x 4 x 4 x 3 = 1152
    combinations.

    Returns
    -------
    Explorer
    """
    controls = [
        Slider("first_period", "T₀ (TF first_decay_steps = PyTorch T_0)", 50, 200,
               [50, 75, 100, 150], first_period, step=5, integer=True),
        Choice("period_mult", "m (TF t_mul = PyTorch T_mult)", [("1", 1), ("2", 2)],
               period_mult),
        Choice("peak_mult", "M (TF m_mul only)", [("0.5", 0.5), ("0.75", 0.75), ("1", 1.0)],
               peak_mult),
        Slider("alpha", "α (floor α·η₀ = PyTorch eta_min = CLR base_lr)",
               0.0, 0.5, [0.0, 0.1, 0.2, 0.3], alpha, step=0.05),
        Slider("stepsize", "u (CLR stepsize, half a cycle)", 10, 200, [25, 50, 75, 100],
               stepsize, step=5, integer=True),
        Choice("mode", "CLR mode", [(v, k) for k, v in CLR_MODES.items()], mode),
    ]
    fig = new_figure((6.6, 3.6))
    ax = fig.add_subplot()
    t = np.arange(HORIZON)
    zeros = np.zeros(HORIZON)
    (ghost,) = ax.plot(t, zeros, color=_GREY, lw=1.4, ls=":")
    (clr,) = ax.plot(t, zeros, color=_GREEN, lw=1.5, ls="-.")
    (tf_line,) = ax.plot(t, zeros, color=_BLUE, lw=2.2, ls="-")
    (torch_line,) = ax.plot(t, zeros, color=_ORANGE, lw=1.6, ls="--")
    ax.set_xlim(0, HORIZON)
    ax.set_ylim(0, LR0 * 1.05)
    ax.set_xlabel("step $t$ (0-based)")
    ax.set_ylabel(r"learning rate $\eta_t$")
    ax.set_title(r"peak $\eta_0 = 0.1$", fontsize=10)
    ax.grid(alpha=0.3)
    fig.legend(
        [Line2D([], [], color=_BLUE, lw=2.2), Line2D([], [], color=_ORANGE, lw=1.6, ls="--"),
         Line2D([], [], color=_GREEN, lw=1.5, ls="-."), Line2D([], [], color=_GREY, lw=1.4,
                                                               ls=":")],
        ["SGDR, TF/Keras", "SGDR, PyTorch", "Smith CLR (CyclicLR)", "article 002 formula"],
        loc="outside lower center", ncol=2, fontsize=9, frameon=False)

    drawn = {}

    def compute(v):
        key = tuple(sorted(v.items()))
        if drawn.get("key") != key:
            tf, torch = _sgdr_calls(v)
            drawn.update(key=key, tf=tf, torch=torch, clr_s=_clr(v),
                         lr_tf=tf.schedule(t), lr_torch=torch.schedule(t),
                         lr_clr=_clr(v)(t),
                         lr_art=article_formula(LR0, period=v["first_period"])(t))
        return drawn

    def draw(v):
        d = compute(v)
        tf_line.set_ydata(d["lr_tf"])
        torch_line.set_ydata(d["lr_torch"])
        clr.set_ydata(d["lr_clr"])
        ghost.set_ydata(d["lr_art"])

    def describe(v):
        d = compute(v)
        T0 = int(v["first_period"])
        return (f"Learning rate over {HORIZON} steps. SGDR in TF restarts at step {T0} at "
                f"{d['lr_tf'][T0]:.3g}, SGDR in PyTorch at {d['lr_torch'][T0]:.3g}; Smith's "
                f"{v['mode']} CLR rises from {d['lr_clr'][0]:.3g} to {d['lr_clr'][int(v['stepsize'])]:.3g}"
                f" in {int(v['stepsize'])} steps; the article's formula is back at its top only "
                f"at step {2 * T0}.")

    def readout(v):
        d = compute(v)
        T0, u = int(v["first_period"]), int(v["stepsize"])
        gamma = f", gamma={EXP_RANGE_GAMMA}" if v["mode"] == "exp_range" else ""
        note = ("TF and PyTorch give the same curve." if v["peak_mult"] == 1.0 else
                f"The curves differ after step {T0}: TF multiplies each peak by m_mul = "
                f"{v['peak_mult']:g} (not the floor); PyTorch has no m_mul.")
        return [
            Readout("TF", d["tf"].code, code=True),
            Readout("PyTorch", d["torch"].code, code=True),
            Readout("Smith CLR, PyTorch",
                    f"scheduler = torch.optim.lr_scheduler.CyclicLR(optimizer, "
                    f"base_lr={_r(v['alpha'] * LR0)!r}, max_lr={LR0!r}, step_size_up={u}, "
                    f"mode={v['mode']!r}{gamma})", code=True),
            Readout(f"rate at the first restart, t = {T0}",
                    f"TF {d['lr_tf'][T0]:.4g}; PyTorch {d['lr_torch'][T0]:.4g}; "
                    f"article formula {d['lr_art'][T0]:.3g} (its minimum: period 2T₀ = {2 * T0})"),
            Readout("TF vs PyTorch", note),
        ]

    return Explorer(
        "cycle_comparator", "Warm restarts (SGDR) against Smith's cyclical rate", controls, fig,
        draw, describe, animated=[ghost, clr, tf_line, torch_line], readout=readout,
        layouts=[Layout((6.6, 3.6)), Layout((3.4, 3.9))],
    )


NOISE_T = 1000
_NOISE_STEPS = np.arange(0, NOISE_T + 1, 2)
_NOISE_SEEDS = (0, 1, 2)


@CHAPTER.explorer
def noise_sampler(initial_variance=1.0, variance_decay=0.55):
    r"""Noisy linear cosine decay: sample paths and the probability of a negative rate.

    Top: the noise-free linear cosine rate (TF defaults, :math:`\eta_0 = 1`,
    :math:`T = 1000`) and three sample paths of
    :func:`lrcourse.schedules.noisy_linear_cosine_decay` (seeds 0, 1, 2).
    Bottom: :math:`P(\eta_t < 0)` from :func:`negative_rate_probability`.
    Controls: :math:`v_0` (``initial_variance``) and :math:`d`
    (``variance_decay``); 6 x 4 = 24 combinations.

    Returns
    -------
    Explorer
    """
    controls = [
        Slider("initial_variance", "v₀ (initial_variance)", 0.0, 1.0,
               [0.0, 0.01, 0.05, 0.1, 0.25, 1.0], initial_variance, step=0.01),
        Slider("variance_decay", "d (variance_decay)", 0.1, 1.5, [0.3, 0.55, 0.8, 1.0],
               variance_decay, step=0.05),
    ]
    fig = new_figure((6.6, 4.2))
    ax = fig.add_subplot(2, 1, 1)
    axp = fig.add_subplot(2, 1, 2, sharex=ax)
    t = _NOISE_STEPS
    plain = S.linear_cosine_decay(1.0, decay_steps=NOISE_T)(t)
    styles = [(_BLUE, "-"), (_ORANGE, "--"), (_GREEN, "-.")]
    paths = [ax.plot(t, plain, color=c, lw=1.0, ls=ls, alpha=0.9)[0] for c, ls in styles]
    # Drawn last, over the noisy paths, so that the noise cannot hide it.
    (quiet,) = ax.plot(t, plain, color="black", lw=2.0, ls=":")
    ax.axhline(0, color=_RED, lw=1.0)
    ax.set_ylim(-1.5, 2.5)
    ax.set_ylabel(r"$\eta_t / \eta_0$")
    ax.set_title("noisy linear cosine decay, T = 1000", fontsize=10)
    ax.grid(alpha=0.3)
    ax.tick_params(labelbottom=False)
    (prob,) = axp.plot(t, np.zeros(t.size), color=_RED, lw=2.0)
    axp.set_ylim(0, 0.3)
    axp.set_xlim(0, NOISE_T)
    axp.set_xlabel("step $t$")
    axp.set_ylabel(r"$P(\eta_t < 0)$")
    axp.grid(alpha=0.3)
    drawn = {}

    def compute(v):
        key = tuple(sorted(v.items()))
        if drawn.get("key") != key:
            kw = {"initial_variance": v["initial_variance"], "variance_decay": v["variance_decay"]}
            lrs = [S.noisy_linear_cosine_decay(1.0, decay_steps=NOISE_T, seed=s, **kw)(t)
                   for s in _NOISE_SEEDS]
            p = negative_rate_probability(t, decay_steps=NOISE_T, **kw)
            every = negative_rate_probability(np.arange(NOISE_T), decay_steps=NOISE_T, **kw)
            drawn.update(key=key, lrs=lrs, p=p, expected=float(every.sum()),
                         pmax=float(every.max()), tmax=int(every.argmax()))
        return drawn

    def draw(v):
        d = compute(v)
        for line, lr in zip(paths, d["lrs"], strict=True):
            line.set_ydata(lr)
        prob.set_ydata(d["p"])
        quiet.set_ydata(plain)

    def describe(v):
        d = compute(v)
        return (f"Three noisy linear cosine paths (and, dotted, the rate without noise) with "
                f"initial_variance {v['initial_variance']:g} "
                f"and variance_decay {v['variance_decay']:g}; the probability of a negative rate "
                f"is {d['p'][0]:.3f} at step 0 and at most {d['pmax']:.3f}.")

    def readout(v):
        d = compute(v)
        neg = sum(int((lr < 0).sum()) for lr in d["lrs"])
        return [
            Readout("P(η_t < 0) at t = 0", f"{d['p'][0]:.4f}"),
            Readout("largest P(η_t < 0)", f"{d['pmax']:.4f} at step {d['tmax']}"),
            Readout("expected negative steps in 1000", f"{d['expected']:.1f}"),
            Readout("negative points in the three paths drawn",
                    f"{neg} of {3 * t.size}"),
        ]

    return Explorer(
        "noise_sampler", "Noisy linear cosine decay: how often is the rate negative?",
        controls, fig, draw, describe, animated=[*paths, quiet, prob], readout=readout,
        layouts=[Layout((6.6, 4.2)), Layout((3.4, 4.6))],
    )
