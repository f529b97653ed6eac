"""Optimisers as explicit, frozen update rules (chapters 1 and 7-10).

Each factory validates its arguments and returns an :class:`Optimizer`.
The learning rate may be a float or a schedule (any
:class:`lrcourse.schedules.Schedule`, or a callable ``step -> float``);
update ``k`` (0-based) uses ``lr(k)``. A float and
``lrcourse.schedules.constant`` of the same value give bit-identical runs.

Use :func:`run` for a whole trajectory, or ``init``/``update`` to step by hand::

    >>> from lrcourse.optim import adam, run
    >>> from lrcourse.landscapes import article
    >>> traj = run(adam(0.1), article(), x0=-20.0, steps=1000)
    >>> traj.x.shape, traj.lr.shape, traj.diverged
    ((1001, 1), (1000,), False)

The article-5 variants :func:`article_adam` and :func:`article_momentum`
keep the source's bugs for the bug-hunt lab.
"""

from ._adadelta import adadelta
from ._adagrad import adagrad
from ._adam import adam, adamw, amsgrad
from ._article import article_adam, article_momentum
from ._base import Optimizer, OptState
from ._newton import newton, regularised_newton
from ._radam import radam
from ._rmsprop import rmsprop
from ._run import Trajectory, run
from ._sgd import gd, momentum, nesterov

__all__ = [
    "OptState",
    "Optimizer",
    "Trajectory",
    "adadelta",
    "adagrad",
    "adam",
    "adamw",
    "amsgrad",
    "article_adam",
    "article_momentum",
    "gd",
    "momentum",
    "nesterov",
    "newton",
    "radam",
    "regularised_newton",
    "rmsprop",
    "run",
]
