"""Name lookup and argument checking shared by the ``from_*`` translators."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping

__all__ = ["Registry"]


def in_framework_names(message: str, names: Mapping[str, str]) -> str:
    """Rewrite lrcourse argument names in an error message into the framework's.

    lrcourse messages name an argument as ``Argument `name` ...`` and show
    the value as ``name=value``; both spellings are replaced, nothing else.
    """
    for ours, theirs in names.items():
        message = message.replace(f"`{ours}`", f"`{theirs}`")
        message = re.sub(rf"(?<![\w.\[]){re.escape(ours)}=", f"{theirs}=", message)
    return message


class Registry:
    """Maps a framework's own schedule names to lrcourse translators.

    Each translator takes the framework's own parameter names (with its
    defaults) and returns an lrcourse object that reproduces it. ``names``
    given at registration maps the lrcourse parameter names that a
    translator passes a framework argument to unchanged, so that an error
    raised by lrcourse names the argument as the user typed it.
    """

    def __init__(self, library: str, kind: str = "schedule") -> None:
        self.library = library
        self.kind = kind
        self._entries: dict[str, Callable] = {}
        self._names: dict[str, dict[str, str]] = {}

    def register(
        self, name: str, names: Mapping[str, str] | None = None
    ) -> Callable[[Callable], Callable]:
        def deco(fn: Callable) -> Callable:
            self._entries[name] = fn
            self._names[name] = dict(names or {})
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
        try:
            return self._entries[name](**params)
        except (TypeError, ValueError) as exc:
            renamed = in_framework_names(str(exc), self._names[name])
            if renamed == str(exc) or type(exc) not in (TypeError, ValueError):
                raise
            raise type(exc)(renamed) from None
