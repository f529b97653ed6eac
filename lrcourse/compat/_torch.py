"""``torch.optim.lr_scheduler`` classes, as lrcourse schedules.

Reference: PyTorch 2.13 ``torch/optim/lr_scheduler.py``. The value of the returned
schedule at step ``k`` is ``optimizer.param_groups[0]["lr"]`` after ``k``
calls of ``scheduler.step()`` (``k = 0``: right after construction), with the
optimizer's initial learning rate passed as ``lr=``.

PyTorch computes most schedulers *recursively* (each step multiplies the
current rate by a ratio); lrcourse evaluates the closed form of the same
mathematics, which agrees to rounding (about 1e-13 relative here).
"""

from __future__ import annotations

import bisect
import math
import numbers
import warnings
from collections import Counter
from collections.abc import Callable

import numpy as np

from .. import schedules as S
from .._validation import check_bool, check_choice, check_int, check_real
from ..schedules._cyclic import _cyclic_shape
from ._accepted import AcceptedPlateau, Odd, accepted, is_real, or_accepted, recursion
from ._registry import Registry
from ._warnings import FrameworkBehaviourWarning, framework_schedule, framework_warning

TORCH = Registry("PyTorch (torch.optim.lr_scheduler)")
TORCH_MOMENTUM = Registry("PyTorch (torch.optim.lr_scheduler)", kind="momentum scheduler")


def _check_last_epoch(last_epoch):
    if last_epoch != -1:
        raise ValueError(
            "Argument `last_epoch` must be -1 (a fresh scheduler; resuming is not "
            f"modelled). Received: last_epoch={last_epoch!r}"
        )


_LR = {"lr0": "lr"}


@TORCH.register("StepLR", {**_LR, "decay_rate": "gamma", "decay_steps": "step_size"})
def _step_lr(lr, step_size, gamma=0.1, last_epoch=-1):
    _check_last_epoch(last_epoch)

    def fallback():
        if not (_optimizer_lr(lr) and is_real(step_size) and step_size != 0 and is_real(gamma)):
            return None
        odd = Odd("PyTorch's StepLR")
        odd.rate("lr", lr)
        if not _positive_int(step_size):
            odd("step_size", step_size, _modulo_note(step_size))
        odd.factor("gamma", gamma)
        fn = recursion(lr, lambda k, cur: cur * gamma if k % step_size == 0 else cur)
        return accepted("torch.StepLR", dict(lr=lr, step_size=step_size, gamma=gamma), fn, odd)

    return or_accepted(
        lambda: S.step_decay(lr, decay_rate=gamma, decay_steps=step_size), fallback
    )


def _optimizer_lr(lr):
    """torch.optim.SGD accepts any real ``lr`` that is not below 0 (NaN included)."""
    return is_real(lr) and not lr < 0


def _positive_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= 1


def _modulo_note(step_size):
    if math.isnan(step_size):
        return ("it is documented as a positive int; k % step_size is never 0, so the rate "
                "never decays.")
    return ("it is documented as a positive int; PyTorch multiplies the rate by gamma at each "
            "step k with k % step_size == 0"
            + (", that is at every step." if step_size in (-1, 1) else "."))


@TORCH.register("MultiStepLR", {**_LR, "decay_rate": "gamma"})
def _multistep_lr(lr, milestones, gamma=0.1, last_epoch=-1):
    _check_last_epoch(last_epoch)

    def fallback():
        if not (_optimizer_lr(lr) and is_real(gamma)):
            return None
        try:
            counts = Counter(milestones)
        except TypeError:
            return None
        odd = Odd("PyTorch's MultiStepLR")
        odd.rate("lr", lr)
        never = [m for m in counts if not (is_real(m) and m >= 0 and float(m).is_integer())]
        if never or isinstance(milestones, str):
            odd("milestones", milestones,
                f"PyTorch looks each step count up among the milestones; {never!r} never "
                "equal a step count, so they change nothing.")
        odd.factor("gamma", gamma, "at a milestone")
        first = lr * gamma ** counts[0] if 0 in counts else lr
        fn = recursion(first, lambda k, cur: cur * gamma ** counts[k] if k in counts else cur)
        return accepted("torch.MultiStepLR", dict(lr=lr, milestones=milestones, gamma=gamma),
                        fn, odd)

    return or_accepted(lambda: _multistep_native(lr, milestones, gamma), fallback)


def _multistep_native(lr, milestones, gamma):
    if isinstance(milestones, str) or not hasattr(milestones, "__iter__"):
        raise TypeError(f"Argument `milestones` must be a list of ints. Received: {milestones!r}")
    milestones = [check_int("milestones", m, ge=0) for m in milestones]
    # PyTorch counts milestones (collections.Counter): a repeated one applies gamma twice.
    return S.multistep_decay(
        lr, boundaries=sorted(milestones), decay_rate=gamma, switch_at_boundary=True
    )


