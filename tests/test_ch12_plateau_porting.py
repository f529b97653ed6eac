"""Chapter 12: plateau rules, custom and chained schedules, porting.

``RIGHT`` holds a known-right answer for every exercise, worked out by hand
(the comments give the reasoning) or by the small independent re-implementations
below, which follow the framework sources, not lrcourse.
"""

from __future__ import annotations

import math
import types

import numpy as np
import pytest

from lrcourse import compat, exercises
from lrcourse.chapters import ch02_step_exponential as ch02
from lrcourse.chapters import ch12_plateau_porting as ch

RIGHT = {
    # PyTorch: epoch 2 (0.9 < 1.0) improves; epochs 3, 4, 5 are bad; 3 > patience 2 at epoch 5.
    # Keras: the same bad epochs; 2 >= patience 2 at epoch 4.
    "ch12-plateau-first-cut": [5, 4],
    # Relative threshold 1e-4: better means below best * 0.9999 (about 0.0099 below 99).
    # Epoch 3 and 4 are bad (gains 0.004, 0.008): cut after 4; epoch 5 (gain 0.012) is better;
    # 6 and 7 are bad again: cut after 7; epoch 8 is better.
    "ch12-relative-threshold": [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25],
    # Keras keeps the old value AT each boundary: the rate changes at boundary + 1.
    "ch12-port-milestones": [1001, 2501, 4001],
    # decay_steps = T_max; alpha = eta_min / lr = 1e-4 / 0.1.
    "ch12-cosine-to-keras": [100, 0.001],
    # LinearLR at step 3: 0.2 + 0.8 * 3/4 = 0.8; then ExponentialLR restarted at the milestone.
    "ch12-sequential-milestone": [0.8, 1.0, 0.5, 0.25],
}


# -- independent plateau rules, written from the framework sources ---------------------------


def torch_rule(losses, lr, *, factor=0.1, patience=10, threshold=1e-4, mode="rel", cooldown=0,
               min_lr=0.0, eps=1e-8):
    best, bad, cool, out = math.inf, 0, 0, []
    for m in losses:
        better = m < best * (1 - threshold) if mode == "rel" else m < best - threshold
        if better:
            best, bad = m, 0
        else:
            bad += 1
        if cool > 0:
            cool -= 1
            bad = 0
        if bad > patience:
            new = max(lr * factor, min_lr)
            if lr - new > eps:
                lr = new
            cool, bad = cooldown, 0
        out.append(lr)
    return out


def keras_rule(losses, lr, *, factor=0.1, patience=10, min_delta=1e-4, cooldown=0, min_lr=0.0):
    best, wait, cool, out = math.inf, 0, 0, []
    for m in losses:
        if cool > 0:
            cool -= 1
            wait = 0
        if m + min_delta < best:
            best, wait = m, 0
        elif not cool > 0:
            wait += 1
            if wait >= patience and lr > np.float32(min_lr):
                lr = max(lr * factor, min_lr)
                cool, wait = cooldown, 0
        out.append(lr)
    return out


# -- exercises ---------------------------------------------------------------------------------


def test_right_covers_every_exercise():
    assert set(RIGHT) == set(ch.CHAPTER.exercises)


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_right_answers_pass(ex_id):
    result = exercises.check(ex_id, RIGHT[ex_id])
    assert result.passed, result.message


def test_relative_threshold_right_answer_is_the_independent_rule():
    assert torch_rule(ch._EX_REL_LOSSES, 1.0, factor=0.5, patience=1) == RIGHT[
        "ch12-relative-threshold"]
    assert torch_rule([1.0, 0.9, 0.9, 0.9, 0.9], 1.0, patience=2) == [1, 1, 1, 1, 0.1]
    assert keras_rule([1.0, 0.9, 0.9, 0.9, 0.9], 1.0, patience=2) == [1, 1, 1, 0.1, 0.1]


