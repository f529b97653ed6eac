"""Port a schedule from one framework to another, and say exactly how close the port is.

The source is read by :mod:`lrcourse.compat` into an lrcourse schedule, whose
name and parameters (in lrcourse's vocabulary) say what it is. For the target
framework, *writers* propose the native calls that could compute the same
thing; each proposal is evaluated through :mod:`lrcourse.compat` too and
compared with the source at every step of the range. The first proposal that
agrees everywhere (to a relative 1e-12, i.e. rounding) wins; otherwise the
closest one is reported with the first step where it differs, and an exact
fallback is written from the schedule's formula (a ``LambdaLR``, a Keras
``LearningRateSchedule`` subclass or an optax callable), which is checked the
same way before it is offered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_choice

__all__ = ["Port", "port"]

TARGETS = ("tf", "keras", "torch", "optax")
RTOL = 1e-12


@dataclass(frozen=True)
class Port:
    """The result of :func:`port`.

    Attributes
    ----------
    source : lrcourse.corner.Call
        The schedule as written in its framework.
    target : lrcourse.corner.Call or None
        The closest native call in the target framework (None if the target
        has no schedule of this kind).
    identical : bool
        Whether ``target`` gives the source's rate at every step of ``steps``
        (relative difference <= 1e-12, that is, rounding).
    first_difference : int or None
        The first step of ``steps`` where they differ (None if identical).
    max_difference : float
        The largest absolute difference over ``steps`` (inf without a target).
    fallback : str or None
        When not identical: exact code for the target framework, written from
        the schedule's formula and checked over ``steps`` (None if lrcourse
        cannot write one for this schedule).
    steps : range
    note : str
        One or two sentences on what differs, for a reader.

    References
    ----------
    .. [1] :func:`port`, which makes it, and the framework sources cited there.
    """

    source: object
    target: object
    identical: bool
    first_difference: int | None
    max_difference: float
    fallback: str | None
    steps: range
    note: str = ""

    def report(self) -> str:
        """A plain-text report: the call, whether it is exact, and the fallback."""
        lines = [f"# source ({self.source.framework})", self.source.code, ""]
        span = f"steps {self.steps.start}..{self.steps.stop - 1}"
        if self.target is None:
            lines.append(f"# {self.note}")
        else:
            verdict = (
                f"identical over {span}"
                if self.identical
                else f"differs from step {self.first_difference} on "
                f"(largest difference {self.max_difference:.3g} over {span})"
            )
            lines += [f"# closest {self.target.framework} call: {verdict}", self.target.code]
            if self.note:
                lines.append(f"# {self.note}")
        if self.fallback is not None:
            lines += ["", f"# exact over {span}: written from the schedule's formula", self.fallback]
        return "\n".join(lines)


# --------------------------------------------------------------- helpers


def _integer(x) -> int | None:
    return int(x) if float(x).is_integer() else None


def _floor(p, base="lr0") -> float:
    """The absolute floor of a cosine-type schedule (``alpha`` is a fraction of ``p[base]``)."""
    if p.get("end_lr") is not None:
        return float(p["end_lr"])
    return float(p.get("alpha") or 0.0) * float(p[base])


def _switch_steps(p) -> list[float]:
    """The steps at which a piecewise/multistep schedule takes its next value."""
    shift = 0 if p.get("switch_at_boundary", True) else 1
    return [float(b) + shift for b in p["boundaries"]]


def _piece_values(name, p) -> list[float]:
    if name == "multistep_decay":
        return [p["lr0"] * p["decay_rate"] ** j for j in range(len(p["boundaries"]) + 1)]
    return [float(v) for v in p["values"]]


def _common_ratio(values) -> float | None:
    if len(values) < 2 or values[0] == 0:
        return None
    ratio = values[1] / values[0]
    ok = all(math.isclose(values[j], values[0] * ratio**j, rel_tol=1e-12) for j in range(len(values)))
    return ratio if ok else None


def _ratio_powers(values) -> tuple[float, list[int]] | None:
    """``(gamma, n)`` with ``values[j + 1] = values[j] * gamma**n[j]``, each ``n[j] >= 1``.

    A PyTorch ``MultiStepLR`` with a repeated milestone multiplies by gamma
    twice there; this finds that gamma (one of the ratios, or a small root of
    one) so that such a schedule ports back to ``MultiStepLR``.
    """
    if len(values) < 2 or any(v == 0 for v in values):
        return None
    ratios = [values[j + 1] / values[j] for j in range(len(values) - 1)]
    for r in ratios:
        for k in (1, 2, 3, 4):
            if r <= 0 and k % 2 == 0:
                continue
            gamma = math.copysign(abs(r) ** (1.0 / k), r)
            if gamma in (0.0, 1.0, -1.0):
                continue
            n = [round(math.log(abs(q)) / math.log(abs(gamma))) for q in ratios]
            if all(m >= 1 for m in n) and all(
                math.isclose(values[j + 1], values[j] * gamma ** n[j], rel_tol=1e-12)
                for j in range(len(ratios))
            ):
                return gamma, n
    return None


def _as_exponential(name, p):
    """exponential_decay / step_decay / natural_exp_decay as (lr0, gamma, T, staircase)."""
    if name == "step_decay":
        return p["lr0"], p["decay_rate"], p["decay_steps"], True
    if name == "exponential_decay" and p["begin_step"] == 0 and p["end_lr"] is None:
        return p["lr0"], p["decay_rate"], p["decay_steps"], p["staircase"]
    if name == "natural_exp_decay":
        return p["lr0"], math.exp(-p["decay_rate"]), p["decay_steps"], p["staircase"]
    return None


# --------------------------------------------------------------- writers


def _write(name, p, fw, call):  # noqa: C901, PLR0911, PLR0912 - one table, read top to bottom
    """Native calls in framework ``fw`` that may compute the schedule ``name(**p)``."""
    out = []
    exp = _as_exponential(name, p)
    if exp is not None:
        lr0, gamma, steps, stair = exp
        if fw == "torch":
            if stair and _integer(steps):
                out.append(call("torch", "StepLR", {"lr": lr0, "step_size": _integer(steps),
                                                     "gamma": gamma}))
            if not stair:
                out.append(call("torch", "ExponentialLR",
                                {"lr": lr0, "gamma": gamma if steps == 1 else gamma ** (1 / steps)}))
        elif fw == "keras":
            out.append(call("keras", "ExponentialDecay", {
                "initial_learning_rate": lr0, "decay_steps": steps, "decay_rate": gamma,
                "staircase": stair}))
        elif fw == "tf":
            out.append(call("tf", "exponential_decay", {
                "learning_rate": lr0, "decay_steps": steps, "decay_rate": gamma,
                "staircase": stair}))
        else:
            out.append(call("optax", "exponential_decay", {
                "init_value": lr0, "transition_steps": steps, "decay_rate": gamma,
                "staircase": stair}))
    elif name == "exponential_decay" and fw == "optax":
        out.append(call("optax", "exponential_decay", {
            "init_value": p["lr0"], "transition_steps": p["decay_steps"],
            "decay_rate": p["decay_rate"], "transition_begin": p["begin_step"],
            "staircase": p["staircase"], "end_value": p["end_lr"]}))
    elif name in ("multistep_decay", "piecewise_constant"):
        values = _piece_values(name, p)
        switch = _switch_steps(p)
        ratio = _common_ratio(values)
        if (fw == "torch" and len(values) == 2 and 0 < values[0] <= values[1]
                and _integer(switch[0]) is not None):
            out.append(call("torch", "ConstantLR", {"lr": values[1],
                                                     "factor": values[0] / values[1],
                                                     "total_iters": int(switch[0])}))
        powers = _ratio_powers(values) if ratio is None else (ratio, [1] * len(switch))
        if fw == "torch" and powers is not None and all(_integer(s) is not None for s in switch):
            gamma, counts = powers
            # A milestone listed n times applies gamma n times (PyTorch counts them).
            milestones = [int(s) for s, n in zip(switch, counts, strict=True) for _ in range(n)]
            out.append(call("torch", "MultiStepLR", {"lr": values[0],
                                                      "milestones": milestones,
                                                      "gamma": gamma}))
        elif fw in ("tf", "keras") and all(s >= 1 for s in switch):
            bounds = [_integer(s - 1) if _integer(s - 1) is not None else s - 1 for s in switch]
            # A repeated step (PyTorch applies gamma once per listed milestone) becomes
            # one boundary with the later value: TF/Keras would never use the earlier one.
            keep = [j for j in range(len(bounds)) if j + 1 == len(bounds)
                    or bounds[j] != bounds[j + 1]]
            bounds, values = [bounds[j] for j in keep], [values[0]] + [values[j + 1] for j in keep]
            if fw == "tf":
                out.append(call("tf", "piecewise_constant", {"boundaries": bounds,
                                                            "values": values}))
            else:
                out.append(call("keras", "PiecewiseConstantDecay", {"boundaries": bounds,
                                                                    "values": values}))
        elif fw == "optax" and values[0] != 0 and all(_integer(s) is not None for s in switch):
            scales = {int(s): values[j + 1] / values[j] for j, s in enumerate(switch)}
            if all(values[j] != 0 for j in range(len(values) - 1)):
                out.append(call("optax", "piecewise_constant_schedule",
                                {"init_value": values[0], "boundaries_and_scales": scales}))
    elif name == "polynomial_decay":
        lr0, steps, end, power = p["lr0"], p["decay_steps"], p["end_lr"], p["power"]
        if fw == "torch" and not p["cycle"] and p["begin_step"] == 0 and _integer(steps):
            if end == 0:
                out.append(call("torch", "PolynomialLR", {"lr": lr0, "total_iters": int(steps),
                                                           "power": power}))
            if power == 1 and 0 < end <= lr0:
                out.append(call("torch", "LinearLR", {"lr": lr0, "start_factor": 1.0,
                                                       "end_factor": end / lr0,
                                                       "total_iters": int(steps)}))
            if power == 1 and 0 < lr0 < end:
                out.append(call("torch", "LinearLR", {"lr": end, "start_factor": lr0 / end,
                                                       "end_factor": 1.0,
                                                       "total_iters": int(steps)}))
        elif fw in ("tf", "keras") and p["begin_step"] == 0:
            key = "learning_rate" if fw == "tf" else "initial_learning_rate"
            out.append(call(fw, "polynomial_decay" if fw == "tf" else "PolynomialDecay", {
                key: lr0, "decay_steps": steps, "end_learning_rate": end, "power": power,
                "cycle": p["cycle"]}))
        elif fw == "optax" and not p["cycle"]:
            out.append(call("optax", "polynomial_schedule", {
                "init_value": lr0, "end_value": end, "power": power, "transition_steps": steps,
                "transition_begin": p["begin_step"]}))
    elif name == "cosine_decay":
        lr0, steps, floor = p["lr0"], p["decay_steps"], _floor(p)
        if fw == "torch" and p["exponent"] == 1 and _integer(steps):
            out.append(call("torch", "CosineAnnealingLR", {"lr": lr0, "T_max": int(steps),
                                                            "eta_min": floor}))
            if p["clamp"] and 0 < floor < lr0:
                out.append(call("torch", "SequentialLR", {
                    "lr": lr0,
                    "schedulers": [("CosineAnnealingLR", {"T_max": int(steps), "eta_min": floor}),
                                   ("ConstantLR", {"factor": floor / lr0,
                                                   "total_iters": 10**9})],
                    "milestones": [int(steps)]}))
        elif fw in ("tf", "keras") and p["exponent"] == 1 and lr0 > 0:
            key = "learning_rate" if fw == "tf" else "initial_learning_rate"
            out.append(call(fw, "cosine_decay" if fw == "tf" else "CosineDecay",
                            {key: lr0, "decay_steps": steps, "alpha": floor / lr0}))
        elif fw == "optax" and lr0 > 0:
            out.append(call("optax", "cosine_decay_schedule", {
                "init_value": lr0, "decay_steps": steps, "alpha": floor / lr0,
                "exponent": p["exponent"]}))
    elif name == "cosine_restarts":
        lr0, first, t_mul, m_mul = p["lr0"], p["first_period"], p["period_mult"], p["peak_mult"]
        floor = _floor(p)
        if fw == "torch" and m_mul == 1 and _integer(first) and _integer(t_mul):
            out.append(call("torch", "CosineAnnealingWarmRestarts", {
                "lr": lr0, "T_0": int(first), "T_mult": int(t_mul), "eta_min": floor}))
        elif fw in ("tf", "keras") and lr0 > 0:
            key = "learning_rate" if fw == "tf" else "initial_learning_rate"
            out.append(call(fw, "cosine_decay_restarts" if fw == "tf" else "CosineDecayRestarts", {
                key: lr0, "first_decay_steps": first, "t_mul": t_mul, "m_mul": m_mul,
                "alpha": floor / lr0}))
        elif fw == "optax" and floor == 0:
            pieces, period, peak, total = [], first, lr0, 0.0
            while total < _horizon_hint(p) * 50 and len(pieces) < 64:
                pieces.append({"init_value": peak, "peak_value": peak, "warmup_steps": 0,
                               "decay_steps": period})
                total += period
                period, peak = period * t_mul, peak * m_mul
            out.append(call("optax", "sgdr_schedule", {"cosine_kwargs": pieces}))
    elif name == "one_cycle":
        if fw == "torch":
            out.append(call("torch", "OneCycleLR", {
                "max_lr": p["peak_lr"], "total_steps": p["total_steps"], "pct_start": p["pct_start"],
                "anneal_strategy": p["anneal"], "div_factor": p["div_factor"],
                "final_div_factor": p["final_div_factor"], "three_phase": p["three_phase"]}))
        elif fw == "optax" and not p["three_phase"]:
            if p["anneal"] == "cos":
                out.append(call("optax", "cosine_onecycle_schedule", {
                    "transition_steps": p["total_steps"], "peak_value": p["peak_lr"],
                    "pct_start": p["pct_start"], "div_factor": p["div_factor"],
                    "final_div_factor": p["final_div_factor"]}))
    elif name == "warmup_cosine":
        peak, warm, lr0 = p["peak_lr"], p["warmup_steps"], p["lr0"]
        span = p["decay_steps"] - warm if p["decay_includes_warmup"] else p["decay_steps"]
        floor = _floor(p, "peak_lr")
        if fw == "keras" and p["exponent"] == 1 and lr0 >= 0 and peak > 0:
            out.append(call("keras", "CosineDecay", {
                "initial_learning_rate": lr0, "decay_steps": span, "alpha": floor / peak,
                "warmup_target": peak, "warmup_steps": warm}))
        elif fw == "optax":
            out.append(call("optax", "warmup_cosine_decay_schedule", {
                "init_value": lr0, "peak_value": peak, "warmup_steps": warm,
                "decay_steps": warm + span, "end_value": floor, "exponent": p["exponent"]}))
        elif (fw == "torch" and p["exponent"] == 1 and 0 < lr0 <= peak and _integer(warm)
              and _integer(span) and warm >= 1):
            out.append(call("torch", "SequentialLR", {
                "lr": peak,
                "schedulers": [("LinearLR", {"start_factor": lr0 / peak, "end_factor": 1.0,
                                             "total_iters": int(warm)}),
                               ("CosineAnnealingLR", {"T_max": int(span), "eta_min": floor})],
                "milestones": [int(warm)]}))
    elif name == "inverse_time_decay":
        key = {"tf": "learning_rate", "keras": "initial_learning_rate"}.get(fw)
        if key:
            out.append(call(fw, "inverse_time_decay" if fw == "tf" else "InverseTimeDecay", {
                key: p["lr0"], "decay_steps": p["decay_steps"], "decay_rate": p["decay_rate"],
                "staircase": p["staircase"]}))
    elif name == "constant" and fw == "optax":
        out.append(call("optax", "constant_schedule", {"value": p["lr0"]}))
    elif name == "join" and fw in ("torch", "optax", "keras"):
        out.extend(_write_join(p, fw, call))
    return out


def _ranked(name, p, fw, call, steps, ref):
    """``(call, exact, first difference, largest difference)`` for each native call of ``fw``.

    Exact calls come first, in the writers' order (simplest first); the others
    follow by their largest difference from ``ref`` over ``steps``.
    """
    out = []
    for cand in _write(name, p, fw, call):
        try:
            values = cand.schedule(list(steps))
        except (ValueError, TypeError):
            continue
        same, first, worst = _compare(ref, values, steps)
        out.append((cand, same, first, worst))
    return sorted(out, key=lambda c: (not c[1], 0.0 if c[1] else c[3]))


def _piece_candidates(piece, fw, call, length):
    """:func:`_ranked` for one piece of a join, from its step 0."""
    steps = range(max(int(length), 1))
    return _ranked(piece.name, dict(piece.params), fw, call, steps, piece(list(steps)))


def _write_join(p, fw, call):
    """SequentialLR / join_schedules / Keras warmup from the pieces' native calls."""
    bounds = [_integer(b) for b in p["boundaries"]]
    if any(b is None for b in bounds):
        return []
    if fw == "keras":
        return _keras_warmup(p, call)
    edges = [0, *bounds]
    lengths = [b - a for a, b in zip(edges, edges[1:], strict=False)]
    lengths.append(1.5 * _horizon_hint(dict(p["schedules"][-1].params)))
    options = [_piece_candidates(s, fw, call, n + 1)
               for s, n in zip(p["schedules"], lengths, strict=True)]
    if any(not o for o in options):
        return []
    if fw == "optax":
        return [call("optax", "join_schedules", {
            "schedules": [(o[0][0].name, dict(o[0][0].params)) for o in options],
            "boundaries": bounds})]
    # SequentialLR: every piece sees the same optimizer rate, so pick one call
    # per piece with a common `lr` (exact calls first).
    for lr in [c.params.get("lr") for c, *_ in options[0]]:
        chosen = [next((c for c, *_ in o if c.params.get("lr") == lr), None) for o in options]
        if lr is not None and all(chosen):
            return [call("torch", "SequentialLR", {
                "lr": lr,
                "schedulers": [(c.name, {k: v for k, v in c.params.items() if k != "lr"})
                               for c in chosen],
                "milestones": bounds})]
    return []


