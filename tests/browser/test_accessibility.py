"""axe-core (bundled by axe-playwright-python, so it runs offline): no serious or critical
violation inside the article of any page the browser tests cover.

This is the browser suite's only axe scan. Each (page, palette, width) in ``SCANS`` is scanned
exactly once, here; the other browser files check layout and behaviour and leave axe to this one.
The list is the union of what those files used to scan, duplicates removed.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import guarded_page
from tests.builds.test_guides_home import GUIDES
from tests.builds.test_sam_section import PAGES as SAM_PAGES

#: Palette asked for -> the scheme Material shows for it.
SCHEMES = {"light": "default", "dark": "slate"}
#: 1200 px is ``new_page``'s default, just under Material's 76.25em (1220 px) breakpoint, below
#: which the site navigation is a drawer behind the menu button; 1280 px, above it, is the width
#: the guides' layout tests use; 375 px is a phone. So 1200 and 1280 are distinct layouts.
DESKTOP, WIDE, PHONE = 1200, 1280, 375

#: (pages, palettes, widths): every combination is scanned once.
GROUPS: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]], ...] = (
    # The pages a reader uses most, the dashboards and the reading-method pages, in both
    # palettes: their colours (callouts, charts, status badges) are the palette's own.
    (
        (
            "",
            "papers/",
            "papers/kirillov2023segment/",
            "papers/ma2019qhadam/",
            "bibliography/",
            "unknowns/",
            "unknowns/assumed/",
            "tracker/",
            "guides/unknowns/",
            "checks/",
        ),
        ("light", "dark"),
        (DESKTOP,),
    ),
    # The relations graph and a concept page with a citation card.
    (("graph/", "concepts/dice-loss/"), ("light",), (DESKTOP,)),
    # The home page and the method guides, at desktop and phone width.
    (("", *(url for url, _ in GUIDES)), ("light",), (WIDE, PHONE)),
    # The SAM deep dive at phone width, where its wide tables start to scroll inside the page;
    # the rules that do not depend on width give the same answer at desktop width.
    (tuple(f"sam/{path}" for path in SAM_PAGES), ("light",), (PHONE,)),
)
SCANS = [
    (path, scheme, width)
    for paths, schemes, widths in GROUPS
    for path in paths
    for scheme in schemes
    for width in widths
]
assert len(set(SCANS)) == len(SCANS), "a page is scanned twice in the same palette and width"


def _id(scan: tuple[str, str, int]) -> str:
    path, scheme, width = scan
    return f"{path.rstrip('/') or 'home'}-{scheme}-{width}"


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()  # reads the bundled axe.min.js once for the module


@pytest.fixture(scope="module")
def viewer(browser):
    """``viewer(scheme, width)`` -> ``(page, blocked)``: one page per palette and width, reused
    by every scan in that palette and width. A fresh context per scan (and so an empty cache)
    cost about as much as scanning a short page; every scan is still a full page load."""
    pages: dict[tuple[str, int], tuple] = {}

    def get(scheme: str, width: int):
        if (scheme, width) not in pages:
            pages[scheme, width] = guarded_page(browser, width=width, color_scheme=scheme)
        return pages[scheme, width]

    yield get
    for page, _blocked in pages.values():
        page.context.close()


@pytest.mark.parametrize(("path", "scheme", "width"), SCANS, ids=[_id(s) for s in SCANS])
def test_no_serious_or_critical_violations_in_the_article(
    example_site, viewer, axe, path, scheme, width
):
    from playwright.sync_api import expect

    page, blocked = viewer(scheme, width)
    already_blocked = len(blocked)
    page.goto(example_site.url + path, wait_until="load")
    # The palette asked for is the one shown, and there is an article to scan.
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    expect(page.locator("article").first).to_be_visible()
    results = axe.run(page, context="article")
    response = results.response
    assert response["testEngine"]["name"] == "axe-core"
    assert response["url"] == example_site.url + path
    serious = [
        (v["id"], v["impact"], [n["html"][:120] for n in v["nodes"][:3]])
        for v in response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert serious == [], f"{path or 'home'} ({scheme}, {width}px)"
    # axe really checked the page's text (a silent no-op would also report nothing).
    assert "color-contrast" in {rule["id"] for rule in response["passes"]}
    # The page needed nothing from outside 127.0.0.1.
    assert blocked[already_blocked:] == []
