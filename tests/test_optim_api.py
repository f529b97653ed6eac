"""The public API of lrcourse.optim: keyword-only arguments, docstrings, no internal names."""

from __future__ import annotations

import inspect

import pytest
from api_checks import (
    RATE_NAMES_OF_FRAMEWORKS,
    docstring_problems,
    module_docstring_problems,
    positional_after_first,
)

import lrcourse.landscapes as L
import lrcourse.optim as O

# Public names of lrcourse.optim that are not factories of an optimiser.
NOT_FACTORIES = {
    "OptState": "a record of an optimiser's state",
    "Optimizer": "the type every factory returns",
    "Trajectory": "a record of a run",
    "run": "runs an optimiser: run(optimizer, grad, x0, steps)",
}
FACTORIES = [n for n in O.__all__ if n not in NOT_FACTORIES]


def test_not_factories_are_public():
    assert set(NOT_FACTORIES) <= set(O.__all__)


@pytest.mark.parametrize("name", FACTORIES)
def test_every_parameter_after_the_first_is_keyword_only(name):
    assert positional_after_first(getattr(O, name)) == []


def test_a_positional_hyperparameter_is_refused():
    with pytest.raises(TypeError, match="positional argument"):
        O.adam(0.1, 0.9, 0.999)
    with pytest.raises(TypeError, match="positional argument"):
        O.momentum(0.1, 0.9)


@pytest.mark.parametrize("name", FACTORIES)
def test_optimisers_call_the_rate_lr(name):
    params = set(inspect.signature(getattr(O, name)).parameters)
    assert "lr" in params
    assert not params & RATE_NAMES_OF_FRAMEWORKS


@pytest.mark.parametrize("name", [*FACTORIES, "Optimizer"])
def test_docstrings_speak_to_the_user_and_cite_sources(name):
    assert docstring_problems(getattr(O, name)) == []


@pytest.mark.parametrize("name", ["OptState", "Trajectory", "run"])
def test_other_docstrings_speak_to_the_user(name):
    assert docstring_problems(getattr(O, name), sections=()) == []


def test_module_docstrings_speak_to_the_user():
    assert module_docstring_problems(O) == []
    assert module_docstring_problems(L) == []


@pytest.mark.parametrize("name", L.__all__)
def test_landscape_docstrings_speak_to_the_user(name):
    assert docstring_problems(getattr(L, name), sections=()) == []


def test_flawed_variants_say_what_they_are():
    assert {"adam_compounded_bias_correction", "momentum_with_initial_velocity"} <= set(O.__all__)
    assert not [n for n in dir(O) + dir(L) if n.startswith("article")]
    assert O.adam_compounded_bias_correction(0.1).name == "adam_compounded_bias_correction"
    assert O.momentum_with_initial_velocity(0.1, momentum=0.5).name == (
        "momentum_with_initial_velocity"
    )
    assert L.rippled_bowl().name == "rippled_bowl"
