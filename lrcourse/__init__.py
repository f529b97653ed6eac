"""lrcourse: the companion package of the course book *Learning rates in deep learning*.

Subpackages
-----------
schedules
    Learning-rate schedules as pure, vectorised functions of the step.
optim
    Optimisers as explicit, frozen update rules, and ``run`` for a trajectory.
landscapes
    Loss functions with exact gradients and Hessians, to run optimisers on.
nn
    A small NumPy network (MLP), its data sets and a training loop, for the
    chapters that need a real network.
compat
    Translate TensorFlow/Keras, PyTorch and optax schedules into lrcourse.
explorers
    Interactive figures (ipywidgets + matplotlib) that also work in the static book.
exercises
    Self-checking exercises.
"""

__version__ = "0.1.0"
