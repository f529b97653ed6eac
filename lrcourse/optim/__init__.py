"""Optimisers as explicit, frozen update rules.

Each factory validates its arguments and returns an :class:`Optimizer`.
The learning rate may be a float or a schedule (any
:class:`lrcourse.schedules.Schedule`, or a callable ``step -> float``);
update ``k`` (0-based) uses ``lr(k)``. A float and
``lrcourse.schedules.constant`` of the same value give bit-identical runs.

Use :func:`run` for a whole trajectory, or ``init``/``update`` to step by hand::

    >>> from lrcourse.optim import adam, run
    >>> from lrcourse.landscapes import rippled_bowl
    >>> traj = run(adam(0.1), rippled_bowl(), x0=-20.0, steps=1000)
    >>> traj.x.shape, traj.lr.shape, traj.diverged
    ((1001, 1), (1000,), False)

Every factory takes its first argument by position and all others by
keyword (``momentum(0.01, momentum=0.9)``), so a call ported from another
framework cannot silently swap two numbers.

:func:`adam_compounded_bias_correction` and
:func:`momentum_with_initial_velocity` are deliberately flawed variants
(an Adam whose bias correction compounds, a momentum whose velocity starts
at 1) for bug-hunting exercises.
"""

from ._adadelta import adadelta
from ._adagrad import adagrad
from ._adam import adam, adamw, amsgrad
from ._base import Optimizer, OptState
from ._newton import newton, regularised_newton
from ._radam import radam
from ._rmsprop import rmsprop
from ._run import Trajectory, run
from ._schedule_free import schedule_free_sgd
from ._sgd import gd, momentum, nesterov
from ._variants import adam_compounded_bias_correction, momentum_with_initial_velocity

__all__ = [
    "OptState",
    "Optimizer",
    "Trajectory",
    "adadelta",
    "adagrad",
    "adam",
    "adam_compounded_bias_correction",
    "adamw",
    "amsgrad",
    "gd",
    "momentum",
    "momentum_with_initial_velocity",
    "nesterov",
    "newton",
    "radam",
    "regularised_newton",
    "rmsprop",
    "run",
    "schedule_free_sgd",
]
