"""Keras 3 ``keras.optimizers.schedules`` classes, as lrcourse schedules.

Reference: Keras 3 ``keras/src/optimizers/schedules/learning_rate_schedule.py``.
The value of the returned schedule at ``step`` is ``KerasSchedule(...)(step)``.
"""

from __future__ import annotations

from .. import schedules as S
from ._registry import Registry

KERAS = Registry("Keras (keras.optimizers.schedules)")


@KERAS.register("ExponentialDecay")
def _exponential_decay(initial_learning_rate, decay_steps, decay_rate, staircase=False, name=None):
    return S.exponential_decay(initial_learning_rate, decay_rate, decay_steps, staircase=staircase)


@KERAS.register("PiecewiseConstantDecay")
def _piecewise_constant(boundaries, values, name=None):
    return S.piecewise_constant(boundaries, values, switch_at_boundary=False)


@KERAS.register("InverseTimeDecay")
def _inverse_time_decay(initial_learning_rate, decay_steps, decay_rate, staircase=False, name=None):
    return S.inverse_time_decay(initial_learning_rate, decay_rate, decay_steps, staircase=staircase)
