"""Citation cards and the relations graph in Debian's Chromium, on the example site."""

from __future__ import annotations

import pytest

from tests.browser.folds import expand_all

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


#: The kinds of citation the example has, told apart in the DOM by ``CARDS_JS``.
KINDS = ("with-note", "bibliography-only", "multi-key", "narrative")

#: For each citation link: its kind if its card exists, is hidden and names a reference, else
#: the link's HTML.
CARDS_JS = """(links) => links.map((link) => {
    const card = document.getElementById(link.getAttribute('aria-describedby'));
    const ref = card && card.querySelector('.pg-card__ref');
    if (!(card && ref && ref.textContent.trim() && getComputedStyle(card).display === 'none')) {
        return link.outerHTML;
    }
    const item = link.closest('.pg-cite__item');
    const group = item.closest('.pg-cite--group');
    const meta = card.querySelector('.pg-card__meta');
    if (item.classList.contains('pg-cite--narrative')) return 'narrative';
    if (group && group.querySelectorAll('.pg-cite__item').length > 1) return 'multi-key';
    if (meta && meta.textContent.trim() === 'No notes on this paper yet') {
        return 'bibliography-only';
    }
    return 'with-note';
})"""


def _hover_focus_and_dismiss(page, link) -> None:
    """The card shows on hover and goes with the pointer; shows on focus and goes on Escape."""
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


def test_every_citation_has_its_card_and_each_kind_shows_it_on_hover_and_focus(site, new_page):
    """Every citation of every page has its card (checked in the DOM, one read per page: it
    exists, is hidden, names a reference). Hover, keyboard focus and Escape are driven on one
    citation of each kind, the first met: with a note, bibliography only, one key of several,
    narrative. Cards are the same markup and CSS for every citation of a kind, so driving each
    citation one by one (and, later, each page's first and last) only repeated these."""
    result, base = site
    pages = sorted(
        str(p.parent.relative_to(result.site)) + "/"
        for p in result.site.rglob("index.html")
        if "pg-cite__link" in p.read_text("utf-8")
    )
    assert "papers/kirillov2023segment/" in pages and "concepts/focal-loss/" in pages
    checked = 0
    driven: dict[str, str] = {}  # kind -> the page its citation was driven on
    page, blocked = new_page()
    for url in pages:
        page.goto(base + url)
        expand_all(page)  # citations inside folded callouts are driven like the others
        links = page.locator("article .pg-cite__link[aria-describedby]")
        kinds = links.evaluate_all(CARDS_JS)
        broken = [kind for kind in kinds if kind not in KINDS]
        assert kinds and broken == [], (url, broken)
        checked += len(kinds)
        for kind in KINDS:
            if kind in kinds and kind not in driven:
                _hover_focus_and_dismiss(page, links.nth(kinds.index(kind)))
                driven[kind] = url
    assert external(blocked) == []
    assert checked >= 10
    assert sorted(driven) == sorted(KINDS), driven


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
