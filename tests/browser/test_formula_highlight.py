"""The QHAdam breakdown in a real browser: typeset offline, two-way hover and keyboard highlight
(on the guide page once its fold is open), still working after Material's instant navigation,
and no request leaving 127.0.0.1."""

from __future__ import annotations

from playwright.sync_api import expect

RAW_TEX = ("\\(", "\\[", "$$", "\\frac", "\\theta", "\\nu_")
ON = "pg-sym--on"


def lit(page, formula: str) -> dict[str, list[str]]:
    """What is highlighted inside one breakdown: rows (by index) and formula symbols."""
    return page.evaluate(
        """([box, on]) => {
          const root = document.querySelector(box);
          const rows = [...root.querySelectorAll("tr." + on)].map(r => r.dataset.pgSym);
          const syms = [...root.querySelectorAll(".pg-formula-math ." + on)]
            .map(s => s.className.match(/pg-sym-(\\d+)/)[1]);
          return {rows, syms};
        }""",
        [formula, ON],
    )


def test_qhadam_breakdown_highlights_both_ways(page, example_site, artifacts):
    base = example_site.url
    # On the guide page the symbol table is folded; a link to the formula opens it.
    page.goto(base + "papers/ma2019qhadam/#formula-update")
    page.wait_for_load_state("networkidle")
    box = "#formula-update"
    expect(page.locator(f"{box} > details")).to_have_attribute("open", "")

    # Typeset at build time: KaTeX markup present, no raw TeX visible, KaTeX fonts loaded.
    assert page.locator(f"{box} .pg-formula-math .katex-display .katex-html").count() == 1
    visible = page.inner_text("article")
    for raw in RAW_TEX:
        assert raw not in visible, raw
    loaded_fonts = page.evaluate(
        """async () => { await document.fonts.ready;
           return [...document.fonts].filter(f => f.family.includes("KaTeX")
             && f.status === "loaded").length; }"""
    )
    assert loaded_fonts > 0

    # Hover a row: every occurrence of its symbol lights up, nothing else does.
    # Row 4 is the minibatch gradient, which occurs twice (numerator and denominator).
    page.hover(f'{box} tr[data-pg-sym="4"]')
    state = lit(page, box)
    assert state["rows"] == ["4"]
    assert state["syms"].count("4") == 2
    # theta_t (row 1) sits inside the gradient, so it may be lit with it, but no other symbol.
    assert set(state["syms"]) <= {"4", "1"}
    highlighted = page.locator(f"{box} .pg-formula-math .pg-sym-4").first
    background = highlighted.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.evaluate("window.scrollTo(0, document.querySelector('#formula-update').offsetTop - 80)")
    page.hover(f'{box} tr[data-pg-sym="4"]')
    page.screenshot(path=str(artifacts / "qhadam-breakdown-row-hover.png"))

    # Hover a symbol in the formula: its row lights up, the previous one goes dark.
    page.hover(f"{box} .pg-formula-math .pg-sym-2")  # alpha
    state = lit(page, box)
    assert state["rows"] == ["2"]
    assert state["syms"] == ["2"]
    page.screenshot(path=str(artifacts / "qhadam-breakdown-symbol-hover.png"))

    # Every symbol of the update can be pointed at, even those stacked in the fraction.
    for index in range(9):
        symbol = page.locator(f"{box} .pg-formula-math .pg-sym-{index}").first
        size = symbol.bounding_box()
        symbol.hover(position={"x": 2, "y": size["height"] / 2})  # left edge: not a nested one
        assert lit(page, box)["rows"] == [str(index)], index

    # Keyboard: rows are focusable; Tab moves the highlight to the next row.
    page.mouse.move(0, 0)
    assert lit(page, box) == {"rows": [], "syms": []}
    page.focus(f'{box} tr[data-pg-sym="4"]')
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.pgSym") == "5"
    state = lit(page, box)
    assert state["rows"] == ["5"] and state["syms"] == ["5"]  # g'_{t+1}
    page.keyboard.press("Shift+Tab")
    assert lit(page, box)["rows"] == ["4"]

    assert page.external_requests == []


def test_highlight_works_after_instant_navigation(page, example_site, artifacts):
    base = example_site.url
    page.set_viewport_size({"width": 1400, "height": 900})  # wide enough for the sidebar
    page.goto(base + "papers/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    # Material's instant navigation swaps the page in without reloading the document. The
    # studying-math guide embeds the update's breakdown (the home page only links to it).
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Studying the math").first.click()
    page.wait_for_url(base + "guides/studying-math/")
    box = '.pg-formula:has(.pg-formula-title a[href$="#formula-update"])'
    page.wait_for_selector(f"{box} .pg-formula-math .katex")
    assert page.evaluate("window.__sameDocument === true"), "expected instant navigation"

    page.hover(f'{box} tr[data-pg-sym="0"]')
    state = lit(page, box)
    assert state["rows"] == ["0"] and state["syms"] == ["0"]
    page.hover(f"{box} .pg-formula-math .pg-sym-6")
    assert lit(page, box)["rows"] == ["6"]
    page.locator(box).screenshot(path=str(artifacts / "guide-breakdown-after-instant-nav.png"))
    assert page.external_requests == []
