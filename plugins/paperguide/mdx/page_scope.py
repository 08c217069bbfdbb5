"""Which page a ``Markdown`` instance renders for, re-established on every conversion.

Hosts point the shared render context at a page before creating its ``Markdown`` (MkDocs:
``on_page_markdown``). Some plugins create a parser for one page and convert with it later,
possibly many times from other pages' events: Material's blog renders a post's excerpt on the
blog index and on every archive and category page, long after the post itself. Citations there
must link relative to the post (the excerpt's link rewriting assumes the post's location) and
report mistakes against the post's file, once. So the identity the context had when the
instance was created is captured and put back at the start of each conversion.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markdown import Markdown
from markdown.preprocessors import Preprocessor

from .citation_state import CitationState, PageCitations
from .context import RenderContext


@dataclass(frozen=True)
class PageIdentity:
    src_uri: str | None
    source: str
    generated: bool
    text_loader: Callable[[], str | None] | None


def capture(context: RenderContext, state: CitationState) -> PageIdentity:
    text = state.page_text
    loader = state.page_text_loader or ((lambda: text) if text is not None else None)
    state.page_text_loader = loader  # keep it reusable: later conversions read it again
    state.page_text = None
    return PageIdentity(context.page_src_uri, context.page_source, context.page_generated, loader)


class RestorePage(Preprocessor):
    """Runs first: points the context back at the page this instance was made for."""

    def __init__(
        self,
        md: Markdown,
        context: RenderContext,
        state: CitationState,
        page: PageCitations,
        identity: PageIdentity,
    ) -> None:
        super().__init__(md)
        self.context, self.state, self.page, self.identity = context, state, page, identity

    def run(self, lines: list[str]) -> list[str]:
        identity = self.identity
        self.context.page_src_uri = identity.src_uri
        self.context.page_source = identity.source
        self.context.page_generated = identity.generated
        if identity.text_loader is not None:
            self.state.set_page_text(identity.text_loader)
        # Occurrences are counted per conversion, so a re-rendered excerpt finds the same
        # positions (and its diagnostics are the same ones, reported once).
        self.page.reported.clear()
        return lines
