"""Write tests/fixtures/suite_reference.json: the frameworks' OWN test-suite configurations.

Every schedule configuration that the frameworks' own test files use, for the
schedules that :mod:`lrcourse.compat` translates, evaluated with the REAL
libraries. ``tests/test_compat_suites.py`` checks that compat reproduces each
one (or refuses it, where the framework raises, naming the framework's
argument).

Run it in two reference environments (NOT project dependencies); each run
replaces the cases of its own libraries and keeps the others::

    /work/refvenv-lead/bin/python scripts/reference/make_suite_fixtures.py torch optax
    /work/refvenv-suites/bin/python scripts/reference/make_suite_fixtures.py tf keras

(torch 2.13.0 + optax 0.2.8 with jax in the first; tensorflow-cpu 2.21.0 with
keras 3.15.1 in the second.)

Where the cases come from (``"source"`` of each case names the test function)
-----------------------------------------------------------------------------
* PyTorch: ``test/optim/test_lrscheduler.py`` of pytorch/pytorch, read at
  commit 01f9ef32eae5 (the stored version; the v2.x test file of
  ``TestLRScheduler``).
* optax: ``optax/schedules/_schedule_test.py``, ``_join_test.py`` and
  ``_inject_test.py`` at tag v0.2.8.
* Keras: ``keras/src/optimizers/schedules/learning_rate_schedule_test.py`` and
  ``keras/src/callbacks/reduce_lr_on_plateau_test.py`` at tag v3.15.1.
* TensorFlow: ``tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay_test.py``
  of tensorflow/tensorflow, read at commit 2eb0e759be2a (the tests of the
  ``tf.compat.v1.train.*_decay`` functions that TF 2.21 ships).

How a test's configuration becomes a case
-----------------------------------------
* PyTorch tests build one SGD optimizer with two parameter groups (``lr=0.05``
  and ``lr=tensor(0.5)``) and check both. compat models one group, so each
  group is one case (``"lr"``). Per-group lists (``base_lr=[1, 2]``,
  ``min_lr=[0.4, 0.3]``, a list of ``lr_lambda``) become one case per group.
  Values are ``param_groups[i][key]`` after ``k`` calls of ``scheduler.step()``
  (``"stepping": "sequential"``, ``optimizer.step()`` first) or right after
  ``scheduler.step(epoch)`` for the tests that pass explicit epochs
  (``"stepping": "epoch"``; ``steps`` are those epochs).
* Tests that chain several schedulers on one optimizer (``ChainedScheduler``,
  the ``test_compound_*`` tests) are not compat configurations; each scheduler
  of them is recorded alone (source ``"... (component)"``). ``SWALR`` and
  ``MultiplicativeLR`` are not translated by compat and are left out.
* Tests that only construct a scheduler (state-dict and checkpoint tests)
  give a configuration without steps; this script evaluates it over a range
  that covers its milestones.
* optax runs with ``jax_enable_x64`` and int64 counts (float64 results); the
  test files call the schedules in float32, which the float64 values agree
  with to float32 precision.
* Keras and TF: ``"dtype": "float64"`` cases pass every float argument as a
  float64 value (Keras: ``floatx`` float64 and ``np.float64``; TF:
  ``tf.float64`` constants, and TF's cosine family sees ``math.pi`` as a
  float64 constant, as in make_schedule_fixtures.py). ``"dtype": "float32"``
  cases call the function exactly as the test file does (Python numbers,
  float32 arithmetic).
* The Keras ReduceLROnPlateau tests drive the callback with ``model.fit`` on
  random data; this script runs that same fit (seeded) and records the
  monitored value of each epoch (``"metrics"``) and the optimizer's rate
  after each epoch (``"values"``).
* A configuration the framework refuses is recorded with ``"raises"``: the
  exception's type and message, and ``"argument"``, the framework's argument
  that the refusal is about (read from the message and the test).
* TF's ``noisy_linear_cosine_decay`` draws from TF's generator; the tests do
  not check its values. The case records, at each checked step, the mean and
  standard deviation of many draws (``"kind": "samples"``).
"""

from __future__ import annotations

import json
import math
import os
import sys
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "suite_reference.json"

TORCH_FILE = "pytorch/pytorch@01f9ef32eae5 test/optim/test_lrscheduler.py"
OPTAX_FILE = "google-deepmind/optax@v0.2.8 optax/schedules/_schedule_test.py"
OPTAX_JOIN = "google-deepmind/optax@v0.2.8 optax/schedules/_join_test.py"
OPTAX_INJECT = "google-deepmind/optax@v0.2.8 optax/schedules/_inject_test.py"
KERAS_FILE = "keras-team/keras@v3.15.1 keras/src/optimizers/schedules/learning_rate_schedule_test.py"
KERAS_PLATEAU = "keras-team/keras@v3.15.1 keras/src/callbacks/reduce_lr_on_plateau_test.py"
TF_FILE = (
    "tensorflow/tensorflow@2eb0e759be2a "
    "tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay_test.py"
)


def _num(x):
    x = float(x)
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


def _raises(exc, argument):
    return {"type": type(exc).__name__, "message": str(exc)[:300], "argument": argument}


def _float_defaults(fn, floats):
    """The float defaults of ``fn`` among ``floats`` (passed explicitly in float64 runs)."""
    import inspect

    return {
        k: p.default
        for k, p in inspect.signature(fn).parameters.items()
        if k in floats and isinstance(p.default, float)
    }


