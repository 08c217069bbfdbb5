"""Guide-page tables in a real browser (issue 16, item 5): symbol-table cells are spaced and
their headers aligned like the cells, in both palettes; code-map names never wrap mid-word at
375 px, and a code map wider than the column scrolls in a box the keyboard can reach."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.folds import expand_all

PAGES = ("papers/ma2019qhadam/", "papers/kirillov2023segment/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_symbol_table_cells_are_padded_and_headers_align_with_cells(
    new_page, example_site, artifacts, scheme
):
    page, _ = new_page(color_scheme=scheme)
    page.goto(example_site.url + "papers/ma2019qhadam/")
    expand_all(page)
    if scheme == "dark":  # Material follows the stored palette, not the system preference
        page.evaluate(
            """() => { const b = document.body;
               b.setAttribute("data-md-color-scheme", "slate"); }"""
        )
    table = page.locator("#formula-update table.pg-symbols")
    expect(table).to_be_visible()
    cells = page.evaluate(
        """() => [...document.querySelectorAll("table.pg-symbols :is(th, td)")].map(c => {
             const s = getComputedStyle(c);
             return {tag: c.tagName, left: parseFloat(s.paddingLeft),
                     right: parseFloat(s.paddingRight), align: s.textAlign,
                     rule: s.tagName === "TH" ? s.borderBottomColor : s.borderTopColor};
           })"""
    )
    assert cells
    for cell in cells:
        assert cell["left"] > 0 and cell["right"] > 0, cell
    aligns = {cell["tag"]: cell["align"] for cell in cells}
    assert aligns["TH"] == aligns["TD"] and aligns["TH"] in ("start", "left"), aligns
    # Neighbouring cells' text does not touch: the gap between the symbol's ink and the
    # meaning's first letter is at least the two paddings.
    gap = page.evaluate(
        """() => {
          const row = document.querySelector("#formula-update tr.pg-sym-row");
          const symbol = row.cells[0].querySelector(".katex").getBoundingClientRect();
          const range = document.createRange();
          range.selectNodeContents(row.cells[1]);
          return range.getClientRects()[0].left - symbol.right;
        }"""
    )
    assert gap >= 8, gap
    # The rules between rows are drawn (Material's table colour exists in both palettes).
    rule = table.locator("td").first.evaluate("c => getComputedStyle(c).borderTopColor")
    assert rule not in ("rgba(0, 0, 0, 0)", "transparent")
    table.scroll_into_view_if_needed()
    table.screenshot(path=str(artifacts / f"symbol-table-{scheme}.png"))


@pytest.mark.parametrize("path", PAGES)
def test_code_map_names_do_not_wrap_mid_word_at_375px(new_page, example_site, artifacts, path):
    page, _ = new_page(width=375, height=800)
    page.goto(example_site.url + path)
    expand_all(page)
    heading = page.locator("#code-map")
    expect(heading).to_be_visible()
    # Material wraps content tables in its scroll box once its script has run.
    wrap = page.locator("#code-map ~ details .md-typeset__scrollwrap").first
    expect(wrap).to_be_attached()
    names = page.locator(".md-typeset__scrollwrap code.pg-ident")
    expect(names.first).to_be_visible()
    # Every part between two break chances (<wbr>) is one text node; each must sit on one line.
    split = page.evaluate(
        """() => {
          const bad = [];
          for (const code of document.querySelectorAll("code.pg-ident")) {
            for (const node of code.childNodes) {
              if (node.nodeType !== Node.TEXT_NODE || /[\\s-]/.test(node.data)) continue;
              const range = document.createRange();
              range.selectNodeContents(node);
              const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
              if (tops.size > 1) bad.push(node.data);
            }
          }
          return bad;
        }"""
    )
    assert split == []
    # Names with no break chance at all take one line.
    for name in ("Sam", "QHAdam", "MaskDecoder"):
        single = page.locator("code.pg-ident", has_text=name)
        for index in range(single.count()):
            code = single.nth(index)
            if code.inner_text() == name:
                assert code.evaluate("c => c.getClientRects().length") == 1, name
    # A map wider than the column scrolls in a box that takes keyboard focus (scroll-focus.js).
    box = page.evaluate(
        """() => { const w = document.querySelector("#code-map ~ details .md-typeset__scrollwrap");
             return {over: w.scrollWidth > w.clientWidth + 1, tab: w.getAttribute("tabindex"),
                     role: w.getAttribute("role"), label: w.getAttribute("aria-label")}; }"""
    )
    if box["over"]:
        assert box["tab"] == "0" and box["role"] == "region" and box["label"], box
    heading.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"code-map-375-{path.split('/')[1]}.png"))


def test_linked_paths_keep_their_underscores_clear_of_the_underline(page, example_site):
    page.goto(example_site.url + "papers/kirillov2023segment/")
    expand_all(page)
    link = page.locator("td a:has(> code.pg-ident)").first
    expect(link).to_be_visible()
    line, offset, size = link.evaluate(
        "a => { const s = getComputedStyle(a); return [s.textDecorationLine,"
        " parseFloat(s.textUnderlineOffset), parseFloat(s.fontSize)]; }"
    )
    assert line == "underline"  # still marked as a link (a11y.css)
    # At a11y.css's 0.15em the line covered the monospace "_"; at 0.35em it runs below it
    # (see the screenshot test-artifacts/code-map-375-kirillov2023segment.png).
    assert offset >= 0.3 * size, (offset, size)


def test_evidence_links_are_short_and_fit_a_375px_column(new_page, example_site):
    page, _ = new_page(width=375, height=800)
    page.goto(example_site.url + "papers/kirillov2023segment/")
    expand_all(page)
    link = page.locator("#u-windowed-attention .pg-evidence-label + ul a[href^='https://']")
    expect(link).to_have_text("image_encoder.py L243–264 @ dca509f")
    expect(link).to_have_attribute(
        "href",
        "https://github.com/facebookresearch/segment-anything/blob/"
        "dca509fe793f601edb92606367a655c15ac00fdf/segment_anything/modeling/image_encoder.py"
        "#L243-L264",
    )
    assert link.evaluate("a => a.getClientRects().length") == 1


def test_papers_index_fits_a_desktop_column_and_titles_wrap_at_most_once(new_page, example_site):
    """At 1280 px the whole index shows without scrolling and no title takes more than two
    lines (it was 966 px in a 720 px column, five columns hidden, a title on five lines)."""
    page, _ = new_page(width=1280, height=900)
    page.goto(example_site.url + "papers/")
    wrap = page.locator("article .md-typeset__scrollwrap").last
    expect(wrap).to_be_attached()
    assert wrap.evaluate("w => w.scrollWidth - w.clientWidth") <= 1
    titles = page.locator("article table tbody td:first-child a")
    expect(titles.first).to_be_visible()
    for index in range(titles.count()):
        lines = titles.nth(index).evaluate(
            """a => Math.round(a.getBoundingClientRect().height
                               / parseFloat(getComputedStyle(a).lineHeight))"""
        )
        assert lines <= 2, (titles.nth(index).inner_text(), lines)


#: Mean brightness of the column of pixels just inside each edge of a PNG, minus the middle's.
_EDGE_SHADES = """async (bytes) => {
  const img = await createImageBitmap(new Blob([new Uint8Array(bytes)], {type: "image/png"}));
  const c = new OffscreenCanvas(img.width, img.height).getContext("2d");
  c.drawImage(img, 0, 0);
  const column = (x) => {
    const d = c.getImageData(x, 0, 1, img.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2];
    return sum / (d.length / 4) / 3;
  };
  const middle = column(Math.floor(img.width / 2));
  return [column(1) - middle, column(img.width - 2) - middle];
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_box_with_more_to_show_casts_a_shadow_on_that_side(
    new_page, example_site, artifacts, scheme
):
    """The scroll cue: a shade at each edge where content is hidden, gone at the end the reader
    has reached. It is the box's background, so the table is hidden (keeping its size) to
    measure the background alone."""
    page, _ = new_page(width=375, height=800, color_scheme=scheme)
    page.goto(example_site.url + "papers/")
    wrap = page.locator("article .md-typeset__scrollwrap").last
    expect(wrap).to_have_attribute("tabindex", "0")
    wrap.scroll_into_view_if_needed()
    wrap.screenshot(path=str(artifacts / f"scroll-cue-{scheme}.png"))
    wrap.evaluate("w => { w.firstElementChild.style.visibility = 'hidden'; }")
    left, right = page.evaluate(_EDGE_SHADES, list(wrap.screenshot()))
    assert abs(left) < 1 and abs(right) > 8, (left, right)  # at the start: more to the right
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    expect(wrap).not_to_have_js_property("scrollLeft", 0)
    left, right = page.evaluate(_EDGE_SHADES, list(wrap.screenshot()))
    assert abs(left) > 8 and abs(right) < 1, (left, right)  # at the end: more to the left
