"""Command line: ``python -m lrcourse show "torch:StepLR(lr=0.1, step_size=10)"``.

For people who never open the book: print what a framework's schedule
really gives, step by step, or draw it (``show``); or find the closest call
in another framework and where it differs (``port``, see
:func:`lrcourse.compat.port`).

A schedule is written as ``framework:Name(arguments)``, with the framework's
own name and parameter names (``tf``, ``keras``, ``torch`` or ``optax``, as
in :mod:`lrcourse.compat`). Arguments must be literals: numbers, strings,
``True``/``False``/``None``, lists, tuples and dicts of them. The text is
parsed with :mod:`ast` and never evaluated, so it cannot run code.

Examples
--------
>>> from lrcourse.cli import parse_schedule
>>> call = parse_schedule("keras:CosineDecay(0.1, 1000, alpha=0.01)")
>>> call.framework, call.name, dict(call.params)
('keras', 'CosineDecay', {'initial_learning_rate': 0.1, 'decay_steps': 1000, 'alpha': 0.01})
>>> main(["show", "torch:StepLR(lr=0.1, step_size=2, gamma=0.5)", "--steps", "0:4"])
step lr
0 0.1
1 0.1
2 0.05
3 0.05
0
"""

from __future__ import annotations

import argparse
import ast
import math
import sys
import warnings
from collections.abc import Sequence

import numpy as np

from . import compat
from .corner import FRAMEWORKS, Call

__all__ = ["ExpressionError", "main", "parse_schedule", "parse_steps"]

_ALIASES = {"tensorflow": "tf", "tf1": "tf", "pytorch": "torch"}
_REGISTRIES = {
    "tf": compat._tf.TF,
    "keras": compat._keras.KERAS,
    "torch": compat._torch.TORCH,
    "optax": compat._optax.OPTAX,
}


class ExpressionError(ValueError):
    """A schedule expression that cannot be read; the message says what and where."""


def _where(text: str, col: int) -> str:
    return f"\n  {text}\n  {' ' * col}^"


def _literal(node: ast.AST, text: str, offset: int, what: str):
    try:
        return ast.literal_eval(node)
    except ValueError:
        col = offset + getattr(node, "col_offset", 0)
        found = ast.get_source_segment(text[offset:], node) or type(node).__name__
        raise ExpressionError(
            f"{what} must be a literal (a number, a string, True/False/None, or a list, "
            f"tuple or dict of them); found `{found}` at column {col + 1}:"
            + _where(text, col)
        ) from None


