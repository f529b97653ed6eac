"""Learning-rate schedules: pure, vectorised, validated.

Each public function here is a *factory*: it checks its arguments (raising a
clear ``TypeError``/``ValueError`` otherwise) and returns a
:class:`Schedule`, a frozen callable. ``schedule(step)`` accepts an int, a
float or an array of steps (counted from 0) and returns a float or a float64
array; calling it never changes anything.
"""

from ._base import Schedule
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

__all__ = [
    "Schedule",
    "constant",
    "exponential_decay",
    "inverse_time_decay",
    "multistep_decay",
    "natural_exp_decay",
    "per_epoch",
    "piecewise_constant",
    "step_decay",
]