def _keras_warmup(p, call):
    """A linear ramp joined to a clamped cosine is Keras CosineDecay with its warmup."""
    if len(p["schedules"]) != 2:
        return []
    ramp, cos = p["schedules"]
    a, c = dict(ramp.params), dict(cos.params)
    if not (ramp.name == "polynomial_decay" and cos.name == "cosine_decay" and a["power"] == 1
            and not a["cycle"] and a["begin_step"] == 0 and a["decay_steps"] == p["boundaries"][0]
            and c["clamp"] and c["exponent"] == 1 and math.isclose(a["end_lr"], c["lr0"])
            and a["lr0"] > 0 and c["lr0"] > 0):
        return []
    return [call("keras", "CosineDecay", {
        "initial_learning_rate": a["lr0"], "decay_steps": c["decay_steps"],
        "alpha": _floor(c) / c["lr0"], "warmup_target": c["lr0"],
        "warmup_steps": p["boundaries"][0]})]


_STEP_KEYS = {"decay_steps", "transition_steps", "transition_begin", "total_iters", "T_max",
              "T_0", "first_decay_steps", "warmup_steps", "step_size", "total_steps", "boundaries",
              "milestones", "cosine_kwargs", "schedulers", "schedules"}


def _tidy(params):
    """Whole-number floats of step-like parameters written as ints (5 rather than 5.0)."""
    def whole(v):
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, list | tuple):
            return type(v)(whole(x) for x in v)
        if isinstance(v, dict):
            return {k: (whole(x) if k in _STEP_KEYS else x) for k, x in v.items()}
        return v

    return {k: (whole(v) if k in _STEP_KEYS else v) for k, v in params.items()}


