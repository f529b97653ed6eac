"""How TensorFlow/Keras, PyTorch and optax spell the chapter-2 schedules.

:func:`decay_in` returns, for one schedule family and one framework, the
lrcourse schedule that reproduces the framework (built with
:mod:`lrcourse.compat`) and the framework code that a learner would write.
The explorers and the book's "Framework corner" boxes use it, so the code
shown and the curve drawn always agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import compat
from . import schedules as S
from ._validation import check_choice, check_int, check_real

__all__ = ["DECAY_FAMILIES", "FRAMEWORKS", "Spelling", "decay_in"]

#: ``value -> display name`` of the chapter-2 families.
DECAY_FAMILIES = {
    "piecewise": "Piecewise constant",
    "step": "Step (= staircase exponential)",
    "multistep": "Multi-step",
    "exponential": "Exponential (smooth)",
    "natural_exp": "Natural exponential",
    "inverse_time": "Inverse time",
}
#: ``value -> display name`` of the frameworks.
FRAMEWORKS = {"tf": "TensorFlow / Keras", "torch": "PyTorch", "optax": "optax"}


@dataclass(frozen=True)
class Spelling:
    """A framework's spelling of a schedule.

    Attributes
    ----------
    schedule : Schedule
        lrcourse schedule equal to the framework's, step by step.
    code : str
        The framework call (one line).
    boundaries : tuple of float
        Steps where the rate jumps (empty for smooth schedules).
    note : str
        What is special about this framework's version ('' if nothing).
    """

    schedule: S.Schedule
    code: str
    boundaries: tuple = ()
    note: str = ""


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def decay_in(family, framework, *, lr0=0.1, decay_rate=0.8, decay_steps=10):
    r"""The chapter-2 schedule ``family`` as ``framework`` computes it.

    The piecewise and multi-step families use boundaries at
    :math:`T, 3T` and :math:`T, 2T, 4T` with values
    :math:`\eta_0\gamma^j`, so that all three frameworks can express them.

    Parameters
    ----------
    family : str
        One of :data:`DECAY_FAMILIES`.
    framework : {"tf", "torch", "optax"}
    lr0 : float
        :math:`\eta_0` > 0.
    decay_rate : float
        :math:`\gamma` (or :math:`k` for natural-exponential and inverse-time
        decay), > 0.
    decay_steps : int
        :math:`T` >= 1.

    Returns
    -------
    Spelling

    Examples
    --------
    >>> from lrcourse.frameworks import decay_in
    >>> tf = decay_in("piecewise", "tf", decay_steps=10)
    >>> torch = decay_in("piecewise", "torch", decay_steps=10)
    >>> tf.schedule(10), torch.schedule(10)
    (0.1, 0.08000000000000002)
    """
    check_choice("family", family, list(DECAY_FAMILIES))
    check_choice("framework", framework, list(FRAMEWORKS))
    lr0 = check_real("lr0", lr0, gt=0)
    g = check_real("decay_rate", decay_rate, gt=0)
    T = check_int("decay_steps", decay_steps, ge=1)
    a, gs, ts = _fmt(lr0), _fmt(g), str(T)

    if family in ("piecewise", "multistep"):
        bounds = [T, 3 * T] if family == "piecewise" else [T, 2 * T, 4 * T]
        values = [lr0 * g**j for j in range(len(bounds) + 1)]
        vals = "[" + ", ".join(_fmt(v) for v in values) + "]"
        if framework == "tf":
            sch = compat.from_tf("piecewise_constant", boundaries=bounds, values=values)
            code = f"tf.compat.v1.train.piecewise_constant(global_step, {bounds}, {vals})"
            note = "TF/Keras keep the old value AT each boundary; the new one starts one step later."
        elif framework == "torch":
            sch = compat.from_torch("MultiStepLR", lr=lr0, milestones=bounds, gamma=g)
            code = f"MultiStepLR(SGD(params, lr={a}), milestones={bounds}, gamma={gs})"
            note = "PyTorch switches AT the boundary (milestone)."
        else:
            scales = {b: g for b in bounds}
            sch = compat.from_optax(
                "piecewise_constant_schedule", init_value=lr0, boundaries_and_scales=scales
            )
            code = f"optax.piecewise_constant_schedule({a}, {scales})"
            note = "optax switches AT the boundary."
        return Spelling(sch, code, tuple(float(b) for b in bounds), note)

    if family == "step":
        if framework == "tf":
            sch = compat.from_tf(
                "exponential_decay", learning_rate=lr0, decay_steps=T, decay_rate=g,
                staircase=True,
            )
            code = (f"tf.compat.v1.train.exponential_decay({a}, global_step, {ts}, {gs}, "
                    "staircase=True)")
        elif framework == "torch":
            sch = compat.from_torch("StepLR", lr=lr0, step_size=T, gamma=g)
            code = f"StepLR(SGD(params, lr={a}), step_size={ts}, gamma={gs})"
        else:
            sch = compat.from_optax(
                "exponential_decay", init_value=lr0, transition_steps=T, decay_rate=g,
                staircase=True,
            )
            code = f"optax.exponential_decay({a}, transition_steps={ts}, decay_rate={gs}, staircase=True)"
        horizon = 8 * T
        return Spelling(sch, code, tuple(float(b) for b in range(T, horizon, T)))

    if family in ("exponential", "natural_exp"):
        base = g if family == "exponential" else math.exp(-g)
        if framework == "tf":
            if family == "exponential":
                sch = compat.from_tf(
                    "exponential_decay", learning_rate=lr0, decay_steps=T, decay_rate=g
                )
                code = f"tf.compat.v1.train.exponential_decay({a}, global_step, {ts}, {gs})"
            else:
                sch = compat.from_tf(
                    "natural_exp_decay", learning_rate=lr0, decay_steps=T, decay_rate=g
                )
                code = f"tf.compat.v1.train.natural_exp_decay({a}, global_step, {ts}, {gs})"
            return Spelling(sch, code)
        if framework == "torch":
            gamma = base ** (1.0 / T)
            sch = compat.from_torch("ExponentialLR", lr=lr0, gamma=gamma)
            expr = f"{gs}**(1/{ts})" if family == "exponential" else f"math.exp(-{gs}/{ts})"
            code = f"ExponentialLR(SGD(params, lr={a}), gamma={expr})"
            return Spelling(sch, code, note="PyTorch decays once per .step(): gamma per step.")
        sch = compat.from_optax(
            "exponential_decay", init_value=lr0, transition_steps=T, decay_rate=base
        )
        rate = gs if family == "exponential" else f"math.exp(-{gs})"
        code = f"optax.exponential_decay({a}, transition_steps={ts}, decay_rate={rate})"
        return Spelling(sch, code)

    # inverse time
    if framework == "tf":
        sch = compat.from_tf("inverse_time_decay", learning_rate=lr0, decay_steps=T, decay_rate=g)
        code = f"tf.compat.v1.train.inverse_time_decay({a}, global_step, {ts}, {gs})"
        return Spelling(sch, code)
    if framework == "torch":
        sch = compat.from_torch("LambdaLR", lr=lr0, lr_lambda=lambda t: 1.0 / (1.0 + g * t / T))
        code = f"LambdaLR(SGD(params, lr={a}), lambda t: 1 / (1 + {gs} * t / {ts}))"
        note = "PyTorch has no inverse-time class: LambdaLR multiplies lr by your function."
        return Spelling(sch, code, note=note)
    # optax: any function of the step count is a schedule.
    sch = S.inverse_time_decay(lr0, g, T)
    code = f"lambda count: {a} / (1 + {gs} * count / {ts})"
    note = "optax has no inverse-time schedule: any function of the step is a schedule."
    return Spelling(sch, code, note=note)
