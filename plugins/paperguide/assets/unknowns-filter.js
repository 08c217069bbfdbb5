/* paperguide: filter the unknowns dashboard by status and paper (progressive enhancement).
   Without this script the form stays hidden and every section is shown. Each heading's count
   follows the filter; a section the filter empties is hidden, heading and table-of-contents
   link included. The choice is kept in the URL (?status=open&paper=<slug>) to be shared. */
(function () {
  "use strict";

  function setup() {
    var form = document.querySelector("form[data-pg-filter]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var fields = form.elements;
    var count = form.querySelector("output");
    var total = 0;
    // A section: its heading (holding the .pg-count) and every sibling up to the next h2.
    var sections = [].map.call(document.querySelectorAll("h2 > .pg-count"), function (number) {
      var node = number.parentNode;
      var parts = [];
      var entries = [];
      do {
        parts.push(node);
        entries.push.apply(entries, node.querySelectorAll(".pg-entry"));
        node = node.nextElementSibling;
      } while (node && node.tagName !== "H2");
      total += entries.length;
      var links = document.querySelectorAll('.md-nav__link[href$="#' + parts[0].id + '"]');
      return { number: number, parts: parts, entries: entries, links: links };
    });
    var params = new URLSearchParams(location.search);
    ["status", "paper"].forEach(function (name) {
      fields[name].value = params.get(name) || "";
      if (fields[name].selectedIndex < 0) fields[name].selectedIndex = 0;
    });

    function apply() {
      var status = fields.status.value;
      var paper = fields.paper.value;
      var shown = 0;
      sections.forEach(function (section) {
        var n = 0;
        section.entries.forEach(function (entry) {
          var match = (!status || entry.dataset.status === status) &&
            (!paper || entry.dataset.paper === paper);
          (entry.closest("li") || entry).hidden = !match;
          n += match;
        });
        var hide = !!(status || paper) && !n;
        section.number.textContent = n;
        section.parts.forEach(function (part) { part.hidden = hide; });
        section.links.forEach(function (link) {
          link.parentNode.hidden = hide;
          var text = link.querySelector(".md-ellipsis") || link;
          text.textContent = text.textContent.replace(/\(\d+\)(\s*)$/, "(" + n + ")$1");
        });
        shown += n;
      });
      // The output is a polite live region: the new total is read out after each change.
      count.textContent = shown ? shown + " of " + total + " shown" : "No unknowns match these filters.";
      var url = new URL(location.href);
      url.searchParams.delete("status");
      url.searchParams.delete("paper");
      if (status) url.searchParams.set("status", status);
      if (paper) url.searchParams.set("paper", paper);
      history.replaceState(history.state, "", url);
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  // Material's instant navigation swaps pages without reloading scripts; document$ emits on
  // every page it shows. Without it, run once the document is parsed.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
