"""The citation cards of a build, as MkDocs hosts them: the ``Markdown`` instance they are
converted with and the settings they depend on (``mdx/citation_cards.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown import Markdown

from ..core.library.references import References
from ..mdx.context import PageContext, RenderContext
from .page_key import canonical, versions

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def card_converter(config: MkDocsConfig, context: RenderContext) -> Markdown:
    """The ``Markdown`` instance a build's citation cards are converted with: the site's
    extensions, made as for a generated page (a card's text is note prose)."""
    previous = context.page
    context.start_page(PageContext(None, "citation cards", generated=True))
    try:
        return Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}
        )
    finally:
        context.start_page(previous)


def card_settings(config: MkDocsConfig, context: RenderContext, refs: References) -> str:
    """What a citation card's conversion depends on beyond its own text (``CardBook``)."""
    katex = context.katex
    csl = refs.csl
    return "\0".join(
        (
            versions(),
            katex.version if katex is not None else "",
            canonical(config.markdown_extensions),
            canonical(config.mdx_configs),
            repr(refs.options),
            f"{csl.name}:{csl.digest}" if csl is not None else "",
            refs.library.bibliography.digest,
        )
    )
