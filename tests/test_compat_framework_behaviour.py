"""compat reproduces what the frameworks do at their edges (issue: exact for every accepted input).

Values come from the real libraries (scripts/reference/make_compat_edge_fixtures.py).
A configuration the framework accepts is reproduced; where the framework's
behaviour is surprising, compat emits FrameworkBehaviourWarning naming the
argument; where the framework fails, compat refuses with the framework's
argument name. The native lrcourse.schedules API stays strict.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from lrcourse import compat
from lrcourse import schedules as S
from lrcourse.compat import FrameworkBehaviourWarning

FIXTURE = json.loads(
    (Path(__file__).parent / "fixtures" / "compat_edge_reference.json").read_text()
)
CASES = FIXTURE["cases"]


def _case_id(case):
    extra = case.get("lambda") or ",".join(f"{k}={v}" for k, v in case["params"].items())
    return f"{case['library']}:{case['name']}[{case.get('key', 'lr')}]({extra})"


def _build(case):
    params = dict(case["params"])
    if case["library"] == "optax":
        if "boundaries_and_scales" in params:
            params["boundaries_and_scales"] = {
                int(k): v for k, v in params["boundaries_and_scales"].items()
            }
        return compat.from_optax(case["name"], **params)
    if case["name"] not in ("CyclicLR", "OneCycleLR"):
        params["lr"] = case["lr"]
    if "lambda" in case:
        params["lr_lambda"] = eval(case["lambda"], {"math": math})  # noqa: S307 - fixture literal
    if case["key"] == "momentum":
        return compat.momentum_from_torch(case["name"], **params)
    return compat.from_torch(case["name"], **params)


@pytest.mark.parametrize("case", [c for c in CASES if "values" in c], ids=_case_id)
def test_accepted_configurations_give_the_frameworks_values(case):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        schedule = _build(case)
        values = schedule(case["steps"])
    np.testing.assert_allclose(values, case["values"], rtol=1e-12, atol=1e-15)
    ours = [w for w in caught if issubclass(w.category, FrameworkBehaviourWarning)]
    assert len(ours) == (1 if case["warns"] else 0), [str(w.message) for w in caught]
    assert all(w.category is FrameworkBehaviourWarning for w in caught)
    if ours:
        # The warning names an argument of the call as the user typed it and
        # points at the user's line, not at lrcourse's internals.
        message = str(ours[0].message)
        typed = set(case["params"]) | {"init_value", "warmup_steps"}
        assert any(re.search(rf"\b{re.escape(p)}=", message) for p in typed), message
        assert ours[0].filename == __file__


@pytest.mark.parametrize("case", [c for c in CASES if "raises" in c], ids=_case_id)
def test_configurations_the_framework_rejects_are_refused_in_its_words(case):
    with pytest.raises(ValueError, match=r"^Argument `") as info:
        _build(case)
    named = re.findall(r"Argument `(\w+)`", str(info.value))
    assert named and set(named) <= set(case["params"]), str(info.value)


def test_the_warning_can_be_made_an_error():
    with warnings.catch_warnings():
        warnings.simplefilter("error", FrameworkBehaviourWarning)
        with pytest.raises(FrameworkBehaviourWarning, match=r"transition_steps=0 as a constant"):
            compat.from_optax("exponential_decay", init_value=0.1, transition_steps=0,
                              decay_rate=0.5)


def test_the_native_api_stays_strict():
    with pytest.raises(ValueError, match=r"Argument `decay_steps` must be > 0"):
        S.exponential_decay(0.1, decay_rate=0.5, decay_steps=0)
    with pytest.raises(ValueError, match=r"Argument `max_momentum` must be <= 1"):
        S.cyclic_momentum(0.9, max_momentum=1.5, step_size_up=4)
    with pytest.raises(ValueError, match=r"Argument `values`"):
        S.piecewise_constant([5], values=[-0.1, -0.05])
    with pytest.raises(TypeError, match=r"must accept a NumPy array"):
        S.multiplier_schedule(0.1, multiplier=lambda e: min(1.0, e))([0, 1, 2])


def test_ordinary_configurations_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compat.from_optax("exponential_decay", init_value=0.1, transition_steps=10,
                          decay_rate=0.5)([0, 10])
        compat.from_torch("ConstantLR", lr=0.1, factor=0.5, total_iters=3)([0, 3])
        compat.momentum_from_torch("OneCycleLR", max_lr=0.1, total_steps=10)([0, 5])
        compat.from_optax("warmup_cosine_decay_schedule", init_value=0.0, peak_value=0.1,
                          warmup_steps=2, decay_steps=10, end_value=0.01)([0, 5])


def test_a_vectorising_lambda_is_called_once_with_the_array():
    calls = []

    def lam(e):
        calls.append(np.shape(e))
        return 0.9 ** np.asarray(e)

    s = compat.from_torch("LambdaLR", lr=0.1, lr_lambda=lam)
    s(np.arange(1000))
    assert calls == [(1000,)]


def test_a_scalar_lambda_gets_python_ints_as_in_pytorch():
    seen = []

    def lam(e):
        seen.append(type(e))
        return 1.0 if e < 3 else 0.5

    s = compat.from_torch("LambdaLR", lr=0.1, lr_lambda=lam)
    np.testing.assert_allclose(s([0, 2, 3, 10]), [0.1, 0.1, 0.05, 0.05])
    assert seen[-4:] == [int] * 4
