"""The build-time charts in a real browser (issue 16, item 7): at 375, 768 and 1280 px, in both
palettes, every label of the reading-status and tracker charts renders at 11 px or more, and
nothing runs past the article except inside a box that scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

CHARTS = {"papers/": "#pg-status-chart", "tracker/": "#pg-tracker-chart"}

#: Rendered size of each label: its font size times the SVG's current scale (screen CTM).
_LABEL_SIZES = """svg => {
  const scale = svg.getScreenCTM().a;
  return [...svg.querySelectorAll("text")].map(t => ({
    text: t.textContent,
    px: parseFloat(getComputedStyle(t).fontSize) * scale,
    height: t.getBoundingClientRect().height,
  }));
}"""

#: Elements of the article whose right edge passes the article's and that are not inside a
#: sideways-scrolling box (an ancestor below the article with overflow-x auto or scroll).
#: Material's own table scroll box (.md-typeset__scrollwrap) is such a box and reaches into the
#: article's side margin on purpose; a scroll box itself is allowed that far, to the viewport.
_OVERFLOWING = """article => {
  const edge = article.getBoundingClientRect().right + 0.5;
  const bad = [];
  for (const el of article.querySelectorAll("*")) {
    const right = el.getBoundingClientRect().right;
    if (right <= edge) continue;
    const own = getComputedStyle(el).overflowX;
    if (["auto", "scroll"].includes(own) && right <= window.innerWidth + 0.5) continue;
    let box = el.parentElement, scrolls = false;
    while (box && box !== article) {
      if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) { scrolls = true; break; }
      box = box.parentElement;
    }
    if (!scrolls) bad.push(el.tagName + "." + (el.getAttribute("class") || ""));
  }
  return bad;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 768, 1280])
@pytest.mark.parametrize("path", list(CHARTS))
def test_chart_labels_stay_readable_and_nothing_overflows_the_article(
    new_page, example_site, artifacts, path, width, scheme
):
    page, _ = new_page(width=width, height=900, color_scheme=scheme)
    page.goto(example_site.url + path)
    if scheme == "dark":  # Material follows the stored palette, not the system preference
        page.evaluate('() => document.body.setAttribute("data-md-color-scheme", "slate")')
    svg = page.locator(CHARTS[path])
    expect(svg).to_be_visible()
    expect(page.locator("article.md-content__inner")).to_be_visible()
    labels = svg.evaluate(_LABEL_SIZES)
    assert labels, "the chart has text labels"
    for label in labels:
        assert label["px"] >= 11, label
        assert label["height"] >= 11, label
    # The text colour follows the palette (the labels are not drawn in the page background).
    fill, background = svg.evaluate(
        """svg => [getComputedStyle(svg.querySelector("text.pg-chart-label")).fill,
                   getComputedStyle(document.body).backgroundColor]"""
    )
    assert fill != background
    article = page.locator("article.md-content__inner")
    assert article.evaluate(_OVERFLOWING) == []
    # A chart wider than its column scrolls inside a named region the keyboard can reach.
    region = svg.locator("xpath=..")
    expect(region).to_have_class("pg-chart-scroll")
    expect(region).to_have_attribute("tabindex", "0")
    expect(region).to_have_attribute("role", "region")
    overflows = region.evaluate("r => r.scrollWidth > r.clientWidth + 1")
    if width == 1280:
        assert not overflows  # the desktop layout shows the whole chart, as before
    svg.scroll_into_view_if_needed()
    name = path.strip("/")
    region.screenshot(path=str(artifacts / f"chart-{name}-{width}-{scheme}.png"))
    if overflows:
        region.focus()
        page.keyboard.press("ArrowRight")
        expect(region).not_to_have_js_property("scrollLeft", 0)
