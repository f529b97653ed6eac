"""The texts of every verdict: one copy, used by :func:`check` and by the book's answer boxes.

Each entry is a Python format string. :func:`lrcourse.exercises.check`
fills it with :meth:`str.format`; the book's answer-box script
(``_ext/assets/lrcourse-answers.js``) receives the same strings with the
page data (:func:`lrcourse.exercises.page_data`) and fills them itself. The
script understands only this subset of the format syntax, so keep to it:

* ``{name}`` with a str, an int, or a float that is not finite
  (written ``nan``, ``inf``, ``-inf`` as Python writes them);
* ``{name:g}`` and ``{name:.Ng}`` with a number (Python's general format).

tests/test_answer_matching.py runs the script against :func:`check` for many
answers to every exercise, so a text changed here changes in both places.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # -- a right answer ---------------------------------------------------------------
    "number_right": "Well done: that is the right value.",
    "sequence_right": "All {n} values are right.",
    # -- a wrong sequence (a list of numbers) ----------------------------------------
    "entry_not_finite": "Entry {i} of your list is {value}, not a finite number.",
    "wrong_length": "Your list has {n} entries; the exercise asks for {expected_n}.",
    # Never the expected value: any wrong list would then reveal the answer entry by entry.
    "first_difference": "First difference at {label} {where:g}: you have {value:.6g}, which is not right.",
    "one_ahead": (
        "Your values are one {label} ahead: it looks like you counted from "
        "{label} {next} instead of {label} {first} (off-by-one)."
    ),
    "one_behind": (
        "Your values lag one {label} behind: each change comes one {label} too late (off-by-one)."
    ),
    # -- a wrong single number --------------------------------------------------------
    "number_not_finite": "Your answer is {value}, not a finite number.",
    "number_wrong": "You have {value:.6g}; expected value differs (relative error {rel:.2g}).",
    "number_wrong_zero": "You have {value:.6g}.",
    # -- only in the book's answer boxes (check() raises TypeError instead) ------------
    "page_empty": "Type your answer in the box first.",
    "page_unreadable": "I could not read '{token}' as a number.",
    "page_one_number": "This exercise asks for one number; you typed {n}.",
}


def message(key: str, **values) -> str:
    """``MESSAGES[key]`` filled with ``values``."""
    return MESSAGES[key].format(**values)
