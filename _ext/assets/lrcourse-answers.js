/* lrcourse book: answer boxes that check an exercise in the page (no kernel,
 * no network).
 *
 * The book build (_ext/lrcourse_answers.py) writes, for each exercise, what
 * lrcourse.exercises.page_data() computes: the reference answer, each known
 * mistake (hint) with its message, the tolerance. The message templates
 * (lrcourse/exercises/_messages.py) are written once per page. This script
 * does what lrcourse.exercises.check() does with them (_core.py:
 * diagnose_sequence, diagnose_number) and fills the same templates, so the
 * reader gets the same verdict and message as check(). The matching is
 * tested against check() in tests/test_answer_matching.py (Node) and
 * tests/test_answer_boxes.py (Chromium).
 *
 * Solved exercises are remembered in this browser only (localStorage, one
 * key per exercise id); "Clear my progress on this page" removes them.
 */
(function (root) {
  "use strict";

  var STORE_PREFIX = "lrcourse.solved.";

  // ---- numbers written as Python writes them ----------------------------------

  // The p significant digits of x > 0 (Python rounds half to even on the
  // exact binary value) and the decimal exponent.
  function roundDigits(x, p) {
    // 100 significant digits: the exact decimal value of any double in the
    // range answers use, so a tie is seen as a tie.
    var m = /^(\d)\.(\d+)e([+-]\d+)$/.exec(x.toExponential(99));
    var all = m[1] + m[2];
    var exp = parseInt(m[3], 10);
    var head = all.slice(0, p).split("");
    var next = all.charAt(p);
    var up = next > "5" ||
      (next === "5" && (/[1-9]/.test(all.slice(p + 1)) || +head[p - 1] % 2 === 1));
    if (up) {
      var i = p - 1;
      while (i >= 0 && head[i] === "9") { head[i] = "0"; i -= 1; }
      if (i >= 0) head[i] = String(+head[i] + 1);
      else { head.unshift("1"); head.pop(); exp += 1; }
    }
    return { digits: head.join(""), exp: exp };
  }

  function stripZeros(s) {
    return s.indexOf(".") < 0 ? s : s.replace(/0+$/, "").replace(/\.$/, "");
  }

  // Python's format(x, ".{p}g"); "nan", "inf", "-inf" for what is not finite.
  function formatG(x, p) {
    if (x !== x) return "nan";
    if (x === Infinity) return "inf";
    if (x === -Infinity) return "-inf";
    if (p === 0) p = 1;
    var sign = x < 0 || (x === 0 && 1 / x < 0) ? "-" : "";
    x = Math.abs(x);
    if (x === 0) return sign + "0";
    var r = roundDigits(x, p);
    var d = r.digits;
    var e = r.exp;
    if (e >= -4 && e < p) {
      var fixed = e >= 0 ? d.slice(0, e + 1) + "." + d.slice(e + 1) : "0." + "0".repeat(-e - 1) + d;
      return sign + stripZeros(fixed);
    }
    var mantissa = stripZeros(d.charAt(0) + "." + d.slice(1));
    var ae = Math.abs(e);
    return sign + mantissa + "e" + (e < 0 ? "-" : "+") + (ae < 10 ? "0" : "") + ae;
  }

  // Fill a template of _messages.py: {name}, {name:g}, {name:.Ng}.
  function pyFormat(template, values) {
    return template.replace(/\{(\w+)(:(?:\.(\d+))?g)?\}/g, function (all, name, spec, prec) {
      if (!(name in values)) throw new Error("no value for {" + name + "} in " + template);
      var v = values[name];
      if (spec) return formatG(v, prec === undefined ? 6 : +prec);
      if (typeof v === "number" && !isFinite(v)) return formatG(v, 6);
      return String(v);
    });
  }

  // ---- reading the reader's numbers ------------------------------------------

  var NUMBER = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
  var SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

  // {values: [numbers]} or {error: the first piece that is not a number}.
  function parseNumbers(text) {
    var t = String(text)
      .replace(/[\u2212\u2013\uFE63\uFF0D]/g, "-") // unicode minus signs and the en dash
      .replace(/\s*[×x·*]\s*10\s*(?:\^|\*\*)\s*\(?\s*([+-]?\d+)(?:\s*\))?/g, "e$1") // 2.5 × 10^-3
      .replace(/\b(?:(?:np|numpy|jnp|torch|tf)\.)?(?:float64|float32|float16|int64|int32|array|tensor|float|int)\s*\(/g, "(")
      .replace(/,?\s*dtype\s*=\s*[\w.]+/g, "")
      .replace(/[[\](){}]/g, " ");
    var tokens = t.split(/[\s,;]+/).filter(function (s) { return s.length > 0; });
    var values = [];
    for (var i = 0; i < tokens.length; i += 1) {
      var tok = tokens[i];
      var special = SPECIAL.exec(tok);
      if (NUMBER.test(tok)) values.push(Number(tok.replace(/_/g, "")));
      else if (special) {
        var v = special[2].toLowerCase() === "nan" ? NaN : Infinity;
        values.push(special[1] === "-" ? -v : v);
      } else return { error: tok.length > 40 ? tok.slice(0, 40) + "\u2026" : tok };
    }
    return { values: values };
  }

  // ---- the checks of lrcourse/exercises/_core.py -------------------------------

  function toNumber(v) {
    if (typeof v === "number") return v;
    return v === "nan" ? NaN : v === "inf" ? Infinity : -Infinity;
  }

  function decode(v) {
    return Array.isArray(v) ? v.map(toNumber) : toNumber(v);
  }

  // numpy.isclose(a, b, rtol, atol)
  function close(a, b, data) {
    return (isFinite(b) && Math.abs(a - b) <= data.atol + data.rtol * Math.abs(b)) || a === b;
  }

  // _core.same: same shape (a number, or a list of the same length), all close.
  function same(a, b, data) {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (!Array.isArray(a)) return close(a, b, data);
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i += 1) if (!close(a[i], b[i], data)) return false;
    return true;
  }

  function diagnoseSequence(data, msg, answer, expected) {
    var label = data.step_label;
    var first = data.first_step;
    var parts = [];
    var i;
    for (i = 0; i < answer.length; i += 1) {
      if (!isFinite(answer[i])) return msg("entry_not_finite", { i: i, value: answer[i] });
    }
    if (answer.length !== expected.length) {
      parts.push(msg("wrong_length", { n: answer.length, expected_n: expected.length }));
    }
    var n = Math.min(answer.length, expected.length);
    for (i = 0; i < n; i += 1) {
      if (!close(answer[i], expected[i], data)) {
        var where = data.positions !== null ? data.positions[i] : i + first;
        parts.push(msg("first_difference",
          { label: label, where: where, value: answer[i] }));
        break;
      }
    }
    for (i = 0; i < data.hints.length; i += 1) {
      if (same(answer, decode(data.hints[i].values), data)) {
        parts.push(data.hints[i].message);
        return parts.join(" ");
      }
    }
    if (data.positions === null && n > 1) {
      if (same(answer.slice(0, n - 1), expected.slice(1, n), data)) {
        parts.push(msg("one_ahead", { label: label, next: first + 1, first: first }));
      } else if (same(answer.slice(1, n), expected.slice(0, n - 1), data)) {
        parts.push(msg("one_behind", { label: label }));
      }
    }
    return parts.join(" ");
  }

  function diagnoseNumber(data, msg, answer, expected) {
    if (!isFinite(answer)) return msg("number_not_finite", { value: answer });
    var parts = [expected !== 0
      ? msg("number_wrong", { value: answer, rel: Math.abs(answer - expected) / Math.abs(expected) })
      : msg("number_wrong_zero", { value: answer })];
    for (var i = 0; i < data.hints.length; i += 1) {
      if (same(answer, decode(data.hints[i].values), data)) {
        parts.push(data.hints[i].message);
        break;
      }
    }
    return parts.join(" ");
  }

  // What check() says about the numbers the reader typed: {passed, message}.
  function checkText(data, messages, text) {
    var msg = function (key, values) { return pyFormat(messages[key], values || {}); };
    var parsed = parseNumbers(text);
    if (parsed.error !== undefined) return { passed: false, message: msg("page_unreadable", { token: parsed.error }) };
    var values = parsed.values;
    if (values.length === 0) return { passed: false, message: msg("page_empty") };
    var expected = decode(data.reference);
    if (data.kind === "number") {
      if (values.length > 1) return { passed: false, message: msg("page_one_number", { n: values.length }) };
      if (same(values[0], expected, data)) return { passed: true, message: msg("number_right") };
      return { passed: false, message: diagnoseNumber(data, msg, values[0], expected) };
    }
    if (same(values, expected, data)) return { passed: true, message: msg("sequence_right", { n: values.length }) };
    return { passed: false, message: diagnoseSequence(data, msg, values, expected) };
  }

  var api = { formatG: formatG, pyFormat: pyFormat, parseNumbers: parseNumbers, checkText: checkText };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.lrcourseAnswers = api;
  if (typeof document === "undefined") return;

  // ---- the page ---------------------------------------------------------------------

  function storage() {
    try {
      var s = window.localStorage;
      s.getItem("lrcourse.test");
      return s;
    } catch (e) {
      return null; // storage switched off: the boxes work, nothing is remembered
    }
  }

  function remembered(id) {
    var s = storage();
    if (!s) return null;
    try {
      return JSON.parse(s.getItem(STORE_PREFIX + id));
    } catch (e) {
      return null;
    }
  }

  function showResult(box, result) {
    var region = box.querySelector(".lrc-answer-result");
    region.textContent = "";
    var head = document.createElement("strong");
    head.textContent = result.passed ? "\u2714 Correct: " : "\u2718 Not yet: ";
    region.appendChild(head);
    region.appendChild(document.createTextNode(result.message));
    region.hidden = false;
    box.setAttribute("data-passed", result.passed ? "true" : "false");
  }

  function markSolved(box, solved) {
    var note = box.querySelector(".lrc-answer-saved");
    if (solved) box.setAttribute("data-solved", "true");
    else box.removeAttribute("data-solved");
    if (note) note.hidden = !solved;
  }

  function setUp(box, messages, onChange) {
    var data = JSON.parse(box.querySelector("script.lrc-answer-data").textContent);
    var input = box.querySelector(".lrc-answer-input");
    var button = box.querySelector(".lrc-answer-check");
    function run() {
      var result = checkText(data, messages, input.value);
      showResult(box, result);
      if (result.passed) {
        var s = storage();
        if (s) {
          try {
            s.setItem(STORE_PREFIX + data.id, JSON.stringify({ answer: input.value, time: new Date().toISOString() }));
          } catch (e) { /* storage full or refused: nothing is remembered */ }
        }
        markSolved(box, true);
        onChange();
      }
    }
    // A list field grows with its content (up to its CSS max-height).
    function grow() {
      if (input.tagName !== "TEXTAREA") return;
      input.style.height = "auto";
      input.style.height = input.scrollHeight + input.offsetHeight - input.clientHeight + "px";
    }
    input.addEventListener("input", grow);
    button.addEventListener("click", run);
    input.addEventListener("keydown", function (event) {
      // Enter checks a single number; in a list box Enter starts a new line
      // and Ctrl+Enter (or Cmd+Enter) checks.
      if (event.key === "Enter" && (input.tagName === "INPUT" || event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run();
      }
    });
    var saved = remembered(data.id);
    if (saved) {
      if (!input.value && typeof saved.answer === "string") {
        input.value = saved.answer;
        grow();
      }
      markSolved(box, true);
    }
    return data.id;
  }

  function init() {
    var source = document.getElementById("lrc-answer-messages");
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".lrc-answer[data-exercise]"));
    if (!source || boxes.length === 0) return;
    var messages = JSON.parse(source.textContent);
    var checkable = boxes.filter(function (b) { return b.querySelector("script.lrc-answer-data"); });
    if (checkable.length === 0) return;

    // One progress line with its "Clear" button, after the last box of the page.
    var bar = document.createElement("div");
    bar.className = "lrc-answer-progress";
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "lrc-answer-clear";
    clear.textContent = "Clear my progress on this page";
    bar.appendChild(status);
    bar.appendChild(clear);
    boxes[boxes.length - 1].insertAdjacentElement("afterend", bar);

    var ids = [];
    function update(text) {
      var solved = ids.filter(function (id) { return remembered(id); }).length;
      status.textContent = text || ("Solved on this page: " + solved + " of " + ids.length +
        " (remembered in this browser only).");
    }
    checkable.forEach(function (box) { ids.push(setUp(box, messages, function () { update(); })); });
    clear.addEventListener("click", function () {
      var s = storage();
      ids.forEach(function (id) { if (s) s.removeItem(STORE_PREFIX + id); });
      checkable.forEach(function (box) {
        markSolved(box, false);
        box.removeAttribute("data-passed");
        var input = box.querySelector(".lrc-answer-input");
        input.value = "";
        input.style.height = "";
        var region = box.querySelector(".lrc-answer-result");
        region.textContent = "";
        region.hidden = true;
      });
      update("Your progress on this page is cleared (0 of " + ids.length + " solved).");
    });
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(typeof window !== "undefined" ? window : globalThis);
