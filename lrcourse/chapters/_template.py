"""Chapter template: copy this module to start a chapter (see CONTRIBUTING.md).

To start chapter NN on <topic>:

1. copy this file to ``lrcourse/chapters/chNN_<slug>.py`` and
   ``templates/ch00_template.ipynb`` to ``book/chNN_<slug>.ipynb``;
2. set ``CHAPTER = Chapter(NN, "<slug>", "<Title>")``;
3. add ``- file: book/chNN_<slug>`` to ``_toc.yml``;
4. copy ``tests/test_chapter_template.py`` to ``tests/test_chNN_<slug>.py``
   and write the chapter's ``RIGHT`` answers there.

The chapter is then found by :func:`lrcourse.chapters.all_chapters`, and its
explorers and exercises appear in the catalogs. This module itself is not a
chapter of the book (its file name does not start with ``ch``), so it is
never discovered; it exists to be copied and is tested like a chapter.
"""

from __future__ import annotations

import numpy as np

from .. import optim
from ..corner import Call, Corner, Tab
from ..exercises._core import Hint
from ..explorers import Explorer, Layout, Readout, Slider, new_figure
from ._chapter import Chapter

__all__ = ["CHAPTER", "constant_rate_descent", "gd_on_quadratic"]

CHAPTER = Chapter(0, "template", "Template: a constant learning rate")


# -- the chapter's computations (tested; the notebook only calls them) -------------------


def gd_on_quadratic(lr, *, curvature=1.0, x0=1.0, steps=30):
    r"""Gradient descent on :math:`f(x) = a x^2 / 2` with a constant rate.

    .. math:: x_{t+1} = x_t - \eta\, a\, x_t = (1 - \eta a)\, x_t

    Parameters
    ----------
    lr : float
        :math:`\eta > 0`.
    curvature : float
        :math:`a > 0`.
    x0 : float
        The starting point :math:`x_0`.
    steps : int
        Number of updates, >= 0.

    Returns
    -------
    numpy.ndarray
        :math:`x_0, \dots, x_{\text{steps}}` (``steps + 1`` values).

    Raises
    ------
    ValueError, TypeError
        For a bad argument (the message names it).

    References
    ----------
    .. [1] Goodfellow, Bengio and Courville, *Deep Learning*, MIT Press, 2016, §4.3.

    Examples
    --------
    >>> from lrcourse.chapters._template import gd_on_quadratic
    >>> gd_on_quadratic(0.5, curvature=1.0, x0=1.0, steps=3)
    array([1.   , 0.5  , 0.25 , 0.125])
    """
    from .._validation import check_real

    a = check_real("curvature", curvature, gt=0)
    traj = optim.run(optim.gd(lr), lambda x: a * x, x0=x0, steps=steps)
    return traj.x[:, 0]


# -- framework corners -------------------------------------------------------------------


@CHAPTER.corner("constant")
def constant_corner(lr=0.1):
    """A constant learning rate in Keras 3, PyTorch and optax."""
    return Corner("a constant rate", [
        Tab("Keras", code=f"optimizer = keras.optimizers.SGD(learning_rate={lr!r})",
            note="A float learning rate is a constant schedule."),
        Tab("PyTorch", [Call("torch", "ConstantLR", {"lr": lr, "factor": 1.0})],
            "With `factor=1.0`, `ConstantLR` keeps `lr` unchanged."),
        Tab("optax", [Call("optax", "constant_schedule", {"value": lr})]),
    ], ("keras_lr_schedule", "torch_lr_scheduler", "optax_schedules"))


# -- exercises ----------------------------------------------------------------------------

CHAPTER.exercise(
    id="ch00-constant-list",
    title="A constant rate: the first 5 values",
    answer="list of 5 floats: optax.constant_schedule(0.1) at steps 0..4",
    kind="sequence",
    reference=lambda: np.full(5, 0.1),
)

CHAPTER.exercise(
    id="ch00-one-step",
    title="One step of gradient descent",
    answer="float: x_1 for f(x) = x^2 / 2, x_0 = 1 and lr = 0.1",
    kind="number",
    reference=lambda: gd_on_quadratic(0.1, x0=1.0, steps=1)[1],
    hints=(Hint(lambda: 1.1, "You added the gradient: gradient descent subtracts it."),),
)

