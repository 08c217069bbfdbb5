"""Every page of the example site at phone, tablet and desktop width, in both palettes (issue 16):
nothing inside the article is cut off or runs past it unless it sits in a box that scrolls
sideways; every such box that has more to show takes keyboard focus and shows a scroll cue; no
text renders under 11 px (SVG labels measured after scaling; math scripts have their own floor).
What counts is defined in layout_probe.js. The relations graph is left out until its own fitting
lands (see GRAPH-PENDING in layout.py).

A full-page screenshot of every visit is kept, to look at, not compare: in
``$PAPERGUIDE_SCREENSHOTS`` if set, else ``test-artifacts/layout/`` (the run prints the folder;
``<page>-<width>-<palette>.png``). The site is built once per session and shared.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS_KEY
from tests.browser.layout import (
    MIN_TEXT_PX,
    graph_label_overlaps,
    layout_findings,
    settle,
)
from tests.builds.test_guides_home import GUIDES
from tests.builds.test_sam_section import PAGES as SAM_PAGES

#: Every page of the example site, by kind; test_the_list_covers_every_page keeps it complete.
PAGES: tuple[str, ...] = (
    "",
    "papers/",
    "papers/kirillov2023segment/",
    "papers/ma2019qhadam/",
    "unknowns/",
    "unknowns/assumed/",
    "unknowns/explained/",
    "unknowns/hand-waved/",
    "unknowns/wrong/",
    "unknowns/padding/",
    "bibliography/",
    "concepts/",
    "concepts/bias-correction/",
    "concepts/cross-attention/",
    "concepts/dice-loss/",
    "concepts/dynamic-mask-heads/",
    "concepts/focal-loss/",
    "concepts/masked-autoencoding/",
    "concepts/random-fourier-features/",
    "concepts/segmentation-metrics/",
    "concepts/vision-transformer/",
    "tracker/",
    "graph/",
    "checks/",
    *(url for url, _ in GUIDES),
    "guides/note-format/",
    "guides/options/",
    "guides/existing-site/",
    *(f"sam/{path}" for path in SAM_PAGES),
)
WIDTHS = (375, 768, 1280)
#: Palette -> the scheme Material shows for it.
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="session")
def screenshots(artifacts: Path, pytestconfig: pytest.Config) -> Path:
    folder = Path(os.environ.get("PAPERGUIDE_SCREENSHOTS") or artifacts / "layout")
    folder.mkdir(parents=True, exist_ok=True)
    pytestconfig.stash[SCREENSHOTS_KEY] = folder
    return folder


def test_the_list_covers_every_page(example_site):
    site = example_site.build.site
    built = {
        str(path.parent.relative_to(site)) + "/"
        for path in site.rglob("index.html")
        if path.parent.relative_to(site).parts[:1] != ("assets",)
    }
    built = {"" if url == "./" else url for url in built}
    assert built == set(PAGES)


def _describe(findings: list[dict]) -> str:
    return "\n".join("    " + ", ".join(f"{k}={v}" for k, v in f.items()) for f in findings)


def _problems(findings: dict[str, list[dict]]) -> list[str]:
    problems = []
    if findings["overflow"]:
        problems.append("  cut off or past the article:\n" + _describe(findings["overflow"]))
    unready = [box for box in findings["scrollboxes"] if not (box["focusable"] and box["cue"])]
    if unready:
        problems.append(
            "  scroll boxes the keyboard cannot reach or without a scroll cue:\n"
            + _describe(unready)
        )
    if findings["small"]:
        problems.append(f"  text under {MIN_TEXT_PX} px:\n" + _describe(findings["small"]))
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_nothing_is_cut_off_and_no_text_is_tiny(new_page, example_site, screenshots, path, width):
    # One load per page and width; the palette is then switched in place, as Material's toggle
    # does (it sets the body's data-md-color-scheme), which saves a load per palette.
    page, _ = new_page(width=width, height=900, color_scheme="light")
    page.goto(example_site.url + path)
    settle(page)
    body = page.locator("body")
    problems = []
    for palette, scheme in SCHEMES.items():
        page.evaluate('s => document.body.setAttribute("data-md-color-scheme", s)', scheme)
        expect(body).to_have_attribute("data-md-color-scheme", scheme)
        findings = layout_findings(page)
        shot = screenshots / f"{path.strip('/').replace('/', '--') or 'home'}-{width}-{palette}.png"
        page.screenshot(path=str(shot), full_page=True)
        problems.extend(f"{palette} palette ({shot.name}):\n{p}" for p in _problems(findings))
    problems.extend(graph_label_overlaps(page))
    assert not problems, f"{path} at {width} px:\n" + "\n".join(problems)
