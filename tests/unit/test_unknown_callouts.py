"""The unknown callouts under plain Python-Markdown: categories, options, guide links, mistakes."""

from __future__ import annotations

import textwrap

import markdown
import pytest
from bs4 import BeautifulSoup

from paperguide.core.library.loading import load_library
from paperguide.core.notes import labels
from paperguide.core.notes.model import CATEGORIES
from paperguide.core.site.settings import Settings
from paperguide.mdx.context import RenderContext
from paperguide.mdx.embeds import EmbedsExtension
from tests.helpers import MINIMAL_BIB

NOTE = textwrap.dedent("""\
    key: ma2019qhadam
    unknowns:
      - id: why
        category: wrong
        question: Is eq. 3 right?
        status: disputed
        answer: Only in the limit.
        evidence: ["@kingma2015adam", "https://example.com/x"]
    """)


def make(tmp_path, *, guide: bool, page: str = "notes/page.md"):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True, exist_ok=True)
    (content / "references.bib").write_text(MINIMAL_BIB)
    (content / "papers" / "ma2019qhadam.yml").write_text(NOTE)
    if guide:
        (content / "guides").mkdir(exist_ok=True)
        (content / "guides" / "unknowns.md").write_text("# Unknowns\n")
    library = load_library(Settings(content, tmp_path))
    assert library.errors == []
    reported = []
    context = RenderContext(library=library, page_src_uri=page, report_to=reported.append)
    md = markdown.Markdown(extensions=["attr_list", EmbedsExtension(context=context)])
    return md, reported


def render(md, text):
    md.reset()
    return BeautifulSoup(md.convert(textwrap.dedent(text)), "html.parser")


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_category_has_its_class_label_definition_and_guide_link(tmp_path, category):
    md, reported = make(tmp_path, guide=True)
    html = render(md, f"/// unknown | {category}\n\nThe question.\n///\n")
    callout = html.select_one("div.pg-unknown")
    assert callout["class"] == ["admonition", "pg-unknown", f"pg-unknown--{category}"]
    label = callout.select_one(".admonition-title a.pg-unknown-label")
    assert label.get_text() == labels.CATEGORY[category]
    assert label["href"] == f"../guides/unknowns.md#{category}"
    definition = callout.select_one(".pg-unknown-definition").get_text()
    assert definition == labels.CATEGORY_DEFINITION[category]
    assert callout.select_one(".pg-unknown-status").get_text() == "open"
    assert "The question." in callout.get_text()
    assert reported == []


def test_no_guide_page_means_no_link(tmp_path):
    md, reported = make(tmp_path, guide=False)
    html = render(md, "/// unknown | hand-waved\n\nQ?\n///\n")
    label = html.select_one(".pg-unknown-label")
    assert label.name == "span" and label.get_text() == "Hand-waved"
    assert html.select_one(".admonition-title a") is None
    assert reported == []


def test_inline_options_status_id_and_where(tmp_path):
    md, reported = make(tmp_path, guide=True)
    html = render(
        md,
        """\
        /// unknown | padding
            status: resolved
            id: appendix-b
            where: Appendix B

        Does the appendix add anything?
        ///
        """,
    )
    callout = html.select_one("div.pg-unknown--padding")
    assert callout["id"] == "u-appendix-b"
    assert callout["data-status"] == "resolved"
    assert callout.select_one(".pg-where").get_text() == "Where: Appendix B"
    assert reported == []


def test_embedded_unknown_shows_answer_evidence_and_guide_link(tmp_path):
    md, reported = make(tmp_path, guide=True)
    html = render(md, "/// unknown | ma2019qhadam#why\n///\n")
    callout = html.select_one("div.pg-unknown--wrong")
    assert callout["data-status"] == "disputed"
    assert callout.select_one("a.pg-unknown-label")["href"] == "../guides/unknowns.md#wrong"
    assert "Only in the limit." in callout.get_text()
    evidence = [li.get_text(strip=True) for li in callout.select("ul li")]
    # A URL shows a short label; the link keeps the full URL (core/base/link_labels.py).
    assert evidence == ["[@kingma2015adam]", "example.com/x"]
    assert callout.select_one("ul li a.pg-evidence-link")["href"] == "https://example.com/x"
    assert reported == []


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (
            "/// unknown | hand-wavy\n\nQ?\n///\n",
            "'/// unknown | hand-wavy': 'hand-wavy' is not an unknown category",
            "did you mean 'hand-waved'?",
        ),
        (
            "/// unknown\n\nQ?\n///\n",
            "'/// unknown' needs a category or a note's unknown",
            "write '/// unknown | <category>'",
        ),
    ],
)
def test_a_bad_category_is_reported_and_shown_not_turned_into_text(tmp_path, text, message, hint):
    md, reported = make(tmp_path, guide=True)
    html = render(md, text)
    box = html.select_one("div.pg-embed-error")
    assert box is not None, "the block must not fall back to plain text"
    assert "///" not in html.get_text()
    assert box.select_one(".pg-remark").get_text(strip=True) == "Q?"  # the body is kept
    (problem,) = reported
    assert problem.message == message
    assert problem.hint.startswith(hint)


def test_bad_options_are_reported_and_the_callout_still_renders(tmp_path):
    md, reported = make(tmp_path, guide=True)
    html = render(
        md,
        """\
        /// unknown | assumed
            status: opne
            id: Not A Slug
            colour: red
            anchor: maybe

        Q?
        ///
        """,
    )
    callout = html.select_one("div.pg-unknown--assumed")
    assert callout is not None and "///" not in html.get_text()
    assert callout["data-status"] == "open"  # fell back to the default
    assert not callout.has_attr("id")
    messages = sorted(d.message for d in reported)
    assert messages == [
        "'/// unknown' has no option 'colour'",
        "'anchor: maybe' is not true or false",
        "'id: Not A Slug' is not a valid id",
        "'status: opne' is not an unknown status",
    ]
    status = next(d for d in reported if d.message.startswith("'status"))
    assert status.hint.startswith("did you mean 'open'?")