@TORCH.register("ExponentialLR", {**_LR, "decay_rate": "gamma"})
def _exponential_lr(lr, gamma, last_epoch=-1):
    _check_last_epoch(last_epoch)

    def fallback():
        if not (_optimizer_lr(lr) and is_real(gamma)):
            return None
        odd = Odd("PyTorch's ExponentialLR")
        odd.rate("lr", lr)
        odd.factor("gamma", gamma, "at each step")
        fn = recursion(lr, lambda k, cur: cur * gamma)
        return accepted("torch.ExponentialLR", dict(lr=lr, gamma=gamma), fn, odd)

    return or_accepted(lambda: S.exponential_decay(lr, decay_rate=gamma, decay_steps=1),
                       fallback)


@TORCH.register("CosineAnnealingLR", {**_LR, "decay_steps": "T_max", "end_lr": "eta_min"})
def _cosine_annealing_lr(lr, T_max, eta_min=0.0, last_epoch=-1):  # noqa: N803
    _check_last_epoch(last_epoch)
    # Past T_max PyTorch keeps following the cosine: the rate rises again.

    def fallback():
        if not (_optimizer_lr(lr) and is_real(T_max) and T_max != 0 and is_real(eta_min)):
            return None
        odd = Odd("PyTorch's CosineAnnealingLR")
        odd.rate("lr", lr)
        if not _positive_int(T_max):
            odd("T_max", T_max, "it is documented as a positive int; PyTorch computes the "
                "cosine with this value as it is.")
        if eta_min < 0:
            odd("eta_min", eta_min, "the rate goes below 0 near the end of each half period.")

        def next_lr(k, cur):
            if (k - 1 - T_max) % (2 * T_max) == 0:
                return cur + (lr - eta_min) * (1 - math.cos(math.pi / T_max)) / 2
            return ((1 + math.cos(math.pi * k / T_max))
                    / (1 + math.cos(math.pi * (k - 1) / T_max)) * (cur - eta_min) + eta_min)

        return accepted("torch.CosineAnnealingLR", dict(lr=lr, T_max=T_max, eta_min=eta_min),
                        recursion(lr, next_lr), odd)

    return or_accepted(
        lambda: S.cosine_decay(lr, decay_steps=T_max, end_lr=eta_min, clamp=False), fallback
    )


@TORCH.register("CosineAnnealingWarmRestarts", {**_LR, "end_lr": "eta_min"})
def _cosine_annealing_warm_restarts(lr, T_0, T_mult=1, eta_min=0.0, last_epoch=-1):  # noqa: N803
    _check_last_epoch(last_epoch)
    T_0 = check_int("T_0", T_0, ge=1)  # noqa: N806
    T_mult = check_int("T_mult", T_mult, ge=1)  # noqa: N806

    def fallback():
        # eta_min below 0 (or above lr): the same cosine, shifted by eta_min.
        if not (_optimizer_lr(lr) and is_real(eta_min) and lr - eta_min > 0):
            return None
        odd = Odd("PyTorch's CosineAnnealingWarmRestarts")
        odd.rate("lr", lr)
        if eta_min < 0:
            odd("eta_min", eta_min, "the rate goes below 0 near the end of each period.")
        unit = S.cosine_restarts(lr - eta_min, first_period=T_0, period_mult=float(T_mult),
                                 end_lr=0.0)
        return accepted("torch.CosineAnnealingWarmRestarts",
                        dict(lr=lr, T_0=T_0, T_mult=T_mult, eta_min=eta_min),
                        lambda t: unit._fn(t) + eta_min, odd)

    return or_accepted(
        lambda: S.cosine_restarts(lr, first_period=T_0, period_mult=float(T_mult),
                                  end_lr=eta_min),
        fallback,
    )


def _cyclic_args(
    base_lr, max_lr, step_size_up, step_size_down, mode, gamma, scale_fn, scale_mode, last_epoch
):
    _check_last_epoch(last_epoch)
    if scale_fn is not None and not callable(scale_fn):
        raise TypeError(
            "Argument `scale_fn` must be a function of one number, or None. "
            f"Received: scale_fn={scale_fn!r}"
        )
    step_size_up = check_int("step_size_up", step_size_up, ge=1)
    if step_size_down is not None:
        step_size_down = check_int("step_size_down", step_size_down, ge=0)
    return dict(step_size_up=step_size_up, step_size_down=step_size_down, mode=mode, gamma=gamma)


