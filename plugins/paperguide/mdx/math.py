"""Build-time math: ``pymdownx.arithmatex`` (generic mode) output typeset with KaTeX.

Arithmatex finds the math (``$...$``, ``\\(...\\)``, ``$$...$$``, ``\\[...\\]``, ``\\begin{..}``)
with its tokenised inline and block processors, so code spans and fences are never touched; it
leaves ``<span class="arithmatex">\\(...\\)</span>`` and ``<div class="arithmatex">\\[...\\]</div>``
in the tree. This treeprocessor, running after inline processing, replaces their text with
KaTeX's HTML (through the HTML stash), so the page needs no math JavaScript.

Bad TeX is reported through the render context, naming the page, or the note whose prose it
came from: embeds mark their container with :func:`mark_source`, and the mark is removed here.

Most pages hold no math, so the tree is walked only when the conversion could have produced
some: a preprocessor looks for what every arithmatex pattern starts with in the page's text and
in note prose parsed into it (``render_markdown_into`` runs it too), and a marked container
(whose note text may reach arithmatex without passing any preprocessor, as a symbol's meaning
does) asks for the walk as well.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..core.base.diagnostics import Diagnostic, Severity
from ..core.texmath.katex import KatexError, KatexUnavailable
from .context import RenderContext

#: Attribute an embed sets on its container: the note file its prose comes from.
SOURCE_ATTR = "data-pg-source"

MATH_CLASS = "arithmatex"
MATH_TREEPROCESSOR = "paperguide-math"
MATH_SCAN = "paperguide-math-scan"
ERROR_CLASS = "pg-math-error"
SUPPORTED_HINT = "check the TeX; KaTeX lists what it supports at https://katex.org/docs/supported"

#: How arithmatex escapes block math, undone before typesetting.
ARITHMATEX_ESCAPES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&amp;", "&"))

#: What each of arithmatex's patterns needs in the text (``$``, ``\(``, ``$$``, ``\[``,
#: ``\begin{``; see ``RE_*_INLINE`` and ``RE_*_BLOCK`` in ``pymdownx.arithmatex``), whichever
#: syntaxes and wrappers are configured: text without any of them holds no math.
MATH_START = re.compile(r"\$|\\[(\[]|\\begin\{")


def short(tex: str, limit: int = 60) -> str:
    """TeX on one line, shortened for a message."""
    flat = " ".join(tex.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def expect_math(md: Markdown) -> None:
    """Text that reached the tree without the preprocessors (a card's, a symbol's meaning)
    may hold math: the next run of the math treeprocessor walks the tree."""
    if MATH_TREEPROCESSOR not in md.treeprocessors:  # Registry has no .get()
        return
    tree = md.treeprocessors[MATH_TREEPROCESSOR]
    if isinstance(tree, MathTreeprocessor):
        tree.pending = True


def mark_source(md: Markdown, container: etree.Element, source: str) -> None:
    """Report bad TeX in ``container``'s prose against the note file ``source`` (on pages that
    typeset math; elsewhere nothing is marked)."""
    if MATH_TREEPROCESSOR not in md.treeprocessors:
        return
    container.set(SOURCE_ATTR, source)
    expect_math(md)


class MathTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, context: RenderContext) -> None:
        super().__init__(md)
        self.context = context
        #: Whether this conversion may have left math or source marks in the tree; read and
        #: cleared by :meth:`run`, so the next conversion starts without it.
        self.pending = False

    def _wraps(self) -> tuple[tuple[str, str], tuple[str, str], str]:
        """Arithmatex's inline and block wrappers and block tag, as configured on this page."""
        inline, block, block_tag = ("\\(", "\\)"), ("\\[", "\\]"), "div"
        for ext in self.md.registeredExtensions:
            if type(ext).__module__ == "pymdownx.arithmatex":
                inline = tuple(ext.getConfig("tex_inline_wrap"))  # type: ignore[assignment]
                block = tuple(ext.getConfig("tex_block_wrap"))  # type: ignore[assignment]
                block_tag = ext.getConfig("block_tag")
        return inline, block, block_tag

    def run(self, root: etree.Element) -> None:
        pending, self.pending = self.pending, False
        if not pending:
            return
        self.wraps = self._wraps()
        self.rendered: dict[etree.Element, str] = {}  # math element -> KaTeX HTML, for headings
        self._walk(root, self.context.page_source)

    def _walk(self, parent: etree.Element, source: str) -> None:
        for element in parent:
            origin = element.attrib.pop(SOURCE_ATTR, None) or source
            if _is_math(element):
                if self.context.katex is not None:
                    self._typeset(element, origin)
                continue
            self._walk(element, origin)
            if element.tag in _HEADINGS and "data-toc-label" not in element.attrib:
                self._label_heading(element)

    def _label_heading(self, heading: etree.Element) -> None:
        """Give the table of contents ``α`` for math in a heading, not KaTeX's three copies."""
        if not any(e in self.rendered for e in heading.iter()):
            return
        parts: list[str] = []

        def visit(element: etree.Element) -> None:
            if element in self.rendered:
                parts.append(_MathText.of(self.rendered[element]))
            else:
                parts.append(element.text or "")
                for child in element:
                    visit(child)
            if element is not heading:
                parts.append(element.tail or "")

        visit(heading)
        heading.set("data-toc-label", " ".join("".join(parts).split()))

    def _typeset(self, element: etree.Element, source: str) -> None:
        (i_open, i_close), (b_open, b_close), block_tag = self.wraps
        text = str(element.text)
        display = element.tag == block_tag and _wrapped(text, b_open, b_close)
        if display:
            tex = text[len(b_open) : len(text) - len(b_close)]
            for escaped, char in ARITHMATEX_ESCAPES:  # block math arrives HTML-escaped
                tex = tex.replace(escaped, char)
        elif _wrapped(text, i_open, i_close):
            tex = text[len(i_open) : len(text) - len(i_close)]
        else:
            return  # not arithmatex's generic output; leave it alone
        katex = self.context.katex
        assert katex is not None
        kind = "display" if display else "inline"
        try:
            rendered = katex.render_full(tex.strip(), display=display)
        except KatexError as exc:
            if not self.context.reported_at_note(tex.strip()):
                self.context.report_diagnostic(
                    Diagnostic(
                        source,
                        None,
                        None,
                        f"bad TeX in {kind} math '{short(tex)}': {exc}",
                        hint=SUPPORTED_HINT,
                    )
                )
            element.set("class", f"{element.get('class', MATH_CLASS)} {ERROR_CLASS}")
            element.set("title", str(exc))
            element.text = AtomicString(tex)
            return
        except KatexUnavailable as exc:
            # The engine could not start: this formula keeps its TeX, marked, and the next one
            # tries again (the engine's own state); the build's configuration is untouched.
            self.context.report_diagnostic(Diagnostic(source, None, None, str(exc), hint=exc.hint))
            element.set("class", f"{element.get('class', MATH_CLASS)} {ERROR_CLASS}")
            element.set("title", str(exc))
            element.text = AtomicString(tex)
            return
        for warning in rendered.warnings:
            self.context.report_diagnostic(
                Diagnostic(
                    source,
                    None,
                    None,
                    f"TeX '{short(tex)}': {warning}",
                    hint="KaTeX renders it, but LaTeX would not",
                    severity=Severity.INFO,
                )
            )
        element.text = AtomicString(self.md.htmlStash.store(rendered.html))
        self.rendered[element] = rendered.html


