"""Which page a ``Markdown`` instance renders for, re-established on every conversion.

Hosts point the shared render context at a page before creating its ``Markdown`` (MkDocs:
``on_page_markdown``). Some plugins create a parser for one page and convert with it later,
possibly many times from other pages' events: Material's blog renders a post's excerpt on the
blog index and on every archive and category page, long after the post itself. Citations there
must link relative to the post (the excerpt's link rewriting assumes the post's location) and
report mistakes against the post's file, once. So the page context current when the instance
was created (a frozen record) is kept and put back at the start of each conversion.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.preprocessors import Preprocessor

from .citation_state import PageCitations
from .context import PageContext, RenderContext


class RestorePage(Preprocessor):
    """Runs first: points the context back at the page this instance was made for."""

    def __init__(self, md: Markdown, context: RenderContext, page: PageCitations) -> None:
        super().__init__(md)
        self.context, self.page = context, page
        self.made_for: PageContext = context.page

    def run(self, lines: list[str]) -> list[str]:
        self.context.start_page(self.made_for)
        # Occurrences are counted per conversion, so a re-rendered excerpt finds the same
        # positions (and its diagnostics are the same ones, reported once).
        self.page.reported.clear()
        return lines
