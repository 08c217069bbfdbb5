// A box that scrolls sideways (wide table, display formula) can only be scrolled from the
// keyboard if it takes focus (WCAG 2.1.1), so each one that overflows gets tabindex="0" and a
// name. Boxes that fit, or do not scroll themselves (KaTeX's display inside Material's
// scrolling div.arithmatex), stay out of the tab order.
(function () {
  "use strict";
  var KINDS = [
    [".md-typeset__scrollwrap", "Table"],
    [".md-typeset div.arithmatex", "Formula"],
    [".md-typeset .katex-display", "Formula"]
  ];
  var ATTRS = ["tabindex", "role", "aria-label", "data-pg-focusable"];
  function mark() {
    KINDS.forEach(function (kind) {
      document.querySelectorAll(kind[0]).forEach(function (box) {
        var on = box.scrollWidth > box.clientWidth + 1 &&
          /auto|scroll/.test(getComputedStyle(box).overflowX);
        if (on && !box.hasAttribute("tabindex")) {
          [0, "region", kind[1] + " (scrolls sideways)", ""].forEach(function (v, i) {
            box.setAttribute(ATTRS[i], v);
          });
        } else if (!on && box.hasAttribute(ATTRS[3])) {
          ATTRS.forEach(function (a) { box.removeAttribute(a); });
        }
      });
    });
  }
  // New content (instant navigation), a new width, KaTeX's fonts arriving: measure again.
  new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", mark);
  document.fonts.ready.then(mark);
  mark();
})();
