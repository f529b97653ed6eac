"""Framework corners: the code a learner writes, generated from what lrcourse computes.

A :class:`Call` names a framework, one of its schedule names and the
parameters, exactly as :mod:`lrcourse.compat` takes them. The same object
gives the schedule (``call.schedule``, through ``compat``) and the code shown
to the reader (``call.code``), so the two cannot disagree. A
:class:`Corner` groups calls into one tab per framework; displayed in the
book it becomes a "Framework corner" box with tabs, and in Jupyter or Colab
a plain HTML box with one section per framework.

Examples
--------
>>> from lrcourse.corner import Call
>>> call = Call("torch", "StepLR", {"lr": 0.1, "step_size": 10, "gamma": 0.5})
>>> print(call.code)
optimizer = torch.optim.SGD(params, lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
>>> call.schedule([9, 10])
array([0.1 , 0.05])

An :class:`OptimizerCall` does the same for an optimiser: ``call.optimizer``
is the lrcourse optimiser that reproduces the framework's update, and
``call.code`` the line a learner writes.

>>> from lrcourse.corner import OptimizerCall
>>> adam = OptimizerCall("optax", "adamw", {"learning_rate": 0.001})
>>> print(adam.code)
optimizer = optax.adamw(learning_rate=0.001)
>>> adam.optimizer.params["weight_decay"], adam.optimizer.params["decoupled_weight_decay"]
(0.0001, True)
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from . import compat, optim
from . import schedules as _schedules
from .compat._registry import Registry

__all__ = ["FRAMEWORKS", "OPTAX_OPTIMIZERS", "OPTIMIZER_FRAMEWORKS", "Call", "Corner", "Expr",
           "OptimizerCall", "Tab"]

#: ``key -> display name`` of the frameworks a :class:`Call` can name.
FRAMEWORKS = {
    "tf": "TensorFlow 1.x",
    "keras": "Keras 3",
    "torch": "PyTorch",
    "optax": "optax",
}

_BUILD = {
    "tf": compat.from_tf,
    "keras": compat.from_keras,
    "torch": compat.from_torch,
    "optax": compat.from_optax,
}

#: Width at which a call is broken into one argument per line.
WIDTH = 80

_EXPR_NAMES = {"math": math, "min": min, "max": max, "abs": abs}


@dataclass(frozen=True)
class Expr:
    """A parameter written as a Python expression, e.g. ``0.96 ** (1 / 1000)``.

    The value is the expression evaluated (with ``math``, ``min``, ``max`` and
    ``abs`` available), so the text shown is the value used.

    Parameters
    ----------
    text : str
        The expression, as the reader would type it.

    Raises
    ------
    ValueError
        If ``text`` is not a valid expression.
    """

    text: str

    @property
    def value(self):
        try:
            return eval(self.text, dict(_EXPR_NAMES))  # noqa: S307  (text written by the book)
        except Exception as err:
            raise ValueError(
                f"Argument `text` must be a Python expression. Received: text={self.text!r} ({err})"
            ) from err


def _literal(value) -> str:
    if isinstance(value, Expr):
        return value.text
    if isinstance(value, _Code):
        return value.text
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, float):
        return repr(float(f"{value:.12g}"))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    raise TypeError(f"Cannot write {value!r} as framework code; wrap it in Expr('...')")


def _value(value):
    if isinstance(value, Expr):
        return value.value
    if isinstance(value, Mapping):
        return {k: _value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_value(v) for v in value]
    return value


def _call_text(lhs: str, func: str, args: Sequence[str]) -> str:
    one_line = f"{lhs}{func}({', '.join(args)})"
    if len(one_line) <= WIDTH:
        return one_line
    lines, line = [], "   "
    for i, arg in enumerate(args):
        piece = f" {arg}" + ("," if i < len(args) - 1 else ")")
        if len(line) + len(piece) > WIDTH and line.strip():
            lines.append(line.rstrip())
            line = "   "
        line += piece
    lines.append(line)
    return f"{lhs}{func}(\n" + "\n".join(lines)


@dataclass(frozen=True)
class Call:
    """One framework call: its schedule and its code.

    Parameters
    ----------
    framework : {"tf", "keras", "torch", "optax"}
    name : str
        The framework's own name (``"StepLR"``, ``"exponential_decay"``...),
        one of ``lrcourse.compat.names()[framework]``.
    params : mapping
        The framework's own parameter names and values, as
        ``lrcourse.compat.from_<framework>`` takes them (for PyTorch, ``lr`` is
        the optimiser's initial rate). A value may be an :class:`Expr`.

    Raises
    ------
    ValueError
        If ``framework`` is not one of the keys of :data:`FRAMEWORKS`.
    """

    framework: str
    name: str
    params: Mapping = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.framework not in FRAMEWORKS:
            raise ValueError(
                f"Argument `framework` must be one of {', '.join(FRAMEWORKS)}. "
                f"Received: framework={self.framework!r}"
            )

    @property
    def values(self) -> dict:
        """The parameters with every :class:`Expr` evaluated."""
        return {k: _value(v) for k, v in self.params.items()}

    @property
    def schedule(self):
        """The lrcourse schedule equal to the framework's (via :mod:`lrcourse.compat`)."""
        return _BUILD[self.framework](self.name, **self.values)

    @property
    def code(self) -> str:
        """The framework code a learner would write for this call."""
        kw = [f"{k}={_literal(v)}" for k, v in self._code_params().items()]
        if self.framework == "tf":
            counter = "x=global_step" if self.name == "piecewise_constant" else "global_step=global_step"
            return _call_text("lr = ", f"tf.compat.v1.train.{self.name}", [counter, *kw])
        if self.framework == "keras":
            return _call_text("lr = ", f"keras.optimizers.schedules.{self.name}", kw)
        if self.framework == "optax":
            return _call_text("schedule = ", f"optax.{self.name}", kw)
        lr = [f"lr={_literal(v)}" for k, v in self.params.items() if k == "lr"]
        rest = [a for k, a in zip(self.params, kw, strict=True) if k != "lr"]
        return (_call_text("optimizer = ", "torch.optim.SGD", ["params", *lr]) + "\n"
                + _call_text("scheduler = ", f"torch.optim.lr_scheduler.{self.name}",
                             ["optimizer", *rest]))


    def _code_params(self) -> dict:
        """The parameters as framework code: nested (name, params) pieces become calls."""
        params = dict(self.params)
        pieces_key = {("torch", "SequentialLR"): "schedulers",
                      ("optax", "join_schedules"): "schedules"}.get((self.framework, self.name))
        if pieces_key and isinstance(params.get(pieces_key), list | tuple):
            params[pieces_key] = [_piece_code(self.framework, piece)
                                  for piece in params[pieces_key]]
        return params


# -- optimisers -----------------------------------------------------------------------------

#: ``key -> display name`` of the frameworks an :class:`OptimizerCall` can name.
OPTIMIZER_FRAMEWORKS = {"torch": "PyTorch", "keras": "Keras 3", "optax": "optax"}

#: optax optimisers as lrcourse optimisers (optax 0.2.8, ``optax/_src/alias.py`` and
#: ``transform.py``): the names, parameters and defaults are optax's. Only the
#: parameters listed are modelled; any other is refused with the accepted list.
OPTAX_OPTIMIZERS = Registry("optax", "optimizer")


@OPTAX_OPTIMIZERS.register("adagrad", names={"lr": "learning_rate",
                                             "initial_accumulator": "initial_accumulator_value"})
def _optax_adagrad(learning_rate, initial_accumulator_value=0.1, eps=1e-7):
    # scale_by_rss: sum of squares from initial_accumulator_value, g / sqrt(sum + eps)
    return optim.adagrad(learning_rate, eps=eps, eps_inside_sqrt=True,
                         initial_accumulator=initial_accumulator_value)


@OPTAX_OPTIMIZERS.register("rmsprop", names={"lr": "learning_rate", "rho": "decay",
                                             "eps_inside_sqrt": "eps_in_sqrt"})
def _optax_rmsprop(learning_rate, decay=0.9, eps=1e-8, eps_in_sqrt=True):
    # scale_by_rms (initial_scale 0, no bias correction): g / sqrt(nu + eps), or sqrt(nu) + eps
    return optim.rmsprop(learning_rate, rho=decay, eps=eps, eps_inside_sqrt=eps_in_sqrt)


@OPTAX_OPTIMIZERS.register("adam", names={"lr": "learning_rate", "beta1": "b1", "beta2": "b2"})
def _optax_adam(learning_rate, b1=0.9, b2=0.999, eps=1e-8):
    # scale_by_adam with eps_root = 0: m_hat / (sqrt(v_hat) + eps), as in PyTorch
    return optim.adam(learning_rate, beta1=b1, beta2=b2, eps=eps)


@OPTAX_OPTIMIZERS.register("adamw", names={"lr": "learning_rate", "beta1": "b1", "beta2": "b2"})
def _optax_adamw(learning_rate, b1=0.9, b2=0.999, eps=1e-8, weight_decay=1e-4):
    # scale_by_adam, add_decayed_weights(weight_decay), then the rate: -lr (adam + wd x)
    return optim.adam(learning_rate, beta1=b1, beta2=b2, eps=eps, weight_decay=weight_decay,
                      decoupled_weight_decay=True)


_OPTIMIZER_BUILD = {
    "torch": compat.optimizer_from_torch,
    "keras": compat.optimizer_from_keras,
    "optax": lambda name, **params: OPTAX_OPTIMIZERS.build(name, params),
}


@dataclass(frozen=True)
class OptimizerCall:
    """One framework optimiser: the lrcourse optimiser that equals it, and its code.

    Parameters
    ----------
    framework : {"torch", "keras", "optax"}
    name : str
        The framework's own class or function name (``"AdamW"``,
        ``"adamw"``...): for PyTorch and Keras one that
        :func:`lrcourse.compat.optimizer_from_torch` /
        ``optimizer_from_keras`` accepts, for optax one of
        :data:`OPTAX_OPTIMIZERS`.
    params : mapping
        The framework's own parameter names and values (a value may be an
        :class:`Expr`). Parameters left out take the framework's defaults.

    Raises
    ------
    ValueError
        If ``framework`` is not one of the keys of :data:`OPTIMIZER_FRAMEWORKS`.
    """

    framework: str
    name: str
    params: Mapping = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.framework not in OPTIMIZER_FRAMEWORKS:
            raise ValueError(
                f"Argument `framework` must be one of {', '.join(OPTIMIZER_FRAMEWORKS)}. "
                f"Received: framework={self.framework!r}"
            )

    @property
    def values(self) -> dict:
        """The parameters with every :class:`Expr` evaluated."""
        return {k: _value(v) for k, v in self.params.items()}

    @property
    def optimizer(self):
        """The lrcourse optimiser whose updates equal the framework's."""
        return _OPTIMIZER_BUILD[self.framework](self.name, **self.values)

    @property
    def schedule(self):
        """The learning rate of the optimiser, as an lrcourse schedule (constant for a number)."""
        lr = self.optimizer.params["lr"]  # the framework's default when the code omits it
        return lr if callable(lr) else _schedules.constant(lr)

    @property
    def code(self) -> str:
        """The line a learner writes to make this optimiser."""
        kw = [f"{k}={_literal(v)}" for k, v in self.params.items()]
        if self.framework == "torch":
            return _call_text("optimizer = ", f"torch.optim.{self.name}", ["params", *kw])
        if self.framework == "keras":
            return _call_text("optimizer = ", f"keras.optimizers.{self.name}", kw)
        return _call_text("optimizer = ", f"optax.{self.name}", kw)


@dataclass(frozen=True)
class _Code:
    """Code shown as it is inside a generated call (a nested scheduler)."""

    text: str


def _piece_code(framework: str, piece) -> object:
    if not (isinstance(piece, list | tuple) and len(piece) == 2 and isinstance(piece[0], str)):
        return piece
    name, params = piece
    args = ", ".join(f"{k}={_literal(v)}" for k, v in dict(params).items())
    if framework == "torch":
        return _Code(f"torch.optim.lr_scheduler.{name}(optimizer{', ' if args else ''}{args})")
    return _Code(f"optax.{name}({args})")


@dataclass(frozen=True)
class Tab:
    """One framework's tab in a corner: its label, calls and a short note.

    Parameters
    ----------
    label : str
        Tab title, e.g. ``"TensorFlow / Keras"``.
    calls : sequence of Call
        Calls that compute the same schedule (shown one after the other).
    note : str
        One or two sentences in MyST Markdown shown under the code (may be '').
    code : str
        Code shown instead of generated calls, for a framework that has no
        such schedule (then ``calls`` is empty and the note says why).
    """

    label: str
    calls: Sequence[Call] = ()
    note: str = ""
    code: str = ""

    @property
    def text(self) -> str:
        """The code shown in this tab."""
        if self.code:
            return self.code
        return "\n".join(c.code for c in self.calls)


@dataclass(frozen=True)
class Corner:
    """A "Framework corner" box: one tab per framework.

    Displayed as the last expression of a notebook cell, it renders as a
    MyST admonition with tabs in the book (``text/markdown``) and as a plain
    HTML box in Jupyter and Colab (``text/html``).

    Parameters
    ----------
    title : str
        Shown after "Framework corner: ".
    tabs : sequence of Tab
    sources : sequence of str
        Bibliography keys of the framework sources (cited under the tabs).
    """

    title: str
    tabs: Sequence[Tab]
    sources: Sequence[str] = ()

    def calls(self) -> list[Call]:
        """Every call in every tab."""
        return [c for tab in self.tabs for c in tab.calls]

    def _repr_markdown_(self) -> str:
        parts = [f":::::{{admonition}} Framework corner: {self.title}", ":class: tip", "",
                 "::::{tab-set}"]
        for tab in self.tabs:
            parts += [f":::{{tab-item}} {tab.label}", "", "```python", tab.text, "```"]
            if tab.note:
                parts += [tab.note]
            parts += [":::"]
        parts += ["::::"]
        if self.sources:
            parts += ["", f"Sources: {{cite}}`{','.join(self.sources)}`."]
        parts += [":::::"]
        return "\n".join(parts) + "\n"

    def _repr_html_(self) -> str:
        esc = html.escape
        body = "".join(
            f"<p><strong>{esc(tab.label)}</strong></p><pre><code>{esc(tab.text)}</code></pre>"
            + (f"<p>{esc(tab.note)}</p>" if tab.note else "")
            for tab in self.tabs
        )
        return (f'<div class="lrc-corner" style="border-left:4px solid #2e8b57;padding:.2em .8em">'
                f"<p><strong>Framework corner: {esc(self.title)}</strong></p>{body}</div>")

    def __repr__(self) -> str:
        lines = [f"Framework corner: {self.title}"]
        for tab in self.tabs:
            lines += [f"-- {tab.label}", tab.text]
            if tab.note:
                lines.append(tab.note)
        return "\n".join(lines)
