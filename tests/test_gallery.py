"""The gallery page "All schedules at a glance" (lrcourse.gallery, book/gallery.ipynb).

* every schedule of ``lrcourse.schedules`` has exactly one entry;
* each entry's formula is the one transcribed here into NumPy, and that
  transcription gives the entry's schedule step by step (a wrong formula fails);
* every framework name is accepted by ``lrcourse.compat`` and gives the same
  rates, unless the entry says how it differs;
* chapters are links exactly when they are in ``_toc.yml``;
* the built page stays under 3 MB with its images (marker ``build``).
"""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT

from lrcourse import compat, corner, gallery, schedules
from lrcourse.plotting import BookFigure
from lrcourse.schedules._cosine import _step_normals

ENTRIES = {e.key: e for e in gallery.ENTRIES}
PAGE_BUDGET = 3 * 1024 * 1024


def _steps(e):
    return np.arange(e.steps, dtype=float)


# -- one entry per schedule -----------------------------------------------------


def test_every_schedule_of_the_engine_has_one_entry():
    keys = [e.key for e in gallery.ENTRIES]
    assert len(keys) == len(set(keys)), "an entry is listed twice"
    assert set(keys) == set(schedules.SCHEDULES)


@pytest.mark.parametrize("key", ENTRIES)
def test_entry_code_builds_the_named_schedule(key):
    sch = ENTRIES[key].schedule
    if key == "ReduceOnPlateau":
        assert isinstance(sch, schedules.ReduceOnPlateau)
    else:
        assert isinstance(sch, schedules.Schedule)
        assert sch.name == key
    assert ENTRIES[key].code.startswith(key + "(")


def test_unknown_entry_is_a_clear_error():
    with pytest.raises(ValueError, match=r"Argument `key`.*Received: key='nope'"):
        gallery.entry("nope")


# -- formulas: the LaTeX lines and their NumPy transcription -----------------------


def _h(t, u):
    k = np.floor(1 + t / (2 * u))
    return np.maximum(0.0, 1 - np.abs(t / u - 2 * k + 1))


def _cos_phases(t, knots):
    """One-cycle: cosine from (s_a, v_a) to (s_b, v_b) in each phase."""
    out = np.empty_like(t)
    for (sa, va), (sb, vb) in zip(knots[:-1], knots[1:], strict=True):
        inside = (t >= sa) & (t <= sb)
        rho = (t[inside] - sa) / (sb - sa)
        out[inside] = vb + 0.5 * (va - vb) * (1 + np.cos(np.pi * rho))
    return out


def _restarts(t, p):
    t0, m, eta0 = p["first_period"], p["period_mult"], p["lr0"]
    out = np.empty_like(t)
    for n, tt in enumerate(t):
        i = 0
        while tt >= t0 * (m ** (i + 1) - 1) / (m - 1):
            i += 1
        s_i, t_i = t0 * (m**i - 1) / (m - 1), t0 * m**i
        out[n] = eta0 * 0.5 * (1 + np.cos(np.pi * (tt - s_i) / t_i))
    return out


def _linear_cosine(t, p, eps=0.0):
    tau = np.minimum(t, p["decay_steps"])
    ell = (p["decay_steps"] - tau) / p["decay_steps"]
    c = 0.5 * (1 + np.cos(2 * np.pi * p["num_periods"] * tau / p["decay_steps"]))
    return p["lr0"] * ((p["alpha"] + ell + eps) * c + p["beta"])


def _noisy(t, p):
    tau = np.minimum(t, p["decay_steps"])
    std = np.sqrt(p["initial_variance"] / (1 + tau) ** p["variance_decay"])
    # epsilon_t ~ N(0, v0 / (1 + tau)^d): lrcourse's reproducible standard normal, scaled.
    return _linear_cosine(t, p, std * _step_normals(t, p["seed"]))


def _piecewise_interpolate(t, p):
    b = (0.0, *p["boundaries"])
    v = p["values"]
    out = np.full_like(t, v[-1])
    for i in range(len(b) - 1):
        inside = (b[i] <= t) & (t < b[i + 1])
        rho = (t[inside] - b[i]) / (b[i + 1] - b[i])
        out[inside] = v[i] + (v[i + 1] - v[i]) * rho
    return out


