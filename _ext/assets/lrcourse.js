/* lrcourse book: solution dropdowns open from their whole title bar; long
 * identifiers in tables break at their separators.
 *
 * sphinx-exercise writes a solution's title as "Solution to <a href=#exercise>
 * Exercise 1 ...</a>" and sphinx-togglebutton makes the title toggle the
 * dropdown, but a click on the link jumps to the exercise (leaving the
 * solution closed) and a click on any other element inside the title is
 * ignored. Here, a click anywhere in the title of a toggled admonition toggles
 * it, and the link becomes plain text (the exercise is just above).
 * Without JavaScript the solution stays open and the link works. */
(function () {
  "use strict";

  var TITLE = ".admonition.toggle > .admonition-title";

  document.addEventListener(
    "click",
    function (event) {
      var target = event.target;
      if (!(target instanceof Element)) return;
      var title = target.closest(TITLE);
      if (!title || target.closest("button.toggle-button")) return;
      var button = title.querySelector("button.toggle-button");
      if (!button) return;
      event.preventDefault();
      event.stopPropagation();
      button.click(); // bubbles to the title, whose handler toggles the item
    },
    true
  );

  function unlinkTitles() {
    document.querySelectorAll(".admonition.dropdown > .admonition-title a[href]").forEach(function (a) {
      var span = document.createElement("span");
      span.className = "lrc-title-ref";
      while (a.firstChild) span.appendChild(a.firstChild);
      a.replaceWith(span);
    });
  }

  /* Tables: long identifiers such as initial_learning_rate or
   * tf.compat.v1.train.exponential_decay(0.1, may break after "_", ".", "/",
   * "(" or "," or inside a CamelCase name (a <wbr>, invisible to copy and
   * paste), so that a table fits its column without breaking inside a word. */
  var LONG = /[^\s]{8,}/g;
  var AFTER = /([_./(,=])/g;
  var CAMEL = /([a-z])(?=[A-Z])/g;

  function breakableTables() {
    document.querySelectorAll("article table").forEach(function (table) {
      var walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
      var texts = [];
      for (var n = walker.nextNode(); n; n = walker.nextNode()) {
        if (LONG.test(n.nodeValue)) texts.push(n);
        LONG.lastIndex = 0;
      }
      texts.forEach(function (text) {
        if (text.parentElement.closest("mjx-container, pre, script, style")) return;
        var fragment = document.createDocumentFragment();
        var value = text.nodeValue;
        var last = 0;
        value.replace(LONG, function (word, start) {
          fragment.appendChild(document.createTextNode(value.slice(last, start)));
          // ...and inside CamelCase names (ReduceLROnPlateau), before a capital
          // that follows a lower-case letter.
          word.replace(CAMEL, "$1\u0000").split(AFTER).forEach(function (part, i) {
            if (!part) return;
            part.split("\u0000").forEach(function (piece, k) {
              if (k > 0) fragment.appendChild(document.createElement("wbr"));
              if (piece) fragment.appendChild(document.createTextNode(piece));
            });
            if (i % 2 === 1) fragment.appendChild(document.createElement("wbr"));
          });
          last = start + word.length;
          return word;
        });
        fragment.appendChild(document.createTextNode(value.slice(last)));
        text.replaceWith(fragment);
      });
    });
  }

  function init() {
    unlinkTitles();
    breakableTables();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