def _horizon_hint(p) -> float:
    if "schedules" in p and "boundaries" in p:  # a join: the last piece after the last boundary
        return float(p["boundaries"][-1]) + _horizon_hint(dict(p["schedules"][-1].params))
    keys = ("decay_steps", "total_steps", "first_period", "warmup_steps")
    numbers = [float(p[k]) for k in keys if isinstance(p.get(k), int | float)]
    if "first_period" in p:  # warm restarts: three periods
        numbers.append(p["first_period"] * (1 + p["period_mult"] + p["period_mult"] ** 2))
    bounds = [float(b) for b in p.get("boundaries", ())]
    return max([100.0, *numbers, *bounds])


# --------------------------------------------------------------- formulas


def _formula(name, p) -> str | None:  # noqa: PLR0911 - one case per schedule family
    """The schedule as a Python expression of ``k`` with NumPy-like ``xp`` functions."""
    r = repr
    exp = _as_exponential(name, p)
    if exp is not None:
        lr0, gamma, steps, stair = exp
        e = f"xp.floor(k / {r(steps)})" if stair else f"(k / {r(steps)})"
        return f"{r(lr0)} * {r(gamma)} ** {e}"
    if name in ("multistep_decay", "piecewise_constant"):
        values, switch = _piece_values(name, p), _switch_steps(p)
        expr = r(values[-1])
        for s, v in zip(reversed(switch), reversed(values[:-1]), strict=True):
            expr = f"xp.where(k < {r(s)}, {r(v)}, {expr})"
        return expr
    if name == "polynomial_decay" and not p["cycle"] and p["begin_step"] == 0:
        lr0, steps, end, power = p["lr0"], p["decay_steps"], p["end_lr"], p["power"]
        return (f"({r(lr0)} - {r(end)}) * (1 - xp.minimum(k, {r(steps)}) / {r(steps)}) "
                f"** {r(power)} + {r(end)}")
    if name == "cosine_decay":
        lr0, steps, floor = p["lr0"], p["decay_steps"], _floor(p)
        tau = f"xp.minimum(k, {r(steps)})" if p["clamp"] else "k"
        c = f"(0.5 * (1 + xp.cos({r(math.pi)} * {tau} / {r(steps)})))"
        if p["exponent"] != 1:
            c = f"{c} ** {r(p['exponent'])}"
        return f"{r(floor)} + ({r(lr0)} - {r(floor)}) * {c}"
    if name == "inverse_time_decay":
        e = f"xp.floor(k / {r(p['decay_steps'])})" if p["staircase"] else f"k / {r(p['decay_steps'])}"
        return f"{r(p['lr0'])} / (1 + {r(p['decay_rate'])} * {e})"
    if name == "constant":
        return f"{r(p['lr0'])} + 0 * k"
    if name == "join":
        pieces = [_formula(piece.name, dict(piece.params)) for piece in p["schedules"]]
        if any(x is None for x in pieces):
            return None
        expr = pieces[0]
        for b, piece in zip(p["boundaries"], pieces[1:], strict=True):
            expr = f"xp.where(k < {r(b)}, {expr}, (lambda k: {piece})(k - {r(b)}))"
        return expr
    if name == "warmup_cosine" and p["exponent"] == 1:
        peak, warm, lr0 = p["peak_lr"], p["warmup_steps"], p["lr0"]
        span = p["decay_steps"] - warm if p["decay_includes_warmup"] else p["decay_steps"]
        floor = _floor(p, "peak_lr")
        tau = f"xp.minimum(xp.maximum(k - {r(warm)}, 0), {r(span)})"
        c = f"0.5 * (1 + xp.cos({r(math.pi)} * {tau} / {r(span)}))"
        decay = f"{r(floor)} + ({r(peak)} - {r(floor)}) * {c}"
        if warm == 0:
            return decay
        return f"xp.where(k < {r(warm)}, {r(lr0)} + ({r(peak)} - {r(lr0)}) * k / {r(warm)}, {decay})"
    return None


