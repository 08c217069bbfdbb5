"""References: targets of citations and reuse of formatted entries across serve rebuilds."""

from __future__ import annotations

from paperguide.core.library.loading import load_library
from paperguide.core.library.references import BibliographyOptions, References
from paperguide.core.site.settings import Settings
from tests.helpers import MINIMAL_BIB


def library_with(tmp_path):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "references.bib").write_text(MINIMAL_BIB)
    (content / "papers" / "ma2019qhadam.yml").write_text("key: ma2019qhadam\n")
    return load_library(Settings(content, tmp_path))


def test_targets(tmp_path):
    refs = References(library_with(tmp_path))
    assert refs.href("ma2019qhadam", "guides/x.md") == "../papers/ma2019qhadam.md"
    assert refs.href("ma2019qhadam", "papers/ma2019qhadam.md") == (
        "../bibliography.md#ref-ma2019qhadam"
    )
    assert refs.href("kingma2015adam", "index.md") == "bibliography.md#ref-kingma2015adam"
    assert refs.sorted(["ma2019qhadam", "kingma2015adam", "missing"]) == [
        "kingma2015adam",
        "ma2019qhadam",
    ]


def test_without_a_bibliography_page_citations_fall_back_to_external_links(tmp_path):
    refs = References(library_with(tmp_path), BibliographyOptions(page=None))
    assert refs.href("ma2019qhadam", "index.md") == "papers/ma2019qhadam.md"
    # kingma2015adam has no note, no DOI and no URL in MINIMAL_BIB: nothing to link to.
    assert refs.href("kingma2015adam", "index.md") is None
    assert refs.bibliography_target("kingma2015adam") is None


def test_formatted_references_are_reused_for_the_same_bibliography(tmp_path):
    library = library_with(tmp_path)
    first = References(library)
    text = first.formatted("kingma2015adam")
    second = References(library, reuse=first)
    assert second._formatted is first._formatted and second.labels is first.labels
    assert second.formatted("kingma2015adam") is text
    bib = library.settings.content_dir / "references.bib"
    bib.write_text(bib.read_text().replace("Optimization", "Optimisation"))
    changed = load_library(library.settings)
    fresh = References(changed, reuse=first)
    assert fresh._formatted is not first._formatted
    assert fresh.formatted("kingma2015adam") != text
