"""The one warning class of :mod:`lrcourse.compat`, and the helpers that raise it."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np

from ..schedules import Schedule

__all__ = ["FrameworkBehaviourWarning", "framework_warning", "framework_schedule"]


class FrameworkBehaviourWarning(UserWarning):
    """The framework accepts this configuration but does something surprising with it.

    :mod:`lrcourse.compat` reproduces what the framework really does (for
    example optax's constant schedule when ``transition_steps=0``) and emits
    this warning, which names the argument as the framework spells it and
    says what the framework does. Turn it into an error with
    ``warnings.simplefilter("error", FrameworkBehaviourWarning)``.

    References
    ----------
    .. [1] optax 0.2.8, ``optax/schedules/_schedule.py``: the ``logging.info``
       fallbacks of ``exponential_decay`` and ``polynomial_schedule``.
    .. [2] PyTorch 2.13, ``torch/optim/lr_scheduler.py``.

    Examples
    --------
    >>> import warnings
    >>> from lrcourse.compat import FrameworkBehaviourWarning, from_optax
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     s = from_optax("exponential_decay", init_value=0.1, transition_steps=0,
    ...                    decay_rate=0.5)
    >>> s([0, 100])
    array([0.1, 0.1])
    >>> caught[0].category is FrameworkBehaviourWarning
    True
    """


def framework_warning(message: str) -> None:
    """Emit :class:`FrameworkBehaviourWarning` pointing at the first line outside lrcourse."""
    package = Path(__file__).resolve().parent.parent  # lrcourse/
    frame, level = sys._getframe(1), 2
    while frame is not None and Path(frame.f_code.co_filename).resolve().is_relative_to(package):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, FrameworkBehaviourWarning, stacklevel=level)


def framework_schedule(name: str, params: dict, fn) -> Schedule:
    """A :class:`Schedule` for a configuration the native factories refuse.

    The native :mod:`lrcourse.schedules` API stays strict (a negative rate is
    an error there); compat builds the framework's values directly with this.
    """
    def checked(t):
        return np.asarray(fn(t), dtype=np.float64)

    return Schedule(name, params, checked)
