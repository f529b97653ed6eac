"""Self-contained HTML rendering of an explorer for the static book.

Every combination of the controls' grid values is drawn once, by the same
:meth:`Explorer.update` that the live widget uses, and stored as a PNG data
URI. Native ``<select>`` and ``<input type="range">`` controls pick the
matching frame with a few lines of inline JavaScript; without JavaScript the
default frame still shows. Nothing is loaded from any host.
"""

from __future__ import annotations

import base64
import html
import itertools
import json

__all__ = ["render_static_html"]

_CSS = """
.lrc-explorer{border:1px solid #c9d3e0;border-radius:6px;padding:.6em .8em;margin:.5em 0;max-width:100%}
.lrc-explorer .lrc-controls{display:flex;flex-wrap:wrap;gap:.4em 1.4em;margin-bottom:.4em}
.lrc-explorer label{display:flex;align-items:center;gap:.4em;font-size:.9em}
.lrc-explorer output{min-width:3.5em;font-variant-numeric:tabular-nums}
.lrc-explorer img{max-width:100%;height:auto;display:block}
.lrc-explorer .lrc-note{font-size:.8em;color:#555;margin:.3em 0 0}
"""

# One small script per explorer; it only touches its own container.
_JS = """(function(){
var root=document.getElementById(%(id)s);
if(!root){return;}
var data=JSON.parse(root.querySelector('script.lrc-frames').textContent);
var img=root.querySelector('img');
var live=root.querySelector('.lrc-status');
var inputs=root.querySelectorAll('[data-control]');
function show(){
  var key=[],desc=[];
  for(var i=0;i<inputs.length;i++){
    var el=inputs[i],j=parseInt(el.value,10),c=data.controls[i];
    key.push(j);desc.push(c.label+': '+c.labels[j]);
    var out=el.parentNode.querySelector('output');
    if(out){out.textContent=c.labels[j];el.setAttribute('aria-valuetext',c.labels[j]);}
  }
  var k=key.join('-');
  img.src=data.frames[k];
  img.alt=data.alts[k];
  root.setAttribute('data-frame',k);
  if(live){live.textContent=desc.join(', ');}
}
for(var i=0;i<inputs.length;i++){
  inputs[i].addEventListener('input',show);inputs[i].addEventListener('change',show);
}
})();"""


def _control_html(i: int, control, index: int, uid: str) -> str:
    cid = f"{uid}-c{i}"
    label = html.escape(control.label)
    values = control.values
    if hasattr(control, "options"):
        opts = "".join(
            f'<option value="{j}"{" selected" if j == index else ""}>'
            f"{html.escape(control.label_of(v))}</option>"
            for j, v in enumerate(values)
        )
        return (
            f'<label for="{cid}">{label} '
            f'<select id="{cid}" data-control="{html.escape(control.name)}">{opts}</select></label>'
        )
    text = html.escape(control.label_of(values[index]))
    return (
        f'<label for="{cid}">{label} '
        f'<input type="range" id="{cid}" data-control="{html.escape(control.name)}" '
        f'min="0" max="{len(values) - 1}" step="1" value="{index}" '
        f'aria-valuetext="{text}">'
        f'<output for="{cid}">{text}</output></label>'
    )


def render_static_html(explorer, uid: str) -> str:
    """Render every grid combination of ``explorer`` into one HTML fragment.

    The explorer's current control values are restored afterwards.
    """
    controls = explorer._control_specs
    saved = dict(explorer.values)
    grids = [c.values for c in controls]
    frames, alts = {}, {}
    # Frames are drawn with the live widget (if any) detached: it is synced
    # once, by the final update that restores the reader's values.
    explorer._offline = True
    try:
        for combo in itertools.product(*(range(len(g)) for g in grids)):
            values = {c.name: g[j] for c, g, j in zip(controls, grids, combo, strict=True)}
            explorer.update(**values)
            key = "-".join(map(str, combo))
            png = explorer.render_png(static=True)
            frames[key] = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
            alts[key] = explorer.describe()
    finally:
        explorer._offline = False
        explorer.update(**saved)
    default_idx = [g.index(saved[c.name]) for c, g in zip(controls, grids, strict=True)]
    default_key = "-".join(map(str, default_idx))
    payload = {
        "controls": [
            {"name": c.name, "label": c.label, "labels": [c.label_of(v) for v in c.values]}
            for c in controls
        ],
        "frames": frames,
        "alts": alts,
    }
    # "</" cannot occur in base64 or our labels, but escape it to be safe.
    blob = json.dumps(payload, separators=(",", ":")).replace("</", "<\\/")
    controls_html = "".join(
        _control_html(i, c, default_idx[i], uid) for i, c in enumerate(controls)
    )
    n = len(frames)
    grid_text = "; ".join(
        f"{c.label}: {', '.join(c.label_of(v) for v in c.values)}" for c in controls
    )
    return (
        f'<div class="lrc-explorer" id="{uid}" data-explorer="{html.escape(explorer.name)}" '
        f'data-frame="{default_key}" role="group" aria-label="{html.escape(explorer.title)}">'
        f"<style>{_CSS}</style>"
        f'<div class="lrc-controls">{controls_html}</div>'
        f'<img src="{frames[default_key]}" alt="{html.escape(alts[default_key])}" '
        f'width="{explorer.pixel_size[0]}" height="{explorer.pixel_size[1]}">'
        f'<p class="lrc-status" aria-live="polite" style="position:absolute;left:-9999px"></p>'
        f'<p class="lrc-note">Static explorer: {n} figures precomputed by lrcourse for '
        f"{html.escape(grid_text)}. Open this page as a notebook (Binder, Colab or "
        f"<code>jupyter lab</code>) for the live version with continuous controls.</p>"
        f'<script type="application/json" class="lrc-frames">{blob}</script>'
        f"<script>{_JS % {'id': json.dumps(uid)}}</script>"
        f"</div>"
    )
