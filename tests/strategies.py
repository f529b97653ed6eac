"""Hypothesis strategies shared by the schedule property tests.

``schedules()`` draws a valid lrcourse schedule of any kind, together with
what must hold for it: bounds ``lo <= eta_t <= hi`` and the direction in which
it must be monotone (``"dec"``, ``"inc"`` or ``None``). The bounds follow from
each schedule's formula (its docstring), not from running it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from lrcourse import schedules as S

rates = st.floats(1e-5, 10.0, allow_nan=False, allow_infinity=False)
factors = st.floats(0.05, 0.999)
lengths = st.integers(1, 200)
real_lengths = st.floats(0.5, 200.0)
fractions = st.floats(0.0, 1.0)
steps_arrays = st.lists(
    st.one_of(st.integers(0, 5000), st.floats(0.0, 5000.0)), min_size=1, max_size=40
).map(lambda xs: np.asarray(xs, dtype=np.float64))


@dataclass(frozen=True)
class Drawn:
    schedule: S.Schedule
    lo: float
    hi: float
    monotone: str | None = None


def _sorted_unique(xs):
    return sorted(set(xs))


@st.composite
def chapter2(draw):
    kind = draw(
        st.sampled_from(["constant", "piecewise", "step", "multistep", "exp", "nat", "inv"])
    )
    lr0 = draw(rates)
    if kind == "constant":
        return Drawn(S.constant(lr0), lr0, lr0, "dec")
    if kind == "piecewise":
        b = _sorted_unique(draw(st.lists(st.integers(0, 500), min_size=0, max_size=5)))
        v = draw(st.lists(st.floats(0.0, 10.0), min_size=len(b) + 1, max_size=len(b) + 1))
        sab = draw(st.booleans())
        return Drawn(S.piecewise_constant(b, values=v, switch_at_boundary=sab), min(v), max(v))
    if kind == "step":
        g = draw(factors)
        return Drawn(S.step_decay(lr0, decay_rate=g, decay_steps=draw(lengths)), 0.0, lr0, "dec")
    if kind == "multistep":
        b = sorted(draw(st.lists(st.integers(0, 500), min_size=0, max_size=5)))
        return Drawn(
            S.multistep_decay(
                lr0,
                boundaries=b,
                decay_rate=draw(factors),
                switch_at_boundary=draw(st.booleans()),
            ),
            0.0,
            lr0,
            "dec",
        )
    stair = draw(st.booleans())
    if kind == "exp":
        g = draw(factors)
        begin = draw(st.sampled_from([0, 0, 3, 50.5]))
        end = draw(st.one_of(st.none(), st.floats(1e-6, 1.0).map(lambda f: f * lr0)))
        s = S.exponential_decay(
            lr0,
            decay_rate=g,
            decay_steps=draw(real_lengths),
            staircase=stair,
            begin_step=begin,
            end_lr=end,
        )
        return Drawn(s, 0.0 if end is None else min(end, lr0), lr0, "dec")
    k = draw(st.floats(0.0, 5.0))
    if kind == "nat":
        s = S.natural_exp_decay(
            lr0, decay_rate=k, decay_steps=draw(real_lengths), staircase=stair
        )
        return Drawn(s, 0.0, lr0, "dec")
    s = S.inverse_time_decay(lr0, decay_rate=k, decay_steps=draw(real_lengths), staircase=stair)
    return Drawn(s, 0.0, lr0, "dec")


@st.composite
def annealing(draw):
    kind = draw(st.sampled_from(["poly", "cos", "restarts", "lincos", "noisy"]))
    lr0 = draw(rates)
    T = draw(real_lengths)
    if kind == "poly":
        end = draw(st.floats(0.0, 1.0)) * lr0
        cycle = draw(st.booleans())
        s = S.polynomial_decay(
            lr0,
            decay_steps=T,
            end_lr=end,
            power=draw(st.floats(0.1, 4.0)),
            cycle=cycle,
            begin_step=draw(st.sampled_from([0, 10])),
        )
        return Drawn(s, end, lr0, None if cycle else "dec")
    if kind == "cos":
        clamp = draw(st.booleans())
        if draw(st.booleans()):
            a = draw(fractions)
            s = S.cosine_decay(
                lr0, decay_steps=T, alpha=a, exponent=draw(st.floats(0.5, 3.0)), clamp=clamp
            )
            lo = a * lr0
        else:
            e = draw(fractions) * lr0
            s = S.cosine_decay(lr0, decay_steps=T, end_lr=e, clamp=clamp)
            lo = e
        return Drawn(s, lo, lr0, "dec" if clamp else None)
    if kind == "restarts":
        a = draw(fractions)
        s = S.cosine_restarts(
            lr0,
            first_period=T,
            period_mult=draw(st.sampled_from([1.0, 1.5, 2.0, 3.0])),
            peak_mult=draw(st.floats(0.1, 1.0)),
            alpha=a,
        )
        return Drawn(s, a * lr0, lr0)
    n = draw(st.floats(0.0, 4.0))
    alpha = draw(st.floats(0.0, 1.0))
    beta = draw(st.floats(0.0, 0.1))
    if kind == "lincos":
        return Drawn(
            S.linear_cosine_decay(lr0, decay_steps=T, num_periods=n, alpha=alpha, beta=beta),
            beta * lr0,
            lr0 * (1 + alpha + beta),
        )
    s = S.noisy_linear_cosine_decay(
        lr0,
        decay_steps=T,
        initial_variance=draw(st.floats(0.0, 1.0)),
        num_periods=n,
        alpha=alpha,
        beta=beta,
        seed=draw(st.integers(0, 2**32)),
    )
    return Drawn(s, -np.inf, np.inf)


@st.composite
def cycles(draw):
    kind = draw(st.sampled_from(["cyclic", "cyclic_m", "one", "one_m"]))
    up = draw(st.integers(1, 50))
    down = draw(st.one_of(st.none(), st.integers(0, 50)))
    mode = draw(st.sampled_from(["triangular", "triangular2", "exp_range"]))
    gamma = draw(st.floats(0.9, 1.0))
    if kind == "cyclic":
        lo, hi = sorted([draw(rates), draw(rates)])
        s = S.cyclic(
            lo, peak_lr=hi, step_size_up=up, step_size_down=down, mode=mode, gamma=gamma
        )
        return Drawn(s, lo, hi)
    if kind == "cyclic_m":
        lo, hi = sorted([draw(fractions), draw(fractions)])
        s = S.cyclic_momentum(
            lo, max_momentum=hi, step_size_up=up, step_size_down=down, mode=mode, gamma=gamma
        )
        return Drawn(s, lo, hi)
    n = draw(st.integers(20, 500))
    pct = draw(st.floats(0.1, 0.45))
    three = draw(st.booleans())
    anneal = draw(st.sampled_from(["cos", "linear"]))
    if kind == "one":
        peak = draw(rates)
        div, fdiv = draw(st.floats(2.0, 100.0)), draw(st.floats(1.0, 1e4))
        s = S.one_cycle(
            peak,
            total_steps=n,
            pct_start=pct,
            div_factor=div,
            final_div_factor=fdiv,
            three_phase=three,
            anneal=anneal,
        )
        # Step n extrapolates one step past the last phase (PyTorch): allow rounding slack.
        return Drawn(s, 0.0, peak), n
    lo, hi = sorted([draw(fractions), draw(fractions)])
    s = S.one_cycle_momentum(
        lo, max_momentum=hi, total_steps=n, pct_start=pct, three_phase=three, anneal=anneal
    )
    return Drawn(s, 0.0, 1.0), n


@st.composite
def warmups(draw):
    kind = draw(
        st.sampled_from(
            ["lin", "exp", "wcos", "isqrt", "wsd", "interp", "join", "mult", "per_epoch"]
        )
    )
    peak = draw(rates)
    W = draw(real_lengths)
    if kind == "lin":
        init = draw(fractions) * peak
        return Drawn(S.linear_warmup(peak, warmup_steps=W, lr0=init), init, peak, "inc")
    if kind == "exp":
        init = draw(st.floats(1e-4, 1.0)) * peak
        return Drawn(S.exponential_warmup(peak, warmup_steps=W, lr0=init), init, peak, "inc")
    if kind == "wcos":
        init = draw(fractions) * peak
        a = draw(fractions)
        inc = draw(st.booleans())
        T = W + draw(real_lengths) if inc else draw(real_lengths)
        s = S.warmup_cosine(
            peak, warmup_steps=W, decay_steps=T, lr0=init, alpha=a, decay_includes_warmup=inc
        )
        return Drawn(s, min(init, a * peak), peak)
    if kind == "isqrt":
        return Drawn(S.inverse_sqrt(peak, warmup_steps=W), 0.0, peak)
    if kind == "wsd":
        init, end = draw(fractions) * peak, draw(fractions) * peak
        s = S.warmup_stable_decay(
            peak,
            warmup_steps=W,
            stable_steps=draw(real_lengths),
            decay_steps=draw(real_lengths),
            lr0=init,
            end_lr=end,
            decay_shape=draw(st.sampled_from(["linear", "cosine", "sqrt"])),
        )
        return Drawn(s, min(init, end), peak)
    if kind == "interp":
        b = sorted(draw(st.lists(st.integers(0, 300), min_size=0, max_size=5)))
        v = draw(st.lists(st.floats(0.0, 10.0), min_size=len(b) + 1, max_size=len(b) + 1))
        s = S.piecewise_interpolate(
            b, values=v, interpolation=draw(st.sampled_from(["linear", "cosine"]))
        )
        return Drawn(s, min(v), max(v))
    if kind == "join":
        a, b = draw(chapter2()), draw(chapter2())
        s = S.join([a.schedule, b.schedule], boundaries=[draw(st.integers(1, 300))])
        return Drawn(s, min(a.lo, b.lo), max(a.hi, b.hi))
    if kind == "mult":
        g = draw(factors)
        return Drawn(S.multiplier_schedule(peak, multiplier=lambda k: g**k), 0.0, peak, "dec")
    inner = draw(chapter2())
    return Drawn(
        S.per_epoch(inner.schedule, steps_per_epoch=draw(st.integers(1, 20))),
        inner.lo,
        inner.hi,
        inner.monotone,
    )


@st.composite
def growth(draw):
    """An exponential *growth* schedule (``decay_rate > 1``), as an LR range test uses.

    It has no finite rate beyond a few thousand steps (``steps_arrays`` reaches
    5000): evaluated there, it raises.
    """
    lr0 = draw(rates)
    s = S.exponential_decay(
        lr0, decay_rate=draw(st.floats(1.5, 1e3)), decay_steps=draw(st.floats(0.5, 2.0))
    )
    return Drawn(s, lr0, np.inf, "inc")


def schedules():
    """Any lrcourse schedule, as ``(Drawn, max_step)`` (``max_step`` None: unbounded)."""
    plain = st.one_of(chapter2(), annealing(), warmups()).map(lambda d: (d, None))
    return st.one_of(plain, cycles().map(lambda x: x if isinstance(x, tuple) else (x, None)))
