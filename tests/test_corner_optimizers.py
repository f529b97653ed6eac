"""lrcourse.corner.OptimizerCall: the code shown, the optimiser run, and the stored references.

``reference_cases(framework, name)`` pairs an optimiser call with the stored
PyTorch / Keras trajectories of ``tests/fixtures/optim_reference.json`` that
it must reproduce. For PyTorch and Keras these are the library's own rows.
optax calls are checked twice: against optax 0.2.8's own runs
(``tests/fixtures/optax_optimizer_reference.json``, made by
``scripts/reference/make_optax_optimizer_fixtures.py``), and against the rows
of the library whose update optax computes with the same parameters (read in ``optax/_src/alias.py`` and
``transform.py``):

* ``optax.adam(lr, eps)`` is ``torch.optim.Adam(lr, eps)``: ε outside
  :math:`\\sqrt{\\hat v_t}` (``eps_root=0``);
* ``optax.adamw(lr, weight_decay=λ)`` is ``torch.optim.AdamW(lr, weight_decay=λ)``:
  the update is :math:`-\\eta(\\text{adam} + \\lambda x)`;
* ``optax.adagrad`` is ``keras.optimizers.Adagrad``: the sum starts at
  ``initial_accumulator_value`` and ε is inside the root;
* ``optax.rmsprop(lr, decay=ρ, eps=ε)`` is ``keras.optimizers.RMSprop(lr, rho=ρ,
  epsilon=ε)``: ε inside the root, no momentum, not centred.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import numpy as np
import pytest

from lrcourse import landscapes, optim
from lrcourse.corner import OPTAX_OPTIMIZERS, OptimizerCall

DATA = json.loads((Path(__file__).parent / "fixtures" / "optim_reference.json").read_text())
CASES = [c for c in DATA["cases"] if "scheduler" not in c]
TOL = 1e-9


def _optax_params(name, case):
    """The optax parameters with the same update as a stored case, or None."""
    p = case["params"]
    lib, cls = case["library"], case["name"]
    if name == "adam" and (lib, cls) == ("torch", "Adam") and set(p) <= {"lr", "eps"}:
        return {"learning_rate": p["lr"], "eps": p.get("eps", 1e-8)}
    if name == "adamw" and (lib, cls) == ("torch", "AdamW") and set(p) <= {"lr", "weight_decay"}:
        return {"learning_rate": p["lr"], "weight_decay": p.get("weight_decay", 0.01)}
    if name == "adagrad" and (lib, cls) == ("keras", "Adagrad"):
        return {"learning_rate": p["learning_rate"],
                "initial_accumulator_value": p.get("initial_accumulator_value", 0.1),
                "eps": p.get("epsilon", 1e-7)}
    if (name == "rmsprop" and (lib, cls) == ("keras", "RMSprop")
            and set(p) <= {"learning_rate", "rho", "epsilon"}):
        return {"learning_rate": p["learning_rate"], "decay": p.get("rho", 0.9),
                "eps": p.get("epsilon", 1e-7)}
    return None


def reference_cases(framework, name):
    """``[(OptimizerCall, case), ...]``: calls of ``framework``'s ``name`` with stored trajectories."""
    out = []
    for case in CASES:
        if framework == "optax":
            params = _optax_params(name, case)
            if params is not None:
                out.append((OptimizerCall("optax", name, params), case))
        elif (case["library"], case["name"]) == (framework, name):
            out.append((OptimizerCall(framework, name, case["params"]), case))
    return out


def max_error(call, case):
    """Largest error of ``call``'s run against a stored trajectory, relative to max(1, |x|)."""
    spec = case["landscape"]
    land = getattr(landscapes, spec["factory"])(**spec["kwargs"])
    traj = optim.run(call.optimizer, land, case["x0"], DATA["steps"])
    ref = np.array(case["x"])
    got = traj.x[:: DATA["stride"]]
    return float(np.max(np.abs(got - ref) / np.maximum(1.0, np.abs(ref))))


@pytest.mark.parametrize("name", OPTAX_OPTIMIZERS.names())
def test_every_optax_translation_matches_stored_trajectories(name):
    pairs = reference_cases("optax", name)
    assert len(pairs) >= 3, f"optax {name}: too few stored trajectories to compare with"
    for call, case in pairs:
        assert max_error(call, case) <= TOL, (call.code, case["library"], case["params"])


def test_optax_defaults_are_optax_s():
    # optax 0.2.8 signatures: adagrad(0.1, 1e-7), rmsprop(decay=0.9, eps=1e-8,
    # eps_in_sqrt=True), adam(b1=0.9, b2=0.999, eps=1e-8), adamw(weight_decay=1e-4)
    p = {n: OptimizerCall("optax", n, {"learning_rate": 0.1}).optimizer.params
         for n in OPTAX_OPTIMIZERS.names()}
    assert (p["adagrad"]["initial_accumulator"], p["adagrad"]["eps"]) == (0.1, 1e-7)
    assert p["adagrad"]["eps_inside_sqrt"] and p["rmsprop"]["eps_inside_sqrt"]
    assert (p["rmsprop"]["rho"], p["rmsprop"]["eps"]) == (0.9, 1e-8)
    assert (p["adam"]["beta1"], p["adam"]["beta2"], p["adam"]["eps"]) == (0.9, 0.999, 1e-8)
    assert not p["adam"]["eps_hat"] and p["adam"]["weight_decay"] == 0.0
    assert p["adamw"]["weight_decay"] == 1e-4 and p["adamw"]["decoupled_weight_decay"]


