"""The book's answer-box script gives the verdict and message of ``exercises.check``.

The page script (``_ext/assets/lrcourse-answers.js``) runs here under Node,
with the data that the book build writes into the page
(:func:`lrcourse.exercises.page_data`), for many answers to every exercise
of the catalog: the right answer, the reference, each hint's answer (the
typical mistakes), shifted lists (off-by-one), random wrong values, wrong
lengths, values just inside and just outside the tolerance, numbers that
are not finite, and the same numbers typed in several ways (brackets,
new lines, scientific notation, unicode minus). Its verdict and message
must equal ``check()``'s. Text that is not a number list gets the page's own
message. Its number formatting must equal Python's ``format(x, ".Ng")``.

The same script is driven in Chromium, in the built book, by
tests/test_answer_boxes.py.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess

import numpy as np
import pytest
from conftest import IN_CI, ROOT
from test_exercises import RIGHT

from lrcourse import exercises
from lrcourse.exercises._messages import MESSAGES, message

SCRIPT = ROOT / "_ext" / "assets" / "lrcourse-answers.js"

DRIVER = """
const api = require(process.argv[1]);
let input = "";
process.stdin.on("data", (c) => { input += c; });
process.stdin.on("end", () => {
  const job = JSON.parse(input);
  const out = {checks: [], formats: []};
  for (const c of job.checks) {
    const data = job.data[c.id];
    out.checks.push(api.checkText(data, job.messages, c.text));
  }
  for (const [x, p] of job.formats) out.formats.push(api.formatG(x, p));
  process.stdout.write(JSON.stringify(out));
});
"""


@pytest.fixture(scope="module")
def node():
    path = shutil.which("node") or shutil.which("nodejs")
    if path is None:
        msg = "Node.js not found: the answer-box script was NOT checked against check()"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    return path


def _run(node, job: dict) -> dict:
    proc = subprocess.run(
        [node, "-e", DRIVER, str(SCRIPT)], input=json.dumps(job), capture_output=True,
        text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


# -- answers to try ------------------------------------------------------------------


def _as_list(values) -> list[float]:
    return [float(x) for x in np.atleast_1d(np.asarray(values, dtype=np.float64))]


def _text(values, style: int = 0) -> str:
    """Numbers written as a reader might type them (each style keeps the exact value)."""
    if style == 0:
        return ", ".join(repr(x) for x in values)
    if style == 1:
        return "[" + ", ".join(repr(x) for x in values) + "]"
    if style == 2:
        return "\n".join(repr(x) for x in values)
    if style == 3:  # scientific notation, 17 digits: the same double
        return " ".join(f"{x:.16e}" for x in values)
    if style == 4:  # unicode minus, semicolons, parentheses
        return "(" + "; ".join(repr(x).replace("-", "\u2212") for x in values) + ")"
    raise ValueError(style)


def _answers(ex_id: str, data: dict, rng: random.Random) -> list[list[float]]:
    """Numbers to try on one exercise (as lists; a number exercise takes lists of one)."""
    ref = _as_list([{"nan": math.nan, "inf": math.inf, "-inf": -math.inf}.get(v, v)
                    if isinstance(v, str) else v for v in np.atleast_1d(data["reference"])])
    tries = [_as_list(RIGHT[ex_id]), ref]
    tries += [_as_list(h.expected()) for h in exercises.REGISTRY[ex_id].hints]
    n = len(ref)
    tries += [
        [x * (1 + 0.9e-4) for x in ref],  # inside the tolerance
        [x * (1 + 1.1e-4) for x in ref],  # just outside
        [x * 1.5 for x in ref],
        [-x for x in ref],
        [0.0] * n,
    ]
    for _ in range(6):
        wrong = list(ref)
        wrong[rng.randrange(n)] = rng.choice([0.5, 1e-7, 123456.0, 7.25e6, -0.001, rng.random()])
        tries.append(wrong)
        tries.append([10 ** rng.uniform(-8, 8) * rng.choice([1, -1]) for _ in range(n)])
    if n > 1:
        tries += [
            ref[1:] + ref[-1:],  # one step ahead
            ref[:1] + ref[:-1],  # one step behind
            ref[:-1],  # too short
            ref + [ref[-1]],  # too long
            ref[: n // 2],
            ref[1:] + ref[-1:] + [0.5],  # ahead and too long
        ]
    for bad in (math.nan, math.inf, -math.inf):
        wrong = list(ref)
        wrong[rng.randrange(n)] = bad
        tries.append(wrong)
    if data["kind"] == "number":
        tries += [[1234565.0], [0.00012345], [9.9999996e-5], [1e-300], [-0.0]]
    return tries


def _expected(ex_id: str, kind: str, values: list[float]) -> dict:
    answer = values[0] if kind == "number" else values
    result = exercises.check(ex_id, answer)
    return {"passed": result.passed, "message": result.message}


def test_the_script_gives_the_verdict_and_message_of_check(node):
    rng = random.Random(14)
    data, checks, expected = {}, [], []
    for ex_id in exercises.catalog():
        try:
            page = exercises.page_data(ex_id)
        except exercises.NotCheckableInPage:
            continue
        data[ex_id] = page
        for k, values in enumerate(_answers(ex_id, page, rng)):
            if page["kind"] == "number" and len(values) != 1:
                continue
            style = k % 5
            if style == 4 and any(not math.isfinite(x) for x in values):
                style = 0
            checks.append({"id": ex_id, "text": _text(values, style)})
            expected.append(_expected(ex_id, page["kind"], values))
        # What only the page sees: text that is not a number list, nothing, too many numbers.
        for text, msg in [
            ("0.1x", message("page_unreadable", token="0.1x")),
            ("0.1, 0.2, abc", message("page_unreadable", token="abc")),
            ("", message("page_empty")),
            ("  [ ] ", message("page_empty")),
        ]:
            checks.append({"id": ex_id, "text": text})
            expected.append({"passed": False, "message": msg})
        if page["kind"] == "number":
            checks.append({"id": ex_id, "text": "0.1 0.2"})
            expected.append({"passed": False, "message": message("page_one_number", n=2)})
    assert data, "no exercise can be checked in the page"
    got = _run(node, {"data": data, "messages": MESSAGES, "checks": checks, "formats": []})["checks"]
    wrong = [(c["id"], c["text"][:80], e, g) for c, e, g in zip(checks, expected, got, strict=True)
             if e != g]
    assert not wrong, json.dumps(wrong[:5], indent=1, ensure_ascii=False)
    # Every kind of message was compared.
    seen = " ".join(e["message"] for e in expected)
    for key in ("sequence_right", "number_right"):
        assert message(key, n=0).split()[0] in seen
    for needle in ("First difference", "has ", "off-by-one", "not a finite number",
                   "relative error", "lag one"):
        assert needle in seen
    assert sum(e["passed"] for e in expected) >= 2 * len(data)


def test_typed_variants_of_the_right_answer_pass(node):
    data, checks = {}, []
    for ex_id, right in RIGHT.items():
        try:
            data[ex_id] = exercises.page_data(ex_id)
        except exercises.NotCheckableInPage:
            continue
        values = _as_list(right)
        for style in range(5):
            checks.append({"id": ex_id, "text": _text(values, style)})
        checks.append({"id": ex_id, "text": "np.array(" + _text(values, 1) + ", dtype=float64)"})
        checks.append({"id": ex_id, "text": " ".join(f"{x:.6g}" for x in values)})
    got = _run(node, {"data": data, "messages": MESSAGES, "checks": checks, "formats": []})["checks"]
    failed = [(c, g) for c, g in zip(checks, got, strict=True) if not g["passed"]]
    assert not failed, failed[:3]


def test_numbers_are_written_as_python_writes_them(node):
    rng = random.Random(7)
    xs = [rng.uniform(-1, 1) * 10 ** rng.uniform(-12, 12) for _ in range(3000)]
    xs += [float(rng.randrange(10**8)) for _ in range(500)]  # integers: ties at 6 digits
    xs += [1234565.0, 2.5, 0.5, 0.125, 1e16, 1e-5, 1e-4, 9.9999996, 99999.95, 999999.5, 0.0,
           -0.0, 5e-324, 1.7976931348623157e308, 30001.0]
    # (nan and inf, which JSON cannot carry, are compared in the messages above.)
    formats = [[x, p] for x in xs if math.isfinite(x) for p in (1, 2, 6)]
    job = {"data": {}, "messages": MESSAGES, "checks": [], "formats": formats}
    got = _run(node, job)["formats"]
    want = [format(x, f".{p}g") for x, p in job["formats"]]
    bad = [(x, p, g, w) for (x, p), g, w in zip(job["formats"], got, want, strict=True) if g != w]
    assert not bad, bad[:10]


def test_every_template_is_one_the_script_can_fill():
    import re

    for key, template in MESSAGES.items():
        fields = re.findall(r"\{([^}]*)\}", template)
        for field in fields:
            assert re.fullmatch(r"\w+(:(\.\d+)?g)?", field), f"{key}: {{{field}}}"
