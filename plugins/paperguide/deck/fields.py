"""Card fields as HTML: note prose as Markdown, data as escaped text, math as KaTeX's HTML.

The same kinds of field are treated as on the guide page: prose (questions, answers, meanings,
what a figure shows) is Markdown; labels are plain text; axes, units and a symbol's kind are
plain text in which ``$...$`` is math. What differs is what leaves the site (see
:mod:`paperguide.mdx.standalone`): no raw HTML, web links only, citations as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from markdown import Markdown
from pymdownx.arithmatex import ArithmatexExtension

from ..core.base.diagnostics import Diagnostic
from ..core.base.markdown_text import escape_math_text
from ..core.library.library import Library
from ..core.texmath.katex import MATH_TAG, Katex, KatexError, KatexUnavailable
from ..mdx.context import PageContext, RenderContext
from ..mdx.math import MathExtension
from ..mdx.plain_citations import PlainCitationsExtension
from ..mdx.standalone import StandaloneExtension

Reporter = Callable[[Diagnostic], None]
#: A tag in HTML we wrote: text has its "<" and ">" escaped, attribute values their quotes.
_TAG = re.compile(r"<[^<>]*>")


def for_card(rendered: str) -> str:
    """HTML with KaTeX's math made plain for a card.

    The site renames KaTeX's outer element to keep math out of its search index (see
    ``texmath.katex``); a card has no search index, so it is the ``<span class="katex">`` KaTeX
    wrote again. KaTeX breaks long SVG path data over lines, which genanki's check of field
    HTML takes for a broken tag; inside a tag a line break is a space, so it becomes one.
    """
    opening = f'<{MATH_TAG} class="katex" data-search-exclude>'
    rendered = rendered.replace(opening, '<span class="katex">').replace(
        f"</{MATH_TAG}>", "</span>"
    )
    return _TAG.sub(lambda m: m.group(0).replace("\n", " "), rendered)


class FieldRenderer:
    """Renders the fields of one library's cards; ``katex`` ``None`` leaves math as TeX."""

    def __init__(self, library: Library, katex: Katex | None, report: Reporter) -> None:
        self.katex = katex
        self.context = RenderContext(library=library, katex=katex, report_to=report)
        self.md = Markdown(
            extensions=[
                StandaloneExtension(),
                ArithmatexExtension(generic=True),
                MathExtension(context=self.context),
                PlainCitationsExtension(bibliography=library.bibliography),
                "tables",
                "fenced_code",
                "sane_lists",
            ]
        )

    def start_note(self, source: str) -> None:
        """Name the note whose fields follow, for the diagnostics of bad math."""
        self.context.start_page(PageContext(None, source, generated=True))

    def markdown(self, text: str | None) -> str:
        """Prose (Markdown) as HTML."""
        if not text or not text.strip():
            return ""
        self.md.reset()
        return for_card(self.md.convert(text.strip()))

    def inline(self, text: str | None) -> str:
        """Prose of one line (a meaning, a label with math) as HTML without the paragraph."""
        out = self.markdown(text)
        if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            return out[3:-4]
        return out

    def plain(self, text: str | None) -> str:
        """Data as HTML text: every character as typed."""
        return html.escape(" ".join((text or "").split()), quote=True)

    def math_text(self, text: str | None) -> str:
        """Data in which ``$...$`` spans are math (axes, units, a symbol's kind)."""
        if not text:
            return ""
        # The page's own rule: everything outside the math spans is escaped to inert text.
        return self.inline(escape_math_text(text))

    def tex(self, tex: str, *, display: bool) -> str:
        """One formula as KaTeX's HTML; its TeX in ``<code>`` when it cannot be typeset (the
        note's mistake was reported when the library loaded)."""
        if self.katex is not None:
            try:
                return for_card(self.katex.render(tex, display=display))
            except (KatexError, KatexUnavailable):
                pass
        return f"<code>{self.plain(tex)}</code>"
