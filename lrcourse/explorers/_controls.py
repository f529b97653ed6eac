"""Control specifications shared by the live widget and the static page.

A control knows its live range (for the ipywidgets slider or dropdown) and
its *grid*: the few values precomputed for the static HTML book.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

__all__ = ["Choice", "Slider"]


@dataclass(frozen=True)
class Slider:
    """A numeric control.

    Parameters
    ----------
    name : str
        Keyword used by :meth:`Explorer.update` (the symbol's argument name).
    label : str
        Text shown next to the control (may contain a Unicode symbol).
    min, max : float
        Live range, inclusive.
    grid : sequence of float
        Values precomputed for the static book, each within ``[min, max]``.
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
    """

    name: str
    label: str
    min: float
    max: float
    grid: Sequence[float]
    default: float
    step: float | None = None
    log: bool = False
    integer: bool = False
    fmt: Callable[[float], str] = field(default=lambda v: f"{v:g}")

    def __post_init__(self) -> None:
        if not self.min < self.max:
            raise ValueError(f"Slider {self.name!r}: min must be < max")
        for v in self.grid:
            if not self.min <= v <= self.max:
                raise ValueError(f"Slider {self.name!r}: grid value {v} outside [min, max]")
        if self.default not in self.grid:
            raise ValueError(f"Slider {self.name!r}: default {self.default} must be in grid")
        if self.log and self.min <= 0:
            raise ValueError(f"Slider {self.name!r}: a log slider needs min > 0")

    @property
    def values(self) -> list:
        return list(self.grid)

    def validate(self, value: object) -> float:
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
        return self.fmt(value)


@dataclass(frozen=True)
class Choice:
    """A categorical control (dropdown live, ``<select>`` in the static book).

    Parameters
    ----------
    name : str
        Keyword used by :meth:`Explorer.update`.
    label : str
        Text shown next to the control.
    options : sequence of (str, object)
        ``(display label, value)`` pairs; every option is precomputed.
    default : object
        Initial value, one of the option values.
    """

    name: str
    label: str
    options: Sequence[tuple[str, object]]
    default: object

    def __post_init__(self) -> None:
        if self.default not in self.values:
            raise ValueError(f"Choice {self.name!r}: default {self.default!r} is not an option")

    @property
    def values(self) -> list:
        return [v for _, v in self.options]

    def validate(self, value: object) -> object:
        if value not in self.values:
            listed = ", ".join(repr(v) for v in self.values)
            raise ValueError(
                f"Control `{self.name}` must be one of {listed}. Received: {self.name}={value!r}"
            )
        return value

    def label_of(self, value: object) -> str:
        for lab, v in self.options:
            if v == value:
                return lab
        return str(value)
