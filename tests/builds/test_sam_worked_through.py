"""Issue 18, item 3: SAM worked through (one click, every shape), a CPU recipe, checks everywhere.

Built from the repository's own mkdocs.yml. The shapes and line ranges themselves are pinned by
tests/unit/test_sam_pinned_code.py against what was read at the commit; here the rendered pages
are checked: the walk is in the nav and linked from the section's index, its shape table links
every row to a line range at the pinned commit, the recipe runs on a CPU, and every page of the
section has a self-check.
"""

from __future__ import annotations

import re

import pytest

from tests.builds.test_sam_section import COMMIT, PAGES
from tests.helpers import flat_text

WALK = "sam/worked-through/"
LINE_LINK = re.compile(
    rf"^https://github\.com/facebookresearch/segment-anything/blob/{COMMIT}"
    r"/segment_anything/[\w/]+\.py#L\d+(-L\d+)?$"
)


@pytest.fixture(scope="module")
def example(example_build):
    return example_build


def test_the_walk_is_in_the_nav_next_to_the_other_sam_pages(example):
    nav = example.html("sam/").select_one("nav.md-nav--primary")
    hrefs = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in nav.select("a[href]")]
    # Right after the mask decoder: the walk needs the component pages, not the training ones.
    assert "worked-through" in hrefs
    assert hrefs.index("worked-through") == hrefs.index("mask-decoder") + 1, hrefs
    index = example.article("sam/")
    assert index.select_one("a[href$='worked-through/']") is not None


def test_the_shape_table_links_every_row_to_pinned_lines(example):
    article = example.article(WALK)
    table = next(
        t
        for t in article.select("table")
        if [flat_text(th).lower() for th in t.select("thead th")]
        == ["step", "tensor", "shape", "code"]
    )
    rows = table.select("tbody tr")
    assert len(rows) >= 15
    for row in rows:
        cells = row.select("td")
        links = [a["href"] for a in cells[3].select("a[href]")]
        assert links, flat_text(row)
        for href in links:
            assert LINE_LINK.match(href), href
    shapes = " | ".join(flat_text(row.select("td")[2]) for row in rows)
    # The milestones of the walk, batch dimension included (ViT-H, one click, no box).
    for shape in (
        "1 × 3 × 1024 × 1024",
        "1 × 64 × 64 × 1280",
        "1 × 256 × 64 × 64",
        "1 × 2 × 256",
        "1 × 7 × 256",
        "1 × 7 × 128",
        "1 × 32 × 256 × 256",
        "1 × 4 × 32",
        "1 × 4 × 256 × 256",
        "1 × 3 × 256 × 256",
    ):
        assert shape in shapes, shape


def test_the_walk_embeds_the_note_and_checks_itself(example):
    article = example.article(WALK)
    assert article.select("div.pg-formula")
    assert len(article.select(".pg-check")) >= 3
    assert not article.select(".pg-embed-error")
    assert "not executed" in flat_text(article) or "random weights" in flat_text(article)


def test_every_page_of_the_section_has_a_self_check(example):
    for page in PAGES:
        checks = example.article(f"sam/{page}").select(".pg-check")
        assert checks, f"sam/{page} has no /// check"
        for check in checks:
            assert check.select_one(".pg-check-question").get_text(strip=True), page
            assert check.select_one("details").get_text(strip=True), page


def test_the_recipe_runs_on_a_cpu_and_says_how_far_it_was_checked(example):
    text = flat_text(example.article("sam/reproduce/"))
    assert "--device cpu" in text
    assert "install_requires=[]" in text
    assert "opencv-python" in text
    assert "download.pytorch.org/whl/cpu" in text
    assert "sam_vit_b_01ec64.pth" in text
    assert "not run with the released weights" in text


def test_the_note_no_longer_gives_the_failing_command(example):
    run = flat_text(example.article("papers/kirillov2023segment/").select_one("#code").parent)
    assert "--device cpu" in run
    assert "install_requires=[]" in run
