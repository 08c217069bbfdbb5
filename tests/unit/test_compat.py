"""The private library internals paperguide relies on (mdx/_compat.py), checked against the
installed Python-Markdown, pymdown-extensions and MkDocs, so an upgrade that changes one fails
here first."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import ClassVar

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_any

from paperguide.mdx import _compat


class _Probe(InlineProcessor):
    """Records, for each ``%%`` it meets, the ancestors and the stashed node before it."""

    seen: ClassVar[list[tuple[list[str], object]]] = []

    def handleMatch(self, m: re.Match[str], data: str):  # type: ignore[override]
        before = data[: m.start()]
        ident = ""
        if before.endswith(markdown.util.ETX):
            start = before.rfind(markdown.util.STX)
            ident = before[start:-1].removeprefix(markdown.util.INLINE_PLACEHOLDER_PREFIX)
        node = _compat.inline_stashed_node(self.md, ident) if ident else None
        _Probe.seen.append((_compat.inline_ancestors(self.md), node))
        return etree.Element("span"), m.start(), m.end()


class _ProbeExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(_Probe(r"%%", md), "probe", 10)  # after emphasis


def test_inline_ancestors_and_stashed_nodes_are_what_inline_patterns_see():
    _Probe.seen = []
    md = markdown.Markdown(extensions=[_ProbeExtension()])
    md.convert("*emphasis %%* and a break  \n%%")
    (inside, _), (after_break, node) = _Probe.seen
    assert "em" in inside and "p" in inside
    assert "em" not in after_break
    assert isinstance(node, etree.Element) and node.tag == "br"
    assert _compat.inline_ancestors(markdown.Markdown()) == []  # outside inline processing


def test_registered_priority_reads_the_priority_a_processor_was_registered_with():
    md = markdown.Markdown(extensions=["pymdownx.arithmatex"])
    assert _compat.registered_priority(md.inlinePatterns, "arithmatex-inline") > 0
    md.inlinePatterns.register(_Probe(r"%%", md), "probe", 123.5)
    assert _compat.registered_priority(md.inlinePatterns, "probe") == 123.5


class _Note(_compat.KeepsUnknownOptions, Block):
    NAME = "note-probe"
    OPTIONS: ClassVar[dict[str, tuple[object, object]]] = {"known": ("", type_any)}

    def on_create(self, parent: etree.Element) -> etree.Element:
        element = etree.SubElement(parent, "div")
        element.set("data-unknown", ",".join(self.unknown_options))
        return element


class _NoteExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr) -> None:  # type: ignore[override]
        block_mgr.register(_Note, {})


def test_a_block_with_an_unknown_option_stays_a_block_and_names_it():
    html = markdown.markdown(
        "/// note-probe\n    known: 1\n    typo: 2\nText.\n///\n", extensions=[_NoteExtension()]
    )
    assert 'data-unknown="typo"' in html and "Text." in html
    # Without the override pymdownx drops the block back to text (the reason it exists).
    plain = markdown.markdown(
        "/// plain-probe\n    typo: 2\nText.\n///\n", extensions=[_PlainExtension()]
    )
    assert "///" in plain


class _Plain(Block):
    NAME = "plain-probe"
    OPTIONS: ClassVar[dict[str, tuple[object, object]]] = {}

    def on_create(self, parent: etree.Element) -> etree.Element:
        return etree.SubElement(parent, "div")


class _PlainExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr) -> None:  # type: ignore[override]
        block_mgr.register(_Plain, {})


def test_mkdocs_still_names_its_raw_html_preprocessor_so():
    import mkdocs.structure.pages as pages

    source = Path(pages.__file__).read_text("utf-8")
    assert f'"{_compat.MKDOCS_RAW_HTML}"' in source
