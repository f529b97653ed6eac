"""Chapter 2 explorer: the step-wise and exponential schedules, per framework."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..frameworks import DECAY_FAMILIES, FRAMEWORKS, decay_in
from ._base import DPI, Explorer
from ._controls import Choice, Slider

__all__ = ["schedule_plotter"]

LR0 = 0.1
HORIZON = 60  # steps shown: 0 .. HORIZON - 1


def schedule_plotter(family="piecewise", framework="tf", decay_rate=0.8, decay_steps=10):
    r"""Schedule plotter with a framework toggle (chapter 2).

    Plots :math:`\eta_t` for :math:`t = 0, \dots, 59` with
    :math:`\eta_0 = 0.1`, as the chosen framework computes it (through
    :func:`lrcourse.frameworks.decay_in`), and prints the framework call and
    the values around the first boundary, where TF/Keras and
    PyTorch/optax disagree.

    Controls: ``family`` (schedule), ``framework``, ``decay_rate``
    (:math:`\gamma`, or :math:`k` for natural-exponential and inverse-time
    decay) and ``decay_steps`` (:math:`T`). Static grid:
    6 families x 3 frameworks x ``decay_rate`` in {0.5, 0.8, 0.95} x
    ``decay_steps`` in {5, 10}.

    Returns
    -------
    Explorer
    """
    controls = [
        Choice("family", "schedule", [(v, k) for k, v in DECAY_FAMILIES.items()], family),
        Choice("framework", "framework", [(v, k) for k, v in FRAMEWORKS.items()], framework),
        Slider("decay_rate", "decay_rate γ (k)", 0.05, 1.0, [0.5, 0.8, 0.95], decay_rate,
               step=0.05),
        Slider("decay_steps", "decay_steps T", 1, 30, [5, 10], decay_steps, step=1,
               integer=True),
    ]
    fig = Figure(figsize=(7.5, 4.0), dpi=DPI)
    fig.subplots_adjust(left=0.1, right=0.98, top=0.9, bottom=0.13)
    ax = fig.add_subplot()
    steps = np.arange(HORIZON)
    (line,) = ax.plot(steps, np.zeros(HORIZON), "o-", ms=3.5, lw=1.2, color="#1f5fa8",
                      drawstyle="steps-post", label="learning rate")
    vlines = [ax.axvline(0, color="#b03a2e", lw=0.8, ls=":", visible=False) for _ in range(8)]
    ax.set_xlim(-1, HORIZON)
    ax.set_ylim(0, LR0 * 1.08)
    ax.set_xlabel("step t (0-based)")
    ax.set_ylabel("learning rate η_t")
    ax.grid(alpha=0.3)
    code_text = ax.set_title("", loc="left", fontsize=8.5, family="monospace")
    info = ax.text(0.99, 0.96, "", transform=ax.transAxes, ha="right", va="top", fontsize=9,
                   bbox={"boxstyle": "round", "fc": "white", "ec": "#c9d3e0"})

    drawn = {}  # what the last draw computed, for describe()

    def draw(v):
        sp = decay_in(v["family"], v["framework"], lr0=LR0, decay_rate=v["decay_rate"],
                      decay_steps=v["decay_steps"])
        lr = sp.schedule(steps)
        drawn.update(values=dict(v), spelling=sp, lr=lr)
        line.set_ydata(lr)
        for i, vl in enumerate(vlines):
            if i < len(sp.boundaries) and sp.boundaries[i] < HORIZON:
                vl.set_xdata([sp.boundaries[i], sp.boundaries[i]])
                vl.set_visible(True)
            else:
                vl.set_visible(False)
        code_text.set_text(_wrap(sp.code))
        lines = [f"at t = {HORIZON - 1}: η = {lr[-1]:.4g}"]
        if sp.boundaries:
            b = int(sp.boundaries[0])
            lines.insert(
                0, f"at the first boundary, t = {b}: η = {lr[b]:.4g};  at t = {b + 1}: η = {lr[b + 1]:.4g}"
            )
        if sp.note:
            lines.append(sp.note)
        info.set_text("\n".join(lines))

    def describe(v):
        if drawn.get("values") != v:  # Explorer.describe follows an update; be safe anyway
            draw(v)
        sp, lr = drawn["spelling"], drawn["lr"]
        return (f"{DECAY_FAMILIES[v['family']]} schedule in {FRAMEWORKS[v['framework']]}: "
                f"{sp.code}; rate {lr[0]:.4g} at step 0, {lr[10]:.4g} at step 10, "
                f"{lr[-1]:.4g} at step {HORIZON - 1}.")

    return Explorer("schedule_plotter", "Step-wise and exponential decay, per framework",
                    controls, fig, draw, describe, animated=[line, *vlines, code_text, info])


def _wrap(code: str, width: int = 88) -> str:
    if len(code) <= width:
        return code
    cut = code.rfind(", ", 0, width)
    return code[: cut + 1] + "\n    " + code[cut + 2:]
