"""Reduce the learning rate when a monitored metric stops improving."""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_choice, check_int, check_real

__all__ = ["ReduceOnPlateau"]


class ReduceOnPlateau:
    r"""A small stateful policy: feed it one metric per epoch, read the rate.

    This is the only stateful object in :mod:`lrcourse.schedules`: the rate
    depends on the metrics seen so far, not on the step alone. Both
    frameworks' rules are reproduced exactly:

    ``rule="torch"`` (``torch.optim.lr_scheduler.ReduceLROnPlateau``)
        An epoch is *better* if :math:`m < b(1 - \theta)` (``rel``) or
        :math:`m < b - \theta` (``abs``) in ``min`` mode (mirrored in
        ``max`` mode), with :math:`b` the best so far (initially
        :math:`\pm\infty`). After more than ``patience`` bad epochs in a
        row (``num_bad > patience``) the rate becomes
        :math:`\max(\eta f, \eta_{min})`, applied only if it drops by more
        than ``eps``; then ``cooldown`` epochs during which bad epochs are
        not counted.
    ``rule="keras"`` (``keras.callbacks.ReduceLROnPlateau``)
        The first epoch is always an improvement; then *better* means
        :math:`m + \delta < b` (``min``) or :math:`m - \delta > b` (``max``),
        an absolute threshold only. The rate is reduced as soon as
        ``wait >= patience``: **one epoch earlier** than PyTorch with the
        same ``patience``; a reduction happens only while :math:`\eta >
        \eta_{min}` (compared with ``min_lr`` rounded to float32, as Keras
        does).

    Parameters
    ----------
    lr0 : float
        Starting rate :math:`\eta_0` > 0. The current rate is the attribute
        ``lr``.
    rule : {"torch", "keras"}, default "torch"
    mode : {"min", "max"}, default "min"
        Whether the metric should go down (a loss) or up (an accuracy).
    factor : float, default 0.1
        :math:`f` in [0, 1).
    patience : int, default 10
        >= 0.
    threshold : float, default 1e-4
        :math:`\theta` (torch) or :math:`\delta` (Keras ``min_delta``), >= 0.
    threshold_mode : {"rel", "abs"}, optional
        Default ``"rel"`` for torch; Keras is always ``"abs"``.
    cooldown : int, default 0
        >= 0.
    min_lr : float, default 0.0
        :math:`\eta_{min}` >= 0.
    eps : float, default 1e-8
        Torch only: smallest change worth applying, >= 0.

    Attributes
    ----------
    lr0 : float
        The starting rate.
    lr : float
        The current rate (after the metrics seen so far).
    epoch : int
        Number of metrics seen.

    Raises
    ------
    TypeError
        If a number is not a real number or an integer argument is not an
        integer; from :meth:`step`, if the metric is not a real number.
    ValueError
        If an argument breaks its rule above (``factor`` outside [0, 1),
        ``patience`` or ``cooldown`` negative, an unknown ``rule``, ``mode``
        or ``threshold_mode``, ``threshold_mode="rel"`` with
        ``rule="keras"``); from :meth:`step`, if the metric is NaN or
        infinite.
    RuntimeError
        From :meth:`run`, if this policy has already seen a metric.

    References
    ----------
    .. [1] PyTorch 2.13, ``ReduceLROnPlateau`` in ``torch/optim/lr_scheduler.py``.
    .. [2] Keras 3.15, ``ReduceLROnPlateau`` in
       ``keras/src/callbacks/reduce_lr_on_plateau.py``.

    Examples
    --------
    >>> from lrcourse.schedules import ReduceOnPlateau
    >>> torch_rule = ReduceOnPlateau(0.1, patience=1, factor=0.5)
    >>> [torch_rule.step(1.0) for _ in range(4)]
    [0.1, 0.1, 0.05, 0.05]
    >>> keras_rule = ReduceOnPlateau(0.1, rule="keras", patience=1, factor=0.5)
    >>> [keras_rule.step(1.0) for _ in range(4)]
    [0.1, 0.05, 0.025, 0.0125]
    """

    def __init__(
        self,
        lr0,
        *,
        rule="torch",
        mode="min",
        factor=0.1,
        patience=10,
        threshold=1e-4,
        threshold_mode=None,
        cooldown=0,
        min_lr=0.0,
        eps=1e-8,
    ):
        self.lr0 = check_real("lr0", lr0, gt=0)
        self.lr = self.lr0
        self.rule = check_choice("rule", rule, ("torch", "keras"))
        self.mode = check_choice("mode", mode, ("min", "max"))
        self.factor = check_real("factor", factor, ge=0, lt=1)
        self.patience = check_int("patience", patience, ge=0)
        self.threshold = check_real("threshold", threshold, ge=0)
        if threshold_mode is None:
            threshold_mode = "rel" if self.rule == "torch" else "abs"
        self.threshold_mode = check_choice("threshold_mode", threshold_mode, ("rel", "abs"))
        if self.rule == "keras" and self.threshold_mode != "abs":
            raise ValueError(
                "Argument `threshold_mode` must be 'abs' with rule='keras' (Keras's min_delta "
                f"is absolute). Received: threshold_mode={threshold_mode!r}"
            )
        self.cooldown = check_int("cooldown", cooldown, ge=0)
        self.min_lr = check_real("min_lr", min_lr, ge=0)
        self.eps = check_real("eps", eps, ge=0)
        self.best = None if self.rule == "keras" else (math.inf if mode == "min" else -math.inf)
        self.num_bad_epochs = 0
        self.cooldown_counter = 0
        self.epoch = 0

    def __repr__(self):
        return (
            f"ReduceOnPlateau(lr0={self.lr0!r}, rule={self.rule!r}, mode={self.mode!r}, "
            f"factor={self.factor!r}, patience={self.patience!r}, threshold={self.threshold!r}, "
            f"threshold_mode={self.threshold_mode!r}, cooldown={self.cooldown!r}, "
            f"min_lr={self.min_lr!r}, eps={self.eps!r})"
        )

    def _better(self, a):
        best, th = self.best, self.threshold
        if self.rule == "keras":
            if best is None:
                return True
            if self.mode == "min":
                return a - (-th) < best
            return a - th > best
        if self.mode == "min":
            return a < best * (1.0 - th) if self.threshold_mode == "rel" else a < best - th
        return a > best * (th + 1.0) if self.threshold_mode == "rel" else a > best + th

    def step(self, metric):
        """Record one epoch's metric; return the learning rate after it (a float)."""
        if isinstance(metric, bool | np.bool_) or not isinstance(
            metric, int | float | np.integer | np.floating
        ):
            raise TypeError(
                f"Argument `metric` must be a real number. Received: metric={metric!r}"
            )
        m = float(metric)
        if not math.isfinite(m):
            raise ValueError(
                "Argument `metric` must be finite (a NaN or infinite loss means training "
                f"diverged; lower the rate instead). Received: metric={metric!r}"
            )
        self.epoch += 1
        if self.rule == "torch":
            self._step_torch(m)
        else:
            self._step_keras(m)
        return self.lr

    def _step_torch(self, m):
        if self._better(m):
            self.best = m
            self.num_bad_epochs = 0
        else:
            self.num_bad_epochs += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        if self.num_bad_epochs > self.patience:
            new = max(self.lr * self.factor, self.min_lr)
            if self.lr - new > self.eps:
                self.lr = new
            self.cooldown_counter = self.cooldown
            self.num_bad_epochs = 0

    def _step_keras(self, m):
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        if self._better(m):
            self.best = m
            self.num_bad_epochs = 0
        elif not self.cooldown_counter > 0:
            self.num_bad_epochs += 1
            if self.num_bad_epochs >= self.patience and self.lr > float(np.float32(self.min_lr)):
                self.lr = max(self.lr * self.factor, self.min_lr)
                self.cooldown_counter = self.cooldown
                self.num_bad_epochs = 0

    def run(self, metrics):
        """Rates after each of ``metrics``, from a fresh copy (this object is unchanged)."""
        twin = ReduceOnPlateau(
            self.lr0 if self.epoch == 0 else self._initial_lr_error(),
            rule=self.rule,
            mode=self.mode,
            factor=self.factor,
            patience=self.patience,
            threshold=self.threshold,
            threshold_mode=self.threshold_mode,
            cooldown=self.cooldown,
            min_lr=self.min_lr,
            eps=self.eps,
        )
        return np.array([twin.step(m) for m in metrics], dtype=np.float64)

    def _initial_lr_error(self):
        raise RuntimeError(
            "run() replays metrics from the start; call it on a fresh ReduceOnPlateau "
            f"(this one has already seen {self.epoch} epochs)."
        )