def _custom_scale(scale_fn, scale_mode, kw):
    """PyTorch's ``CyclicLR`` with a ``scale_fn``: the triangle times ``scale_fn(k)``.

    ``k`` is the cycle (from 1) when ``scale_mode == "cycle"`` and the step
    otherwise (PyTorch does not check ``scale_mode``: any other value counts
    the steps). ``mode`` and ``gamma`` are then ignored, as in PyTorch.
    Returns ``t -> (height h_t in [0, 1], scale s_t)``.
    """
    if scale_mode not in ("cycle", "iterations"):
        framework_warning(
            f"PyTorch's CyclicLR treats scale_mode={scale_mode!r} as 'iterations': "
            "scale_fn is called with the step, not the cycle."
        )
    up = float(kw["step_size_up"])
    down = up if kw["step_size_down"] is None else float(kw["step_size_down"])
    scale = _one_step_at_a_time_if_needed(scale_fn)

    def shape(t):
        height, _ = _cyclic_shape(t, up, down, "triangular", 1.0)
        k = np.floor(1 + t / (up + down)) if scale_mode == "cycle" else t
        return height, scale(k)

    return shape, up, down


@TORCH.register("CyclicLR", {"lr0": "base_lr", "peak_lr": "max_lr"})
def _cyclic_lr(
    base_lr,
    max_lr,
    step_size_up=2000,
    step_size_down=None,
    mode="triangular",
    gamma=1.0,
    scale_fn=None,
    scale_mode="cycle",
    cycle_momentum=True,
    base_momentum=0.8,
    max_momentum=0.9,
    last_epoch=-1,
    lr=None,
):
    # CyclicLR overwrites the optimizer's rate with base_lr: `lr` changes nothing.
    if lr is not None:
        check_real("lr", lr, gt=0)
    args = (base_lr, max_lr, step_size_up, step_size_down, mode, gamma, scale_fn, scale_mode,
            cycle_momentum, base_momentum, max_momentum, last_epoch)
    return or_accepted(lambda: _cyclic_native(*args), lambda: _cyclic_accepted(*args))


def _cyclic_native(base_lr, max_lr, step_size_up, step_size_down, mode, gamma, scale_fn,
                   scale_mode, cycle_momentum, base_momentum, max_momentum, last_epoch):
    _check_momentum_bounds(check_bool("cycle_momentum", cycle_momentum), base_momentum,
                           max_momentum)
    kw = _cyclic_args(
        base_lr,
        max_lr,
        step_size_up,
        step_size_down,
        mode,
        gamma,
        scale_fn,
        scale_mode,
        last_epoch,
    )
    if scale_fn is None:
        return S.cyclic(base_lr, peak_lr=max_lr, **kw)
    # A custom scale_fn: the native cyclic() checks the bounds, the shape is PyTorch's.
    native = S.cyclic(base_lr, peak_lr=max_lr, **dict(kw, mode="triangular", gamma=1.0))
    lo, hi = native.params["lr0"], native.params["peak_lr"]
    shape, up, down = _custom_scale(scale_fn, scale_mode, kw)

    def fn(t):
        height, s = shape(t)
        return lo + (hi - lo) * height * s

    params = dict(base_lr=lo, max_lr=hi, step_size_up=up, step_size_down=down,
                  scale_fn=scale_fn, scale_mode=scale_mode)
    return framework_schedule("torch.CyclicLR", params, fn)


def _momentum_bounds_ok(odd, base_momentum, max_momentum):
    """CyclicLR/OneCycleLR with cycle_momentum: False if a bound is not a number (PyTorch
    fails at its first step); a NaN bound is accepted with a warning (the rate ignores it)."""
    for name, value in (("base_momentum", base_momentum), ("max_momentum", max_momentum)):
        if not is_real(value):
            return False
        if math.isnan(value):
            odd(name, value, "the momentum PyTorch sets in the optimizer is NaN; the rate "
                "does not depend on it.")
    return True


def _cyclic_accepted(base_lr, max_lr, step_size_up, step_size_down, mode, gamma, scale_fn,
                     scale_mode, cycle_momentum, base_momentum, max_momentum, last_epoch):
    """PyTorch's own CyclicLR formula, for bounds and sizes the native cyclic() refuses."""
    _check_last_epoch(last_epoch)
    if scale_fn is not None or mode not in ("triangular", "triangular2", "exp_range"):
        return None
    if not (is_real(base_lr) and is_real(max_lr) and is_real(step_size_up)
            and (step_size_down is None or is_real(step_size_down))):
        return None
    if mode == "exp_range" and not is_real(gamma):
        return None
    odd = Odd("PyTorch's CyclicLR")
    odd.rate("base_lr", base_lr)
    odd.rate("max_lr", max_lr)
    for name, value, low in (("step_size_up", step_size_up, 1),
                             ("step_size_down", step_size_down, 0)):
        if value is not None and not (isinstance(value, numbers.Integral) and value >= low):
            odd(name, value, f"it is documented as an int >= {low}; PyTorch computes the "
                "triangle with float(" + name + ") as it is.")
    if mode == "exp_range":
        odd.factor("gamma", gamma, "(gamma ** step scales the triangle)")
    elif not (is_real(gamma) and math.isfinite(gamma) and gamma > 0):
        odd("gamma", gamma, f"PyTorch uses gamma only with mode='exp_range'; with "
            f"mode={mode!r} it is ignored.")
    odd.truth("cycle_momentum", cycle_momentum)
    if cycle_momentum and not _momentum_bounds_ok(odd, base_momentum, max_momentum):
        return None
    up = float(step_size_up)
    down = float(step_size_down) if step_size_down is not None else up
    total = up + down
    ratio = up / total
    lo, hi = float(base_lr), float(max_lr)

    def fn(t):
        t = np.asarray(t, dtype=np.float64)
        cycle = np.floor(1 + t / total)
        x = 1.0 + t / total - cycle
        factor = np.where(x <= ratio, x / ratio, (x - 1) / (ratio - 1))
        if mode == "triangular":
            scale = 1.0
        elif mode == "triangular2":
            scale = 1 / 2.0 ** (cycle - 1)
        else:
            scale = float(gamma) ** t
        return lo + (hi - lo) * factor * scale

    params = dict(base_lr=base_lr, max_lr=max_lr, step_size_up=step_size_up,
                  step_size_down=step_size_down, mode=mode, gamma=gamma)
    return accepted("torch.CyclicLR", params, fn, odd)