def parse_schedule(text: str) -> Call:
    """Read ``"framework:Name(arguments)"`` into a :class:`~lrcourse.corner.Call`.

    Parameters
    ----------
    text : str
        For example ``"torch:OneCycleLR(max_lr=0.1, total_steps=1000)"``.
        Positional arguments follow the framework's own order (not for
        PyTorch, whose first argument is the optimizer: use keywords, and
        give the optimizer's rate as ``lr=``).

    Returns
    -------
    Call
        Its ``schedule`` is the lrcourse schedule and its ``code`` the
        framework code.

    Raises
    ------
    ExpressionError
        (a ``ValueError``) if the text is not of that form, names an unknown
        framework or schedule, or has a non-literal argument; the message
        shows where.

    References
    ----------
    .. [1] Python documentation, :func:`ast.literal_eval`: literals only.

    Examples
    --------
    >>> parse_schedule("optax:cosine_decay_schedule(0.1, 100)").params
    {'init_value': 0.1, 'decay_steps': 100}
    """
    if not isinstance(text, str):
        raise ExpressionError(f"Argument `text` must be a string. Received: {text!r}")
    head, sep, rest = text.partition(":")
    framework = _ALIASES.get(head.strip().lower(), head.strip().lower())
    if not sep or framework not in FRAMEWORKS:
        raise ExpressionError(
            "A schedule is written framework:Name(arguments), with framework one of "
            f"{', '.join(FRAMEWORKS)}; for example torch:StepLR(lr=0.1, step_size=30). "
            f"Received: {text!r}"
        )
    offset = len(head) + 1
    try:
        tree = ast.parse(rest.strip() and rest, mode="eval")
    except SyntaxError as err:
        col = offset + max((err.offset or 1) - 1, 0)
        raise ExpressionError(
            f"Cannot parse the schedule at column {col + 1} ({err.msg}):" + _where(text, col)
        ) from None
    node = tree.body
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
        raise ExpressionError(
            f"After '{head}:' write the schedule's name and its arguments in parentheses, "
            f"e.g. {head}:{_REGISTRIES[framework].names()[0]}(...). Received: {rest.strip()!r}"
        )
    name = node.func.id
    registry = _REGISTRIES[framework]
    if name not in registry:
        raise ExpressionError(
            f"Unknown {registry.library} schedule {name!r}. Accepted names: "
            f"{', '.join(registry.names())}"
        )
    params: dict = {}
    if node.args:
        if framework == "torch":
            raise ExpressionError(
                f"Write the arguments of torch:{name} by keyword: a PyTorch scheduler takes the "
                "optimizer first, and here its rate is given as lr=..."
            )
        order = list(registry.signature(name).parameters)
        if len(node.args) > len(order):
            raise ExpressionError(
                f"{name} takes at most {len(order)} arguments ({', '.join(order)}). "
                f"Received: {len(node.args)} positional"
            )
        for pname, arg in zip(order, node.args, strict=False):
            params[pname] = _literal(arg, text, offset, f"Argument {pname!r} of {name}")
    for kw in node.keywords:
        if kw.arg is None:
            raise ExpressionError(f"`**` is not allowed in a schedule expression: {text!r}")
        if kw.arg in params:
            raise ExpressionError(f"{name} got argument {kw.arg!r} twice. Received: {text!r}")
        params[kw.arg] = _literal(kw.value, text, offset, f"Argument {kw.arg!r} of {name}")
    return Call(framework, name, params)


def parse_steps(text: str) -> range:
    """Read ``"start:stop"`` or ``"start:stop:step"`` (stop excluded) into a range.

    Parameters
    ----------
    text : str
        For example ``"0:1000"`` or ``"0:10000:100"``; a single number ``n``
        means ``0:n``.

    Returns
    -------
    range

    Raises
    ------
    ExpressionError
        If the text is not of that form, or the range is empty or negative.

    References
    ----------
    .. [1] Python documentation, slices: ``start:stop:step`` with ``stop`` excluded.

    Examples
    --------
    >>> parse_steps("0:1000:250")
    range(0, 1000, 250)
    """
    parts = text.split(":")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        numbers = None
    if numbers is None or not 1 <= len(numbers) <= 3:
        raise ExpressionError(
            f"--steps must be start:stop or start:stop:step with integers (stop excluded), "
            f"e.g. 0:1000. Received: {text!r}"
        )
    steps = range(numbers[0]) if len(numbers) == 1 else range(*numbers)
    if len(steps) == 0 or steps.start < 0 or steps.step <= 0:
        raise ExpressionError(
            f"--steps must give at least one step >= 0, counting up. Received: {text!r}"
        )
    return steps


def parse_losses(text: str) -> list[float]:
    """Read ``"1.0,0.9,0.9"`` (one validation loss per epoch) into a list of floats.

    Parameters
    ----------
    text : str
        Comma-separated finite numbers, at least one.

    Returns
    -------
    list of float

    Raises
    ------
    ExpressionError
        If an entry is not a finite number.

    Examples
    --------
    >>> parse_losses("1.0, 0.9,0.9")
    [1.0, 0.9, 0.9]
    """
    out = []
    for i, part in enumerate(text.split(","), start=1):
        try:
            value = float(part)
        except ValueError:
            value = float("nan")
        if not math.isfinite(value):
            raise ExpressionError(
                "--losses must be finite numbers separated by commas, one per epoch, "
                f"e.g. 1.0,0.9,0.9. Received: entry {i} = {part.strip()!r} in {text!r}"
            )
        out.append(value)
    return out