@pytest.mark.parametrize(("framework", "name", "params", "code"), [
    ("torch", "AdamW", {"lr": 0.001}, "optimizer = torch.optim.AdamW(params, lr=0.001)"),
    ("keras", "Adam", {"learning_rate": 0.01, "epsilon": 1e-7},
     "optimizer = keras.optimizers.Adam(learning_rate=0.01, epsilon=1e-07)"),
    ("optax", "rmsprop", {"learning_rate": 0.01, "decay": 0.9},
     "optimizer = optax.rmsprop(learning_rate=0.01, decay=0.9)"),
])
def test_code_is_the_call_and_its_schedule_is_the_rate(framework, name, params, code):
    call = OptimizerCall(framework, name, params)
    assert call.code == code
    tree = ast.parse(call.code).body[0].value
    assert {k.arg: ast.literal_eval(k.value) for k in tree.keywords} == params
    lr = next(iter(params.values()))
    np.testing.assert_array_equal(call.schedule(np.arange(5)), np.full(5, lr))


def test_a_default_rate_is_the_framework_s():
    assert OptimizerCall("torch", "Adagrad").schedule(0) == 0.01
    assert OptimizerCall("keras", "Adam").schedule(0) == 0.001


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: OptimizerCall("jax", "adam"), ValueError, r"`framework` must be one of .*'jax'"),
    (lambda: OptimizerCall("optax", "adam").optimizer, TypeError, "missing .*'learning_rate'"),
    (lambda: OptimizerCall("optax", "adam", {"learning_rate": 0.1, "eps_root": 1e-8}).optimizer,
     TypeError, "unknown parameter.*'eps_root'.*Accepted parameters: learning_rate"),
    (lambda: OptimizerCall("optax", "rmsprop", {"learning_rate": 0.1, "decay": 1.5}).optimizer,
     ValueError, r"`decay` must be < 1\. Received: decay=1\.5"),
    (lambda: OptimizerCall("optax", "adamw", {"learning_rate": -1.0}).optimizer,
     ValueError, r"`learning_rate` must be >= 0"),
    (lambda: OptimizerCall("optax", "lamb", {"learning_rate": 0.1}).optimizer,
     ValueError, "Unknown optax optimizer 'lamb'"),
])
def test_bad_calls_name_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


def check_optimizer_tab(tab, pairs, grad, x0, steps=200, rtol=1e-12):
    """The checks of one optimiser tab of a chapter's corner (used by the chapter tests).

    For each line of code shown: the call parsed from the text builds the same
    optimiser as the same call with only the rate (so the values written out
    are the framework's defaults); it runs like the lrcourse expression named
    in the tab's note (to ``rtol``); and its translation reproduces every
    stored trajectory of that framework optimiser.
    """
    shown = [stmt.value for stmt in ast.parse(tab.text).body]
    assert len(shown) == len(pairs), tab.text
    for node, (call, expr) in zip(shown, pairs, strict=True):
        name = ast.unparse(node.func).rsplit(".", 1)[1]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
        assert (name, kwargs) == (call.name, call.values)
        from_code = OptimizerCall(call.framework, name, kwargs)
        lr_key = "lr" if call.framework == "torch" else "learning_rate"
        rate_only = OptimizerCall(call.framework, name, {lr_key: kwargs[lr_key]})
        assert from_code.optimizer.params == rate_only.optimizer.params, "not the defaults"
        assert f"`{expr}`" in tab.note
        ours = eval(expr, {"optim": optim})  # noqa: S307 (the chapter's own constant)
        a = optim.run(from_code.optimizer, grad, x0=x0, steps=steps).x
        b = optim.run(ours, grad, x0=x0, steps=steps).x
        np.testing.assert_allclose(a, b, rtol=rtol, atol=1e-300)
        refs = reference_cases(call.framework, name)
        assert refs, f"no stored trajectory for {call.framework} {name}"
        assert max(max_error(c, case) for c, case in refs) <= TOL


OPTAX_RUNS = json.loads(
    (Path(__file__).parent / "fixtures" / "optax_optimizer_reference.json").read_text()
)


@pytest.mark.parametrize("case", OPTAX_RUNS["cases"],
                         ids=[f"{c['name']}:{c['params']}" for c in OPTAX_RUNS["cases"]])
def test_optax_translations_match_optax_itself(case):
    """The translations of chapters 8 and 9 against optax 0.2.8's own runs (float64)."""
    a = np.asarray(OPTAX_RUNS["A"])
    call = OptimizerCall("optax", case["name"], case["params"])
    traj = optim.run(call.optimizer, lambda x: a @ x, x0=OPTAX_RUNS["x0"],
                     steps=OPTAX_RUNS["steps"])
    np.testing.assert_allclose(traj.x, case["x"], rtol=1e-12, atol=1e-14)


def test_the_optax_runs_cover_every_translation():
    assert {c["name"] for c in OPTAX_RUNS["cases"]} == set(OPTAX_OPTIMIZERS.names())
