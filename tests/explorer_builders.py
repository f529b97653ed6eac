"""Every explorer the explorer tests cover: the catalog's and the chapter template's.

The template's explorer is the one new chapters copy, so it is held to the
same contract (fidelity, blitting, readability) as the book's explorers.
"""

from __future__ import annotations

from lrcourse.chapters import _template
from lrcourse.explorers import catalog


def builders() -> dict:
    """``name -> builder`` of the catalog's explorers and the template's."""
    return {**catalog(), **_template.CHAPTER.explorers}
