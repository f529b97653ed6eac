"""Checks shared by the public-API tests of lrcourse.schedules, .optim and .compat."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

# Framework spellings of a rate: lrcourse uses lr0, peak_lr, end_lr (and lr for
# optimisers); these belong in lrcourse.compat only.
RATE_NAMES_OF_FRAMEWORKS = {
    "base_lr",
    "max_lr",
    "init_value",
    "peak_value",
    "end_value",
    "learning_rate",
    "initial_learning_rate",
    "end_learning_rate",
    "warmup_target",
    "eta_min",
}

# Words that speak to the authors of the course, not to its users.
_INTERNAL = [
    (r"\bthe issue\b", "refers to 'the issue'"),
    (r"\bsyllabus\b", "refers to the syllabus"),
    (r"\bcourse plan\b", "refers to the course plan"),
    (r"\barticle\b", "refers to a source article"),
    (r"\b[A-Z]\d+-\d+\b", "carries a source id such as S0-01"),
]

_POSITIONAL = (
    inspect.Parameter.POSITIONAL_ONLY,
    inspect.Parameter.POSITIONAL_OR_KEYWORD,
    inspect.Parameter.VAR_POSITIONAL,
)


def positional_after_first(obj):
    """Names of the parameters after the first that can be given by position."""
    if inspect.isclass(obj):
        params = list(inspect.signature(obj.__init__).parameters.values())[1:]  # self
    else:
        params = list(inspect.signature(obj).parameters.values())
    return [p.name for p in params[1:] if p.kind in _POSITIONAL]


def _section(doc, title):
    return re.search(rf"^\s*{title}\n\s*-{{{len(title)}}}\s*$", doc, re.MULTILINE) is not None


def docstring_problems(obj, *, sections=("Raises", "References")):
    """What is wrong with a public object's docstring (an empty list if nothing)."""
    doc = inspect.getdoc(obj) or ""
    problems = [f"no numpydoc `{s}` section" for s in sections if not _section(doc, s)]
    for pattern, what in _INTERNAL:
        if re.search(pattern, doc, re.IGNORECASE):
            problems.append(what)
    return problems


def module_docstring_problems(package):
    """Internal references in the docstrings of a package and its modules."""
    problems = []
    modules = [package] + [
        importlib.import_module(f"{package.__name__}.{m.name}")
        for m in pkgutil.iter_modules(package.__path__)
    ]
    for module in modules:
        doc = module.__doc__ or ""
        for pattern, what in _INTERNAL:
            if re.search(pattern, doc, re.IGNORECASE):
                problems.append(f"{module.__name__}: {what}")
    return problems
