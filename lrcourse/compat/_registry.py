"""Name lookup and argument checking shared by the ``from_*`` translators."""

from __future__ import annotations

import inspect
from collections.abc import Callable

__all__ = ["Registry"]


class Registry:
    """Maps a framework's own schedule names to lrcourse translators.

    Each translator takes the framework's own parameter names (with its
    defaults) and returns an lrcourse object that reproduces it.
    """

    def __init__(self, library: str, kind: str = "schedule") -> None:
        self.library = library
        self.kind = kind
        self._entries: dict[str, Callable] = {}

    def register(self, name: str) -> Callable[[Callable], Callable]:
        def deco(fn: Callable) -> Callable:
            self._entries[name] = fn
            return fn

        return deco

    def names(self) -> list[str]:
        return sorted(self._entries)

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def signature(self, name: str) -> inspect.Signature:
        return inspect.signature(self._entries[name])

    def build(self, name: object, params: dict) -> object:
        if not isinstance(name, str) or name not in self._entries:
            raise ValueError(
                f"Unknown {self.library} {self.kind} {name!r}. "
                f"Accepted names: {', '.join(self.names())}"
            )
        sig = self.signature(name)
        accepted = list(sig.parameters)
        unknown = [p for p in params if p not in sig.parameters]
        if unknown:
            raise TypeError(
                f"{self.library} {name} got unknown parameter(s) "
                f"{', '.join(map(repr, unknown))}. Accepted parameters: {', '.join(accepted)}"
            )
        missing = [
            p.name
            for p in sig.parameters.values()
            if p.default is inspect.Parameter.empty and p.name not in params
        ]
        if missing:
            raise TypeError(
                f"{self.library} {name} is missing required parameter(s) "
                f"{', '.join(map(repr, missing))}. Accepted parameters: {', '.join(accepted)}"
            )
        return self._entries[name](**params)
