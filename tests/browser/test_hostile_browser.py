"""Issue #11, finding 1: hostile text in every input kind runs nothing in Chromium — page loads,
citation cards opened, and Material's search results (which it renders as HTML)."""

from __future__ import annotations

import pytest

from tests.browser.test_journey import _search
from tests.helpers import build_site
from tests.payloads import EVIL_HOST, MATH_PAYLOAD, TEXT_PAYLOAD, payload_files

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, serve):
    root = tmp_path_factory.mktemp("hostile-browser")
    url = serve(root / "site")
    # Not strict: the refused math is reported and the pages are still written and served.
    files = payload_files(TEXT_PAYLOAD + " " + MATH_PAYLOAD)
    result = build_site(root, files, strict=False, config={"site_url": url})
    assert result.ok
    return result, url


def test_no_dialog_fires_on_any_page(hostile_site, new_page):
    result, base = hostile_site
    page, blocked = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    urls = sorted(
        p.parent.relative_to(result.site).as_posix() + "/" for p in result.site.rglob("index.html")
    )
    assert "papers/evil/" in urls and "front/" in urls and "tracker/" in urls
    for url in urls:
        page.goto(base + url.removeprefix("./"), wait_until="networkidle")
        links = page.locator("article .pg-cite__link[aria-describedby]")
        for index in range(links.count()):
            link = links.nth(index)
            card = page.locator(f"#{link.get_attribute('aria-describedby')}")
            link.focus()  # focus, not hover: an open card may cover the next link
            card.wait_for(state="visible")
            link.evaluate("element => element.blur()")
            card.wait_for(state="hidden")
    # Material's search renders titles and text of results as HTML.
    page.goto(base, wait_until="networkidle")
    assert "papers/evil/" in " ".join(_search(page, "onerror", "papers/evil/"))
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    assert dialogs == []
    assert not [u for u in blocked if EVIL_HOST in u]
    assert page.evaluate("document.querySelectorAll('[onclick], [onerror]').length") == 0
