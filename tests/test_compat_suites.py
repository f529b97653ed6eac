"""compat reproduces the configurations of the frameworks' own test suites.

tests/fixtures/suite_reference.json holds every schedule configuration used by
PyTorch's ``test/optim/test_lrscheduler.py``, optax's schedule tests, Keras's
schedule and ReduceLROnPlateau tests and TensorFlow's legacy decay tests (for
the schedules compat translates), with the values the REAL libraries give.
scripts/reference/make_suite_fixtures.py wrote it and names, in each case's
``source``, the test function it comes from.

Tolerances follow tests/test_schedules_reference.py: float64 references agree
to 1e-12 relative; float32 ones (TensorFlow and Keras called exactly as their
tests call them) to float32 precision, judged against the largest value.
Where the framework refuses a configuration, compat refuses it too, with an
error that names the framework's argument and the value typed.
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
from lrcourse.compat import FrameworkBehaviourWarning

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "suite_reference.json").read_text())
CASES = FIXTURE["cases"]
RTOL = 1e-12
RTOL_FLOAT32 = 2e-6
BUILDERS = {
    "tf": compat.from_tf,
    "keras": compat.from_keras,
    "torch": compat.from_torch,
    "optax": compat.from_optax,
}


def _case_id(case):
    test = case["source"].rsplit(" : ", 1)[-1].split(" / ")[0]
    dtype = case.get("dtype", "")
    lr = f",lr={case['lr']}" if "lr" in case else ""
    return f"{case['library']}:{case['name']}:{test}{lr}:{dtype}"[:150]


def _params(case):
    """The case's parameters as the framework's user types them."""
    params = dict(case["params"])
    lib, name = case["library"], case["name"]
    if params.get("boundaries_and_scales") is not None:
        params["boundaries_and_scales"] = {
            int(k): v for k, v in params["boundaries_and_scales"].items()
        }
    if lib == "torch":
        if "lambda" in case:
            params["lr_lambda"] = eval(case["lambda"])  # noqa: S307 - the fixture script's literal
        if "scale_fn" in case:
            params["scale_fn"] = eval(case["scale_fn"])  # noqa: S307 - the fixture script's literal
        if name == "SequentialLR":
            params["schedulers"] = [(n, dict(p)) for n, p in params["schedulers"]]
        if "lr" in case and name not in ("ReduceLROnPlateau",):
            params["lr"] = case["lr"]
    if lib == "optax" and name == "join_schedules":
        params["schedules"] = [(n, dict(p)) for n, p in params["schedules"]]
    return params


def _build(case, momentum=False):
    params = _params(case)
    if momentum:
        return compat.momentum_from_torch(case["name"], **params)
    return BUILDERS[case["library"]](case["name"], **params)


def _close(got, want, dtype):
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    scale = float(np.max(np.abs(want))) if want.size else 0.0
    if dtype == "float32":
        err = np.abs(got - want) / (scale if scale > 0 else 1.0)
        return err, RTOL_FLOAT32
    err = np.abs(got - want) / np.maximum(np.abs(want), 1e-15 * max(scale, 1e-300))
    return err, RTOL


def _evaluate(schedule, steps):
    """Values at the steps >= 0; a negative step (Keras/TF accept them) must be refused."""
    steps = np.asarray(steps, dtype=np.float64)
    ok = steps >= 0
    for s in steps[~ok]:
        with pytest.raises(ValueError, match=r"step"):
            schedule(float(s))
    return ok, schedule(steps[ok])


VALUE_CASES = [c for c in CASES if "values" in c and c.get("kind") is None]
PLATEAU_CASES = [c for c in CASES if c.get("kind") == "plateau" and "values" in c]
REFUSED = [c for c in CASES if "raises" in c]
SAMPLE_CASES = [c for c in CASES if c.get("kind") == "samples"]


@pytest.mark.parametrize("case", VALUE_CASES, ids=_case_id)
def test_compat_gives_the_frameworks_values(case):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        schedule = _build(case)
        ok, got = _evaluate(schedule, case["steps"])
    # Only our own warning class, never a NumPy or deprecation warning.
    assert all(w.category is FrameworkBehaviourWarning for w in caught), [
        str(w.message) for w in caught
    ]
    want = np.asarray(case["values"])[ok]
    err, tol = _close(got, want, case.get("dtype", "float64"))
    if err.size:
        worst = int(np.argmax(err))
        step = np.asarray(case["steps"])[ok][worst]
        assert err[worst] <= tol, (
            f"step {step}: compat {got[worst]!r}, {case['library']} {want[worst]!r} "
            f"({case['source']})"
        )


MOMENTUM_CASES = [c for c in VALUE_CASES if "momentum" in c]


@pytest.mark.parametrize("case", MOMENTUM_CASES, ids=_case_id)
def test_compat_gives_the_frameworks_momentum(case):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FrameworkBehaviourWarning)
        got = _build(case, momentum=True)(np.asarray(case["steps"], dtype=np.float64))
    err, tol = _close(got, case["momentum"], "float64")
    worst = int(np.argmax(err))
    assert err[worst] <= tol, (
        f"step {case['steps'][worst]}: compat {got[worst]!r}, torch {case['momentum'][worst]!r}"
    )


@pytest.mark.parametrize("case", PLATEAU_CASES, ids=_case_id)
def test_compat_plateau_takes_the_frameworks_decisions(case):
    policy = _build(case)
    got = [policy.step(m) for m in case["metrics"]]
    err, tol = _close(got, case["values"], "float64")
    worst = int(np.argmax(err))
    assert err[worst] <= tol, (
        f"epoch {worst}: compat {got}, {case['library']} {case['values']} ({case['source']})"
    )


def _typed_values(value):
    """Reprs that count as 'the value typed': the value, or any entry of it."""
    out = {repr(value)}
    if isinstance(value, dict):
        for k, v in value.items():
            out |= {repr(k), repr(v)}
    elif isinstance(value, list | tuple):
        out |= {repr(v) for v in value}
    return out


def _build_and_call(case):
    schedule = _build(case)
    if callable(schedule) and not hasattr(schedule, "step"):
        schedule([0, 1, 2])


@pytest.mark.parametrize("case", REFUSED, ids=_case_id)
def test_compat_refuses_what_the_framework_refuses_in_its_words(case):
    argument = case["raises"]["argument"]
    with pytest.raises((ValueError, TypeError)) as info:
        _build_and_call(case)
    message = str(info.value)
    assert f"`{argument}`" in message, (message, case["raises"])
    typed = case["params"].get(argument)
    received = message.split("Received", 1)[-1]
    assert any(r in received for r in _typed_values(typed)), (message, typed)


@pytest.mark.parametrize("case", SAMPLE_CASES, ids=_case_id)
def test_noisy_decay_draws_like_tensorflow(case):
    """TF draws from its own generator: compare mean and spread of the draws per step."""
    n = case["draws"]
    mine = np.array([
        compat.from_tf(case["name"], seed=seed, **case["params"])(case["steps"])
        for seed in range(n)
    ])
    for k, step in enumerate(case["steps"]):
        m_tf, s_tf = case["mean"][k], case["std"][k]
        m_me, s_me = mine[:, k].mean(), mine[:, k].std()
        se = math.sqrt((s_tf**2 + s_me**2) / n)
        f32 = RTOL_FLOAT32 * abs(m_tf)  # TF draws and adds in float32
        assert abs(m_me - m_tf) <= 5 * se + f32, (step, m_me, m_tf)
        # The spread of the noise agrees (5 standard errors of a standard deviation).
        assert abs(s_me - s_tf) <= 5 * s_tf * math.sqrt(2 / n) + f32, (step, s_me, s_tf)


def test_every_suite_case_names_its_source_test():
    files = {"torch": "test_lrscheduler.py", "optax": "_test.py", "keras": "_test.py",
             "tf": "legacy_learning_rate_decay_test.py"}
    for case in CASES:
        assert files[case["library"]] in case["source"] or "constructor check" in case["source"]
        assert re.search(r"@\w+", case["source"]), case["source"]


def test_the_suites_cover_every_translated_schedule():
    covered = {(c["library"], c["name"]) for c in CASES}
    for lib, names in compat.names().items():
        for name in names:
            if (lib, name) in {("optax", "warmup_constant_schedule"),
                               ("optax", "warmup_exponential_decay_schedule")}:
                continue  # optax's schedule tests do not call these two
            assert (lib, name) in covered, f"{lib} {name}: no configuration from its test suite"


# ----------------------------------------------------------------- the sweep
SWEEP = json.loads(
    (Path(__file__).parent / "fixtures" / "compat_sweep_reference.json").read_text()
)


def _sweep_id(entry):
    return f"{entry['library']}:{entry['name']}:{entry['param']}={entry['value']!r}"


def _sweep_build(entry):
    lib, name, param = entry["library"], entry["name"], entry["param"]
    params = json.loads(json.dumps(SWEEP["bases"][lib][name]))  # a fresh copy
    value = entry["value"]
    if lib == "optax" and isinstance(value, dict):
        value = {int(k): v for k, v in value.items()}
    params[param] = value
    if params.get("boundaries_and_scales") is not None and isinstance(
        params["boundaries_and_scales"], dict
    ):
        params["boundaries_and_scales"] = {
            int(k): v for k, v in params["boundaries_and_scales"].items()
        }
    if lib == "torch":
        params.setdefault("lr", 0.1)
        if name == "LambdaLR" and param != "lr_lambda":
            params["lr_lambda"] = lambda e: 0.9**e
        if name == "SequentialLR":
            params["schedulers"] = [(n, p) for n, p in params["schedulers"]]
    if lib == "keras" and name == "ReduceLROnPlateau":
        params.setdefault("lr", 0.1)
    if lib == "optax" and name == "join_schedules":
        params["schedules"] = [(n, p) for n, p in params["schedules"]]
    return BUILDERS[lib](name, **params)


def _sweep_values(obj, n):
    if hasattr(obj, "step") and not hasattr(obj, "params"):
        return [obj.step(m) for m in SWEEP["metrics"][:n]]
    return obj(np.asarray(SWEEP["steps"][:n], dtype=np.float64))


@pytest.mark.parametrize("entry", SWEEP["entries"], ids=_sweep_id)
def test_every_invalid_value_is_refused_by_name_or_reproduced(entry):
    """NaN, negative, zero or a wrong type in each parameter of each translated schedule.

    Issue 13: where the framework accepts the value and gives finite rates,
    compat gives exactly those rates (a refusal fails this test). Where the
    framework refuses the value, or gives rates that are not finite, compat
    refuses it with an error that names the framework's argument and the
    value typed.
    """
    param, value = entry["param"], entry["value"]
    n = len(entry.get("values", SWEEP["steps"]))
    framework_accepts = "raises" not in entry and bool(
        np.all(np.isfinite(np.asarray(entry["values"], dtype=np.float64)))
    )
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got = _sweep_values(_sweep_build(entry), n)
    except (ValueError, TypeError) as exc:
        assert not framework_accepts, (  # noqa: PT017 - the refusal itself is the failure
            f"{entry['library']} accepts {param}={value!r} and gives finite rates "
            f"{entry['values']}, but compat refuses it: {exc}"
        )
        message = str(exc)
        assert f"`{param}`" in message, f"the error does not name `{param}`: {message}"
        shown = message.split("Received", 1)[-1]
        if isinstance(value, dict):
            typed = {repr(int(k)) for k in value} | {repr(v) for v in value.values()}
        else:
            typed = _typed_values(value)
        assert any(t in shown for t in typed), f"the error does not show {value!r}: {message}"
        return
    assert "raises" not in entry, (
        f"{entry['library']} refuses {param}={value!r} ({entry['raises']}) but compat accepts it"
    )
    want = np.asarray(entry["values"], dtype=np.float64)
    assert np.all(np.isfinite(want)), (
        f"{entry['library']} gives non-finite rates for {param}={value!r}: {want}; "
        "compat must refuse them"
    )
    err, tol = _close(got, want, "float64")
    assert err.max() <= tol, (got, want)
    # A surprising value is reproduced with our warning, which names the argument.
    assert all(w.category is FrameworkBehaviourWarning for w in caught), caught
    for w in caught:
        assert re.search(rf"\b{param}=", str(w.message)), str(w.message)


def test_the_sweep_covers_every_parameter_that_takes_a_number():
    swept = {(e["library"], e["name"], e["param"]) for e in SWEEP["entries"]}
    for lib, names in compat.names().items():
        for name in names:
            assert any(k[:2] == (lib, name) for k in swept), f"{lib} {name} is not swept"
