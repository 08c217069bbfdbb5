"""Layout measurements a browser test can assert on: what overflows the article, which boxes
scroll sideways, and which text renders too small (the probe itself is layout_probe.js)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.browser.layout_geometry import edges_through_labels, label_overlaps

GRAPH_SVG = ".pg-graph-figure svg"

PROBE = (Path(__file__).parent / "layout_probe.js").read_text("utf-8")

#: Smallest rendered text, in CSS pixels, for HTML text and for SVG labels after scaling.
MIN_TEXT_PX = 11
#: Smallest math sub- or superscript. TeX sets a script at 70% of its formula and a script's
#: script at 50%, so a second-level index in 16-17 px math is about 8.5 px by design; raising
#: them would take KaTeX's layout apart. Below this, a formula's own size is too small.
MIN_SCRIPT_PX = 8

#: Subtrees the probe leaves out: none. The relations graph is held to the same rules as the
#: rest of the article, plus its own checks in graph_label_overlaps.
EXCLUDED: tuple[str, ...] = ()


def settle(page: Page) -> None:
    """Wait for what changes the layout after load: web fonts (KaTeX's) and Material's table
    wrappers, which its script adds around every content table."""
    page.wait_for_load_state("load")
    page.wait_for_function("document.fonts.status === 'loaded'")
    page.wait_for_function(
        """() => [...document.querySelectorAll("article table:not([class])")]
                 .every(t => t.closest(".md-typeset__scrollwrap"))"""
    )


def layout_findings(page: Page, excluded: tuple[str, ...] = EXCLUDED) -> dict[str, list[Any]]:
    """``overflow`` (elements clipped, spilling, or past the article), ``scrollboxes`` (every box
    that scrolls sideways and has hidden content, with whether it is focusable, named and
    cued) and ``small`` (text under ``MIN_TEXT_PX``), each a list of dicts naming the element and
    the section heading above it."""
    options = {"excluded": list(excluded), "minText": MIN_TEXT_PX, "minScript": MIN_SCRIPT_PX}
    return page.evaluate(PROBE, options)


def graph_label_overlaps(page: Page) -> list[str]:
    """The relations graph's own checks on every drawing in the page: no label overlaps another
    label and no edge passes through a label (boxes read from the DOM; see layout_geometry)."""
    problems: list[str] = []
    drawings = page.locator(GRAPH_SVG)
    for index in range(drawings.count()):
        svg = drawings.nth(index)
        problems += [f"graph {index}: {p}" for p in label_overlaps(svg, "text")]
        problems += [
            f"graph {index}: {p}" for p in edges_through_labels(svg, ".pg-graph__edge", "text")
        ]
    return problems
