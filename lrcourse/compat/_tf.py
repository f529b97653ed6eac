"""``tf.compat.v1.train`` learning-rate decays, as lrcourse schedules.

Reference: TensorFlow ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``
(the ``tf.compat.v1.train.*_decay`` functions). The value of the returned
schedule at ``step`` is the TensorFlow function's value with
``global_step=step``.
"""

from __future__ import annotations

from .. import schedules as S
from ._registry import Registry

TF = Registry("TensorFlow (tf.compat.v1.train)")


@TF.register("exponential_decay")
def _exponential_decay(learning_rate, decay_steps, decay_rate, staircase=False):
    return S.exponential_decay(learning_rate, decay_rate, decay_steps, staircase=staircase)


@TF.register("piecewise_constant")
def _piecewise_constant(boundaries, values):
    # TF: x <= b[0] -> v[0]; b[i] < x <= b[i+1] -> v[i+1]: the old value holds at a boundary.
    return S.piecewise_constant(boundaries, values, switch_at_boundary=False)


@TF.register("natural_exp_decay")
def _natural_exp_decay(learning_rate, decay_steps, decay_rate, staircase=False):
    return S.natural_exp_decay(learning_rate, decay_rate, decay_steps, staircase=staircase)


@TF.register("inverse_time_decay")
def _inverse_time_decay(learning_rate, decay_steps, decay_rate, staircase=False):
    return S.inverse_time_decay(learning_rate, decay_rate, decay_steps, staircase=staircase)