def _fallback_code(fw: str, expr: str) -> str | None:
    if fw == "torch":
        return (
            "import numpy as np\n"
            "optimizer = torch.optim.SGD(params, lr=1.0)  # the lambda gives the rate itself\n"
            "scheduler = torch.optim.lr_scheduler.LambdaLR(\n"
            f"    optimizer, lr_lambda=lambda k: float({expr.replace('xp.', 'np.')}))"
        )
    if fw == "optax":
        return (
            "import jax.numpy as jnp\n\n"
            "def schedule(count):\n"
            "    k = jnp.asarray(count, dtype=jnp.float32)  # float64 with jax_enable_x64\n"
            f"    return {expr.replace('xp.', 'jnp.')}"
        )
    if fw == "keras":
        return (
            "class Ported(keras.optimizers.schedules.LearningRateSchedule):\n"
            "    def __call__(self, step):\n"
            '        k = keras.ops.cast(step, "float32")\n'
            f"        return {expr.replace('xp.', 'keras.ops.')}"
        )
    return None


def _run_fallback(fw: str, code: str, steps: range) -> np.ndarray:
    """Execute fallback code with NumPy standing in for the framework's array module."""
    import types

    if fw == "torch":
        captured = {}
        torch = types.SimpleNamespace(optim=types.SimpleNamespace(
            SGD=lambda params, lr: {"lr": lr},
            lr_scheduler=types.SimpleNamespace(
                LambdaLR=lambda optimizer, lr_lambda: captured.setdefault("f", lr_lambda))))
        exec(code, {"torch": torch, "params": None})  # noqa: S102 - code written by lrcourse
        return np.array([captured["f"](k) for k in steps])
    if fw == "optax":
        ns: dict = {}
        exec(code.replace("import jax.numpy as jnp\n", "").replace("jnp.float32", "jnp.float64"),  # noqa: S102
             {"jnp": np}, ns)
        return np.asarray(ns["schedule"](np.asarray(list(steps))), dtype=float)
    ops = types.SimpleNamespace(cast=lambda x, dtype: np.asarray(x, dtype=float),
                                minimum=np.minimum, maximum=np.maximum, floor=np.floor,
                                cos=np.cos, where=np.where)
    keras = types.SimpleNamespace(ops=ops, optimizers=types.SimpleNamespace(
        schedules=types.SimpleNamespace(LearningRateSchedule=object)))
    ns = {}
    exec(code, {"keras": keras}, ns)  # noqa: S102 - code written by lrcourse
    return np.asarray(ns["Ported"]()(np.asarray(list(steps))), dtype=float)


