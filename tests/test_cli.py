"""python -m lrcourse: schedule expressions are read safely and shown exactly."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest

from lrcourse import compat
from lrcourse.cli import ExpressionError, main, parse_schedule, parse_steps


@pytest.mark.parametrize(
    ("text", "framework", "name", "params"),
    [
        ("keras:CosineDecay(0.1, 1000, alpha=0.01)", "keras", "CosineDecay",
         {"initial_learning_rate": 0.1, "decay_steps": 1000, "alpha": 0.01}),
        ("torch:OneCycleLR(max_lr=0.1, total_steps=1000)", "torch", "OneCycleLR",
         {"max_lr": 0.1, "total_steps": 1000}),
        ("tf:piecewise_constant(boundaries=[10, 20], values=[0.1, 0.01, 1e-3])", "tf",
         "piecewise_constant", {"boundaries": [10, 20], "values": [0.1, 0.01, 1e-3]}),
        ("optax:piecewise_constant_schedule(0.1, {100: 0.5, 200: -0.5})", "optax",
         "piecewise_constant_schedule", {"init_value": 0.1,
                                         "boundaries_and_scales": {100: 0.5, 200: -0.5}}),
        ("PyTorch:StepLR(lr=0.1, step_size=3)", "torch", "StepLR", {"lr": 0.1, "step_size": 3}),
    ],
)
def test_expressions_become_the_framework_call(text, framework, name, params):
    call = parse_schedule(text)
    assert (call.framework, call.name, dict(call.params)) == (framework, name, params)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("StepLR(lr=0.1)", r"framework:Name\(arguments\)"),
        ("jax:StepLR(lr=0.1)", r"framework one of tf, keras, torch, optax"),
        ("torch:StepLR(lr=0.1, step_size=3", r"column 13 .*never closed"),
        ("torch:StepLR(lr=0.1, step_size=__import__('os'))", r"'step_size' .* literal.*column 32"),
        ("torch:StepLR(lr=0.1, step_size=x.y)", r"must be a literal"),
        ("torch:os.system('ls')", r"schedule's name and its arguments"),
        ("torch:StepLR(0.1, 3)", r"by keyword"),
        ("torch:NoSuchLR(lr=0.1)", r"Unknown PyTorch .* 'NoSuchLR'. Accepted names: .*StepLR"),
        ("keras:CosineDecay(0.1, 1000, 0.0, 'n', 1, 2, 3, 4, 5)", r"at most"),
        ("torch:StepLR(lr=0.1, lr=0.2)", r"(twice|repeated)"),
        ("torch:StepLR(**{'lr': 0.1})", r"`\*\*` is not allowed"),
    ],
)
def test_bad_expressions_say_what_and_where(text, message):
    with pytest.raises(ExpressionError, match=message):
        parse_schedule(text)


def test_steps_are_python_slices():
    assert parse_steps("0:1000") == range(0, 1000)
    assert parse_steps("10:100:30") == range(10, 100, 30)
    assert parse_steps("5") == range(5)
    for bad in ("0:0", "a:b", "-5:3", "0:10:-1", "1:2:3:4", ""):
        with pytest.raises(ExpressionError, match=r"--steps"):
            parse_steps(bad)


def test_show_prints_the_compat_values(capsys):
    assert main(["show", "torch:OneCycleLR(max_lr=0.1, total_steps=1000)",
                 "--steps", "0:1000:50"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "step lr"
    steps = [int(line.split()[0]) for line in lines[1:]]
    values = [float(line.split()[1]) for line in lines[1:]]
    assert steps == list(range(0, 1000, 50))
    ref = compat.from_torch("OneCycleLR", max_lr=0.1, total_steps=1000)(steps)
    np.testing.assert_allclose(values, ref, rtol=1e-9)


def test_show_reports_framework_behaviour_as_a_warning_line(capsys):
    assert main(["show", "optax:exponential_decay(0.1, 0, 0.5)", "--steps", "3"]) == 0
    out = capsys.readouterr()
    assert out.out.split() == ["step", "lr", "0", "0.1", "1", "0.1", "2", "0.1"]
    assert out.err.startswith("warning: optax's exponential_decay treats transition_steps=0")


def test_bad_input_exits_2_with_the_frameworks_words(capsys):
    assert main(["show", "torch:StepLR(lr=0.1, step_size=0)"]) == 2
    assert capsys.readouterr().err == (
        "error: Argument `step_size` must be >= 1. Received: step_size=0\n"
    )


def test_plot_writes_a_png(tmp_path, capsys):
    out = tmp_path / "s.png"
    assert main(["show", "keras:CosineDecay(0.1, 100)", "--steps", "0:150", "--plot",
                 str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert capsys.readouterr().out == f"wrote {out}\n"


def test_module_entry_point():
    run = subprocess.run(
        [sys.executable, "-m", "lrcourse", "show", "tf:exponential_decay(0.1, 10, 0.5)",
         "--steps", "0:30:10"],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["step", "lr", "0", "0.1", "10", "0.05", "20", "0.025"]


def test_port_prints_the_closest_call_and_exits_0_when_exact(capsys):
    assert main(["port", "keras:CosineDecay(0.1, 1000, alpha=0.01)", "--to", "torch",
                 "--steps", "0:1000"]) == 0
    out = capsys.readouterr().out
    assert "CosineAnnealingLR(" in out and "identical over steps 0..999" in out


def test_port_without_an_exact_port_exits_1(capsys):
    assert main(["port", "torch:CosineAnnealingLR(lr=0.1, T_max=100)", "--to", "tf"]) == 1
    out = capsys.readouterr().out
    assert "differs from step 101" in out


def test_port_bad_target_is_an_argparse_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["port", "torch:StepLR(lr=0.1, step_size=3)", "--to", "jax"])
    assert info.value.code == 2
    assert "invalid choice: 'jax'" in capsys.readouterr().err


def test_the_readme_commands_run(tmp_path, monkeypatch, capsys):
    import shlex
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    commands = [line for line in readme.splitlines() if line.startswith("python -m lrcourse ")]
    assert len(commands) >= 3
    monkeypatch.chdir(tmp_path)
    for line in commands:
        argv = shlex.split(line)[3:]
        assert main(argv) == 0, line
    assert (tmp_path / "cosine.png").exists()


def test_show_replays_a_plateau_policy_epoch_by_epoch(capsys):
    losses = "1.0,0.9,0.9,0.9,0.9"
    assert main(["show", "torch:ReduceLROnPlateau(lr=1.0, patience=2, factor=0.1)",
                 "--losses", losses]) == 0
    torch_out = capsys.readouterr().out.splitlines()
    assert main(["show", "keras:ReduceLROnPlateau(lr=1.0, patience=2, factor=0.1)",
                 "--losses", losses]) == 0
    keras_out = capsys.readouterr().out.splitlines()
    assert torch_out[0] == keras_out[0] == "epoch loss lr_after_epoch"
    # PyTorch cuts after the 3rd bad epoch (epoch 5), Keras after the 2nd (epoch 4)
    assert [float(r.split()[2]) for r in torch_out[1:]] == [1.0, 1.0, 1.0, 1.0, 0.1]
    assert [float(r.split()[2]) for r in keras_out[1:]] == [1.0, 1.0, 1.0, 0.1, 0.1]


def test_show_plots_a_plateau_policy(tmp_path, capsys):
    out = tmp_path / "plateau.png"
    assert main(["show", "torch:ReduceLROnPlateau(lr=1.0, patience=0)", "--losses", "1,1,1",
                 "--plot", str(out)]) == 0
    assert out.stat().st_size > 1000


@pytest.mark.parametrize(("argv", "message"), [
    (["show", "torch:ReduceLROnPlateau(lr=0.1)"], r"give one loss per epoch with --losses"),
    (["show", "torch:ReduceLROnPlateau(lr=0.1)", "--losses", "1.0,,0.9"],
     r"--losses must be finite numbers .* entry 2 = ''"),
    (["show", "torch:ReduceLROnPlateau(lr=0.1)", "--losses", "1.0,nan"],
     r"entry 2 = 'nan'"),
    (["show", "torch:StepLR(lr=0.1, step_size=2)", "--losses", "1,2"],
     r"--losses is only for ReduceLROnPlateau; StepLR is a function of the step"),
])
def test_show_losses_errors(argv, message, capsys):
    assert main(argv) == 2
    assert re.search(message, capsys.readouterr().err)