@TORCH_MOMENTUM.register("CyclicLR", {"lr0": "base_lr", "peak_lr": "max_lr"})
def _cyclic_momentum(
    base_lr,
    max_lr,
    step_size_up=2000,
    step_size_down=None,
    mode="triangular",
    gamma=1.0,
    scale_fn=None,
    scale_mode="cycle",
    cycle_momentum=True,
    base_momentum=0.8,
    max_momentum=0.9,
    last_epoch=-1,
    lr=None,
):
    _cyclic_lr(
        base_lr,
        max_lr,
        step_size_up,
        step_size_down,
        mode,
        gamma,
        scale_fn,
        scale_mode,
        cycle_momentum,
        base_momentum,
        max_momentum,
        last_epoch,
        lr,
    )
    _require_cycle_momentum(cycle_momentum)
    kw = _cyclic_args(
        base_lr,
        max_lr,
        step_size_up,
        step_size_down,
        mode,
        gamma,
        scale_fn,
        scale_mode,
        last_epoch,
    )
    if scale_fn is not None:
        with warnings.catch_warnings():
            # The scale_mode warning was given once, for the rate, above.
            warnings.simplefilter("ignore", FrameworkBehaviourWarning)
            shape, _, _ = _custom_scale(scale_fn, scale_mode, kw)
        kw = dict(kw, mode="triangular", gamma=1.0)

        def build(lo, hi):
            native = S.cyclic_momentum(lo, max_momentum=hi, **kw)

            def fn(t):
                height, s = shape(t)
                return hi - (hi - lo) * height * s

            return framework_schedule("torch.CyclicLR.momentum", dict(native.params), fn)

        return _momentum_beyond_one("CyclicLR", base_momentum, max_momentum, build)
    return _momentum_beyond_one(
        "CyclicLR",
        base_momentum,
        max_momentum,
        lambda lo, hi: S.cyclic_momentum(lo, max_momentum=hi, **kw),
    )


def _momentum_beyond_one(scheduler, base_momentum, max_momentum, build):
    """PyTorch cycles any momentum bounds >= 0; the native API keeps them in [0, 1].

    Above 1 the bounds are divided by the larger one, the native schedule is
    built, and its values are multiplied back (exact up to rounding).
    """
    lo = check_real("base_momentum", base_momentum, ge=0)
    hi = check_real("max_momentum", max_momentum, ge=0)
    top = max(lo, hi)
    if top <= 1.0:
        return build(lo, hi)
    name = "max_momentum" if hi >= lo else "base_momentum"
    framework_warning(
        f"PyTorch's {scheduler} accepts {name}={top!r}: the momentum it sets rises above 1, "
        "where the velocity grows without bound."
    )
    unit = build(lo / top, hi / top)
    return framework_schedule(
        f"torch.{scheduler}.momentum",
        {**unit.params, "base_momentum": lo, "max_momentum": hi},
        lambda t: top * unit._fn(t),
    )


def _check_momentum_bounds(cycle_momentum, base_momentum, max_momentum):
    """With ``cycle_momentum=True`` PyTorch computes the momentum at every step.

    A bound that is not a number makes PyTorch fail at its first step, so the
    rate schedule refuses it too (by name). Any finite number is accepted here:
    PyTorch's rate does not depend on the momentum bounds.
    """
    if cycle_momentum:
        check_real("base_momentum", base_momentum)
        check_real("max_momentum", max_momentum)


def _require_cycle_momentum(cycle_momentum):
    if not cycle_momentum:
        raise ValueError(
            "Argument `cycle_momentum` must be True to get a momentum schedule (with False "
            "PyTorch leaves the optimizer's momentum alone). "
            f"Received: cycle_momentum={cycle_momentum!r}"
        )


