"""Unknown callouts as folds, in Chromium: resolved ones start folded, "Expand all" and
"Collapse all" work from the keyboard, a link to one unknown opens it, everything still opens
without JavaScript, and folding keeps the SAM guide's Unknowns section short.

Heights are compared within one build (default against everything expanded) and with the
section's height on main before the folds; never against time.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GUIDE = "papers/kirillov2023segment/"
#: The SAM guide's Unknowns section at 1280 px on main before the folds (commit 355d484: 18
#: callouts fully expanded, each repeating its category's definition). The issue's target is
#: 40 % of it.
SECTION_BEFORE_PX = 8253

#: From the Unknowns heading to the next section's heading, in CSS pixels.
SECTION_JS = """() => {
  const start = document.getElementById("unknowns");
  const next = document.getElementById("anchors");
  return next.getBoundingClientRect().top - start.getBoundingClientRect().top;
}"""


@pytest.fixture
def guide(example_site, new_page):
    def open_guide(fragment: str = "", **options):
        page, blocked = new_page(width=1280, height=900, **options)
        page.goto(example_site.url + GUIDE + fragment, wait_until="load")
        page.blocked = blocked
        return page

    return open_guide


def _states(page) -> list[tuple[str, bool]]:
    return [
        tuple(state)
        for state in page.eval_on_selector_all(
            "article details.pg-unknown", "els => els.map(e => [e.dataset.status, e.open])"
        )
    ]


def test_expand_and_collapse_all_from_the_keyboard_and_the_folded_height(guide):
    page = guide()
    folds = page.locator("article details.pg-unknown")
    expect(folds).to_have_count(18)
    states = _states(page)
    assert all(shown == (status != "resolved") for status, shown in states), states
    folded = page.evaluate(SECTION_JS)

    expand = page.get_by_role("button", name="Expand all")
    expect(expand).to_be_visible()
    expand.focus()
    page.keyboard.press("Enter")
    expect(page.locator("article details.pg-unknown:not([open])")).to_have_count(0)
    expanded = page.evaluate(SECTION_JS)
    # Every answer is reachable: once expanded, each fold shows its answer.
    answers = page.locator("article details.pg-unknown .pg-answer-label + *")
    expect(answers).to_have_count(18)
    for index in range(18):
        expect(answers.nth(index)).to_be_visible()

    page.keyboard.press("Tab")  # to "Collapse all"
    expect(page.get_by_role("button", name="Collapse all")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("article details.pg-unknown[open]")).to_have_count(0)

    # Folding resolved unknowns is what makes the section short; and the section is within
    # the target, 40 % of its height before.
    assert folded <= 0.65 * expanded, (folded, expanded)
    assert folded <= 0.4 * SECTION_BEFORE_PX, folded
    assert page.blocked == []


def test_a_link_to_a_fold_opens_it(guide):
    page = guide("#u-mae-pretraining")
    # A link to a folded (resolved) unknown opens it.
    expect(page.locator("#u-mae-pretraining")).to_have_attribute("open", "")
    fourth = page.locator("#u-fourth-token")
    expect(fourth).not_to_have_attribute("open", "")
    page.evaluate("location.hash = '#u-fourth-token'")
    expect(fourth).to_have_attribute("open", "")


def test_the_question_is_one_keyboard_control(guide):
    # A page of its own, with no hash change in flight: Material handles a hash change
    # asynchronously and may move focus to its target, which would take the key press away.
    page = guide()
    expect(page.locator(".pg-fold-all").first).to_be_visible()  # the page's script has run
    question = page.locator("#u-ambiguity > summary")
    question.focus()
    expect(question).to_be_focused()
    # Enter folds and unfolds it.
    page.keyboard.press("Enter")
    expect(page.locator("#u-ambiguity")).to_have_attribute("open", "")
    page.keyboard.press("Enter")
    expect(page.locator("#u-ambiguity")).not_to_have_attribute("open", "")


def test_without_javascript_each_fold_still_opens(guide):
    page = guide(javascript=False)
    expect(page.locator("article .pg-fold-all")).to_be_hidden()
    fold = page.locator("#u-mae-pretraining")
    expect(fold.locator(".pg-answer-label")).to_be_hidden()
    fold.locator("summary").click()
    expect(fold.locator(".pg-answer-label")).to_be_visible()