@pytest.mark.parametrize(("ex_id", "answer", "words"), [
    ("ch12-plateau-first-cut", [4, 5], "swapped"),
    ("ch12-plateau-first-cut", [4, 3], "from 0"),
    ("ch12-plateau-first-cut", [5, 5], "Keras cuts at the patience-th"),
    ("ch12-relative-threshold", [1.0] * 8, "absolute threshold"),
    ("ch12-port-milestones", [1000, 2500, 4000], "Keras boundaries"),
    ("ch12-port-milestones", [999, 2499, 3999], "Wrong direction"),
    ("ch12-cosine-to-keras", [100, 1e-4], "FRACTION"),
    ("ch12-sequential-milestone", [0.8, 0.0625, 0.03125, 0.015625], "ITS step 0"),
    ("ch12-sequential-milestone", [0.8, 0.8, 0.4, 0.2], "restarts"),
])
def test_hints_for_the_usual_mistakes(ex_id, answer, words):
    result = exercises.check(ex_id, answer)
    assert not result.passed
    assert words in result.message


# -- plateau rules -------------------------------------------------------------------------------


LOSS_CASES = [
    ch.validation_curve(shape, onset=onset) for shape in ch.CURVES for onset in (8, 16)
] + [np.array([1.0, 0.9, 0.9, 0.9, 0.9]), np.array(ch._EX_REL_LOSSES)]


@pytest.mark.parametrize("losses", LOSS_CASES)
@pytest.mark.parametrize("patience", [0, 1, 3])
@pytest.mark.parametrize("cooldown", [0, 2])
def test_plateau_trace_matches_independent_rules(losses, patience, cooldown):
    for theta, mode in ((1e-4, "rel"), (1e-2, "abs")):
        tr = ch.plateau_trace(losses, "torch", lr0=0.1, factor=0.5, patience=patience,
                              threshold=theta, threshold_mode=mode, cooldown=cooldown,
                              min_lr=1e-3)
        ref = torch_rule(losses, 0.1, factor=0.5, patience=patience, threshold=theta, mode=mode,
                         cooldown=cooldown, min_lr=1e-3)
        np.testing.assert_allclose(tr.lr, ref, rtol=1e-15)
    for delta in (1e-4, 1e-2):
        tr = ch.plateau_trace(losses, "keras", lr0=0.1, factor=0.5, patience=patience,
                              min_delta=delta, cooldown=cooldown, min_lr=1e-3)
        ref = keras_rule(losses, 0.1, factor=0.5, patience=patience, min_delta=delta,
                         cooldown=cooldown, min_lr=1e-3)
        np.testing.assert_allclose(tr.lr, ref, rtol=1e-15)
    assert len(tr.marks) == len(losses)


def test_plateau_marks_show_the_off_by_one():
    losses = [1.0, 0.9, 0.9, 0.9, 0.9]
    torch = ch.plateau_trace(losses, "torch", lr0=1.0, patience=2)
    keras = ch.plateau_trace(losses, "keras", lr0=1.0, patience=2)
    assert torch.marks_text() == "+ + 1 2 ↓" and torch.first_cut == 5
    assert keras.marks_text() == "+ + 1 ↓ 1" and keras.first_cut == 4
    assert "ReduceLROnPlateau(optimizer, patience=2)" in torch.call
    assert keras.call.startswith('keras.callbacks.ReduceLROnPlateau(monitor="val_loss"')
    cool = ch.plateau_trace([1.0, 2, 2, 2, 2, 2], "torch", lr0=1.0, patience=0, cooldown=2)
    assert cool.marks_text() == "+ ↓ c c ↓ c"
    floor = ch.plateau_trace([1.0, 2, 2, 2], "torch", lr0=1.0, patience=0, min_lr=0.5)
    assert floor.marks_text() == "+ ↓ = ="


def test_plateau_trace_errors_name_the_argument():
    with pytest.raises(ValueError, match="framework"):
        ch.plateau_trace([1.0], "optax")
    with pytest.raises(ValueError, match="losses"):
        ch.plateau_trace([], "torch")
    with pytest.raises(ValueError, match="metric"):
        ch.plateau_trace([1.0, float("nan")], "torch")
    with pytest.raises(ValueError, match="factor"):
        ch.plateau_trace([1.0], "keras", factor=1.5)


