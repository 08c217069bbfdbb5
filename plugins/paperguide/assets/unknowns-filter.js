/* paperguide: filter the unknowns dashboard by status and paper (progressive enhancement).
   The page is complete without this script: the form stays hidden and every list is shown.
   The choice is kept in the URL (?status=open&paper=<slug>) so a filtered view can be shared. */
(function () {
  "use strict";

  function setup() {
    var form = document.querySelector("form[data-pg-filter]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var entries = document.querySelectorAll(".pg-entry[data-status]");
    var count = form.querySelector("output");
    var params = new URLSearchParams(location.search);
    ["status", "paper"].forEach(function (name) {
      var value = params.get(name);
      if (value && form.elements[name].querySelector('option[value="' + CSS.escape(value) + '"]')) {
        form.elements[name].value = value;
      }
    });

    function apply() {
      var status = form.elements.status.value;
      var paper = form.elements.paper.value;
      var shown = 0;
      entries.forEach(function (entry) {
        var match = (!status || entry.dataset.status === status) &&
          (!paper || entry.dataset.paper === paper);
        var item = entry.closest("li") || entry;
        item.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = shown + " of " + entries.length + " shown";
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