# ------------------------------------------------------------------ PyTorch
# (source test, scheduler, params, steps, options). Steps: an int n means
# sequential stepping over 0..n-1; a list means explicit epochs.
# Options: lrs (group rates, default the two groups of setUp), key
# ("lr"/"momentum"), lambda (source of lr_lambda), raises (argument name).
SETUP = (0.05, 0.5)
TORCH_CASES = [
    ("test_step_lr_is_constant_for_constant_epoch", "StepLR", {"step_size": 2}, [2], {}),
    ("test_exponential_lr_is_constant_for_constant_epoch", "ExponentialLR", {"gamma": 0.9},
     [2], {}),
    ("test_constantlr_is_constant_for_constant_epoch", "ConstantLR", {}, [2], {}),
    ("test_linear_linearlr_is_constant_for_constant_epoch", "LinearLR", {}, [2], {}),
    ("test_polynomial_lr_is_constant_for_constant_epoch", "PolynomialLR", {"power": 0.9},
     [2], {}),
    ("test_step_lr", "StepLR", {"gamma": 0.1, "step_size": 3}, 12, {}),
    ("test_old_pattern_warning / test_new_pattern_no_warning", "StepLR",
     {"gamma": 0.1, "step_size": 3}, 36, {"lrs": (0.05,)}),
    ("test_get_last_lr_step_lr", "StepLR", {"step_size": 3, "gamma": 0.1}, 10,
     {"lrs": (0.1,)}),
    ("test_multi_step_lr / test_get_last_lr_multi_step_lr", "MultiStepLR",
     {"gamma": 0.1, "milestones": [2, 5, 9]}, 12, {}),
    ("test_multi_step_lr_with_epoch", "MultiStepLR", {"gamma": 0.1, "milestones": [2, 5, 9]},
     list(range(10)), {}),
    ("test_raise_error_when_last_epoch_is_greater_than_0_and_initial_lr_is_not_specified",
     "StepLR", {"step_size": 3, "gamma": 0.1, "last_epoch": 1}, 1,
     {"lrs": (0.1,), "raises": "last_epoch"}),
    ("test_constantlr / test_get_last_lr_constantlr", "ConstantLR",
     {"factor": 0.5, "total_iters": 5}, 10, {}),
    ("test_constantlr_with_epoch", "ConstantLR", {"factor": 0.5, "total_iters": 5},
     list(range(10)), {}),
    ("test_get_last_lr_linearlr", "LinearLR",
     {"start_factor": 0.25, "end_factor": 0.6, "total_iters": 4}, 10, {}),
    ("test_linearlr", "LinearLR", {"start_factor": 0.5, "total_iters": 4}, 10, {}),
    ("test_linearlr_with_epoch", "LinearLR",
     {"start_factor": 0.5, "end_factor": 1.0, "total_iters": 4}, list(range(10)), {}),
    ("test_linearlr_start_factor_limits1", "LinearLR", {"start_factor": 0.0, "total_iters": 4},
     1, {"raises": "start_factor"}),
    ("test_linearlr_start_factor_limits2", "LinearLR", {"start_factor": 1.1, "total_iters": 4},
     1, {"raises": "start_factor"}),
    ("test_exp_lr", "ExponentialLR", {"gamma": 0.9}, 10, {}),
    ("test_poly_lr", "PolynomialLR", {"power": 0.9, "total_iters": 5}, 10, {}),
    ("test_cos_anneal_lr", "CosineAnnealingLR", {"T_max": 10, "eta_min": 1e-10}, 10, {}),
    ("test_closed_form_step_lr", "StepLR", {"gamma": 0.1, "step_size": 3}, 21, {}),
    ("test_closed_form_step_lr", "StepLR", {"gamma": 0.1, "step_size": 3},
     list(range(20)), {}),
    ("test_closed_form_linearlr", "LinearLR",
     {"start_factor": 1.0 / 3, "end_factor": 0.7, "total_iters": 4}, 21, {}),
    ("test_closed_form_linearlr", "LinearLR",
     {"start_factor": 1.0 / 3, "end_factor": 0.7, "total_iters": 4}, list(range(20)), {}),
    ("test_closed_form_constantlr", "ConstantLR", {"factor": 1.0 / 3, "total_iters": 4}, 21, {}),
    ("test_closed_form_constantlr", "ConstantLR", {"factor": 1.0 / 3, "total_iters": 4},
     list(range(20)), {}),
    ("test_closed_form_multi_step_lr", "MultiStepLR", {"gamma": 0.1, "milestones": [2, 5, 9]},
     21, {}),
    ("test_closed_form_exp_lr", "ExponentialLR", {"gamma": 0.9}, 21, {}),
    ("test_closed_form_exp_lr", "ExponentialLR", {"gamma": 0.9}, list(range(20)), {}),
    ("test_closed_form_poly_lr", "PolynomialLR", {"power": 0.9}, 21, {}),
    ("test_closed_form_poly_lr", "PolynomialLR", {"power": 0.9}, list(range(20)), {}),
    ("test_closed_form_cos_anneal_lr", "CosineAnnealingLR", {"T_max": 5, "eta_min": 1e-10},
     21, {}),
    ("test_closed_form_cos_anneal_lr", "CosineAnnealingLR", {"T_max": 5, "eta_min": 1e-10},
     list(range(20)), {}),
    # eta_min = 0.1 is above the first group's rate 0.05: the cosine rises.
    ("test_cos_anneal_lr_continue", "CosineAnnealingLR", {"T_max": 5, "eta_min": 0.1}, 12, {}),
    # SequentialLR
    ("test_sequentiallr1", "SequentialLR",
     {"schedulers": [["ExponentialLR", {"gamma": 0.8}],
                     ["StepLR", {"gamma": 0.1, "step_size": 4}]], "milestones": [3]}, 19, {}),
    ("test_sequentiallr2", "SequentialLR",
     {"schedulers": [["ConstantLR", {"factor": 0.1, "total_iters": 3}],
                     ["ExponentialLR", {"gamma": 0.9}]], "milestones": [3]}, 13, {}),
    ("test_sequentiallr3 / test_get_last_lr_sequentiallr", "SequentialLR",
     {"schedulers": [["ConstantLR", {"factor": 0.1, "total_iters": 3}],
                     ["ExponentialLR", {"gamma": 0.8}],
                     ["StepLR", {"gamma": 0.1, "step_size": 2}]], "milestones": [3, 6]}, 12, {}),
    ("test_sequentiallr4", "SequentialLR",
     {"schedulers": [["ConstantLR", {"factor": 1}], ["ConstantLR", {"factor": 0.1}]],
      "milestones": [10]}, 20, {"lrs": (0.1,)}),
    ("test_sequentiallr_no_warnings", "SequentialLR",
     {"schedulers": [["LinearLR", {"start_factor": 0.5, "end_factor": 0.1, "total_iters": 5}],
                     ["ExponentialLR", {"gamma": 0.9}]], "milestones": [5]}, 11, {}),
    ("test_sequentiallr_does_not_alias_lr_and_initial_lr", "SequentialLR",
     {"schedulers": [["LinearLR", {"start_factor": 0.1, "end_factor": 0.8, "total_iters": 4}],
                     ["LinearLR", {"start_factor": 0.8, "end_factor": 0.1, "total_iters": 4}]],
      "milestones": [4]}, 8, {"lrs": (2.0,)}),
    ("test_lr_scheduler_state_dict_load", "SequentialLR",
     {"schedulers": [["ConstantLR", {}], ["ConstantLR", {}]], "milestones": [2]}, 12,
     {"lrs": (0.05,)}),
    # Schedulers of the chained / compound tests, each alone.
    ("test_chained_lr2 / test_compound_linearlr_and_multistep_lr (component)", "LinearLR",
     {"start_factor": 0.4, "total_iters": 3}, 12, {}),
    ("test_chained_lr3 (component)", "MultiStepLR", {"milestones": [4, 8, 10], "gamma": 0.1},
     12, {}),
    ("test_chained_lr4 (component)", "ConstantLR", {"factor": 0.2, "total_iters": 4}, 10, {}),
    ("test_chained_lr5 (component)", "ConstantLR", {"factor": 0.1}, 10, {}),
    ("test_compound_exp_and_linearlr (component)", "LinearLR",
     {"start_factor": 0.4, "end_factor": 0.9, "total_iters": 4}, 11, {}),
    ("test_compound_reduce_lr_on_plateau2 (component)", "MultiStepLR",
     {"gamma": 0.1, "milestones": [3, 8, 12]}, 22, {}),
    ("test_compound_cosanneal_and_exp_lr (component)", "ExponentialLR", {"gamma": 0.1}, 10, {}),
    # CyclicLR (momentum is the optimizer's momentum, or Adam's beta1).
    ("test_cycle_lr_invalid_mode", "CyclicLR", {"base_lr": 0, "max_lr": 0, "mode": "CATS"}, 1,
     {"lrs": (0.05,), "raises": "mode"}),
    ("test_cycle_lr_triangular_mode_one_lr / test_cycle_lr_triangular_mode", "CyclicLR",
     {"base_lr": 1, "max_lr": 5, "step_size_up": 4, "cycle_momentum": True, "base_momentum": 1,
      "max_momentum": 5, "mode": "triangular"}, 11, {"lrs": (0.05,), "key": "both"}),
    ("test_cycle_lr_triangular_mode (group 2)", "CyclicLR",
     {"base_lr": 2, "max_lr": 6, "step_size_up": 4, "cycle_momentum": True, "base_momentum": 2,
      "max_momentum": 6, "mode": "triangular"}, 11, {"lrs": (0.05,), "key": "both"}),
    ("test_cycle_lr_triangular_mode_one_lr_no_momentum / test_cycle_lr_with_momentumless_optimizer",
     "CyclicLR", {"base_lr": 1, "max_lr": 5, "step_size_up": 4, "cycle_momentum": False,
                  "mode": "triangular"}, 11, {"lrs": (0.05,)}),
    ("test_cycle_lr_triangular2_mode_one_lr / test_cycle_lr_triangular2_mode", "CyclicLR",
     {"base_lr": 1, "max_lr": 5, "step_size_up": 4, "cycle_momentum": True, "base_momentum": 1,
      "max_momentum": 5, "mode": "triangular2"}, 22, {"lrs": (0.05,), "key": "both"}),
    ("test_cycle_lr_triangular2_mode (group 2)", "CyclicLR",
     {"base_lr": 3, "max_lr": 7, "step_size_up": 4, "cycle_momentum": True, "base_momentum": 3,
      "max_momentum": 7, "mode": "triangular2"}, 22, {"lrs": (0.05,), "key": "both"}),
    ("test_cycle_lr_exp_range_mode_one_lr / test_cycle_lr_exp_range_mode", "CyclicLR",
     {"base_lr": 1, "max_lr": 5, "step_size_up": 4, "cycle_momentum": True, "base_momentum": 1,
      "max_momentum": 5, "mode": "exp_range", "gamma": 0.9}, 13,
     {"lrs": (0.05,), "key": "both"}),
    ("test_cycle_lr_exp_range_mode (group 2)", "CyclicLR",
     {"base_lr": 5, "max_lr": 12, "step_size_up": 4, "cycle_momentum": True, "base_momentum": 5,
      "max_momentum": 12, "mode": "exp_range", "gamma": 0.9}, 13,
     {"lrs": (0.05,), "key": "both"}),
    ("test_cycle_lr_triangular_mode_step_size_up_down", "CyclicLR",
     {"base_lr": 1, "max_lr": 5, "step_size_up": 4, "step_size_down": 6, "cycle_momentum": True,
      "base_momentum": 1, "max_momentum": 5, "mode": "triangular"}, 11,
     {"lrs": (0.05,), "key": "both"}),
    ("test_cycle_lr_triangular2_mode_step_size_up_down", "CyclicLR",
     {"base_lr": 1, "max_lr": 5, "step_size_up": 2, "step_size_down": 6, "cycle_momentum": True,
      "base_momentum": 1, "max_momentum": 5, "mode": "triangular2"}, 24,
     {"lrs": (0.05,), "key": "both"}),
    ("test_cycle_lr_triangular2_mode_step_size_up_down (group 2)", "CyclicLR",
     {"base_lr": 3, "max_lr": 7, "step_size_up": 2, "step_size_down": 6, "cycle_momentum": True,
      "base_momentum": 3, "max_momentum": 7, "mode": "triangular2"}, 24,
     {"lrs": (0.05,), "key": "both"}),
    ("test_cycle_lr_exp_range_mode_step_size_up_down", "CyclicLR",
     {"base_lr": 1, "max_lr": 5, "step_size_up": 2, "step_size_down": 6, "cycle_momentum": True,
      "base_momentum": 1, "max_momentum": 5, "mode": "exp_range", "gamma": 0.9}, 13,
     {"lrs": (0.05,), "key": "both"}),
    ("test_cycle_lr_cycle_momentum_with_beta1_optimizer", "CyclicLR",
     {"base_lr": 1, "max_lr": 5, "cycle_momentum": True}, [0, 1, 2, 1000, 2000, 3000, 4000],
     {"lrs": (0.001,), "key": "both", "adam": True, "sparse": True}),
    ("test_cycle_lr_scale_fn_restored_from_state_dict", "CyclicLR",
     {"base_lr": 1, "max_lr": 5, "cycle_momentum": False, "mode": "triangular2"},
     [0, 1000, 2000, 4000, 6000, 8000, 10000], {"lrs": (0.001,), "adam": True, "sparse": True}),
    ("test_cycle_lr_state_dict_picklable", "CyclicLR",
     {"base_lr": 1, "max_lr": 5, "cycle_momentum": False},
     [0, 1000, 2000, 4000, 6000],
     {"lrs": (0.001,), "adam": True, "scale_fn": "lambda _: 0.5", "sparse": True}),
    # Not in the test file: lrcourse's own checks of scale_fn beside that test, for a
    # scale that depends on the cycle, on the step, and one that only takes an int.
    *[
        ("test_cycle_lr_state_dict_picklable (lrcourse check: scale_fn " + mode + ")",
         "CyclicLR", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3, "step_size_down": 2,
                      "scale_mode": mode}, 22, {"lrs": (0.05,), "key": "both", "scale_fn": fn})
        for mode, fn in (("cycle", "lambda k: 1.0 / k"), ("iterations", "lambda t: 0.95 ** t"),
                         ("cycle", "lambda k: 1.0 if k < 3 else 0.25"))
    ],
    ("test_cosine_then_cyclic (component)", "CosineAnnealingLR", {"T_max": 20, "eta_min": 0.1},
     22, {"lrs": (0.5,)}),
    ("test_cosine_then_cyclic (component)", "CyclicLR",
     {"base_lr": 0.1, "max_lr": 0.3, "step_size_up": 1, "step_size_down": 3}, 20,
     {"lrs": (0.5,)}),
    # OneCycleLR
    ("test_onecycle_lr_invalid_anneal_strategy", "OneCycleLR",
     {"max_lr": 1e-3, "total_steps": 10, "anneal_strategy": "CATS"}, 1,
     {"lrs": (0.05,), "raises": "anneal_strategy"}),
    ("test_onecycle_lr_invalid_pct_start", "OneCycleLR",
     {"max_lr": 1e-3, "total_steps": 10, "pct_start": 1.1}, 1,
     {"lrs": (0.05,), "raises": "pct_start"}),
    ("test_onecycle_lr_cannot_calculate_total_steps", "OneCycleLR", {"max_lr": 1e-3}, 1,
     {"lrs": (0.05,), "raises": "total_steps"}),
    ("test_onecycle_lr_linear_annealing / test_cycle_lr_with_adam", "OneCycleLR",
     {"max_lr": 25, "final_div_factor": 2, "base_momentum": 1, "max_momentum": 22,
      "total_steps": 10, "anneal_strategy": "linear"}, 10, {"lrs": (0.05,), "key": "both"}),
    ("test_onecycle_lr_linear_annealing_three_phases", "OneCycleLR",
     {"max_lr": 25, "div_factor": 25, "base_momentum": 1, "max_momentum": 22, "total_steps": 10,
      "anneal_strategy": "linear", "pct_start": 0.4, "final_div_factor": 4,
      "three_phase": True}, 10, {"lrs": (0.05,), "key": "both"}),
    ("test_onecycle_lr_cosine_annealing / test_onecycle_lr_legacy_state_dict", "OneCycleLR",
     {"max_lr": 25, "final_div_factor": 2, "base_momentum": 1, "max_momentum": 22,
      "total_steps": 10}, 10, {"lrs": (0.05,), "key": "both"}),
    ("test_lr_scheduler_state_dict_load", "OneCycleLR",
     {"max_lr": 0.01, "total_steps": 10, "anneal_strategy": "linear"}, 10,
     {"lrs": (0.05,), "key": "both"}),
    ("test_lr_scheduler_checkpoint / test_constant_initial_params_onecyclelr", "OneCycleLR",
     {"max_lr": 0.01, "total_steps": 10}, 10, {"lrs": (0.001,), "key": "both", "adam": True, "sparse": True}),
    # LambdaLR
    ("test_lambda_lr (group 1)", "LambdaLR", {}, 10, {"lrs": (0.05,), "lambda": "lambda x1: 0.9**x1"}),
    ("test_lambda_lr (group 2)", "LambdaLR", {}, 10, {"lrs": (0.4,), "lambda": "lambda x2: 0.8**x2"}),
    ("test_lr_scheduler_state_dict_load / test_constant_initial_lr", "LambdaLR", {}, 25,
     {"lrs": (0.05,), "lambda": "lambda e: e // 10"}),
    ("test_lr_scheduler_checkpoint", "LambdaLR", {}, [0, 1, 29, 30, 31, 60, 95],
     {"lrs": (0.001,), "lambda": "lambda epoch: epoch // 30", "sparse": True}),
    ("test_lambda_lr_state_dict_fn", "LambdaLR", {}, 6, {"lrs": (0.05,), "lambda": "lambda x: x"}),
    ("test_lambda_lr_state_dict_obj (LambdaLRTestObject(10): value * epoch)", "LambdaLR", {}, 6,
     {"lrs": (0.05,), "lambda": "lambda epoch: 10 * epoch"}),
    # CosineAnnealingWarmRestarts
    *[
        ("test_CosineAnnealingWarmRestarts_lr1", "CosineAnnealingWarmRestarts",
         {"T_0": 10, "T_mult": t_mult, "eta_min": 1e-10}, 100, {})
        for t_mult in (1, 2, 4)
    ],
    *[
        ("test_CosineAnnealingWarmRestarts_lr2", "CosineAnnealingWarmRestarts",
         {"T_0": 10, "T_mult": t_mult, "eta_min": 1e-10},
         [round(k * 0.1, 1) for k in range(300)], {})
        for t_mult in (1, 2, 4)
    ],
    ("test_CosineAnnealingWarmRestarts_lr3", "CosineAnnealingWarmRestarts",
     {"T_0": 10, "T_mult": 1, "eta_min": 1e-10}, [0, 1, 2, 3, 4, 5, 12, 27, 3, 4, 5, 6, 13], {}),
    ("test_CosineAnnealingWarmRestarts_lr3", "CosineAnnealingWarmRestarts",
     {"T_0": 10, "T_mult": 2, "eta_min": 1e-10}, [0, 1, 2, 3, 4, 5, 25, 32, 33, 34, 80, 81, 3],
     {}),
    ("test_CosineAnnealingWarmRestarts_lr3", "CosineAnnealingWarmRestarts",
     {"T_0": 10, "T_mult": 3, "eta_min": 1e-10},
     [0, 0.1, 0.2, 0.3, 1.3, 2.3, 17.5, 18.5, 19.5, 29.5, 30.5, 31.5, 50], {}),
    ("test_CosineAnnealingWarmRestarts_lr_state_dict", "CosineAnnealingWarmRestarts",
     {"T_0": 10, "T_mult": 2}, 75, {"lrs": (0.05,)}),
    ("test_CosineAnnealingWarmRestarts_lr_state_dict", "CosineAnnealingWarmRestarts",
     {"T_0": 100}, 205, {"lrs": (0.05,)}),
    ("test_CosineAnnealingWarmRestarts_T_cur_reset", "CosineAnnealingWarmRestarts", {"T_0": 4},
     12, {"lrs": (0.05,)}),
    ("test_lr_scheduler_state_dict_load / test_lr_scheduler_checkpoint",
     "CosineAnnealingWarmRestarts", {"T_0": 20}, 45, {"lrs": (0.05,)}),
    # Configurations of the state-dict / checkpoint / initial-lr parametrizations.
    ("test_lr_scheduler_state_dict_load / test_constant_initial_lr", "StepLR", {"step_size": 30},
     65, {"lrs": (0.1,)}),
    ("test_lr_scheduler_state_dict_load / test_constant_initial_lr", "MultiStepLR",
     {"milestones": [30, 80]}, 85, {"lrs": (0.1,)}),
    ("test_lr_scheduler_state_dict_load / test_constant_initial_lr", "ConstantLR", {}, 8,
     {"lrs": (0.1,)}),
    ("test_lr_scheduler_state_dict_load / test_constant_initial_lr", "LinearLR", {}, 8,
     {"lrs": (0.1,)}),
    ("test_lr_scheduler_state_dict_load / test_constant_initial_lr", "PolynomialLR", {}, 8,
     {"lrs": (0.1,)}),
    ("test_lr_scheduler_state_dict_load / test_constant_initial_lr", "CosineAnnealingLR",
     {"T_max": 10}, 25, {"lrs": (0.1,)}),
    ("test_lr_scheduler_checkpoint", "ExponentialLR", {"gamma": 0.999}, 10, {"lrs": (0.001,)}),
    ("test_lr_scheduler_state_dict_load", "CyclicLR", {"base_lr": 0.01, "max_lr": 0.1},
     [0, 1, 1000, 2000, 3000, 4000, 4001], {"lrs": (0.05,), "key": "both", "sparse": True}),
    ("test_lr_scheduler_checkpoint / test_constant_initial_params_cyclelr", "CyclicLR",
     {"base_lr": 0.1, "max_lr": 0.2, "base_momentum": 0.8, "max_momentum": 0.9},
     [0, 1, 2, 1999, 2000, 2001, 4000], {"lrs": (0.1,), "key": "both", "sparse": True}),
]

