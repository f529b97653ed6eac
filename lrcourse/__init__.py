"""lrcourse: the companion package of the course book *Learning rates in deep learning*.

Subpackages
-----------
schedules
    Learning-rate schedules as pure, vectorised functions of the step.
compat
    Translate TensorFlow/Keras, PyTorch and optax schedules into lrcourse.
explorers
    Interactive figures (ipywidgets + matplotlib) that also work in the static book.
exercises
    Self-checking exercises.
"""

__version__ = "0.1.0"