def _is_policy(obj) -> bool:
    """A plateau policy: fed one loss per epoch (``step``), not a function of the step."""
    return hasattr(obj, "step") and not callable(obj)


def _show(args) -> int:
    call = parse_schedule(args.schedule)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", compat.FrameworkBehaviourWarning)
        schedule = call.schedule
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    if _is_policy(schedule):
        if args.losses is None:
            raise ExpressionError(
                f"{call.name} lowers the rate from the validation losses, not from the step: "
                "give one loss per epoch with --losses, e.g. --losses 1.0,0.9,0.9,0.9. "
                f"Received: {args.schedule!r} without --losses"
            )
        losses = parse_losses(args.losses)
        rates = [schedule.step(m) for m in losses]
        epochs = range(1, len(losses) + 1)
        if args.plot:
            return _plot({f"{call.framework}:{call.name}": lambda e: np.asarray(rates)[
                np.asarray(e, dtype=int) - 1]}, epochs, args, xlabel="epoch (from 1)")
        print("epoch loss lr_after_epoch")
        for e, m, v in zip(epochs, losses, rates, strict=True):
            print(f"{e} {m:.10g} {float(v):.10g}")
        return 0
    if args.losses is not None:
        raise ExpressionError(
            f"--losses is only for ReduceLROnPlateau; {call.name} is a function of the step "
            f"(use --steps). Received: --losses {args.losses!r}"
        )
    steps = parse_steps(args.steps)
    values = schedule(list(steps))
    if args.plot:
        return _plot({f"{call.framework}:{call.name}": schedule}, steps, args)
    print("step lr")
    for k, v in zip(steps, values, strict=True):
        print(f"{k} {float(v):.10g}")
    return 0


def _plot(curves, steps, args, **kw) -> int:
    from .plotting import plot_schedules

    fig = plot_schedules(curves, steps=steps, title=args.schedule, **kw)
    fig.savefig(args.plot)
    print(f"wrote {args.plot}")
    return 0


def _port(args) -> int:
    steps = parse_steps(args.steps) if args.steps else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", compat.FrameworkBehaviourWarning)
        result = compat.port(args.schedule, args.to, steps=steps)
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    print(result.report())
    return 0 if result.identical or result.fallback is not None else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    ``show`` returns 0. ``port`` returns 0 when it found an exact port (a
    native call or the fallback code) and 1 when it did not. A bad
    expression or argument returns 2 with a message on standard error.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after ``python -m lrcourse`` (default: ``sys.argv[1:]``).

    Returns
    -------
    int

    References
    ----------
    .. [1] Python documentation, :mod:`argparse`.
    """
    parser = argparse.ArgumentParser(
        prog="python -m lrcourse",
        description="What a framework's learning-rate schedule really gives, step by step.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser(
        "show",
        help="print a schedule's values (or draw them)",
        description='Print the rate at each step, e.g. "torch:OneCycleLR(max_lr=0.1, '
        'total_steps=1000)" --steps 0:1000.',
    )
    show.add_argument("schedule", help='framework:Name(arguments), e.g. "keras:CosineDecay(0.1, 1000)"')
    show.add_argument("--steps", default="0:10", help="start:stop[:step], stop excluded (default 0:10)")
    show.add_argument("--plot", metavar="FILE.png", help="write a figure instead of printing")
    show.add_argument("--losses", metavar="L1,L2,...",
                      help="ReduceLROnPlateau only: one validation loss per epoch")
    port = sub.add_parser(
        "port",
        help="the closest call in another framework, and where it differs",
        description='Port a schedule, e.g. "keras:CosineDecay(0.1, 1000, alpha=0.01)" --to torch. '
        "Exit status 0: an exact port exists; 1: none does.",
    )
    port.add_argument("schedule", help="framework:Name(arguments)")
    port.add_argument("--to", required=True, choices=sorted(FRAMEWORKS), help="target framework")
    port.add_argument("--steps", help="steps compared, start:stop[:step] (default: past the horizon)")
    args = parser.parse_args(argv)
    try:
        return _show(args) if args.command == "show" else _port(args)
    except (ValueError, TypeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