# --------------------------------------------------------------- port


def _compare(ref: np.ndarray, values: np.ndarray, steps: range):
    diff = np.abs(values - ref)
    bad = diff > RTOL * np.maximum(np.abs(ref), np.abs(values)) + 1e-300
    if not bad.any():
        return True, None, float(diff.max(initial=0.0))
    return False, steps[int(np.argmax(bad))], float(diff.max())


def port(source, to, *, steps=None) -> Port:
    """The closest call in framework ``to`` for a schedule written in another framework.

    Parameters
    ----------
    source : str or lrcourse.corner.Call
        ``"keras:CosineDecay(0.1, 1000, alpha=0.01)"`` (see
        :func:`lrcourse.cli.parse_schedule`) or a :class:`~lrcourse.corner.Call`.
    to : {"tf", "keras", "torch", "optax"}
    steps : range or int, optional
        The steps compared (``n`` means ``range(n)``). Default: from 0 to
        one and a half times the schedule's longest period, so that the
        behaviour past the horizon is compared too.

    Returns
    -------
    Port
        ``.identical``, ``.first_difference``, ``.target.code``, ``.fallback``
        and ``.report()``.

    Raises
    ------
    ValueError
        If ``to`` is not a framework name, or the source is not a valid
        schedule in its framework (the message uses that framework's names).

    Notes
    -----
    The native call of the target framework is preferred. Where none agrees
    at every step (PyTorch's ``CosineAnnealingLR`` rises again past
    ``T_max`` where Keras clamps; TF switches one step after PyTorch at a
    boundary; optax counts the warmup inside ``decay_steps``), the closest
    is reported with the first step that differs, and an exact fallback is
    written from the schedule's formula and checked over ``steps``.

    References
    ----------
    .. [1] The framework sources cited by :func:`lrcourse.compat.from_tf`,
       :func:`~lrcourse.compat.from_keras`, :func:`~lrcourse.compat.from_torch`
       and :func:`~lrcourse.compat.from_optax`.

    Examples
    --------
    >>> from lrcourse.compat import port
    >>> p = port("keras:CosineDecay(0.1, 1000, alpha=0.01)", to="torch", steps=1000)
    >>> p.identical, p.target.name, dict(p.target.params)["eta_min"]
    (True, 'CosineAnnealingLR', 0.001)
    >>> back = port("torch:CosineAnnealingLR(lr=0.1, T_max=1000, eta_min=0.001)", to="keras")
    >>> back.identical, back.first_difference  # PyTorch rises again after T_max
    (False, 1001)
    """
    from ..cli import parse_schedule
    from ..corner import Call

    to = check_choice("to", to, TARGETS)
    src = parse_schedule(source) if isinstance(source, str) else source
    if not isinstance(src, Call):
        raise TypeError(
            "Argument `source` must be a string like \"torch:StepLR(lr=0.1, step_size=30)\" or a "
            f"lrcourse.corner.Call. Received: {source!r}"
        )
    schedule = src.schedule
    name, p = _simplified(schedule.name, dict(schedule.params))
    if steps is None:
        steps = range(int(math.ceil(1.5 * _horizon_hint(p))) + 1)
        try:
            ref = schedule(list(steps))
        except ValueError:  # a schedule with a hard end (one-cycle): up to that end
            steps = range(int(_horizon_hint(p)) + 1)
            ref = schedule(list(steps))
    else:
        steps = range(steps) if isinstance(steps, int) else steps
        ref = schedule(list(steps))

    def call(framework, schedule_name, params):
        return Call(framework, schedule_name, _tidy(params))

    ranked = _ranked(name, p, to, call, steps, ref)
    best = ranked[0] if ranked else None
    expr = _formula(name, p)
    fallback = None
    if (best is None or not best[1]) and expr is not None:
        code = _fallback_code(to, expr)
        if code is not None and _compare(ref, _run_fallback(to, code, steps), steps)[0]:
            fallback = code
    if best is None:
        note = f"{src.framework}:{src.name} has no native equivalent in {to}."
        return Port(src, None, False, steps.start, math.inf, fallback, steps, note)
    cand, same, first, worst = best
    note = "" if same else _why(name, p, to, first)
    return Port(src, cand, same, first, worst, fallback, steps, note)


