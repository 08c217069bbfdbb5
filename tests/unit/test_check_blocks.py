"""The self-check blocks (``/// checks``, ``/// check`` with ``/// answer``) under plain
Python-Markdown, given a Library: question first, the answer folded in a native <details>."""

from __future__ import annotations

import textwrap

import markdown
import pytest
from bs4 import BeautifulSoup

from paperguide.core.library.loading import load_library
from paperguide.core.site.settings import Settings
from paperguide.mdx.checks import ChecksExtension
from paperguide.mdx.context import RenderContext
from paperguide.mdx.embeds import EmbedsExtension
from tests.helpers import MINIMAL_BIB

NOTE = textwrap.dedent("""\
    key: ma2019qhadam
    unknowns:
      - id: why
        category: hand-waved
        question: Why does *this* work?
    figures:
      - id: curves
        label: Figure 2
    formulas:
      - id: update
        title: Update <rule>
        tex: \\theta_{t+1} = \\theta_t - \\alpha g_t
        symbols:
          - tex: \\alpha
            meaning: step size
    checks:
      - question: What is *α*?
        answer: |
          The step size.

          ```python
          step = lr * grad
          ```
        about: update#\\alpha
      - question: Which figure?
        answer: Figure 2.
        about: curves
      - question: No about here.
        answer: Fine.
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
        extensions=[
            "attr_list",
            "pymdownx.superfences",
            EmbedsExtension(context=context),
            ChecksExtension(context=context),
        ]
    )
    return md, reported


def soup(md, text):
    md.reset()
    return BeautifulSoup(md.convert(textwrap.dedent(text)), "html.parser")


def test_a_notes_checks_render_question_then_folded_answer_then_about(tmp_path):
    md, reported = make(tmp_path)
    html = soup(md, "/// checks | ma2019qhadam\n///\n")
    assert reported == []
    checks = html.select(".pg-checks > .pg-check")
    assert len(checks) == 3
    first = checks[0]
    parts = [c for c in first.children if getattr(c, "name", None)]
    assert [p.name for p in parts] == ["div", "details", "div"]
    assert parts[0]["class"] == ["pg-check-question"]
    assert parts[0].em.get_text() == "α"
    details = parts[1]
    assert not details.has_attr("open")  # the answer starts hidden
    assert details.summary.get_text() == "Show answer"
    assert details.select_one(".pg-check-answer-body pre code") is not None
    # What the check is about links to its record on the note's guide page.
    about = parts[2]
    assert about["class"] == ["pg-check-about"]
    assert about.a["href"] == "../papers/ma2019qhadam.md#formula-update"
    assert "in Update <rule>" in about.get_text()  # a title is data: shown as written
    assert checks[1].select_one(".pg-check-about a")["href"].endswith("#fig-curves")
    assert checks[2].select_one(".pg-check-about") is None
    # Anchors only on the note's own guide page.
    assert not any(c.has_attr("id") for c in checks)


def test_checks_on_the_guide_page_get_anchors_and_local_links(tmp_path):
    md, _ = make(tmp_path, page="papers/ma2019qhadam.md")
    html = soup(md, "/// checks | ma2019qhadam\n///\n")
    assert [c["id"] for c in html.select(".pg-check")] == ["check-1", "check-2", "check-3"]
    assert html.select_one("#check-2 .pg-check-about a")["href"] == "#fig-curves"


def test_a_page_check_takes_its_question_and_nested_answer(tmp_path):
    md, reported = make(tmp_path)
    html = soup(
        md,
        """\
        /// check | ma2019qhadam#why
        Why does the **update** work?

        Think about it.

        /// answer
        Because *of this*.
        ///
        ///
        """,
    )
    assert reported == []
    check = html.select_one(".pg-check")
    question, details, about = [c for c in check.children if getattr(c, "name", None)]
    assert question["class"] == ["pg-check-question"]
    assert [p.get_text() for p in question.find_all("p")] == [
        "Why does the update work?",
        "Think about it.",
    ]
    assert details.name == "details" and details.summary.get_text() == "Show answer"
    assert details.select_one(".pg-check-answer-body em").get_text() == "of this"
    assert about.a["href"] == "../papers/ma2019qhadam.md#u-why"


@pytest.mark.parametrize(
    "text,needle",
    [
        ("/// check\nA question only.\n///\n", "'/// check' has no answer"),
        ("/// check\n/// answer\nA.\n///\n///\n", "'/// check' has no question"),
        ("/// answer\nA.\n///\n", "'/// answer' outside a '/// check'"),
        (
            "/// check | ma2019qhadam#nope\nQ?\n\n/// answer\nA.\n///\n///\n",
            "no unknown, figure or formula with id 'nope'",
        ),
        ("/// check | nokey#why\nQ?\n\n/// answer\nA.\n///\n///\n", "no note with the key"),
        ("/// checks | nokey\n///\n", "no note with the key 'nokey'"),
    ],
)
def test_each_block_mistake_is_one_diagnostic(tmp_path, text, needle):
    md, reported = make(tmp_path)
    soup(md, text)
    assert len(reported) == 1, [d.format() for d in reported]
    assert needle in reported[0].message
    assert reported[0].hint
