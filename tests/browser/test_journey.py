"""A reader's journey through the example site in Debian's Chromium, offline.

Home → papers index → a guide page → a citation's card → the bibliography → back; search by a
paper's title and by the words of one of its unknowns; dark mode; a phone-width screen. Every
step must log no console error and request nothing outside 127.0.0.1; screenshots of each step
are kept in ``test-artifacts/journey/``.
"""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.helpers import REPO

SHOTS = REPO / "test-artifacts" / "journey"


@pytest.fixture
def reader(example_site, new_page):
    """``reader(**options)`` -> a page that records console errors; checked at teardown."""
    opened = []

    def make(**options):
        page, blocked = new_page(**options)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        opened.append((page, blocked, errors))
        return page

    yield make
    for _page, blocked, errors in opened:
        assert blocked == [], f"requests left 127.0.0.1: {blocked}"
        assert errors == [], f"console errors: {errors}"


def wait_for_title(page, start: str) -> None:
    """Instant navigation changes the URL before it swaps the content; wait for the page."""
    page.wait_for_function(
        "t => (document.querySelector('article h1') || {}).innerText?.startsWith(t)", arg=start
    )


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_home_to_paper_to_citation_card_to_bibliography_and_back(example_site, reader):
    page = reader()
    page.goto(example_site.url, wait_until="load")
    shot(page, "1-home")
    page.locator("article a", has_text="Papers").first.click()
    page.wait_for_url("**/papers/")
    wait_for_title(page, "Papers")
    page.locator("article table a", has_text="Segment Anything").first.click()
    page.wait_for_url("**/papers/kirillov2023segment/")
    wait_for_title(page, "Segment Anything")
    shot(page, "2-paper")

    # A citation shows its card on hover, with the formatted reference. (The first one the
    # reader can see: citations inside folded callouts are reachable by opening the fold.)
    link = page.locator("article .pg-cite__link[aria-describedby]:visible").first
    card = page.locator(f"#{link.get_attribute('aria-describedby')}")
    assert card.is_hidden()
    link.scroll_into_view_if_needed()
    link.hover()
    card.wait_for(state="visible")
    assert card.inner_text().strip()
    shot(page, "3-card")

    # The citation opens the reference in the bibliography (no note for that paper), at its
    # anchor; going back returns to the guide page.
    target = link.get_attribute("href")
    assert "bibliography/#ref-" in target
    anchor = target.split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/bibliography/#{anchor}")
    wait_for_title(page, "Bibliography")
    page.locator(f"[id='{anchor}']").wait_for(state="visible")
    shot(page, "4-bibliography")
    page.go_back()
    page.wait_for_url("**/papers/kirillov2023segment/")
    wait_for_title(page, "Segment Anything")


def _search(page, query: str, expected: str) -> list[str]:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    # Wait for the index first, so the query below always meets a ready worker, whatever the
    # machine's speed. Material reads the query on keyup, which fill() never sends, so the
    # words are typed key by key, as a reader would.
    page.wait_for_function(
        "(() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() !== 'Initializing search'; })()"
    )
    box.press_sequentially(query)
    # Material re-renders the result list after every key, so the list is read in one step once
    # it holds the expected page (or the wait times out), never item by item from a count that
    # a re-render can invalidate.
    # On a timeout the assertion below shows what the list held instead.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            "(want) => [...document.querySelectorAll('.md-search-result__item a')]"
            ".some((a) => (a.getAttribute('href') || '').includes(want))",
            arg=expected,
            timeout=15_000,
        )
    return page.locator(".md-search-result__item a").evaluate_all(
        "(links) => links.map((a) => a.getAttribute('href') || '')"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Segment Anything", "papers/kirillov2023segment/"),  # a paper's title
        ("Quasi-hyperbolic momentum", "papers/ma2019qhadam/"),
        # Words that appear only in one of SAM's unknowns (the mislabelled EDTER row).
        ("EDETR", "papers/kirillov2023segment/"),
    ],
)
def test_search_finds_papers_by_title_and_by_their_unknowns(example_site, reader, query, expected):
    page = reader()
    page.goto(example_site.url, wait_until="load")
    hrefs = _search(page, query, expected)
    assert any(expected in href for href in hrefs), hrefs
    shot(page, f"search-{query.split()[0].lower()}")


def test_dark_mode_and_phone_width(example_site, reader):
    page = reader(width=375, height=780)
    page.goto(example_site.url + "papers/kirillov2023segment/", wait_until="load")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    # The palette toggle sits in the header on phones too.
    page.locator("label[for='__palette_1']").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    shot(page, "dark-375-paper")
    # The choice persists across pages, as Material stores it.
    page.goto(example_site.url + "unknowns/", wait_until="load")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    shot(page, "dark-375-unknowns")


def test_formula_hover_lights_the_symbol_in_dark_mode(example_site, reader):
    page = reader(color_scheme="dark")
    page.goto(example_site.url + "papers/ma2019qhadam/", wait_until="load")
    box = page.locator("article div.pg-formula").first
    box.scroll_into_view_if_needed()
    # The symbol table is folded under the formula on a guide page: the reader opens it.
    box.locator("details > summary").first.click()
    expect(box.locator("details").first).to_have_attribute("open", "")
    row = box.locator("tr[data-pg-sym]").first
    number = row.get_attribute("data-pg-sym")
    occurrences = box.locator(f".pg-formula-math .pg-sym-{number}")
    assert occurrences.count() >= 1
    row.hover()
    # Only the hovered breakdown lights up (other formulas number their symbols too).
    box.locator(f".pg-formula-math .pg-sym-{number}.pg-sym--on").first.wait_for()
    assert box.locator(f".pg-formula-math .pg-sym-{number}:not(.pg-sym--on)").count() == 0
    assert "pg-sym--on" in (row.get_attribute("class") or "")
    shot(page, "dark-formula-hover")
