// What a reader would see cut off or too small inside the article, measured in the page
// (tests/browser/layout.py runs it; test_layout_all_pages.py asserts it finds nothing).
// Called as a function of { excluded: [selectors] }: subtrees left out of every check.
({ excluded, minText, minScript }) => {
  const article = document.querySelector("article.md-content__inner");
  const px = (value) => Math.round(value * 10) / 10;
  const style = (el) => getComputedStyle(el);
  const scrolls = (el) => ["auto", "scroll"].includes(style(el).overflowX);
  const skipped = (el) => excluded.some((selector) => el.closest(selector));
  // Screen-reader-only text (KaTeX's MathML, Material's hidden labels) is clipped on purpose
  // to a 1 px box; it is not what a sighted reader sees.
  const srOnly = (el) => {
    for (let node = el; node && node !== article; node = node.parentElement) {
      const box = node.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) {
        if (style(node).overflow === "hidden" || style(node).position === "absolute") return true;
      }
    }
    return false;
  };
  const rendered = (el) => el.getClientRects().length > 0 && style(el).visibility !== "hidden";
  const scrollParent = (el) => {
    for (let box = el.parentElement; box && box !== article; box = box.parentElement) {
      if (scrolls(box)) return box;
    }
    return null;
  };
  // Material pulls code blocks, tables and formulas into the article's side margins on phones
  // (negative margins); such a block and what it holds may reach the margin's outer edge.
  const bleeds = (el) => {
    for (let node = el; node && node !== article; node = node.parentElement) {
      const s = style(node);
      if (parseFloat(s.marginLeft) < 0 || parseFloat(s.marginRight) < 0) return true;
    }
    return false;
  };
  // Inline text elements (code, links, spans) are measured by their text, below: their box
  // includes padding that may poke a few pixels past the end of a line.
  const replaced = ["IMG", "SVG", "VIDEO", "CANVAS", "IFRAME", "INPUT", "OBJECT", "EMBED"];
  const boxed = (el) =>
    style(el).display !== "inline" || replaced.includes(el.tagName.toUpperCase());
  const name = (el) => {
    const classes = (el.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean);
    const id = el.id ? "#" + el.id : "";
    return el.tagName.toLowerCase() + id + classes.slice(0, 3).map((c) => "." + c).join("");
  };
  const where = (el) => {
    const heading = [...article.querySelectorAll("h1, h2, h3")]
      .filter((h) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
      .pop();
    return heading ? heading.textContent.replace("¶", "").trim().slice(0, 40) : "";
  };

  const a = article.getBoundingClientRect();
  const s = style(article);
  const inner = { left: a.left, right: a.right };
  const outer = {
    left: a.left - parseFloat(s.marginLeft),
    right: a.right + parseFloat(s.marginRight),
  };
  const pastArticle = (el, rects) => {
    const bound = bleeds(el) ? outer : inner;
    let past = 0;
    for (const r of rects) {
      if (r.width || r.height) past = Math.max(past, r.right - bound.right, bound.left - r.left);
    }
    return past;
  };
  const overflow = [];
  const scrollboxes = [];
  for (const el of article.querySelectorAll("*")) {
    if (!(el instanceof HTMLElement) || skipped(el) || !rendered(el) || srOnly(el)) continue;
    const own = style(el).overflowX;
    const excess = el.scrollWidth - el.clientWidth;
    const holder = scrollParent(el);
    if (scrolls(el)) {
      if (excess > 1) {
        const bg = style(el).backgroundImage;
        scrollboxes.push({
          element: name(el),
          section: where(el),
          hidden_px: excess,
          focusable: el.tabIndex >= 0,
          named: Boolean(el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")),
          cue: bg.includes("gradient"),
        });
      }
    } else if (
      el.clientWidth > 0 &&
      ((own !== "visible" && excess > 1) || (own === "visible" && excess > 4 && !holder))
    ) {
      // Clipped (overflow hidden/clip), or spilling out of a box that does not scroll. A few
      // pixels of spill are decoration, not content: KaTeX's 2 px strut (.vlist-s) at the end of
      // inline math, the padding of inline code broken at the end of a line.
      overflow.push({ element: name(el), section: where(el), kind: own === "visible" ? "spills" : "clipped", px: excess });
    }
    if (holder || !boxed(el)) continue; // a scrolling box is checked itself
    const past = pastArticle(el, [el.getBoundingClientRect()]);
    if (past > 0.5) {
      overflow.push({ element: name(el), section: where(el), kind: "past the article", px: px(past) });
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    overflow.push({
      element: "html",
      section: "",
      kind: "page scrolls sideways",
      px: document.documentElement.scrollWidth - window.innerWidth,
    });
  }

  // Rendered text size: HTML text by its computed font size; SVG text by its font size times
  // the drawing's scale on screen (a chart scaled to half its size halves its labels). Math
  // sub- and superscripts (KaTeX's .mtight) are set by TeX's rules at 70% and 50% of their
  // formula and are held to their own floor, minScript.
  const small = [];
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!/[^\s\u200b]/.test(node.data) || skipped(el) || !rendered(el) || srOnly(el)) continue;
    if (!scrollParent(node) && !(el instanceof SVGElement)) {
      const range = document.createRange();
      range.selectNodeContents(node);
      const past = pastArticle(el, range.getClientRects());
      if (past > 0.5) {
        overflow.push({ text: node.data.trim().slice(0, 40), element: name(el), section: where(el), kind: "text past the article", px: px(past) });
      }
    }
    if (seen.has(el)) continue;
    seen.add(el);
    let size = parseFloat(style(el).fontSize);
    if (el instanceof SVGElement) {
      const svg = el.ownerSVGElement || el;
      const m = svg.getScreenCTM();
      size *= m ? Math.hypot(m.a, m.b) : 1;
    }
    const floor = el.closest(".katex .mtight") ? minScript : minText;
    if (size < floor) {
      small.push({ text: node.data.trim().slice(0, 40), element: name(el), section: where(el), px: px(size) });
    }
  }
  return { overflow, scrollboxes, small };
}
