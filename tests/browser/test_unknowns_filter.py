"""The unknowns dashboard's filter in Chromium: per-section counts follow the filter, empty
sections go away and come back, the controls look like the theme's in both palettes and fit a
phone screen, and the keyboard works them.

Expectations come from the built HTML (BeautifulSoup) and what the page shows is read back
after waiting on the state, never on time.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from paperguide.core.notes.model import CATEGORIES
from tests.browser.test_reading_method import artifact, contrast, luminance

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}
WIDTHS = (1280, 375)
NOTHING = "No unknowns match these filters."

#: Per category section: is its heading shown, the count in it, the number of entries shown,
#: whether its lead paragraph is shown, and each of its table-of-contents links (the sidebar's
#: and the drawer's; Material makes their hrefs absolute) as [shown, count].
SECTIONS_JS = """
(cats) => {
  const shown = (el) => !!el && el.checkVisibility();
  const out = {};
  for (const cat of cats) {
    const h = document.querySelector(`article h2#${cat}`);
    const m = h.textContent.match(/\\((\\d+)\\)/);
    const toc = document.querySelectorAll(`a.md-nav__link[href$="#${cat}"]`);
    const entries = [...document.querySelectorAll(`article .pg-entry[data-category="${cat}"]`)];
    out[cat] = {
      heading: shown(h),
      count: m ? Number(m[1]) : null,
      entries: entries.filter((e) => shown(e.closest("li"))).length,
      lead: shown(h.nextElementSibling),
      toc: [...toc].map((a) => [shown(a), Number((a.textContent.match(/\\((\\d+)\\)/) || [])[1])]),
    };
  }
  return out;
}
"""

#: Does anything of the filter stick out of the article (or the article out of the page)?
#: The article's own scrollWidth counts Material's table scroll wrapper, which reaches 0.8rem
#: past the text on each side by design, and KaTeX's MathML copy, clipped to nothing for
#: screen readers; so the width is measured as the widest descendant outside those.
OVERFLOW_JS = """
() => {
  const article = document.querySelector("article");
  const box = article.getBoundingClientRect();
  const form = article.querySelector("form[data-pg-filter]");
  const outside = [...form.querySelectorAll("label, select, output")]
    .map((el) => [el.tagName, el.getBoundingClientRect()])
    .filter(([, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5)
    .map(([tag, r]) => `${tag} ${r.left}-${r.right} outside ${box.left}-${box.right}`);
  const rights = [...article.querySelectorAll("*")]
    .filter((el) => !el.closest(".md-typeset__scrollwrap, .katex-mathml"))
    .map((el) => el.getBoundingClientRect().right);
  return {
    article: [Math.ceil(Math.max(...rights) - box.left), article.clientWidth],
    form: [form.scrollWidth, form.clientWidth],
    page: document.documentElement.scrollWidth - window.innerWidth,
    outside,
  };
}
"""

#: Effective colours of a control: its text, its background and its border flattened onto the
#: page (a 1x1 canvas paints every ancestor's background in order), and its outline.
CONTROL_JS = """
(el) => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const paint = (colours) => {
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, 1, 1);
    for (const c of colours) { ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1); }
    return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
  };
  const chain = [];
  for (let e = el.parentElement; e; e = e.parentElement) {
    chain.unshift(getComputedStyle(e).backgroundColor);
  }
  const s = getComputedStyle(el);
  const page = paint(chain);
  const own = paint([...chain, s.backgroundColor]);
  return {
    appearance: s.appearance,
    fontSize: parseFloat(s.fontSize),
    labelFontSize: parseFloat(getComputedStyle(el.labels[0]).fontSize),
    text: paint([...chain, s.backgroundColor, s.color]),
    background: own,
    page,
    border: paint([...chain, s.borderTopColor]),
    borderWidth: parseFloat(s.borderTopWidth),
    outlineStyle: s.outlineStyle,
    outlineWidth: parseFloat(s.outlineWidth),
    outline: paint([...chain, s.outlineColor]),
    focusVisible: el.matches(":focus-visible"),
    height: el.getBoundingClientRect().height,
  };
}
"""


@pytest.fixture(scope="module")
def expected(example_site):
    """From the built page: every entry's (category, status, paper) and each heading's count."""
    article = example_site.build.article("unknowns/")
    entries = [
        (e["data-category"], e["data-status"], e["data-paper"]) for e in article.select(".pg-entry")
    ]
    counts = {}
    for category in CATEGORIES:
        heading = article.select_one(f"h2#{category}")
        counts[category] = int(re.search(r"\((\d+)\)", heading.get_text()).group(1))
    by_category = Counter(c for c, _, _ in entries)
    assert counts == {c: by_category[c] for c in CATEGORIES}
    return entries, counts


@pytest.fixture
def dashboard(example_site, new_page):
    """``dashboard(width, scheme)``: the unknowns dashboard with its filter ready."""

    def open_(width: int, scheme: str):
        page, blocked = new_page(width=width, height=900, color_scheme=scheme)
        page.goto(example_site.url + "unknowns/", wait_until="load")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
        expect(page.locator("form[data-pg-filter]")).to_be_visible()
        expect(page.locator("form[data-pg-filter] output")).to_contain_text("shown")
        page.blocked = blocked
        return page

    return open_


def sections(page) -> dict[str, dict]:
    return page.evaluate(SECTIONS_JS, list(CATEGORIES))


def wait_for_sections(page, shown: set[str]) -> None:
    """Wait until exactly the sections in ``shown`` have visible headings."""
    for category in CATEGORIES:
        heading = page.locator(f"article h2#{category}")
        if category in shown:
            expect(heading).to_be_visible()
        else:
            expect(heading).to_be_hidden()


def check_toc(category: str, seen: dict, count: int, shown: bool) -> None:
    """The section's table-of-contents links (the sidebar's, and the one in the drawer, which
    is rendered off-screen rather than hidden) all carry ``count`` and are rendered exactly
    when the section is."""
    assert seen["toc"], (category, seen)
    assert all(n == count for _, n in seen["toc"]), (category, seen)
    assert any(v for v, _ in seen["toc"]) == shown, (category, seen)


def check_matches(page, entries, status: str, paper: str = "") -> None:
    """Every section's count equals its shown entries and what the filter should leave."""
    want = Counter(
        c for c, s, p in entries if (not status or s == status) and (not paper or p == paper)
    )
    wait_for_sections(page, {c for c in CATEGORIES if want[c]})
    total = sum(want.values())
    output = page.locator("form[data-pg-filter] output")
    expect(output).to_have_text(f"{total} of {len(entries)} shown" if total else NOTHING)
    found = sections(page)
    for category, seen in found.items():
        if want[category]:
            assert seen["heading"] and seen["lead"], (category, seen)
            assert seen["count"] == seen["entries"] == want[category], (category, seen)
        else:
            assert not seen["heading"] and not seen["lead"], (category, seen)
            assert seen["entries"] == 0, (category, seen)
        check_toc(category, seen, want[category], shown=bool(want[category]))


