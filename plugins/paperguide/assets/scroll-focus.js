// Wide tables scroll sideways inside a wrapper that Material adds at runtime. A keyboard user
// can only scroll such a region if it can take focus (WCAG 2.1.1; axe's
// "scrollable-region-focusable"), so every wrapper that actually overflows gets tabindex="0"
// and an accessible name; wrappers that fit stay out of the tab order.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var overflows = wrap.scrollWidth > wrap.clientWidth + 1;
      if (overflows && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table (scrolls sideways)");
        wrap.setAttribute("data-pg-focusable", "");
      } else if (!overflows && wrap.hasAttribute("data-pg-focusable")) {
        ["tabindex", "role", "aria-label", "data-pg-focusable"].forEach(function (name) {
          wrap.removeAttribute(name);
        });
      }
    });
  }
  // Material swaps page content without a reload (navigation.instant); watch for new tables.
  new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", mark);
  mark();
})();
