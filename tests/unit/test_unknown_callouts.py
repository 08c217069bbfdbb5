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


def parts(callout):
    """(question, category badge, status badge) as shown in the callout's title line."""
    summary = callout.find("summary", recursive=False)
    assert summary is not None and callout.find(True) is summary  # a <details> opens with it
    return (
        summary.select_one(".pg-unknown-question").get_text(" ", strip=True),
        summary.select_one(".pg-badge.pg-unknown-category").get_text(strip=True),
        summary.select_one(".pg-badge.pg-unknown-status").get_text(strip=True),
    )


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_category_has_its_class_badge_and_guide_link(tmp_path, category):
    md, reported = make(tmp_path, guide=True)
    html = render(md, f"/// unknown | {category}\n\nThe question.\n///\n")
    callout = html.select_one("details.pg-unknown")
    assert callout["class"] == ["pg-unknown", f"pg-unknown--{category}"]
    # The question is the title; category and status are badges beside it.
    assert parts(callout) == ("The question.", labels.CATEGORY[category], "open")
    assert callout.has_attr("open")  # open questions are shown unfolded
    # The category is explained on the guide page, linked from the callout's body, and never
    # repeated inside the callout (the summary holds no link: it is the fold's one control).
    label = callout.select_one("a.pg-unknown-label")
    assert label["href"] == f"../guides/unknowns.md#{category}"
    assert label.find_parent("summary") is None
    assert not callout.select("summary a")
    assert labels.CATEGORY_DEFINITION[category] not in callout.get_text()
    assert reported == []


def test_no_guide_page_means_no_link(tmp_path):
    md, reported = make(tmp_path, guide=False)
    html = render(md, "/// unknown | hand-waved\n\nQ?\n///\n")
    callout = html.select_one("details.pg-unknown")
    assert parts(callout) == ("Q?", "Hand-waved", "open")
    assert callout.select_one("a") is None
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
    callout = html.select_one("details.pg-unknown--padding")
    assert callout["id"] == "u-appendix-b"
    assert callout["data-status"] == "resolved"
    assert not callout.has_attr("open")  # resolved questions start folded
    assert parts(callout) == ("Does the appendix add anything?", "Reviewer padding", "resolved")
    assert callout.select_one(".pg-where").get_text() == "Where: Appendix B"
    assert reported == []


def test_an_inline_question_of_several_paragraphs_keeps_the_rest_in_the_body(tmp_path):
    md, reported = make(tmp_path, guide=True)
    html = render(md, "/// unknown | wrong\n\nIs *eq. 3* right?\n\nIt drops a term.\n///\n")
    callout = html.select_one("details.pg-unknown--wrong")
    assert parts(callout)[0] == "Is eq. 3 right?"
    assert callout.select_one("summary em").get_text() == "eq. 3"
    body = [p.get_text() for p in callout.find_all("p")]
    assert "It drops a term." in body
    assert reported == []


def test_embedded_unknown_shows_answer_evidence_and_guide_link(tmp_path):
    md, reported = make(tmp_path, guide=True)
    html = render(md, "/// unknown | ma2019qhadam#why\n///\n")
    callout = html.select_one("details.pg-unknown--wrong")
    assert callout["data-status"] == "disputed"
    assert callout.has_attr("open")  # disputed questions are shown unfolded
    assert parts(callout) == ("Is eq. 3 right?", "Got wrong", "disputed")
    assert callout.select_one("a.pg-unknown-label")["href"] == "../guides/unknowns.md#wrong"
    # Off its own page, the callout links back to the guide page's anchor.
    assert callout.select_one(".pg-unknown-meta a")["href"] == "../papers/ma2019qhadam.md#u-why"
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
    callout = html.select_one("details.pg-unknown--assumed")
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
