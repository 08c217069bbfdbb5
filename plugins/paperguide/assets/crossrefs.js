/* paperguide: small enhancements for citation cards and the relations graph. Everything works
   without this file (cards show on :hover/:focus-within, graph nodes are links); it adds
   Escape to dismiss a card, keeps cards inside the viewport, and highlights a graph node's
   connections. Listeners sit on the document, so Material's instant navigation needs nothing. */
(function () {
  "use strict";

  function place(item) {
    var card = item.querySelector(":scope > .pg-card");
    if (!card) return;
    card.style.left = "";
    var rect = card.getBoundingClientRect();
    var over = rect.right - (document.documentElement.clientWidth - 8);
    if (over > 0) card.style.left = Math.min(0, -over) + "px";
  }

  function itemOf(target) {
    return target && target.closest ? target.closest(".pg-cite__item") : null;
  }

  function enter(event) {
    var item = itemOf(event.target);
    if (item && !item.contains(event.relatedTarget)) {
      item.classList.remove("pg-card--dismissed");
      window.requestAnimationFrame(function () { place(item); });
    }
  }

  document.addEventListener("mouseover", enter);
  document.addEventListener("focusin", enter);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".pg-cite__item:hover, .pg-cite__item:focus-within")
      .forEach(function (item) { item.classList.add("pg-card--dismissed"); });
  });

  function highlight(node, on) {
    var svg = node.closest("svg.pg-graph");
    if (!svg) return;
    svg.querySelectorAll(".is-hl").forEach(function (el) { el.classList.remove("is-hl"); });
    if (!on) {
      delete svg.dataset.active;
      return;
    }
    var id = node.getAttribute("data-node");
    svg.dataset.active = id;
    node.classList.add("is-hl");
    var edges = svg.querySelectorAll('[data-source="' + id + '"], [data-target="' + id + '"]');
    for (var j = 0; j < edges.length; j++) {
      var edge = edges[j];
      edge.classList.add("is-hl");
      var other = edge.getAttribute(edge.getAttribute("data-source") === id ? "data-target" : "data-source");
      var peer = svg.querySelector('[data-node="' + other + '"]');
      if (peer) peer.classList.add("is-hl");
    }
  }

  function graphNode(target) {
    return target && target.closest ? target.closest(".pg-graph__node[data-node]") : null;
  }

  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var node = graphNode(event.target);
      if (node) highlight(node, true);
    });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var node = graphNode(event.target);
      if (node && !node.contains(event.relatedTarget)) highlight(node, false);
    });
  });
})();
