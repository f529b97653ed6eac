"""TensorFlow ``tf.compat.v1.train`` decay functions, as lrcourse schedules.

Reference: TensorFlow 2.21 ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py``
(the ``tf.compat.v1.train.*_decay`` functions). The value of the returned
schedule at ``step`` is the TensorFlow function's value with
``global_step=step``, computed in float64 (TensorFlow itself computes the
cosine family in float32, see ``scripts/reference/make_schedule_fixtures.py``).
"""

from __future__ import annotations

from .. import schedules as S
from ._registry import Registry

TF = Registry("TensorFlow (tf.compat.v1.train)")

_LR = {"lr0": "learning_rate"}


@TF.register("exponential_decay", _LR)
def _exponential_decay(learning_rate, decay_steps, decay_rate, staircase=False, name=None):
    return S.exponential_decay(
        learning_rate, decay_rate=decay_rate, decay_steps=decay_steps, staircase=staircase
    )


@TF.register("piecewise_constant")
def _piecewise_constant(boundaries, values, name=None):
    # TF: x <= b[0] -> v[0]; b[i] < x <= b[i+1] -> v[i+1]: the old value holds at a boundary.
    return S.piecewise_constant(boundaries, values=values, switch_at_boundary=False)


@TF.register("natural_exp_decay", _LR)
def _natural_exp_decay(learning_rate, decay_steps, decay_rate, staircase=False, name=None):
    return S.natural_exp_decay(
        learning_rate, decay_rate=decay_rate, decay_steps=decay_steps, staircase=staircase
    )


@TF.register("inverse_time_decay", _LR)
def _inverse_time_decay(learning_rate, decay_steps, decay_rate, staircase=False, name=None):
    return S.inverse_time_decay(
        learning_rate, decay_rate=decay_rate, decay_steps=decay_steps, staircase=staircase
    )


@TF.register("polynomial_decay", {**_LR, "end_lr": "end_learning_rate"})
def _polynomial_decay(
    learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False, name=None
):
    return S.polynomial_decay(
        learning_rate,
        decay_steps=decay_steps,
        end_lr=end_learning_rate,
        power=power,
        cycle=cycle,
    )


@TF.register("cosine_decay", _LR)
def _cosine_decay(learning_rate, decay_steps, alpha=0.0, name=None):
    return S.cosine_decay(learning_rate, decay_steps=decay_steps, alpha=alpha)


@TF.register(
    "cosine_decay_restarts",
    {**_LR, "first_period": "first_decay_steps", "period_mult": "t_mul", "peak_mult": "m_mul"},
)
def _cosine_decay_restarts(
    learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0, name=None
):
    return S.cosine_restarts(
        learning_rate,
        first_period=first_decay_steps,
        period_mult=t_mul,
        peak_mult=m_mul,
        alpha=alpha,
    )


@TF.register("linear_cosine_decay", _LR)
def _linear_cosine_decay(
    learning_rate, decay_steps, num_periods=0.5, alpha=0.0, beta=0.001, name=None
):
    return S.linear_cosine_decay(
        learning_rate, decay_steps=decay_steps, num_periods=num_periods, alpha=alpha, beta=beta
    )


@TF.register("noisy_linear_cosine_decay", _LR)
def _noisy_linear_cosine_decay(
    learning_rate,
    decay_steps,
    initial_variance=1.0,
    variance_decay=0.55,
    num_periods=0.5,
    alpha=0.0,
    beta=0.001,
    name=None,
    seed=0,
):
    # TensorFlow draws its noise from its own generator: lrcourse reproduces the
    # noise-free part exactly and the noise's distribution, reproducibly per seed.
    return S.noisy_linear_cosine_decay(
        learning_rate,
        decay_steps=decay_steps,
        initial_variance=initial_variance,
        variance_decay=variance_decay,
        num_periods=num_periods,
        alpha=alpha,
        beta=beta,
        seed=seed,
    )
