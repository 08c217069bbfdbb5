"""The SAM guide page scans first and opens to dig (issue 16), in Chromium: at 1280 px it is at most
40 % of its height before the folds, "Expand all" reveals every symbol table, figure axes row,
code-map row and unknown answer, and links into folds (a result's figure, a formula, a row of
the code map) open them and scroll there.

The height bound is a constant measured once, not a comparison with time.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from paperguide.core.notes.loading import load_note
from tests.helpers import REPO

_NOTE = load_note(
    REPO / "content/papers/kirillov2023segment.yml",
    "kirillov2023segment.yml",
    "papers/kirillov2023segment.yml",
).note
#: Every row of the SAM note's code map, read from the note (39 today).
CODE_MAP_ROWS = len(_NOTE.code.map) if _NOTE.code else 0

pytestmark = pytest.mark.browser

GUIDE = "papers/kirillov2023segment/"
#: The SAM guide page's height at 1280 px on main before any folds (commit 355d484, measured
#: with every image loaded); the issue's target is 40 % of it, 16,772 px.
HEIGHT_BEFORE_PX = 41931
TARGET_PX = int(0.4 * HEIGHT_BEFORE_PX)

HEIGHT_JS = """async () => {
  // Lazy images count once they are in: load them all so the height is final.
  const images = [...document.images];
  images.forEach(i => { i.loading = "eager"; });
  await Promise.all(images.map(i => i.decode().catch(() => null)));
  return document.documentElement.scrollHeight;
}"""


@pytest.fixture
def guide(example_site, new_page):
    def open_guide(fragment: str = "", *, width: int = 1280, **options):
        page, blocked = new_page(width=width, height=900, **options)
        page.goto(example_site.url + GUIDE + fragment, wait_until="load")
        page.blocked = blocked
        return page

    return open_guide


def test_the_guide_is_within_the_target_height_and_expand_all_reveals_everything(guide):
    page = guide()
    assert TARGET_PX == 16772
    height = page.evaluate(HEIGHT_JS)
    assert height <= TARGET_PX, height

    folded = {
        "symbol rows": "article .pg-formula [data-pg-sym]",
        "figure axes rows": "article .pg-figure table tr",
        "code-map rows": "#code-map ~ details tbody tr",
        "unknown answers": "article details.pg-unknown .pg-answer-label + *",
    }
    for name, css in folded.items():
        expect(page.locator(css).first, name).to_be_hidden()

    expand = page.get_by_role("button", name="Expand all")
    expect(expand).to_be_visible()
    expand.focus()
    page.keyboard.press("Enter")
    expect(page.locator("article details:not([open])")).to_have_count(0)
    expect(page.locator(folded["code-map rows"])).to_have_count(CODE_MAP_ROWS)
    expect(page.locator(folded["unknown answers"])).to_have_count(18)
    for name, css in folded.items():
        items = page.locator(css)
        for index in range(items.count()):
            expect(items.nth(index), name).to_be_visible()

    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Collapse all")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("article details[open]")).to_have_count(0)
    assert page.blocked == []


def test_a_results_link_opens_its_figure_and_scrolls_to_it(guide):
    page = guide()
    # The figures' own drawings are lazy and carry no size yet, so one that loads after the
    # jump pushes the target down (a known gap, see figure_image.py); load them first.
    page.evaluate(HEIGHT_JS)
    card = page.locator("#fig-point-to-mask")
    fold = card.locator(":scope > details")
    expect(fold).not_to_have_attribute("open", "")
    link = page.locator("article a[href$='#fig-point-to-mask']").first
    expect(link).to_have_text("Figure 9 (a)")
    # Followed as the browser follows it. A click goes through Material's instant navigation,
    # which now and then skips the scroll to a same-page anchor (about 1 in 6 on integ, before
    # any fold): its race, not the fold's.
    page.evaluate("href => { location.href = href; }", link.get_attribute("href"))
    expect(fold).to_have_attribute("open", "")
    expect(fold.locator("table")).to_be_visible()
    expect(card).to_be_in_viewport()


def test_links_to_a_formula_and_into_the_code_map_open_their_folds(guide):
    page = guide("#formula-focal-loss")
    fold = page.locator("#formula-focal-loss > details")
    expect(fold).to_have_attribute("open", "")
    expect(fold.locator("[data-pg-sym]").first).to_be_visible()
    # The formula's "Where it lives in the code" points into the folded code map.
    code = page.locator("#code-mask-decoder")
    expect(code).to_be_hidden()
    page.evaluate(HEIGHT_JS)  # the drawings above, loaded (see the test before)
    page.locator("#formula-mask-loss > details > summary").click()
    to_code = page.locator("#formula-mask-loss .pg-code-link a")
    expect(to_code).to_be_visible()
    page.evaluate("href => { location.href = href; }", to_code.get_attribute("href"))
    expect(code).to_be_visible()
    expect(code).to_be_in_viewport()


def test_without_javascript_every_fold_opens_by_its_summary(guide):
    page = guide(javascript=False)
    expect(page.locator("article .pg-fold-all")).to_be_hidden()
    for css in ("#formula-mask-loss > details", "#fig-edge-table > details", "#code-map ~ details"):
        fold = page.locator(css).first
        body = fold.locator(":scope > :not(summary)").first
        expect(body).to_be_hidden()
        fold.locator(":scope > summary").click()
        expect(body).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_folded_page_is_short_on_a_phone_too(guide, scheme):
    page = guide(width=375, color_scheme=scheme)
    # 65,072 px on main before the folds; folded, well under half.
    assert page.evaluate(HEIGHT_JS) <= 0.4 * 65072
