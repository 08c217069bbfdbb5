"""Cross-reference filling in core, driven without MkDocs: a collector, a URL mapper, pages."""

from __future__ import annotations

import textwrap

import pytest
from bs4 import BeautifulSoup

from paperguide.core.crossrefs.cited import bib_sources, bibliography_keys
from paperguide.core.crossrefs.collector import Collector
from paperguide.core.crossrefs.fill import CrossRefFill
from paperguide.core.crossrefs.index import CrossRefIndex, counting_pages
from paperguide.core.library.loading import load_library
from paperguide.core.library.references import References, ref_anchor
from paperguide.core.pages import placeholders
from paperguide.core.site.settings import Settings
from tests.helpers import MINIMAL_BIB

GUIDE_QH = "papers/ma2019qhadam.md"
GUIDE_ADAM = "papers/kingma2015adam.md"
WRITTEN = {"index.md", "notes/essay.md", "concepts/vision/vit.md"}
LISTING = "papers/index.md"


@pytest.fixture
def library(tmp_path):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "concepts" / "vision").mkdir(parents=True)
    (content / "references.bib").write_text(MINIMAL_BIB)
    (content / "papers" / "ma2019qhadam.yml").write_text(
        "key: ma2019qhadam\nprerequisites: [vision/vit]\n"
        "related: [{key: kingma2015adam, relation: extends}]\n"
    )
    (content / "papers" / "kingma2015adam.yml").write_text("key: kingma2015adam\n")
    (content / "concepts" / "vision" / "vit.md").write_text(
        "---\ntitle: Vision transformer\n---\n# ViT\n"
    )
    return load_library(Settings(content, tmp_path))


def mapper(target: str, from_src: str) -> str | None:
    """A stand-in for the host: every known page, linked by its path from the site root."""
    known = {GUIDE_QH, GUIDE_ADAM, LISTING, *WRITTEN}
    return f"/{target}" if target in known else None


def make_fill(library, collector: Collector, keys=()) -> CrossRefFill:
    note_pages = {library.paper_src_uri(k): k for k in library.notes}
    counts = counting_pages(WRITTEN.__contains__, note_pages)
    index = CrossRefIndex.build(collector, library, counts)
    titles = {GUIDE_QH: "QHAdam", GUIDE_ADAM: "Adam", "notes/essay.md": "An essay"}
    return CrossRefFill(
        library,
        References(library),
        library.concepts,
        note_pages,
        tuple(keys),
        None,
        index,
        mapper,
        titles,
    )


def links(html: str) -> list[tuple[str, str]]:
    """Text and target of every link, HTML or SVG (which links with ``xlink:href``)."""
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(strip=True), a.get("href") or a["xlink:href"]) for a in soup("a")]


def test_concepts_in_nested_folders_are_part_of_the_library(library):
    assert list(library.concepts) == ["concepts/vision/vit.md"]
    assert library.concepts["concepts/vision/vit.md"].id == "vision/vit"
    # The same concept is a valid prerequisite id: one definition of what a concept is.
    assert not [d for d in library.diagnostics if "prerequisite" in (d.field or "")]


def test_a_bad_concept_page_is_a_library_diagnostic(tmp_path):
    content = tmp_path / "content"
    (content / "concepts").mkdir(parents=True)
    (content / "concepts" / "bad.md").write_text("---\ntitle: [not, a, string]\n---\n")
    library = load_library(Settings(content, tmp_path, concepts_claimed=True))
    found = [(d.path, d.field) for d in library.diagnostics if "concepts" in d.path]
    assert found == [("content/concepts/bad.md", "title")]


def test_backlinks_count_written_and_guide_pages_but_not_listings(library):
    collector = Collector()
    for page in ("notes/essay.md", "notes/essay.md", LISTING, GUIDE_QH):
        collector.record_citation(page, "kingma2015adam")
    collector.record_link("index.md", GUIDE_ADAM)
    collector.record_link(GUIDE_QH, GUIDE_ADAM)  # the related list: already shown as a relation
    filled = make_fill(library, collector).fill(GUIDE_ADAM, placeholders.BACKLINKS)
    assert links(filled) == [
        ("QHAdam", f"/{GUIDE_QH}"),
        ("index.md", "/index.md"),
        ("An essay", "/notes/essay.md"),
    ]
    index = CrossRefIndex.build(collector, library, lambda _: True)
    assert index.citing_pages("kingma2015adam") == ["notes/essay.md", LISTING, GUIDE_QH]
    assert index.cited_by["kingma2015adam"]["notes/essay.md"] == 2


def test_cited_on_lists_the_citing_pages_of_each_entry(library):
    collector = Collector()
    collector.record_citation("notes/essay.md", "ma2019qhadam")
    collector.record_citation(GUIDE_ADAM, "ma2019qhadam")
    page = placeholders.cited_on(ref_anchor("ma2019qhadam")) + placeholders.cited_on(
        ref_anchor("kingma2015adam")
    )
    filled = make_fill(library, collector, keys=library.bibliography.entries).fill(
        "bibliography.md", page
    )
    assert links(filled) == [("An essay", "/notes/essay.md"), ("Adam", f"/{GUIDE_ADAM}")]
    assert "paperguide:" not in filled


def test_graph_links_come_from_the_url_mapper(library):
    fill = make_fill(library, Collector())
    svg = fill.fill(GUIDE_QH, placeholders.GRAPH)
    hrefs = {href for _text, href in links(svg)}
    assert f"/{GUIDE_ADAM}" in hrefs
    assert fill.fill(LISTING, "no markers here") == "no markers here"


def test_cited_only_keys_come_from_notes_and_page_sources(library, tmp_path):
    page = textwrap.dedent("""\
        ---
        title: "@kingma2015adam in front matter is not a citation"
        ---
        Nothing cited here.
        """)
    # QHAdam's note relates Adam, so Adam is listed; nothing cites QHAdam itself.
    assert bibliography_keys(library, True, [page]) == ["kingma2015adam"]
    assert bibliography_keys(library, False, []) == list(library.bibliography.entries)
    [(name, text)] = bib_sources(library)
    assert name == "references.bib" and "@article{kingma2015adam" in text
