/* paperguide formula breakdowns: pointing at (or focusing) a row of the symbol table lights
   up that symbol everywhere in the formula, and pointing at a symbol lights up its row.
   Rows carry data-pg-sym="n"; KaTeX put class "pg-sym-n" on each occurrence at build time.
   Listeners are delegated from the document, so pages swapped in by Material's instant
   navigation work without re-binding; document$ (when present) resets stale highlights. */
(function () {
  "use strict";
  if (window.__pgFormulas) return;
  window.__pgFormulas = true;
  var ON = "pg-sym--on";

  function target(node) {
    if (!node || !node.closest) return null;
    var box = node.closest(".pg-formula");
    if (!box) return null;
    var row = node.closest("[data-pg-sym]");
    if (row) return { box: box, n: row.getAttribute("data-pg-sym") };
    var sym = node.closest(".pg-formula-math .pg-sym");
    if (!sym) return null;
    var m = /(?:^|\s)pg-sym-(\d+)(?:\s|$)/.exec(sym.getAttribute("class"));
    return m ? { box: box, n: m[1] } : null;
  }

  function light(t, on) {
    if (!t) return;
    t.box.querySelectorAll('.pg-sym-' + t.n + ', [data-pg-sym="' + t.n + '"]')
      .forEach(function (el) { el.classList.toggle(ON, on); });
  }

  function clear() {
    document.querySelectorAll("." + ON).forEach(function (el) { el.classList.remove(ON); });
  }

  function on(e) { light(target(e.target), true); }
  function off(e) {
    var from = target(e.target);
    var to = target(e.relatedTarget);
    if (from && !(to && to.box === from.box && to.n === from.n)) light(from, false);
  }

  document.addEventListener("mouseover", on);
  document.addEventListener("mouseout", off);
  document.addEventListener("focusin", on);
  document.addEventListener("focusout", off);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(clear);
})();
