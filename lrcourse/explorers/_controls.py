"""Control specifications shared by the live widget and the static page.

A control knows its live range (for the ipywidgets slider or dropdown) and
its *grid*: the values precomputed for the static HTML book. Its label may
depend on the values of the other controls (a slider that is :math:`\\gamma`
for one schedule family and :math:`k` for another says so), in the live
widget and in the static page alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

__all__ = ["Choice", "Slider"]

Label = str | Callable[[dict], str]


def _label_for(control, values: dict) -> str:
    label = control.label
    text = label(dict(values)) if callable(label) else label
    if not isinstance(text, str) or not text:
        raise TypeError(
            f"The label of control `{control.name}` must be a non-empty str or a function "
            f"returning one. Received: {text!r}"
        )
    return text


@dataclass(frozen=True)
class Slider:
    """A numeric control.

    Parameters
    ----------
    name : str
        Keyword used by :meth:`Explorer.update` (the symbol's argument name).
    label : str or callable
        Text shown next to the control, named like the symbol in the
        equations (``"γ"``, ``"T"``). A callable ``label(values) -> str``
        gets the current values of all controls, so the label can change
        with them (the static page precomputes it for every combination).
    min, max : float
        Live range, inclusive.
    grid : sequence of float
        Values precomputed for the static book, each within ``[min, max]``,
        in increasing order.
    default : float
        Initial value; must be in ``grid``.
    step : float, optional
        Live slider increment (ignored when ``log`` is true).
    log : bool
        Use a logarithmic live slider.
    integer : bool
        Values are integers (an ``IntSlider`` when live).
    fmt : callable, optional
        Formats a value for display; default ``"{:g}"``.
    reveals : bool
        The control only reveals more of the same data (an iteration count,
        say): each curve at a smaller value is a prefix of the curve at a
        larger one. The static page then stores every curve once, and each
        position of this control costs a few bytes of references.

    Raises
    ------
    ValueError
        If ``min >= max``, the grid is out of range, unsorted or has fewer
        than 2 values, or ``default`` is not in the grid.
    """

    name: str
    label: Label
    min: float
    max: float
    grid: Sequence[float]
    default: float
    step: float | None = None
    log: bool = False
    integer: bool = False
    fmt: Callable[[float], str] = field(default=lambda v: f"{v:g}")
    reveals: bool = False

    def __post_init__(self) -> None:
        if not self.min < self.max:
            raise ValueError(f"Slider {self.name!r}: min must be < max")
        if len(self.grid) < 2:
            raise ValueError(f"Slider {self.name!r}: the grid needs at least 2 values")
        if list(self.grid) != sorted(set(self.grid)):
            raise ValueError(f"Slider {self.name!r}: grid values must be increasing")
        for v in self.grid:
            if not self.min <= v <= self.max:
                raise ValueError(f"Slider {self.name!r}: grid value {v} outside [min, max]")
        if self.default not in self.grid:
            raise ValueError(f"Slider {self.name!r}: default {self.default} must be in grid")
        if self.log and self.min <= 0:
            raise ValueError(f"Slider {self.name!r}: a log slider needs min > 0")

    @property
    def values(self) -> list:
        """The grid values, as a list."""
        return list(self.grid)

    def validate(self, value: object) -> float:
        """``value`` as the control's type.

        Raises
        ------
        TypeError
            If ``value`` is not a real number.
        ValueError
            If it is outside ``[min, max]``, or not whole for an integer slider.
        """
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(
                f"Control `{self.name}` takes a number. Received: {self.name}={value!r}"
            )
        if not (math.isfinite(value) and self.min <= value <= self.max):
            raise ValueError(
                f"Control `{self.name}` must be between {self.min:g} and {self.max:g}. "
                f"Received: {self.name}={value!r}"
            )
        if self.integer:
            if int(value) != value:
                raise ValueError(
                    f"Control `{self.name}` must be a whole number. Received: {self.name}={value!r}"
                )
            return int(value)
        return float(value)

    def label_of(self, value: object) -> str:
        """The display text of one value."""
        return self.fmt(value)

    def label_for(self, values: dict) -> str:
        """The control's label when the controls have ``values``."""
        return _label_for(self, values)


@dataclass(frozen=True)
class Choice:
    """A categorical control (dropdown live, ``<select>`` in the static book).

    Parameters
    ----------
    name : str
        Keyword used by :meth:`Explorer.update`.
    label : str or callable
        Text shown next to the control, or ``label(values) -> str``.
    options : sequence of (str, object)
        ``(display label, value)`` pairs; every option is precomputed.
    default : object
        Initial value, one of the option values.

    Raises
    ------
    ValueError
        If ``default`` is not one of the option values.
    """

    name: str
    label: Label
    options: Sequence[tuple[str, object]]
    default: object

    def __post_init__(self) -> None:
        if self.default not in self.values:
            raise ValueError(f"Choice {self.name!r}: default {self.default!r} is not an option")

    @property
    def values(self) -> list:
        """The option values, in order."""
        return [v for _, v in self.options]

    reveals = False

    def validate(self, value: object) -> object:
        """``value`` if it is an option.

        Raises
        ------
        ValueError
            If it is not one of the option values.
        """
        if value not in self.values:
            listed = ", ".join(repr(v) for v in self.values)
            raise ValueError(
                f"Control `{self.name}` must be one of {listed}. Received: {self.name}={value!r}"
            )
        return value

    def label_of(self, value: object) -> str:
        """The display text of one option value."""
        for lab, v in self.options:
            if v == value:
                return lab
        return str(value)

    def label_for(self, values: dict) -> str:
        """The control's label when the controls have ``values``."""
        return _label_for(self, values)
