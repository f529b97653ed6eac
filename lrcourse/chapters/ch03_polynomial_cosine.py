"""Chapter 3, polynomial and cosine annealing: its explorer, exercises, corners and runs.

The framework spellings in the "Framework corner" boxes are
:class:`~lrcourse.corner.Call` objects, so the code shown and the values
computed come from the same ``(framework, name, params)``. The optimisation
runs of the chapter (:func:`sgd_runs`) use
:func:`lrcourse.landscapes.noisy_quadratic` and :func:`lrcourse.optim.run`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D

from .. import compat, landscapes, optim
from .. import schedules as S
from .._validation import check_int, check_real
from ..corner import Call, Corner, Tab
from ..exercises._core import Hint
from ..explorers import Choice, Explorer, Layout, Readout, Slider, grid, new_figure
from ._chapter import Chapter

__all__ = [
    "CHAPTER", "CURVATURES", "X0", "annealing_explorer", "cosine_corner", "expected_loss",
    "lab_landscape",
    "polynomial_corner", "restart_peaks", "sgd_runs",
]

CHAPTER = Chapter(3, "polynomial_cosine", "Polynomial and cosine annealing")

#: The framework sources cited under every corner of this chapter.
SOURCES = ("tf_lr_decay", "keras_lr_schedule", "torch_lr_scheduler", "optax_schedules")


def _r(x: float) -> float:
    """Round to 12 significant digits: the value a reader would type."""
    return float(f"{x:.12g}")


# -- the chapter's computations -------------------------------------------------------------


def restart_peaks(lr0, *, decay_steps, end_lr, power, cycles):
    r"""The peaks of TensorFlow's polynomial decay with ``cycle=True``, one per cycle.

    Cycle :math:`k = 0, 1, \dots` covers the steps
    :math:`kT < t \le (k+1)T` (cycle 0 also holds :math:`t = 0`). Its
    period is :math:`T_c = (k+1)T`, so as :math:`t \to kT^{+}` the rate
    tends to

    .. math:: \hat\eta_k = \frac{\eta_0 - \eta_{end}}{(k+1)^{p}} + \eta_{end},

    which is :math:`\eta_0` only for :math:`k = 0`. The rate at
    :math:`t = kT` itself is exactly :math:`\eta_{end}`.

    Parameters
    ----------
    lr0 : float
        :math:`\eta_0 \ge 0`.
    decay_steps : float
        :math:`T > 0` (only checked: the peaks do not depend on it).
    end_lr : float
        :math:`\eta_{end} \ge 0`.
    power : float
        :math:`p > 0`.
    cycles : int
        Number of peaks, >= 1.

    Returns
    -------
    numpy.ndarray, shape (cycles,)

    Raises
    ------
    TypeError, ValueError
        For a bad argument (the message names it).

    References
    ----------
    .. [1] TensorFlow 2.21, ``polynomial_decay`` in
       ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``.

    Examples
    --------
    >>> from lrcourse.chapters.ch03_polynomial_cosine import restart_peaks
    >>> restart_peaks(0.1, decay_steps=10, end_lr=0.0, power=1.0, cycles=3)
    array([0.1       , 0.05      , 0.03333333])
    """
    lr0 = check_real("lr0", lr0, ge=0)
    check_real("decay_steps", decay_steps, gt=0)
    end_lr = check_real("end_lr", end_lr, ge=0)
    power = check_real("power", power, gt=0)
    cycles = check_int("cycles", cycles, ge=1)
    k = np.arange(cycles)
    return (lr0 - end_lr) / (k + 1.0) ** power + end_lr


#: The bowl of :func:`sgd_runs`: curvatures (a slow and a fast direction) and start.
CURVATURES = (0.05, 1.0)
X0 = (6.0, 6.0)


def lab_landscape(seed, *, noise=1.0):
    r"""The noisy bowl of this chapter's runs, :math:`f(x) = \tfrac12(0.05\,x_1^2 + x_2^2)`.

    It is :func:`lrcourse.landscapes.noisy_quadratic` with curvatures
    :data:`CURVATURES` (condition number 20) and gradient noise of standard
    deviation ``noise``, seeded by ``seed``.

    Raises
    ------
    TypeError, ValueError
        For a bad ``seed`` or ``noise``.

    References
    ----------
    .. [1] Goodfellow, Bengio and Courville, *Deep Learning*, MIT Press, 2016, §8.1.3
       (gradient noise of minibatch SGD) and §4.3 (quadratic model).

    Examples
    --------
    >>> from lrcourse.chapters.ch03_polynomial_cosine import lab_landscape
    >>> round(float(lab_landscape(0).f([6.0, 6.0])), 2)
    18.9
    """
    lo, hi = CURVATURES
    return landscapes.noisy_quadratic(condition_number=hi / lo, dim=2, noise=noise, seed=seed,
                                      scale=lo)


def sgd_runs(lr, *, steps, seeds=8, noise=1.0, first_seed=0):
    r"""Gradient descent with noisy gradients on :func:`lab_landscape`, over several seeds.

    .. math::

        x_{k+1} = x_k - \eta_k\,(\nabla f(x_k) + \sigma \xi_k), \qquad
        \xi_k \sim \mathcal N(0, I), \qquad x_0 = (6, 6)

    Each seed ``first_seed, ..., first_seed + seeds - 1`` is one run of
    :func:`lrcourse.optim.run` with :func:`lrcourse.optim.gd`. Seed ``s``
    draws the same noise for every schedule, so schedules are compared on
    the same noise.

    Parameters
    ----------
    lr : float or Schedule
        The learning rate; update ``k`` uses ``lr(k)``.
    steps : int
        Number of updates, >= 1.
    seeds : int
        Number of runs, >= 1.
    noise : float
        :math:`\sigma \ge 0`.
    first_seed : int
        The first seed, >= 0.

    Returns
    -------
    numpy.ndarray, shape (seeds, steps + 1)
        The exact loss :math:`f(x_k)` of every run at every step.

    Raises
    ------
    TypeError, ValueError
        For a bad argument (the message names it).

    References
    ----------
    .. [1] H. Robbins and S. Monro, "A Stochastic Approximation Method",
       Annals of Mathematical Statistics 22(3), 1951.

    Examples
    --------
    >>> from lrcourse.chapters.ch03_polynomial_cosine import sgd_runs
    >>> loss = sgd_runs(0.1, steps=20, seeds=3)
    >>> loss.shape
    (3, 21)
    >>> round(float(loss[0, 0]), 2)
    18.9
    """
    steps = check_int("steps", steps, ge=1)
    seeds = check_int("seeds", seeds, ge=1)
    noise = check_real("noise", noise, ge=0)
    first_seed = check_int("first_seed", first_seed, ge=0)
    opt = optim.gd(lr)
    out = np.empty((seeds, steps + 1))
    for i in range(seeds):
        traj = optim.run(opt, lab_landscape(first_seed + i, noise=noise), x0=list(X0),
                         steps=steps)
        out[i] = traj.loss
    return out


def expected_loss(lr, *, steps, noise=1.0):
    r"""The exact mean over the noise of the loss of :func:`sgd_runs`, at every step.

    For each coordinate :math:`i` with curvature :math:`\lambda_i`, the
    second moment :math:`m_{k,i} = \mathbb E\,x_{k,i}^2` follows

    .. math::

        m_{k+1,i} = (1 - \eta_k\lambda_i)^2\, m_{k,i} + \eta_k^2\sigma^2, \qquad
        \mathbb E f(x_k) = \tfrac12 \sum_i \lambda_i\, m_{k,i}.

    The first term is the start, shrunk by about :math:`e^{-2\lambda_i S_k}`
    (:math:`S_k` the cumulative rate); the second is the noise, which only
    a small *late* rate removes. A constant rate run for very long gives
    the noise floor :math:`\sum_i \eta\sigma^2 / (2(2 - \eta\lambda_i))`.

    Parameters
    ----------
    lr : float or Schedule
    steps : int
        Number of updates, >= 1.
    noise : float
        :math:`\sigma \ge 0`.

    Returns
    -------
    numpy.ndarray, shape (steps + 1,)

    Raises
    ------
    TypeError, ValueError
        For a bad argument (the message names it).

    References
    ----------
    .. [1] Goodfellow, Bengio and Courville, *Deep Learning*, MIT Press, 2016,
       §8.3.1 (why the rate must decrease with stochastic gradients).

    Examples
    --------
    >>> from lrcourse.chapters.ch03_polynomial_cosine import expected_loss
    >>> round(float(expected_loss(0.1, steps=20_000)[-1]), 4)
    0.0514
    """
    steps = check_int("steps", steps, ge=1)
    noise = check_real("noise", noise, ge=0)
    optim.gd(lr)  # validates lr with its usual messages
    eta = (np.asarray(lr(np.arange(steps)), dtype=np.float64) if callable(lr)
           else np.full(steps, float(lr)))
    lam = np.asarray(CURVATURES)
    m = np.empty((steps + 1, lam.size))
    m[0] = np.square(X0)
    for k in range(steps):
        m[k + 1] = (1 - eta[k] * lam) ** 2 * m[k] + eta[k] ** 2 * noise**2
    return 0.5 * m @ lam


# -- framework corners ---------------------------------------------------------------------


@CHAPTER.corner("polynomial")
def polynomial_corner(lr0=0.1, decay_steps=50, end_lr=0.0, power=2.0):
    """Polynomial decay in TF 1.x, Keras 3, PyTorch and optax."""
    lr0, T = _r(check_real("lr0", lr0, gt=0)), check_int("decay_steps", decay_steps, ge=1)
    end, p = _r(check_real("end_lr", end_lr, ge=0)), _r(check_real("power", power, gt=0))
    tf = {"learning_rate": lr0, "decay_steps": T, "end_learning_rate": end, "power": p}
    keras = {"initial_learning_rate": lr0, "decay_steps": T, "end_learning_rate": end,
             "power": p}
    if end == 0:
        torch = Tab("PyTorch", [Call("torch", "PolynomialLR",
                                     {"lr": lr0, "total_iters": T, "power": p})],
                    "`PolynomialLR` (PyTorch 1.13 and later) decays to 0 after `total_iters` "
                    "steps. It has no end rate and no `cycle`.")
    else:
        factor = (f"factor = lambda t: ({lr0!r} - {end!r}) / {lr0!r} * (1 - min(t, {T}) / {T})"
                  f" ** {p!r} + {end!r} / {lr0!r}")
        torch = Tab("PyTorch", code=(
            f"{factor}\noptimizer = torch.optim.SGD(params, lr={lr0!r})\n"
            "scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=factor)"),
            note="`PolynomialLR` has no end rate: it always decays to 0. With an end rate, "
                 "`LambdaLR` multiplies `lr` by your function of the step count.")
    return Corner("polynomial decay", [
        Tab("TensorFlow / Keras", [Call("tf", "polynomial_decay", tf),
                                   Call("keras", "PolynomialDecay", keras)],
            "The default `end_learning_rate` is 0.0001, not 0, and the default `power` is 1. "
            "`cycle=True` restarts after every `decay_steps`, at a lower peak."),
        torch,
        Tab("optax", [Call("optax", "polynomial_schedule",
                           {"init_value": lr0, "end_value": end, "power": p,
                            "transition_steps": T})],
            "`end_value` is an absolute rate. `transition_begin` delays the start; "
            "there is no `cycle`."),
    ], SOURCES)


@CHAPTER.corner("cosine")
def cosine_corner(lr0=0.1, decay_steps=50, alpha=0.01):
    """Cosine decay in TF 1.x, Keras 3, PyTorch and optax (the same curve up to T)."""
    lr0, T = _r(check_real("lr0", lr0, gt=0)), check_int("decay_steps", decay_steps, ge=1)
    a = _r(check_real("alpha", alpha, ge=0, le=1))
    floor = _r(a * lr0)
    return Corner("cosine decay", [
        Tab("TensorFlow / Keras", [
            Call("tf", "cosine_decay", {"learning_rate": lr0, "decay_steps": T, "alpha": a}),
            Call("keras", "CosineDecay", {"initial_learning_rate": lr0, "decay_steps": T,
                                          "alpha": a})],
            f"`alpha` is a **fraction** of the initial rate: the floor is "
            f"{a:g} × {lr0:g} = {floor:g}. After `decay_steps` the rate stays at the floor."),
        Tab("PyTorch", [Call("torch", "CosineAnnealingLR",
                             {"lr": lr0, "T_max": T, "eta_min": floor})],
            f"`eta_min` is an **absolute** rate: write {floor:g}, not {a:g}. After `T_max` "
            f"the rate does not stay at `eta_min`: it rises again, back to `lr` at "
            f"{2 * T} steps."),
        Tab("optax", [Call("optax", "cosine_decay_schedule",
                           {"init_value": lr0, "decay_steps": T, "alpha": a})],
            "`alpha` is a fraction, as in Keras. `exponent` (default 1) raises the cosine "
            "factor to a power; the rate stays at the floor after `decay_steps`."),
    ], SOURCES)


# -- exercises -----------------------------------------------------------------------------

_E10 = np.arange(10)

# The source article's cosine exercise: 0.1 -> 0.001 with T_max = 50, the first 10 values.
CHAPTER.exercise(
    id="ch03-cosine-list",
    title="Cosine annealing: the first 10 learning rates",
    answer="list of 10 floats: the learning rate of epochs 0..9 of PyTorch "
           "CosineAnnealingLR(T_max=50, eta_min=0.001) on SGD(lr=0.1)",
    kind="sequence",
    step_label="epoch",
    reference=lambda: compat.from_torch("CosineAnnealingLR", lr=0.1, T_max=50,
                                        eta_min=0.001)(_E10),
    hints=(
        Hint(lambda: compat.from_torch("CosineAnnealingLR", lr=0.1, T_max=50,
                                       eta_min=0.001)(_E10 + 1),
             "You started at epoch 1: the first value (epoch 0) is the initial rate 0.1."),
        # (alpha = 0.001 and no floor at all give the same answer to 4 digits)
        Hint(lambda: S.cosine_decay(0.1, decay_steps=50, alpha=0.001)(_E10),
             "Your floor is about 0. PyTorch's eta_min = 0.001 is the floor itself, an "
             "absolute rate, not a fraction of the initial rate like TensorFlow's alpha: "
             "the cosine goes from 0.1 down to 0.001."),
        Hint(lambda: 0.001 + 0.5 * 0.099 * (1 + np.cos(_E10 / 50)),
             "The cosine takes the angle pi * t / T_max, in radians: you left out pi."),
    ),
)

# The source article's polynomial exercise: 0.1 over 50 epochs, power 2, the first 10 values.
CHAPTER.exercise(
    id="ch03-polynomial-list",
    title="Polynomial decay: the first 10 learning rates",
    answer="list of 10 floats: the learning rate of epochs 0..9 of "
           "lr = 0.1 * (1 - epoch / 50) ** 2 (PyTorch PolynomialLR(total_iters=50, power=2))",
    kind="sequence",
    step_label="epoch",
    reference=lambda: compat.from_torch("PolynomialLR", lr=0.1, total_iters=50, power=2.0)(_E10),
    hints=(
        Hint(lambda: compat.from_tf("polynomial_decay", learning_rate=0.1, decay_steps=50,
                                    power=2.0)(_E10),
             "You used TensorFlow's default end_learning_rate = 0.0001. The article's "
             "formula (and PyTorch's PolynomialLR) decays to 0."),
        Hint(lambda: S.polynomial_decay(0.1, decay_steps=50, power=2.0)(_E10 + 1),
             "You started at epoch 1: the first value (epoch 0) is the initial rate 0.1."),
        Hint(lambda: S.polynomial_decay(0.1, decay_steps=50, power=1.0)(_E10),
             "These values fall on a straight line (power 1): square the factor (1 - t/50)."),
        Hint(lambda: 0.1 * (1 - (_E10 / 50) ** 2),
             "You squared t/50 instead of the whole factor (1 - t/50)."),
    ),
)

_CYCLE = {"learning_rate": 0.1, "decay_steps": 100, "end_learning_rate": 0.001, "power": 1.0,
          "cycle": True}
_CYCLE_STEPS = np.array([100, 101, 200, 201, 300, 301])
# Steps since the last multiple of decay_steps, 100 (not 0) at a multiple: a restart at lr0.
_SINCE_RESTART = np.where(_CYCLE_STEPS % 100 == 0, 100, _CYCLE_STEPS % 100)

CHAPTER.exercise(
    id="ch03-cycle-restarts",
    title="Polynomial decay with cycle=True, around the restarts",
    answer="list of 6 floats: tf.compat.v1.train.polynomial_decay(0.1, global_step, "
           "decay_steps=100, end_learning_rate=0.001, power=1.0, cycle=True) at global steps "
           "100, 101, 200, 201, 300, 301",
    kind="sequence",
    positions=tuple(float(t) for t in _CYCLE_STEPS),
    reference=lambda: compat.from_tf("polynomial_decay", **_CYCLE)(_CYCLE_STEPS),
    hints=(
        Hint(lambda: S.polynomial_decay(0.1, decay_steps=100, end_lr=0.001)(_SINCE_RESTART),
             "You restarted every cycle at the full initial rate. TensorFlow stretches the "
             "period instead (decay_steps * ceil(step / decay_steps)), so each restart peak is "
             "lower: (0.1 - 0.001) / (k + 1) + 0.001."),
        Hint(lambda: S.polynomial_decay(0.1, decay_steps=100, end_lr=0.001)(_CYCLE_STEPS % 100),
             "You restarted every cycle at the full initial rate, and already at the multiple "
             "of decay_steps. At step 100, 200, 300 the rate is exactly end_learning_rate; the "
             "next cycle starts one step later, and its peak is lower."),
        Hint(lambda: 0.099 * (1 - _CYCLE_STEPS / (100 * (np.floor(_CYCLE_STEPS / 100) + 1)))
             + 0.001,
             "You used floor(step / decay_steps) + 1 as the cycle count. TensorFlow uses "
             "ceil(step / decay_steps), so at step 100, 200, 300 the old cycle ends, exactly "
             "at end_learning_rate."),
    ),
)

_HORIZON_STEPS = np.array([40, 50, 60, 80])

CHAPTER.exercise(
    id="ch03-torch-past-horizon",
    title="PyTorch cosine annealing after T_max",
    answer="list of 4 floats: the learning rate of PyTorch CosineAnnealingLR(T_max=40, "
           "eta_min=0.002) on SGD(lr=0.1), stepped once per epoch, at epochs 40, 50, 60, 80",
    kind="sequence",
    positions=tuple(float(t) for t in _HORIZON_STEPS),
    step_label="epoch",
    reference=lambda: compat.from_torch("CosineAnnealingLR", lr=0.1, T_max=40,
                                        eta_min=0.002)(_HORIZON_STEPS),
    hints=(
        Hint(lambda: compat.from_keras("CosineDecay", initial_learning_rate=0.1, decay_steps=40,
                                       alpha=0.02)(_HORIZON_STEPS),
             "These are TensorFlow/Keras values: they stay at the floor after decay_steps. "
             "PyTorch's CosineAnnealingLR keeps following the cosine, so the rate rises again."),
        Hint(lambda: S.cosine_decay(0.1, decay_steps=40, alpha=0.002, clamp=False)(_HORIZON_STEPS),
             "You used eta_min as a fraction of lr (like TensorFlow's alpha); eta_min = 0.002 "
             "is the floor itself."),
        Hint(lambda: compat.from_torch("CosineAnnealingWarmRestarts", lr=0.1, T_0=40,
                                       eta_min=0.002)(_HORIZON_STEPS),
             "That is a warm restart (CosineAnnealingWarmRestarts jumps back to lr at T_0). "
             "CosineAnnealingLR rises smoothly and is back at lr only at 2 * T_max."),
    ),
)

_AREA_STEPS = 100

CHAPTER.exercise(
    id="ch03-equal-cumulative",
    title="A constant rate with the same cumulative rate as cosine decay",
    answer="float: the constant learning rate c whose sum over updates 0..99 equals the sum "
           "of optax.cosine_decay_schedule(0.1, decay_steps=100) over updates 0..99",
    kind="number",
    reference=lambda: S.cumulative_rate(
        compat.from_optax("cosine_decay_schedule", init_value=0.1, decay_steps=100),
        steps=_AREA_STEPS)[-1] / _AREA_STEPS,
    hints=(
        Hint(lambda: 0.05,
             "0.05 is the mean of the continuous curve, 0.1/2. The sum over the 100 steps "
             "0..99 includes step 0 (rate 0.1) but not step 100 (rate 0), so it is a little "
             "more than 100 * 0.05."),
        Hint(lambda: 0.1,
             "0.1 is the initial rate; a constant 0.1 travels about twice as far as the "
             "cosine schedule."),
    ),
)


# -- explorer ------------------------------------------------------------------------------

LR0 = 0.1
HORIZON = 200  # steps shown: 0 .. HORIZON - 1
_BLUE, _RED, _GREY = "#1f5fa8", "#b03a2e", "#555555"
AFTER = {
    "clamp": "stay at the floor (TF, Keras, optax)",
    "go_on": "go on (cycle=True; PyTorch cosine)",
}


def _explorer_schedules(v):
    """The polynomial and cosine schedules of the explorer for control values ``v``."""
    end = _r(v["alpha"] * LR0)
    go_on = v["after"] == "go_on"
    poly = S.polynomial_decay(LR0, decay_steps=v["T"], end_lr=end, power=v["p"], cycle=go_on)
    cos = S.cosine_decay(LR0, decay_steps=v["T"], alpha=v["alpha"], exponent=v["e"],
                         clamp=not go_on)
    return poly, cos


def _poly_code(v):
    end = _r(v["alpha"] * LR0)
    cycle = ", cycle=True" if v["after"] == "go_on" else ""
    return (f"keras.optimizers.schedules.PolynomialDecay({LR0:g}, decay_steps={v['T']}, "
            f"end_learning_rate={end:g}, power={v['p']:g}{cycle})")


def _cos_code(v):
    T, a, e = v["T"], v["alpha"], v["e"]
    if v["after"] == "clamp":
        return f"optax.cosine_decay_schedule({LR0:g}, decay_steps={T}, alpha={a:g}, exponent={e:g})"
    if e == 1:
        return (f"torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max={T}, "
                f"eta_min={_r(a * LR0):g})  # opt = SGD(params, lr={LR0:g})")
    return (f"lrcourse.schedules.cosine_decay({LR0:g}, decay_steps={T}, alpha={a:g}, "
            f"exponent={e:g}, clamp=False)  # no framework: PyTorch has no exponent")


@CHAPTER.explorer
def annealing_explorer(T=75, p=2.0, e=1.0, alpha=0.1, after="clamp"):
    r"""Polynomial and cosine decay side by side, with their cumulative rates (chapter 3).

    Left: :math:`\eta_t` for :math:`t = 0, \dots, 199` with :math:`\eta_0 = 0.1`,
    polynomial decay (blue, solid) and cosine decay (red, dashed), and a
    dotted line at :math:`t = T`. Right: the cumulative rate
    :math:`S_t = \sum_{k<t} \eta_k` of both (:func:`lrcourse.schedules.cumulative_rate`)
    and of a constant rate :math:`\eta_0` (grey). Under the figure: the
    framework code, the rates at and after :math:`T`, the restart peaks
    of ``cycle=True`` and the cumulative rates.

    Controls (512 combinations): ``T`` (:math:`T`, 4 values), ``p``
    (polynomial power, 4), ``e`` (cosine exponent of optax, 4), ``alpha``
    (:math:`\alpha`, the floor as a fraction of :math:`\eta_0`; the
    polynomial's end rate is :math:`\eta_{end} = \alpha\eta_0`; 4 values) and
    ``after`` (what happens after :math:`T`: stay at the floor, or go on:
    polynomial ``cycle=True`` and PyTorch's cosine, which rises again).

    Returns
    -------
    Explorer
    """
    controls = [
        Choice("after", "after t = T", [(label, key) for key, label in AFTER.items()], after),
        Slider("T", "T (decay_steps)", 10, 150, [25, 50, 75, 100], T, step=5, integer=True),
        Slider("p", "p (polynomial power)", 0.25, 4.0, [0.5, 1.0, 2.0, 3.0], p, step=0.25),
        Slider("e", "e (cosine exponent, optax)", 0.25, 4.0, [0.5, 1.0, 2.0, 3.0], e, step=0.25),
        Slider("alpha", "α (floor = α·η₀; polynomial η_end = α·η₀)", 0.0, 0.9,
               [0.0, 0.1, 0.25, 0.5], alpha, step=0.05),
    ]
    fig = new_figure((6.6, 3.4))
    ax = fig.add_subplot()
    ax_s = fig.add_subplot()
    wide = grid(1, 2, widths=[1.35, 1])
    wide(fig)
    t = np.arange(HORIZON)
    ts = np.arange(HORIZON + 1)
    zeros = np.zeros(HORIZON)
    (poly_line,) = ax.plot(t, zeros, "-", lw=1.8, color=_BLUE)
    (cos_line,) = ax.plot(t, zeros, "--", lw=1.8, color=_RED)
    (t_line,) = ax.plot([50, 50], [0, LR0 * 1.08], ":", lw=1.2, color=_GREY)
    ax.set_xlim(0, HORIZON)
    ax.set_ylim(0, LR0 * 1.08)
    ax.set_xlabel("step $t$")
    ax.set_title(r"learning rate $\eta_t$", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend([Line2D([], [], color=_BLUE, lw=1.8), Line2D([], [], color=_RED, lw=1.8, ls="--"),
               Line2D([], [], color=_GREY, lw=1.2, ls=":")],
              ["polynomial", "cosine", "t = T"], loc="upper right", fontsize=9,
              framealpha=0.95)

    (const_s,) = ax_s.plot(ts, LR0 * ts, ":", lw=1.5, color=_GREY)
    (poly_s,) = ax_s.plot(ts, np.zeros(HORIZON + 1), "-", lw=1.8, color=_BLUE)
    (cos_s,) = ax_s.plot(ts, np.zeros(HORIZON + 1), "--", lw=1.8, color=_RED)
    ax_s.set_xlim(0, HORIZON)
    ax_s.set_ylim(0, LR0 * HORIZON * 1.03)
    ax_s.set_xlabel("step $t$")
    ax_s.set_title(r"cumulative rate $S_t$", fontsize=10)
    ax_s.grid(alpha=0.3)
    ax_s.legend([const_s], [f"constant η₀ = {LR0:g}"], loc="upper left", fontsize=9,
                framealpha=0.95)

    drawn = {}

    def compute(v):
        key = tuple(sorted(v.items()))
        if drawn.get("key") != key:
            poly, cos = _explorer_schedules(v)
            drawn.update(key=key, poly=poly, cos=cos, lp=poly(t), lc=cos(t),
                         sp=S.cumulative_rate(poly, steps=HORIZON),
                         sc=S.cumulative_rate(cos, steps=HORIZON))
        return drawn

    def draw(v):
        d = compute(v)
        poly_line.set_ydata(d["lp"])
        cos_line.set_ydata(d["lc"])
        t_line.set_xdata([v["T"], v["T"]])
        poly_s.set_ydata(d["sp"])
        cos_s.set_ydata(d["sc"])

    def describe(v):
        d = compute(v)
        T = v["T"]
        return (f"Two charts over {HORIZON} steps. Left: polynomial decay (power {v['p']:g}) and "
                f"cosine decay (exponent {v['e']:g}) from {LR0:g} with T = {T} and floor "
                f"{v['alpha'] * LR0:.3g}; after T they {AFTER[v['after']]}. At step {T + 1} "
                f"polynomial is {d['lp'][T + 1]:.3g} and cosine {d['lc'][T + 1]:.3g}. Right: "
                f"cumulative rates after {HORIZON} steps: polynomial {d['sp'][-1]:.3g}, cosine "
                f"{d['sc'][-1]:.3g}, constant {LR0 * HORIZON:g}.")

    def readout(v):
        d = compute(v)
        T, a, p = v["T"], v["alpha"], v["p"]
        end = a * LR0
        if v["after"] == "go_on":
            peaks = restart_peaks(LR0, decay_steps=T, end_lr=end, power=p, cycles=4)[1:]
            poly_after = (f"cycle=True: η = {end:.3g} exactly at t = {T}, {2 * T}, {3 * T}; "
                          f"the next peaks approach {', '.join(f'{x:.3g}' for x in peaks)}, "
                          f"not {LR0:g}")
            cos_after = (f"PyTorch: rises again, η_{2 * T} = {d['cos'](2 * T):.3g}"
                         if 2 * T < HORIZON else
                         f"PyTorch: rises again, η_{HORIZON - 1} = {d['lc'][-1]:.3g}")
        else:
            poly_after = f"stays at η_end = {end:.3g}"
            cos_after = f"stays at α·η₀ = {end:.3g}"
        ratio = d["sc"][T] / d["sp"][T] if d["sp"][T] > 0 else float("inf")
        return [
            Readout("polynomial", _poly_code(v), code=True),
            Readout("cosine", _cos_code(v), code=True),
            Readout("after T, polynomial", poly_after),
            Readout("after T, cosine", cos_after),
            Readout(f"cumulative rate S_T at T = {T}",
                    f"polynomial {d['sp'][T]:.3g}, cosine {d['sc'][T]:.3g} "
                    f"(cosine/polynomial = {ratio:.2f}); constant η₀: {LR0 * T:g}"),
        ]

    return Explorer(
        "annealing_explorer", "Polynomial and cosine decay, and their cumulative rates",
        controls, fig, draw, describe,
        animated=[poly_line, cos_line, t_line, poly_s, cos_s], readout=readout,
        layouts=[Layout((6.6, 3.4), wide), Layout((3.4, 5.6), grid(2, 1, heights=[1, 1]))],
    )

