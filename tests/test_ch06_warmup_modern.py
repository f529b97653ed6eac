"""Chapter 6: exercises' right answers, the composer's framework code, warmup helpers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lrcourse import compat, exercises
from lrcourse.chapters import ch06_warmup_modern as ch

#: Known-right answers, from the closed-form formulas (not from lrcourse).
RIGHT = {
    # Vaswani et al. eq. 3: d^-0.5 * min(s^-0.5, s W^-1.5); the peak is at s = W.
    # The big model (Table 3): d = 1024; s = 9000 > W, so the s^-0.5 term.
    "ch06-transformer-peak": [1024**-0.5 * 4000**-0.5, 1024**-0.5 * 9000**-0.5],
    # Goyal et al.: 0.1 * B / 256
    "ch06-linear-scaling": 0.1 * 2048 / 256,
    # Keras CosineDecay: warmup 0 -> 0.1 over 10 steps; cosine over 90 steps after it.
    "ch06-keras-cosine-warmup": [0.1 * 5 / 10, 0.1 * 0.5 * (1 + math.cos(math.pi * 45 / 90))],
    # WSD: warmup 0 -> 1 over 100, stable to 900, linear to 0 at 1000.
    "ch06-wsd-multipliers": [0.5, 1.0, 1 - 50 / 100],
    # half-life 25: 0.5 ** (50 / 25)
    "ch06-exp-half-life": 0.25,
}


def test_right_covers_every_exercise():
    assert set(RIGHT) == set(ch.CHAPTER.exercises)


@pytest.mark.parametrize("ex_id", sorted(RIGHT))
def test_right_answers_pass(ex_id):
    assert exercises.check(ex_id, RIGHT[ex_id]).passed


def test_hints_for_the_usual_mistakes():
    optax_way = [0.05, 0.1 * 0.5 * (1 + math.cos(math.pi * 45 / 80))]
    assert "optax" in exercises.check("ch06-keras-cosine-warmup", optax_way).message
    assert "square-root" in exercises.check("ch06-linear-scaling",
                                            0.1 * math.sqrt(8)).message
    assert "8192" in exercises.check("ch06-linear-scaling", 3.2).message  # printed in the chapter
    printed = [512**-0.5 * 4000**-0.5, 512**-0.5 * 16000**-0.5]  # the chapter's d = 512 values
    assert "d = 1024" in exercises.check("ch06-transformer-peak", printed).message
    assert "base model" in exercises.check("ch06-transformer-peak",
                                           [512**-0.5 * 4000**-0.5, 512**-0.5 * 9000**-0.5]).message
    assert exercises.check("ch06-transformer-peak", RIGHT["ch06-transformer-peak"]).passed
    assert RIGHT["ch06-transformer-peak"][1] == pytest.approx(RIGHT["ch06-transformer-peak"][0] * 2 / 3)


def test_transformer_peak_is_the_maximum_of_the_paper_formula():
    s = np.arange(1, 20001)
    paper = 512**-0.5 * np.minimum(s**-0.5, s * 4000**-1.5)
    assert paper.max() == pytest.approx(ch.transformer_peak(512, 4000), rel=1e-12)
    assert s[paper.argmax()] == 4000


def test_radam_rho_matches_the_paper():
    # rho_1 = 1 for any beta2; rho_inf = 2/(1-b2) - 1; tractable (rho > 4) from t = 5 (b2 = .999)
    assert ch.radam_rho(1, beta2=0.9) == pytest.approx(1.0)
    rho = ch.radam_rho(np.arange(1, 10))
    assert np.all(np.diff(rho) > 0)
    assert int(np.argmax(rho > 4)) + 1 == 5
    assert ch.radam_rho(10**7) == pytest.approx(1999.0)


@pytest.mark.parametrize(("kwargs", "pattern"), [
    ({"t": 0}, "Argument `t` must hold update numbers >= 1"),
    ({"t": 1, "beta2": 1.0}, "Argument `beta2` must be < 1"),
])
def test_radam_rho_bad_input(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        ch.radam_rho(**kwargs)


def test_linear_scaling_bad_input():
    with pytest.raises(ValueError, match="Argument `batch_size` must be >= 1"):
        ch.linear_scaling(0)


@pytest.mark.parametrize("main", sorted(ch.MAIN_BLOCKS))
@pytest.mark.parametrize("w", [0, 50, 200])
def test_composed_call_blocks(main, w):
    call = ch.composed_call(w, main, 1000, decay_fraction=0.2)
    lr = call.schedule(np.arange(1001))
    assert lr[w] == pytest.approx(0.1)
    assert lr[1000] == pytest.approx(0.001)
    if w:
        assert lr[0] == pytest.approx(0.001)
        np.testing.assert_allclose(lr[: w + 1], 0.001 + (0.1 - 0.001) * np.arange(w + 1) / w,
                                   rtol=1e-12)
    if main == "wsd":
        assert np.all(lr[w:800] == pytest.approx(0.1))
        assert lr[900] == pytest.approx(0.1 - 0.5 * (0.1 - 0.001))


@pytest.mark.parametrize("main", sorted(ch.MAIN_BLOCKS))
def test_composer_ports_are_exact(main):
    call = ch.composed_call(100, main, 1000)
    steps = range(1001)
    for to in ("keras", "optax"):
        p = compat.port(call, to, steps=steps)
        assert p.identical or p.fallback, (to, p.note)


def test_composed_call_bad_input():
    with pytest.raises(ValueError, match="Argument `total_steps` must be > warmup_steps"):
        ch.composed_call(100, "cosine", 100)
    with pytest.raises(ValueError, match="Argument `main` must be one of"):
        ch.composed_call(10, "step", 100)
    with pytest.raises(ValueError, match="Argument `decay_fraction` must leave a stable phase"):
        ch.composed_call(90, "wsd", 100, decay_fraction=0.2)


def test_warmup_cosine_corner_tabs_agree_after_the_warmup():
    corner = ch.warmup_cosine_corner(0.1, 10, 90)
    t = np.arange(10, 150)
    keras, optax_, torch = (c.schedule(t) for c in corner.calls())
    np.testing.assert_allclose(keras, optax_, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(torch[t <= 100], keras[t <= 100], rtol=1e-12, atol=1e-15)


def test_inverse_sqrt_corner_lambda_is_the_schedule():
    call = ch.inverse_sqrt_corner(512, 4000).calls()[0]
    ref = ch.S.inverse_sqrt(ch.transformer_peak(512, 4000), warmup_steps=4000)
    t = np.array([0, 3999, 15999])
    np.testing.assert_allclose(call.schedule(t), ref(t), rtol=1e-12)


def test_warmup_runs_shapes_and_claim():
    runs = ch.warmup_runs(seeds=2, steps=20)
    assert set(runs) == {"no warmup", "linear warmup"}
    assert all(a.shape == (2, 20) for a in runs.values())
    with pytest.raises(ValueError, match="Argument `seeds` must be >= 1"):
        ch.warmup_runs(seeds=0)


def test_explorer_extension_readout():
    e = ch.schedule_composer()
    e.update(W=100, main="wsd", f_d=0.2, T=ch.EXTENDED)
    assert "step 800" in e.readout()[-1].text
    e.update(main="cosine")
    assert "differs from step 101" in e.readout()[-1].text
    e.update(T=ch.BUDGET)
    assert e.readout()[-1].text == ""


def test_schedule_free_runs_shapes_and_reading_times():
    out = ch.schedule_free_runs(stops=(20, 50), seeds=3)
    assert set(out["final"]) == {20, 50}
    for T, row in out["final"].items():
        assert set(row) == {"constant rate", "cosine planned for T", "schedule-free"}
        assert all(v.shape == (3,) for v in row.values())
        # one constant-rate run and one schedule-free run are read at each stopping time
        np.testing.assert_array_equal(row["constant rate"], out["curves"]["constant rate"][:, T])
        np.testing.assert_array_equal(row["schedule-free"],
                                      out["curves"]["schedule-free (at x)"][:, T])
    np.testing.assert_array_equal(out["final"][50]["cosine planned for T"],
                                  out["curves"]["cosine, T = 50"][:, 50])


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"stops": (50, 20)}, "stops"), ({"stops": ()}, "stops"), ({"stops": (0,)}, "stops"),
    ({"seeds": 0}, "seeds"), ({"lr": 0.0}, "lr"), ({"beta": 1.0}, "beta"),
])
def test_schedule_free_runs_names_bad_arguments(kwargs, name):
    with pytest.raises((TypeError, ValueError), match=f"`{name}`"):
        ch.schedule_free_runs(**kwargs)
