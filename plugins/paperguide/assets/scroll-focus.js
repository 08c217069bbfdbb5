// Wide tables and display formulas scroll sideways inside their own box on narrow screens. A
// keyboard user can only scroll such a region if it can take focus (WCAG 2.1.1; axe's
// "scrollable-region-focusable"), so every box that actually overflows gets tabindex="0" and an
// accessible name; boxes that fit stay out of the tab order.
(function () {
  "use strict";
  var KINDS = [
    [".md-typeset__scrollwrap", "Table (scrolls sideways)"],
    [".md-typeset div.arithmatex", "Formula (scrolls sideways)"],
    [".md-typeset .katex-display", "Formula (scrolls sideways)"]
  ];
  function mark() {
    KINDS.forEach(function (kind) {
      document.querySelectorAll(kind[0]).forEach(function (box) {
        var overflows = box.scrollWidth > box.clientWidth + 1;
        if (overflows && !box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", kind[1]);
          box.setAttribute("data-pg-focusable", "");
        } else if (!overflows && box.hasAttribute("data-pg-focusable")) {
          ["tabindex", "role", "aria-label", "data-pg-focusable"].forEach(function (name) {
            box.removeAttribute(name);
          });
        }
      });
    });
  }
  // Material swaps page content without a reload (navigation.instant); watch for new content.
  new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", mark);
  mark();
})();