def _one_cycle_total(total_steps, epochs, steps_per_epoch):
    if total_steps is not None:
        return check_int("total_steps", total_steps, ge=1)
    if epochs is not None and steps_per_epoch is not None:
        return check_int("epochs", epochs, ge=1) * check_int(
            "steps_per_epoch", steps_per_epoch, ge=1
        )
    raise ValueError(
        "Arguments `total_steps`, or both `epochs` and `steps_per_epoch`, must be given. "
        f"Received: total_steps={total_steps!r}, epochs={epochs!r}, "
        f"steps_per_epoch={steps_per_epoch!r}"
    )


@TORCH.register("OneCycleLR", {"peak_lr": "max_lr", "anneal": "anneal_strategy"})
def _one_cycle_lr(
    max_lr,
    total_steps=None,
    epochs=None,
    steps_per_epoch=None,
    pct_start=0.3,
    anneal_strategy="cos",
    cycle_momentum=True,
    base_momentum=0.85,
    max_momentum=0.95,
    div_factor=25.0,
    final_div_factor=1e4,
    three_phase=False,
    last_epoch=-1,
    lr=None,
):
    # OneCycleLR overwrites the optimizer's rate with max_lr / div_factor.
    _check_last_epoch(last_epoch)
    if lr is not None:
        check_real("lr", lr, gt=0)
    total = _one_cycle_total(total_steps, epochs, steps_per_epoch)

    def native():
        _check_momentum_bounds(check_bool("cycle_momentum", cycle_momentum), base_momentum,
                               max_momentum)
        return S.one_cycle(
            max_lr,
            total_steps=total,
            pct_start=pct_start,
            div_factor=div_factor,
            final_div_factor=final_div_factor,
            three_phase=three_phase,
            anneal=anneal_strategy,
        )

    def fallback():
        return _one_cycle_accepted(max_lr, total, pct_start, anneal_strategy, cycle_momentum,
                                   base_momentum, max_momentum, div_factor, final_div_factor,
                                   three_phase)

    return or_accepted(native, fallback)


def _one_cycle_accepted(max_lr, total, pct_start, anneal_strategy, cycle_momentum,
                        base_momentum, max_momentum, div_factor, final_div_factor, three_phase):
    """PyTorch's own OneCycleLR phases, for values the native one_cycle() refuses."""
    # PyTorch itself refuses these (pct_start must be a float in [0, 1]).
    if not (isinstance(pct_start, float) and 0 <= pct_start <= 1):
        return None
    if anneal_strategy not in ("cos", "linear") or not all(
            is_real(v) for v in (max_lr, div_factor, final_div_factor)):
        return None
    if div_factor == 0 or final_div_factor == 0:
        return None
    odd = Odd("PyTorch's OneCycleLR")
    odd.rate("max_lr", max_lr)
    if pct_start == 0:
        odd("pct_start", pct_start, "the warm-up phase ends at step -1, so the rate starts "
            "on the decay, just below max_lr.")
    for name, value, which in (("div_factor", div_factor, "the first rate max_lr / div_factor"),
                               ("final_div_factor", final_div_factor, "the last rate")):
        if value < 0:
            odd(name, value, f"{which} has the opposite sign of max_lr.")
    odd.truth("three_phase", three_phase)
    odd.truth("cycle_momentum", cycle_momentum)
    if cycle_momentum and not _momentum_bounds_ok(odd, base_momentum, max_momentum):
        return None
    initial = max_lr / div_factor
    low = initial / final_div_factor
    if three_phase:
        phases = [(float(pct_start * total) - 1, initial, max_lr),
                  (float(2 * pct_start * total) - 2, max_lr, initial),
                  (total - 1, initial, low)]
    else:
        phases = [(float(pct_start * total) - 1, initial, max_lr), (total - 1, max_lr, low)]

    def anneal(start, end, pct):
        if anneal_strategy == "cos":
            return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
        return (end - start) * pct + start

    def one(k):
        if k > total:
            raise ValueError(
                f"Argument `step` must be <= total_steps={total}: PyTorch's OneCycleLR raises "
                f"when stepped past it. Received: step={k}"
            )
        start = 0.0
        for i, (end, a, b) in enumerate(phases):
            if k <= end or i == len(phases) - 1:
                return anneal(a, b, (k - start) / (end - start))
            start = end
        return math.nan  # pragma: no cover - the last phase always answers

    def fn(t):
        t = np.asarray(t, dtype=np.float64)
        return np.array([one(int(k)) for k in np.floor(t).ravel()]).reshape(t.shape)

    params = dict(max_lr=max_lr, total_steps=total, pct_start=pct_start,
                  anneal_strategy=anneal_strategy, div_factor=div_factor,
                  final_div_factor=final_div_factor, three_phase=three_phase)
    return accepted("torch.OneCycleLR", params, fn, odd, probe=np.arange(total + 1.0))