class _MathScan(Preprocessor):
    """Tells the treeprocessor when text that arithmatex could match goes through the parser."""

    def __init__(self, md: Markdown, tree: MathTreeprocessor) -> None:
        super().__init__(md)
        self.tree = tree

    def run(self, lines: list[str]) -> list[str]:
        if not self.tree.pending and MATH_START.search("\n".join(lines)):
            self.tree.pending = True
        return lines


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _MathText(HTMLParser):
    """The characters of KaTeX's MathML (``α``), without the TeX annotation or the HTML copy."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <math>, outside <annotation>
        self.skip = 0
        self.text: list[str] = []

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        parser.close()
        return "".join(parser.text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag == "math"
        self.skip += tag == "annotation"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "math"
        self.skip -= tag == "annotation"

    def handle_data(self, data: str) -> None:
        if self.depth > 0 and self.skip == 0:
            self.text.append(data)


def _is_math(element: etree.Element) -> bool:
    classes = (element.get("class") or "").split()
    return MATH_CLASS in classes and len(element) == 0 and bool(element.text)


def _wrapped(text: str, opening: str, closing: str) -> bool:
    return (
        len(text) >= len(opening) + len(closing)
        and text.startswith(opening)
        and (text.endswith(closing))
    )


class MathExtension(Extension):
    """Typesets arithmatex's math with KaTeX at build time (``context.katex``)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "context": [
                RenderContext(),
                "RenderContext shared with the other paperguide extensions",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        tree = MathTreeprocessor(md, self.getConfig("context"))
        # After inline processing (20), which is where arithmatex's inline math appears.
        md.treeprocessors.register(tree, MATH_TREEPROCESSOR, 19)
        # After snippets are inserted (32) and fences set aside (25), before raw HTML blocks
        # are stashed (20): md_in_html parses their Markdown later, from the stash.
        md.preprocessors.register(_MathScan(md, tree), MATH_SCAN, 20.5)


def makeExtension(**kwargs: Any) -> MathExtension:
    return MathExtension(**kwargs)
