"""Blitting: an update that redraws only the animated artists gives the pixels of a full redraw.

The explorer notices background changes by itself (stale background artists,
changed limits), so a ``draw`` cannot leave a stale background behind; and an
explorer whose background never changes is never fully redrawn while its
controls move (that is what keeps its updates fast).
"""

from __future__ import annotations

import numpy as np
import pytest
from explorer_builders import builders
from test_explorer_static import sample, shared, toy

NAMES = sorted(builders())


def _pixels(ex) -> np.ndarray:
    return np.asarray(ex.figure.canvas.buffer_rgba()).copy()


def _assert_blit_equals_full_redraw(ex, combos) -> None:
    for values in combos:
        ex.update(**values)
        blitted = _pixels(ex)
        ex.redraw(full=True)
        full = _pixels(ex)
        assert np.array_equal(blitted, full), f"blitted frame differs from a full redraw at {values}"


@pytest.mark.parametrize("name", NAMES)
def test_blitted_update_equals_full_redraw(name):
    ex = shared(name)
    _assert_blit_equals_full_redraw(ex, sample(ex, 4, seed=11))


@pytest.mark.parametrize("name", NAMES)
def test_moving_the_controls_never_redraws_a_static_background(name):
    ex = shared(name)
    ex.update()  # the first render is a full one
    before = ex.full_redraws
    for values in sample(ex, 12, seed=12):
        ex.update(**values)
    assert ex.full_redraws == before


def test_an_unannounced_limit_change_is_noticed():
    ex = toy(moving_limits=True)
    before = ex.full_redraws
    combos = [{"shape": "cos", "w": 0.3}, {"shape": "cos", "w": 0.5}, {"shape": "sin", "w": 0.5}]
    _assert_blit_equals_full_redraw(ex, combos)
    # cos: new limits (and each full redraw of the test), then only blits until sin.
    assert ex.full_redraws >= before + 2


def test_a_changed_background_artist_is_noticed():
    ex = toy()
    ax = ex.figure.axes[0]
    title = ax.set_title("first")
    ex.redraw(full=True)
    draw = ex._draw

    def draw_and_retitle(v):
        draw(v)
        title.set_text(f"ω = {v['w']:g}")  # a background artist, not declared animated

    ex._draw = draw_and_retitle
    before = ex.full_redraws
    ex.update(w=0.5)
    assert ex.full_redraws == before + 1
    blitted = _pixels(ex)
    ex.redraw(full=True)
    assert np.array_equal(blitted, _pixels(ex))


def test_without_blitting_every_update_is_a_full_redraw():
    ex = toy()
    ex._blit = False
    before = ex.full_redraws
    ex.update(w=0.5)
    ex.update(w=0.1)
    assert ex.full_redraws == before + 2
