"""The public API of lrcourse.schedules: keyword-only arguments, one vocabulary, docstrings.

The same checks for lrcourse.optim are in test_optim_api.py and for
lrcourse.compat in test_compat.py; ``api_checks`` holds what they share.
"""

from __future__ import annotations

import inspect

import pytest
from api_checks import (
    RATE_NAMES_OF_FRAMEWORKS,
    docstring_problems,
    module_docstring_problems,
    positional_after_first,
)

import lrcourse.schedules as S

# Public names of lrcourse.schedules that are not factories.
NOT_FACTORIES = {"Schedule": "the type every factory returns",
                 "cumulative_rate": "the running sum of a schedule's rates"}
FACTORIES = [n for n in S.__all__ if n not in NOT_FACTORIES]


def test_schedules_lists_every_factory():
    assert list(S.SCHEDULES) == FACTORIES


def test_not_factories_are_public():
    assert set(NOT_FACTORIES) <= set(S.__all__)


@pytest.mark.parametrize("name", FACTORIES)
def test_every_parameter_after_the_first_is_keyword_only(name):
    assert positional_after_first(getattr(S, name)) == []


def test_a_reversed_positional_port_is_refused():
    # Keras's ExponentialDecay(initial_learning_rate, decay_steps, decay_rate) order:
    # accepted positionally, this would be a growth schedule (133 at step 1).
    with pytest.raises(TypeError, match="positional argument"):
        S.exponential_decay(0.1, 1000, 0.96)
    with pytest.raises(TypeError, match="positional argument"):
        S.step_decay(0.1, 30, 0.1)  # PyTorch StepLR(optimizer, step_size, gamma) order
    assert S.exponential_decay(0.1, decay_rate=0.96, decay_steps=1000)(1000) == pytest.approx(
        0.096
    )


@pytest.mark.parametrize("name", FACTORIES)
def test_rates_use_the_lrcourse_vocabulary(name):
    obj = getattr(S, name)
    params = set(inspect.signature(obj).parameters)
    assert not params & RATE_NAMES_OF_FRAMEWORKS, name


def test_rate_names():
    """lr0 is the rate at step 0, peak_lr the top of a warmup or cycle, end_lr a final rate."""
    assert S.linear_warmup(0.1, warmup_steps=4, lr0=0.02)(0) == 0.02
    assert S.warmup_cosine(0.1, warmup_steps=2, decay_steps=10, lr0=0.01)(0) == 0.01
    assert S.warmup_stable_decay(
        0.1, warmup_steps=2, stable_steps=1, decay_steps=2, lr0=0.01, end_lr=0.001
    )([0, 100]).tolist() == [0.01, 0.001]
    assert S.cyclic(0.01, peak_lr=0.1, step_size_up=5)([0, 5]).tolist() == [0.01, 0.1]
    assert S.one_cycle(1.0, total_steps=100)(29) == pytest.approx(1.0)
    assert S.polynomial_decay(0.1, decay_steps=10, end_lr=0.01)(10) == pytest.approx(0.01)
    assert S.cosine_decay(0.1, decay_steps=10, end_lr=0.01)(10) == pytest.approx(0.01)
    assert S.ReduceOnPlateau(0.1).lr0 == 0.1


@pytest.mark.parametrize("name", S.__all__)
def test_docstrings_speak_to_the_user_and_cite_sources(name):
    assert docstring_problems(getattr(S, name)) == []


def test_module_docstrings_speak_to_the_user():
    assert module_docstring_problems(S) == []
