"""``torch.optim.lr_scheduler`` classes, as lrcourse schedules.

Reference: PyTorch ``torch/optim/lr_scheduler.py``. The value of the returned
schedule at step ``k`` is ``optimizer.param_groups[0]["lr"]`` after ``k``
calls of ``scheduler.step()`` (``k = 0``: right after construction), with the
optimizer's initial learning rate passed as ``lr=``.
"""

from __future__ import annotations

from .. import schedules as S
from ._registry import Registry

TORCH = Registry("PyTorch (torch.optim.lr_scheduler)")


@TORCH.register("StepLR")
def _step_lr(lr, step_size, gamma=0.1, last_epoch=-1):
    _check_last_epoch(last_epoch)
    return S.step_decay(lr, gamma, step_size)


@TORCH.register("MultiStepLR")
def _multistep_lr(lr, milestones, gamma=0.1, last_epoch=-1):
    _check_last_epoch(last_epoch)
    return S.multistep_decay(lr, sorted(milestones), gamma, switch_at_boundary=True)


@TORCH.register("ExponentialLR")
def _exponential_lr(lr, gamma, last_epoch=-1):
    _check_last_epoch(last_epoch)
    return S.exponential_decay(lr, gamma, 1)


def _check_last_epoch(last_epoch):
    if last_epoch != -1:
        raise ValueError(
            "Argument `last_epoch` must be -1 (a fresh scheduler; resuming is not "
            f"modelled). Received: last_epoch={last_epoch!r}"
        )
