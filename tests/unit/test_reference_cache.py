"""Formatted references are stored by content hash and read back by the next build (finding 11)."""

from __future__ import annotations

import pytest

from paperguide.core.base.filecache import FileCache
from paperguide.core.library import references as references_module
from paperguide.core.library.loading import load_library
from paperguide.core.library.references import References
from paperguide.core.pages.crossref_pages import bibliography_page
from paperguide.core.site.settings import Settings
from tests.helpers import MINIMAL_BIB


def build(tmp_path):
    """What a build does with the bibliography: load it, publish the full page."""
    settings = Settings(tmp_path / "content", tmp_path, cache_dir=tmp_path / "cache")
    library = load_library(settings, FileCache())
    refs = References(library)
    page = bibliography_page(
        refs,
        list(library.bibliography.entries),
        page="bibliography.md",
        download=None,
        cited_only=False,
        style_name="house",
    )
    return refs, page.markdown


@pytest.fixture
def site(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "references.bib").write_text(
        MINIMAL_BIB + '@misc{zed2020, author = {Z\\"ed, Anna}, title = {Last}, year = 2020}\n'
    )
    return tmp_path


def test_a_second_build_formats_and_sorts_nothing(site, monkeypatch):
    _, first = build(site)
    assert "Zëd, A." in first

    def refuse(*_args, **_kwargs):
        raise AssertionError("formatted again although nothing changed")

    monkeypatch.setattr(references_module, "format_reference", refuse)
    monkeypatch.setattr(references_module, "sort_key", refuse)
    _, second = build(site)
    assert second == first


def test_an_edited_entry_is_formatted_again(site):
    build(site)
    bib = site / "content" / "references.bib"
    bib.write_text(bib.read_text().replace("title = {Last}", "title = {Latest}"))
    _, page = build(site)
    assert "Latest" in page and "Last." not in page


def test_a_damaged_store_is_not_used(site):
    _, first = build(site)
    for stored in (site / "cache" / "references").glob("*.json"):
        stored.write_text(stored.read_text()[:-20])
    _, again = build(site)
    assert again == first
