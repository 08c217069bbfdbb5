"""Citation cards and the relations graph in Debian's Chromium, on the example site."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(example_site):
    return example_site.build, example_site.url


def external(blocked):
    """Requests that left 127.0.0.1 (none may: the repository link is a plain link)."""
    return blocked


def visible_card(page, link):
    card_id = link.get_attribute("aria-describedby")
    return page.locator(f"#{card_id}")


def test_every_citation_in_the_example_shows_its_card_on_hover_and_focus(site, new_page):
    """Every citation of every page has its card (checked in the DOM, all at once); hover and
    keyboard focus are driven on the first and last citation of each page, which is where the
    positioning code meets its edge cases, instead of on all of them one by one."""
    result, base = site
    pages = sorted(
        str(p.parent.relative_to(result.site)) + "/"
        for p in result.site.rglob("index.html")
        if "pg-cite__link" in p.read_text("utf-8")
    )
    assert "papers/kirillov2023segment/" in pages and "concepts/focal-loss/" in pages
    checked = driven = 0
    page, blocked = new_page()
    for url in pages:
        page.goto(base + url)
        links = page.locator("article .pg-cite__link[aria-describedby]")
        # Read in one step: every link's card exists, is hidden, and names a reference.
        cards = links.evaluate_all(
            """(links) => links.map((link) => {
                const card = document.getElementById(link.getAttribute('aria-describedby'));
                const ref = card && card.querySelector('.pg-card__ref');
                return card && ref && ref.textContent.trim() && getComputedStyle(card).display
                    === 'none' ? 'ok' : link.outerHTML;
            })"""
        )
        assert cards and all(c == "ok" for c in cards), (url, [c for c in cards if c != "ok"])
        checked += len(cards)
        count = len(cards)
        for index in sorted({0, count - 1}):
            link = links.nth(index)
            card = visible_card(page, link)
            link.scroll_into_view_if_needed()
            link.hover()
            card.wait_for(state="visible")
            assert card.locator(".pg-card__ref").inner_text().strip()
            page.mouse.move(0, 0)
            card.wait_for(state="hidden")
            link.focus()
            card.wait_for(state="visible")
            page.keyboard.press("Escape")
            card.wait_for(state="hidden")
            page.evaluate("document.activeElement.blur()")
            driven += 1
    assert external(blocked) == []
    assert checked >= 10 and driven >= len(pages)


def test_card_is_reachable_with_tab_and_hoverable(site, new_page):
    _, base = site
    page, _blocked = new_page()
    page.goto(base + "concepts/focal-loss/")
    first = page.locator("article .pg-cite__link").first
    card = visible_card(page, first)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('pg-cite__link')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == (
        first.get_attribute("aria-describedby")
    )
    card.wait_for(state="visible")
    page.evaluate("document.activeElement.blur()")
    # The pointer can move from the link onto the card without the card disappearing.
    first.hover()
    box = card.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    assert card.is_visible()
    # Hover cards do not take over Material's tooltips or instant previews.
    assert first.get_attribute("title") is None and first.get_attribute("data-preview") is None


def test_card_stays_inside_a_phone_screen(site, new_page):
    _, base = site
    page, _blocked = new_page(width=375, height=740)
    page.goto(base + "concepts/vision-transformer/")
    links = page.locator("article .pg-cite__link")
    for index in range(links.count()):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        link.hover()
        card = visible_card(page, link)
        card.wait_for(state="visible")
        # crossrefs.js repositions the card on the next frame: wait for that state (a card
        # that never fits times out and fails), then measure it.
        page.wait_for_function(
            "(el) => { const r = el.getBoundingClientRect();"
            " return r.left >= 0 && r.right <= 375.5; }",
            arg=card.element_handle(),
            timeout=5_000,
        )
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375 + 0.5
        page.mouse.move(0, 0)


def test_graph_node_highlights_its_connections_and_opens_its_page(site, new_page):
    _, base = site
    page, blocked = new_page()
    page.goto(base + "graph/")
    svg = page.locator("svg.pg-graph")
    node = svg.locator("a.pg-graph__node[aria-label^='Segment Anything']")
    node.hover()
    assert svg.get_attribute("data-active") == node.get_attribute("data-node")
    highlighted = svg.locator(".pg-graph__node.is-hl")
    assert highlighted.count() >= 5
    assert svg.locator(".pg-graph__edge.is-hl").count() >= 4
    page.mouse.move(0, 0)
    assert svg.get_attribute("data-active") is None
    node.focus()
    assert svg.get_attribute("data-active") == node.get_attribute("data-node")
    page.keyboard.press("Enter")
    page.wait_for_url("**/papers/kirillov2023segment/")
    assert page.locator("#connections ~ figure svg.pg-graph").count() == 1
    assert external(blocked) == []
