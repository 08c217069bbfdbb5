"""The home page and the method guides in Chromium, at desktop (1280 px) and phone (375 px) width.

Screenshots go to ``test-artifacts/guides/`` for review. The home page must show every entry point
in the first screen of a 1280×800 window without scrolling; no page may scroll sideways on a
phone; and nothing may be fetched from anywhere but 127.0.0.1. The same pages at the same two
widths are scanned with axe in test_accessibility.py.
"""

from __future__ import annotations

import pytest

from tests.builds.test_guides_home import EMBEDS, ENTRY_POINTS, GUIDES

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 800}
PAGES = [""] + [url for url, _ in GUIDES]


def _name(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


def _overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def _entry_boxes(page, base: str) -> dict[str, dict | None]:
    """The box of the first article link to each entry point, matched on the resolved URL
    (Material's instant navigation rewrites relative hrefs into absolute ones)."""
    return page.evaluate(
        """([base, entries]) => Object.fromEntries(entries.map(entry => {
             const link = [...document.querySelectorAll("article a[href]")]
               .find(a => a.href === new URL(entry, base).href);
             if (!link) return [entry, null];
             const r = link.getBoundingClientRect();
             return [entry, {x: r.left, y: r.top, width: r.width, height: r.height}];
           }))""",
        [base, list(ENTRY_POINTS)],
    )


def test_home_shows_every_entry_point_in_the_first_screen(page, example_site, artifacts):
    out = artifacts / "guides"
    out.mkdir(exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.goto(example_site.url, wait_until="load")
    page.screenshot(path=str(out / "home-1280x800.png"))  # exactly the first screen
    page.screenshot(path=str(out / "home-1280-full.png"), full_page=True)

    assert page.evaluate("window.scrollY") == 0
    boxes = _entry_boxes(page, example_site.url)
    missing = [entry for entry, box in boxes.items() if box is None]
    assert missing == [], f"no link to {missing} on the home page"
    for entry, box in boxes.items():
        assert box["width"] > 0 and box["height"] > 0, entry
        assert box["y"] >= 0 and box["y"] + box["height"] <= DESKTOP["height"], (entry, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= DESKTOP["width"], (entry, box)
    # The cards sit side by side on a desktop, so the whole grid fits above the fold.
    cards = page.locator("article .grid.cards > ul > li")
    assert cards.count() == 6
    tops = {round(cards.nth(i).bounding_box()["y"]) for i in range(6)}
    assert len(tops) <= 3, tops
    assert page.external_requests == []


def test_home_on_a_phone_starts_with_the_deep_dive(page, example_site, artifacts):
    out = artifacts / "guides"
    out.mkdir(exist_ok=True)
    page.set_viewport_size(PHONE)
    page.goto(example_site.url, wait_until="load")
    page.screenshot(path=str(out / "home-375x800.png"))
    page.screenshot(path=str(out / "home-375-full.png"), full_page=True)
    assert _overflow(page) <= 0
    # One card per row on a phone; the first one, the place to start, is on the first screen.
    boxes = _entry_boxes(page, example_site.url)
    start = boxes["sam/"]
    assert start is not None and start["y"] + start["height"] <= PHONE["height"], start
    assert all(
        box is not None and box["x"] + box["width"] <= PHONE["width"] for box in boxes.values()
    )
    assert page.external_requests == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_guides_render_at_desktop_and_phone_width(page, example_site, artifacts, viewport):
    out = artifacts / "guides"
    out.mkdir(exist_ok=True)
    page.set_viewport_size(viewport)
    width = viewport["width"]
    problems = {}
    for path in PAGES[1:]:
        page.goto(example_site.url + path, wait_until="load")
        page.screenshot(path=str(out / f"{_name(path)}-{width}.png"), full_page=True)
        if _overflow(page) > 0:
            problems[path] = f"overflows by {_overflow(page)}px"
            continue
        # Every embedded card is rendered and stays inside the window.
        boxes = page.evaluate(
            """() => [...document.querySelectorAll(
                 'article div.pg-formula, article details.pg-unknown')]
                 .map(el => { const r = el.getBoundingClientRect(); return [r.left, r.right]; })"""
        )
        # The method guides embed note records; the Anki guide, say, has none to show.
        assert boxes or path not in EMBEDS, path
        outside = [b for b in boxes if b[0] < 0 or b[1] > width + 1 or b[1] <= b[0]]
        if outside:
            problems[path] = f"cards outside the window: {outside}"
    assert problems == {}
    assert page.external_requests == []
