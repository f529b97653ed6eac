"""Exercises of chapter 2: step-wise and exponential decay.

Every reference answer is computed with lrcourse when checked; the hints
recognise the answers that the usual mistakes produce.
"""

from __future__ import annotations

import numpy as np

from .. import compat
from .. import schedules as S
from ._core import Exercise, Hint, register

# The source article's step-decay exercise: lr0 = 0.1, halve every 10 epochs.
register(Exercise(
    id="ch02-step-decay-list",
    chapter=2,
    title="Step decay: the first 30 learning rates",
    answer="list of 30 floats: the learning rate of epochs 0, 1, ..., 29 for "
           "lr0 = 0.1, decay_rate = 0.5, decay_steps = 10 (PyTorch StepLR(step_size=10, gamma=0.5))",
    kind="sequence",
    step_label="epoch",
    reference=lambda: S.step_decay(0.1, 0.5, 10)(np.arange(30)),
    hints=(
        Hint(lambda: S.exponential_decay(0.1, 0.5, 10)(np.arange(30)),
             "These are smooth exponential values: step decay needs the floor, "
             "lr0 * decay_rate ** floor(epoch / decay_steps)."),
        Hint(lambda: S.step_decay(0.1, 0.5, 1)(np.arange(30)),
             "You halved the rate every epoch: the drop happens every decay_steps = 10 epochs."),
    ),
))

# The source article's exponential exercise: lr0 = 0.1, rate 0.95 per epoch.
register(Exercise(
    id="ch02-exponential-list",
    chapter=2,
    title="Exponential decay: the first 10 learning rates",
    answer="list of 10 floats: the learning rate of epochs 0..9 for lr0 = 0.1, "
           "decay_rate = 0.95 per epoch (PyTorch ExponentialLR(gamma=0.95))",
    kind="sequence",
    step_label="epoch",
    reference=lambda: S.exponential_decay(0.1, 0.95)(np.arange(10)),
    hints=(
        Hint(lambda: 0.1 * 0.05 ** np.arange(10),
             "You multiplied by 0.05 = 1 - 0.95: decay_rate is the factor that is kept, "
             "so a rate closer to 1 decays more slowly."),
        Hint(lambda: 0.1 * (1 - 0.95 * np.arange(10)),
             "That is a linear formula; exponential decay multiplies by 0.95 each epoch."),
    ),
))

register(Exercise(
    id="ch02-natural-exp-at-step",
    chapter=2,
    title="Natural-exponential decay at one step",
    answer="float: tf.compat.v1.train.natural_exp_decay(0.1, global_step=25, decay_steps=10, "
           "decay_rate=0.5), once with staircase=False",
    kind="number",
    reference=lambda: compat.from_tf(
        "natural_exp_decay", learning_rate=0.1, decay_steps=10, decay_rate=0.5)(25),
    hints=(
        Hint(lambda: compat.from_tf("natural_exp_decay", learning_rate=0.1, decay_steps=10,
                                    decay_rate=0.5, staircase=True)(25),
             "That is the staircase value (floor(25/10) = 2); here staircase=False, "
             "so the exponent is 25/10 = 2.5."),
        Hint(lambda: 0.1 * 0.5 ** 2.5,
             "You used 0.5 as the base (exponential decay); natural-exponential decay "
             "uses exp(-decay_rate * t / T)."),
        Hint(lambda: 0.1 * np.exp(-0.5 * 25),
             "You forgot to divide the step by decay_steps = 10."),
    ),
))

_TF_PW = dict(boundaries=[100, 200], values=[0.1, 0.05, 0.01])
_PW_STEPS = np.array([99, 100, 101, 199, 200, 201])

register(Exercise(
    id="ch02-tf-piecewise-boundaries",
    chapter=2,
    title="TensorFlow piecewise constant at and after each boundary",
    answer="list of 6 floats: tf.compat.v1.train.piecewise_constant with boundaries "
           "[100, 200] and values [0.1, 0.05, 0.01] at global steps 99, 100, 101, 199, 200, 201",
    kind="sequence",
    positions=tuple(float(t) for t in _PW_STEPS),
    reference=lambda: compat.from_tf("piecewise_constant", **_TF_PW)(_PW_STEPS),
    hints=(
        Hint(lambda: S.piecewise_constant(**_TF_PW, switch_at_boundary=True)(_PW_STEPS),
             "These are PyTorch/optax values: they switch AT the boundary. TensorFlow's "
             "intervals are right-inclusive, so the old value still holds at steps 100 and 200."),
    ),
))

register(Exercise(
    id="ch02-inverse-time-at-step",
    chapter=2,
    title="Inverse-time decay at one step",
    answer="float: keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=100, "
           "decay_rate=0.5, staircase=True) at step 250",
    kind="number",
    reference=lambda: compat.from_keras(
        "InverseTimeDecay", initial_learning_rate=0.1, decay_steps=100, decay_rate=0.5,
        staircase=True)(250),
    hints=(
        Hint(lambda: compat.from_keras(
            "InverseTimeDecay", initial_learning_rate=0.1, decay_steps=100, decay_rate=0.5)(250),
             "That is the smooth value; with staircase=True use floor(250 / 100) = 2."),
        Hint(lambda: 0.1 / (0.5 * 2),
             "The denominator is 1 + decay_rate * p, not decay_rate * p."),
    ),
))

register(Exercise(
    id="ch02-per-epoch-counting",
    chapter=2,
    title="Per-step vs per-epoch counting",
    answer="list of 12 floats: the learning rate of optimiser steps (batches) 0..11 when "
           "StepLR(step_size=2, gamma=0.5) on lr=0.1 is stepped once per epoch and an epoch "
           "has 3 batches",
    kind="sequence",
    reference=lambda: S.per_epoch(
        compat.from_torch("StepLR", lr=0.1, step_size=2, gamma=0.5), steps_per_epoch=3
    )(np.arange(12)),
    hints=(
        Hint(lambda: compat.from_torch("StepLR", lr=0.1, step_size=2, gamma=0.5)(np.arange(12)),
             "You stepped the scheduler after every batch; here it steps once per epoch, "
             "so each value lasts 3 batches."),
    ),
))
