"""Learning-rate schedules: pure, vectorised, validated.

Each public function here is a *factory*: it checks its arguments (raising a
clear ``TypeError``/``ValueError`` otherwise) and returns a
:class:`Schedule`, a frozen callable. ``schedule(step)`` accepts an int, a
float or an array of steps (counted from 0) and returns a float or a float64
array; calling it never changes anything.

Every factory takes its first argument by position and all others by
keyword (``exponential_decay(0.1, decay_rate=0.96, decay_steps=1000)``), so
a call ported from another framework cannot silently swap two numbers.
Rates have one name each: ``lr0`` is the rate at step 0, ``peak_lr`` the
top of a warmup or a cycle, ``end_lr`` a final rate or floor given as a
rate (``alpha`` gives a floor as a fraction instead). The frameworks' names
are accepted by :mod:`lrcourse.compat` only.

The one exception is :class:`ReduceOnPlateau`, a small stateful policy fed
one metric per epoch (its rate depends on the metrics, not on the step).
"""

from ._base import Schedule
from ._compose import join, multiplier_schedule, piecewise_interpolate
from ._cosine import (
    cosine_decay,
    cosine_restarts,
    linear_cosine_decay,
    noisy_linear_cosine_decay,
)
from ._cumulative import cumulative_rate
from ._cyclic import cyclic, cyclic_momentum, one_cycle, one_cycle_momentum
from ._decay import (
    constant,
    exponential_decay,
    inverse_time_decay,
    multistep_decay,
    natural_exp_decay,
    per_epoch,
    piecewise_constant,
    step_decay,
)
from ._plateau import ReduceOnPlateau
from ._polynomial import polynomial_decay
from ._warmup import (
    exponential_warmup,
    inverse_sqrt,
    linear_warmup,
    warmup_cosine,
    warmup_stable_decay,
)

__all__ = [
    "ReduceOnPlateau",
    "Schedule",
    "constant",
    "cosine_decay",
    "cosine_restarts",
    "cumulative_rate",
    "cyclic",
    "cyclic_momentum",
    "exponential_decay",
    "exponential_warmup",
    "inverse_sqrt",
    "inverse_time_decay",
    "join",
    "linear_cosine_decay",
    "linear_warmup",
    "multiplier_schedule",
    "multistep_decay",
    "natural_exp_decay",
    "noisy_linear_cosine_decay",
    "one_cycle",
    "one_cycle_momentum",
    "per_epoch",
    "piecewise_constant",
    "piecewise_interpolate",
    "polynomial_decay",
    "step_decay",
    "warmup_cosine",
    "warmup_stable_decay",
]

#: The public names that build a schedule: every name of ``__all__`` except
#: the type :class:`Schedule` and the helper :func:`cumulative_rate`.
SCHEDULES = tuple(name for name in __all__ if name not in ("Schedule", "cumulative_rate"))