PLATEAU = [
    ("test_reduce_lr_on_plateau1", dict(threshold_mode="abs", mode="min", threshold=0.01,
                                        patience=5, cooldown=5),
     [10 - i * 0.0167 for i in range(20)], 0.5),
    ("test_reduce_lr_on_plateau2", dict(patience=5, cooldown=0, threshold_mode="abs",
                                        mode="min", threshold=0.1),
     [10 - i * 0.0165 for i in range(22)], 0.5),
    ("test_reduce_lr_on_plateau3", dict(mode="max", patience=5, cooldown=5, threshold_mode="abs"),
     [-0.8] * 2 + [-0.234] * 20, 0.5),
    ("test_reduce_lr_on_plateau4", dict(mode="max", patience=3, threshold_mode="rel",
                                        threshold=0.1),
     [1.5 * (1.025**i) for i in range(20)], 0.5),
    ("test_reduce_lr_on_plateau5", dict(mode="max", threshold_mode="rel", threshold=0.1,
                                        patience=5, cooldown=5),
     [1.5 * (1.005**i) for i in range(20)], 0.5),
    ("test_reduce_lr_on_plateau6", dict(mode="min", threshold_mode="rel", threshold=0.1),
     [1.5 * (0.85**i) for i in range(20)], 0.5),
    ("test_reduce_lr_on_plateau7 / test_add_param_group_does_not_break_reduce_lr_on_plateau",
     dict(mode="min", threshold_mode="rel", threshold=0.1, patience=5, cooldown=5),
     [1] * 7 + [0.6] + [0.5] * 12, 0.5),
    ("test_reduce_lr_on_plateau8 (group 1)", dict(mode="max", threshold_mode="rel", min_lr=0.4,
                                                  threshold=0.1, patience=5, cooldown=5),
     [1.5 * (1.005**i) for i in range(20)], 0.5),
    ("test_reduce_lr_on_plateau8 (group 2)", dict(mode="max", threshold_mode="rel", min_lr=0.3,
                                                  threshold=0.1, patience=5, cooldown=5),
     [1.5 * (1.005**i) for i in range(20)], 0.5),
    ("test_reduce_lr_on_plateau_state_dict", dict(mode="min", factor=0.1, patience=2),
     [1.0, 2.0, 3.0, 4.0, 3.0, 4.0, 5.0, 3.0, 2.0, 1.0], 0.05),
    ("test_reduce_lr_on_plateau_preserves_lr_type", dict(mode="min", patience=0), [1.0, 2.0],
     0.05),
    ("test_add_param_group_errors_reduce_lr_on_plateau (group 1)",
     dict(mode="min", threshold_mode="rel", threshold=1e-5, patience=0, cooldown=0,
          min_lr=1e-5), [1, 1.3], 0.05),
    ("test_compound_reduce_lr_on_plateau3 (component)",
     dict(mode="max", patience=5, cooldown=5, threshold_mode="abs"),
     [-0.8] * 2 + [-0.234] * 20, 0.5),
    ("test_lr_scheduler_checkpoint_on_plateau", dict(mode="min"), [1], 0.001),
]