def test_validation_curves():
    plateau = ch.validation_curve("plateau", onset=8)
    assert plateau.shape == (30,) and plateau[0] == 8.0
    assert np.all(np.diff(plateau[:8]) < 0) and np.all(plateau[7:] == plateau[7])
    crawl = ch.validation_curve("crawl", onset=8)
    np.testing.assert_allclose(np.diff(crawl[7:]), -ch.CRAWL_GAIN, rtol=1e-9)
    # the gain is above Keras's default min_delta and below PyTorch's default relative threshold
    assert 1e-4 < ch.CRAWL_GAIN < 1e-4 * crawl.min()
    assert np.all(np.diff(ch.validation_curve("overfit", onset=8)[7:]) > 0)
    with pytest.raises(ValueError, match="onset"):
        ch.validation_curve("plateau", onset=31)
    with pytest.raises(ValueError, match="shape"):
        ch.validation_curve("zigzag")


# -- the effect on an optimisation -------------------------------------------------------------


def test_constant_rate_run_is_chapter_2_noisy_descent():
    run = ch.plateau_descent(None, lr0=0.4, epochs=8, steps_per_epoch=25)
    np.testing.assert_allclose(run.loss, ch02.noisy_descent(0.4, steps=200), rtol=1e-12)
    assert np.all(run.lr == 0.4) and run.cuts == ((),) * 8


def test_keras_patience_p_is_torch_patience_p_minus_1():
    torch = ch.plateau_descent("torch", patience=2, factor=0.5, threshold_mode="abs")
    keras = ch.plateau_descent("keras", patience=3, factor=0.5)
    np.testing.assert_array_equal(torch.lr, keras.lr)
    same = ch.plateau_descent("keras", patience=2, factor=0.5)
    assert all(k < t for k, t in zip(same.first_cuts(), torch.first_cuts(), strict=True))


def test_plateau_descent_rates_follow_the_cuts():
    run = ch.plateau_descent("keras", patience=2, factor=0.5, epochs=30)
    for s, cuts in enumerate(run.cuts):
        expected = np.array([0.4 * 0.5 ** sum(c < e for c in cuts) for e in range(1, 31)])
        np.testing.assert_allclose(run.lr[s], expected, rtol=1e-12)
    with pytest.raises(ValueError, match="steps_per_epoch"):
        ch.plateau_descent("torch", steps_per_epoch=0)
    with pytest.raises(ValueError, match="framework"):
        ch.plateau_descent("jax")


# -- corners -----------------------------------------------------------------------------------


def _fake_keras():
    ops = types.SimpleNamespace(cast=lambda x, dtype: np.asarray(x, dtype=float),
                                minimum=np.minimum, maximum=np.maximum, where=np.where,
                                cos=np.cos, floor=np.floor)
    return types.SimpleNamespace(
        ops=ops,
        optimizers=types.SimpleNamespace(
            schedules=types.SimpleNamespace(LearningRateSchedule=object),
            SGD=lambda learning_rate: types.SimpleNamespace(learning_rate=learning_rate)))


def test_custom_corner_code_computes_the_custom_schedule():
    corner = ch.custom_corner()
    tabs = {t.label: t for t in corner.tabs}
    t = np.arange(100)
    ref = ch.custom_schedule()(t)
    np.testing.assert_allclose(tabs["PyTorch"].calls[0].schedule(t), ref, rtol=1e-12)
    ns = {"keras": _fake_keras()}
    exec(tabs["Keras 3"].code, ns)  # noqa: S102 - the corner's own code
    np.testing.assert_allclose(ns["optimizer"].learning_rate(t), ref, rtol=1e-12)
    assert ns["WarmupHalving"]().get_config() == {"lr0": 0.1, "warmup": 5, "half_life": 20}
    ns = {"jnp": np, "optax": types.SimpleNamespace(sgd=lambda learning_rate: learning_rate)}
    exec(tabs["optax"].code, ns)  # noqa: S102
    np.testing.assert_allclose(ns["optimizer"](t), ref, rtol=1e-12)
    # by hand: warmup ramp (t + 1) / 5 times 2^(-t/20)
    assert ref[0] == pytest.approx(0.1 * 0.2) and ref[20] == pytest.approx(0.05)


