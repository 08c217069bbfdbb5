"""Self-checks in Chromium with JavaScript off: the answer starts hidden, opens with a click and
from the keyboard (a native <details>), and the link to what a check is about lands on an
element of the guide page. axe scans these pages in tests/browser/test_accessibility.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GUIDE = "papers/ma2019qhadam/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_answers_open_by_click_and_keyboard_without_javascript(example_site, new_page, scheme):
    page, blocked = new_page(width=1280, height=900, javascript=False, color_scheme=scheme)
    page.goto(example_site.url + GUIDE + "#check-yourself", wait_until="load")
    checks = page.locator("article .pg-check")
    expect(checks).to_have_count(4)
    first, second = checks.nth(0), checks.nth(1)
    expect(first.locator(".pg-check-question")).to_be_visible()
    answer = first.locator(".pg-check-answer-body")
    expect(answer).to_be_hidden()

    first.get_by_text("Show answer").click()
    expect(answer).to_be_visible()
    expect(first.locator("details.pg-check-answer")).to_have_attribute("open", "")

    # From the keyboard: Tab reaches the next check's control, and Enter (then Space) toggles it.
    second_answer = second.locator(".pg-check-answer-body")
    expect(second_answer).to_be_hidden()
    second.locator("summary").focus()
    expect(second.locator("summary")).to_be_focused()
    page.keyboard.press("Enter")
    expect(second_answer).to_be_visible()
    page.keyboard.press("Space")
    expect(second_answer).to_be_hidden()
    assert blocked == []


def test_tab_order_reaches_every_show_answer_control(example_site, new_page):
    page, _ = new_page(width=1280, height=900, javascript=False)
    page.goto(example_site.url + GUIDE + "#check-yourself", wait_until="load")
    summaries = page.locator("article .pg-check summary")
    expect(summaries).to_have_count(4)
    summaries.nth(0).focus()
    # Between two controls there is at most the about link of the check before.
    for index in range(1, 4):
        for _ in range(3):
            page.keyboard.press("Tab")
            if summaries.nth(index).evaluate("el => el === document.activeElement"):
                break
        expect(summaries.nth(index)).to_be_focused()


def test_about_links_land_on_their_record(example_site, new_page):
    page, _ = new_page(width=1280, height=900, javascript=False)
    page.goto(example_site.url + "checks/", wait_until="load")
    # The notes' checks come first (8 of them name what they are about), then the pages' own.
    links = page.locator("article .pg-check-about a")
    expect(links).to_have_count(18)
    links.first.click()
    page.wait_for_url("**/papers/kirillov2023segment/#formula-min-over-masks")
    expect(page.locator("#formula-min-over-masks")).to_be_visible()


def test_a_page_check_links_back_to_itself_on_its_page(example_site, new_page):
    page, _ = new_page(width=1280, height=900, javascript=False)
    page.goto(example_site.url + "checks/", wait_until="load")
    group = page.locator("article h3#checks-page-sam-mask-decoder + p + .pg-checks")
    check = group.locator(".pg-check").first
    answer = check.locator(".pg-check-answer-body")
    expect(answer).to_be_hidden()
    check.get_by_text("Show answer").click()
    expect(answer).to_be_visible()
    check.get_by_role("link", name="On its page").click()
    page.wait_for_url("**/sam/mask-decoder/#check-1")
    expect(page.locator("#check-1.pg-check")).to_be_visible()
