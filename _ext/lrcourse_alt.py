"""Sphinx extension: figures keep the alt text that lrcourse puts in their output metadata.

lrcourse figures (``lrcourse.plotting.BookFigure``) display as a PNG whose
output metadata carries ``{"image/png": {"alt": ..., "width": ...}}``, the
alt text written from the plotted data. myst-nb applies ``width`` and
``height`` from output metadata but not ``alt``, so the book would show the
file name to screen readers. This extension wraps myst-nb's image rendering
to apply ``alt`` as well.
"""

from __future__ import annotations

from myst_nb.core.render import NbElementRenderer
from sphinx.application import Sphinx

_ORIGINAL = NbElementRenderer.render_image


def _render_image_with_alt(self, data):
    nodes = _ORIGINAL(self, data)
    alt = data.output_metadata.get(data.mime_type, {}).get("alt")
    if alt:
        for node in nodes:
            node["alt"] = str(alt)
    return nodes


def setup(app: Sphinx) -> dict:
    NbElementRenderer.render_image = _render_image_with_alt
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