def test_plateau_corner_code_runs_and_matches_plateau_trace():
    losses = list(ch.validation_curve("noisy", onset=8))
    tabs = {t.label: t for t in ch.plateau_corner().tabs}
    seen = []

    def scheduler(optimizer, **kw):
        policy = compat.from_torch("ReduceLROnPlateau", lr=optimizer["lr"], **kw)
        return types.SimpleNamespace(step=lambda m: seen.append(policy.step(m)))

    torch = types.SimpleNamespace(optim=types.SimpleNamespace(
        SGD=lambda params, lr: {"lr": lr},
        lr_scheduler=types.SimpleNamespace(ReduceLROnPlateau=scheduler)))
    feed = iter(losses)
    exec(tabs["PyTorch"].code, {  # noqa: S102 - the corner's own code
        "torch": torch, "model": types.SimpleNamespace(parameters=lambda: None),
        "epochs": len(losses), "train_one_epoch": lambda m, o: None,
        "validate": lambda m: next(feed)})
    ref = ch.plateau_trace(losses, "torch", lr0=0.1, factor=0.5, patience=2, min_lr=1e-3)
    np.testing.assert_allclose(seen, ref.lr, rtol=1e-15)

    keras = _fake_keras()
    keras_seen = []

    def fit(self, x, y, validation_data, epochs, callbacks):
        (cb,) = callbacks
        policy = compat.from_keras("ReduceLROnPlateau", lr=self.optimizer.learning_rate, **cb)
        for e in range(epochs):
            keras_seen.append(policy.step(losses[e]))

    keras.callbacks = types.SimpleNamespace(ReduceLROnPlateau=lambda **kw: kw)
    model = types.SimpleNamespace()
    model.compile = lambda optimizer, loss: setattr(model, "optimizer", optimizer)
    model.fit = types.MethodType(fit, model)
    exec(tabs["Keras 3"].code, {"keras": keras, "model": model, "loss": None, "x": 0,  # noqa: S102
                                "y": 0, "x_val": 0, "y_val": 0, "epochs": len(losses)})
    ref = ch.plateau_trace(losses, "keras", lr0=0.1, factor=0.5, patience=2, min_lr=1e-3)
    np.testing.assert_allclose(keras_seen, ref.lr, rtol=1e-15)

    class State:
        hyperparams: dict = {}

    optax = types.SimpleNamespace(inject_hyperparams=lambda f: lambda learning_rate: (
        types.SimpleNamespace(init=lambda params: State())), sgd=None)
    ns = {"optax": optax, "params": None, "val_loss": 1.0,
          "policy": compat.from_torch("ReduceLROnPlateau", lr=0.1)}
    exec(tabs["optax"].code, ns)  # noqa: S102
    assert ns["opt_state"].hyperparams["learning_rate"] == 0.1


def test_chaining_calls_agree_up_to_the_horizon():
    calls = ch.chaining_calls()
    t = np.arange(101)
    ref = calls["torch"].schedule(t)
    for name, call in calls.items():
        np.testing.assert_allclose(call.schedule(t), ref, rtol=1e-12, atol=1e-15, err_msg=name)
    # by hand: warmup from 0.01 to 0.1 over 10 steps, then the cosine restarts at its peak
    assert ref[5] == pytest.approx(0.055) and ref[10] == pytest.approx(0.1)
    assert ref[100] == pytest.approx(0.001)
    # past the horizon PyTorch's cosine rises again; Keras and optax hold the floor
    assert calls["torch"].schedule(150) > calls["keras"].schedule(150) == pytest.approx(0.001)
    with pytest.raises(ValueError, match="total"):
        ch.chaining_calls(warmup=10, total=10)


