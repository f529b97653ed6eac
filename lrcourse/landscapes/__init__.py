"""Loss landscapes with exact derivatives (for optimisers and figures).

Every factory returns a :class:`Landscape` whose ``f``, ``grad`` and
``hess`` work on arrays of points of shape ``(..., dim)``, and which knows
its minimisers (and other stationary points where they matter) and a good
plotting ``window``. Pass a landscape to :func:`lrcourse.optim.run` instead
of a gradient function to record the loss too.

>>> from lrcourse.landscapes import rippled_bowl
>>> rippled_bowl().window, rippled_bowl().ylim
(((-20.0, 20.0),), (-2.0, 10.0))
"""

from ._base import Landscape
from ._classic import cliff, rosenbrock, saddle
from ._quadratic import noisy_quadratic, quadratic
from ._rippled_bowl import rippled_bowl

__all__ = [
    "Landscape",
    "cliff",
    "noisy_quadratic",
    "quadratic",
    "rippled_bowl",
    "rosenbrock",
    "saddle",
]