def _warmup_cosine(t, p):
    w, big_t, eta0, peak = p["warmup_steps"], p["decay_steps"], p["lr0"], p["peak_lr"]
    tau = np.minimum(t - w, big_t - w)
    return np.where(t < w, eta0 + (peak - eta0) * t / w,
                    peak * 0.5 * (1 + np.cos(np.pi * tau / (big_t - w))))


def _wsd(t, p):
    w, s, big_t = p["warmup_steps"], p["stable_steps"], p["decay_steps"]
    eta0, peak, end = p["lr0"], p["peak_lr"], p["end_lr"]
    r = np.minimum(t - w - s, big_t) / big_t
    return np.select([t < w, t < w + s],
                     [eta0 + (peak - eta0) * t / w, np.full_like(t, peak)],
                     end + (peak - end) * (1 - r))


def _join(t, sch):
    first, second = sch.params["schedules"]
    (b1,) = sch.params["boundaries"]
    return np.where(t < b1, first(t), second(np.maximum(t - b1, 0)))


def _plateau(metrics, policy):
    """eta <- max(f eta, eta_min) when the loss has not improved for more than `patience` epochs."""
    eta, best, bad, out = policy.lr0, math.inf, 0, []
    for m in metrics:
        if m < best * (1 - policy.threshold):  # PyTorch's relative improvement
            best, bad = m, 0
        else:
            bad += 1
        if bad > policy.patience:
            eta, bad = max(policy.factor * eta, policy.min_lr), 0
        out.append(eta)
    return np.array(out)


