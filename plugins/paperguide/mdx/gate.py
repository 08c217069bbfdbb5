"""``$`` math (``pymdownx.arithmatex``) for a site that did not enable it: only in note text.

MkDocs makes a new ``Markdown`` per page after ``on_page_markdown``, where the host points the
render context at the page; so ``extendMarkdown`` can tell which page it is building for. Pages
generated from notes get arithmatex as is. The site's own pages keep ``$5``, ``$HOME`` and
``\\(x86\\)`` as written: there arithmatex reads only the note prose that an embed block
(``/// unknown | key#id``) brings in, exactly as on the note's own page. Embedded prose is parsed
inside a :data:`NOTE_TAG` container (renamed ``div`` once inline processing is done), so the
inline pattern can tell by its ancestors, and its blocks are parsed inside :func:`note_prose`,
so the block processor can tell by that.

What the gate knows is its own, per ``Markdown`` instance (:func:`reads_math_only_in_notes`,
:func:`note_prose`): it travels with the instance when another plugin converts with it later.
"""

from __future__ import annotations

import re
import weakref
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from ._compat import inline_ancestors, registered_priority
from .context import RenderContext

#: The tag of an embedded note component's container while the page is being parsed.
NOTE_TAG = "pg-note"
#: Names under which pymdownx.arithmatex registers its processors.
ARITHMATEX_INLINE = "arithmatex-inline"
ARITHMATEX_BLOCK = "arithmatex-block"

#: Instances that read "$" math only in embedded note prose.
_GATED: weakref.WeakSet[Markdown] = weakref.WeakSet()
#: How deep each gated instance is in embedded note prose right now.
_DEPTH: weakref.WeakKeyDictionary[Markdown, int] = weakref.WeakKeyDictionary()


def reads_math_only_in_notes(md: Markdown) -> bool:
    """Whether ``md`` reads "$" math only inside embedded note prose (a site's own page)."""
    return md in _GATED


@contextmanager
def note_prose(md: Markdown) -> Iterator[None]:
    """While parsing embedded note prose with ``md``, its math blocks are read."""
    _DEPTH[md] = _DEPTH.get(md, 0) + 1
    try:
        yield
    finally:
        _DEPTH[md] -= 1


class _InlineInNotes(InlineProcessor):
    """An inline pattern that matches only inside embedded note prose."""

    def __init__(self, inner: InlineProcessor, md: Markdown) -> None:
        super().__init__(inner.pattern, md)
        self.inner = inner
        self.compiled_re: re.Pattern[str] = inner.compiled_re

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[Any, int | None, int | None]:
        if NOTE_TAG not in inline_ancestors(self.md):
            return None, None, None
        return self.inner.handleMatch(m, data)


class _BlockInNotes(BlockProcessor):
    """A block processor that applies only while embedded note prose is parsed."""

    def __init__(self, inner: BlockProcessor) -> None:
        super().__init__(inner.parser)
        self.inner = inner

    def test(self, parent: etree.Element, block: str) -> bool:
        in_notes = _DEPTH.get(self.parser.md, 0) > 0
        return in_notes and bool(self.inner.test(parent, block))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool | None:
        return self.inner.run(parent, blocks)


class _NoteTagToDiv(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter(NOTE_TAG):
            element.tag = "div"


class GeneratedPagesOnly(Extension):
    """``inner`` (arithmatex) on generated pages; on the site's own pages, in note text only."""

    def __init__(self, inner: Extension, **kwargs: Any) -> None:
        self.config = {"context": [RenderContext(), "RenderContext shared with the host"]}
        super().__init__(**kwargs)
        self.inner = inner

    def extendMarkdown(self, md: Markdown) -> None:
        context: RenderContext = self.getConfig("context")
        if context.page_generated:
            self.inner.extendMarkdown(md)
            return
        _GATED.add(md)
        escaped = list(md.ESCAPED_CHARS)
        self.inner.extendMarkdown(md)
        md.ESCAPED_CHARS = escaped  # "\$" stays as written on the site's own pages
        if ARITHMATEX_INLINE in md.inlinePatterns:
            inline = md.inlinePatterns[ARITHMATEX_INLINE]
            priority = registered_priority(md.inlinePatterns, ARITHMATEX_INLINE)
            md.inlinePatterns.register(_InlineInNotes(inline, md), ARITHMATEX_INLINE, priority)
        blocks = md.parser.blockprocessors
        if ARITHMATEX_BLOCK in blocks:
            block = blocks[ARITHMATEX_BLOCK]
            priority = registered_priority(blocks, ARITHMATEX_BLOCK)
            blocks.register(_BlockInNotes(block), ARITHMATEX_BLOCK, priority)
        # After inline processing (20), before the math treeprocessor and the rest.
        md.treeprocessors.register(_NoteTagToDiv(md), "pg-note-tag", 19.5)