@TORCH_MOMENTUM.register("OneCycleLR", {"peak_lr": "max_lr", "anneal": "anneal_strategy"})
def _one_cycle_momentum(
    max_lr,
    total_steps=None,
    epochs=None,
    steps_per_epoch=None,
    pct_start=0.3,
    anneal_strategy="cos",
    cycle_momentum=True,
    base_momentum=0.85,
    max_momentum=0.95,
    div_factor=25.0,
    final_div_factor=1e4,
    three_phase=False,
    last_epoch=-1,
    lr=None,
):
    _one_cycle_lr(
        max_lr,
        total_steps,
        epochs,
        steps_per_epoch,
        pct_start,
        anneal_strategy,
        cycle_momentum,
        base_momentum,
        max_momentum,
        div_factor,
        final_div_factor,
        three_phase,
        last_epoch,
        lr,
    )
    _require_cycle_momentum(cycle_momentum)
    total = _one_cycle_total(total_steps, epochs, steps_per_epoch)
    return _momentum_beyond_one(
        "OneCycleLR",
        base_momentum,
        max_momentum,
        lambda lo, hi: S.one_cycle_momentum(
            lo,
            max_momentum=hi,
            total_steps=total,
            pct_start=pct_start,
            three_phase=three_phase,
            anneal=anneal_strategy,
        ),
    )


@TORCH.register("LinearLR")
def _linear_lr(lr, start_factor=1.0 / 3, end_factor=1.0, total_iters=5, last_epoch=-1):
    _check_last_epoch(last_epoch)

    def fallback():
        sf, ef, ti = start_factor, end_factor, total_iters
        if not (_optimizer_lr(lr) and is_real(sf) and 0 < sf <= 1 and is_real(ef)
                and 0 <= ef <= 1 and is_real(ti)):
            return None
        odd = Odd("PyTorch's LinearLR")
        odd.rate("lr", lr)
        if not (isinstance(ti, numbers.Integral) and ti >= 0):
            odd("total_iters", ti, "it is documented as an int >= 0; PyTorch changes the rate "
                "at each step k <= total_iters, and keeps it from then on.")

        def next_lr(k, cur):
            if k > ti:
                return cur
            return cur * (1.0 + (ef - sf) / (ti * sf + (k - 1) * (ef - sf)))

        return accepted("torch.LinearLR", dict(lr=lr, start_factor=sf, end_factor=ef,
                                               total_iters=ti),
                        recursion(lr * sf, next_lr), odd)

    return or_accepted(
        lambda: _linear_native(lr, start_factor, end_factor, total_iters), fallback
    )


def _linear_native(lr, start_factor, end_factor, total_iters):
    lr = check_real("lr", lr, gt=0)
    start_factor = check_real("start_factor", start_factor, gt=0, le=1)
    end_factor = check_real("end_factor", end_factor, ge=0, le=1)
    total_iters = check_int("total_iters", total_iters, ge=0)
    if total_iters == 0:
        return _stuck_at_factor("LinearLR", "start_factor", lr, start_factor)
    return S.polynomial_decay(
        lr * start_factor, decay_steps=total_iters, end_lr=lr * end_factor, power=1.0
    )


@TORCH.register("ConstantLR")
def _constant_lr(lr, factor=1.0 / 3, total_iters=5, last_epoch=-1):
    _check_last_epoch(last_epoch)

    def fallback():
        if not (_optimizer_lr(lr) and is_real(factor) and 0 < factor <= 1):
            return None
        odd = Odd("PyTorch's ConstantLR")
        odd.rate("lr", lr)
        ti = total_iters
        if not (isinstance(ti, numbers.Integral) and not isinstance(ti, bool) and ti >= 0):
            odd("total_iters", ti, "it is documented as an int >= 0; PyTorch restores the rate "
                "only at the step k == total_iters"
                + (", which never comes: the rate stays lr * factor." if not (
                    is_real(ti) and ti >= 1 and float(ti).is_integer()) else "."))
        fn = recursion(lr * factor, lambda k, cur: cur * (1.0 / factor) if k == ti else cur)
        return accepted("torch.ConstantLR", dict(lr=lr, factor=factor, total_iters=ti), fn, odd)

    return or_accepted(lambda: _constant_native(lr, factor, total_iters), fallback)


def _constant_native(lr, factor, total_iters):
    lr = check_real("lr", lr, gt=0)
    # factor=0 makes PyTorch divide by zero at total_iters; refused here.
    factor = check_real("factor", factor, gt=0, le=1)
    total_iters = check_int("total_iters", total_iters, ge=0)
    if total_iters == 0:
        return _stuck_at_factor("ConstantLR", "factor", lr, factor)
    return S.piecewise_constant(
        [total_iters], values=[lr * factor, lr], switch_at_boundary=True
    )


