"""The math extension and the formula breakdown under plain Python-Markdown (no MkDocs)."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from paperguide.core.library.loading import load_library
from paperguide.core.site.settings import Settings
from paperguide.core.texmath.katex import DIST_ENV, Katex
from paperguide.mdx.context import RenderContext
from paperguide.mdx.embeds import EmbedsExtension
from paperguide.mdx.math import MathExtension, MathTreeprocessor
from tests.helpers import MINIMAL_BIB

DIST = Path(os.environ[DIST_ENV]) if os.environ.get(DIST_ENV) else None

NOTE = textwrap.dedent("""\
    key: ma2019qhadam
    unknowns:
      - id: bad-prose
        category: assumed
        question: Is $\\badmacro{x}$ defined?
    formulas:
      - id: update
        title: Update
        tex: \\theta_{t+1} = \\theta_t - \\alpha\\, g_t + \\alpha
        symbols:
          - tex: \\alpha
            meaning: step *size*, see $\\eta$
            kind: scalar in $[0, 1)$
          - tex: \\theta_t
            meaning: the parameters
      - id: broken
        tex: x + \\notacommand
        symbols:
          - tex: x
            meaning: a variable
    """)


@pytest.fixture(scope="module")
def katex():
    engine = Katex(DIST) if DIST else Katex(Path("node_modules/katex/dist").resolve())
    yield engine
    engine.close()


def make(tmp_path, katex, page="notes/page.md", note=NOTE):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "references.bib").write_text(MINIMAL_BIB)
    (content / "papers" / "ma2019qhadam.yml").write_text(note)
    library = load_library(Settings(content, tmp_path))
    reported = []
    context = RenderContext(
        library=library,
        page_src_uri=page,
        page_source="content/notes/page.md",
        report_to=reported.append,
        katex=katex,
    )
    md = markdown.Markdown(
        extensions=[
            "attr_list",
            "tables",
            "pymdownx.superfences",
            "pymdownx.arithmatex",
            EmbedsExtension(context=context),
            MathExtension(context=context),
        ],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    return md, reported


def convert(md, text):
    md.reset()
    return BeautifulSoup(md.convert(textwrap.dedent(text)), "html.parser")


def test_every_math_syntax_becomes_katex_html(tmp_path, katex):
    md, reported = make(tmp_path, katex)
    html = convert(
        md,
        r"""
        Inline $a^2 + b^2$ and \(c < d\) math.

        $$
        \frac{a}{b} < 1 \quad \& \quad x > "y"
        $$

        \[
        \sum_i x_i
        \]

        \begin{align}
        a &= b \\
        c &= d
        \end{align}
        """,
    )
    assert len(html.select("span.arithmatex > .katex")) == 2
    assert len(html.select("div.arithmatex > .katex-display")) == 3
    text = html.get_text()
    for raw in ("\\(", "\\[", "$$", "$a^2"):
        assert raw not in text
    annotations = [a.get_text() for a in html.select("annotation")]
    assert r"\frac{a}{b} < 1 \quad \& \quad x > " + '"y"' in annotations[2]  # unescaped exactly
    assert reported == []
    assert html.find("script") is None


def test_math_in_code_is_left_alone(tmp_path, katex):
    md, _ = make(tmp_path, katex)
    html = convert(
        md,
        """
        Code `$x$` stays.

        ```text
        $$ y $$
        ```
        """,
    )
    assert html.select(".katex") == []
    assert "$x$" in html.select("code")[0].get_text()
    assert "$$ y $$" in html.select("code")[1].get_text()


def test_bad_tex_on_a_page_is_reported_against_the_page(tmp_path, katex):
    md, reported = make(tmp_path, katex)
    html = convert(md, r"Broken $\frac{a}{$ and fine $b$.")
    assert [d.path for d in reported] == ["content/notes/page.md"]
    assert "KaTeX parse error" in reported[0].message
    error = html.select_one(".pg-math-error")
    assert error is not None and error.get_text() == r"\frac{a}{"
    assert len(html.select(".katex")) == 1


def test_bad_tex_in_embedded_note_prose_names_the_note(tmp_path, katex):
    md, reported = make(tmp_path, katex)
    html = convert(md, "/// unknown | ma2019qhadam#bad-prose\n///\n")
    assert len(reported) == 1
    assert reported[0].path.endswith("content/papers/ma2019qhadam.yml")
    assert "badmacro" in reported[0].message
    assert html.select_one("[data-pg-source]") is None  # the marker does not reach the page


def test_breakdown_tags_symbols_and_builds_a_focusable_table(tmp_path, katex):
    md, reported = make(tmp_path, katex)
    html = convert(md, "/// formula | ma2019qhadam#update\n///\n")
    box = html.select_one("div.pg-formula")
    formula = box.select_one("div.pg-formula-math .katex-display")
    assert len(formula.select(".katex-html .pg-sym-0")) == 2  # alpha occurs twice
    assert len(formula.select(".katex-html .pg-sym-1")) == 1
    rows = box.select("table.pg-symbols tbody tr")
    assert [r["data-pg-sym"] for r in rows] == ["0", "1"]
    assert all(r["tabindex"] == "0" for r in rows)
    cells = rows[0].find_all("td")
    assert cells[0].select_one(".katex annotation").get_text() == r"\alpha"
    assert cells[1].select_one("em").get_text() == "size"  # meaning is Markdown
    assert cells[1].select_one(".katex") is not None  # ...with math
    assert cells[2].select_one(".katex") is not None  # kind keeps $...$ math
    assert "PGBREAKDOWN" not in str(html)
    assert reported == []


def test_a_formula_katex_rejects_is_reported_with_its_line(tmp_path, katex):
    md, reported = make(tmp_path, katex)
    html = convert(md, "/// formula | ma2019qhadam#broken\n///\n")
    assert len(reported) == 1
    problem = reported[0]
    assert problem.path.endswith("content/papers/ma2019qhadam.yml")
    assert problem.line == 17
    assert "formula 'broken'" in problem.message and "notacommand" in problem.message
    assert problem.field == "formulas[1].tex"
    assert html.select_one(".pg-math-error") is not None


def test_the_same_problem_is_reported_once_per_build(tmp_path, katex):
    md, reported = make(tmp_path, katex)
    convert(md, "/// formula | ma2019qhadam#broken\n///\n")
    convert(md, "/// formula | ma2019qhadam#broken\n///\n")
    assert len(reported) == 1


def test_without_katex_math_is_left_for_a_script(tmp_path):
    md, reported = make(tmp_path, None)
    html = convert(md, "Inline $x$.\n\n/// formula | ma2019qhadam#update\n///\n")
    assert html.select(".katex") == []
    assert html.select_one("span.arithmatex").get_text() == r"\(x\)"
    assert html.select_one("div.pg-formula-math").get_text().startswith(r"\[\theta_{t+1}")
    assert reported == []


def test_math_in_a_heading_reads_as_text_in_the_table_of_contents(katex):
    context = RenderContext(katex=katex)
    md = markdown.Markdown(
        extensions=["toc", "pymdownx.arithmatex", MathExtension(context=context)],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    html = BeautifulSoup(md.convert("## Tuning $\\alpha_1$ well\n"), "html.parser")
    assert md.toc_tokens[0]["name"] == "Tuning α1 well"
    assert html.h2.select_one(".katex") is not None
    assert html.h2.get("data-toc-label") is None


@pytest.fixture
def walks(monkeypatch):
    """How many times the math treeprocessor descended into an element."""
    calls = []
    walk = MathTreeprocessor._walk

    def counting(self, parent, source):
        calls.append(parent)
        return walk(self, parent, source)

    monkeypatch.setattr(MathTreeprocessor, "_walk", counting)
    return calls


def test_a_page_without_math_is_not_walked(tmp_path, katex, walks):
    md, _ = make(tmp_path, katex)
    convert(md, "Inline $x$.")  # a page with math first: what it noted does not carry over
    walks.clear()
    html = convert(
        md,
        """
        # A page

        Prose with *emphasis*, a [link](other.md) and `code`.

        - a list
        """,
    )
    assert walks == []
    assert html.h1.get_text() == "A page"


def test_math_only_in_embedded_note_prose_is_still_typeset(tmp_path, katex, walks):
    note = NOTE.replace(
        "unknowns:\n",
        "unknowns:\n  - id: good-prose\n    category: assumed\n    question: Is $x^2$ signed?\n",
    )
    md, reported = make(tmp_path, katex, note=note)
    html = convert(md, "No math here.\n\n/// unknown | ma2019qhadam#good-prose\n///\n")
    assert html.select_one(".pg-unknown .katex annotation").get_text() == "x^2"
    assert html.select_one("[data-pg-source]") is None
    assert reported == []
    assert walks


def test_inline_math_on_a_page_is_still_typeset(tmp_path, katex, walks):
    md, _ = make(tmp_path, katex)
    html = convert(md, "Just $x$.")
    assert html.select_one("span.arithmatex .katex annotation").get_text() == "x"
    assert walks