# -- porting ----------------------------------------------------------------------------------


def test_port_table_shows_each_divergence():
    rows = {r["source"]: r for r in ch.port_table(("torch", "keras", "optax"))}
    assert rows["piecewise"]["torch"] == "exact"  # milestones moved by one step
    assert rows["torch_cosine"]["keras"] == "differs from step 61 (+ exact fallback)"
    assert rows["keras_cosine"]["torch"] == "exact"  # SequentialLR holds the floor
    assert rows["optax_warmup"]["keras"] == "exact"
    assert rows["restarts"]["torch"] == "no native call"
    assert rows["inverse_time"]["torch"] == "no native call (+ exact fallback)"
    assert rows["natural_exp"]["keras"] == "exact"
    port = ch._port("piecewise", "torch")
    assert dict(port.target.params)["milestones"] == [31, 61]
    port = ch._port("keras_cosine", "torch")
    assert "eta_min=0.005" in port.target.code


def test_keras3_history_matches_what_compat_knows():
    keras3 = set(compat.names()["keras"])
    tf1 = set(compat.names()["tf"])
    assert {row[0] for row in ch.KERAS3_HISTORY} == tf1
    for _, _, now in ch.KERAS3_HISTORY:
        assert now is None or now in keras3
    dropped = [row[0] for row in ch.KERAS3_HISTORY if row[2] is None]
    assert dropped == ["natural_exp_decay", "linear_cosine_decay", "noisy_linear_cosine_decay"]


# -- explorers ----------------------------------------------------------------------------------


def test_port_checker_draws_every_combination():
    ex = ch.port_checker()
    for source in ex.controls["source"]:
        for target in ex.controls["target"]:
            ex.update(source=source, target=target)
            text = ex.describe()
            assert "port to" in text
            items = ex.readout()
            assert len(items) == 4 and items[0].code
    ex.update(source="torch_cosine", target="keras")
    assert "Differs from step 61" in ex.readout()[2].text
    assert "class Ported" in ex.readout()[3].text


def test_plateau_simulator_shows_the_off_by_one():
    ex = ch.plateau_simulator()
    ex.update(curve="plateau", onset=12, patience=2, factor=0.5, threshold="1e-4 rel", cooldown=0)
    items = {r.label: r.text for r in ex.readout()}
    assert items["PyTorch cuts after epochs"].startswith("15")
    assert items["Keras cuts after epochs"].startswith("14")
    assert "one epoch later" in items["what happened"]
    ex.update(curve="crawl", threshold="1e-2 abs")
    assert "Keras" in ex.describe()
    for curve in ex.controls["curve"]:
        for threshold in ex.controls["threshold"]:
            for patience in ex.controls["patience"]:
                ex.update(curve=curve, threshold=threshold, patience=patience)
                assert len(ex.readout()) == 7


def test_keras_to_torch_porting_rule_on_random_losses():
    """Keras (patience p, cooldown c) = PyTorch (p - 1, c - 1, absolute threshold).

    Exact while the rate stays above PyTorch's eps (here min_lr = 1e-3 keeps it there).
    """
    rng = np.random.default_rng(1)
    for _ in range(300):
        losses = np.round(rng.random(40) + np.linspace(1, 0, 40) * rng.random(), 2)
        p, c = int(rng.integers(1, 5)), int(rng.integers(1, 4))
        keras = ch.plateau_trace(losses, "keras", lr0=1.0, patience=p, cooldown=c, factor=0.5,
                                 min_delta=1e-4, min_lr=1e-3)
        torch = ch.plateau_trace(losses, "torch", lr0=1.0, patience=p - 1, cooldown=c - 1,
                                 factor=0.5, threshold=1e-4, threshold_mode="abs", min_lr=1e-3)
        np.testing.assert_array_equal(keras.lr, torch.lr)
