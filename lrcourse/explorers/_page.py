# ruff: noqa: E501  (CSS and JavaScript are kept one rule or statement per line)
"""The static explorer's stylesheet and script (inlined into every static explorer).

The script defines ``window.lrcExplorer(id)`` once per page. It inflates the
explorer's payload (``DecompressionStream``), decodes it as described in
:mod:`lrcourse.explorers._static`, and draws the current frame's artists on
a canvas over the background image of the layout that fits the column.
``element.lrcDrawn()`` returns what was drawn last: the frame, the layout,
and per artist its points in the layout's CSS pixels (or its text and
anchor), with the labels, readouts and alt text; browser tests compare it
with the Python decoder.
"""

CSS = """
.lrc-explorer{border:1px solid var(--pst-color-border,#c9d3e0);border-radius:6px;padding:.6em .8em;margin:.8em 0;max-width:100%;box-sizing:border-box;color:inherit;background:transparent}
html[data-theme=dark] .lrc-explorer{color-scheme:dark}
.lrc-explorer .lrc-controls{display:flex;flex-wrap:wrap;gap:.5em 1.6em;margin-bottom:.6em}
.lrc-explorer .lrc-control{display:flex;flex-wrap:wrap;align-items:center;gap:.2em .5em;max-width:100%}
.lrc-explorer .lrc-clabel{font-weight:600}
.lrc-explorer select,.lrc-explorer input{font:inherit;max-width:100%;color:inherit}
.lrc-explorer select{background:transparent;border:1px solid var(--pst-color-border,#999);border-radius:4px;padding:.1em .3em}
.lrc-explorer select option{color:#111;background:#fff}
html[data-theme=dark] .lrc-explorer select option{color:#eee;background:#222}
.lrc-explorer output{min-width:3em;font-variant-numeric:tabular-nums}
.lrc-explorer .lrc-figure{position:relative;width:100%;background:#fff;border-radius:3px;overflow:hidden}
.lrc-explorer .lrc-figure img,.lrc-explorer .lrc-figure canvas{position:absolute;left:0;top:0;display:block;width:100%!important;height:100%!important;max-width:none!important;margin:0!important;padding:0!important;border:0!important;border-radius:0!important;box-sizing:border-box;background:none!important;filter:none!important;box-shadow:none!important}
.lrc-explorer .lrc-figure canvas{pointer-events:none}
.lrc-explorer .lrc-readout{margin:.6em 0 0}
.lrc-explorer .lrc-item{margin:.15em 0}
.lrc-explorer .lrc-item[hidden]{display:none}
.lrc-explorer .lrc-label{font-weight:600}
.lrc-explorer .lrc-label::after{content:":"}
.lrc-explorer pre.lrc-code{margin:.2em 0 .4em;padding:.4em .6em;white-space:pre-wrap;overflow-wrap:anywhere;background:rgba(127,127,127,.14);color:inherit;border:0;border-radius:4px;font-size:.9em;line-height:1.45}
.lrc-explorer code{color:inherit;background:rgba(127,127,127,.14);padding:0 .2em;border-radius:3px}
.lrc-explorer pre.lrc-code code{background:none;padding:0}
.lrc-explorer .lrc-note{font-size:.85em;opacity:.85;margin:.5em 0 0}
@media (max-width:480px){.lrc-explorer{padding:.5em .4em}}
"""

