"""The render context: frozen build and page records, and a KaTeX failure that stays the engine's.

Before, renderers wrote to one shared mutable object: one engine failure set ``katex = None``
and left every later formula of the build untypeset (and unreported).
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from paperguide.core.library.loading import load_library
from paperguide.core.site.settings import Settings
from paperguide.core.texmath.katex import Katex, find_dist
from paperguide.mdx.context import BuildContext, PageContext, PageText, RenderContext
from paperguide.mdx.embeds import EmbedsExtension
from paperguide.mdx.math import MathExtension
from paperguide.mdx.note_math import NoteMathChecker
from tests.helpers import MINIMAL_BIB, QHADAM_UPDATE_NOTE

NOTE = QHADAM_UPDATE_NOTE


@pytest.fixture
def broken_then_fixed(tmp_path):
    """A KaTeX whose script goes missing after it was found, and a way to put it back."""
    dist = tmp_path / "katex" / "dist"
    shutil.copytree(find_dist(Path.cwd()), dist)
    script = (dist / "katex.min.js").read_bytes()
    (dist / "katex.min.js").unlink()
    engine = Katex(dist)
    yield engine, lambda: (dist / "katex.min.js").write_bytes(script)
    engine.close()


def make(tmp_path, katex):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "references.bib").write_text(MINIMAL_BIB)
    (content / "papers" / "ma2019qhadam.yml").write_text(NOTE)
    reported = []
    context = RenderContext(
        library=load_library(Settings(content, tmp_path)),
        page_src_uri="notes/page.md",
        page_source="content/notes/page.md",
        report_to=reported.append,
        katex=katex,
    )
    extensions = [
        "pymdownx.superfences",
        "pymdownx.arithmatex",
        EmbedsExtension(context=context),
        MathExtension(context=context),
    ]
    configs = {"pymdownx.arithmatex": {"generic": True}}
    return (
        lambda: markdown.Markdown(extensions=extensions, extension_configs=configs),
        context,
        reported,
    )


def test_an_engine_failure_fails_its_formulas_and_the_next_page_tries_again(
    tmp_path, broken_then_fixed
):
    katex, repair = broken_then_fixed
    new_md, context, reported = make(tmp_path, katex)
    page = "Inline $a^2$ and\n\n$$b_1$$\n\n/// formula | ma2019qhadam#update\n///\n"
    html = BeautifulSoup(new_md().convert(page), "html.parser")
    # Nothing typeset, every formula visibly marked, the engine's problem reported once here.
    assert html.select(".katex") == []
    assert len(html.select(".pg-math-error")) == 4  # inline, display, formula, its symbol
    assert {d.message for d in reported} == {next(iter(reported)).message}
    assert "katex.min.js" in reported[0].message
    # The context still holds the engine: nothing in the build was switched off.
    assert context.katex is katex
    repair()
    html = BeautifulSoup(new_md().convert(page), "html.parser")
    assert len(html.select(".katex")) == 4
    assert html.select(".pg-math-error") == []


def test_build_and_page_records_are_frozen_and_replaced_whole():
    context = RenderContext(page_src_uri="a.md", page_text="first")
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.page.src_uri = "b.md"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.build.katex = None  # type: ignore[misc]
    with pytest.raises(AttributeError):
        context.katex = None  # type: ignore[misc]
    first = context.page
    context.start_page(PageContext("b.md", "content/b.md", True, PageText(lambda: "second")))
    assert (context.page_src_uri, context.page_generated, context.page_text()) == (
        "b.md",
        True,
        "second",
    )
    assert first.src_uri == "a.md" and first.text is not None and first.text() == "first"
    context.start_build()
    assert context.build == BuildContext()


def test_page_text_is_read_once_and_only_when_asked():
    reads = []
    text = PageText(lambda: reads.append(1) or "body")
    assert reads == []
    assert text() == text() == "body"
    assert reads == [1]


def test_a_new_build_reports_again_what_the_last_one_reported():
    reported = []
    context = RenderContext(report_to=reported.append)
    context.report("a mistake")
    context.report("a mistake")
    context.start_build()
    context.report("a mistake")
    assert len(reported) == 2


def test_loading_notes_survives_an_engine_that_does_not_start(tmp_path, broken_then_fixed):
    katex, _repair = broken_then_fixed
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "references.bib").write_text(MINIMAL_BIB)
    (content / "papers" / "ma2019qhadam.yml").write_text(NOTE)
    library = load_library(Settings(content, tmp_path), check_tex=NoteMathChecker(katex))
    assert list(library.notes) == ["ma2019qhadam"]
    assert library.errors == []
