"""A page that uses no paperguide syntax renders the same with and without the plugin.

Each test builds a probe site twice (strict), without and with paperguide, and compares the
article of every page with a real HTML parser.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.builds.citizen import (
    PLAIN_EXTENSIONS,
    assert_same_articles,
    build_pair,
    fixture_files,
    pages,
)
from tests.helpers import MINIMAL_BIB

#: A page of the same site that does cite, so the plugin is fully at work next to the probes.
CITING = {
    "content/references.bib": MINIMAL_BIB,
    "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nsummary: $\\beta$ [@kingma2015adam]\n",
    "content/reading.md": textwrap.dedent("""\
        # Reading

        As @kingma2015adam showed, and [@ma2019qhadam]; a typo @kingma2015adm stays text.
        """),
}


def test_prose_pages_are_unchanged(tmp_path: Path) -> None:
    files = {**fixture_files("prose"), **CITING}
    config = {"markdown_extensions": PLAIN_EXTENSIONS, "validation": {"omitted_files": "warn"}}
    without, with_ = build_pair(tmp_path, files, config)
    assert assert_same_articles(without, with_, {"reading/index.html"}) == 3
    # "$" math stays off on the site's own pages and on in the notes' pages.
    assert "$5" in with_.article("money/").get_text()
    assert with_.article("papers/ma2019qhadam/").select_one(".katex") is not None
    # The citing page next to them still cites, and the typo is advice, not a failure.
    reading = with_.html("reading/")
    assert reading.select_one(".pg-cite--narrative[data-key='kingma2015adam']") is not None
    assert "@kingma2015adm" in reading.select_one("article").get_text()
    advice = [m for m in with_.messages if "kingma2015adm" in m]
    assert advice and all(m.startswith("INFO") for m in advice), advice
    assert "content/reading.md:3:" in advice[0], advice


MAGICLINK = {
    "pymdownx.magiclink": {
        "repo_url_shorthand": True,
        "social_url_shorthand": True,
        "provider": "github",
        "user": "example",
        "repo": "project",
    }
}


def test_magiclink_keeps_its_mentions(tmp_path: Path) -> None:
    files = {**fixture_files("magiclink"), **CITING}
    config = {"markdown_extensions": [*PLAIN_EXTENSIONS, MAGICLINK]}
    without, with_ = build_pair(tmp_path, files, config)
    assert assert_same_articles(without, with_, {"reading/index.html"}) == 1
    links = {a["href"] for a in with_.article("").select("a[href]")}
    assert "https://github.com/octocat" in links
    assert "https://github.com/python/cpython" in links
    # A known key is still a citation on a magiclink site, not a GitHub user.
    reading = with_.article("reading/")
    assert reading.select_one(".pg-cite--narrative[data-key='kingma2015adam']") is not None
    assert not reading.select("a[href='https://github.com/kingma2015adam']")


FOLDERS_NAV = [
    "index.md",
    {"Concepts": ["concepts/index.md", "concepts/caching.md", "concepts/plugins.md"]},
    {"Papers": ["papers/index.md", "papers/build-system.md"]},
]


def test_own_concepts_and_papers_folders_without_notes(tmp_path: Path) -> None:
    """Adding the plugin to a site with no notes: nothing changes, no page is added, no
    omitted_files warning, the site's own .bib download stays."""
    config = {
        "markdown_extensions": PLAIN_EXTENSIONS,
        "nav": FOLDERS_NAV,
        "validation": {"omitted_files": "warn"},
    }
    without, with_ = build_pair(tmp_path, fixture_files("folders"), config)
    assert assert_same_articles(without, with_, set()) == 6
    assert pages(with_) == pages(without)
    assert (with_.site / "papers" / "cite.bib").read_bytes() == (
        without.site / "papers" / "cite.bib"
    ).read_bytes()
    assert not [m for m in with_.messages if "paperguide" in m]


def test_own_folders_next_to_notes(tmp_path: Path) -> None:
    """With notes in the same papers/ folder: the site's pages and index stay as written."""
    files = {**fixture_files("folders"), **CITING}
    config = {"markdown_extensions": PLAIN_EXTENSIONS}
    without, with_ = build_pair(tmp_path, files, config)
    own = {p for p in pages(without) if not p.startswith(("reading/", "bibliography/"))}
    compared = assert_same_articles(without, with_, pages(without) - own)
    assert compared == 6
    assert (with_.site / "papers" / "ma2019qhadam" / "index.html").exists()
    assert (with_.site / "papers" / "cite.bib").exists()
    concept = with_.article("concepts/caching/")
    assert "Linked from" not in concept.get_text()
