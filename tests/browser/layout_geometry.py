"""Layout checks read from the DOM, for any browser test: overlapping labels, edges drawn through
labels, text too small to read, and content running past the article.

Each function takes a Playwright ``Page`` (or a ``Locator`` to limit the search to one element)
and returns what is wrong as a list of short descriptions, empty when all is well, so a test
writes ``assert label_overlaps(page, "svg.pg-graph text") == []`` and a failure prints the
culprits. Boxes are the rendered ones (``getBoundingClientRect``: after CSS, transforms and the
SVG's scaling), so the checks hold whatever produced the markup. Elements that are not rendered
(``display: none``, zero size, ``visibility: hidden``, ``opacity: 0`` on them or an ancestor)
are skipped: a label hidden until hover cannot collide with anything.
"""

from __future__ import annotations

from typing import Any

#: JavaScript shared by the checks: which elements are shown, their boxes, short names.
_COMMON = """
const shown = (el) => {
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.display === "none" || style.visibility === "hidden") return false;
    if (parseFloat(style.opacity) === 0) return false;
  }
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
};
const name = (el) => {
  const text = (el.textContent || "").trim().slice(0, 40);
  return el.tagName.toLowerCase() + (text ? ` "${text}"` : "");
};
const within = (root, selector) =>
  [...(root.matches && root.matches(selector) ? [root] : []), ...root.querySelectorAll(selector)]
    .filter(shown);
"""

_LABEL_OVERLAPS = (
    "(root, [selector, tolerance]) => {"
    + _COMMON
    + """
  const items = within(root, selector).map((el) => [el, el.getBoundingClientRect()]);
  const found = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const [a, ra] = items[i], [b, rb] = items[j];
      if (a.contains(b) || b.contains(a)) continue;
      const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (w > tolerance && h > tolerance) found.push(`${name(a)} overlaps ${name(b)}`);
    }
  }
  return found;
}"""
)

_EDGES_THROUGH_LABELS = (
    "(root, [edgeSelector, labelSelector, tolerance]) => {"
    + _COMMON
    + """
  const labels = within(root, labelSelector).map((el) => [el, el.getBoundingClientRect()]);
  const found = [];
  for (const edge of within(root, edgeSelector)) {
    // Any SVG shape: walk along it every 1.5 user units, in screen coordinates.
    const matrix = edge.getScreenCTM();
    const length = edge.getTotalLength();
    const steps = Math.max(2, Math.ceil(length / 1.5));
    const hit = new Set();
    for (let s = 0; s <= steps; s++) {
      const p = edge.getPointAtLength((length * s) / steps).matrixTransform(matrix);
      for (const [label, r] of labels) {
        if (hit.has(label)) continue;
        if (p.x > r.left + tolerance && p.x < r.right - tolerance &&
            p.y > r.top + tolerance && p.y < r.bottom - tolerance) {
          hit.add(label);
          const title = edge.querySelector("title");
          found.push(`edge ${title ? title.textContent : name(edge)} crosses ${name(label)}`);
        }
      }
    }
  }
  return found;
}"""
)

_SMALL_TEXT = (
    "(root, [selector, minimum]) => {"
    + _COMMON
    + """
  const found = [];
  for (const el of within(root, selector)) {
    let px = parseFloat(getComputedStyle(el).fontSize);
    // SVG text is scaled with its drawing: font size times the screen scale of its user units.
    if (el instanceof SVGElement && el.getScreenCTM) {
      const m = el.getScreenCTM();
      px *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
    if (px < minimum - 0.01) found.push(`${name(el)} is ${px.toFixed(1)} px`);
  }
  return found;
}"""
)

#: Elements of the article whose right edge passes the article's and that are neither inside a
#: box scrolling sideways (overflow-x auto or scroll; such a box itself may reach the viewport)
#: nor clipped by a box that ends within the article (overflow-x hidden or clip: KaTeX draws
#: its root signs as 400em-wide SVGs cut to size that way).
_OVERFLOWING = (
    "(article) => {"
    + _COMMON
    + """
  const edge = article.getBoundingClientRect().right + 0.5;
  const found = [];
  for (const el of article.querySelectorAll("*")) {
    const right = el.getBoundingClientRect().right;
    if (right <= edge || !shown(el)) continue;
    const own = getComputedStyle(el).overflowX;
    if (["auto", "scroll"].includes(own) && right <= window.innerWidth + 0.5) continue;
    // Fine inside a box that scrolls sideways, or one that clips it within the article.
    let box = el.parentElement, contained = false;
    while (box && box !== article) {
      const overflow = getComputedStyle(box).overflowX;
      if (["auto", "scroll"].includes(overflow) ||
          (["hidden", "clip"].includes(overflow) && box.getBoundingClientRect().right <= edge)) {
        contained = true;
        break;
      }
      box = box.parentElement;
    }
    if (!contained) found.push(`${name(el)}.${el.getAttribute("class") || ""} ends at ${right}`);
  }
  return found;
}"""
)


def _run(where: Any, script: str, *args: Any) -> list[str]:
    """Run ``script`` on ``where``: a Locator as it is, a Page as its ``<html>`` element."""
    root = where.locator("html") if hasattr(where, "goto") else where
    return root.evaluate(script, list(args))


def label_overlaps(where: Any, selector: str, tolerance: float = 0.5) -> list[str]:
    """Pairs of shown elements matching ``selector`` whose boxes overlap by more than
    ``tolerance`` pixels both ways (an element and its own descendant never count)."""
    return _run(where, _LABEL_OVERLAPS, selector, tolerance)


def edges_through_labels(
    where: Any, edge_selector: str, label_selector: str, tolerance: float = 0.5
) -> list[str]:
    """Shown SVG shapes (lines, polylines, paths) matching ``edge_selector`` that pass through
    the box of a shown element matching ``label_selector`` (deeper than ``tolerance`` px)."""
    return _run(where, _EDGES_THROUGH_LABELS, edge_selector, label_selector, tolerance)


def small_text(where: Any, selector: str, minimum: float) -> list[str]:
    """Shown elements matching ``selector`` rendered smaller than ``minimum`` CSS pixels: the
    computed font size, times the drawing's screen scale for SVG text."""
    return _run(where, _SMALL_TEXT, selector, minimum)


def overflowing_article(page: Any, article: str = "article.md-content__inner") -> list[str]:
    """Elements running past the article's right edge, outside any sideways-scrolling box and
    not clipped within it."""
    return page.locator(article).evaluate(_OVERFLOWING)
