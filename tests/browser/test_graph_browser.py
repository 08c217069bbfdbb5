"""The relations graph in a real browser (issue 16): on the example site and on a larger corpus
(tests/fixtures/graph_corpus: 13 notes in groups, shared citations, long and accented names),
at 375, 768 and 1280 px in both palettes, no label overlaps another, no edge crosses a label,
every label renders at 11 px or more (12 px or more at 1280 px), the graph fits the column at
1280 px and otherwise scrolls inside a named region the keyboard can scroll, and nothing runs
past the article. Boxes are read from the DOM (tests/browser/layout_geometry.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ServedSite
from tests.browser.layout_geometry import (
    edges_through_labels,
    label_overlaps,
    overflowing_article,
    small_text,
)
from tests.helpers import REPO, build_site

CORPUS = REPO / "tests" / "fixtures" / "graph_corpus"
REGION = "Graph of connections (scrolls sideways when wider than the page)"


@pytest.fixture(scope="session")
def graph_corpus(tmp_path_factory, serve) -> ServedSite:
    """The graph test corpus, built strictly and served."""
    root = tmp_path_factory.mktemp("graph-corpus")
    files: dict[str, str | bytes] = {
        str(path.relative_to(CORPUS)): path.read_text("utf-8")
        for path in sorted(CORPUS.rglob("*"))
        if path.is_file()
    }
    result = build_site(root, files)
    assert result.ok and result.warnings() == [], result.error or result.warnings()
    return ServedSite(result, serve(root / "site"))


@pytest.fixture(params=["example", "corpus"])
def site(request) -> tuple[str, ServedSite]:
    fixture = "example_site" if request.param == "example" else "graph_corpus"
    return request.param, request.getfixturevalue(fixture)


def open_graph(new_page, site: ServedSite, path: str, width: int, scheme: str):
    page, _ = new_page(width=width, height=900, color_scheme=scheme)
    page.goto(site.url + path)
    if scheme == "dark":  # Material follows the stored palette, not the system preference
        page.evaluate('() => document.body.setAttribute("data-md-color-scheme", "slate")')
    svg = page.locator("svg.pg-graph").first
    expect(svg).to_be_visible()
    return page, svg


def check_drawing(svg, width: int) -> None:
    assert svg.locator("text").count() > 0
    assert label_overlaps(svg, "text") == []
    assert edges_through_labels(svg, ".pg-graph__edge", "text") == []
    assert small_text(svg, "text", 12 if width >= 1280 else 11) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 768, 1280])
def test_graph_page_labels_are_readable_and_clear_of_each_other_and_of_edges(
    new_page, site, artifacts: Path, width, scheme
):
    name, served = site
    page, svg = open_graph(new_page, served, "graph/", width, scheme)
    check_drawing(svg, width)
    assert overflowing_article(page) == []
    # Labels and boxes follow the palette: never drawn in the page's background colour.
    label, box, background = svg.evaluate(
        """svg => [getComputedStyle(svg.querySelector(".pg-graph__label")).fill,
                   getComputedStyle(svg.querySelector(".pg-graph__box")).stroke,
                   getComputedStyle(document.body).backgroundColor]"""
    )
    assert background not in (label, box)
    region = page.locator(".pg-graph-scroll").first
    expect(region).to_have_attribute("tabindex", "0")
    expect(region).to_have_attribute("role", "region")
    expect(region).to_have_attribute("aria-label", REGION)
    overflows = region.evaluate("r => r.scrollWidth > r.clientWidth + 1")
    if width >= 768:
        assert not overflows  # the whole graph is in view, at its natural size
    svg.scroll_into_view_if_needed()
    region.screenshot(path=str(artifacts / f"graph-{name}-{width}-{scheme}.png"))
    if overflows:  # a keyboard user can scroll it
        region.focus()
        page.keyboard.press("ArrowRight")
        expect(region).not_to_have_js_property("scrollLeft", 0)


@pytest.mark.parametrize("width", [375, 1280])
def test_paper_page_graph_labels_are_readable_and_clear(new_page, site, width):
    _, served = site
    _page, svg = open_graph(new_page, served, "papers/kirillov2023segment/", width, "light")
    expect(svg.locator(".pg-graph__node--centre")).to_have_count(1)
    check_drawing(svg, width)
