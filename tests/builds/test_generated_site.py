"""Real strict builds of a site with notes, inspected with an HTML parser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import build_site

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "library"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(FIXTURE, root / "content")
    # The fixture's hostile-key note is deliberately misnamed; give it its clean name here.
    (root / "content/papers/he.2016-resnet.yml").rename(root / "content/papers/he-2016-resnet.yml")
    (root / "content/index.md").write_text("# Home\n\n[Papers](papers/index.md)\n")
    result = build_site(root, config={"nav": ["index.md", "papers/index.md"]})
    assert result.ok, result.error or result.warnings()
    assert result.warnings() == []
    return result


def test_one_guide_page_per_note_plus_index(built):
    pages = sorted(p.parent.name for p in (built.site / "papers").glob("*/index.html"))
    assert pages == ["he-2016-resnet", "kingma2015adam", "ma2019qhadam"]
    assert (built.site / "papers" / "index.html").exists()


def test_sources_are_not_copied_but_schemas_are_published(built):
    leaked = [
        p.relative_to(built.site).as_posix()
        for p in built.site.rglob("*")
        if p.suffix in (".yml", ".yaml", ".bib")
    ]
    # The joined .bib download is deliberate (the `bibliography.download` option).
    assert leaked == ["bibliography.bib"]
    assert not (built.site / "papers" / "kingma2015adam.md").exists()
    assert (built.site / "schema" / "note.schema.json").read_text().startswith("{")


def test_paper_page_sections(built):
    article = built.article("papers/ma2019qhadam/")
    assert article.h1.get_text(strip=True).startswith("QHAdam, the golden fixture")
    ids = {h["id"] for h in article.select("h2[id]")}
    assert ids == {
        "summary",
        "context",
        "unknowns",
        "anchors",
        "figures",
        "code",
        "method",
        "results",
        "formulas",
        "third-pass",
        "related",
        # Added by the cross-references feature (backlinks, local graph, reference list).
        "cited-by",
        "connections",
        "references",
    }
    assert article.select_one(".pg-byline").get_text().startswith("Jerry Ma, Denis Yarats")
    assert [a.get_text() for a in article.select(".pg-links a")] == ["arXiv", "Code"]
    assert article.select_one(".pg-status-third-pass").get_text() == "Third pass"
    callouts = article.select("details.pg-unknown")
    assert [c["id"] for c in callouts] == ["u-bias", "u-nu-choice", "u-padding-section"]
    assert {c["data-category"] for c in callouts} == {"assumed", "hand-waved", "padding"}
    assert article.select_one("#fig-curves.pg-figure")
    assert article.select_one("#formula-update.pg-formula")


def test_code_map_links_are_pinned_to_the_commit(built):
    article = built.article("papers/ma2019qhadam/")
    link = article.select_one("#code-step").find_parent("tr").select("a")[0]
    assert link["href"] == (
        "https://github.com/facebookresearch/qhoptim/blob/"
        "e81dea3f2765780cf4fbb90b87b22ba7604b8625/qhoptim/pyt/qhadam.py"
        "#L80-L150"
    )
    code_link = article.select_one("#formula-update .pg-code-link a")
    assert code_link["href"] == "#code-step"


def test_edit_links_point_at_the_note_source(built):
    for url, source in [
        ("papers/ma2019qhadam/", "papers/ma2019qhadam.yml"),
        ("papers/kingma2015adam/", "papers/kingma2015adam.md"),
    ]:
        edit = built.html(url).select_one('a[title="Edit this page"]')
        assert edit["href"] == f"https://github.com/example/notes/edit/main/content/{source}"


def test_markdown_note_body_is_on_the_page(built):
    notes = built.article("papers/kingma2015adam/").select_one("#notes").find_next("p")
    assert notes.select_one("em").get_text() == "emphasis"


def test_hostile_bibliography_fields_are_inert(built):
    article = built.article("papers/he-2016-resnet/")
    assert article.find("script") is None and article.find("b") is None
    assert "<script>alert(1)</script>" in article.select_one(".pg-byline").get_text()
    assert "[@kingma2015adam]" in article.h1.get_text()


def test_papers_index_links_every_paper(built):
    article = built.article("papers/")
    rows = article.select("table tbody tr")
    assert [r.find("a")["href"] for r in rows] == [
        "ma2019qhadam/",
        "he-2016-resnet/",
        "kingma2015adam/",
    ]
    first = [td.get_text() for td in rows[0].find_all("td")]
    assert first[2:4] == ["Third\xa0pass", "reproduce"]
    # One column counts the open unknowns by category, each linking to them on the paper's page.
    counts = rows[0].find_all("td")[4].find_all("a")
    assert [(a.get_text(), a["href"]) for a in counts] == [
        ("1\xa0hand-waved", "ma2019qhadam/#unknowns-hand-waved")
    ]
    assert rows[2].find_all("td")[4].get_text() == "—"


def test_guide_pages_stay_out_of_the_navigation(built):
    """Material embeds the nav in every page; paper pages must not be listed there."""
    home = built.html("")
    nav_links = [a.get("href") for a in home.select("nav.md-nav--primary a")]
    assert not any("ma2019qhadam" in (href or "") for href in nav_links)
    assert any("papers/" in (href or "") for href in nav_links)


def test_page_size_does_not_grow_with_the_number_of_papers(tmp_path):
    sizes = []
    for count in (2, 40):
        root = tmp_path / f"n{count}"
        bib = "".join(f"@misc{{p{i}, title={{Paper {i}}}, year={{2020}}}}\n" for i in range(count))
        files = {"content/references.bib": bib, "content/index.md": "# Home\n"}
        for i in range(count):
            files[f"content/papers/p{i}.yml"] = f"key: p{i}\nsummary: Paper {i}.\n"
        result = build_site(root, files, config={"nav": ["index.md", "papers/index.md"]})
        assert result.ok, result.warnings()
        sizes.append(
            (
                (root / "site/index.html").stat().st_size,
                (root / "site/papers/p1/index.html").stat().st_size,
            )
        )
    (home_small, paper_small), (home_big, paper_big) = sizes
    assert home_big == home_small
    assert abs(paper_big - paper_small) < 64  # only the number in "p1" vs title text may differ
