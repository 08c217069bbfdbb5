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
from tests.helpers import MINIMAL_BIB, build_site

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


def test_braced_keys_cite_what_the_grammar_cannot_take(tmp_path: Path) -> None:
    bib = MINIMAL_BIB + "@misc{doe*2020+x?, author = {Doe, Jo}, title = {Odd}, year = {2020}}\n"
    page = "# Odd keys\n\nBraced: @{doe*2020+x?} and [see @{doe*2020+x?}, p. 2].\n"
    result = build_site(tmp_path, {"content/references.bib": bib, "content/odd.md": page})
    assert result.ok, result.warnings()
    items = result.article("odd/").select(".pg-cite__item[data-key='doe*2020+x?'] > a[href]")
    assert len(items) == 2
    assert all(a["href"].startswith("../bibliography/#") for a in items), items


def test_unknown_key_is_reported_at_the_citation_not_a_look_alike(tmp_path: Path) -> None:
    page = textwrap.dedent("""\
        # Positions

        ```yaml
        cite: "[@nokey2020]"
        ```

        In code `[@nokey2020]` and a bare @nokey2020 are no citations.

        The real one: [@nokey2020].
        """)
    result = build_site(tmp_path, {"content/references.bib": MINIMAL_BIB, "content/p.md": page})
    assert not result.ok
    assert result.warnings() == [
        "WARNING  paperguide: content/p.md:9:16: unknown citation key 'nokey2020'; "
        "add an entry with this key to references.bib, or write \\@ for a literal @"
    ]


def test_blog_excerpts_link_from_every_view_and_warn_once(tmp_path: Path) -> None:
    files = {**fixture_files("blog"), "content/references.bib": MINIMAL_BIB}
    config = {
        "markdown_extensions": PLAIN_EXTENSIONS,
        "plugins": ["search", {"blog": {"blog_dir": "blog"}}, "paperguide"],
    }
    result = build_site(tmp_path, files, config=config, strict=False)
    assert result.ok, result.error
    # The one mistake, once, against the post that holds it, at its position.
    assert result.warnings() == [
        "WARNING  paperguide: content/blog/posts/adam.md:10:2: unknown citation key "
        "'kingma2015adm'; did you mean 'kingma2015adam'?"
    ]
    views = [
        p.relative_to(result.site).as_posix()
        for p in result.site.glob("blog/**/index.html")
        if "posts" not in p.parts and "2024" not in p.parts[-2:-1]
    ]
    checked = 0
    for page in sorted(p for p in pages(result) if p.startswith("blog/")):
        html = result.html(page.removesuffix("index.html"))
        for link in html.select(".pg-cite__link[href]"):
            href = link["href"]
            assert ".md" not in href, (page, href)
            target = (result.site / page).parent / href.split("#")[0]
            target = target / "index.html" if href.split("#")[0].endswith("/") else target
            assert target.resolve().is_file(), (page, href)
            checked += 1
    assert checked >= 6, (checked, views)


def test_blog_without_citations_is_unchanged(tmp_path: Path) -> None:
    files = fixture_files("blog")
    files["content/blog/posts/adam.md"] = b"---\ndate: 2024-03-01\n---\n\n# Gone\n\nText.\n"
    config = {"markdown_extensions": PLAIN_EXTENSIONS}
    without, with_ = build_pair(tmp_path, files, config, extra_plugins=[{"blog": {}}])
    assert assert_same_articles(without, with_, set()) >= 5


def test_an_embed_does_not_restart_the_count_of_citations(tmp_path: Path) -> None:
    """Two unknown keys around an embed: each reported at its own line."""
    note = "key: ma2019qhadam\nunknowns:\n  - id: a\n    category: assumed\n    question: Why?\n"
    page = textwrap.dedent("""\
        # Embeds

        First [@nokey2020].

        /// unknown | ma2019qhadam#a
        ///

        Second [@nokey2020].
        """)
    files = {
        "content/references.bib": MINIMAL_BIB,
        "content/papers/ma2019qhadam.yml": note,
        "content/e.md": page,
    }
    result = build_site(tmp_path, files)
    located = [w.split(": unknown")[0] for w in result.warnings()]
    assert located == [
        "WARNING  paperguide: content/e.md:3:8",
        "WARNING  paperguide: content/e.md:8:9",
    ]


def test_embedded_note_math_is_typeset_where_page_dollars_are_not(tmp_path: Path) -> None:
    """A site without arithmatex: its own "$" stay text, a note's math embedded there renders."""
    note = (
        "key: ma2019qhadam\nunknowns:\n  - id: a\n    category: assumed\n"
        "    question: Why $\\beta_1$?\n"
    )
    page = "# E\n\nCosts $5 and $10, or \\$3.\n\n/// unknown | ma2019qhadam#a\n///\n"
    files = {
        "content/references.bib": MINIMAL_BIB,
        "content/papers/ma2019qhadam.yml": note,
        "content/e.md": page,
    }
    result = build_site(tmp_path, files, config={"markdown_extensions": PLAIN_EXTENSIONS})
    assert result.ok, result.warnings()
    article = result.article("e/")
    assert len(article.select(".katex")) == 1
    assert "Costs $5 and $10, or \\$3." in article.get_text()
    assert not article.find("pg-note")


def test_first_note_on_a_site_with_a_nav_adds_no_warning(tmp_path: Path) -> None:
    """The generated listings need not be in an explicit nav (omitted_files: warn)."""
    files = {**fixture_files("prose"), **CITING}
    config = {
        "markdown_extensions": PLAIN_EXTENSIONS,
        "nav": ["python.md", "money.md", "contact.md", "reading.md"],
        "validation": {"omitted_files": "warn"},
    }
    result = build_site(tmp_path, files, config=config)
    assert result.ok, result.warnings()
    assert (result.site / "papers" / "index.html").exists()
    assert (result.site / "unknowns" / "index.html").exists()
