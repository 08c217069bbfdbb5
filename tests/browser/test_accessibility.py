"""axe-core (bundled by axe-playwright-python, so it runs offline) on the pages a reader uses
most: no serious or critical violation in the page content, in the light and dark palettes."""

from __future__ import annotations

import pytest

PAGES = {
    "home": "",
    "paper": "papers/kirillov2023segment/",
    "dashboard": "unknowns/",
    "bibliography": "bibliography/",
    "tracker": "tracker/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_serious_or_critical_violations_in_content(example_site, new_page, name, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page, blocked = new_page(color_scheme=scheme)
    page.goto(example_site.url + PAGES[name], wait_until="load")
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    results = Axe().run(page, context="article")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert serious == []
    # axe really checked the page's text (a silent no-op would also report nothing).
    assert "color-contrast" in {rule["id"] for rule in results.response["passes"]}
    assert blocked == []
