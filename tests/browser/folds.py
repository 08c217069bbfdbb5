"""Opening a guide page's folds the way a reader does, for tests that look at folded content
(symbol tables, the code map, resolved unknowns, citations inside them)."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def expand_all(page: Page) -> None:
    """Press the page's "Expand all" (when it has one) and wait until every fold is open."""
    button = page.get_by_role("button", name="Expand all")
    if page.locator("[data-pg-expand]").count() == 0:
        return  # not a guide page: nothing is folded by paperguide
    button.click()
    expect(page.locator("article details:not([open])")).to_have_count(0)
