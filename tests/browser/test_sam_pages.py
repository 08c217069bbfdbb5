"""The SAM deep dive in a real browser (Debian Chromium through Playwright), desktop and 375 px.

Each page is screenshotted into ``test-artifacts/screenshots/sam/`` (kept for review and for CI
to upload) and checked for what a reader would notice: no sideways scrolling on a phone, and the
embedded formula, unknown and figure cards visible. The pages' axe scan (at phone width) is in
test_accessibility.py with every other page's.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.builds.test_sam_section import PAGES
from tests.helpers import REPO

WIDTHS = (1280, 375)
ARTIFACTS = Path(os.environ.get("PAPERGUIDE_ARTIFACTS", REPO / "test-artifacts")) / "screenshots"


@pytest.mark.parametrize("width", WIDTHS)
def test_sam_pages_render_at_desktop_and_phone_width(example_site, browser, width):
    served = example_site.url.rstrip("/")
    out = ARTIFACTS / "sam"
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    outside: list[tuple[str, str]] = []

    def local_only(route):
        # The test runs offline: anything not served by the local server is refused and noted.
        if route.request.url.startswith(served):
            route.continue_()
        else:
            outside.append((route.request.resource_type, route.request.url))
            route.abort()

    page.route("**/*", local_only)
    try:
        for path in PAGES:
            page.goto(f"{served}/sam/{path}", wait_until="load")
            name = (path.rstrip("/") or "index") + f"-{width}.png"
            page.screenshot(path=str(out / name), full_page=True)

            # A phone reader never scrolls the whole page sideways (wide tables scroll inside).
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"sam/{path} at {width}px overflows by {overflow}px"

            # One round trip for all embedded cards: left edge, right edge, rendered width.
            boxes = page.evaluate(
                """() => [...document.querySelectorAll(
                    'article div.pg-formula, article details.pg-unknown, article div.pg-figure')]
                    .map(el => { const r = el.getBoundingClientRect();
                                 return [r.left, r.right, r.width]; })"""
            )
            if path:  # every page but the index embeds the note
                assert len(boxes) >= 2, f"sam/{path}: expected embedded cards"
            for index, (left, right, card_width) in enumerate(boxes):
                assert card_width > 0, f"sam/{path}: card {index} is not rendered"
                assert left >= 0 and right <= width + 1, (
                    f"sam/{path}: card {index} leaves the viewport at {width}px"
                )
    finally:
        context.close()
    # The pages need nothing from the web: no request of any kind left 127.0.0.1.
    assert outside == []
    assert len(list(out.glob(f"*-{width}.png"))) >= len(PAGES)
