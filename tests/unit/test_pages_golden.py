"""Golden tests of the generated Markdown: the exact text each template produces.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/unit/test_pages_golden.py``
and review the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from paperguide.core.library.loading import load_library
from paperguide.core.pages.guide import generate_pages
from paperguide.core.site.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "library"
GOLDEN = Path(__file__).resolve().parent.parent / "golden"


@pytest.fixture(scope="module")
def pages():
    library = load_library(Settings(FIXTURE, FIXTURE.parent.parent.parent))
    problems = [d.format() for d in library.diagnostics]
    assert problems == [
        "tests/fixtures/library/papers/he.2016-resnet.yml:1:6: the file name 'he.2016-resnet.yml'"
        " does not match the key 'he.2016:resnet' (field key); rename the file to "
        "'he-2016-resnet.yml' (copied from another note?)",
    ]
    return {page.src_uri: page for page in generate_pages(library)}


def test_the_expected_pages_are_generated(pages):
    assert sorted(pages) == [
        "papers/he-2016-resnet.md",
        "papers/index.md",
        "papers/kingma2015adam.md",
        "papers/ma2019qhadam.md",
        "tracker.md",
        "unknowns/assumed.md",
        "unknowns/explained.md",
        "unknowns/hand-waved.md",
        "unknowns/index.md",
        "unknowns/padding.md",
        "unknowns/wrong.md",
    ]
    assert pages["papers/ma2019qhadam.md"].edit_uri == "papers/ma2019qhadam.yml"
    assert pages["papers/kingma2015adam.md"].edit_uri == "papers/kingma2015adam.md"
    assert pages["papers/index.md"].edit_uri is None


@pytest.mark.parametrize(
    "src_uri",
    [
        "papers/ma2019qhadam.md",
        "papers/kingma2015adam.md",
        "papers/he-2016-resnet.md",
        "papers/index.md",
        "unknowns/index.md",
        "unknowns/assumed.md",
        "unknowns/hand-waved.md",
        "tracker.md",
    ],
)
def test_generated_markdown_matches_golden_file(pages, src_uri):
    golden = GOLDEN / src_uri.replace("/", "__")
    actual = pages[src_uri].markdown
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, "utf-8")
    assert golden.exists(), f"missing {golden.name}; run with UPDATE_GOLDEN=1 once"
    assert actual == golden.read_text("utf-8")