def torch_cases():
    import torch
    from torch.optim import lr_scheduler

    cases = []
    for source, name, params, steps, opt in TORCH_CASES:
        if name == "ReduceLROnPlateau":
            continue
        lrs = opt.get("lrs", SETUP)
        key = opt.get("key", "lr")
        for lr in lrs:
            kw = dict(params)
            case = {"library": "torch", "source": source, "name": name, "params": params,
                    "lr": lr, "dtype": "float64"}
            if "lambda" in opt:
                kw["lr_lambda"] = eval(opt["lambda"])  # noqa: S307 - this script's own literal
                case["lambda"] = opt["lambda"]
            if "scale_fn" in opt:
                kw["scale_fn"] = eval(opt["scale_fn"])  # noqa: S307 - this script's own literal
                case["scale_fn"] = opt["scale_fn"]
            p = torch.nn.Parameter(torch.zeros(1))
            if opt.get("adam"):
                optim = torch.optim.Adam([p], lr=lr)
                case["optimizer"] = "Adam"
            else:
                optim = torch.optim.SGD([p], lr=lr)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    if name == "SequentialLR":
                        subs = [getattr(lr_scheduler, n)(optim, **q) for n, q in kw["schedulers"]]
                        sched = lr_scheduler.SequentialLR(optim, subs, milestones=kw["milestones"])
                    else:
                        sched = getattr(lr_scheduler, name)(optim, **kw)
                    lr_vals, mom_vals = [], []

                    def read(optim=optim, key=key, lr_vals=lr_vals, mom_vals=mom_vals):
                        g = optim.param_groups[0]
                        lr_vals.append(float(g["lr"]))
                        if key == "both":
                            m = g["betas"][0] if "betas" in g else g["momentum"]
                            mom_vals.append(float(m))

                    if isinstance(steps, int):
                        case["stepping"] = "sequential"
                        case["steps"] = list(range(steps))
                        for _ in range(steps):
                            read()
                            optim.step()
                            sched.step()
                    elif opt.get("sparse"):
                        # A sequential run read at the listed steps only.
                        case["stepping"] = "sequential"
                        case["steps"] = list(steps)
                        wanted = set(steps)
                        for k in range(max(steps) + 1):
                            if k in wanted:
                                read()
                            optim.step()
                            sched.step()
                    else:
                        case["stepping"] = "epoch"
                        case["steps"] = [_num(s) for s in steps]
                        for s in steps:
                            optim.step()
                            sched.step(s)
                            read()
            except Exception as exc:  # noqa: BLE001 - the type and message are recorded
                if "raises" not in opt:
                    raise
                case["raises"] = _raises(exc, opt["raises"])
                case.pop("dtype")
                cases.append(case)
                break  # a refusal does not depend on the group's rate
            assert "raises" not in opt, (source, "did not raise")
            if key == "both":
                case["momentum"] = mom_vals
            case["values"] = lr_vals
            cases.append(case)
            if name == "OneCycleLR" or name == "CyclicLR":
                break  # these overwrite the optimizer's rate: one group is enough
    for source, params, metrics, lr in PLATEAU:
        p = torch.nn.Parameter(torch.zeros(1))
        optim = torch.optim.SGD([p], lr=lr)
        sched = lr_scheduler.ReduceLROnPlateau(optim, **params)
        values = []
        for m in metrics:
            optim.step()
            sched.step(m)
            values.append(float(optim.param_groups[0]["lr"]))
        cases.append({"library": "torch", "source": source, "name": "ReduceLROnPlateau",
                      "kind": "plateau", "params": dict(params, lr=lr),
                      "metrics": [float(m) for m in metrics], "values": values})
    return cases, {"torch": torch.__version__}


# ------------------------------------------------------------------ optax
def optax_cases():
    import jax

    jax.config.update("jax_enable_x64", True)
    import optax

    cases = []

    def run(source, name, params, steps, file=OPTAX_FILE, raises=None):
        kw = dict(params)
        if kw.get("boundaries_and_scales") is not None:
            kw["boundaries_and_scales"] = {int(k): v for k, v in kw["boundaries_and_scales"].items()}
        if name == "join_schedules":
            kw["schedules"] = [getattr(optax, n)(**q) for n, q in kw["schedules"]]
        case = {"library": "optax", "source": f"{file} : {source}", "name": name,
                "params": params}
        try:
            sched = getattr(optax, name)(**kw)
            # One int64 count at a time, as the tests call them (some are not vectorised).
            out = [float(np.asarray(sched(np.int64(s)), dtype=np.float64)) for s in steps]
        except Exception as exc:  # noqa: BLE001
            if not raises:
                raise
            case["raises"] = _raises(exc, raises)
            cases.append(case)
            return
        assert not raises, (source, "did not raise")
        case.update(dtype="float64", steps=[int(s) for s in steps],
                    values=[float(v) for v in out])
        cases.append(case)

    def r(n):
        return list(range(n))

    run("ConstantTest.test_constant", "constant_schedule", {"value": 10}, r(15))
    run("PolynomialTest.test_linear", "polynomial_schedule",
        {"init_value": 10.0, "end_value": 20.0, "power": 1, "transition_steps": 10}, r(15))
    for n in (-1, 0):
        run("PolynomialTest.test_zero_steps_schedule", "polynomial_schedule",
            {"init_value": 10.0, "end_value": 20.0, "power": 1, "transition_steps": n}, r(15))
    run("PolynomialTest.test_nonlinear", "polynomial_schedule",
        {"init_value": 25.0, "end_value": 10.0, "power": 2, "transition_steps": 10}, r(15))
    run("PolynomialTest.test_with_decay_begin", "polynomial_schedule",
        {"init_value": 30.0, "end_value": 10.0, "power": 2, "transition_steps": 10,
         "transition_begin": 4}, r(20))
    run("PiecewiseConstantTest.test_positive", "piecewise_constant_schedule",
        {"init_value": 0.1, "boundaries_and_scales": {"3": 2.0, "6": 0.5}}, r(10))
    run("PiecewiseConstantTest.test_negative", "piecewise_constant_schedule",
        {"init_value": -0.1, "boundaries_and_scales": {"3": 2.0, "6": 0.5}}, r(10))
    for staircase in (False, True):
        run("ExponentialTest.test_constant_schedule", "exponential_decay",
            {"init_value": 1.0, "transition_steps": 15, "decay_rate": 1.0,
             "staircase": staircase}, r(15))
        for ts in (-1, 0):
            run("ExponentialTest.test_nonvalid_transition_steps", "exponential_decay",
                {"init_value": 1.0, "transition_steps": ts, "decay_rate": 1.0,
                 "staircase": staircase}, r(15))
        run("ExponentialTest.test_nonvalid_decay_rate", "exponential_decay",
            {"init_value": 1.0, "transition_steps": 2, "decay_rate": 0.0,
             "staircase": staircase}, r(15))
        for begin in (0, 5):
            run("ExponentialTest.test_exponential", "exponential_decay",
                {"init_value": 1.0, "transition_steps": 2, "decay_rate": 2.0,
                 "transition_begin": begin, "staircase": staircase}, r(15 + begin))
        for rate, end in ((0.2, 0.1), (1.0, 0.1), (2.0, 3.0)):
            run("ExponentialTest.test_end_value_with_staircase", "exponential_decay",
                {"init_value": 1.0, "transition_steps": 2, "decay_rate": rate,
                 "transition_begin": 3, "staircase": staircase, "end_value": end}, r(14))
    run("ExponentialTest.test_immutable_count", "exponential_decay",
        {"init_value": 32.0, "transition_steps": 1, "decay_rate": 0.5}, r(5))
    run("CosineDecayTest.test_decay_count_smaller_count", "cosine_decay_schedule",
        {"init_value": 0.1, "decay_steps": 10, "alpha": 0.0}, r(10))
    run("CosineDecayTest.test_decay_count_greater_count", "cosine_decay_schedule",
        {"init_value": 0.1, "decay_steps": 5, "alpha": 0.0}, r(12))
    run("CosineDecayTest.test_decay_count_greater_count_with_alpha", "cosine_decay_schedule",
        {"init_value": 0.1, "decay_steps": 5, "alpha": 0.1}, r(12))
    run("CosineDecayTest.test_with_exponent", "cosine_decay_schedule",
        {"init_value": 0.1, "decay_steps": 100, "alpha": 0.0, "exponent": 2},
        [0, 10, 50, 75, 100])
    run("CosineDecayTest.test_with_giant_int_steps", "cosine_decay_schedule",
        {"init_value": 1000.0, "decay_steps": 10**10, "alpha": 0.0, "exponent": 1},
        [0, 10**9, 10**10, 2 * 10**10])
    for init, peak, end in ((10, 0.5, 1e-4), (5, 3, 0.0)):
        run("WarmupCosineDecayTest.test_limits", "warmup_cosine_decay_schedule",
            {"init_value": init, "peak_value": peak, "warmup_steps": 100, "decay_steps": 1000,
             "end_value": end}, [0, 50, 100, 500, 1000, 1200])
    run("WarmupCosineDecayTest.test_with_exponent", "warmup_cosine_decay_schedule",
        {"init_value": 0.2, "peak_value": 1.21, "end_value": -3.0, "warmup_steps": 50,
         "decay_steps": 100, "exponent": 2}, [0, 10, 50, 75, 100])
    run("WarmupCosineDecayTest.test_zero_peak_value", "warmup_cosine_decay_schedule",
        {"init_value": 0.2, "peak_value": 0, "end_value": -3.0, "warmup_steps": 50,
         "decay_steps": 100, "exponent": 2}, [0, 10, 50, 75, 100])
    for exponent in (1.0, 2.0):
        run("WarmupCosineDecayTest.test_monotonicity_and_exponent_ordering",
            "warmup_cosine_decay_schedule",
            {"init_value": 0.0, "peak_value": 1.0, "warmup_steps": 5, "decay_steps": 25,
             "end_value": 0.1, "exponent": exponent}, r(26))
    run("WarmupCosineDecayTest.test_raises_when_decay_equals_warmup",
        "warmup_cosine_decay_schedule",
        {"init_value": 0.2, "peak_value": 1.2, "warmup_steps": 10, "decay_steps": 10,
         "end_value": 0.0}, [0], raises="decay_steps")
    for lrs in ((1.6, 0.8, 0.4), (1.6, 1.6, 1.6)):
        kwargs = [{"decay_steps": int(s), "peak_value": v, "init_value": 0, "end_value": 0.0,
                   "warmup_steps": 500} for s, v in zip((2e3, 3e3, 5e3), lrs, strict=True)]
        run("SGDRTest.test_limits", "sgdr_schedule", {"cosine_kwargs": kwargs},
            [0, 250, 500, 1999, 2000, 2500, 4999, 5000, 5500, 9999, 10000, 10500])
    run("PiecewiseInterpolateTest.test_linear_piecewise", "piecewise_interpolate_schedule",
        {"interpolate_type": "linear", "init_value": 200.0,
         "boundaries_and_scales": {"5": 1.5, "10": 0.25}}, r(13))
    run("PiecewiseInterpolateTest.test_cos_piecewise", "piecewise_interpolate_schedule",
        {"interpolate_type": "cosine", "init_value": 400.0,
         "boundaries_and_scales": {"5": 1.2, "3": 0.6, "7": 1.0}}, r(9))
    run("PiecewiseInterpolateTest.test_empty_dict", "piecewise_interpolate_schedule",
        {"interpolate_type": "linear", "init_value": 13.0, "boundaries_and_scales": {}}, r(5))
    run("PiecewiseInterpolateTest.test_no_dict", "piecewise_interpolate_schedule",
        {"interpolate_type": "cosine", "init_value": 17.0}, r(3))
    for kind, scales in (("linar", None), ("", {"5": 3.0}), (None, {})):
        run("PiecewiseInterpolateTest.test_invalid_type", "piecewise_interpolate_schedule",
            {"interpolate_type": kind, "init_value": 13.0, "boundaries_and_scales": scales},
            [0], raises="interpolate_type")
    run("PiecewiseInterpolateTest.test_invalid_scale", "piecewise_interpolate_schedule",
        {"interpolate_type": "linear", "init_value": 13.0, "boundaries_and_scales": {"5": -3}},
        [0], raises="boundaries_and_scales")
    run("PiecewiseInterpolateTest.test_zero_interval_size", "piecewise_interpolate_schedule",
        {"interpolate_type": "linear", "init_value": 13.0,
         "boundaries_and_scales": {"0": 2.0, "5": 3.0}}, r(7))
    run("OneCycleTest.test_linear", "linear_onecycle_schedule",
        {"transition_steps": 10, "peak_value": 1000, "pct_start": 0.3, "pct_final": 0.7,
         "div_factor": 10.0, "final_div_factor": 100.0}, r(12))
    run("OneCycleTest.test_cosine", "cosine_onecycle_schedule",
        {"transition_steps": 5, "peak_value": 1000.0, "pct_start": 0.4, "div_factor": 10.0,
         "final_div_factor": 100.0}, r(7))
    for name in ("cosine_onecycle_schedule", "linear_onecycle_schedule"):
        run("OneCycleTest.test_nonpositive_transition_steps", name,
            {"transition_steps": 0, "peak_value": 5.0}, [0], raises="transition_steps")
    run("JoinTest.test_join_schedules", "join_schedules",
        {"schedules": [["constant_schedule", {"value": 1.0}],
                       ["constant_schedule", {"value": 2.0}],
                       ["constant_schedule", {"value": 1.0}]], "boundaries": [3, 6]},
        r(8), file=OPTAX_JOIN)
    run("InjectHyperparamsTest.test_updates", "piecewise_constant_schedule",
        {"init_value": 3.0, "boundaries_and_scales": {"1": 5, "7": 2, "12": 1.5}}, r(16),
        file=OPTAX_INJECT)
    run("InjectHyperparamsTest.test_hyperparams_state", "piecewise_constant_schedule",
        {"init_value": 0.8, "boundaries_and_scales": {"3": 0.5, "9": 1.25}}, r(13),
        file=OPTAX_INJECT)
    run("StatefulTest.test_wrap_stateless_schedule", "linear_schedule",
        {"init_value": 1.0, "end_value": 1.0, "transition_steps": 10}, r(8), file=OPTAX_INJECT)
    return cases, {"optax": optax.__version__, "jax": jax.__version__}