CHAPTER.exercise(
    id="ch00-three-steps",
    title="Three steps of gradient descent",
    answer="list of 4 floats: x_0 .. x_3 for f(x) = 2 x^2 (curvature a = 4), x_0 = 1, lr = 0.3",
    kind="sequence",
    reference=lambda: gd_on_quadratic(0.3, curvature=4.0, x0=1.0, steps=3),
    hints=(Hint(lambda: [1.0, 0.4, 0.16, 0.064],
                "You used the curvature 2 of 2 x^2 written as a x^2: with f = a x^2 / 2, "
                "a = 4 and the factor per step is 1 - 0.3 * 4 = -0.2."),),
)

CHAPTER.exercise(
    id="ch00-stable-limit",
    title="The largest stable rate",
    answer="float: the learning rate above which gradient descent on f(x) = 2 x^2 diverges",
    kind="number",
    reference=lambda: 2 / 4.0,
    hints=(Hint(lambda: 1.0, "That is 2/a for a = 2; here f = 2 x^2 = a x^2 / 2 with a = 4."),),
)


# -- explorer -----------------------------------------------------------------------------


@CHAPTER.explorer
def constant_rate_descent(lr=0.3, curvature=4.0):
    r"""Gradient descent on :math:`f(x) = a x^2/2`: the iterates for a rate :math:`\eta`.

    Controls: ``lr`` (:math:`\eta`) and ``curvature`` (:math:`a`). The
    iterates shrink when :math:`|1 - \eta a| < 1`, that is when
    :math:`\eta < 2/a`; the readout under the figure gives the factor
    :math:`1 - \eta a` and the limit :math:`2/a`.

    Returns
    -------
    Explorer
    """
    steps = 20
    controls = [
        Slider("lr", "η", 0.01, 1.0, [0.05, 0.1, 0.3, 0.45, 0.55], lr, step=0.01),
        Slider("curvature", "a", 0.5, 8.0, [1.0, 2.0, 3.0, 4.0], curvature, step=0.5),
    ]
    # The figure is made once; draw() only changes the artists listed in `animated`.
    fig = new_figure((6.6, 3.0))
    ax = fig.add_subplot()
    t = np.arange(steps + 1)
    (line,) = ax.plot(t, np.zeros(steps + 1), "o-", ms=3, color="#1f5fa8")
    ax.axhline(0, color="#666666", lw=0.8)
    ax.set_xlim(-0.5, steps + 0.5)
    ax.set_ylim(-2, 2)
    ax.set_xlabel("step t")
    ax.set_ylabel("x_t (clipped to ±2)")
    ax.grid(alpha=0.3)
    drawn = {}

    def draw(v):
        x = gd_on_quadratic(v["lr"], curvature=v["curvature"], x0=1.0, steps=steps)
        drawn.update(values=dict(v), x=x)
        line.set_ydata(np.clip(x, -2, 2))

    def _current(v):
        if drawn.get("values") != v:
            draw(v)
        return drawn["x"]

    def describe(v):
        x = _current(v)
        return (f"Iterates of gradient descent with η = {v['lr']:g} on a x²/2 with a = "
                f"{v['curvature']:g}: x_0 = 1, x_10 = {x[10]:.3g}, x_20 = {x[20]:.3g}.")

    def readout(v):
        x = _current(v)
        factor = 1 - v["lr"] * v["curvature"]
        verdict = "shrinks" if abs(factor) < 1 else "does not shrink"
        return [
            Readout("factor per step 1 − ηa", f"{factor:.3g} (x {verdict})"),
            Readout("stability limit 2/a", f"{2 / v['curvature']:.3g}"),
            Readout("x_20", f"{x[20]:.3g}"),
        ]

    # A wide layout for the book's column and a narrow one for phones, with the
    # same text size: the static page picks the one that fits.
    layouts = [Layout((6.6, 3.0)), Layout((3.4, 2.8))]
    return Explorer("constant_rate_descent", "Gradient descent with a constant rate",
                    controls, fig, draw, describe, animated=[line], readout=readout,
                    layouts=layouts)
