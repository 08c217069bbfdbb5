"""The reading-method pages in Chromium: distinct callouts in both palettes, the filter, no JS.

Colours are read from the rendered page (computed styles flattened onto their backgrounds with
a canvas) and the contrast ratio is computed here with the WCAG formula; nothing is hard-coded.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from paperguide.core.notes.model import CATEGORIES
from tests.helpers import REPO

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}

#: Reads effective (opaque) colours: every background from the element up to the root is
#: painted onto a 1x1 canvas in order, then the colour in question on top.
COLOURS_JS = """
(root) => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const paint = (colours) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, 1, 1);
    for (const colour of colours) {
      ctx.fillStyle = "#010203";
      ctx.fillStyle = colour;
      if (ctx.fillStyle === "#010203" && colour !== "#010203") {
        throw new Error("canvas cannot parse " + colour);
      }
      ctx.fillRect(0, 0, 1, 1);
    }
    return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
  };
  const backgrounds = (el) => {
    const out = [];
    for (let e = el; e; e = e.parentElement) out.unshift(getComputedStyle(e).backgroundColor);
    return out;
  };
  const bg = (el) => paint(backgrounds(el));
  const fg = (el) => paint([...backgrounds(el), getComputedStyle(el).color]);
  const callouts = {};
  for (const callout of root.querySelectorAll("details.pg-unknown")) {
    const title = callout.querySelector(":scope > summary");
    const label = title.querySelector(".pg-unknown-category");
    const status = title.querySelector(".pg-unknown-status");
    const icon = getComputedStyle(title, "::before");
    callouts[callout.dataset.category] = {
      border: paint([...backgrounds(callout), getComputedStyle(callout).borderLeftColor]),
      titleBg: bg(title),
      titleText: fg(title.querySelector(".pg-unknown-question")),
      label: fg(label),
      labelBg: bg(label),
      statusText: fg(status),
      statusBg: bg(status),
      linksToGuide: !!callout.querySelector("a.pg-unknown-label[href*='#']"),
      icon: icon.maskImage || icon.webkitMaskImage,
      iconColour: paint([...backgrounds(title), icon.backgroundColor]),
      iconShown: icon.display !== "none" && icon.content !== "none",
    };
  }
  return callouts;
}
"""


def luminance(rgb: list[int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[int], b: list[int]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def distance(a: list[int], b: list[int]) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5


@pytest.fixture(scope="module")
def site(example_site):
    """The example site, built and served by tests/browser/conftest.py."""
    return None, example_site.url, example_site.build


@pytest.fixture
def open_page(site, new_page):
    """``open_page(path, **options)``: a fresh page (own context) at ``path``; every test also
    checks that nothing was requested from outside 127.0.0.1."""
    _, url, _ = site
    blocked_lists: list[list[str]] = []

    def run(path: str, **options):
        page, blocked = new_page(**options)
        blocked_lists.append(blocked)
        page.goto(url + path, wait_until="load")
        return page

    yield run
    outside = [url for blocked in blocked_lists for url in blocked]
    assert outside == [], f"requests left 127.0.0.1: {outside}"


def artifact(name: str) -> Path:
    """Where to save a screenshot (``test-artifacts/`` is ignored by git)."""
    folder = REPO / "test-artifacts" / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_five_callouts_are_distinct_and_readable(open_page, scheme):
    page = open_page("guides/unknowns/", color_scheme=scheme)
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
    found = page.eval_on_selector("article", COLOURS_JS)
    assert sorted(found) == sorted(CATEGORIES)
    page.screenshot(path=artifact(f"guide-unknowns-{scheme}.png"), full_page=True)
    for category in CATEGORIES:
        page.locator(f"article details.pg-unknown--{category}").first.screenshot(
            path=artifact(f"callout-{category}-{scheme}.png")
        )
    for category, c in found.items():
        assert c["linksToGuide"], category  # the category's explanation is a link away
        assert c["iconShown"] and c["icon"].startswith('url("data:image/svg+xml'), category
        ratios = {
            "category badge": contrast(c["label"], c["labelBg"]),
            "status badge": contrast(c["statusText"], c["statusBg"]),
            "question on title": contrast(c["titleText"], c["titleBg"]),
        }
        assert all(r >= 4.5 for r in ratios.values()), (category, scheme, ratios)
        # The category colour is really used: border, icon and label share it.
        assert distance(c["border"], c["label"]) < 2, (category, c)
        assert distance(c["iconColour"], c["border"]) < 2, (category, c)
    for (a, ca), (b, cb) in combinations(found.items(), 2):
        assert distance(ca["border"], cb["border"]) > 40, (scheme, a, b)
        assert distance(ca["label"], cb["label"]) > 40, (scheme, a, b)
        assert distance(ca["titleBg"], cb["titleBg"]) > 3, (scheme, a, b)
        assert ca["icon"] != cb["icon"], (a, b)


def test_the_palettes_really_differ(open_page):
    light = open_page("guides/unknowns/", color_scheme="light")
    dark = open_page("guides/unknowns/", color_scheme="dark")
    a = light.eval_on_selector("article", COLOURS_JS)
    b = dark.eval_on_selector("article", COLOURS_JS)
    for category in CATEGORIES:
        assert luminance(a[category]["titleBg"]) > 0.5 > luminance(b[category]["titleBg"])
        assert a[category]["label"] != b[category]["label"]


def _visible_entries(page) -> list[tuple[str, ...]]:
    entries = page.eval_on_selector_all(
        "article .pg-entry",
        "els => els.filter(e => e.closest('li').offsetParent !== null)"
        ".map(e => [e.dataset.status, e.dataset.paper])",
    )
    return [tuple(entry) for entry in entries]


def test_the_filter_narrows_the_dashboard_by_status_and_paper(site, open_page):
    _, _, result = site
    html = result.article("unknowns/")
    every = [(e["data-status"], e["data-paper"]) for e in html.select(".pg-entry")]
    assert len(every) >= 5
    page = open_page("unknowns/")
    form = page.locator("form[data-pg-filter]")
    assert form.is_visible()
    assert sorted(_visible_entries(page)) == sorted(every)
    assert page.locator("form[data-pg-filter] output").inner_text() == (
        f"{len(every)} of {len(every)} shown"
    )

    page.select_option("select[name=status]", "open")
    expected = [e for e in every if e[0] == "open"]
    assert sorted(_visible_entries(page)) == sorted(expected)
    assert page.locator("form output").inner_text() == f"{len(expected)} of {len(every)} shown"
    assert "status=open" in page.url

    page.select_option("select[name=paper]", "ma2019qhadam")
    expected = [e for e in every if e == ("open", "ma2019qhadam")]
    assert expected and sorted(_visible_entries(page)) == sorted(expected)

    # The filtered view is shareable: the URL restores it.
    again = open_page("unknowns/?status=resolved&paper=kirillov2023segment")
    assert again.input_value("select[name=status]") == "resolved"
    assert sorted(_visible_entries(again)) == sorted(
        e for e in every if e == ("resolved", "kirillov2023segment")
    )


def test_everything_works_without_javascript(site, open_page):
    _, _, result = site
    every = result.article("unknowns/").select(".pg-entry")
    page = open_page("unknowns/", javascript=False)
    assert not page.locator("form[data-pg-filter]").is_visible()
    assert len(_visible_entries(page)) == len(every)
    # Links go straight to the callouts; the per-category pages and charts are plain HTML.
    page.click("text=Everything authors hand-waved")
    assert page.url.endswith("/unknowns/hand-waved/")
    assert page.locator("article p.pg-entry[data-category=hand-waved]").first.is_visible()
    tracker = open_page("tracker/", javascript=False)
    assert tracker.locator("article svg.pg-chart").is_visible()
    tracker.click("article h3#topic-multivariable-chain-rule ~ p a >> nth=0")
    assert "/papers/" in tracker.url


def test_pages_fit_a_phone_screen(site, open_page):
    _, url, _ = site
    page = open_page("unknowns/", width=375)
    overflow = {}
    for path in ["unknowns/", "tracker/", "papers/", "guides/unknowns/"]:
        page.goto(url + path, wait_until="load")
        overflow[path] = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        name = path.strip("/").replace("/", "-")
        page.screenshot(path=artifact(f"375-{name}.png"), full_page=True)
    assert all(px <= 0 for px in overflow.values()), overflow
