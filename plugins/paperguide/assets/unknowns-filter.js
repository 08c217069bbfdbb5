/* paperguide: the unknowns filter (heading counts, emptied sections and their contents links
   hidden, choice kept in ?status=&paper=), "Expand all" (every fold of the page) and #links
   that open folds. Shipped hidden: without this script, all is listed, each fold opens alone. */
(function () {
  "use strict";
  var all = function (css) { return [].slice.call(document.querySelectorAll(css)); };

  // #hash: open the target's own fold (a card's) and every fold around it.
  function reveal() {
    var t = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (t = t && (t.querySelector(":scope>details") || t).closest("details"); t;
      t = t.parentNode.closest("details")) t.open = true;
  }

  function setup() {
    all(".pg-fold-all").forEach(function (buttons) { buttons.hidden = false; });
    reveal();
    var form = document.querySelector("form[data-pg-filter]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var fields = form.elements;
    var total = 0;
    // A section: its heading (with the .pg-count) and its siblings up to the next h2.
    var sections = all("h2 > .pg-count").map(function (number) {
      var node = number.parentNode;
      var parts = [];
      var entries = [];
      do {
        parts.push(node);
        entries.push.apply(entries, node.querySelectorAll(".pg-entry"));
        node = node.nextElementSibling;
      } while (node && node.tagName !== "H2");
      total += entries.length;
      return { number: number, parts: parts, entries: entries,
        links: all('.md-nav__link[href$="#' + parts[0].id + '"]') };
    });
    var names = ["status", "paper"];
    names.forEach(function (name) {
      fields[name].value = new URLSearchParams(location.search).get(name) || "";
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
      // A polite live region: the new total is read out.
      form.querySelector("output").textContent = shown ? shown + " of " + total + " shown"
        : "No unknowns match these filters.";
      var url = new URL(location.href);
      names.forEach(function (name) {
        var value = fields[name].value;
        if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
      });
      history.replaceState(history.state, "", url);
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  // On the document: pages swapped in by instant navigation need nothing more.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-pg-expand]");
    if (button) all("article details").forEach(function (fold) {
      fold.open = !!button.dataset.pgExpand;
    });
  });
  window.addEventListener("hashchange", reveal);
  // Material's instant navigation emits each page it shows on document$.
  var shown = window.document$;
  if (shown && shown.subscribe) shown.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