def check_restored(page, counts) -> None:
    wait_for_sections(page, set(CATEGORIES))
    found = sections(page)
    for category, seen in found.items():
        assert seen["heading"] and seen["lead"], (category, seen)
        assert seen["count"] == seen["entries"] == counts[category], (category, seen)
        check_toc(category, seen, counts[category], shown=True)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_counts_follow_the_filter_and_empty_sections_go_away(dashboard, expected, width, scheme):
    entries, counts = expected
    statuses = Counter(s for _, s, _ in entries)
    # The example must have a status that empties some sections but not all.
    status = next(
        s
        for s in sorted(statuses)
        if 0 < len({c for c, st, _ in entries if st == s}) < len(CATEGORIES)
    )
    page = dashboard(width, scheme)
    check_restored(page, counts)

    page.get_by_label("Status", exact=True).select_option(status)
    check_matches(page, entries, status)
    page.screenshot(path=artifact(f"unknowns-filter-{status}-{width}-{scheme}.png"))

    # A status and a paper that share nothing: every section goes, and one line says so.
    papers = sorted({p for _, _, p in entries})
    paper = next(p for p in papers if not any(s == status and q == p for _, s, q in entries))
    page.get_by_label("Paper", exact=True).select_option(paper)
    check_matches(page, entries, status, paper)
    expect(page.get_by_text(NOTHING)).to_be_visible()

    page.get_by_label("Status", exact=True).select_option("")
    page.get_by_label("Paper", exact=True).select_option("")
    check_restored(page, counts)
    expect(page.locator("form[data-pg-filter] output")).to_have_text(
        f"{len(entries)} of {len(entries)} shown"
    )
    assert page.blocked == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_controls_fit_and_nothing_overflows(dashboard, expected, width, scheme):
    entries, _ = expected
    page = dashboard(width, scheme)
    # The widest state: the longest paper title chosen.
    titles = page.eval_on_selector_all(
        "select[name=paper] option", "os => os.map(o => [o.value, o.textContent.length])"
    )
    longest = max(titles, key=lambda t: t[1])[0]
    page.get_by_label("Paper", exact=True).select_option(longest)
    expect(page.locator("form[data-pg-filter] output")).not_to_have_text(
        f"{len(entries)} of {len(entries)} shown"
    )
    page.locator("form[data-pg-filter]").screenshot(
        path=artifact(f"unknowns-filter-form-{width}-{scheme}.png")
    )
    found = page.evaluate(OVERFLOW_JS)
    assert found["article"][0] <= found["article"][1], found
    assert found["form"][0] <= found["form"][1], found
    assert found["page"] <= 0, found
    assert found["outside"] == [], found
    if width == 375:
        # The two controls no longer fit side by side: they wrap onto rows of their own.
        tops = page.eval_on_selector_all(
            "form[data-pg-filter] label", "ls => ls.map(l => l.getBoundingClientRect().top)"
        )
        assert tops[1] > tops[0], tops


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_selects_are_styled_like_the_theme_with_a_visible_focus_ring(dashboard, scheme):
    page = dashboard(1280, scheme)
    status = page.get_by_label("Status", exact=True)
    paper = page.get_by_label("Paper", exact=True)
    # Keyboard: focus the first control, Tab to the second; the ring must show.
    status.focus()
    page.keyboard.press("Tab")
    expect(paper).to_be_focused()
    look = paper.evaluate(CONTROL_JS)
    assert look["appearance"] == "none", look  # the theme's look, not the browser's
    assert look["fontSize"] == look["labelFontSize"], look
    assert look["height"] >= 24, look  # a comfortable target (WCAG 2.5.8)
    assert contrast(look["text"], look["background"]) >= 4.5, look
    assert contrast(look["border"], look["page"]) >= 3, look  # the field's edge (WCAG 1.4.11)
    assert look["focusVisible"] and look["outlineStyle"] != "none", look
    assert look["outlineWidth"] >= 1.5 and contrast(look["outline"], look["page"]) >= 3, look
    dark = luminance(look["page"]) < 0.2
    assert dark == (scheme == "dark"), look
    page.locator("form[data-pg-filter]").screenshot(
        path=artifact(f"unknowns-filter-focus-{scheme}.png")
    )


def test_the_keyboard_alone_filters_and_the_count_is_announced(dashboard, expected):
    entries, _ = expected
    page = dashboard(1280, "light")
    output = page.locator("form[data-pg-filter] output")
    assert output.get_attribute("aria-live") == "polite" or output.get_attribute("role") == "status"
    status = page.get_by_label("Status", exact=True)
    status.focus()
    page.keyboard.press("ArrowDown")  # closed select on Linux: moves to the next option
    first = status.evaluate("s => s.options[1].value")
    expect(status).to_have_value(first)
    check_matches(page, entries, first)


def test_without_javascript_every_section_and_count_is_shown(example_site, new_page, expected):
    entries, counts = expected
    page, blocked = new_page(width=375, javascript=False)
    page.goto(example_site.url + "unknowns/", wait_until="load")
    expect(page.locator("form[data-pg-filter]")).to_be_hidden()
    check_restored(page, counts)
    assert sum(s["entries"] for s in sections(page).values()) == len(entries)
    expect(page.get_by_text(NOTHING)).to_have_count(0)
    assert blocked == []
