"""The embed blocks under plain Python-Markdown (no MkDocs), given a Library."""

from __future__ import annotations

import textwrap

import markdown
from bs4 import BeautifulSoup

from paperguide.core.library.loading import load_library
from paperguide.core.site.settings import Settings
from paperguide.mdx.context import RenderContext
from paperguide.mdx.embeds import EmbedsExtension
from tests.helpers import MINIMAL_BIB

NOTE = textwrap.dedent("""\
    key: ma2019qhadam
    unknowns:
      - id: why
        category: hand-waved
        question: Why does *this* work?
        where: Section 3
        status: resolved
        answer: |
          Because of this:

          ```python
          step = lr * grad
          ```
    figures:
      - id: curves
        label: Figure 2
        shows: Training curves.
        x: steps
        y: loss (nats)
    formulas:
      - id: update
        title: Update
        tex: \\theta_{t+1} = \\theta_t - \\alpha g_t
        symbols:
          - tex: \\alpha
            meaning: step size
    """)


def make(tmp_path, page="notes/page.md"):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "references.bib").write_text(MINIMAL_BIB)
    (content / "papers" / "ma2019qhadam.yml").write_text(NOTE)
    library = load_library(Settings(content, tmp_path))
    assert library.errors == []
    reported = []
    context = RenderContext(library=library, page_src_uri=page, report_to=reported.append)
    md = markdown.Markdown(
        extensions=["attr_list", "tables", "pymdownx.superfences", EmbedsExtension(context=context)]
    )
    return md, reported


def soup(md, text):
    md.reset()
    return BeautifulSoup(md.convert(textwrap.dedent(text)), "html.parser")


def test_unknown_embed_renders_note_data_with_full_markdown(tmp_path):
    md, reported = make(tmp_path)
    html = soup(
        md,
        """\
        /// unknown | ma2019qhadam#why
        ///
        """,
    )
    callout = html.select_one("details.pg-unknown")
    assert "pg-unknown--hand-waved" in callout["class"]
    assert callout["data-status"] == "resolved"
    # The question is the fold's title, with the category as a badge beside it.
    assert callout.select_one("summary .pg-unknown-category").get_text() == "Hand-waved"
    assert callout.select_one("em").get_text() == "this"
    assert callout.select_one("pre code").get_text().strip() == "step = lr * grad"
    # Off its own page, the callout links back to the guide page's anchor.
    link = callout.select_one(".pg-unknown-meta a")
    assert link["href"] == "../papers/ma2019qhadam.md#u-why"
    assert reported == []


def test_anchor_option_and_remarks(tmp_path):
    md, _ = make(tmp_path, page="papers/ma2019qhadam.md")
    html = soup(
        md,
        """\
        /// figure | ma2019qhadam#curves
            anchor: true

        A remark that belongs to *this* page.
        ///
        """,
    )
    card = html.select_one("div.pg-figure")
    assert card["id"] == "fig-curves"
    assert card.select_one(".pg-remark em").get_text() == "this"
    rows = {
        tr.find_all("td")[0].get_text(): tr.find_all("td")[1].get_text()
        for tr in card.select("tbody tr")
    }
    assert rows == {"x axis": "steps", "y axis": "loss (nats)"}
    assert card.select_one(".pg-figure-label a") is None  # no self-link on its own page


def test_formula_embed(tmp_path):
    md, _ = make(tmp_path)
    html = soup(md, "/// formula | ma2019qhadam#update\n///\n")
    box = html.select_one("div.pg-formula")
    assert "theta_{t+1}" in box.get_text()
    assert [td.get_text() for td in box.select("tbody td")][1] == "step size"


def test_missing_references_are_reported_and_shown(tmp_path):
    md, reported = make(tmp_path)
    html = soup(
        md,
        """\
        /// formula | ma2019qhadam#nope
        ///

        /// figure | nobody#x
        ///

        /// unknown | no-hash-here
        ///
        """,
    )
    assert len(html.select(".pg-embed-error")) == 3
    messages = [d.message for d in reported]
    assert any("has no formula 'nope'" in m for m in messages)
    assert any("no note with the key 'nobody'" in m for m in messages)
    assert any("is not an unknown category" in m for m in messages)
    assert all(d.path == "<markdown>" for d in reported)


def test_inline_unknown(tmp_path):
    md, reported = make(tmp_path)
    html = soup(
        md,
        """\
        /// unknown | wrong
            status: disputed

        The claim in *Table 2* does not follow.
        ///
        """,
    )
    callout = html.select_one("details.pg-unknown--wrong")
    assert callout["data-status"] == "disputed"
    assert callout.select_one("em").get_text() == "Table 2"
    assert reported == []


def test_blocks_inside_code_are_untouched(tmp_path):
    md, reported = make(tmp_path)
    html = soup(
        md,
        """\
        ```text
        /// formula | ma2019qhadam#update
        ///
        ```
        """,
    )
    assert html.select_one(".pg-formula") is None
    assert "/// formula" in html.select_one("code").get_text()
    assert reported == []