#: key -> (the formula's LaTeX lines, its NumPy transcription f(t, schedule)).
FORMULAS = {
    "constant": ((r"\eta_t = \eta_0",), lambda t, s: np.full_like(t, s.params["lr0"])),
    "piecewise_constant": (
        (r"\eta_t = v_{i(t)}", r"i(t) = \#\{j : b_j \le t\}"),
        lambda t, s: np.array(s.params["values"])[
            [sum(b <= x for b in s.params["boundaries"]) for x in t]],
    ),
    "step_decay": (
        (r"\eta_t = \eta_0\,\gamma^{\lfloor t/T\rfloor}",),
        lambda t, s: s.params["lr0"] * s.params["decay_rate"] ** np.floor(t / s.params["decay_steps"]),
    ),
    "multistep_decay": (
        (r"\eta_t = \eta_0\,\gamma^{\#\{j:\,b_j\le t\}}",),
        lambda t, s: s.params["lr0"] * s.params["decay_rate"] ** np.array(
            [sum(b <= x for b in s.params["boundaries"]) for x in t]),
    ),
    "exponential_decay": (
        (r"\eta_t = \eta_0\,\gamma^{t/T}",),
        lambda t, s: s.params["lr0"] * s.params["decay_rate"] ** (t / s.params["decay_steps"]),
    ),
    "natural_exp_decay": (
        (r"\eta_t = \eta_0\,e^{-k t/T}",),
        lambda t, s: s.params["lr0"] * np.exp(-s.params["decay_rate"] * t / s.params["decay_steps"]),
    ),
    "inverse_time_decay": (
        (r"\eta_t = \frac{\eta_0}{1 + k\,t/T}",),
        lambda t, s: s.params["lr0"] / (1 + s.params["decay_rate"] * t / s.params["decay_steps"]),
    ),
    "per_epoch": (
        (r"\eta_i = s(\lfloor i/B\rfloor)",),
        lambda t, s: s.params["schedule"](np.floor(t / s.params["steps_per_epoch"])),
    ),
    "polynomial_decay": (
        (r"\tau = \min(t, T)", r"\eta_t = \eta_{end} + (\eta_0 - \eta_{end})(1 - \tau/T)^p"),
        lambda t, s: s.params["end_lr"] + (s.params["lr0"] - s.params["end_lr"]) * (
            1 - np.minimum(t, s.params["decay_steps"]) / s.params["decay_steps"]) ** s.params["power"],
    ),
    "cosine_decay": (
        (r"c_t = \tfrac12\big(1 + \cos(\pi \min(t,T)/T)\big)",
         r"\eta_t = \eta_0\big((1-\alpha)\,c_t + \alpha\big)"),
        lambda t, s: s.params["lr0"] * ((1 - s.params["alpha"]) * 0.5 * (1 + np.cos(
            np.pi * np.minimum(t, s.params["decay_steps"]) / s.params["decay_steps"]))
            + s.params["alpha"]),
    ),
    "cosine_restarts": (
        (r"T_i = T_0\,m^i,\ \ S_i = T_0\frac{m^i - 1}{m - 1}",
         r"\text{period } i:\ S_i \le t < S_{i+1}",
         r"\eta_t = \eta_0\,\tfrac12\big(1 + \cos(\pi\,\tfrac{t - S_i}{T_i})\big)"),
        lambda t, s: _restarts(t, s.params),
    ),
    "linear_cosine_decay": (
        (r"\tau = \min(t, T),\ \ \ell_t = (T - \tau)/T",
         r"c_t = \tfrac12\big(1 + \cos(2\pi n\tau/T)\big)",
         r"\eta_t = \eta_0\big((\alpha + \ell_t)\,c_t + \beta\big)"),
        lambda t, s: _linear_cosine(t, s.params),
    ),
    "noisy_linear_cosine_decay": (
        (r"\tau,\ \ell_t,\ c_t \text{ as in linear cosine}",
         r"\varepsilon_t \sim \mathcal N\big(0,\ v_0/(1 + \tau)^d\big)",
         r"\eta_t = \eta_0\big((\alpha + \ell_t + \varepsilon_t)\,c_t + \beta\big)"),
        lambda t, s: _noisy(t, s.params),
    ),
    "cyclic": (
        (r"k = \lfloor 1 + t/(2u)\rfloor", r"h_t = \max(0,\ 1 - |t/u - 2k + 1|)",
         r"\eta_t = \eta_0 + (\eta_{peak} - \eta_0)\,h_t"),
        lambda t, s: s.params["lr0"] + (s.params["peak_lr"] - s.params["lr0"]) * _h(
            t, s.params["step_size_up"]),
    ),
    "cyclic_momentum": (
        (r"h_t \text{ as in the cyclical rate}",
         r"\mu_t = \mu_{hi} - (\mu_{hi} - \mu_{lo})\,h_t"),
        lambda t, s: s.params["max_momentum"] - (
            s.params["max_momentum"] - s.params["base_momentum"]) * _h(t, s.params["step_size_up"]),
    ),
    "one_cycle": (
        (r"(s, v):\ (0, \tfrac{\eta_{peak}}{D}) \to (pN{-}1, \eta_{peak})",
         r"\to (N{-}1, \tfrac{\eta_{peak}}{DF})",
         r"\rho = \tfrac{t - s_a}{s_b - s_a}\ \text{ from } (s_a, v_a) \text{ to } (s_b, v_b)",
         r"\eta_t = v_b + \tfrac12(v_a - v_b)(1 + \cos\pi\rho)"),
        lambda t, s: _cos_phases(t, [
            (0, s.params["peak_lr"] / s.params["div_factor"]),
            (s.params["pct_start"] * s.params["total_steps"] - 1, s.params["peak_lr"]),
            (s.params["total_steps"] - 1,
             s.params["peak_lr"] / (s.params["div_factor"] * s.params["final_div_factor"]))]),
    ),
    "one_cycle_momentum": (
        (r"(s, v):\ (0, \mu_{hi}) \to (pN{-}1, \mu_{lo})", r"\to (N{-}1, \mu_{hi})",
         r"\rho = \tfrac{t - s_a}{s_b - s_a}\ \text{ from } (s_a, v_a) \text{ to } (s_b, v_b)",
         r"\mu_t = v_b + \tfrac12(v_a - v_b)(1 + \cos\pi\rho)"),
        lambda t, s: _cos_phases(t, [
            (0, s.params["max_momentum"]),
            (s.params["pct_start"] * s.params["total_steps"] - 1, s.params["base_momentum"]),
            (s.params["total_steps"] - 1, s.params["max_momentum"])]),
    ),
    "piecewise_interpolate": (
        (r"\rho = \frac{t - b_i}{b_{i+1} - b_i}\ \text{ for } b_i \le t < b_{i+1}",
         r"\eta_t = v_i + (v_{i+1} - v_i)\,\rho",
         r"\eta_t = v_n \text{ for } t \ge b_n,\ \ b_0 = 0"),
        lambda t, s: _piecewise_interpolate(t, s.params),
    ),
    "linear_warmup": (
        (r"\eta_t = \eta_0 + (\eta_{peak} - \eta_0)\,\frac{\min(t, W)}{W}",),
        lambda t, s: s.params["lr0"] + (s.params["peak_lr"] - s.params["lr0"]) * np.minimum(
            t, s.params["warmup_steps"]) / s.params["warmup_steps"],
    ),
    "exponential_warmup": (
        (r"\eta_t = \eta_0\,(\eta_{peak}/\eta_0)^{\min(t, W)/W}",),
        lambda t, s: s.params["lr0"] * (s.params["peak_lr"] / s.params["lr0"]) ** (
            np.minimum(t, s.params["warmup_steps"]) / s.params["warmup_steps"]),
    ),
    "warmup_cosine": (
        (r"t < W:\ \eta_t = \eta_0 + (\eta_{peak} - \eta_0)\tfrac{t}{W}",
         r"t \ge W:\ \tau = \min(t - W,\ T - W)",
         r"\eta_t = \eta_{peak}\,\tfrac12\big(1 + \cos(\pi\,\tfrac{\tau}{T - W})\big)"),
        lambda t, s: _warmup_cosine(t, s.params),
    ),
    "inverse_sqrt": (
        (r"s = t + 1", r"\eta_t = \eta_{peak}\min\big(s/W,\ \sqrt{W/s}\big)"),
        lambda t, s: s.params["peak_lr"] * np.minimum(
            (t + 1) / s.params["warmup_steps"], np.sqrt(s.params["warmup_steps"] / (t + 1))),
    ),
    "warmup_stable_decay": (
        (r"t < W:\ \eta_t = \eta_0 + (\eta_{peak} - \eta_0)\tfrac{t}{W}",
         r"W \le t < W + S:\ \eta_t = \eta_{peak}",
         r"t \ge W + S:\ r = \min(\tfrac{t - W - S}{T}, 1)",
         r"\eta_t = \eta_{end} + (\eta_{peak} - \eta_{end})(1 - r)"),
        lambda t, s: _wsd(t, s.params),
    ),
    "join": (
        (r"\eta_t = s_i(t - b_i)", r"\text{for } b_i \le t < b_{i+1},\ \ b_0 = 0"),
        _join,
    ),
    "multiplier_schedule": (
        (r"\eta_t = \eta_0\,\lambda(t)", r"\text{here } \lambda(t) = (1 + t)^{-1/2}"),
        lambda t, s: s.params["lr0"] * (1 + t) ** -0.5,
    ),
    "ReduceOnPlateau": (
        (r"\eta \leftarrow \max(f\,\eta,\ \eta_{min})", r"\text{when the loss has not improved}",
         r"\text{for more than } \textit{patience} \text{ epochs}"),
        None,  # a policy, checked by test_plateau_formula
    ),
}


