"""Blocks that show every record of a kind from one note (``/// unknowns | key``, ...), and the
error box and advice the record blocks share."""

from __future__ import annotations

import difflib
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any, ClassVar

from markdown import Markdown
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block, type_any, type_boolean

from ..core.notes.model import CATEGORIES
from .components import KINDS, ComponentRenderer
from .context import RenderContext


def error_box(parent: etree.Element, text: str) -> etree.Element:
    container = etree.SubElement(parent, "div", {"class": "admonition failure pg-embed-error"})
    title = etree.SubElement(container, "p", {"class": "admonition-title"})
    title.text = text
    return container


def did_you_mean(value: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
    expected = "expected one of: " + ", ".join(choices)
    return f"did you mean '{close[0]}'? {expected}" if close else expected


class SectionBlock(Block):
    """``/// unknowns | key``, ``/// figures | key``, ``/// formulas | key``: every record of a
    kind from one note, in the note's order (``category:`` narrows unknowns to one category).

    Guide pages use these, one block per section: pymdownx rebuilds a map of the whole page for
    every block it parses, so one block per record made a note with thousands of unknowns
    quadratic to render.
    """

    ARGUMENT = True
    KIND = ""
    # Every option is optional: the argument may carry the category ("key hand-waved"), and
    # cards get their anchors and fold their details by default on the note's own guide page,
    # which is what guide pages need without a YAML options header on every section (pymdownx
    # parses one per block).
    OPTIONS: ClassVar[dict[str, tuple[Any, Any]]] = {
        "anchor": (None, type_boolean),
        "fold": (None, type_boolean),
        "category": ("", type_any),
    }

    def on_markdown(self) -> str:
        return "block"

    def on_create(self, parent: etree.Element) -> etree.Element:
        context: RenderContext = self.config["context"]
        key, _, in_argument = str(self.argument).strip().partition(" ")
        note = context.library.note(key) if context.library else None
        if note is None and context.library and context.library.is_unloaded(key):
            return error_box(parent, f"Note not loaded: {key}")  # its problems are reported
        if note is None:
            context.report(
                f"'/// {self.NAME} | {key}': no note with the key '{key}'",
                "check the key against content/papers/",
            )
            return error_box(parent, f"Missing note: {key}")
        category = str(self.options["category"] or in_argument).strip()
        if category and category not in CATEGORIES:
            context.report(
                f"'category: {category}' is not an unknown category",
                did_you_mean(category, CATEGORIES),
            )
        renderer = ComponentRenderer(self.md, context, self.config.get("templates_dir"))
        assert context.library is not None
        own_page = context.page_src_uri == context.library.paper_src_uri(note.key)
        anchor = own_page if self.options["anchor"] is None else self.options["anchor"]
        fold = own_page if self.options["fold"] is None else self.options["fold"]
        section = etree.SubElement(parent, "div", {"class": f"pg-{self.NAME}"})
        for record in KINDS[self.KIND].records(note):
            if not category or getattr(record, "category", None) == category:
                renderer.render(section, self.KIND, note, record, anchor=anchor, fold=fold)
        return section


class UnknownsBlock(SectionBlock):
    NAME = "unknowns"
    KIND = "unknown"


class FiguresBlock(SectionBlock):
    NAME = "figures"
    KIND = "figure"


class FormulasBlock(SectionBlock):
    NAME = "formulas"
    KIND = "formula"


class NoteBlocksExtension(BlocksExtension):
    """A set of paperguide blocks (``BLOCKS``) sharing the page's render context and the folder
    searched first for component templates."""

    BLOCKS: ClassVar[tuple[type[Block], ...]] = ()

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            # Defaults must not be None: Python-Markdown turns None-defaulted options into booleans.
            "context": [
                RenderContext(),
                "RenderContext shared with the other paperguide extensions",
            ],
            "templates_dir": ["", "Directory searched first for component templates"],
        }
        super().__init__(**kwargs)

    def page_config(self, md: Markdown) -> dict[str, Any]:
        """More block configuration, made once per ``Markdown`` instance (for state the blocks
        of one conversion share)."""
        return {}

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        templates_dir = self.getConfig("templates_dir")
        config = {
            "context": self.getConfig("context"),
            "templates_dir": Path(templates_dir) if templates_dir else None,
            **self.page_config(md),
        }
        for block in self.BLOCKS:
            block_mgr.register(block, config)