def _stuck_at_factor(scheduler, argument, lr, factor):
    """``total_iters=0``: PyTorch scales the rate at construction and never undoes it.

    Its chainable ``get_lr`` multiplies by the factor at epoch 0 and only
    restores the rate *at* ``last_epoch == total_iters``, which never comes
    again, so the rate stays ``lr * factor``.
    """
    framework_warning(
        f"PyTorch's {scheduler} with total_iters=0 multiplies the rate by "
        f"{argument}={factor!r} at construction and never restores it: the rate stays "
        f"at {lr * factor!r}."
    )
    return S.constant(lr * factor)


@TORCH.register("PolynomialLR", _LR)
def _polynomial_lr(lr, total_iters=5, power=1.0, last_epoch=-1):
    _check_last_epoch(last_epoch)

    def fallback():
        ti = total_iters
        if not (_optimizer_lr(lr) and is_real(ti) and ti != 0 and is_real(power)):
            return None
        odd = Odd("PyTorch's PolynomialLR")
        odd.rate("lr", lr)
        if not (isinstance(ti, numbers.Integral) and ti >= 0):
            odd("total_iters", ti, "it is documented as an int >= 0; PyTorch decays the rate "
                "at each step k <= total_iters, and keeps it from then on.")
        if power <= 0:
            odd("power", power, "the rate does not decay (a power of 0 keeps every factor at 1)"
                if power == 0 else "the rate grows instead of decaying.")

        def next_lr(k, cur):
            if k > ti:
                return cur
            return cur * ((1.0 - k / ti) / (1.0 - (k - 1) / ti)) ** power

        return accepted("torch.PolynomialLR", dict(lr=lr, total_iters=ti, power=power),
                        recursion(lr, next_lr), odd)

    return or_accepted(lambda: _polynomial_native(lr, total_iters, power), fallback)


def _polynomial_native(lr, total_iters, power):
    total_iters = check_int("total_iters", total_iters, ge=0)
    if total_iters == 0:
        # Chainable form: the rate is only changed while last_epoch <= total_iters.
        framework_warning(
            "PyTorch's PolynomialLR with total_iters=0 never decays: the rate stays at "
            f"lr={lr!r}."
        )
        return S.constant(lr)
    return S.polynomial_decay(lr, decay_steps=total_iters, end_lr=0.0, power=power)


@TORCH.register("LambdaLR", _LR)
def _lambda_lr(lr, lr_lambda, last_epoch=-1):
    _check_last_epoch(last_epoch)
    if isinstance(lr_lambda, list | tuple):
        raise ValueError(
            "Argument `lr_lambda` must be a single function (one parameter group). "
            f"Received: a list of {len(lr_lambda)}"
        )
    if not isinstance(lr_lambda, Callable):
        raise TypeError(
            f"Argument `lr_lambda` must be callable. Received: lr_lambda={lr_lambda!r}"
        )
    multiplier = _one_step_at_a_time_if_needed(lr_lambda)

    def fallback():
        if not _optimizer_lr(lr):
            return None
        odd = Odd("PyTorch's LambdaLR")
        odd.rate("lr", lr)
        return accepted("torch.LambdaLR", dict(lr=lr, lr_lambda=lr_lambda),
                        lambda t: lr * multiplier(np.asarray(t, dtype=np.float64)), odd)

    return or_accepted(lambda: S.multiplier_schedule(lr, multiplier=multiplier), fallback)


def _one_step_at_a_time_if_needed(lr_lambda):
    """``lr_lambda`` on an array of steps, or step by step when it does not vectorise.

    PyTorch calls ``lr_lambda(last_epoch)`` with one Python ``int`` per step,
    so a lambda with ``min``, ``math.exp`` or an ``if`` is fine there. The
    array call is tried first (it is the fast path); if the function cannot
    take an array, it is called once per step with an ``int``, as PyTorch does.
    """

    def multiplier(t):
        try:
            m = np.asarray(lr_lambda(t), dtype=np.float64)
            if m.shape in ((), t.shape):
                return m
        except (TypeError, ValueError):
            pass
        return np.array([float(lr_lambda(int(k))) for k in t.ravel()]).reshape(t.shape)

    return multiplier