SCRIPT = r"""
(function(){
if (window.lrcExplorer) return;
var SANS = '"DejaVu Sans", Verdana, "Helvetica Neue", Arial, sans-serif';
var MONO = '"DejaVu Sans Mono", Menlo, Consolas, monospace';
function unzig(c){ return (c % 2) ? -(c + 1) / 2 : c / 2; }
function reader(bytes, p){
  return function(){
    var v = 0, m = 1, b;
    do { b = bytes[p++]; v += (b & 127) * m; m *= 128; } while (b & 128);
    return v;
  };
}
function fromBase64(s){
  var bin = atob(s.trim()), out = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
function inflate(bytes){
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}
function parse(buf){
  var n = new DataView(buf).getUint32(0, true), bytes = new Uint8Array(buf);
  var h = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + n)));
  var next = reader(bytes, 4 + n), q = h.q, count = next(), arrays = new Array(count), i, j;
  for (i = 0; i < count; i++){
    var len = next(), arr = new Float64Array(len), prev = 0;
    for (j = 0; j < len; j++){
      var c = next();
      if (c === 0) { arr[j] = NaN; } else { prev += unzig(c - 1); arr[j] = prev / q; }
    }
    arrays[i] = arr;
  }
  var frames = new Array(h.frames);
  for (i = 0; i < h.frames; i++){
    var f = {bg: next(), labels: [], readouts: [], artists: []};
    for (j = 0; j < h.controls.length; j++) f.labels.push(next());
    f.alt = next();
    for (j = 0; j < h.readouts.length; j++) f.readouts.push([next(), next()]);
    for (j = 0; j < h.artists.length; j++){
      var kind = h.artists[j].kind, s = next();
      if (s === 0) { f.artists.push(null); continue; }
      var a = {style: h.styles[s - 1]};
      if (kind === 'line') { a.x = next(); a.y = next(); a.n = next(); }
      else if (kind === 'poly') {
        var np = next(); a.paths = [];
        for (var k = 0; k < np; k++) a.paths.push([next(), next(), next()]);
      } else { a.u = unzig(next()) / q; a.v = unzig(next()) / q; a.text = next(); }
      f.artists.push(a);
    }
    frames[i] = f;
  }
  return {h: h, arrays: arrays, frames: frames};
}
function steps(xs, ys, ds){
  var n = xs.length, X = [], Y = [], i;
  if (ds === 'steps-post') {
    for (i = 0; i < n; i++) { X.push(xs[i]); Y.push(ys[i]); if (i + 1 < n) { X.push(xs[i + 1]); Y.push(ys[i]); } }
  } else if (ds === 'steps-pre' || ds === 'steps') {
    for (i = 0; i < n; i++) { X.push(xs[i]); Y.push(ys[i]); if (i + 1 < n) { X.push(xs[i]); Y.push(ys[i + 1]); } }
  } else if (ds === 'steps-mid') {
    for (i = 0; i < n; i++) {
      X.push(i === 0 ? xs[0] : (xs[i - 1] + xs[i]) / 2); Y.push(ys[i]);
      X.push(i === n - 1 ? xs[n - 1] : (xs[i] + xs[i + 1]) / 2); Y.push(ys[i]);
    }
  } else { return [xs, ys]; }
  return [X, Y];
}
function trace(ctx, X, Y, close){
  var open = false;
  for (var i = 0; i < X.length; i++) {
    if (!isFinite(X[i]) || !isFinite(Y[i])) { open = false; continue; }
    if (open) ctx.lineTo(X[i], Y[i]); else { ctx.moveTo(X[i], Y[i]); open = true; }
  }
  if (close) ctx.closePath();
}
function marker(ctx, m, x, y, ms){
  var r = ms / 2;
  ctx.beginPath();
  if (m === 'o') ctx.arc(x, y, r, 0, 2 * Math.PI);
  else if (m === '.') ctx.arc(x, y, r / 2, 0, 2 * Math.PI);
  else if (m === 's') ctx.rect(x - r, y - r, 2 * r, 2 * r);
  else if (m === 'D') { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath(); }
  else if (m === '^') { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + r); ctx.lineTo(x - r, y + r); ctx.closePath(); }
  else if (m === 'v') { ctx.moveTo(x, y + r); ctx.lineTo(x + r, y - r); ctx.lineTo(x - r, y - r); ctx.closePath(); }
}
function drawText(ctx, st, text, x, y){
  var size = st.size, lines = text.split('\n'), lh = size * st.ls, w = 0, i;
  ctx.font = (st.it ? 'italic ' : '') + (st.w === 'bold' ? 'bold ' : '') + size + 'px ' + (st.fam === 'monospace' ? MONO : SANS);
  for (i = 0; i < lines.length; i++) w = Math.max(w, ctx.measureText(lines[i]).width);
  var hgt = size + lh * (lines.length - 1);
  var bx = st.ha === 'center' ? -w / 2 : st.ha === 'right' ? -w : 0;
  var by = st.va === 'top' ? 0 : st.va === 'bottom' ? -hgt : st.va === 'baseline' ? -hgt + 0.2 * size : -hgt / 2;
  ctx.save();
  ctx.translate(x, y);
  if (st.rot) ctx.rotate(-st.rot * Math.PI / 180);
  if (st.box) {
    var p = st.box.pad;
    ctx.beginPath();
    if (st.box.round && ctx.roundRect) ctx.roundRect(bx - p, by - p, w + 2 * p, hgt + 2 * p, p);
    else ctx.rect(bx - p, by - p, w + 2 * p, hgt + 2 * p);
    ctx.fillStyle = st.box.fc; ctx.fill();
    if (st.box.lw > 0) { ctx.lineWidth = st.box.lw; ctx.strokeStyle = st.box.ec; ctx.setLineDash([]); ctx.stroke(); }
  }
  ctx.fillStyle = st.c;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = st.ha === 'center' ? 'center' : st.ha === 'right' ? 'right' : 'left';
  var ax = st.ha === 'center' ? bx + w / 2 : st.ha === 'right' ? bx + w : bx;
  for (i = 0; i < lines.length; i++) ctx.fillText(lines[i], ax, by + 0.8 * size + i * lh);
  ctx.restore();
}
function start(root, d){
  var h = d.h, fig = root.querySelector('.lrc-figure'), img = fig.querySelector('img');
  var canvas = fig.querySelector('canvas'), inputs = root.querySelectorAll('[data-control]');
  var items = root.querySelectorAll('.lrc-readout .lrc-item'), S = h.strings;
  var layout = -1, last = null;
  h.images.forEach(function(src){ var im = new Image(); im.src = src; });
  function chooseLayout(){
    var w = fig.parentNode.clientWidth || h.layouts[0].w;
    for (var i = 0; i < h.layouts.length; i++) if (w >= 0.8 * h.layouts[i].w) return i;
    return h.layouts.length - 1;
  }
  function indices(){
    var idx = [];
    for (var i = 0; i < inputs.length; i++) idx.push(parseInt(inputs[i].value, 10));
    return idx;
  }
  function show(){
    var idx = indices(), k = 0, i;
    for (i = 0; i < idx.length; i++) k = k * h.controls[i].n + idx[i];
    var f = d.frames[k];
    var want = chooseLayout();
    if (want !== layout) {
      layout = want;
      var L0 = h.layouts[layout];
      fig.style.maxWidth = L0.w + 'px';
      fig.style.aspectRatio = L0.w + '/' + L0.h;
      img.width = L0.w; img.height = L0.h;
    }
    var L = h.layouts[layout], st = L.states[f.bg], src = h.images[st.img];
    if (img.getAttribute('src') !== src) img.setAttribute('src', src);
    img.alt = S[f.alt];
    for (i = 0; i < inputs.length; i++) {
      var lab = document.getElementById(inputs[i].id + '-l');
      if (lab) lab.textContent = S[f.labels[i]];
      var out = inputs[i].parentNode.querySelector('output'), t = h.controls[i].values[idx[i]];
      if (out) { out.textContent = t; inputs[i].setAttribute('aria-valuetext', t); }
    }
    for (i = 0; i < items.length && i < f.readouts.length; i++) {
      var text = S[f.readouts[i][1]];
      items[i].querySelector('.lrc-label').textContent = S[f.readouts[i][0]];
      items[i].querySelector('.lrc-value, code').textContent = text;
      items[i].hidden = !text;
    }
    paint(f, L, st);
    last.frame = k; last.layout = layout; last.width = L.w; last.height = L.h;
    last.labels = f.labels.map(function(s){ return S[s]; });
    last.readouts = f.readouts.map(function(r){ return [S[r[0]], S[r[1]]]; });
    last.alt = S[f.alt];
    root.setAttribute('data-frame', idx.join('-'));
    root.setAttribute('data-layout', String(layout));
  }
  function paint(f, L, st){
    var dpr = window.devicePixelRatio || 1, cw = fig.clientWidth || L.w;
    canvas.width = Math.max(1, Math.round(cw * dpr));
    canvas.height = Math.max(1, Math.round(cw * L.h / L.w * dpr));
    var ctx = canvas.getContext('2d'), s = canvas.width / L.w;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(s, 0, 0, s, 0, 0);
    last = {artists: []};
    f.artists.forEach(function(a, i){
      if (!a) { last.artists.push(null); return; }
      var ref = h.artists[i].ref, box = ref < 0 ? [0, 0, L.w, L.h] : st.axes[ref], y = a.style;
      var sx = box[2] - box[0], sy = box[3] - box[1];
      function X(u){ return box[0] + u * sx; }
      function Y(v){ return box[3] - v * sy; }
      ctx.save();
      if (y.clip) { ctx.beginPath(); ctx.rect(box[0], box[1], sx, sy); ctx.clip(); }
      var rec = {kind: h.artists[i].kind};
      if (rec.kind === 'line') {
        var xs = Array.from(d.arrays[a.x].subarray(0, a.n), X), ys = Array.from(d.arrays[a.y].subarray(0, a.n), Y);
        rec.points = xs.map(function(x, j){ return [x, ys[j]]; });
        if (y.lw > 0) {
          var P = steps(xs, ys, y.ds);
          ctx.beginPath(); trace(ctx, P[0], P[1], false);
          ctx.lineWidth = y.lw; ctx.strokeStyle = y.c; ctx.setLineDash(y.dash || []);
          ctx.lineJoin = 'round'; ctx.lineCap = y.dash ? 'butt' : 'square';
          ctx.stroke();
        }
        if (y.m) {
          ctx.setLineDash([]); ctx.lineWidth = y.mew; ctx.fillStyle = y.mfc; ctx.strokeStyle = y.mec;
          for (var j = 0; j < xs.length; j++) {
            if (!isFinite(xs[j]) || !isFinite(ys[j])) continue;
            marker(ctx, y.m, xs[j], ys[j], y.ms); ctx.fill(); if (y.mew > 0) ctx.stroke();
          }
        }
      } else if (rec.kind === 'poly') {
        rec.paths = [];
        ctx.beginPath();
        a.paths.forEach(function(p){
          var px = Array.from(d.arrays[p[0]].subarray(0, p[2]), X), py = Array.from(d.arrays[p[1]].subarray(0, p[2]), Y);
          rec.paths.push(px.map(function(x, j){ return [x, py[j]]; }));
          trace(ctx, px, py, true);
        });
        ctx.fillStyle = y.fc; ctx.fill();
        if (y.lw > 0) { ctx.lineWidth = y.lw; ctx.strokeStyle = y.ec; ctx.setLineDash([]); ctx.stroke(); }
      } else {
        rec.text = S[a.text]; rec.x = X(a.u); rec.y = Y(a.v);
        drawText(ctx, y, rec.text, rec.x, rec.y);
      }
      ctx.restore();
      last.artists.push(rec);
    });
  }
  root.lrcDrawn = function(){ return JSON.parse(JSON.stringify(last)); };
  for (var i = 0; i < inputs.length; i++) {
    inputs[i].addEventListener('input', show);
    inputs[i].addEventListener('change', show);
  }
  canvas.hidden = false;
  show();
  if (window.ResizeObserver) {
    var width = fig.parentNode.clientWidth;
    new ResizeObserver(function(){
      var w = fig.parentNode.clientWidth;
      if (w !== width) { width = w; show(); }
    }).observe(fig.parentNode);
  }
  root.setAttribute('data-state', 'ready');
}
window.lrcExplorer = function(id){
  var root = document.getElementById(id);
  if (!root) return;
  var blob = root.querySelector('script.lrc-data');
  if (!blob || typeof DecompressionStream === 'undefined' || !window.Response) {
    root.setAttribute('data-state', 'static-image');
    return;
  }
  inflate(fromBase64(blob.textContent)).then(parse).then(function(d){ start(root, d); },
    function(){ root.setAttribute('data-state', 'static-image'); });
};
})();
"""
