"""An extension that applies only to the pages paperguide generates from notes.

MkDocs makes a new ``Markdown`` per page after ``on_page_markdown``, where the host sets the
render context's ``page_generated``; so ``extendMarkdown`` can tell which page it is building
for and leave a site's hand-written pages to the extensions the site chose itself.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from .context import RenderContext


class GeneratedPagesOnly(Extension):
    """Registers ``inner`` on generated pages, and nothing on the site's own pages."""

    def __init__(self, inner: Extension, **kwargs: Any) -> None:
        self.config = {"context": [RenderContext(), "RenderContext shared with the host"]}
        super().__init__(**kwargs)
        self.inner = inner

    def extendMarkdown(self, md: Markdown) -> None:
        context: RenderContext = self.getConfig("context")
        if context.page_generated:
            self.inner.extendMarkdown(md)