@TORCH.register("SequentialLR", {"schedules": "schedulers", "boundaries": "milestones"})
def _sequential_lr(lr, schedulers, milestones, last_epoch=-1):
    _check_last_epoch(last_epoch)
    if isinstance(schedulers, str) or not isinstance(schedulers, list | tuple) or not schedulers:
        raise TypeError(
            "Argument `schedulers` must be a non-empty list of (name, params) pairs, e.g. "
            f"[('LinearLR', {{'start_factor': 0.1}}), ...]. Received: schedulers={schedulers!r}"
        )
    skipped = _skipped_schedulers(milestones, len(schedulers))
    if skipped:
        framework_warning(
            f"PyTorch's SequentialLR accepts milestones={milestones!r}: the step count is "
            f"already past {'them' if skipped > 1 else 'it'} at step 0, so the first "
            f"{skipped} scheduler(s) are never used and the next one runs from step 0."
        )
        schedulers, milestones = schedulers[skipped:], list(milestones)[skipped:]
    pieces = []
    for i, item in enumerate(schedulers):
        if not (isinstance(item, list | tuple) and len(item) == 2 and isinstance(item[1], dict)):
            raise TypeError(
                "Argument `schedulers` must be a list of (name, params) pairs (entry "
                f"{i} is {item!r})."
            )
        name, params = item
        if name in ("SequentialLR", "ReduceLROnPlateau"):
            raise ValueError(
                f"Argument `schedulers` must not contain {name} (entry {i}). "
                f"Received: schedulers={schedulers!r}"
            )
        if "lr" in params:
            raise ValueError(
                f"Argument `schedulers` entry {i} must not set `lr`: every scheduler shares the "
                "optimizer's rate, given once as SequentialLR's `lr`."
            )
        pieces.append(TORCH.build(name, dict(params, lr=lr)))
    # Each scheduler restarts its own clock at its milestone (PyTorch calls
    # scheduler.step(0) there and uses the closed form from the initial rate).
    return S.join(pieces, boundaries=[check_int("milestones", m, ge=1) for m in milestones])


def _skipped_schedulers(milestones, n):
    """How many leading schedulers PyTorch never uses: ``bisect_right(milestones, 0)``.

    PyTorch starts the scheduler at ``bisect_right(milestones, 0)``; a first
    milestone <= 0 or NaN (no comparison with NaN is true) puts step 0 past it.
    Only such a leading run is modelled; the rest must be valid milestones.
    """
    if not isinstance(milestones, list | tuple) or len(milestones) != n - 1:
        return 0
    if not all(is_real(m) for m in milestones):
        return 0
    try:
        skipped = bisect.bisect_right(list(milestones), 0)
    except TypeError:
        return 0
    return skipped if all(m <= 0 or math.isnan(m) for m in milestones[:skipped]) else 0


@TORCH.register("ReduceLROnPlateau", _LR)
def _reduce_lr_on_plateau(
    lr,
    mode="min",
    factor=0.1,
    patience=10,
    threshold=1e-4,
    threshold_mode="rel",
    cooldown=0,
    min_lr=0.0,
    eps=1e-8,
):
    if isinstance(min_lr, list | tuple):
        raise ValueError(
            "Argument `min_lr` must be one number (one parameter group). "
            f"Received: min_lr={min_lr!r}"
        )
    # PyTorch checks both strings itself (threshold_mode=None fails there too).
    check_choice("mode", mode, ("min", "max"))
    check_choice("threshold_mode", threshold_mode, ("rel", "abs"))
    values = dict(lr0=lr, factor=factor, patience=patience, threshold=threshold,
                  cooldown=cooldown, min_lr=min_lr, eps=eps)

    def fallback():
        # PyTorch checks only factor < 1; the optimizer wants lr >= 0.
        if not (_optimizer_lr(lr) and all(is_real(v) for v in values.values())):
            return None
        if not factor < 1 and not math.isnan(factor):
            return None
        odd = Odd("PyTorch's ReduceLROnPlateau")
        odd.rate("lr", lr)
        if math.isnan(factor) or factor < 0:
            odd("factor", factor, "a cut sets the rate to max(lr * factor, min_lr) with this "
                "factor as it is.")
        for name, value in (("patience", patience), ("cooldown", cooldown)):
            if not (isinstance(value, numbers.Integral) and value >= 0):
                odd(name, value, "it is documented as an int >= 0; PyTorch compares its "
                    "epoch counts with this value as it is.")
        if math.isnan(threshold) or threshold < 0:
            odd("threshold", threshold, "PyTorch compares each metric with the best one "
                "shifted by this threshold as it is"
                + (" (no comparison with NaN is true: no epoch is an improvement)."
                   if math.isnan(threshold) else "."))
        if math.isnan(min_lr) or min_lr < 0:
            odd("min_lr", min_lr, "a cut sets the rate to max(lr * factor, min_lr) with this "
                "floor as it is.")
        if math.isnan(eps) or eps < 0:
            odd("eps", eps, "PyTorch changes the rate only when the change is > eps"
                + (", which is never true for NaN." if math.isnan(eps) else "."))
        if not odd.args:
            return None
        odd.emit()
        return AcceptedPlateau("torch", mode, threshold_mode, values)

    return or_accepted(
        lambda: S.ReduceOnPlateau(
            lr,
            rule="torch",
            mode=mode,
            factor=factor,
            patience=patience,
            threshold=threshold,
            threshold_mode=threshold_mode,
            cooldown=cooldown,
            min_lr=min_lr,
            eps=eps,
        ),
        fallback,
    )
