"""optax schedules, as lrcourse schedules.

Reference: optax ``optax/schedules/_schedule.py``. The value of the returned
schedule at ``step`` is ``optax_schedule(step)`` computed in float64.
"""

from __future__ import annotations

from .. import schedules as S
from .._validation import check_real
from ._registry import Registry

OPTAX = Registry("optax")


@OPTAX.register("constant_schedule")
def _constant_schedule(value):
    return S.constant(value)


@OPTAX.register("exponential_decay")
def _exponential_decay(
    init_value, transition_steps, decay_rate, transition_begin=0, staircase=False, end_value=None
):
    if transition_begin != 0 or end_value is not None:
        raise NotImplementedError(
            "optax exponential_decay with `transition_begin` or `end_value` is not yet "
            "reproduced by lrcourse."
        )
    return S.exponential_decay(init_value, decay_rate, transition_steps, staircase=staircase)


@OPTAX.register("piecewise_constant_schedule")
def _piecewise_constant_schedule(init_value, boundaries_and_scales=None):
    init_value = check_real("init_value", init_value, gt=0)
    items = sorted((boundaries_and_scales or {}).items())
    boundaries, values, v = [], [init_value], init_value
    for b, scale in items:
        v = v * check_real("boundaries_and_scales", scale, ge=0)
        boundaries.append(b)
        values.append(v)
    # optax: indicator max(0, sign(b - count)) -> the scale applies from count == b on.
    return S.piecewise_constant(boundaries, values, switch_at_boundary=True)
