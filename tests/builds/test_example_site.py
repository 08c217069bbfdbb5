"""The example site (the repository's own mkdocs.yml) builds strictly with zero warnings."""

from __future__ import annotations

import pytest

from tests.helpers import REPO


@pytest.fixture(scope="module")
def example(example_build):
    return example_build


def test_example_builds_strictly_without_warnings(example):
    assert example.warnings() == []


def test_flagship_notes_have_guide_pages(example):
    for key in ("kirillov2023segment", "ma2019qhadam"):
        article = example.article(f"papers/{key}/")
        assert article is not None and article.h1 is not None


def test_every_example_note_declares_its_schema():
    for path in sorted((REPO / "content" / "papers").glob("*")):
        if path.suffix not in (".yml", ".yaml", ".md"):
            continue  # a figure's image next to its note
        text = path.read_text("utf-8")
        first = text.splitlines()[1 if path.suffix == ".md" else 0]
        assert first.startswith("# yaml-language-server: $schema="), path.name
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema == REPO / "plugins/paperguide/schema/note.schema.json"


def test_the_build_never_writes_into_content(example):
    before = sorted(p.relative_to(REPO / "content") for p in (REPO / "content").rglob("*"))
    after = sorted(
        p.relative_to(example.root / "content") for p in (example.root / "content").rglob("*")
    )
    assert after == before


def test_qhadam_breakdowns_tag_every_explained_symbol(example):
    from paperguide.core.notes.loading import load_note

    note = load_note(
        REPO / "content/papers/ma2019qhadam.md", "ma2019qhadam.md", "papers/ma2019qhadam.md"
    ).note
    assert note is not None and len(note.formulas) == 7
    article = example.article("papers/ma2019qhadam/")
    for formula in note.formulas:
        box = article.select_one(f"#formula-{formula.id}")
        assert box is not None, formula.id
        rows = box.select("table.pg-symbols tbody tr[data-pg-sym]")
        assert len(rows) == len(formula.symbols)
        math = box.select_one(".pg-formula-math .katex-html")
        for index in range(len(formula.symbols)):
            assert math.select(f".pg-sym-{index}"), (formula.id, formula.symbols[index].tex)
    assert article.select_one("#formula-update .pg-code-link a")["href"] == "#code-update"


def test_no_raw_tex_is_visible_anywhere_in_the_example(example):
    pages = sorted(example.site.rglob("index.html"))
    assert len(pages) >= 4
    for page in pages:
        article = example.html(str(page.parent.relative_to(example.site)) + "/").select_one(
            "article"
        )
        if article is None:
            continue
        for hidden in article.select(".katex-mathml, pre, code"):
            hidden.decompose()
        text = article.get_text(" ")
        for raw in ("\\(", "\\[", "$$", "\\frac", "\\nu", "\\beta"):
            assert raw not in text, (page, raw)
        assert not article.select(".pg-math-error"), page


def test_every_citation_card_of_the_example_is_filled_in(example):
    """Cards are left empty while a page converts and filled in afterwards (citation_cards.py):
    none stays empty, on any page, the checks page and the dashboards included."""
    pages = sorted(example.site.rglob("*.html"))
    cards = 0
    for page in pages:
        html = example.html(str(page.relative_to(example.site)))
        for card in html.select("pg-card"):
            cards += 1
            assert not card.has_attr("data-pg-card"), page
            assert card.select_one(".pg-card__ref") is not None, (page, str(card)[:200])
    assert cards > 50