def _simplified(name, p):
    """A join that is a single schedule in disguise, as that schedule.

    PyTorch writes a clamped cosine as ``SequentialLR`` of ``CosineAnnealingLR``
    and a ``ConstantLR`` holding the floor; that is TF's ``cosine_decay``.
    """
    if name == "join" and len(p["schedules"]) == 2:
        cos, rest = p["schedules"]
        c = dict(cos.params)
        if cos.name == "cosine_decay" and c["decay_steps"] == p["boundaries"][0]:
            floor = _floor(c)
            probe = rest(list(range(0, 4 * int(c["decay_steps"]) + 2)))
            if np.allclose(probe, floor, rtol=RTOL, atol=0):
                return "cosine_decay", {**c, "clamp": True}
    if name == "join" and all(s.name == "warmup_cosine" for s in p["schedules"]):
        restarts = _as_restarts(p)
        if restarts is not None:
            return "cosine_restarts", restarts
    return name, p


def _as_restarts(p):
    """optax's sgdr_schedule (cosines without warmup, geometric periods and peaks) as SGDR."""
    pieces = [dict(s.params) for s in p["schedules"]]
    if any(q["warmup_steps"] != 0 or q["exponent"] != 1 for q in pieces):
        return None
    periods = [q["decay_steps"] if q["decay_includes_warmup"] else q["decay_steps"] for q in pieces]
    peaks = [q["peak_lr"] for q in pieces]
    floors = [_floor(q, "peak_lr") for q in pieces]
    if len(pieces) < 2 or peaks[0] <= 0 or any(f != floors[0] for f in floors):
        return None
    t_mul, m_mul = periods[1] / periods[0], peaks[1] / peaks[0]
    geometric = all(
        math.isclose(periods[i], periods[0] * t_mul**i, rel_tol=1e-12)
        and math.isclose(peaks[i], peaks[0] * m_mul**i, rel_tol=1e-12)
        for i in range(len(pieces))
    )
    edges = np.cumsum(periods)[:-1]
    if not geometric or not np.allclose(edges, p["boundaries"], rtol=1e-12):
        return None
    return {"lr0": peaks[0], "first_period": periods[0], "period_mult": t_mul,
            "peak_mult": m_mul, "alpha": None, "end_lr": floors[0]}


def _why(name, p, to, first) -> str:
    if name == "cosine_decay" and to == "torch" and p["clamp"]:
        return (f"CosineAnnealingLR rises again after T_max={_integer(p['decay_steps'])}; "
                "the source stays at its floor.")
    if name == "cosine_decay" and not p["clamp"]:
        return "The source (PyTorch) rises again after its horizon; this target stays at the floor."
    if name in ("multistep_decay", "piecewise_constant"):
        return "The two switch one step apart at a boundary (TF keeps the old value at the boundary)."
    return f"The closest native call differs from step {first} on."