# ------------------------------------------------------------------ TensorFlow
def tf_cases():
    import tensorflow as tf
    from tensorflow.python.framework import constant_op as _real_constant_op
    from tensorflow.python.keras.optimizer_v2 import learning_rate_schedule as lrs

    v1 = tf.compat.v1.train
    cases = []

    class _PiShim:
        """constant_op stand-in: math.pi becomes a float64 tensor (float64 runs only)."""

        def __getattr__(self, item):
            return getattr(_real_constant_op, item)

        @staticmethod
        def constant(value, *args, **kwargs):
            if value == math.pi and not args and not kwargs:
                return _real_constant_op.constant(value, dtype=tf.float64)
            return _real_constant_op.constant(value, *args, **kwargs)

    floats = ("learning_rate", "decay_rate", "end_learning_rate", "power", "alpha", "beta",
              "t_mul", "m_mul", "num_periods", "initial_variance", "variance_decay")

    def call(name, params, step, dtype):
        kw = dict(params)
        if dtype == "float64":
            # Defaults too: a Python-float default (end_learning_rate=0.0001, beta=0.001)
            # would reach float64 through float32.
            kw = {**_float_defaults(getattr(v1, name), floats), **kw}
            kw = {k: (tf.constant(v, tf.float64) if k in floats else v) for k, v in kw.items()}
            if name == "piecewise_constant":
                kw["boundaries"] = [tf.constant(b, tf.float64) for b in params["boundaries"]]
                kw["values"] = [tf.constant(v, tf.float64) for v in params["values"]]
            gs = tf.constant(float(step), tf.float64)
        else:
            gs = tf.Variable(step) if not isinstance(step, tf.Variable) else step
        fn = getattr(v1, name)
        out = fn(gs, **kw) if name == "piecewise_constant" else fn(global_step=gs, **kw)
        out = out() if callable(out) else out
        return out

    def run(source, name, params, steps, raises=None, step_dtype=None):
        # A refusal is recorded as the test file calls the function (float32).
        for dtype in ("float32",) if raises else ("float64", "float32"):
            case = {"library": "tf", "source": f"{TF_FILE} : {source}", "name": name,
                    "params": params, "dtype": dtype}
            real = lrs.constant_op
            if dtype == "float64":
                lrs.constant_op = _PiShim()
            try:
                vals = []
                for s in steps:
                    if step_dtype is not None and dtype == "float32":
                        s = tf.Variable(s, dtype=step_dtype)
                    out = call(name, params, s, dtype)
                    vals.append(float(np.asarray(out)))
                    case["out_dtype"] = out.dtype.name
            except Exception as exc:  # noqa: BLE001
                if not raises:
                    raise
                case["raises"] = _raises(exc, raises)
                case.pop("dtype")
                case["step_dtype"] = getattr(step_dtype, "name", step_dtype)
                cases.append(case)
                continue
            finally:
                lrs.constant_op = real
            assert not raises, (source, "did not raise")
            case.update(steps=[_num(s) for s in steps], values=vals)
            cases.append(case)

    run("LRDecayTest.testContinuous", "exponential_decay",
        {"learning_rate": 0.05, "decay_steps": 10, "decay_rate": 0.96}, [5])
    run("LRDecayTest.testStaircase / LRDecayTest.testVariables", "exponential_decay",
        {"learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.96, "staircase": True},
        [1, 2, 100])
    run("LRDecayTest.testPiecewiseConstant", "piecewise_constant",
        {"boundaries": [100, 110, 120], "values": [1.0, 0.1, 0.01, 0.001]},
        [-999, 100, 105, 110, 120, 999])
    run("LRDecayTest.testPiecewiseConstantEdgeCases", "piecewise_constant",
        {"boundaries": [1, 2, 3], "values": [0.4, 0.5, 0.6, 0.7]}, [0, 1, 2, 3, 4],
        step_dtype=tf.int64)
    # The first edge case mixes float boundaries with an int32 step (a dtype clash
    # of TF tensors, not of the configuration); the second mixes int and float values.
    run("LRDecayTest.testPiecewiseConstantEdgeCases", "piecewise_constant",
        {"boundaries": [-1.0, 1.0], "values": [1.0, 2, 3]}, [0], raises="values",
        step_dtype=tf.float32)
    for src, p in (("testHalfWay", {"end_learning_rate": 0.0}),
                   ("testEnd", {"end_learning_rate": 0.001}),
                   ("testHalfWayWithEnd", {"end_learning_rate": 0.001}),
                   ("testBeyondEnd", {"end_learning_rate": 0.001}),
                   ("testBeyondEndWithCycle", {"end_learning_rate": 0.001, "cycle": True})):
        for cls, power in (("LinearDecayTest", {}), ("SqrtDecayTest", {"power": 0.5})):
            step = {"testHalfWay": 5, "testEnd": 10, "testHalfWayWithEnd": 5, "testBeyondEnd": 15,
                    "testBeyondEndWithCycle": 15}[src]
            run(f"{cls}.{src}", "polynomial_decay",
                {"learning_rate": 0.05, "decay_steps": 10, **p, **power}, [step])
    run("PolynomialDecayTest.testBeginWithCycle", "polynomial_decay",
        {"learning_rate": 0.001, "decay_steps": 10, "cycle": True}, [0, 5, 10, 11])
    for staircase in (False, True):
        src = "testStaircase" if staircase else "testDecay"
        run(f"ExponentialDecayTest.{src}", "natural_exp_decay",
            {"learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.96,
             "staircase": staircase}, list(range(11)))
        run(f"InverseDecayTest.{src}", "inverse_time_decay",
            {"learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.96,
             "staircase": staircase}, list(range(11)))
    grid = list(range(0, 1500, 250))
    run("CosineDecayTest.testDecay", "cosine_decay", {"learning_rate": 1.0, "decay_steps": 1000},
        grid)
    run("CosineDecayTest.testAlpha", "cosine_decay",
        {"learning_rate": 1.0, "decay_steps": 1000, "alpha": 0.1}, grid)
    for src, p in (("testDecay", {}), ("testAlpha", {"alpha": 0.1}), ("testMMul", {"m_mul": 0.9}),
                   ("testTMul", {"t_mul": 1.0})):
        run(f"CosineDecayRestartsTest.{src}", "cosine_decay_restarts",
            {"learning_rate": 1.0, "first_decay_steps": 1000, **p}, grid)
    run("LinearCosineDecayTest.testDefaultDecay", "linear_cosine_decay",
        {"learning_rate": 1.0, "decay_steps": 1000}, grid)
    run("LinearCosineDecayTest.testNonDefaultDecay", "linear_cosine_decay",
        {"learning_rate": 1.0, "decay_steps": 1000, "alpha": 0.1, "beta": 1e-4, "num_periods": 5},
        grid)
    # Noisy: the tests only evaluate it. Record the draws' mean and spread per step.
    for src, p in (("testDefaultNoisyLinearCosine", {}),
                   ("testNonDefaultNoisyLinearCosine",
                    {"initial_variance": 0.5, "variance_decay": 0.1, "alpha": 0.1, "beta": 1e-4,
                     "num_periods": 5})):
        params = {"learning_rate": 1.0, "decay_steps": 1000, **p}
        n = 400
        tf.random.set_seed(1234)
        mean, std = [], []
        for s in grid:
            draws = [float(np.asarray(call("noisy_linear_cosine_decay", params, s, "float32")))
                     for _ in range(n)]
            mean.append(float(np.mean(draws)))
            std.append(float(np.std(draws)))
        cases.append({"library": "tf", "source": f"{TF_FILE} : NoisyLinearCosineDecayTest.{src}",
                      "name": "noisy_linear_cosine_decay", "kind": "samples", "params": params,
                      "steps": grid, "draws": n, "mean": mean, "std": std})
    return cases, {"tensorflow": tf.__version__}


# ------------------------------------------------------------------ Keras
def keras_cases():
    import keras

    S = keras.optimizers.schedules
    cases = []
    floats = ("initial_learning_rate", "decay_rate", "end_learning_rate", "power", "alpha",
              "t_mul", "m_mul", "warmup_target")

    def run(source, name, params, steps, raises=None, step_dtype=None):
        for dtype in ("float32",) if raises else ("float64", "float32"):
            keras.config.set_floatx(dtype)
            case = {"library": "keras", "source": f"{KERAS_FILE} : {source}", "name": name,
                    "params": params, "dtype": dtype}
            kw = dict(params)
            if dtype == "float64":
                kw = {**_float_defaults(getattr(S, name).__init__, floats), **kw}
                kw = {k: (np.float64(v) if k in floats else v) for k, v in kw.items()}
                if name == "PiecewiseConstantDecay":
                    kw["boundaries"] = [np.float64(b) for b in params["boundaries"]]
                    kw["values"] = [np.float64(v) for v in params["values"]]
            try:
                sched = getattr(S, name)(**kw)
                vals = []
                for s in steps:
                    if dtype == "float64":
                        arg = np.float64(s)
                    elif step_dtype is not None:
                        arg = keras.Variable(s, dtype=step_dtype, trainable=False)
                    else:
                        arg = s
                    out = sched(arg)
                    vals.append(float(np.asarray(out)))
                    case["out_dtype"] = str(np.asarray(out).dtype)
            except Exception as exc:  # noqa: BLE001
                if not raises:
                    raise
                case["raises"] = _raises(exc, raises)
                case.pop("dtype")
                cases.append(case)
                continue
            assert not raises, (source, "did not raise")
            case.update(steps=[_num(s) for s in steps], values=vals)
            cases.append(case)
        keras.config.set_floatx("float32")

    run("TestFitLRSchedulesFlow.test_fit_lr_correctness", "ExponentialDecay",
        {"initial_learning_rate": 0.05, "decay_steps": 1, "decay_rate": 0.9}, list(range(13)))
    run("ExponentialDecayTest.test_config", "ExponentialDecay",
        {"initial_learning_rate": 0.05, "decay_steps": 10, "decay_rate": 0.96, "staircase": True,
         "name": "my_ed"}, [0, 5, 9, 10, 11, 25, 100])
    run("ExponentialDecayTest.test_continuous", "ExponentialDecay",
        {"initial_learning_rate": 0.05, "decay_steps": 10, "decay_rate": 0.96}, [5])
    run("ExponentialDecayTest.test_staircase / test_variables", "ExponentialDecay",
        {"initial_learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.96, "staircase": True},
        [1, 2, 100])
    run("PiecewiseConstantDecayTest.test_config", "PiecewiseConstantDecay",
        {"boundaries": [10, 20], "values": [1, 2, 3], "name": "my_pcd"}, [0, 10, 11, 20, 21, 30])
    run("PiecewiseConstantDecayTest.test_piecewise_values", "PiecewiseConstantDecay",
        {"boundaries": [100, 110, 120], "values": [1.0, 0.1, 0.01, 0.001]},
        [-999, 100, 105, 110, 120, 999])
    run("PiecewiseConstantDecayTest.test_boundary_values", "PiecewiseConstantDecay",
        {"boundaries": [1, 2, 3], "values": [0.4, 0.5, 0.6, 0.7]}, [0, 1, 2, 3, 4],
        step_dtype="int64")
    run("LinearDecayTest.test_config", "PolynomialDecay",
        {"initial_learning_rate": 0.1, "decay_steps": 100, "end_learning_rate": 0.005,
         "power": 1.0, "cycle": False, "name": "my_ld"}, [0, 50, 100, 150])
    for src, p, step in (("test_halfway", {"end_learning_rate": 0.0}, 5),
                         ("test_end", {"end_learning_rate": 0.001}, 10),
                         ("test_halfway_with_end", {"end_learning_rate": 0.001}, 5),
                         ("test_beyond_end", {"end_learning_rate": 0.001}, 15),
                         ("test_beyond_end_with_cycle",
                          {"end_learning_rate": 0.001, "cycle": True}, 15)):
        for cls, power in (("LinearDecayTest", {}), ("SqrtDecayTest", {"power": 0.5})):
            run(f"{cls}.{src}", "PolynomialDecay",
                {"initial_learning_rate": 0.05, "decay_steps": 10, **p, **power}, [step])
    run("SqrtDecayTest.test_begin_with_cycle", "PolynomialDecay",
        {"initial_learning_rate": 0.001, "decay_steps": 10, "cycle": True}, [0, 5, 10, 11])
    run("InverseTimeDecayTest.test_config", "InverseTimeDecay",
        {"initial_learning_rate": 0.05, "decay_steps": 10, "decay_rate": 0.96, "staircase": True,
         "name": "my_itd"}, [0, 9, 10, 25])
    for staircase in (False, True):
        run("InverseTimeDecayTest.test_" + ("staircase" if staircase else "decay"),
            "InverseTimeDecay",
            {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.96,
             "staircase": staircase}, list(range(11)))
    grid = list(range(0, 1500, 250))
    run("CosineDecayTest.test_config", "CosineDecay",
        {"initial_learning_rate": 0.05, "decay_steps": 10, "alpha": 0.1, "warmup_target": 0.2,
         "warmup_steps": 2, "name": "my_cd"}, list(range(15)))
    run("CosineDecayTest.test_decay / test_float64", "CosineDecay",
        {"initial_learning_rate": 1.0, "decay_steps": 1000}, grid)
    run("CosineDecayTest.test_warmup", "CosineDecay",
        {"initial_learning_rate": 0.0, "decay_steps": 10, "warmup_target": 10.0,
         "warmup_steps": 1500}, grid + [1500, 1505, 1510, 1600])
    run("CosineDecayTest.test_alpha", "CosineDecay",
        {"initial_learning_rate": 1.0, "decay_steps": 1000, "alpha": 0.1}, grid)
    run("CosineDecayTest.test_warmup_decay", "CosineDecay",
        {"initial_learning_rate": 0.0, "decay_steps": 1000, "warmup_target": 10.0,
         "warmup_steps": 2000}, list(range(0, 3000, 250)))
    run("CosineDecayRestartsTest.test_config", "CosineDecayRestarts",
        {"initial_learning_rate": 0.05, "first_decay_steps": 10, "alpha": 0.1, "t_mul": 3.0,
         "m_mul": 4.0, "name": "my_cdr"}, list(range(0, 45)))
    for src, p in (("test_decay / test_float64", {}), ("test_alpha", {"alpha": 0.1}),
                   ("test_mmul", {"m_mul": 0.9}), ("test_tmul", {"t_mul": 1.0})):
        run(f"CosineDecayRestartsTest.{src}", "CosineDecayRestarts",
            {"initial_learning_rate": 1.0, "first_decay_steps": 1000, **p}, grid)

    cases.extend(keras_plateau_cases(keras))
    return cases, {"keras": keras.__version__}


def keras_plateau_cases(keras):
    """The ReduceLROnPlateau tests: the same fit, seeded, in float64; record the metric."""
    from keras.src.testing import test_utils
    from keras.src.utils import numerical_utils

    keras.config.set_floatx("float64")
    out = []
    tests = [
        ("test_reduces_lr_with_model_fit",
         dict(patience=1, factor=0.1, monitor="val_loss", min_delta=100), 2),
        ("test_verbose_logging",
         dict(patience=1, factor=0.1, monitor="val_loss", min_delta=100, verbose=1), 2),
        ("test_honors_min_lr",
         dict(patience=1, factor=0.1, monitor="val_loss", min_delta=10, min_lr=0.005), 4),
        ("test_cooldown",
         dict(patience=1, factor=0.1, monitor="val_loss", min_delta=100, cooldown=2), 4),
        ("test_state_reset_across_fit_calls",
         dict(patience=1, factor=0.1, monitor="loss", min_delta=0, cooldown=2), 4),
    ]
    for source, params, epochs in tests:
        keras.utils.set_random_seed(0)
        (x_train, y_train), (x_test, y_test) = test_utils.get_test_data(
            train_samples=10, test_samples=10, input_shape=(3,), num_classes=2)
        y_test = numerical_utils.to_categorical(y_test)
        y_train = numerical_utils.to_categorical(y_train)
        model = keras.Sequential([keras.layers.Dense(5), keras.layers.Dense(2)])
        model.compile(loss="mse", optimizer=keras.optimizers.Adam(0.1))
        seen, lrs = [], []

        class Record(keras.callbacks.Callback):
            def on_epoch_end(self, epoch, logs=None, seen=seen, lrs=lrs, key=params["monitor"]):
                seen.append(float(logs[key]))
                lrs.append(float(np.asarray(self.model.optimizer.learning_rate)))

        reduce_lr = keras.callbacks.ReduceLROnPlateau(**params)
        model.fit(x_train, y_train, validation_data=(x_test, y_test), epochs=epochs,
                  callbacks=[reduce_lr, Record()], verbose=0)
        out.append({"library": "keras", "source": f"{KERAS_PLATEAU} : ReduceLROnPlateauTest."
                    f"{source}", "name": "ReduceLROnPlateau", "kind": "plateau",
                    "params": dict(params, lr=0.1), "metrics": seen, "values": lrs})
    # factor >= 1 is refused by the callback's constructor (reduce_lr_on_plateau.py).
    try:
        keras.callbacks.ReduceLROnPlateau(factor=1.0)
    except ValueError as exc:
        out.append({"library": "keras", "source": f"{KERAS_PLATEAU} (constructor check)",
                    "name": "ReduceLROnPlateau", "kind": "plateau",
                    "params": {"factor": 1.0, "lr": 0.1}, "raises": _raises(exc, "factor")})
    keras.config.set_floatx("float32")
    return out



# ------------------------------------------------------------------ the sweep
# For every translated schedule, one valid base configuration; each of its
# parameters in turn gets invalid values (NaN, negative, zero, wrong type).
# The framework either refuses the value (recorded: the exception) or accepts
# it (recorded: its values at SWEEP_STEPS, NaN kept as NaN). compat must then
# refuse it naming the framework's argument, or give the framework's values.
SWEEP_OUT = OUT.with_name("compat_sweep_reference.json")
SWEEP_STEPS = [0, 1, 2, 3, 5, 8, 13, 21]
SWEEP_METRICS = [1.0, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8]
NAN = float("nan")
BAD = {
    "real": [NAN, -1.0, 0.0, "x"],
    "int": [NAN, -1, 0, 2.5, "x"],
    "bool": ["x", 2, None],
    "choice": ["CATS", None, 1],
    "list": [[], [-1], [NAN], "x"],
    "dict": [{"-1": 0.5}, {"5": NAN}, "x"],
    "callable": ["x"],
}
R, N, B, C, L, D, F = "real", "int", "bool", "choice", "list", "dict", "callable"
# Values that only make sense for one parameter (lists that TF/Keras treat in their own way).
SWEEP_EXTRA = {
    (lib, name, "boundaries"): [[-1, 10], [-3, 0], [5, 5], [10, 5], [5, 10.0]]
    for lib, name in (("tf", "piecewise_constant"), ("keras", "PiecewiseConstantDecay"))
} | {
    (lib, name, "values"): [[0.1, 0.05, 1], [1, 2, 3]]
    for lib, name in (("tf", "piecewise_constant"), ("keras", "PiecewiseConstantDecay"))
}
SWEEP_BASES = {
    "torch": {
        "StepLR": ({"step_size": 3, "gamma": 0.5}, {"lr": R, "step_size": N, "gamma": R}),
        "MultiStepLR": ({"milestones": [3, 6], "gamma": 0.5},
                        {"lr": R, "milestones": L, "gamma": R}),
        "ExponentialLR": ({"gamma": 0.9}, {"lr": R, "gamma": R}),
        "CosineAnnealingLR": ({"T_max": 10, "eta_min": 0.01},
                              {"lr": R, "T_max": N, "eta_min": R}),
        "CosineAnnealingWarmRestarts": ({"T_0": 4, "T_mult": 2, "eta_min": 0.01},
                                        {"lr": R, "T_0": N, "T_mult": N, "eta_min": R}),
        "CyclicLR": ({"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4, "step_size_down": 2,
                      "mode": "triangular2", "gamma": 1.0, "scale_mode": "cycle",
                      "cycle_momentum": True, "base_momentum": 0.8, "max_momentum": 0.9},
                     {"base_lr": R, "max_lr": R, "step_size_up": N, "step_size_down": N,
                      "mode": C, "gamma": R, "scale_fn": F, "cycle_momentum": B,
                      "base_momentum": R, "max_momentum": R}),
        "OneCycleLR": ({"max_lr": 0.1, "total_steps": 20, "pct_start": 0.3,
                        "anneal_strategy": "cos", "div_factor": 25.0, "final_div_factor": 1e4,
                        "three_phase": False, "base_momentum": 0.85, "max_momentum": 0.95},
                       {"max_lr": R, "total_steps": N, "pct_start": R, "anneal_strategy": C,
                        "div_factor": R, "final_div_factor": R, "three_phase": B,
                        "base_momentum": R, "max_momentum": R, "epochs": N}),
        "LinearLR": ({"start_factor": 0.25, "end_factor": 1.0, "total_iters": 4},
                     {"lr": R, "start_factor": R, "end_factor": R, "total_iters": N}),
        "ConstantLR": ({"factor": 0.5, "total_iters": 4},
                       {"lr": R, "factor": R, "total_iters": N}),
        "PolynomialLR": ({"total_iters": 8, "power": 2.0},
                         {"lr": R, "total_iters": N, "power": R}),
        "LambdaLR": ({}, {"lr": R, "lr_lambda": F}),
        "SequentialLR": ({"schedulers": [["ConstantLR", {"factor": 0.5, "total_iters": 2}],
                                         ["ExponentialLR", {"gamma": 0.9}]],
                          "milestones": [3]}, {"lr": R, "milestones": L}),
        "ReduceLROnPlateau": ({"mode": "min", "factor": 0.5, "patience": 1, "threshold": 1e-4,
                               "threshold_mode": "rel", "cooldown": 1, "min_lr": 0.0,
                               "eps": 1e-8},
                              {"lr": R, "mode": C, "factor": R, "patience": N, "threshold": R,
                               "threshold_mode": C, "cooldown": N, "min_lr": R, "eps": R}),
    },
    "optax": {
        "constant_schedule": ({"value": 0.1}, {"value": R}),
        "exponential_decay": ({"init_value": 0.1, "transition_steps": 4, "decay_rate": 0.5,
                               "transition_begin": 2, "staircase": False, "end_value": 0.01},
                              {"init_value": R, "transition_steps": N, "decay_rate": R,
                               "transition_begin": N, "staircase": B, "end_value": R}),
        "piecewise_constant_schedule": ({"init_value": 0.1,
                                         "boundaries_and_scales": {"5": 0.5, "10": 0.2}},
                                        {"init_value": R, "boundaries_and_scales": D}),
        "polynomial_schedule": ({"init_value": 0.1, "end_value": 0.01, "power": 2,
                                 "transition_steps": 10, "transition_begin": 2},
                                {"init_value": R, "end_value": R, "power": R,
                                 "transition_steps": N, "transition_begin": N}),
        "linear_schedule": ({"init_value": 0.1, "end_value": 0.01, "transition_steps": 10,
                             "transition_begin": 2},
                            {"init_value": R, "end_value": R, "transition_steps": N,
                             "transition_begin": N}),
        "cosine_decay_schedule": ({"init_value": 0.1, "decay_steps": 10, "alpha": 0.1,
                                   "exponent": 1.0},
                                  {"init_value": R, "decay_steps": N, "alpha": R,
                                   "exponent": R}),
        "warmup_cosine_decay_schedule": ({"init_value": 0.0, "peak_value": 0.1,
                                          "warmup_steps": 4, "decay_steps": 20,
                                          "end_value": 0.01, "exponent": 1.0},
                                         {"init_value": R, "peak_value": R, "warmup_steps": N,
                                          "decay_steps": N, "end_value": R, "exponent": R}),
        "warmup_exponential_decay_schedule": ({"init_value": 0.0, "peak_value": 0.1,
                                               "warmup_steps": 4, "transition_steps": 5,
                                               "decay_rate": 0.5, "transition_begin": 0,
                                               "staircase": False, "end_value": 0.001},
                                              {"init_value": R, "peak_value": R,
                                               "warmup_steps": N, "transition_steps": N,
                                               "decay_rate": R, "transition_begin": N,
                                               "staircase": B, "end_value": R}),
        "warmup_constant_schedule": ({"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 4},
                                     {"init_value": R, "peak_value": R, "warmup_steps": N}),
        "piecewise_interpolate_schedule": ({"interpolate_type": "linear", "init_value": 0.1,
                                            "boundaries_and_scales": {"5": 0.5, "10": 0.2}},
                                           {"interpolate_type": C, "init_value": R,
                                            "boundaries_and_scales": D}),
        "linear_onecycle_schedule": ({"transition_steps": 20, "peak_value": 0.1,
                                      "pct_start": 0.3, "pct_final": 0.85, "div_factor": 25.0,
                                      "final_div_factor": 1e4},
                                     {"transition_steps": N, "peak_value": R, "pct_start": R,
                                      "pct_final": R, "div_factor": R, "final_div_factor": R}),
        "cosine_onecycle_schedule": ({"transition_steps": 20, "peak_value": 0.1,
                                      "pct_start": 0.3, "div_factor": 25.0,
                                      "final_div_factor": 1e4},
                                     {"transition_steps": N, "peak_value": R, "pct_start": R,
                                      "div_factor": R, "final_div_factor": R}),
        "join_schedules": ({"schedules": [["constant_schedule", {"value": 0.1}],
                                          ["constant_schedule", {"value": 0.01}]],
                            "boundaries": [5]}, {"boundaries": L}),
        "sgdr_schedule": ({"cosine_kwargs": [
            {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 2, "decay_steps": 8},
            {"init_value": 0.0, "peak_value": 0.05, "warmup_steps": 2, "decay_steps": 8}]},
            {"cosine_kwargs": L}),
    },
    "keras": {
        "ExponentialDecay": ({"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5,
                              "staircase": False},
                             {"initial_learning_rate": R, "decay_steps": N, "decay_rate": R,
                              "staircase": B}),
        "PiecewiseConstantDecay": ({"boundaries": [5, 10], "values": [0.1, 0.05, 0.01]},
                                   {"boundaries": L, "values": L}),
        "InverseTimeDecay": ({"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5,
                              "staircase": False},
                             {"initial_learning_rate": R, "decay_steps": N, "decay_rate": R,
                              "staircase": B}),
        "PolynomialDecay": ({"initial_learning_rate": 0.1, "decay_steps": 10,
                             "end_learning_rate": 0.01, "power": 2.0, "cycle": False},
                            {"initial_learning_rate": R, "decay_steps": N,
                             "end_learning_rate": R, "power": R, "cycle": B}),
        "CosineDecay": ({"initial_learning_rate": 0.1, "decay_steps": 10, "alpha": 0.1,
                         "warmup_target": 0.5, "warmup_steps": 4},
                        {"initial_learning_rate": R, "decay_steps": N, "alpha": R,
                         "warmup_target": R, "warmup_steps": N}),
        "CosineDecayRestarts": ({"initial_learning_rate": 0.1, "first_decay_steps": 4,
                                 "t_mul": 2.0, "m_mul": 0.5, "alpha": 0.1},
                                {"initial_learning_rate": R, "first_decay_steps": N,
                                 "t_mul": R, "m_mul": R, "alpha": R}),
        "ReduceLROnPlateau": ({"monitor": "val_loss", "factor": 0.5, "patience": 1,
                               "mode": "min", "min_delta": 1e-4, "cooldown": 1, "min_lr": 0.0},
                              {"lr": R, "factor": R, "patience": N, "mode": C, "min_delta": R,
                               "cooldown": N, "min_lr": R}),
    },
    "tf": {
        "exponential_decay": ({"learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5,
                               "staircase": False},
                              {"learning_rate": R, "decay_steps": N, "decay_rate": R,
                               "staircase": B}),
        "piecewise_constant": ({"boundaries": [5, 10], "values": [0.1, 0.05, 0.01]},
                               {"boundaries": L, "values": L}),
        "natural_exp_decay": ({"learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5,
                               "staircase": False},
                              {"learning_rate": R, "decay_steps": N, "decay_rate": R,
                               "staircase": B}),
        "inverse_time_decay": ({"learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5,
                                "staircase": False},
                               {"learning_rate": R, "decay_steps": N, "decay_rate": R,
                                "staircase": B}),
        "polynomial_decay": ({"learning_rate": 0.1, "decay_steps": 10,
                              "end_learning_rate": 0.01, "power": 2.0, "cycle": False},
                             {"learning_rate": R, "decay_steps": N, "end_learning_rate": R,
                              "power": R, "cycle": B}),
        "cosine_decay": ({"learning_rate": 0.1, "decay_steps": 10, "alpha": 0.1},
                         {"learning_rate": R, "decay_steps": N, "alpha": R}),
        "cosine_decay_restarts": ({"learning_rate": 0.1, "first_decay_steps": 4, "t_mul": 2.0,
                                   "m_mul": 0.5, "alpha": 0.1},
                                  {"learning_rate": R, "first_decay_steps": N, "t_mul": R,
                                   "m_mul": R, "alpha": R}),
        "linear_cosine_decay": ({"learning_rate": 0.1, "decay_steps": 10, "num_periods": 0.5,
                                 "alpha": 0.1, "beta": 0.001},
                                {"learning_rate": R, "decay_steps": N, "num_periods": R,
                                 "alpha": R, "beta": R}),
        "noisy_linear_cosine_decay": ({"learning_rate": 0.1, "decay_steps": 10,
                                       "initial_variance": 0.0, "variance_decay": 0.55,
                                       "num_periods": 0.5, "alpha": 0.1, "beta": 0.001},
                                      {"learning_rate": R, "decay_steps": N,
                                       "variance_decay": R, "num_periods": R, "alpha": R,
                                       "beta": R}),
    },
}


def _optax_value(param, value):
    if param == "boundaries_and_scales" and isinstance(value, dict):
        return {int(k): v for k, v in value.items()}
    return value


def sweep_entries(lib, evaluate):
    """Run ``evaluate(name, params)`` for every base and every bad value of every parameter."""
    out = []
    for name, (base, kinds) in SWEEP_BASES[lib].items():
        for param, kind in kinds.items():
            for bad in BAD[kind] + SWEEP_EXTRA.get((lib, name, param), []):
                entry = {"library": lib, "name": name, "param": param, "value": bad}
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        values = evaluate(name, dict(base), param, bad)
                    entry["values"] = [float(v) for v in values]
                except Exception as exc:  # noqa: BLE001 - the type and message are recorded
                    entry["raises"] = {"type": type(exc).__name__, "message": str(exc)[:120]}
                out.append(entry)
    return out


def torch_sweep():
    import torch
    from torch.optim import lr_scheduler

    def evaluate(name, params, param, bad):
        lr = 0.1
        if param == "lr":
            lr = bad
        else:
            params[param] = bad
        if name == "LambdaLR" and param != "lr_lambda":
            params["lr_lambda"] = lambda e: 0.9**e
        p = torch.nn.Parameter(torch.zeros(1))
        optim = torch.optim.SGD([p], lr=lr, momentum=0.9)
        if name == "ReduceLROnPlateau":
            sched = lr_scheduler.ReduceLROnPlateau(optim, **params)
            out = []
            for m in SWEEP_METRICS:
                optim.step()
                sched.step(m)
                out.append(optim.param_groups[0]["lr"])
            return out
        if name == "SequentialLR":
            subs = [getattr(lr_scheduler, n)(optim, **q) for n, q in params["schedulers"]]
            sched = lr_scheduler.SequentialLR(optim, subs, milestones=params["milestones"])
        else:
            sched = getattr(lr_scheduler, name)(optim, **params)
        out = []
        for k in range(max(SWEEP_STEPS) + 1):
            if k in SWEEP_STEPS:
                out.append(float(optim.param_groups[0]["lr"]))
            if name == "OneCycleLR" and k + 1 >= params["total_steps"]:
                break  # PyTorch raises when stepped past total_steps
            optim.step()
            sched.step()
        return out

    entries = []
    for e in sweep_entries("torch", evaluate):
        entries.append(e)
    return entries


def optax_sweep():
    import jax

    jax.config.update("jax_enable_x64", True)
    import optax

    def evaluate(name, params, param, bad):
        params[param] = _optax_value(param, bad)
        if params.get("boundaries_and_scales") is not None and param != "boundaries_and_scales":
            params["boundaries_and_scales"] = _optax_value(
                "boundaries_and_scales", params["boundaries_and_scales"])
        if name == "join_schedules":
            params["schedules"] = [getattr(optax, n)(**q) for n, q in params["schedules"]]
        sched = getattr(optax, name)(**params)
        return [float(np.asarray(sched(np.int64(s)), dtype=np.float64)) for s in SWEEP_STEPS]

    return sweep_entries("optax", evaluate)


def tf_sweep():
    import tensorflow as tf
    from tensorflow.python.framework import constant_op as _real_constant_op
    from tensorflow.python.keras.optimizer_v2 import learning_rate_schedule as lrs

    floats = ("learning_rate", "decay_rate", "end_learning_rate", "power", "alpha", "beta",
              "t_mul", "m_mul", "num_periods", "initial_variance", "variance_decay")

    class _PiShim:
        def __getattr__(self, item):
            return getattr(_real_constant_op, item)

        @staticmethod
        def constant(value, *args, **kwargs):
            if value == math.pi and not args and not kwargs:
                return _real_constant_op.constant(value, dtype=tf.float64)
            return _real_constant_op.constant(value, *args, **kwargs)

    def f64(v):
        return tf.constant(v, tf.float64) if isinstance(v, int | float) and not isinstance(
            v, bool) else v

    from tensorflow.python.ops import random_ops as _real_random_ops

    class _RandomShim:
        """random_ops stand-in: the normal draw takes the dtype of its stddev."""

        def __getattr__(self, item):
            return getattr(_real_random_ops, item)

        @staticmethod
        def random_normal(shape, stddev, **kwargs):
            return _real_random_ops.random_normal(shape, stddev=stddev, dtype=stddev.dtype,
                                                  **kwargs)

    def evaluate(name, params, param, bad):
        params[param] = bad
        kw = {k: (f64(v) if k in floats else v) for k, v in params.items()}
        if name == "piecewise_constant":
            # Floats as float64 tensors, ints as the user types them (a mix stays a mix).
            kw = {k: ([tf.constant(x, tf.float64) if isinstance(x, float) else x for x in v]
                      if isinstance(v, list) else v) for k, v in params.items()}
        fn = getattr(tf.compat.v1.train, name)
        real, real_random = lrs.constant_op, lrs.random_ops
        lrs.constant_op, lrs.random_ops = _PiShim(), _RandomShim()
        try:
            out = []
            for s in SWEEP_STEPS:
                gs = tf.constant(float(s), tf.float64)
                if name == "piecewise_constant":
                    # The step in the boundaries' own dtype (TF demands the same dtype).
                    ints = isinstance(params["boundaries"], list) and all(
                        isinstance(x, int) for x in params["boundaries"])
                    gs = tf.constant(s, tf.int32) if ints else tf.constant(float(s), tf.float64)
                    r = fn(gs, **kw)
                else:
                    r = fn(global_step=gs, **kw)
                r = r() if callable(r) else r
                out.append(float(np.asarray(r)))
            return out
        finally:
            lrs.constant_op, lrs.random_ops = real, real_random

    return sweep_entries("tf", evaluate)


def keras_sweep():
    import keras

    keras.config.set_floatx("float64")
    floats = ("initial_learning_rate", "decay_rate", "end_learning_rate", "power", "alpha",
              "t_mul", "m_mul", "warmup_target")

    def f64(v):
        return np.float64(v) if isinstance(v, int | float) and not isinstance(v, bool) else v

    def evaluate(name, params, param, bad):
        if name == "ReduceLROnPlateau":
            lr = 0.1
            if param == "lr":
                lr = bad
            else:
                params[param] = bad
            opt = keras.optimizers.SGD(learning_rate=lr)

            class _Model:
                pass

            model = _Model()
            model.optimizer = opt
            cb = keras.callbacks.ReduceLROnPlateau(**params)
            cb._model = model
            cb.on_train_begin()
            out = []
            for epoch, m in enumerate(SWEEP_METRICS):
                cb.on_epoch_end(epoch, {params["monitor"]: float(m)})
                out.append(float(np.asarray(opt.learning_rate)))
            return out
        params[param] = bad
        kw = {k: (f64(v) if k in floats else v) for k, v in params.items()}
        if name == "PiecewiseConstantDecay":
            # Floats as float64, ints as typed (a mix stays a mix).
            kw = {k: ([np.float64(x) if isinstance(x, float) else x for x in v]
                      if isinstance(v, list) else v) for k, v in kw.items()}
        sched = getattr(keras.optimizers.schedules, name)(**kw)
        return [float(np.asarray(sched(np.float64(s)))) for s in SWEEP_STEPS]

    try:
        return sweep_entries("keras", evaluate)
    finally:
        keras.config.set_floatx("float32")


SWEEPS = {"torch": torch_sweep, "optax": optax_sweep, "tf": tf_sweep, "keras": keras_sweep}


def write_sweep(libs) -> None:
    data = (json.loads(SWEEP_OUT.read_text()) if SWEEP_OUT.exists()
            else {"steps": SWEEP_STEPS, "metrics": SWEEP_METRICS, "bases": {}, "entries": []})
    data["steps"], data["metrics"] = SWEEP_STEPS, SWEEP_METRICS
    entries = [e for e in data["entries"] if e["library"] not in libs]
    for lib in libs:
        data["bases"][lib] = {name: base for name, (base, _) in SWEEP_BASES[lib].items()}
        entries.extend(SWEEPS[lib]())
    order = {"torch": 0, "optax": 1, "keras": 2, "tf": 3}
    data["entries"] = sorted(entries, key=lambda e: order[e["library"]])
    SWEEP_OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    counts = {lib: sum(e["library"] == lib for e in entries) for lib in SWEEPS}
    print(f"wrote {SWEEP_OUT} ({SWEEP_OUT.stat().st_size} bytes): {counts}")

RUNNERS = {"torch": torch_cases, "optax": optax_cases, "tf": tf_cases, "keras": keras_cases}


def main(libs) -> None:
    data = json.loads(OUT.read_text()) if OUT.exists() else {"versions": {}, "cases": []}
    keep = [c for c in data["cases"] if c["library"] not in libs]
    new = []
    for lib in libs:
        cases, versions = RUNNERS[lib]()
        for c in cases:
            if not c["source"].startswith(("pytorch/", "google-deepmind/", "keras-team/",
                                           "tensorflow/")):
                c["source"] = f"{TORCH_FILE} : {c['source']}"
        new.extend(cases)
        data["versions"].update(versions)
    data["versions"]["python"] = sys.version.split()[0]
    order = {"torch": 0, "optax": 1, "keras": 2, "tf": 3}
    data["cases"] = sorted(keep + new, key=lambda c: order[c["library"]])
    OUT.write_text(json.dumps(data, indent=None, separators=(",", ":")) + "\n")
    counts = {lib: sum(c["library"] == lib for c in data["cases"]) for lib in order}
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes): {counts}")


if __name__ == "__main__":
    chosen = [a for a in sys.argv[1:] if a in RUNNERS] or list(RUNNERS)
    if "--sweep-only" not in sys.argv:
        main(chosen)
    write_sweep(chosen)