def test_every_entry_has_a_transcribed_formula():
    assert set(FORMULAS) == set(ENTRIES)


@pytest.mark.parametrize("key", ENTRIES)
def test_formula_text_is_the_transcribed_one(key):
    assert tuple(ENTRIES[key].formula) == FORMULAS[key][0]


@pytest.mark.parametrize("key", [k for k in ENTRIES if FORMULAS[k][1] is not None])
def test_formula_gives_the_schedule(key):
    e = ENTRIES[key]
    sch = e.schedule
    t = _steps(e)
    if key != "one_cycle" and key != "one_cycle_momentum":
        t = np.concatenate([t, t[-1] + 1 + 2.5 * np.arange(20)])  # and beyond the figure
    np.testing.assert_allclose(FORMULAS[key][1](t, sch), sch(t), rtol=1e-12, atol=1e-15)


def test_plateau_formula():
    e = ENTRIES["ReduceOnPlateau"]
    policy = e.schedule
    want = _plateau(e.metrics, policy)
    np.testing.assert_allclose(policy.run(e.metrics), want, rtol=1e-15)
    assert len(set(want)) >= 3, "the example loss should show at least two cuts"


def test_a_wrong_formula_fails():
    # The transcription check has teeth: the cosine formula without its floor is caught.
    e = ENTRIES["cosine_decay"]
    sch, t = e.schedule, _steps(e)
    wrong = sch.params["lr0"] * 0.5 * (1 + np.cos(np.pi * np.minimum(t, 40) / 40))
    assert not np.allclose(wrong, sch(t), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("key", ENTRIES)
def test_formula_is_balanced_latex(key):
    for line in ENTRIES[key].formula:
        assert line.count("{") == line.count("}"), line
        assert "$" not in line and "\n" not in line


# -- framework names: accepted by compat and equal to the schedule ---------------


def test_card_labels_are_the_corner_frameworks():
    assert list(gallery.LABELS) == list(corner.FRAMEWORKS)


def _framework_values(e, call):
    sch = gallery.framework_schedule(e, call)
    if e.metrics:
        return sch.run(e.metrics)
    return sch(_steps(e))


CALLS = [(e.key, i) for e in gallery.ENTRIES for i in range(len(e.calls))]


@pytest.mark.parametrize(("key", "i"), CALLS, ids=[f"{k}-{i}" for k, i in CALLS])
def test_framework_call_is_accepted_and_gives_the_schedule(key, i):
    e = ENTRIES[key]
    call = e.calls[i]
    assert call.name in compat.names()[call.framework]
    got = _framework_values(e, call)
    want = e.schedule.run(e.metrics) if e.metrics else e.schedule(_steps(e))
    same = np.allclose(got, want, rtol=1e-9, atol=1e-15)
    if call.framework in e.inexact:
        assert not same, f"{call.name} now equals the schedule: drop {call.framework!r} from inexact"
        assert e.notes.get(call.framework), "an inexact framework needs a note saying how it differs"
    else:
        assert same, f"{call.framework} {call.name} differs from {e.code}"


@pytest.mark.parametrize("key", ENTRIES)
def test_notes_and_inexact_name_known_frameworks(key):
    e = ENTRIES[key]
    assert set(e.notes) <= set(gallery.LABELS)
    assert set(e.inexact) <= {c.framework for c in e.calls}
    assert e.quantity in ("rate", "momentum")


def test_names_come_from_the_calls():
    e = ENTRIES["linear_warmup"]
    assert e.names("optax") == ["warmup_constant_schedule", "linear_schedule"]
    assert e.names("tf") == []


# -- chapters: a link exactly when the chapter is in the table of contents ------


def test_every_entry_names_a_known_chapter():
    for e in gallery.ENTRIES:
        assert e.chapter in gallery.CHAPTERS, e.key


def _toc(tmp_path, *files):
    lines = ["format: jb-book", "root: book/intro", "parts:", "  - caption: Schedules",
             "    chapters:"] + [f"      - file: book/{f}" for f in files]
    path = tmp_path / "_toc.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_chapter_in_the_toc_is_a_link(tmp_path):
    toc = _toc(tmp_path, "ch02_step_exponential", "gallery")
    assert gallery.toc_chapters(toc) == {2: "book/ch02_step_exponential"}
    assert gallery.chapter_link(2, toc) == (
        "{doc}`Chapter 2, step-wise and exponential decay <ch02_step_exponential>`")
    assert gallery.chapter_link(6, toc) == "Chapter 6, warmup and modern schedules"


def test_link_appears_once_the_chapter_is_in_the_toc(tmp_path):
    before = gallery.chapter_link(6, _toc(tmp_path, "ch02_step_exponential"))
    assert "{doc}" not in before
    after = gallery.chapter_link(6, _toc(tmp_path, "ch02_step_exponential", "ch06_any_slug"))
    assert after == "{doc}`Chapter 6, warmup and modern schedules <ch06_any_slug>`"


def test_no_toc_means_no_links(tmp_path):
    assert gallery.toc_chapters(tmp_path / "missing.yml") == {}
    assert gallery.chapter_link(2, tmp_path / "missing.yml").startswith("Chapter 2, ")


def test_unknown_chapter_is_a_clear_error():
    with pytest.raises(ValueError, match=r"Argument `number`.*Received: number=7"):
        gallery.chapter_link(7)


def test_page_links_only_to_chapters_of_the_book(tmp_path, monkeypatch):
    monkeypatch.setattr(gallery, "_png_uri", lambda fig: "data:image/png;base64,")  # no PNG needed
    toc = _toc(tmp_path, "ch02_step_exponential", "ch04_restarts_cyclical")
    chosen = [ENTRIES[k] for k in ("step_decay", "cyclic", "warmup_cosine")]
    md = gallery.Page(chosen, toc)._repr_markdown_()
    assert re.findall(r"\{doc\}`[^`]*<([^>]+)>`", md) == [
        "ch02_step_exponential", "ch04_restarts_cyclical"]
    assert "Chapter 6, warmup and modern schedules." in md


def test_the_book_links_to_its_own_chapters():
    toc = ROOT / "_toc.yml"
    in_toc = set(re.findall(r"file: (book/ch\d\d_\w+)", toc.read_text(encoding="utf-8")))
    assert set(gallery.toc_chapters(toc).values()) == in_toc
    for doc in in_toc:
        assert (ROOT / f"{doc}.ipynb").is_file()


def test_gallery_is_the_last_page_of_the_schedules_part():
    text = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    part = text.split("caption: Learning-rate schedules", 1)[1].split("- caption:", 1)[0]
    assert re.findall(r"file: (\S+)", part)[-1] == "book/gallery"


# -- figures and the page ------------------------------------------------------------


@pytest.mark.parametrize("key", ENTRIES)
def test_figure(key):
    e = ENTRIES[key]
    fig = gallery.figure(e)
    assert isinstance(fig, BookFigure)
    assert fig.alt.startswith(e.title) and len(fig.alt) > 40
    (line,) = fig.axes[0].lines
    assert np.isfinite(line.get_ydata()).all()
    assert tuple(fig.get_size_inches()) == gallery.FIGSIZE


@pytest.mark.parametrize(("key", "steps"), [("step_decay", True), ("multistep_decay", True),
                                             ("per_epoch", True), ("ReduceOnPlateau", True),
                                             ("exponential_decay", False), ("cosine_decay", False)])
def test_staircases_are_drawn_as_steps(key, steps):
    fig = gallery.figure(ENTRIES[key])
    assert (fig.axes[0].lines[0].get_drawstyle() == "steps-post") is steps
    assert ("drawn as steps" in fig.alt) is steps


def test_figure_of_something_else_is_a_clear_error():
    with pytest.raises(TypeError, match=r"Argument `item`.*Received: item='step_decay'"):
        gallery.figure("step_decay")


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def test_page_renders_a_card_per_entry(tmp_path):
    chosen = [ENTRIES[k] for k in ("constant", "cyclic_momentum", "ReduceOnPlateau")]
    page = gallery.Page(chosen, _toc(tmp_path, "ch02_step_exponential"))
    md = page._repr_markdown_()
    assert md.count(":::{grid-item-card}") == 3
    for e in chosen:
        assert f"$$\\small {e.latex}$$" in md
        assert f"`{e.code}`" in md
    assert "- PyTorch: `ReduceLROnPlateau`" in md
    assert "- TF1: —" in md
    for text in (md, page._repr_html_()):
        parser = _Images()
        parser.feed(text)
        assert len(parser.images) == 3
        assert all(img["src"].startswith("data:image/png;base64,") for img in parser.images)
        assert all(len(img["alt"]) > 40 for img in parser.images)
    assert repr(page).startswith("Gallery of 3 schedules")


def test_page_of_every_entry():
    assert gallery.page().entries == gallery.ENTRIES


# -- the built page (strict build) ------------------------------------------------------


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.images.append(a)
            self.refs.append(a.get("src") or "")
        elif tag in ("source", "video", "audio") and a.get("src"):
            self.refs.append(a["src"])


def page_weight(html: Path) -> int:
    """Bytes of a built page: its HTML plus every local image it references (once each)."""
    parser = _Refs()
    parser.feed(html.read_text(encoding="utf-8"))
    total = html.stat().st_size
    seen = set()
    for ref in parser.refs:
        if not ref or ref.startswith(("data:", "http:", "https:", "//")):
            continue  # data URIs are counted in the HTML
        path = (html.parent / ref.split("#")[0].split("?")[0]).resolve()
        if path not in seen and path.is_file():
            seen.add(path)
            total += path.stat().st_size
    return total


@pytest.mark.build
def test_built_gallery_is_under_3_mb(built_book):
    assert built_book.returncode == 0, "the book did not build; see test_book_build"
    html = built_book.html / "book" / "gallery.html"
    weight = page_weight(html)
    assert weight <= PAGE_BUDGET, f"gallery.html weighs {weight / 1e6:.2f} MB with its images"


@pytest.mark.build
def test_built_gallery_has_every_card_with_alt_text(built_book):
    html = built_book.html / "book" / "gallery.html"
    parser = _Refs()
    parser.feed(html.read_text(encoding="utf-8"))
    figures = [img for img in parser.images if "_static/" not in img.get("src", "")]
    assert len(figures) == len(gallery.ENTRIES)
    for img in figures:
        assert len((img.get("alt") or "").strip()) > 40
